import {
  lockFor,
  type EntityManager,
  type EventHandler,
  consultationActivityRegistered,
  proposalRegistered,
  recommendationRegistered,
  researchProjectRegistered,
} from '@cppcc/plugin-sdk';
import { LinkTargetSchema, type LinkTarget } from './entities/link-target.entity.js';

/**
 * Keeps the highest version of a record; a late, older copy changes nothing. Two consumers applying
 * two versions at once take turns on the record's lock (see proposals' replica of the same events).
 */
async function keepLatest(em: EntityManager, target: LinkTarget): Promise<void> {
  await lockFor(em, `eco_link_target:${target.kind}:${target.targetId}`);
  const known = await em.findOne(
    LinkTargetSchema,
    { kind: target.kind, targetId: target.targetId },
    { filters: false },
  );
  if (known && known.version >= target.version) return;
  await em.upsert(LinkTargetSchema, target);
}

export const consumes: Record<string, EventHandler> = {
  [researchProjectRegistered.type]: async (em, event) => {
    const p = researchProjectRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'research_project',
      targetId: p.projectId,
      district: p.district,
      title: p.title,
      status: p.phase,
      version: p.version,
    });
  },
  [consultationActivityRegistered.type]: async (em, event) => {
    const p = consultationActivityRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'consultation_activity',
      targetId: p.activityId,
      district: p.district,
      title: p.title,
      status: p.status,
      version: p.version,
    });
  },
  [recommendationRegistered.type]: async (em, event) => {
    const p = recommendationRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'recommendation',
      targetId: p.recommendationId,
      district: p.district,
      title: p.title,
      status: p.status,
      version: p.version,
    });
  },
  [proposalRegistered.type]: async (em, event) => {
    const p = proposalRegistered.payload.parse(event.payload);
    await keepLatest(em, {
      kind: 'proposal',
      targetId: p.proposalId,
      district: p.district,
      title: p.title,
      status: p.status,
      version: p.version,
    });
  },
};
