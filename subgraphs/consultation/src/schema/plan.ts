import {
  canSeeDistrict,
  connectionType,
  findPage,
  pageArgs,
  parseId,
  periodArgs,
  periodWhere,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  AVAILABLE_ACTIONS_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  type InputFields,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  addPlanTopic,
  draftPlan,
  movePlan,
  recordEscalation,
  removePlanTopic,
} from '../commands/planning.js';
import { amendmentFacts, moveAmendment, proposeAmendment } from '../commands/amendments.js';
import { escalateToCity, moveEscalation } from '../commands/escalation.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import {
  AMENDMENT_KINDS,
  AMENDMENT_STATUSES,
  ConsultationPlanSchema,
  ESCALATION_BODIES,
  ESCALATION_STATUSES,
  EscalationSchema,
  PLAN_STATUSES,
  PlanTopicSchema,
  TOPIC_SOURCES,
  type ConsultationPlan,
  type Escalation,
  PlanAmendmentSchema,
  type PlanAmendment,
  type PlanTopic,
  type TopicFields,
} from '../entities/plan.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { amendmentWorkflow, escalationWorkflow, planWorkflow } from '../workflow.js';
import { ConsultationAuditEntryType, history } from './audit.js';
import { ConsultationActivityType, ConsultationFormType } from './consultation-activity.js';
import { DistrictRef } from './district.js';
import { RecommendationType } from './recommendation.js';
import { ResearchProjectType } from './research-project.js';
import { SpecialCommitteeRef } from './special-committee.js';

export const PlanStatusType = builder.enumType('ConsultationPlanStatus', {
  description:
    '协商计划状态 Where an annual consultation plan stands: DRAFT → APPROVED → PUBLISHED (APPROVED may be revised back to DRAFT).',
  values: describedValues(PLAN_STATUSES, {
    DRAFT: '草稿 Being drafted; staff add or remove topics, then approve it (a plan needs topics).',
    APPROVED:
      '已批准 Approved by the Party committee; staff publish it or revise it back to DRAFT.',
    PUBLISHED: '已发布 Published and public; topics change only by amendment.',
  }),
});
export const TopicSourceType = builder.enumType('ConsultationTopicSource', {
  values: describedValues(TOPIC_SOURCES, {
    PARTY_COMMITTEE: '党委出题 Set by the Party committee.',
    GOVERNMENT: '政府提出 Proposed by the government.',
    COMMITTEE: '专委会提出 Proposed by a special committee.',
    SECTOR: '界别提出 Proposed by a sector.',
    PUBLIC: '社会征集 Collected from the public.',
  }),
  description:
    'PARTY_COMMITTEE 党委出题, GOVERNMENT 政府提出, COMMITTEE 专委会提出, SECTOR 界别提出, PUBLIC 社会征集.',
});
export const EscalationBodyType = builder.enumType('EscalationBody', {
  values: describedValues(ESCALATION_BODIES, {
    PROVINCIAL_KEY_AGENDA:
      "省政协年度重点协商议题 The provincial committee's annual key consultation agenda (recorded once taken up).",
    NATIONAL_BIWEEKLY:
      "全国政协双周协商议题 The national committee's biweekly consultation (recorded once taken up).",
    CITY_COMMITTEE:
      '市政协 The city committee above a district, which accepts or declines the escalation.',
  }),
  description:
    'Who takes a topic up: PROVINCIAL_KEY_AGENDA 省政协年度重点协商议题, NATIONAL_BIWEEKLY 全国政协双周协商议题 (recorded once taken up), CITY_COMMITTEE 市政协 (a district committee escalates to the city committee above it with escalateToCityCommittee; the city accepts or declines).',
});
export const EscalationStatusType = builder.enumType('ConsultationEscalationStatus', {
  values: describedValues(ESCALATION_STATUSES, {
    TAKEN_UP: '已列入 Recorded as taken up by a provincial or national body; no steps.',
    SUBMITTED: "已提请 A district's escalation waiting for the city committee.",
    ACCEPTED: "采纳 The city committee's staff accepted it.",
    DECLINED: "不予采纳 The city committee's staff declined it.",
    WITHDRAWN: "撤回 The district's staff withdrew it while it waited.",
  }),
  description:
    "TAKEN_UP 已列入 (recorded as taken up by a provincial or national body; no steps). A district's escalation to the city: SUBMITTED 已提请 (waiting for the city) → ACCEPTED 采纳 | DECLINED 不予采纳 (the city's staff, answering), or WITHDRAWN 撤回 (the district's staff, while it waits).",
});

