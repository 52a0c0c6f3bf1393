import {
  assertMembers,
  dutyReported,
  emit,
  inputError,
  notFound,
  parseId,
  replicaNotReady,
  replicaPending,
  requirePermissionIn,
  settingsOf,
  type EntityManager,
  type RequestContext,
} from '@cppcc/plugin-sdk';
import {
  RiverChiefInspectionSchema,
  RiverChiefProposalSchema,
  type RiverChiefInspection,
} from '../entities/inspection.entity.js';
import { RiverChiefRiverSchema } from '../entities/river.entity.js';
import type { RiverChiefSettings } from '../settings.js';
import { inspectionWorkflow, type InspectionAction } from '../workflow.js';

const PERMISSION = 'inspection.manage';

export async function planInspection(
  ctx: RequestContext,
  input: { river: string; plannedOn: string; members: string[] },
): Promise<RiverChiefInspection> {
  const river = await ctx.em.findOne(
    RiverChiefRiverSchema,
    { id: parseId(input.river, 'input.river') },
    { filters: false },
  );
  if (!river) throw notFound('river', input.river);
  await requirePermissionIn(ctx, PERMISSION, river.district, 'input.river');
  const { membersPerInspection } = await settingsOf<RiverChiefSettings>(ctx, river.district);
  if (input.members.length === 0)
    throw inputError('input.members', 'min', 'name at least one member who goes');
  if (input.members.length > membersPerInspection)
    throw inputError(
      'input.members',
      'max-members',
      `at most ${membersPerInspection} members (this district's setting membersPerInspection)`,
    );
  await assertMembers(ctx, input.members, 'input.members');
  return ctx.em.transactional(async (em) =>
    em.create(RiverChiefInspectionSchema, {
      district: river.district,
      riverId: river.id,
      status: 'PLANNED',
      plannedOn: input.plannedOn,
      memberIds: [...new Set(input.members)],
      findings: null,
      proposalId: null,
      public: false,
    }),
  );
}

/** Loads the inspection and checks the caller may move it, before the transaction. */
async function openInspection(ctx: RequestContext, id: string): Promise<RiverChiefInspection> {
  const found = await ctx.em.findOne(
    RiverChiefInspectionSchema,
    { id: parseId(id) },
    { filters: false },
  );
  if (!found) throw notFound('river inspection', id);
  await requirePermissionIn(ctx, PERMISSION, found.district, 'id');
  return found;
}

async function step(
  ctx: RequestContext,
  id: string,
  action: InspectionAction,
  change: (em: EntityManager, record: RiverChiefInspection) => void = () => {},
): Promise<RiverChiefInspection> {
  const { id: key } = await openInspection(ctx, id);
  return ctx.em.transactional(async (em) => {
    const record = await em.findOneOrFail(
      RiverChiefInspectionSchema,
      { id: key },
      { filters: false },
    );
    // The transaction's em: the audit row commits or rolls back with the step.
    inspectionWorkflow.apply({ ...ctx, em: em as EntityManager }, record, action);
    change(em as EntityManager, record);
    return record;
  });
}

export const holdInspection = (ctx: RequestContext, id: string) => step(ctx, id, 'hold');
export const cancelInspection = (ctx: RequestContext, id: string) => step(ctx, id, 'cancel');

/**
 * Reports what the members found; the findings go public, each member's archive gets the
 * inspection (duty.reported), and a filed proposal on the river may be linked.
 */
export async function reportInspection(
  ctx: RequestContext,
  id: string,
  input: { findings?: string | null; proposal?: string | null },
): Promise<RiverChiefInspection> {
  const inspection = await openInspection(ctx, id);
  const { requireFindings } = await settingsOf<RiverChiefSettings>(ctx, inspection.district);
  const findings = input.findings?.trim() || null;
  if (requireFindings && !findings)
    throw inputError(
      'input.findings',
      'required',
      "this district's settings ask for findings in every report (requireFindings)",
    );
  if (input.proposal) {
    const proposal = await ctx.em.findOne(
      RiverChiefProposalSchema,
      { proposalId: input.proposal },
      { filters: false },
    );
    if (!proposal && (await replicaPending(ctx.em, 'proposals')))
      throw replicaNotReady('input.proposal', 'proposals', 'proposals');
    if (!proposal)
      throw inputError(
        'input.proposal',
        'known-proposal',
        `no proposal past drafting has id ${input.proposal}`,
      );
    if (proposal.district !== inspection.district)
      throw inputError(
        'input.proposal',
        'same-district',
        `proposal ${input.proposal} belongs to district ${proposal.district}, the inspection to ${inspection.district}`,
      );
  }
  return step(ctx, id, 'report', (em, record) => {
    record.findings = findings;
    record.proposalId = input.proposal ?? null;
    record.public = true;
    for (const memberId of record.memberIds) {
      emit(
        em,
        ctx.module,
        dutyReported,
        {
          memberId,
          kind: 'plugin.river-chief.inspection',
          sourceId: `river-chief:${record.id}`,
          summary: `河长制民主监督 ${record.plannedOn}`,
          occurredOn: record.plannedOn,
        },
        record.district,
      );
    }
  });
}
