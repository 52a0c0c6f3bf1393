import { emit, writeInBatches, type EntityManager } from '@cppcc/kit';
import {
  consultationActivityRegistered,
  recommendationRegistered,
  researchProjectRegistered,
} from '@cppcc/events';
import {
  ConsultationActivitySchema,
  type ConsultationActivity,
} from '../entities/consultation-activity.entity.js';
import { RecommendationSchema, type Recommendation } from '../entities/recommendation.entity.js';
import {
  ResearchProjectSchema,
  type ResearchProject,
} from '../entities/research-project.entity.js';

/*
 * Other modules keep replicas of what they may name (proposals: a key proposal's origin; plugins:
 * topic links). Call these once the row is flushed, so the event carries the version the row is
 * stored with: replicas keep the highest, whatever the order the events arrive in.
 */

export function announceActivity(em: EntityManager, module: string, a: ConsultationActivity): void {
  emit(
    em,
    module,
    consultationActivityRegistered,
    {
      activityId: String(a.id),
      district: a.district,
      title: a.title,
      form: a.form,
      heldOn: a.heldOn,
      status: a.status,
      changedAt: new Date().toISOString(),
      version: a.version,
    },
    a.district,
  );
}

export function announceResearch(em: EntityManager, module: string, p: ResearchProject): void {
  emit(
    em,
    module,
    researchProjectRegistered,
    {
      projectId: String(p.id),
      district: p.district,
      title: p.title,
      phase: p.status,
      changedAt: new Date().toISOString(),
      version: p.version,
    },
    p.district,
  );
}

export function announceRecommendation(em: EntityManager, module: string, r: Recommendation): void {
  emit(
    em,
    module,
    recommendationRegistered,
    {
      recommendationId: String(r.id),
      district: r.district,
      title: r.title,
      kind: r.kind,
      status: r.status,
      changedAt: new Date().toISOString(),
      version: r.version,
    },
    r.district,
  );
}

/** Every activity, research project and recommendation as it stands (seed, `npm run announce`). */
export async function announceAll(em: EntityManager): Promise<number> {
  const all = { filters: false, orderBy: { id: 'asc' } } as const;
  const [activities, research, recommendations] = [
    await em.find(ConsultationActivitySchema, {}, all),
    await em.find(ResearchProjectSchema, {}, all),
    await em.find(RecommendationSchema, {}, all),
  ];
  await writeInBatches(em, activities, (a) => announceActivity(em, 'consultation', a));
  await writeInBatches(em, research, (p) => announceResearch(em, 'consultation', p));
  await writeInBatches(em, recommendations, (r) => announceRecommendation(em, 'consultation', r));
  await em.flush();
  return activities.length + research.length + recommendations.length;
}