export const PlanTopicType = builder.objectRef<PlanTopic>('ConsultationPlanTopic').implement({
  description: '协商议题: a topic of the annual plan, where it came from and who leads it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationPlanTopic's id." }),
    title: t.exposeString('title', { description: "议题 The topic's title." }),
    source: t.field({
      description:
        'PARTY_COMMITTEE 党委出题, GOVERNMENT 政府提出, COMMITTEE 专委会提出, SECTOR 界别提出, PUBLIC 社会征集.',
      type: TopicSourceType,
      resolve: (x) => x.source,
    }),
    proposedBy: t.exposeString('proposedBy', {
      description: '提出单位 Who proposed it, if recorded.',
      nullable: true,
    }),
    form: t.field({
      description: '协商形式 The form of a consultation activity.',
      type: ConsultationFormType,
      resolve: (x) => x.form,
    }),
    leadCommittee: t.field({
      description: '牵头专委会 The special committee leading it, if any.',
      type: SpecialCommitteeRef,
      nullable: true,
      resolve: (x) => (x.leadCommitteeId == null ? null : { id: String(x.leadCommitteeId) }),
    }),
    quarter: t.exposeInt('quarter', {
      description: '季度 The quarter (1 to 4) it is planned for, if set.',
      nullable: true,
    }),
    droppedOn: t.expose('droppedOn', {
      type: 'Date',
      nullable: true,
      description:
        'The day an approved amendment dropped it from the published plan (kept for the record).',
    }),
    activities: t.field({
      type: [ConsultationActivityType],
      description: 'Activities carrying the topic out.',
      resolve: (x, _a, ctx) =>
        ctx.loaders.many(ConsultationActivitySchema, 'planTopicId').load(x.id),
    }),
    researchProjects: t.field({
      description: '调研课题 The research projects started on it.',
      type: [ResearchProjectType],
      resolve: (x, _a, ctx) => ctx.loaders.many(ResearchProjectSchema, 'planTopicId').load(x.id),
    }),
  }),
});

export const AmendmentKindType = builder.enumType('ConsultationPlanAmendmentKind', {
  values: describedValues(AMENDMENT_KINDS, {
    ADD_TOPIC: '增加议题 Add a topic to a published plan.',
    DROP_TOPIC: '取消议题 Drop a topic from it.',
    CHANGE_TOPIC: '调整议题 Change a topic of it.',
  }),
  description: 'ADD_TOPIC 增加议题, DROP_TOPIC 取消议题, CHANGE_TOPIC 调整议题.',
});
export const AmendmentStatusType = builder.enumType('ConsultationPlanAmendmentStatus', {
  values: describedValues(AMENDMENT_STATUSES, {
    PROPOSED: '已提出 Proposed; nothing changed yet.',
    APPROVED: '已批准 Approved; the change took effect.',
    REJECTED: '未批准 Rejected; nothing changed.',
    WITHDRAWN: '撤回 Withdrawn by staff before a decision.',
  }),
  description:
    'PROPOSED 已提出 (nothing changed yet) → APPROVED 已批准 (it took effect) | REJECTED 未批准 | WITHDRAWN 撤回.',
});

const TopicFieldsType = builder.objectRef<TopicFields>('ConsultationPlanTopicFields').implement({
  description:
    'A topic as an amendment proposes it, or as it read before the amendment changed it.',
  fields: (t) => ({
    title: t.exposeString('title', { description: "议题 The topic's title." }),
    source: t.field({
      description:
        'PARTY_COMMITTEE 党委出题, GOVERNMENT 政府提出, COMMITTEE 专委会提出, SECTOR 界别提出, PUBLIC 社会征集.',
      type: TopicSourceType,
      resolve: (x) => x.source,
    }),
    proposedBy: t.exposeString('proposedBy', {
      description: '提出单位 Who proposed it, if recorded.',
      nullable: true,
    }),
    form: t.field({
      description: '协商形式 The form of a consultation activity.',
      type: ConsultationFormType,
      resolve: (x) => x.form,
    }),
    leadCommittee: t.field({
      description: '牵头专委会 The special committee leading it, if any.',
      type: SpecialCommitteeRef,
      nullable: true,
      resolve: (x) => (x.leadCommitteeId == null ? null : { id: String(x.leadCommitteeId) }),
    }),
    quarter: t.exposeInt('quarter', {
      description: '季度 The quarter (1 to 4) it is planned for, if set.',
      nullable: true,
    }),
  }),
});

export const AmendmentType = builder.objectRef<PlanAmendment>('ConsultationPlanAmendment');

