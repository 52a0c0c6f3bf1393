import { emit, type EntityManager } from '@cppcc/kit';
import { consultationActivityRegistered, recommendationRegistered, researchProjectRegistered } from '@cppcc/events';
import type { ConsultationActivity } from '../entities/consultation-activity.entity.js';
import type { Recommendation } from '../entities/recommendation.entity.js';
import type { ResearchProject } from '../entities/research-project.entity.js';

/*
 * Other modules keep replicas of what they may name (proposals: a key proposal's origin; plugins:
 * topic links). Call these once the row is flushed, so the event carries the version the row is
 * stored with: replicas keep the highest, whatever the order the events arrive in.
 */

export function announceActivity(em: EntityManager, module: string, a: ConsultationActivity): void {
  emit(em, module, consultationActivityRegistered, {
    activityId: String(a.id), district: a.district, title: a.title, form: a.form, heldOn: a.heldOn, status: a.status,
    changedAt: new Date().toISOString(), version: a.version,
  }, a.district);
}

export function announceResearch(em: EntityManager, module: string, p: ResearchProject): void {
  emit(em, module, researchProjectRegistered, {
    projectId: String(p.id), district: p.district, title: p.title, phase: p.status, changedAt: new Date().toISOString(), version: p.version,
  }, p.district);
}

export function announceRecommendation(em: EntityManager, module: string, r: Recommendation): void {
  emit(em, module, recommendationRegistered, {
    recommendationId: String(r.id), district: r.district, title: r.title, kind: r.kind, status: r.status, changedAt: new Date().toISOString(), version: r.version,
  }, r.district);
}
