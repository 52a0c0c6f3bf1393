import { branchActivityAttended } from '@cppcc/events';
import {
  appError,
  assertWritableDistrict,
  audit,
  emit,
  ErrorCode,
  inputError,
  notFound,
  parseId,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder, dayOf } from '../dates.js';
import {
  BranchActivitySchema,
  BranchPlacementSchema,
  PartyBranchSchema,
  type BranchActivity,
  type BranchActivityKind,
  type BranchPlacement,
  type PartyBranch,
} from '../entities/party-branch.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { branchWorkflow, placementWorkflow } from '../workflow.js';
import { checkAttendees, writeAttendance } from './attendance.js';
import { partyMember } from './member-checks.js';
import { auditRecorded } from './recorded.js';

/** One active functional branch per committee, established no earlier than the committee. */
export async function establishPartyBranch(
  ctx: RequestContext,
  input: { committee: number; name: string; establishedOn: string },
): Promise<PartyBranch> {
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
  assertOrder(
    dayOf(committee.establishedOn),
    input.establishedOn,
    'input.establishedOn',
    'the day the committee was established',
  );
  return ctx.em.transactional(async (em) => {
    const existing = await em.count(
      PartyBranchSchema,
      { committeeId: committee.id, status: 'ACTIVE' },
      { filters: false },
    );
    if (existing)
      throw appError(
        ErrorCode.CONFLICT,
        `input.committee: ${committee.name} already has a functional Party branch`,
        { field: 'input.committee' },
      );
    const branch = em.create(PartyBranchSchema, {
      district: committee.district,
      committeeId: committee.id,
      name: input.name,
      secretaryId: null,
      establishedOn: input.establishedOn,
      status: 'ACTIVE',
      public: true,
    });
    await em.flush();
    audit(em, {
      entity: 'party_branch',
      entityId: String(branch.id),
      action: 'establish',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: null,
    });
    return branch;
  });
}

/** A branch of a district the caller may write; `active` refuses a dissolved one as a bad `field`. */
async function loadBranch(
  ctx: RequestContext,
  id: number,
  field: string,
  active = true,
): Promise<PartyBranch> {
  const branch = await ctx.loaders.one(PartyBranchSchema).load(id);
  if (!branch) throw appError(ErrorCode.NOT_FOUND, `${field}: no Party branch ${id}`, { field });
  await assertWritableDistrict(ctx, branch.district, field);
  if (active && branch.status !== 'ACTIVE')
    throw inputError(
      field,
      'status',
      `${branch.name} is ${branch.status} and takes no new placements or activities`,
    );
  return branch;
}

/** 编入党支部: only a Party-member member of the district, in one branch at a time. */
export async function placeInBranch(
  ctx: RequestContext,
  input: { branch: number; member: number; joinedOn: string },
): Promise<BranchPlacement> {
  const branch = await loadBranch(ctx, input.branch, 'input.branch');
  assertOrder(
    branch.establishedOn,
    input.joinedOn,
    'input.joinedOn',
    'the day the branch was established',
  );
  await partyMember(ctx, branch.district, input.member, 'input.member');
  return ctx.em.transactional(async (em) => {
    const current = await em.findOne(
      BranchPlacementSchema,
      { memberId: input.member, status: 'ACTIVE' },
      { filters: false },
    );
    if (current)
      throw appError(
        ErrorCode.CONFLICT,
        `input.member: member ${input.member} is already placed in branch ${current.branchId}`,
        { field: 'input.member' },
      );
    const placement = em.create(BranchPlacementSchema, {
      district: branch.district,
      branchId: branch.id,
      memberId: input.member,
      joinedOn: input.joinedOn,
      leftOn: null,
      status: 'ACTIVE',
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'branch_placement',
      entityId: String(placement.id),
      action: 'place',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: null,
    });
    return placement;
  });
}

