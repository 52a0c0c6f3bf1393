import {
  audit,
  emit,
  inputError,
  isWithinDistrict,
  notFound,
  type RequestContext,
  assertMembers,
  requirePermissionIn,
  dutyReported,
} from '@cppcc/plugin-sdk';
import {
  ExchangeVisitSchema,
  VisitDelegateSchema,
  type ExchangeVisit,
  type VisitDirection,
} from '../entities/exchange-visit.entity.js';
import { PartnerCommitteeSchema } from '../entities/partner-committee.entity.js';
import { visitWorkflow } from '../workflow.js';
import { mechanismOf } from './mechanisms.js';

export const VISIT_DUTY_KIND = 'plugin.inter-city-exchange.visit';

/** The line a delegate's duty record shows for a visit. */
export function visitSummary(
  direction: VisitDirection,
  partnerName: string,
  topics: string[],
): string {
  return `${direction === 'OUTGOING' ? `赴${partnerName}考察交流` : `接待${partnerName}考察交流`}：${topics.join('、') || '交流互访'}`;
}

export interface VisitInput {
  district: string;
  partnerId: number;
  mechanismId: number | null;
  direction: VisitDirection;
  startsOn: string;
  endsOn: string;
  topics: string[];
  delegation: string[];
  leaderId: string | null;
  guestLeader: string | null;
  public: boolean;
}

export async function planExchangeVisit(
  ctx: RequestContext,
  input: VisitInput,
): Promise<ExchangeVisit> {
  await requirePermissionIn(ctx, 'visit.record', input.district, 'input.district');
  const partner = await ctx.em.findOne(PartnerCommitteeSchema, { id: input.partnerId });
  if (!partner)
    throw inputError('input.partnerId', 'exists', `no partner committee has id ${input.partnerId}`);
  // The partners and mechanisms a visit names are those its district keeps or one above it keeps (a
  // county visiting the city's partner, under the city's mechanism), never another district's.
  if (!(await isWithinDistrict(ctx, input.district, partner.district))) {
    throw inputError(
      'input.partnerId',
      'within-district',
      `partner committee ${partner.id} is listed by district ${partner.district}, neither ${input.district} nor one above it`,
    );
  }
  if (input.mechanismId !== null) {
    const mechanism = await mechanismOf(ctx, input.mechanismId, 'input.mechanismId');
    if (!(await isWithinDistrict(ctx, input.district, mechanism.district))) {
      throw inputError(
        'input.mechanismId',
        'within-district',
        `cooperation mechanism ${mechanism.id} is district ${mechanism.district}'s, neither ${input.district}'s nor one above it`,
      );
    }
  }
  if (input.endsOn < input.startsOn)
    throw inputError('input.endsOn', 'order', 'must not be before startsOn');
  if (new Set(input.delegation).size !== input.delegation.length)
    throw inputError('input.delegation', 'unique', 'lists a member twice');
  if (input.direction === 'OUTGOING' && input.delegation.length === 0)
    throw inputError('input.delegation', 'min', 'an outgoing visit needs a delegation');
  if (input.leaderId !== null && !input.delegation.includes(input.leaderId))
    throw inputError('input.leaderId', 'in-delegation', 'the leader must be one of the delegation');
  await assertMembers(ctx, input.delegation, 'input.delegation');
  return ctx.em.transactional(async (em) => {
    const { delegation, leaderId, ...rest } = input;
    const visit = em.create(ExchangeVisitSchema, {
      ...rest,
      outcomes: null,
      reportedOn: null,
      status: 'PLANNED',
    });
    await em.flush();
    for (const memberId of delegation) {
      em.create(VisitDelegateSchema, {
        district: input.district,
        visitId: visit.id,
        memberId,
        leader: memberId === leaderId,
        public: input.public,
      });
    }
    audit(em, {
      entity: 'ExchangeVisit',
      entityId: String(visit.id),
      action: 'plan',
      fromState: null,
      toState: 'PLANNED',
      actor: ctx.caller.userId,
      note: null,
    });
    return visit;
  });
}

async function visitFor(ctx: RequestContext, id: number): Promise<ExchangeVisit> {
  const visit = await ctx.em.findOne(ExchangeVisitSchema, { id });
  if (!visit) throw notFound('exchange visit', id);
  await requirePermissionIn(ctx, 'visit.record', visit.district, 'input.visitId');
  return visit;
}

/** The visit took place: each local delegate's duty record hears of it, in the same transaction. */
export async function holdExchangeVisit(
  ctx: RequestContext,
  id: number,
  note: string | null,
): Promise<ExchangeVisit> {
  await visitFor(ctx, id);
  return ctx.em.transactional(async (em) => {
    const visit = await em.findOneOrFail(ExchangeVisitSchema, { id });
    visitWorkflow.apply({ ...ctx, em }, visit, 'hold', note);
    const partner = await em.findOneOrFail(
      PartnerCommitteeSchema,
      { id: visit.partnerId },
      { filters: false },
    );
    const delegates = await em.find(
      VisitDelegateSchema,
      { visitId: id },
      { filters: false, orderBy: { id: 'asc' } },
    );
    const summary = visitSummary(visit.direction, partner.name, visit.topics);
    for (const d of delegates) {
      emit(
        em,
        ctx.module,
        dutyReported,
        {
          memberId: d.memberId,
          kind: VISIT_DUTY_KIND,
          sourceId: `exchange-visit:${id}`,
          summary,
          occurredOn: visit.startsOn,
        },
        visit.district,
      );
    }
    return visit;
  });
}

export async function reportExchangeVisit(
  ctx: RequestContext,
  id: number,
  outcomes: string,
  reportedOn: string,
): Promise<ExchangeVisit> {
  const found = await visitFor(ctx, id);
  if (reportedOn < found.endsOn)
    throw inputError(
      'input.reportedOn',
      'order',
      `must not be before the visit ended (${found.endsOn})`,
    );
  return ctx.em.transactional(async (em) => {
    const visit = await em.findOneOrFail(ExchangeVisitSchema, { id });
    visitWorkflow.apply({ ...ctx, em }, visit, 'report');
    visit.outcomes = outcomes;
    visit.reportedOn = reportedOn;
    return visit;
  });
}

export async function cancelExchangeVisit(
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<ExchangeVisit> {
  await visitFor(ctx, id);
  return ctx.em.transactional(async (em) => {
    const visit = await em.findOneOrFail(ExchangeVisitSchema, { id });
    visitWorkflow.apply({ ...ctx, em }, visit, 'cancel', reason);
    return visit;
  });
}
