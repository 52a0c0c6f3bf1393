import { audit, lockFor, type EntityManager, type EventHandler } from '@cppcc/kit';
import {
  consultationActivityRegistered,
  governmentUnitRegistered,
  instructionReceived,
  instructionTakenOver,
  memberRegistered,
  researchProjectRegistered,
  studioIssueRaised,
} from '@cppcc/events';
import { OpinionAuthorSchema, OpinionItemSchema } from './entities/opinion-item.entity.js';
import { ProposalSchema } from './entities/proposal.entity.js';
import {
  ConsultationRefSchema,
  MemberRefSchema,
  UnitRefSchema,
  type ConsultationRef,
} from './entities/refs.entity.js';
import { createItem } from './commands/opinion.js';
import { tallyInstruction, tallyTakenOver } from './commands/instructions.js';

/**
 * Keeps the highest version of a consultation record; a late, older copy changes nothing. Two
 * consumers applying two versions at once take turns on the record's lock, so the older cannot
 * overwrite the newer after both read the old row (a first insert race ends in a unique violation,
 * and the event is redelivered).
 */
async function keepLatest(em: EntityManager, ref: ConsultationRef): Promise<void> {
  await lockFor(em, `consultation_ref:${ref.kind}:${ref.id}`);
  const known = await em.findOne(ConsultationRefSchema, { kind: ref.kind, id: ref.id });
  if (known && known.version >= ref.version) return;
  await em.upsert(ConsultationRefSchema, ref);
}

/**
 * Replicas of other modules' facts this one checks against (members' districts, handling
 * units, consultation activities and research projects), and drafts from issues heard at member studios.
 */
export const consumes: Record<string, EventHandler> = {
  [instructionReceived.type]: async (em, event) => {
    // Instructions this module sent itself (its seed, rows from before the hand-over) are tallied already.
    if (event.source !== 'consultation') return;
    await tallyInstruction(em, instructionReceived.payload.parse(event.payload), event.district);
  },
  [instructionTakenOver.type]: (em, event) =>
    tallyTakenOver(em, instructionTakenOver.payload.parse(event.payload)),
  [memberRegistered.type]: async (em, event) => {
    const p = memberRegistered.payload.parse(event.payload);
    await em.upsert(MemberRefSchema, {
      id: Number(p.memberId),
      district: p.district,
      name: p.name,
      sectorId: Number(p.sectorId),
      status: p.status,
    });
  },
  [governmentUnitRegistered.type]: async (em, event) => {
    const p = governmentUnitRegistered.payload.parse(event.payload);
    await em.upsert(UnitRefSchema, {
      id: Number(p.unitId),
      district: p.district,
      name: p.name,
      short: p.short,
      active: p.active,
    });
  },
  // Every activity and research project consultation opens is announced, whoever took part:
  // what a key proposal may name as its origin (一体两用).
  [consultationActivityRegistered.type]: async (em, event) => {
    const p = consultationActivityRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'ACTIVITY',
      id: Number(p.activityId),
      district: p.district,
      title: p.title,
      status: p.status,
      version: p.version,
    });
  },
  [researchProjectRegistered.type]: async (em, event) => {
    const p = researchProjectRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'RESEARCH',
      id: Number(p.projectId),
      district: p.district,
      title: p.title,
      status: p.phase,
      version: p.version,
    });
  },
  [studioIssueRaised.type]: async (em, event) => {
    const p = studioIssueRaised.payload.parse(event.payload);
    // The member's own district, if replicated; otherwise the district the studio reported from.
    const member = await em.findOne(MemberRefSchema, { id: Number(p.memberId) });
    const district = member?.district ?? event.district;
    if (!district)
      throw new Error(`studio.issue_raised ${event.id}: no district for member ${p.memberId}`);
    const origin = `（${p.studioName}${p.raisedOn.slice(0, 10)}接待中收集）`;
    const studioReceptionId = Number(p.receptionId);
    if (p.target === 'PROPOSAL_DRAFT') {
      // One draft per reception: a second copy of the event (sent again by hand) makes none.
      if (await em.count(ProposalSchema, { studioReceptionId })) return;
      // A draft the member completes (analysis and suggestions) before submitting it.
      const draft = em.create(ProposalSchema, {
        district,
        caseNumber: null,
        title: p.title,
        category: '其他',
        year: Number(p.raisedOn.slice(0, 4)),
        situation: `${p.detail}${origin}`,
        analysis: '',
        suggestions: '',
        status: 'DRAFT',
        authorId: Number(p.memberId),
        submittedAt: new Date(`${p.raisedOn.slice(0, 10)}T00:00:00Z`),
        filedAt: null,
        public: false,
        kind: 'INDIVIDUAL',
        window: 'INTER_SESSION',
        attachments: [],
        studioReceptionId,
      });
      await em.flush();
      audit(em, {
        entity: 'proposal',
        entityId: String(draft.id),
        action: 'draftFromStudio',
        fromState: null,
        toState: 'DRAFT',
        actor: null,
        note: `studio reception ${p.receptionId}`,
      });
      return;
    }
    if (await em.count(OpinionItemSchema, { studioReceptionId })) return;
    const item = createItem(em, {
      studioReceptionId,
      district,
      title: p.title,
      content: `${p.detail}${origin}`,
      category: '其他',
      source: 'MEMBER',
      sourceName: null,
      status: 'DRAFT',
      submittedOn: null,
    });
    await em.flush();
    em.create(OpinionAuthorSchema, { itemId: item.id, memberId: Number(p.memberId) });
    audit(em, {
      entity: 'opinion_item',
      entityId: String(item.id),
      action: 'draftFromStudio',
      fromState: null,
      toState: 'DRAFT',
      actor: null,
      note: `studio reception ${p.receptionId}`,
    });
  },
};
