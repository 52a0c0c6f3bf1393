import { emit, writeInBatches, type EntityManager } from '@cppcc/kit';
import { MemberChangeSchema } from '../entities/member-change.entity.js';
import { MemberSchema, type Member } from '../entities/member.entity.js';
import { memberRegistered } from '@cppcc/events';

/** 中共党员 (also written 中国共产党党员): a member of the Communist Party of China. */
export function isCpcMember(party: string): boolean {
  return party === '中共党员' || party === '中国共产党党员';
}

/** The facts other modules replicate about a member, announced in the caller's unit of work. */
export function announceMember(
  em: EntityManager,
  source: string,
  member: Member,
  changedAt: Date = new Date(),
): void {
  emit(
    em,
    source,
    memberRegistered,
    {
      memberId: String(member.id),
      district: member.district,
      name: member.name,
      party: member.party,
      cpcMember: isCpcMember(member.party),
      sectorId: String(member.sectorId),
      standingCommittee: member.standingCommittee,
      status: member.status,
      changedAt: changedAt.toISOString(),
    },
    member.district,
  );
}

/** Profile fields other modules keep a replica of: a change to one is announced. */
export const REPLICATED_FIELDS = new Set([
  'name',
  'party',
  'sectorId',
  'standingCommittee',
  'status',
]);

/**
 * Every member as they stand, dated by their last replicated change (so organization's dated
 * facts gain no new row): for a plugin installed on a running platform (`npm run announce`).
 */
export async function announceAllMembers(em: EntityManager): Promise<number> {
  const members = await em.find(MemberSchema, {}, { filters: false, orderBy: { id: 'asc' } });
  const changes = await em.find(
    MemberChangeSchema,
    { field: { $in: [...REPLICATED_FIELDS] } },
    { filters: false, fields: ['memberId', 'effectiveOn'] },
  );
  const last = new Map<number, string>();
  for (const c of changes)
    if (c.effectiveOn > (last.get(c.memberId) ?? '')) last.set(c.memberId, c.effectiveOn);
  await writeInBatches(em, members, (m) =>
    announceMember(em, 'members', m, new Date(`${last.get(m.id) ?? '2021-12-20'}T00:00:00.000Z`)),
  );
  await em.flush();
  return members.length;
}