export const PlanType = builder.objectRef<ConsultationPlan>('ConsultationPlan').implement({
  description:
    '年度协商计划: drafted by the committee, approved by the Party committee, published.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationPlan's id." }),
    year: t.exposeInt('year', { description: '年度 The year the plan is for.' }),
    title: t.exposeString('title', { description: "标题 The plan's title." }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (x) => ({ code: x.district }),
    }),
    status: t.field({
      description: '协商计划状态 Where an annual consultation plan stands.',
      type: PlanStatusType,
      resolve: (x) => x.status,
    }),
    approvedBy: t.exposeString('approvedBy', {
      description: '批准机关 The Party committee that approved it; null until approved.',
      nullable: true,
    }),
    approvedOn: t.expose('approvedOn', {
      description: '批准日期 The day it was approved; null until then.',
      type: 'Date',
      nullable: true,
    }),
    publishedOn: t.expose('publishedOn', {
      description: '印发日期 The day it was published; null until then.',
      type: 'Date',
      nullable: true,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    topics: t.field({
      type: [PlanTopicType],
      description: 'The topics now on the plan; `includeDropped` adds those an amendment dropped.',
      args: {
        includeDropped: t.arg.boolean({
          required: false,
          description: 'Also the topics an amendment dropped (default false).',
        }),
      },
      resolve: async (x, { includeDropped }, ctx) => {
        const topics = await ctx.loaders.many(PlanTopicSchema, 'planId').load(x.id);
        return includeDropped ? topics : topics.filter((topic) => !topic.droppedOn);
      },
    }),
    amendments: t.field({
      type: [AmendmentType],
      description:
        'The history of amendments to the published plan (年度计划调整), oldest first: what each proposed, why, who proposed it and when, and how it was decided.',
      resolve: (x, _a, ctx) => ctx.loaders.many(PlanAmendmentSchema, 'planId').load(x.id),
    }),
    availableActions: t.stringList({
      description: AVAILABLE_ACTIONS_DESCRIPTION,
      resolve: async (x, _a, ctx) =>
        planWorkflow.available(ctx, {
          ...x,
          topics: (await ctx.loaders.many(PlanTopicSchema, 'planId', {}, true).load(x.id)).filter(
            (topic) => !topic.droppedOn,
          ).length,
        }),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (x, _a, ctx) => history(ctx, 'consultation_plan', x),
    }),
  }),
});

AmendmentType.implement({
  description:
    "年度协商计划调整: an amendment to a published annual plan — a topic added, dropped or changed — proposed by the committee's staff with its reason, taking effect only when approved by the Party committee (staff record the approval, naming the body). Topics of a published plan change in no other way.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationPlanAmendment's id." }),
    kind: t.field({
      description: 'ADD_TOPIC 增加议题, DROP_TOPIC 取消议题, CHANGE_TOPIC 调整议题.',
      type: AmendmentKindType,
      resolve: (a) => a.kind,
    }),
    status: t.field({
      description:
        'PROPOSED 已提出 (nothing changed yet) → APPROVED 已批准 (it took effect) | REJECTED 未批准 | WITHDRAWN 撤回.',
      type: AmendmentStatusType,
      resolve: (a) => a.status,
    }),
    plan: t.field({
      description: '协商计划 The plan it amends.',
      type: PlanType,
      nullable: true,
      resolve: (a, _a, ctx) => ctx.loaders.one(ConsultationPlanSchema).load(a.planId),
    }),
    topic: t.field({
      type: PlanTopicType,
      nullable: true,
      description: 'The topic dropped or changed; for ADD_TOPIC, the topic added (once approved).',
      resolve: (a, _a, ctx) =>
        a.topicId == null ? null : ctx.loaders.one(PlanTopicSchema).load(a.topicId),
    }),
    proposed: t.field({
      type: TopicFieldsType,
      nullable: true,
      description: 'ADD_TOPIC, CHANGE_TOPIC: the topic as it is to read.',
      resolve: (a) => a.proposed ?? null,
    }),
    before: t.field({
      type: TopicFieldsType,
      nullable: true,
      description: 'DROP_TOPIC, CHANGE_TOPIC: the topic as it read when the amendment took effect.',
      resolve: (a) => a.before ?? null,
    }),
    reason: t.exposeString('reason', { description: 'Why the plan is amended.' }),
    proposedOn: t.expose('proposedOn', {
      description: '提出日期 The day the amendment was proposed.',
      type: 'Date',
    }),
    proposedBy: t.string({
      nullable: true,
      description: "The account that proposed it (for those working for the plan's district).",
      resolve: (a, _a, ctx) =>
        canSeeDistrict(ctx.caller, a.district) ? (a.proposedBy ?? null) : null,
    }),
    approvedBy: t.exposeString('approvedBy', {
      nullable: true,
      description: 'The body that approved it (e.g. 中共黄山市委).',
    }),
    decidedOn: t.expose('decidedOn', {
      description: '决定日期 The day it was approved or rejected; null while pending.',
      type: 'Date',
      nullable: true,
    }),
    decidedBy: t.string({
      nullable: true,
      description:
        "The account that recorded the decision (for those working for the plan's district).",
      resolve: (a, _a, ctx) =>
        canSeeDistrict(ctx.caller, a.district) ? (a.decidedBy ?? null) : null,
    }),
    decisionNote: t.exposeString('decisionNote', {
      description: '决定说明 What was said with the decision.',
      nullable: true,
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description: "approve, reject, withdraw (staff of the plan's district) while PROPOSED.",
      resolve: async (a, _a, ctx) =>
        amendmentWorkflow.available(ctx, await amendmentFacts(ctx.em, { ...a })),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (a, _a, ctx) => history(ctx, 'plan_amendment', a),
    }),
  }),
});

