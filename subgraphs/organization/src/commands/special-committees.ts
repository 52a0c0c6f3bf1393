import { specialCommitteeRegistered } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  audit,
  emit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { assertOrder, dayOf } from '../dates.js';
import {
  CommitteeChangeSchema,
  type CommitteeChange,
} from '../entities/committee-change.entity.js';
import { CommitteeMembershipSchema } from '../entities/committee-membership.entity.js';
import {
  SpecialCommitteeSchema,
  type SpecialCommittee,
} from '../entities/special-committee.entity.js';
import { committeeWorkflow, membershipWorkflow } from '../workflow.js';
import { PartyBranchSchema } from '../entities/party-branch.entity.js';
import { dissolveBranch } from './party-branches.js';

export interface CreateSpecialCommittee {
  district: string;
  name: string;
  functions: string;
  establishedOn: string | null;
  note?: string | null;
}

/** Tells the modules that name a lead committee (consultation) about this one as it now stands. */
export function announceCommittee(
  em: EntityManager,
  source: string,
  c: SpecialCommittee,
  changedOn: string,
  mergedIntoId: number | null = null,
): void {
  emit(
    em,
    source,
    specialCommitteeRegistered,
    {
      committeeId: String(c.id),
      district: c.district,
      name: c.name,
      status: c.status,
      mergedIntoId: mergedIntoId === null ? null : String(mergedIntoId),
      changedOn,
    },
    c.district,
  );
}

async function assertNameFree(em: EntityManager, district: string, name: string): Promise<void> {
  const same = await em.count(
    SpecialCommitteeSchema,
    { district, name, status: 'ACTIVE' },
    { filters: false },
  );
  if (same)
    throw appError(
      ErrorCode.CONFLICT,
      `input.name: district ${district} already has an active ${name}`,
      { field: 'input.name' },
    );
}

/** Adds a committee; its history starts with a CREATED step on the day it was established. */
export async function createSpecialCommittee(
  ctx: RequestContext,
  input: CreateSpecialCommittee,
): Promise<SpecialCommittee> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  const on = input.establishedOn ?? today();
  return ctx.em.transactional(async (em) => {
    await assertNameFree(em, input.district, input.name);
    const committee = em.create(SpecialCommitteeSchema, {
      district: input.district,
      name: input.name,
      functions: input.functions,
      status: 'ACTIVE',
      establishedOn: on,
      public: true,
    });
    await em.flush();
    em.create(CommitteeChangeSchema, {
      district: input.district,
      committeeId: committee.id,
      kind: 'CREATED',
      changedOn: on,
      nameAfter: committee.name,
      functionsAfter: committee.functions,
      note: input.note ?? null,
      public: true,
    });
    audit(em, {
      entity: 'special_committee',
      entityId: String(committee.id),
      action: 'create',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: input.note ?? null,
    });
    announceCommittee(em, ctx.module, committee, on);
    return committee;
  });
}

/** Loads a committee for a change, refusing other districts and dates before its last step. */
async function forChange(ctx: RequestContext, id: number, on: string): Promise<SpecialCommittee> {
  const committee = await ctx.loaders.one(SpecialCommitteeSchema).load(id);
  if (!committee) throw notFound('special committee', id);
  await assertWritableDistrict(ctx, committee.district, 'input.id');
  const last = (await ctx.loaders.many(CommitteeChangeSchema, 'committeeId').load(id))
    .map((c) => c.changedOn)
    .sort()
    .at(-1);
  assertOrder(
    last ?? dayOf(committee.establishedOn),
    on,
    'input.on',
    "the committee's last recorded change",
  );
  return committee;
}

/** Ends every seat on a committee that stops working, on the day it stops. */
async function endSeats(
  ctx: RequestContext,
  em: EntityManager,
  committeeId: number,
  on: string,
  note: string,
): Promise<number[]> {
  const seats = await em.find(
    CommitteeMembershipSchema,
    { committeeId, status: 'ACTIVE' },
    { filters: false },
  );
  for (const seat of seats) {
    membershipWorkflow.apply({ ...ctx, em }, seat, 'end', note);
    seat.leftOn = on;
  }
  return seats.map((s) => s.memberId);
}

/** A committee that stops working takes its functional Party branch with it, the same day. */
async function dissolveBranchOf(
  ctx: RequestContext,
  em: EntityManager,
  committeeId: number,
  on: string,
  note: string,
): Promise<void> {
  const branch = await em.findOne(
    PartyBranchSchema,
    { committeeId, status: 'ACTIVE' },
    { filters: false },
  );
  if (branch) await dissolveBranch(ctx, em, branch, on, note);
}

