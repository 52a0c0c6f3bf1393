import { leaveApproved, memberRegistered } from '@cppcc/events';
import { applyLeaveApproved } from './commands/leaves.js';
import type { EventHandler } from '@cppcc/kit';
import { MemberFactSchema } from './entities/member-fact.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';

/**
 * Events are delivered at least once and not necessarily in order: the replica keeps the latest
 * change, the history every change once (by member and changedAt).
 */
export const consumes: Record<string, EventHandler> = {
  [memberRegistered.type]: async (em, event) => {
    const p = memberRegistered.payload.parse(event.payload);
    const memberId = Number(p.memberId);
    const recorded = await em.count(MemberFactSchema, { memberId, changedAt: p.changedAt });
    if (!recorded)
      em.create(MemberFactSchema, {
        memberId,
        changedAt: p.changedAt,
        district: p.district,
        party: p.party,
        cpcMember: p.cpcMember,
        status: p.status,
      });
    const known = await em.findOne(MemberRefSchema, { memberId });
    if (known && known.changedAt > p.changedAt) return;
    const facts = {
      district: p.district,
      name: p.name,
      party: p.party,
      cpcMember: p.cpcMember,
      sectorId: Number(p.sectorId),
      standingCommittee: p.standingCommittee,
      status: p.status,
      changedAt: p.changedAt,
    };
    if (known) em.assign(known, facts);
    else em.create(MemberRefSchema, { memberId, ...facts });
  },
  [leaveApproved.type]: applyLeaveApproved,
};