export const EscalationType = builder.objectRef<Escalation>('ConsultationEscalation').implement({
  description:
    "A topic or outcome taken up higher (上报): by the provincial committee's key agenda or the national biweekly consultation (recorded once taken up), or escalated by a district (county) committee to the city committee above it, which accepts or declines it (提请市政协).",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ConsultationEscalation's id." }),
    body: t.field({
      description: 'Who takes a topic up.',
      type: EscalationBodyType,
      resolve: (e) => e.body,
    }),
    status: t.field({
      description:
        'TAKEN_UP 已列入 (recorded as taken up by a provincial or national body; no steps).',
      type: EscalationStatusType,
      resolve: (e) => e.status,
    }),
    district: t.field({
      type: DistrictRef,
      nullable: true,
      description:
        'The committee whose topic or outcome it is: for CITY_COMMITTEE, the district that escalated it.',
      resolve: (e) => ({ code: e.district }),
    }),
    toDistrict: t.field({
      type: DistrictRef,
      nullable: true,
      description:
        'CITY_COMMITTEE: the city committee it was escalated to; null for provincial and national bodies.',
      resolve: (e) => (e.toDistrict ? { code: e.toDistrict } : null),
    }),
    title: t.exposeString('title', { description: '标题 What is brought to the city committee.' }),
    escalatedOn: t.expose('escalatedOn', {
      type: 'Date',
      nullable: true,
      description: 'CITY_COMMITTEE: the day the district sent it up.',
    }),
    takenUpOn: t.expose('takenUpOn', {
      type: 'Date',
      nullable: true,
      description:
        'The day the body took it up; null while the city has not accepted it (or declined it).',
    }),
    heldOn: t.expose('heldOn', {
      description: '协商日期 The day the city committee held the consultation; null until then.',
      type: 'Date',
      nullable: true,
    }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        "How the higher body took it up; for CITY_COMMITTEE, the district's reason for escalating.",
    }),
    answer: t.exposeString('answer', {
      nullable: true,
      description:
        "CITY_COMMITTEE: the city's answer (答复) — how it takes it up, or why it declines.",
    }),
    answeredOn: t.expose('answeredOn', {
      description: '答复日期 The day the city committee answered; null until then.',
      type: 'Date',
      nullable: true,
    }),
    recommendation: t.field({
      type: RecommendationType,
      nullable: true,
      description: 'The recommendation escalated, if one was.',
      resolve: (e, _a, ctx) =>
        e.recommendationId == null
          ? null
          : ctx.loaders.one(RecommendationSchema).load(e.recommendationId),
    }),
    researchProject: t.field({
      description: '调研课题 The research project it carries up, if any.',
      type: ResearchProjectType,
      nullable: true,
      resolve: (e, _a, ctx) =>
        e.researchProjectId == null
          ? null
          : ctx.loaders.one(ResearchProjectSchema).load(e.researchProjectId),
    }),
    activity: t.field({
      description: '协商活动 The activity it carries up, if any.',
      type: ConsultationActivityType,
      nullable: true,
      resolve: (e, _a, ctx) =>
        e.activityId == null
          ? null
          : ctx.loaders.one(ConsultationActivitySchema).load(e.activityId),
    }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    availableActions: t.stringList({
      description:
        "accept, decline (the city committee's staff) and withdraw (the escalating district's staff), while SUBMITTED.",
      resolve: (e, _a, ctx) => escalationWorkflow.available(ctx, e),
    }),
    history: t.field({
      description: '履历 Its workflow steps, oldest first.',
      type: [ConsultationAuditEntryType],
      resolve: (e, _a, ctx) => history(ctx, 'escalation', e),
    }),
  }),
});

builder.objectField(ResearchProjectType, 'escalations', (t) =>
  t.field({
    description: '提请市政协 What was brought to the city committee from it.',
    type: [EscalationType],
    resolve: (p, _a, ctx) => ctx.loaders.many(EscalationSchema, 'researchProjectId').load(p.id),
  }),
);
builder.objectField(ConsultationActivityType, 'escalations', (t) =>
  t.field({
    description: '提请市政协 What was brought to the city committee from it.',
    type: [EscalationType],
    resolve: (a, _a, ctx) => ctx.loaders.many(EscalationSchema, 'activityId').load(a.id),
  }),
);