export async function adjustCommitteeFunctions(
  ctx: RequestContext,
  id: number,
  input: { functions: string; name?: string | null; on: string; note?: string | null },
): Promise<SpecialCommittee> {
  const found = await forChange(ctx, id, input.on);
  if (input.functions === found.functions && (!input.name || input.name === found.name))
    throw inputError('input.functions', 'unchanged', 'is the same as the current functions');
  return ctx.em.transactional(async (em) => {
    const committee = await em.findOneOrFail(SpecialCommitteeSchema, { id }, { filters: false });
    if (input.name && input.name !== committee.name)
      await assertNameFree(em, committee.district, input.name);
    committeeWorkflow.apply({ ...ctx, em }, committee, 'adjustFunctions', input.note ?? null);
    em.create(CommitteeChangeSchema, {
      district: committee.district,
      committeeId: id,
      kind: 'FUNCTIONS_ADJUSTED',
      changedOn: input.on,
      nameBefore: committee.name,
      nameAfter: input.name ?? committee.name,
      functionsBefore: committee.functions,
      functionsAfter: input.functions,
      note: input.note ?? null,
      public: true,
    });
    committee.functions = input.functions;
    if (input.name) committee.name = input.name;
    announceCommittee(em, ctx.module, committee, input.on);
    return committee;
  });
}

/**
 * Merges a committee into another of the district: its seats end that day and its members
 * who are not yet on the surviving committee join it.
 */
export async function mergeCommittee(
  ctx: RequestContext,
  id: number,
  intoId: number,
  on: string,
  note: string | null,
): Promise<SpecialCommittee> {
  if (id === intoId)
    throw inputError('input.into', 'self', 'a committee cannot be merged into itself');
  const found = await forChange(ctx, id, on);
  const into = await ctx.loaders.one(SpecialCommitteeSchema).load(intoId);
  if (!into)
    throw appError(ErrorCode.NOT_FOUND, `input.into: no special committee ${intoId}`, {
      field: 'input.into',
    });
  if (into.district !== found.district)
    throw inputError('input.into', 'district', `${into.name} belongs to district ${into.district}`);
  if (into.status !== 'ACTIVE')
    throw inputError('input.into', 'status', `${into.name} is ${into.status}`);
  return ctx.em.transactional(async (em) => {
    const committee = await em.findOneOrFail(SpecialCommitteeSchema, { id }, { filters: false });
    committeeWorkflow.apply({ ...ctx, em }, committee, 'merge', note);
    em.create(CommitteeChangeSchema, {
      district: committee.district,
      committeeId: id,
      kind: 'MERGED',
      changedOn: on,
      nameBefore: committee.name,
      mergedIntoId: intoId,
      note,
      public: true,
    });
    const moved = await endSeats(ctx, em, id, on, `并入${into.name}`);
    await dissolveBranchOf(ctx, em, id, on, `${committee.name}并入${into.name}`);
    const already = new Set(
      (
        await em.find(
          CommitteeMembershipSchema,
          { committeeId: intoId, status: 'ACTIVE' },
          { filters: false },
        )
      ).map((s) => s.memberId),
    );
    for (const memberId of new Set(moved)) {
      if (already.has(memberId)) continue;
      const seat = em.create(CommitteeMembershipSchema, {
        district: committee.district,
        memberId,
        committeeId: intoId,
        role: 'MEMBER',
        joinedOn: on,
        leftOn: null,
        status: 'ACTIVE',
        public: true,
      });
      await em.flush();
      audit(em, {
        entity: 'committee_membership',
        entityId: String(seat.id),
        action: 'assign',
        fromState: null,
        toState: 'ACTIVE',
        actor: ctx.caller.userId,
        note: `由${committee.name}并入`,
      });
    }
    announceCommittee(em, ctx.module, committee, on, intoId);
    return committee;
  });
}

export async function dissolveCommittee(
  ctx: RequestContext,
  id: number,
  on: string,
  note: string | null,
): Promise<SpecialCommittee> {
  await forChange(ctx, id, on);
  return ctx.em.transactional(async (em) => {
    const committee = await em.findOneOrFail(SpecialCommitteeSchema, { id }, { filters: false });
    committeeWorkflow.apply({ ...ctx, em }, committee, 'dissolve', note);
    em.create(CommitteeChangeSchema, {
      district: committee.district,
      committeeId: id,
      kind: 'DISSOLVED',
      changedOn: on,
      nameBefore: committee.name,
      note,
      public: true,
    });
    await endSeats(ctx, em, id, on, `${committee.name}撤销`);
    await dissolveBranchOf(ctx, em, id, on, `${committee.name}撤销`);
    announceCommittee(em, ctx.module, committee, on);
    return committee;
  });
}

export type { CommitteeChange };
