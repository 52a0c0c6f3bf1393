import { memberRegistered } from '@cppcc/events';
import type { EventHandler } from '@cppcc/kit';
import { MemberRefSchema } from './entities/member-ref.entity.js';

/** Events are delivered at least once and not necessarily in order: the latest change wins. */
export const consumes: Record<string, EventHandler> = {
  [memberRegistered.type]: async (em, event) => {
    const p = memberRegistered.payload.parse(event.payload);
    const memberId = Number(p.memberId);
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
};