export const PlanConnection = connectionType<ConsultationPlan>(
  builder,
  'ConsultationPlan',
  PlanType,
);
export // The day that places an escalation in a period.
const ESCALATION_DAY =
  'day it went up (escalatedOn; for a higher body, which is not sent one, takenUpOn)';

const EscalationConnection = connectionType<Escalation>(
  builder,
  'ConsultationEscalation',
  EscalationType,
);

builder.queryField('consultationPlans', (t) =>
  t.field({
    description:
      "年度协商计划 Annual consultation plans, by district and year. Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: PlanConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      year: t.arg.int({ description: 'Only plans for this year.', required: false }),
      ...pageArgs(t),
    },
    resolve: (_root, { district, year, first, after, last, before }, ctx) => {
      const where: FilterQuery<ConsultationPlan>[] = [];
      if (district) where.push({ district: String(district) });
      if (year != null) where.push({ year });
      return findPage(
        ctx.em,
        ConsultationPlanSchema,
        { $and: where },
        { first, after, last, before },
      );
    },
  }),
);

builder.queryField('consultationPlan', (t) =>
  t.field({
    description:
      '年度协商计划 One annual consultation plan by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: PlanType,
    nullable: true,
    args: { id: t.arg.id({ description: "The ConsultationPlan's id.", required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const plan = await ctx.loaders
        .one(ConsultationPlanSchema)
        .load(parseId(id, 'id', 'ConsultationPlan'));
      return plan ?? null;
    },
  }),
);

nodeType(builder, PlanType, (ctx, id) => ctx.loaders.one(ConsultationPlanSchema).load(id));

builder.queryField('consultationEscalations', (t) =>
  t.field({
    type: EscalationConnection,
    description:
      'Topics and outcomes taken up higher. The city committee sees what its districts escalated to it with `city` (and `status: SUBMITTED` for what waits for its answer), each naming the escalating district.',
    args: {
      district: t.arg.id({ required: false, description: 'The committee that escalated.' }),
      city: t.arg.id({
        required: false,
        description: 'The city committee escalated to (CITY_COMMITTEE escalations only).',
      }),
      body: t.arg({
        description: 'Only escalations to this body.',
        type: EscalationBodyType,
        required: false,
      }),
      status: t.arg({
        description: 'Only escalations in this state.',
        type: EscalationStatusType,
        required: false,
      }),
      ...periodArgs(t, ESCALATION_DAY),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, city, body, status, from, to, first, after, last, before },
      ctx,
    ) => {
      const where: FilterQuery<Escalation>[] = [];
      if (district) where.push({ district: String(district) });
      if (city) where.push({ toDistrict: String(city) });
      if (body) where.push({ body });
      if (status) where.push({ status });
      const sent = periodWhere('escalatedOn', { from, to });
      // A higher body's escalation has no day it was sent: the day it was taken up places it.
      if (sent.escalatedOn)
        where.push({
          $or: [sent, { escalatedOn: null, takenUpOn: sent.escalatedOn }],
        });
      return findPage(ctx.em, EscalationSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.mutationField('draftConsultationPlan', (t) =>
  t.field({
    description:
      "Staff draft the year's consultation plan (DRAFT); a district has one plan a year. Year 2000 to 2100; title 5 to 200 characters.",
    type: PlanType,
    authScopes: { staff: true },
    args: {
      district: t.arg.id({
        description: 'The code of the district whose plan it is.',
        required: true,
      }),
      year: t.arg.int({
        description: 'The year it is for: 2000 to 2100.',
        required: true,
        validate: z
          .number()
          .int()
          .min(2000, 'must be a year between 2000 and 2100')
          .max(2100, 'must be a year between 2000 and 2100'),
      }),
      title: t.arg.string({
        required: true,
        validate: titleSchema,
        description: TITLE_DESCRIPTION,
      }),
    },
    resolve: (_root, { district, year, title }, ctx) =>
      draftPlan(ctx, String(district), year, title.trim()),
  }),
);

const TopicInput = builder.inputType('ConsultationPlanTopicInput', {
  description: 'What `addConsultationPlanTopic` takes.',
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    source: t.field({
      description:
        'PARTY_COMMITTEE 党委出题, GOVERNMENT 政府提出, COMMITTEE 专委会提出, SECTOR 界别提出, PUBLIC 社会征集.',
      type: TopicSourceType,
      required: true,
    }),
    proposedBy: t.string({
      description: 'Who proposed it: trimmed, 2 to 80 characters.',
      required: false,
      validate: z.string().trim().min(2).max(80),
    }),
    form: t.field({
      description: '协商形式 The form of a consultation activity.',
      type: ConsultationFormType,
      required: true,
    }),
    leadCommitteeId: t.id({
      description: 'The id of the special committee to lead it.',
      required: false,
    }),
    quarter: t.int({
      description: 'The quarter it is planned for: 1 to 4.',
      required: false,
      validate: z.number().int().min(1, 'must be 1 to 4').max(4, 'must be 1 to 4'),
    }),
  }),
});

builder.mutationField('addConsultationPlanTopic', (t) =>
  t.field({
    type: PlanTopicType,
    description:
      'Staff add a topic to a draft plan. Only while the plan is a DRAFT (else ILLEGAL_TRANSITION, rule not-draft): a published plan changes its topics through proposeConsultationPlanAmendment.',
    authScopes: { staff: true },
    args: {
      planId: t.arg.id({ description: "The plan's id.", required: true }),
      input: t.arg({
        description: 'What `addConsultationPlanTopic` takes (`ConsultationPlanTopicInput`).',
        type: TopicInput,
        required: true,
      }),
    },
    resolve: (_root, { planId, input }, ctx) =>
      addPlanTopic(ctx, parseId(planId, 'planId'), {
        title: input.title.trim(),
        source: input.source,
        proposedBy: input.proposedBy?.trim() || null,
        form: input.form,
        leadCommitteeId:
          input.leadCommitteeId == null
            ? null
            : parseId(input.leadCommitteeId, 'input.leadCommitteeId'),
        quarter: input.quarter ?? null,
      }),
  }),
);

builder.mutationField('removeConsultationPlanTopic', (t) =>
  t.field({
    type: PlanType,
    description:
      'Staff take a topic out of a draft plan. Only while the plan is a DRAFT (else ILLEGAL_TRANSITION, rule not-draft): a published plan drops a topic through proposeConsultationPlanAmendment (DROP_TOPIC).',
    authScopes: { staff: true },
    args: { topicId: t.arg.id({ required: true, description: "The topic's id." }) },
    resolve: (_root, { topicId }, ctx) => removePlanTopic(ctx, parseId(topicId, 'topicId')),
  }),
);

builder.mutationField('approveConsultationPlan', (t) =>
  t.field({
    type: PlanType,
    description: "Staff record the Party committee's approval of the plan.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationPlan's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      approvedBy: t.arg.string({
        description: 'The Party committee that approved it: trimmed, 2 to 80 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must name the Party committee').max(80),
      }),
      on: t.arg({
        description: 'The day of the approval (default today).',
        type: 'Date',
        required: false,
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, a, ctx) =>
      movePlan(ctx, parseId(a.id), 'approve', a.version, a.note ?? null, {
        approvedBy: a.approvedBy.trim(),
        on: a.on,
      }),
  }),
);

for (const [field, action, description] of [
  [
    'reviseConsultationPlan',
    'revise',
    'Staff take an APPROVED plan back to DRAFT to change its topics (it needs approving again).',
  ],
  [
    'publishConsultationPlan',
    'publish',
    'Staff publish an APPROVED plan (→ PUBLISHED): it becomes public; after that topics change only by amendment.',
  ],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: PlanType,
      description,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The ConsultationPlan's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        on: t.arg({
          description: 'The day of the step (default today).',
          type: 'Date',
          required: false,
        }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, a, ctx) =>
        movePlan(ctx, parseId(a.id), action, a.version, a.note ?? null, { on: a.on }),
    }),
  );
}

