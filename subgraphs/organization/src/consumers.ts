import { dutyReported, leaveApproved, memberRegistered } from '@cppcc/events';
import { applyLeaveApproved } from './commands/leaves.js';
import type { EventHandler } from '@cppcc/kit';
import { MemberFactSchema } from './entities/member-fact.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';
import { VisitAttendanceSchema } from './entities/visit-attendance.entity.js';

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
  // Who went on a visit, whoever records visits: the leadership's collective visits are counted
  // from it (statistics). Other duties are the members module's alone.
  [dutyReported.type]: async (em, event) => {
    const p = dutyReported.payload.parse(event.payload);
    if (p.kind.split('.').at(-1) !== 'visit' || !event.district) return;
    const memberId = Number(p.memberId);
    if (await em.count(VisitAttendanceSchema, { sourceId: p.sourceId, memberId })) return;
    em.create(VisitAttendanceSchema, {
      district: event.district,
      sourceId: p.sourceId,
      memberId,
      kind: p.kind,
      occurredOn: p.occurredOn,
    });
  },
};
