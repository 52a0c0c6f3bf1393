import {
  appError,
  assertWritableDistrict,
  audit,
  ErrorCode,
  inputError,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import { GovernmentUnitSchema } from '../entities/government-unit.entity.js';
import {
  LiaisonActivitySchema,
  LiaisonPairSchema,
  type LiaisonActivity,
  type LiaisonPair,
} from '../entities/liaison.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { liaisonWorkflow } from '../workflow.js';
import { auditRecorded } from './recorded.js';

/** 对口联系: pairs an active committee with an active unit of the same district, once at a time. */
export async function pairCommitteeWithUnit(
  ctx: RequestContext,
  input: { committee: number; unit: number; since: string; note?: string | null },
): Promise<LiaisonPair> {
  const committee = await ctx.loaders.one(SpecialCommitteeSchema).load(input.committee);
  if (!committee)
    throw appError(
      ErrorCode.NOT_FOUND,
      `input.committee: no special committee ${input.committee}`,
      { field: 'input.committee' },
    );
  await assertWritableDistrict(ctx, committee.district, 'input.committee');
  if (committee.status !== 'ACTIVE')
    throw inputError('input.committee', 'status', `${committee.name} is ${committee.status}`);
  const unit = await ctx.loaders.one(GovernmentUnitSchema).load(input.unit);
  if (!unit)
    throw appError(ErrorCode.NOT_FOUND, `input.unit: no government unit ${input.unit}`, {
      field: 'input.unit',
    });
  if (unit.district !== committee.district)
    throw inputError(
      'input.unit',
      'district',
      `${unit.name} belongs to district ${unit.district}, the committee to ${committee.district}`,
    );
  if (!unit.active) throw inputError('input.unit', 'status', `${unit.name} is no longer active`);
  return ctx.em.transactional(async (em) => {
    const open = await em.count(
      LiaisonPairSchema,
      { committeeId: committee.id, unitId: unit.id, status: 'ACTIVE' },
      { filters: false },
    );
    if (open)
      throw appError(
        ErrorCode.CONFLICT,
        `input.unit: ${committee.name} already liaises with ${unit.name}`,
        { field: 'input.unit' },
      );
    const pair = em.create(LiaisonPairSchema, {
      district: committee.district,
      committeeId: committee.id,
      unitId: unit.id,
      since: input.since,
      until: null,
      status: 'ACTIVE',
      public: true,
    });
    await em.flush();
    audit(em, {
      entity: 'liaison_pair',
      entityId: String(pair.id),
      action: 'pair',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: input.note ?? null,
    });
    return pair;
  });
}

async function load(ctx: RequestContext, id: number, field: string): Promise<LiaisonPair> {
  const pair = await ctx.em.findOne(LiaisonPairSchema, { id });
  if (!pair) throw appError(ErrorCode.NOT_FOUND, `${field}: no liaison pair ${id}`, { field });
  await assertWritableDistrict(ctx, pair.district, field);
  return pair;
}

export async function endLiaison(
  ctx: RequestContext,
  id: number,
  until: string,
  note: string | null,
): Promise<LiaisonPair> {
  const found = await load(ctx, id, 'input.id');
  assertOrder(found.since, until, 'input.until', 'since');
  return ctx.em.transactional(async (em) => {
    const pair = await em.findOneOrFail(LiaisonPairSchema, { id }, { filters: false });
    liaisonWorkflow.apply({ ...ctx, em }, pair, 'end', note);
    pair.until = until;
    return pair;
  });
}

/** A visit, briefing or joint research within the pair's dates. */
export async function recordLiaisonActivity(
  ctx: RequestContext,
  input: { pair: number; title: string; heldOn: string; summary: string; public: boolean },
): Promise<LiaisonActivity> {
  const pair = await load(ctx, input.pair, 'input.pair');
  if (input.heldOn < pair.since || (pair.until && input.heldOn > pair.until)) {
    throw inputError(
      'input.heldOn',
      'range',
      `the pair liaised from ${pair.since} to ${pair.until ?? 'now'}`,
    );
  }
  return ctx.em.transactional(async (em) => {
    const activity = em.create(LiaisonActivitySchema, {
      district: pair.district,
      pairId: pair.id,
      title: input.title,
      heldOn: input.heldOn,
      summary: input.summary,
      public: input.public,
    });
    await em.flush();
    auditRecorded(em, ctx, 'liaison_activity', activity.id, 'RECORDED', activity.title);
    return activity;
  });
}