/** The research project or activity an escalation carries up, on both escalation inputs. */
const carriedUp = (t: InputFields) => ({
  researchProjectId: t.id({
    description: 'The id of the research project it carries up, if any.',
    required: false,
  }),
  activityId: t.id({
    description: 'The id of the activity it carries up, if any.',
    required: false,
  }),
});

const EscalationInput = builder.inputType('RecordConsultationEscalationInput', {
  description: 'What `recordConsultationEscalation` takes.',
  fields: (t) => ({
    body: t.field({
      description: 'Who takes a topic up.',
      type: EscalationBodyType,
      required: true,
    }),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    ...carriedUp(t),
    takenUpOn: t.field({
      description: 'The day the city committee took it up.',
      type: 'Date',
      required: true,
    }),
    heldOn: t.field({
      description: 'The day the city committee held the consultation, if it has.',
      type: 'Date',
      required: false,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
      validate: z.string().trim().max(2000),
    }),
  }),
});

builder.mutationField('recordConsultationEscalation', (t) =>
  t.field({
    type: EscalationType,
    description:
      'Staff record that a topic of theirs was taken up by the provincial or national committee (TAKEN_UP). CITY_COMMITTEE is refused (input.body, rule escalate): a district escalates to the city with escalateToCityCommittee.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description:
          'What `recordConsultationEscalation` takes (`RecordConsultationEscalationInput`).',
        type: EscalationInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      recordEscalation(ctx, {
        body: input.body,
        title: input.title.trim(),
        researchProjectId:
          input.researchProjectId == null
            ? null
            : parseId(input.researchProjectId, 'input.researchProjectId'),
        activityId: input.activityId == null ? null : parseId(input.activityId, 'input.activityId'),
        takenUpOn: input.takenUpOn,
        heldOn: input.heldOn ?? null,
        note: input.note?.trim() || null,
      }),
  }),
);

