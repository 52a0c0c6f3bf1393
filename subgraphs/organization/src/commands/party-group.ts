import {
  appError,
  assertWritableDistrict,
  audit,
  ErrorCode,
  inputError,
  notFound,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import type { MemberRef } from '../entities/member-ref.entity.js';
import {
  PartyGroupMembershipSchema,
  PartyGroupSchema,
  type PartyGroup,
  type PartyGroupMembership,
  type PartyGroupRole,
} from '../entities/party-group.entity.js';
import { TermSchema, type Term } from '../entities/term.entity.js';
import { partyGroupMembershipWorkflow } from '../workflow.js';
import { partyMember } from './member-checks.js';
import { assertWithinTerm } from './terms.js';

/**
 * Refuses a second role for one member at a time, and a second secretary at a time. Rows are
 * [joinedOn, leftOn): one that ended on `from` no longer holds then.
 */
async function assertFree(
  em: EntityManager,
  groupId: number,
  memberId: number,
  role: PartyGroupRole,
  from: string,
  except: number | null,
): Promise<void> {
  const rows = await em.find(
    PartyGroupMembershipSchema,
    { groupId, ...(except ? { id: { $ne: except } } : {}) },
    { filters: false },
  );
  const holds = (r: PartyGroupMembership) => !r.leftOn || r.leftOn > from;
  const own = rows.find((r) => r.memberId === memberId && holds(r));
  if (own)
    throw appError(
      ErrorCode.CONFLICT,
      `input.member: member ${memberId} already holds ${own.role} in this Party Group from ${own.joinedOn}`,
      { field: 'input.member' },
    );
  const secretary =
    role === 'SECRETARY' ? rows.find((r) => r.role === 'SECRETARY' && holds(r)) : undefined;
  if (secretary)
    throw appError(
      ErrorCode.CONFLICT,
      `input.role: member ${secretary.memberId} is the group's secretary from ${secretary.joinedOn}; end that role first`,
      { field: 'input.role' },
    );
}

function appoint(
  em: EntityManager,
  group: PartyGroup,
  member: MemberRef,
  role: PartyGroupRole,
  joinedOn: string,
): PartyGroupMembership {
  const row = em.create(PartyGroupMembershipSchema, {
    district: group.district,
    groupId: group.id,
    memberId: member.memberId,
    role,
    joinedOn,
    leftOn: null,
    status: 'ACTIVE',
    public: true,
  });
  if (role === 'SECRETARY') group.secretary = member.name;
  return row;
}

async function auditAppointment(
  em: EntityManager,
  ctx: RequestContext,
  row: PartyGroupMembership,
  note: string | null,
): Promise<void> {
  await em.flush();
  audit(em, {
    entity: 'party_group_membership',
    entityId: String(row.id),
    action: 'appoint',
    fromState: null,
    toState: 'ACTIVE',
    actor: ctx.caller.userId,
    note: note ?? `${row.role} from ${row.joinedOn}`,
  });
}

export interface FormPartyGroup {
  term: number;
  name: string;
  secretary: number;
  formedOn: string;
  note: string | null;
}

/** The group of a district for a term, formed with its secretary on the day it was formed. */
export async function formPartyGroup(
  ctx: RequestContext,
  input: FormPartyGroup,
): Promise<PartyGroup> {
  const term = await ctx.loaders.one(TermSchema).load(input.term);
  if (!term)
    throw appError(ErrorCode.NOT_FOUND, `input.term: no term ${input.term}`, {
      field: 'input.term',
    });
  await assertWritableDistrict(ctx, term.district, 'input.term');
  assertWithinTerm(term, input.formedOn, 'input.formedOn');
  const secretary = await partyMember(ctx, term.district, input.secretary, 'input.secretary');
  return ctx.em.transactional(async (em) => {
    const same = await em.count(
      PartyGroupSchema,
      { district: term.district, termId: term.id },
      { filters: false },
    );
    if (same)
      throw appError(ErrorCode.CONFLICT, `input.term: ${term.name} already has a Party Group`, {
        field: 'input.term',
      });
    const group = em.create(PartyGroupSchema, {
      district: term.district,
      termId: term.id,
      name: input.name,
      secretary: secretary.name,
      public: true,
    });
    await em.flush();
    audit(em, {
      entity: 'party_group',
      entityId: String(group.id),
      action: 'form',
      fromState: null,
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: input.note,
    });
    const row = appoint(em, group, secretary, 'SECRETARY', input.formedOn);
    await auditAppointment(em, ctx, row, input.note);
    return group;
  });
}

async function loadGroup(
  ctx: RequestContext,
  id: number,
  field: string,
): Promise<{ group: PartyGroup; term: Term | null }> {
  const group = await ctx.loaders.one(PartyGroupSchema).load(id);
  if (!group) throw appError(ErrorCode.NOT_FOUND, `${field}: no Party Group ${id}`, { field });
  await assertWritableDistrict(ctx, group.district, field);
  const term = group.termId ? await ctx.loaders.one(TermSchema).load(group.termId) : null;
  return { group, term };
}

/** Renames the group (e.g. after the committee's name changed); the one edit besides its members. */
export async function renamePartyGroup(
  ctx: RequestContext,
  id: number,
  name: string,
  note: string | null,
): Promise<PartyGroup> {
  const { group: found } = await loadGroup(ctx, id, 'input.id');
  if (found.name === name) throw inputError('input.name', 'unchanged', 'is the current name');
  return ctx.em.transactional(async (em) => {
    const group = await em.findOneOrFail(PartyGroupSchema, { id }, { filters: false });
    audit(em, {
      entity: 'party_group',
      entityId: String(id),
      action: 'rename',
      fromState: 'ACTIVE',
      toState: 'ACTIVE',
      actor: ctx.caller.userId,
      note: note ?? `${group.name} → ${name}`,
    });
    group.name = name;
    return group;
  });
}

export interface AppointToPartyGroup {
  group: number;
  member: number;
  role: PartyGroupRole;
  joinedOn: string;
  note: string | null;
}

/** 任命: a member takes a role in the group from a day within its term. */
export async function appointToPartyGroup(
  ctx: RequestContext,
  input: AppointToPartyGroup,
): Promise<PartyGroupMembership> {
  const { group, term } = await loadGroup(ctx, input.group, 'input.group');
  if (term) assertWithinTerm(term, input.joinedOn, 'input.joinedOn');
  const member = await partyMember(ctx, group.district, input.member, 'input.member');
  return ctx.em.transactional(async (em) => {
    await assertFree(em, group.id, member.memberId, input.role, input.joinedOn, null);
    const row = appoint(
      em,
      await em.findOneOrFail(PartyGroupSchema, { id: group.id }, { filters: false }),
      member,
      input.role,
      input.joinedOn,
    );
    await auditAppointment(em, ctx, row, input.note);
    return row;
  });
}

async function loadMembership(ctx: RequestContext, id: number): Promise<PartyGroupMembership> {
  const row = await ctx.em.findOne(PartyGroupMembershipSchema, { id });
  if (!row) throw notFound('Party Group membership', id);
  await assertWritableDistrict(ctx, row.district, 'input.id');
  return row;
}

/** 免去: the role ends on `leftOn`; the row stays, so the group on an earlier day is still known. */
export async function endPartyGroupMembership(
  ctx: RequestContext,
  id: number,
  leftOn: string,
  note: string | null,
): Promise<PartyGroupMembership> {
  const found = await loadMembership(ctx, id);
  assertOrder(found.joinedOn, leftOn, 'input.leftOn', 'joinedOn');
  return ctx.em.transactional(async (em) => {
    const row = await em.findOneOrFail(PartyGroupMembershipSchema, { id }, { filters: false });
    partyGroupMembershipWorkflow.apply({ ...ctx, em }, row, 'end', note);
    row.leftOn = leftOn;
    return row;
  });
}

/**
 * A member's new role from a day (a member made deputy secretary): the old row ends that day and
 * a new one starts, two audit rows in one transaction.
 */
export async function changePartyGroupRole(
  ctx: RequestContext,
  id: number,
  role: PartyGroupRole,
  on: string,
  note: string | null,
): Promise<PartyGroupMembership> {
  const found = await loadMembership(ctx, id);
  if (found.role === role)
    throw inputError('input.role', 'unchanged', `member ${found.memberId} already holds ${role}`);
  assertOrder(found.joinedOn, on, 'input.on', 'joinedOn');
  const { group, term } = await loadGroup(ctx, found.groupId, 'input.id');
  if (term) assertWithinTerm(term, on, 'input.on');
  const member = await partyMember(ctx, group.district, found.memberId, 'input.id');
  return ctx.em.transactional(async (em) => {
    // Checked before anything is written; the old row is left out, so ending it first changes nothing here.
    await assertFree(em, group.id, member.memberId, role, on, id);
    const old = await em.findOneOrFail(PartyGroupMembershipSchema, { id }, { filters: false });
    partyGroupMembershipWorkflow.apply({ ...ctx, em }, old, 'end', note ?? `${old.role} → ${role}`);
    old.leftOn = on;
    await em.flush();
    const row = appoint(
      em,
      await em.findOneOrFail(PartyGroupSchema, { id: group.id }, { filters: false }),
      member,
      role,
      on,
    );
    await auditAppointment(em, ctx, row, note ?? `${old.role} → ${role}`);
    return row;
  });
}