export async function endBranchPlacement(
  ctx: RequestContext,
  id: number,
  leftOn: string,
  note: string | null,
): Promise<BranchPlacement> {
  const found = await ctx.em.findOne(BranchPlacementSchema, { id });
  if (!found) throw notFound('branch placement', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  assertOrder(found.joinedOn, leftOn, 'input.leftOn', 'joinedOn');
  return ctx.em.transactional(async (em) => {
    const placement = await em.findOneOrFail(BranchPlacementSchema, { id }, { filters: false });
    placementWorkflow.apply({ ...ctx, em }, placement, 'end', note);
    placement.leftOn = leftOn;
    const branch = await em.findOneOrFail(
      PartyBranchSchema,
      { id: placement.branchId },
      { filters: false },
    );
    if (branch.secretaryId === placement.memberId)
      Object.assign(branch, { secretaryId: null, secretarySince: null });
    return placement;
  });
}

/**
 * 支部书记: one of the branch's own Party-member members, from a day (today if not given) no
 * earlier than the previous secretary's. A row of the branch's table and one audit row.
 */
export async function setBranchSecretary(
  ctx: RequestContext,
  branchId: number,
  memberId: number,
  on: string,
  note: string | null,
): Promise<PartyBranch> {
  const found = await loadBranch(ctx, branchId, 'input.branch', false);
  assertOrder(
    found.secretarySince ?? found.establishedOn,
    on,
    'input.on',
    found.secretarySince
      ? "the current secretary's first day"
      : 'the day the branch was established',
  );
  return ctx.em.transactional(async (em) => {
    const branch = await em.findOneOrFail(PartyBranchSchema, { id: branchId }, { filters: false });
    const previous = branch.secretaryId;
    // The table refuses a dissolved branch (or a caller it does not name) first: when the step is
    // not available, apply throws its ILLEGAL_TRANSITION / FORBIDDEN before writing anything.
    const step = { ...ctx, em };
    const stepNote = note ?? `书记 ${previous ?? '—'} → ${memberId}（${on}起）`;
    if (!branchWorkflow.available(step, branch).includes('changeSecretary'))
      branchWorkflow.apply(step, branch, 'changeSecretary', stepNote);
    // Then the read-only checks, so the step and its audit row are written only once they pass.
    if (previous === memberId)
      throw inputError('input.member', 'unchanged', `member ${memberId} is the secretary already`);
    const placed = await em.findOne(
      BranchPlacementSchema,
      { branchId, memberId, status: 'ACTIVE' },
      { filters: false },
    );
    if (!placed)
      throw inputError(
        'input.member',
        'placement',
        `member ${memberId} is not placed in this branch`,
      );
    assertOrder(placed.joinedOn, on, 'input.on', `the day member ${memberId} joined the branch`);
    branchWorkflow.apply(step, branch, 'changeSecretary', stepNote);
    Object.assign(branch, { secretaryId: memberId, secretarySince: on });
    return branch;
  });
}

/**
 * Dissolves a branch on a day: its placements end that day (each an audited step), it takes no
 * new placements or activities, and figures for periods ending on or after that day leave it out.
 * The day may not precede its establishment, a placement (joined or left) or an activity on record.
 */
export async function dissolvePartyBranch(
  ctx: RequestContext,
  id: number,
  on: string,
  note: string | null,
): Promise<PartyBranch> {
  const found = await loadBranch(ctx, id, 'input.id', false);
  assertOrder(found.establishedOn, on, 'input.on', 'the day the branch was established');
  return ctx.em.transactional(async (em) => {
    const branch = await em.findOneOrFail(PartyBranchSchema, { id }, { filters: false });
    await dissolveBranch(ctx, em, branch, on, note);
    return branch;
  });
}

/** The dissolution itself, also used when the branch's committee is dissolved or merged. */
export async function dissolveBranch(
  ctx: RequestContext,
  em: EntityManager,
  branch: PartyBranch,
  on: string,
  note: string | null,
): Promise<void> {
  const placements = await em.find(
    BranchPlacementSchema,
    { branchId: branch.id, status: 'ACTIVE' },
    { filters: false },
  );
  const last = await em.findOne(
    BranchActivitySchema,
    { branchId: branch.id, heldOn: { $gt: on } },
    { filters: false, orderBy: { heldOn: 'desc' } },
  );
  if (last)
    throw inputError('input.on', 'order', `${branch.name} held an activity on ${last.heldOn}`);
  const late = placements.find((p) => p.joinedOn > on);
  if (late)
    throw inputError(
      'input.on',
      'order',
      `member ${late.memberId} joined ${branch.name} on ${late.joinedOn}`,
    );
  // An ended placement still bounds the day: the branch held that member until they left.
  const left = await em.findOne(
    BranchPlacementSchema,
    { branchId: branch.id, leftOn: { $gt: on } },
    { filters: false, orderBy: { leftOn: 'desc' } },
  );
  if (left)
    throw inputError(
      'input.on',
      'order',
      `member ${left.memberId} left ${branch.name} on ${left.leftOn}`,
    );
  branchWorkflow.apply({ ...ctx, em }, branch, 'dissolve', note);
  branch.dissolvedOn = on;
  for (const placement of placements) {
    placementWorkflow.apply({ ...ctx, em }, placement, 'end', `${branch.name}撤销`);
    placement.leftOn = on;
  }
}

export interface RecordBranchActivity {
  branch: number;
  kind: BranchActivityKind;
  title: string;
  heldOn: string;
  speaker: string | null;
  summary: string;
  participants: string[];
  public: boolean;
}

/**
 * An activity and who took part: Party members of the branch and any other member it reached
 * (the second 全覆盖). Each participant's line goes to their archive.
 */
export async function recordBranchActivity(
  ctx: RequestContext,
  input: RecordBranchActivity,
): Promise<BranchActivity> {
  const branch = await loadBranch(ctx, input.branch, 'input.branch');
  assertOrder(
    branch.establishedOn,
    input.heldOn,
    'input.heldOn',
    'the day the branch was established',
  );
  if (input.kind === 'LECTURE_HALL' && !input.speaker)
    throw inputError('input.speaker', 'required', 'a lecture-hall session names its speaker');
  const entries = input.participants.map((member) => ({ member, attendance: 'PRESENT' as const }));
  for (const [i, p] of input.participants.entries()) parseId(p, `input.participants.${i}`);
  const attendees = await checkAttendees(ctx, branch.district, entries, 'input.participants');
  return ctx.em.transactional(async (em) => {
    const activity = em.create(BranchActivitySchema, {
      district: branch.district,
      branchId: branch.id,
      kind: input.kind,
      title: input.title,
      heldOn: input.heldOn,
      speaker: input.speaker,
      summary: input.summary,
      public: input.public,
    });
    await em.flush();
    auditRecorded(em, ctx, 'branch_activity', activity.id, 'RECORDED', activity.title);
    writeAttendance(
      em,
      'BRANCH_ACTIVITY',
      activity,
      input.heldOn,
      attendees.map((m) => ({ memberId: m.memberId, attendance: 'PRESENT' })),
    );
    for (const m of attendees) {
      emit(
        em,
        ctx.module,
        branchActivityAttended,
        {
          activityId: String(activity.id),
          branchId: String(branch.id),
          memberId: String(m.memberId),
          title: activity.title,
          heldOn: activity.heldOn,
        },
        branch.district,
      );
    }
    return activity;
  });
}