const CityEscalationInput = builder.inputType('EscalateToCityCommitteeInput', {
  description:
    'What a district committee escalates to the city committee: at least one of a submitted recommendation, a research project whose report is submitted, or a held activity, all of one district.',
  fields: (t) => ({
    recommendationId: t.id({
      description: 'The id of the recommendation it carries up, if any.',
      required: false,
    }),
    ...carriedUp(t),
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    reason: t.string({
      required: true,
      validate: z
        .string()
        .trim()
        .min(10, 'must say why the city should take it up (10 characters or more)')
        .max(2000),
      description: 'Why the city committee should take it up (10 to 2000 characters).',
    }),
    on: t.field({
      type: 'Date',
      required: false,
      description: 'Default today; not in the future.',
    }),
  }),
});

const optionalId = (v: string | number | null | undefined, field: string) =>
  v == null ? null : parseId(v, field);

builder.mutationField('escalateToCityCommittee', (t) =>
  t.field({
    type: EscalationType,
    description:
      "提请市政协: a district (county) committee's staff escalate an outcome to the city committee above it (SUBMITTED). Refused with BAD_USER_INPUT naming the field: nothing named (rule required), a source unknown (exists), of different districts (district), a draft recommendation or unsubmitted report (submitted), an activity not held (held), a district with no committee above it (city), a day in the future (past); CONFLICT when the outcome already waits for or stands with the city.",
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `escalateToCityCommittee` takes (`EscalateToCityCommitteeInput`).',
        type: CityEscalationInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      escalateToCity(ctx, {
        recommendationId: optionalId(input.recommendationId, 'input.recommendationId'),
        researchProjectId: optionalId(input.researchProjectId, 'input.researchProjectId'),
        activityId: optionalId(input.activityId, 'input.activityId'),
        title: input.title.trim(),
        reason: input.reason.trim(),
        on: input.on ?? null,
      }),
  }),
);

const answerArg = z
  .string()
  .trim()
  .min(10, 'must give the answer (10 characters or more)')
  .max(5000);

for (const [field, action, description] of [
  [
    'acceptConsultationEscalation',
    'accept',
    "采纳: the city committee's staff accept what a district escalated, saying how they take it up (e.g. 列入市政协年度协商计划); it is taken up that day.",
  ],
  [
    'declineConsultationEscalation',
    'decline',
    "不予采纳: the city committee's staff decline what a district escalated, saying why.",
  ],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: EscalationType,
      description: `${description} Only from SUBMITTED (else ILLEGAL_TRANSITION, rule answered), only by staff of the committee it went to (else FORBIDDEN); \`on\` not before it was escalated (rule order) nor in the future (past).`,
      authScopes: { staff: true },
      args: {
        id: t.arg.id({ description: "The ConsultationEscalation's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        answer: t.arg.string({
          description: "The city committee's answer: trimmed, 10 to 5,000 characters.",
          required: true,
          validate: answerArg,
        }),
        on: t.arg({
          description: 'The day of the answer (default today).',
          type: 'Date',
          required: false,
        }),
      },
      resolve: (_root, a, ctx) =>
        moveEscalation(ctx, parseId(a.id), action, a.version, a.answer.trim(), a.on ?? null),
    }),
  );
}

builder.mutationField('withdrawConsultationEscalation', (t) =>
  t.field({
    type: EscalationType,
    description:
      "撤回: the escalating district's staff take an escalation back while it waits for the city (SUBMITTED).",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationEscalation's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().trim().max(2000),
      }),
    },
    resolve: (_root, a, ctx) =>
      moveEscalation(ctx, parseId(a.id), 'withdraw', a.version, a.note?.trim() || null, null),
  }),
);

