import { lockFor, type EntityManager, type EventHandler } from '@cppcc/kit';
import { consultationActivityRegistered, proposalFiled, proposalSubmitted, recommendationRegistered, researchProjectRegistered } from '@cppcc/events';
import { LinkTargetSchema, type LinkTarget } from './entities/link-target.entity.js';

/**
 * Keeps the highest version of a record; a late, older copy changes nothing. Two consumers applying
 * two versions at once take turns on the record's lock (see proposals' replica of the same events).
 */
async function keepLatest(em: EntityManager, target: LinkTarget): Promise<void> {
  await lockFor(em, `eco_link_target:${target.kind}:${target.targetId}`);
  const known = await em.findOne(LinkTargetSchema, { kind: target.kind, targetId: target.targetId }, { filters: false });
  if (known && known.version >= target.version) return;
  await em.upsert(LinkTargetSchema, target);
}

/**
 * A proposal's district never changes: the first of its events creates the row, and the title
 * comes from proposal.submitted whichever arrives first (proposal.filed carries none).
 */
async function keepProposal(em: EntityManager, proposalId: string, district: string | null, title: string | null, eventId: string): Promise<void> {
  if (!district) throw new Error(`proposal event ${eventId}: no district`);
  const known = await em.findOne(LinkTargetSchema, { kind: 'proposal', targetId: proposalId }, { filters: false });
  if (known) {
    if (title) known.title = title;
    return;
  }
  em.create(LinkTargetSchema, { kind: 'proposal', targetId: proposalId, district, title, status: null, version: 0 });
}

export const consumes: Record<string, EventHandler> = {
  [researchProjectRegistered.type]: async (em, event) => {
    const p = researchProjectRegistered.payload.parse(event.payload);
    await keepLatest(em, { kind: 'research_project', targetId: p.projectId, district: p.district, title: p.title, status: p.phase, version: p.version });
  },
  [consultationActivityRegistered.type]: async (em, event) => {
    const p = consultationActivityRegistered.payload.parse(event.payload);
    await keepLatest(em, { kind: 'consultation_activity', targetId: p.activityId, district: p.district, title: p.title, status: p.status, version: p.version });
  },
  [recommendationRegistered.type]: async (em, event) => {
    const p = recommendationRegistered.payload.parse(event.payload);
    await keepLatest(em, { kind: 'recommendation', targetId: p.recommendationId, district: p.district, title: p.title, status: p.status, version: p.version });
  },
  [proposalSubmitted.type]: async (em, event) => {
    const p = proposalSubmitted.payload.parse(event.payload);
    await keepProposal(em, p.proposalId, event.district, p.title, event.id);
  },
  [proposalFiled.type]: async (em, event) => {
    const p = proposalFiled.payload.parse(event.payload);
    await keepProposal(em, p.proposalId, event.district, null, event.id);
  },
};
