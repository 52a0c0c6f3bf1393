import {
  activities,
  CITY,
  plannedActivities,
  recommendations,
  researchProjects,
} from '@cppcc/demo';
import {
  consultationActivityRegistered,
  recommendationRegistered,
  researchProjectRegistered,
} from '@cppcc/events';
import { OutboxEventSchema, systemEm } from '@cppcc/kit';
import { databases, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { ok, startConsultation } from '../test-support.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const staff = testCaller(['staff'], CITY);

describe.each(databases())('consultation announces what others may name on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  /** The registration events about one record, oldest first. */
  const announced = async (type: string, key: string, id: string) =>
    (
      await systemEm(module.orm).find(
        OutboxEventSchema,
        { type },
        { orderBy: { occurredAt: 'asc', id: 'asc' } },
      )
    )
      .map((e) => e.payload as Record<string, unknown>)
      .filter((p) => p[key] === id);

  it('announces every demo activity, research project and recommendation once, from the seed', async () => {
    const em = systemEm(module.orm);
    const count = (type: string) => em.count(OutboxEventSchema, { type });
    expect(await count(consultationActivityRegistered.type)).toBe(
      await em.count(ConsultationActivitySchema, {}, { filters: false }),
    );
    expect(await count(consultationActivityRegistered.type)).toBe(
      activities(1).length + plannedActivities.length,
    );
    expect(await count(researchProjectRegistered.type)).toBe(researchProjects.length);
    expect(await count(recommendationRegistered.type)).toBeGreaterThanOrEqual(
      recommendations.length,
    );
    expect(await count(recommendationRegistered.type)).toBe(
      await em.count(RecommendationSchema, {}, { filters: false }),
    );
    const eco = researchProjects.findIndex((p) => p.key === 'eco') + 1;
    const [project] = await announced(researchProjectRegistered.type, 'projectId', String(eco));
    const row = await em.findOneOrFail(ResearchProjectSchema, { id: eco }, { filters: false });
    expect(project).toMatchObject({
      district: CITY,
      title: row.title,
      phase: row.status,
      version: row.version,
    });
  });

  it('announces an activity when planned and on every step, each with a higher version', async () => {
    const planned = (
      await ok<{ planConsultationActivity: { id: string; version: number } }>(
        module,
        `mutation($i: PlanConsultationActivityInput!) { planConsultationActivity(input: $i) { id version } }`,
        {
          i: {
            district: CITY,
            title: '登记事件测试协商',
            form: 'THEMATIC',
            topic: '测试',
            heldOn: '2099-01-10',
            memberIds: [],
          },
        },
        staff,
      )
    ).planConsultationActivity;
    const prepared = (
      await ok<{ prepareConsultationActivity: { id: string; version: number } }>(
        module,
        `mutation { prepareConsultationActivity(id: "${planned.id}", version: ${planned.version}) { id version } }`,
        {},
        staff,
      )
    ).prepareConsultationActivity;
    const cancelled = (
      await ok<{ cancelConsultationActivity: { id: string; version: number } }>(
        module,
        `mutation { cancelConsultationActivity(id: "${planned.id}", version: ${prepared.version}) { id version } }`,
        {},
        staff,
      )
    ).cancelConsultationActivity;
    const events = await announced(consultationActivityRegistered.type, 'activityId', planned.id);
    expect(events.map((e) => [e.status, e.version])).toEqual([
      ['PLANNED', planned.version],
      ['PREPARING', prepared.version],
      ['CANCELLED', cancelled.version],
    ]);
    expect(events[0]).toMatchObject({
      district: CITY,
      title: '登记事件测试协商',
      form: 'THEMATIC',
      heldOn: '2099-01-10',
    });
  });

  it('announces a research project when started and at each phase, and a recommendation when drafted and submitted', async () => {
    const started = (
      await ok<{ startResearchProject: { id: string; version: number } }>(
        module,
        `mutation($i: StartResearchProjectInput!) { startResearchProject(input: $i) { id version } }`,
        {
          i: { district: CITY, title: '登记事件测试调研', topic: '测试', team: [] },
        },
        staff,
      )
    ).startResearchProject;
    const planned = (
      await ok<{ setResearchPlan: { version: number } }>(
        module,
        `mutation { setResearchPlan(id: "${started.id}", version: ${started.version}, plan: "召开座谈会，走访相关部门和企业，形成调研报告。") { version } }`,
        {},
        staff,
      )
    ).setResearchPlan;
    const approved = (
      await ok<{ approveResearchPlan: { version: number } }>(
        module,
        `mutation { approveResearchPlan(id: "${started.id}", version: ${planned.version}) { version } }`,
        {},
        staff,
      )
    ).approveResearchPlan;
    const events = await announced(researchProjectRegistered.type, 'projectId', started.id);
    // Writing the plan changes no phase: nothing to announce.
    expect(events.map((e) => [e.phase, e.version])).toEqual([
      ['TOPIC_SELECTED', started.version],
      ['PLAN_APPROVED', approved.version],
    ]);

    const held = activities(1).find((a) => a.district === CITY)!;
    const drafted = (
      await ok<{ draftRecommendation: { id: string; version: number } }>(
        module,
        `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id version } }`,
        {
          i: {
            district: CITY,
            kind: 'RECOMMENDATION',
            title: '登记事件测试建议',
            text: '建议设立专项资金，完善协同机制，强化督促落实。',
            activityId: String(held.id),
            authorIds: [],
          },
        },
        staff,
      )
    ).draftRecommendation;
    const submitted = (
      await ok<{ submitRecommendation: { version: number } }>(
        module,
        `mutation { submitRecommendation(id: "${drafted.id}", version: ${drafted.version}, submittedTo: "市政府") { version } }`,
        {},
        staff,
      )
    ).submitRecommendation;
    const recs = await announced(recommendationRegistered.type, 'recommendationId', drafted.id);
    expect(recs.map((e) => [e.status, e.version, e.kind])).toEqual([
      ['DRAFT', drafted.version, 'RECOMMENDATION'],
      ['SUBMITTED', submitted.version, 'RECOMMENDATION'],
    ]);
  });

  it('announces nothing for a refused step', async () => {
    const before = await systemEm(module.orm).count(OutboxEventSchema, {
      type: consultationActivityRegistered.type,
    });
    const r = await module.execute(
      `mutation { closeConsultationActivity(id: "999999", version: 1) { id } }`,
      {},
      staff,
    );
    expect(r.errors).toBeDefined();
    expect(
      await systemEm(module.orm).count(OutboxEventSchema, {
        type: consultationActivityRegistered.type,
      }),
    ).toBe(before);
  });
});