const AmendmentInput = builder.inputType('ProposeConsultationPlanAmendmentInput', {
  description:
    'An amendment of a published plan: ADD_TOPIC gives `topic`; DROP_TOPIC names `topicId`; CHANGE_TOPIC names `topicId` and gives `topic` as it is to read. The reason is required.',
  fields: (t) => ({
    kind: t.field({
      description: 'ADD_TOPIC 增加议题, DROP_TOPIC 取消议题, CHANGE_TOPIC 调整议题.',
      type: AmendmentKindType,
      required: true,
    }),
    topicId: t.id({ required: false, description: 'DROP_TOPIC, CHANGE_TOPIC: the topic amended.' }),
    topic: t.field({
      type: TopicInput,
      required: false,
      description: 'ADD_TOPIC, CHANGE_TOPIC: the topic as it is to read.',
    }),
    reason: t.string({
      required: true,
      validate: z
        .string()
        .trim()
        .min(10, 'must say why the plan is amended (10 characters or more)')
        .max(2000),
      description: 'Why the plan is amended (10 to 2000 characters).',
    }),
    on: t.field({
      type: 'Date',
      required: false,
      description: 'Default today; not in the future.',
    }),
  }),
});

builder.mutationField('proposeConsultationPlanAmendment', (t) =>
  t.field({
    type: AmendmentType,
    description:
      '年度计划调整: staff propose an amendment to a published plan; nothing changes until it is approved. Refused: a plan not published (ILLEGAL_TRANSITION, rule not-published); BAD_USER_INPUT naming the field — input.topic or input.topicId missing for the kind (required) or given where the kind takes none (shape), a topic not of this plan (exists) or already dropped (dropped), a reason under 10 characters, a lead committee unknown or of another district, a day in the future (past); CONFLICT when the topic already has an amendment to be decided.',
    authScopes: { staff: true },
    args: {
      planId: t.arg.id({ description: "The plan's id.", required: true }),
      input: t.arg({
        description:
          'What `proposeConsultationPlanAmendment` takes (`ProposeConsultationPlanAmendmentInput`).',
        type: AmendmentInput,
        required: true,
      }),
    },
    resolve: (_root, { planId, input }, ctx) =>
      proposeAmendment(ctx, parseId(planId, 'planId'), {
        kind: input.kind,
        topicId: input.topicId == null ? null : parseId(input.topicId, 'input.topicId'),
        topic: input.topic
          ? {
              title: input.topic.title.trim(),
              source: input.topic.source,
              proposedBy: input.topic.proposedBy?.trim() || null,
              form: input.topic.form,
              leadCommitteeId:
                input.topic.leadCommitteeId == null
                  ? null
                  : parseId(input.topic.leadCommitteeId, 'input.topic.leadCommitteeId'),
              quarter: input.topic.quarter ?? null,
            }
          : null,
        reason: input.reason.trim(),
        on: input.on ?? null,
      }),
  }),
);

builder.mutationField('approveConsultationPlanAmendment', (t) =>
  t.field({
    type: AmendmentType,
    description:
      "Staff record the Party committee's approval of a proposed amendment, naming the body; it takes effect on the plan at once (a topic added, dropped or changed) and the plan's history gains an `amend` row. Only while PROPOSED (else ILLEGAL_TRANSITION, rule decided); refused rule topic-dropped when the topic left the plan meanwhile; `on` not before it was proposed (order) nor in the future (past).",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationPlanAmendment's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      approvedBy: t.arg.string({
        description: 'The body that approved it: trimmed, 2 to 80 characters.',
        required: true,
        validate: z.string().trim().min(2, 'must name the body that approved it').max(80),
      }),
      on: t.arg({
        description: 'The day of the approval (default today).',
        type: 'Date',
        required: false,
      }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().trim().max(2000),
      }),
    },
    resolve: (_root, a, ctx) =>
      moveAmendment(ctx, parseId(a.id), 'approve', a.version, a.note?.trim() || null, {
        approvedBy: a.approvedBy.trim(),
        on: a.on ?? null,
      }),
  }),
);

builder.mutationField('rejectConsultationPlanAmendment', (t) =>
  t.field({
    type: AmendmentType,
    description:
      'Staff record that the amendment was not approved, saying why; the plan stays as it was. Only while PROPOSED (rule decided).',
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationPlanAmendment's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: true,
        validate: z.string().trim().min(4, 'must say why it was not approved').max(2000),
      }),
      on: t.arg({
        description: 'The day of the decision (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_root, a, ctx) =>
      moveAmendment(ctx, parseId(a.id), 'reject', a.version, a.note.trim(), { on: a.on ?? null }),
  }),
);

builder.mutationField('withdrawConsultationPlanAmendment', (t) =>
  t.field({
    type: AmendmentType,
    description: 'Staff withdraw an amendment still proposed; the plan stays as it was.',
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The ConsultationPlanAmendment's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({
        description: NOTE_DESCRIPTION,
        required: false,
        validate: z.string().trim().max(2000),
      }),
    },
    resolve: (_root, a, ctx) =>
      moveAmendment(ctx, parseId(a.id), 'withdraw', a.version, a.note?.trim() || null, {}),
  }),
);
