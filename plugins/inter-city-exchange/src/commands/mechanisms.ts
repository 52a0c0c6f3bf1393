import {
  assertKnownDistrict,
  audit,
  inputError,
  notFound,
  type RequestContext,
  requirePermissionIn,
} from '@cppcc/plugin-sdk';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
  type CooperationMechanism,
} from '../entities/cooperation-mechanism.entity.js';
import {
  PartnerCommitteeSchema,
  type PartnerCommittee,
} from '../entities/partner-committee.entity.js';
import { mechanismWorkflow, type MechanismAction } from '../workflow.js';

export interface PartnerInput {
  district: string;
  name: string;
  city: string;
  province: string;
}

export async function registerPartnerCommittee(
  ctx: RequestContext,
  input: PartnerInput,
): Promise<PartnerCommittee> {
  await requirePermissionIn(ctx, 'mechanism.manage', input.district, 'input.district');
  const same = await ctx.em.findOne(PartnerCommitteeSchema, {
    district: input.district,
    name: input.name,
  });
  if (same)
    throw inputError(
      'input.name',
      'unique',
      `district ${input.district} already lists ${input.name} (partner ${same.id})`,
    );
  return ctx.em.transactional(async (em) =>
    em.create(PartnerCommitteeSchema, { ...input, public: true }),
  );
}

/** One committee of a mechanism, in rotation order: a partner committee, or a district here. */
export interface CommitteeInput {
  partnerId?: number | null;
  district?: string | null;
}

export interface MechanismInput {
  district: string;
  name: string;
  agreementTitle: string;
  agreementSignedOn: string;
  agreementText: string;
  committees: CommitteeInput[];
  public: boolean;
}

export async function createCooperationMechanism(
  ctx: RequestContext,
  input: MechanismInput,
): Promise<CooperationMechanism> {
  await requirePermissionIn(ctx, 'mechanism.manage', input.district, 'input.district');
  if (input.committees.length < 2)
    throw inputError('input.committees', 'min', 'a mechanism joins at least two committees');
  const seen = new Set<string>();
  for (const [i, c] of input.committees.entries()) {
    const field = `input.committees.${i}`;
    if ((c.partnerId == null) === (c.district == null))
      throw inputError(field, 'one-of', 'give exactly one of partnerId and district');
    if (c.district != null) await assertKnownDistrict(ctx, c.district, `${field}.district`);
    else {
      const partner = await ctx.em.findOne(PartnerCommitteeSchema, { id: c.partnerId! });
      if (!partner)
        throw inputError(
          `${field}.partnerId`,
          'exists',
          `no partner committee has id ${c.partnerId}`,
        );
    }
    const key = c.district != null ? `d:${c.district}` : `p:${c.partnerId}`;
    if (seen.has(key))
      throw inputError(field, 'unique', 'a committee appears once in the rotation');
    seen.add(key);
  }
  if (!input.committees.some((c) => c.district === input.district)) {
    throw inputError(
      'input.committees',
      'includes-district',
      `the recording district ${input.district} must be one of the committees`,
    );
  }
  return ctx.em.transactional(async (em) => {
    const { committees, ...rest } = input;
    const mechanism = em.create(CooperationMechanismSchema, {
      ...rest,
      status: 'ACTIVE',
      createdBy: ctx.caller.userId,
    });
    await em.flush();
    audit(em, {
      entity: 'CooperationMechanism',
      entityId: String(mechanism.id),
      action: 'create',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: null,
    });
    for (const [position, c] of committees.entries()) {
      em.create(MechanismMemberSchema, {
        district: input.district,
        mechanismId: mechanism.id,
        position,
        partnerId: c.partnerId ?? null,
        localDistrict: c.district ?? null,
        public: input.public,
      });
    }
    return mechanism;
  });
}

/** The mechanism an input names, refused with the field's name when there is none (or it is hidden). */
export async function mechanismOf(
  ctx: RequestContext,
  id: number,
  field: string,
): Promise<CooperationMechanism> {
  const mechanism = await ctx.em.findOne(CooperationMechanismSchema, { id });
  if (!mechanism) throw inputError(field, 'exists', `no cooperation mechanism has id ${id}`);
  return mechanism;
}

export async function transitionMechanism(
  ctx: RequestContext,
  id: number,
  action: MechanismAction,
  note: string | null,
): Promise<CooperationMechanism> {
  const found = await ctx.em.findOne(CooperationMechanismSchema, { id });
  if (!found) throw notFound('cooperation mechanism', id);
  await requirePermissionIn(ctx, 'mechanism.manage', found.district, 'id');
  return ctx.em.transactional(async (em) => {
    const mechanism = await em.findOneOrFail(CooperationMechanismSchema, { id });
    mechanismWorkflow.apply({ ...ctx, em }, mechanism, action, note);
    return mechanism;
  });
}
