import { emit, type EntityManager } from '@cppcc/kit';
import { memberRegistered } from '@cppcc/events';
import type { Member } from '../entities/member.entity.js';

/** 中共党员 (also written 中国共产党党员): a member of the Communist Party of China. */
export function isCpcMember(party: string): boolean {
  return party === '中共党员' || party === '中国共产党党员';
}

/** The facts other modules replicate about a member, announced in the caller's unit of work. */
export function announceMember(em: EntityManager, source: string, member: Member, changedAt: Date = new Date()): void {
  emit(em, source, memberRegistered, {
    memberId: String(member.id),
    district: member.district,
    name: member.name,
    party: member.party,
    cpcMember: isCpcMember(member.party),
    sectorId: String(member.sectorId),
    standingCommittee: member.standingCommittee,
    status: member.status,
    changedAt: changedAt.toISOString(),
  }, member.district);
}

/** Profile fields other modules keep a replica of: a change to one is announced. */
export const REPLICATED_FIELDS = new Set(['name', 'party', 'sectorId', 'standingCommittee', 'status']);
