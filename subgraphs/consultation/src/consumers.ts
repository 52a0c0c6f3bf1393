import type { EventHandler } from '@cppcc/kit';
import {
  governmentUnitRegistered,
  instructionHandedOver,
  instructionSubjectRegistered,
  memberRegistered,
  specialCommitteeRegistered,
} from '@cppcc/events';
import { takeOverInstruction } from './commands/instructions.js';
import { InstructionSubjectRefSchema } from './entities/instruction-subject-ref.entity.js';
import { CommitteeRefSchema, type CommitteeStatus } from './entities/committee-ref.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';
import { UnitRefSchema } from './entities/unit-ref.entity.js';

/** A committee never works again once merged or dissolved: on one day, that change is the later one. */
const RANK: Record<CommitteeStatus, number> = { ACTIVE: 0, MERGED: 1, DISSOLVED: 1 };

/**
 * Replicas this module keeps of other modules' reference data. Events come at least once and
 * not necessarily in order: for members and committees the latest change wins.
 */
export const consumes: Record<string, EventHandler> = {
  [instructionSubjectRegistered.type]: async (em, event) => {
    const s = instructionSubjectRegistered.payload.parse(event.payload);
    // Announced on filing or issuing and again after an upgrade: the same facts, the latest wins.
    await em.upsert(
      InstructionSubjectRefSchema,
      {
        subjectType: s.subjectType,
        subjectId: Number(s.subjectId),
        district: s.district,
        title: s.title,
        memberIds: s.memberIds.map(Number),
        readerIds: s.readerIds.map(Number),
      },
      { onConflictFields: ['subjectType', 'subjectId'] },
    );
  },
  [instructionHandedOver.type]: async (em, event) => {
    await takeOverInstruction(
      em,
      'consultation',
      instructionHandedOver.payload.parse(event.payload),
    );
  },
  [governmentUnitRegistered.type]: async (em, event) => {
    const u = governmentUnitRegistered.payload.parse(event.payload);
    await em.upsert(UnitRefSchema, {
      id: Number(u.unitId),
      district: u.district,
      name: u.name,
      short: u.short,
      active: u.active,
    });
  },
  [memberRegistered.type]: async (em, event) => {
    const m = memberRegistered.payload.parse(event.payload);
    const memberId = Number(m.memberId);
    const known = await em.findOne(MemberRefSchema, { memberId });
    if (known && known.changedAt > m.changedAt) return;
    const facts = { district: m.district, name: m.name, status: m.status, changedAt: m.changedAt };
    if (known) em.assign(known, facts);
    else em.create(MemberRefSchema, { memberId, ...facts });
  },
  [specialCommitteeRegistered.type]: async (em, event) => {
    const c = specialCommitteeRegistered.payload.parse(event.payload);
    const id = Number(c.committeeId);
    const known = await em.findOne(CommitteeRefSchema, { id });
    // Changes are dated by day: a later day wins; on the same day, a merger or dissolution wins over an adjustment.
    if (
      known &&
      (known.changedOn > c.changedOn ||
        (known.changedOn === c.changedOn && RANK[known.status] > RANK[c.status]))
    )
      return;
    const facts = {
      district: c.district,
      name: c.name,
      status: c.status,
      mergedIntoId: c.mergedIntoId === null ? null : Number(c.mergedIntoId),
      changedOn: c.changedOn,
    };
    if (known) em.assign(known, facts);
    else em.create(CommitteeRefSchema, { id, ...facts });
  },
};
