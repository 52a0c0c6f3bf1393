import {
  callerUnit,
  defineWorkflow,
  hasRole,
  fact,
  inPlace,
  type Guard,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import type {
  ActivityStatus,
  ConsultationActivity,
} from './entities/consultation-activity.entity.js';
import {
  type CampaignStatus,
  type ContributionStatus,
  type InputCampaign,
  InputCampaignSchema,
  type InputContribution,
  InputContributionSchema,
} from './entities/input-campaign.entity.js';
import {
  type LedgerEntry,
  LedgerEntrySchema,
  type LedgerStatus,
} from './entities/instruction.entity.js';
import {
  type AmendmentStatus,
  type ConsultationPlan,
  ConsultationPlanSchema,
  type Escalation,
  EscalationSchema,
  type EscalationStatus,
  type PlanAmendment,
  PlanAmendmentSchema,
  type PlanStatus,
  type PlanTopic,
  PlanTopicSchema,
} from './entities/plan.entity.js';
import {
  type Recommendation,
  RecommendationSchema,
  type RecommendationStatus,
} from './entities/recommendation.entity.js';
import {
  FieldVisitSchema,
  type ResearchPhase,
  type ResearchProject,
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
} from './entities/research-project.entity.js';
import {
  type QuestionnaireResponse,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
} from './entities/questionnaire.entity.js';
import type { Result, TaskStatus } from './entities/result.entity.js';

/** A guard that refuses while something the step stands on is missing (`missing` names it). */
function needs<R extends { id: number }>(
  entity: string,
  action: string,
  missing: string,
  holds: (r: R) => boolean,
  message?: (r: R) => string,
): Guard<R> {
  return {
    name: `missing-${missing}`,
    holds: (_ctx, r) => holds(r),
    message: message ?? ((r) => `${entity} ${r.id}: "${action}" needs the ${missing} first`),
    extensions: { missing },
  };
}

/** Anyone may take the step (the command has already said who reaches the record). */
const anyone = { relation: 'anyone', holds: () => true };

/** An activity with the members taking part looked up, for the participant relation. */
export type ActivityRecord = ConsultationActivity & { participantIds?: number[] };
/** A member invited to the activity hands in their own written speech. */
const participant = {
  relation: 'participant',
  holds: (ctx: RequestContext, a: ActivityRecord) =>
    ctx.caller.memberId !== null &&
    fact(a.participantIds, 'participantIds').includes(Number(ctx.caller.memberId)),
};

export type ActivityAction =
  | 'prepare'
  | 'hold'
  | 'submitOutcome'
  | 'close'
  | 'cancel'
  | 'invite'
  | 'recordMinutes'
  | 'speak'
  | 'handInSpeech';

/**
 * A consultation activity, whatever its form: planned → preparing → held → outcome submitted →
 * closed. Committee staff organise every step; an activity without an outcome (a plenary
 * session's group discussion, say) closes straight after it is held.
 */
export const activityWorkflow = defineWorkflow<ActivityStatus, ActivityAction, ActivityRecord>(
  'consultation_activity',
  [
    { from: 'PLANNED', action: 'prepare', who: ['staff'], to: 'PREPARING' },
    { from: 'PLANNED', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'PREPARING', action: 'cancel', who: ['staff'], to: 'CANCELLED' },
    { from: 'PREPARING', action: 'hold', who: ['staff'], to: 'HELD' },
    {
      from: 'HELD',
      action: 'submitOutcome',
      who: ['staff'],
      guards: [
        needs<ActivityRecord>(
          'consultation_activity',
          'submitOutcome',
          'minutes',
          (a) => !!a.minutes,
          (a) => `consultation_activity ${a.id}: record the minutes before submitting the outcome`,
        ),
      ],
      to: 'OUTCOME_SUBMITTED',
    },
    { from: 'HELD', action: 'close', who: ['staff'], to: 'CLOSED' },
    { from: 'OUTCOME_SUBMITTED', action: 'close', who: ['staff'], to: 'CLOSED' },
    // Work on the activity that keeps it where it is: invitations while it is ahead, minutes once held.
    ...inPlace(['PLANNED', 'PREPARING'], 'invite', ['staff']),
    ...inPlace(['HELD', 'OUTCOME_SUBMITTED'], 'recordMinutes', ['staff']),
    // Speeches: staff record spoken ones once it is held; a written one (a member's own, or staff
    // entering it) may come in while it is prepared too.
    ...inPlace(['HELD', 'OUTCOME_SUBMITTED'], 'speak', ['staff']),
    ...inPlace(['PREPARING', 'HELD', 'OUTCOME_SUBMITTED'], 'handInSpeech', ['staff', participant]),
  ],
);

export type ResearchAction =
  | 'approvePlan'
  | 'startFieldwork'
  | 'startDrafting'
  | 'review'
  | 'returnDraft'
  | 'submit'
  | 'convert'
  | 'close'
  | 'setPlan'
  | 'addTeamMembers'
  | 'recordFieldVisit'
  | 'writeReport';

/** A project with its team lead and what stands behind its steps looked up. */
export type ResearchRecord = ResearchProject & {
  leadMemberId?: number | null;
  fieldVisits?: number;
  recommendations?: number;
};

/**
 * The facts the research table's guards read (fieldwork done, recommendations drafted), loaded
 * onto the record by the command that steps it and by its inbox address alike.
 */
export async function researchFacts(
  em: EntityManager,
  project: ResearchRecord,
): Promise<ResearchRecord> {
  return Object.assign(project, {
    fieldVisits: await em.count(FieldVisitSchema, { projectId: project.id }, { filters: false }),
    recommendations: await em.count(
      RecommendationSchema,
      { researchProjectId: project.id },
      { filters: false },
    ),
  });
}

/** The team's lead member moves the fieldwork along; staff may do it for them. */
const teamLead = {
  relation: 'team lead',
  holds: (ctx: RequestContext, r: ResearchRecord) => {
    const lead = fact(r.leadMemberId, 'leadMemberId');
    return lead !== null && ctx.caller.memberId === String(lead);
  },
  parties: (r: ResearchRecord) => (r.leadMemberId != null ? [{ member: r.leadMemberId }] : []),
};

/** A step with nothing behind it would only fake progress. */
const research = (
  action: ResearchAction,
  missing: string,
  holds: (r: ResearchRecord) => boolean,
): Guard<ResearchRecord>[] => [needs('research_project', action, missing, holds)];
const hasReport = (r: ResearchRecord) => !!r.reportText;

/**
 * Research under process control (调研工作实施办法): the plan is approved by a leader or staff,
 * the team lead runs fieldwork and drafting, leaders or staff review, staff submit the report
 * and record its conversion into advice.
 */
export const researchWorkflow = defineWorkflow<ResearchPhase, ResearchAction, ResearchRecord>(
  'research_project',
  [
    {
      from: 'TOPIC_SELECTED',
      action: 'approvePlan',
      who: ['leader', 'staff'],
      guards: research('approvePlan', 'plan', (r) => !!r.plan),
      to: 'PLAN_APPROVED',
    },
    {
      from: 'PLAN_APPROVED',
      action: 'startFieldwork',
      who: ['staff', teamLead],
      guards: research(
        'startFieldwork',
        'teamLead',
        (r) => fact(r.leadMemberId, 'leadMemberId') !== null,
      ),
      to: 'FIELDWORK',
    },
    {
      from: 'FIELDWORK',
      action: 'startDrafting',
      who: ['staff', teamLead],
      guards: research(
        'startDrafting',
        'fieldVisit',
        (r) => fact(r.fieldVisits, 'fieldVisits') > 0,
      ),
      to: 'DRAFTING',
    },
    {
      from: 'DRAFTING',
      action: 'review',
      who: ['leader', 'staff'],
      guards: research('review', 'report', hasReport),
      to: 'REVIEWED',
    },
    { from: 'REVIEWED', action: 'returnDraft', who: ['leader', 'staff'], to: 'DRAFTING' },
    {
      from: 'REVIEWED',
      action: 'submit',
      who: ['staff'],
      guards: research('submit', 'report', hasReport),
      to: 'SUBMITTED',
    },
    {
      from: 'SUBMITTED',
      action: 'convert',
      who: ['staff'],
      guards: research(
        'convert',
        'recommendation',
        (r) => fact(r.recommendations, 'recommendations') > 0,
      ),
      to: 'CONVERTED',
    },
    { from: 'SUBMITTED', action: 'close', who: ['staff'], to: 'CLOSED' },
    { from: 'CONVERTED', action: 'close', who: ['staff'], to: 'CLOSED' },
    // Work on the project that keeps it in its phase.
    { from: 'TOPIC_SELECTED', action: 'setPlan', who: ['staff', teamLead], to: 'TOPIC_SELECTED' },
    ...inPlace(['TOPIC_SELECTED', 'PLAN_APPROVED', 'FIELDWORK', 'DRAFTING'], 'addTeamMembers', [
      'staff',
    ]),
    ...inPlace(['FIELDWORK', 'DRAFTING'], 'recordFieldVisit', ['staff', teamLead]),
    { from: 'DRAFTING', action: 'writeReport', who: ['staff', teamLead], to: 'DRAFTING' },
  ],
  {},
  {
    schema: ResearchProjectSchema,
    type: 'ResearchProject',
    states: {
      TOPIC_SELECTED: {
        kind: 'research.approvePlan',
        why: '调研方案待审批 A research plan to approve',
      },
      PLAN_APPROVED: { kind: 'research.fieldwork', why: '方案已批待开展调研 Fieldwork to start' },
      FIELDWORK: { kind: 'research.drafting', why: '调研中待起草报告 A report to start drafting' },
      DRAFTING: { kind: 'research.review', why: '调研报告待审核 A research report to review' },
      REVIEWED: { kind: 'research.submit', why: '报告已审待报送 A reviewed report to submit' },
    },
    title: (r) => r.title,
    district: (r) => r.district,
    // The lead, as the command's `load` finds it, and the guards' facts.
    facts: async (em, r) => {
      const team = await em.find(ResearchTeamMemberSchema, { projectId: r.id });
      r.leadMemberId = team.find((s) => s.role === 'LEAD')?.memberId ?? null;
      await researchFacts(em, r);
    },
    ignore: ['setPlan', 'addTeamMembers', 'recordFieldVisit', 'writeReport'],
  },
);

export type RecommendationAction = 'submit' | 'adopt' | 'decline';

/** A recommendation goes from the committee to the Party committee or government, which adopts it or not. */
export const recommendationWorkflow = defineWorkflow<
  RecommendationStatus,
  RecommendationAction,
  Recommendation
>(
  'recommendation',
  [
    { from: 'DRAFT', action: 'submit', who: ['staff'], to: 'SUBMITTED' },
    { from: 'SUBMITTED', action: 'adopt', who: ['staff'], to: 'ADOPTED' },
    { from: 'SUBMITTED', action: 'decline', who: ['staff'], to: 'NOT_ADOPTED' },
  ],
  {},
  {
    schema: RecommendationSchema,
    type: 'Recommendation',
    // Staff record the Party committee's or government's answer: the wait is theirs to close.
    states: {
      DRAFT: { kind: 'recommendation.submit', why: '建议稿待报送 A recommendation to submit' },
      SUBMITTED: {
        kind: 'recommendation.outcome',
        why: '建议待记录采纳结果 Whether it was adopted, to record',
      },
    },
    title: (r) => r.title,
    district: (r) => r.district,
  },
);

export type LedgerAction = 'reply' | 'accept' | 'return';

/** The department a ledger entry is assigned to; only its own users reply. */
const assignedUnit = {
  relation: 'assigned department',
  holds: (ctx: RequestContext, e: { unitId?: number | null }) =>
    e.unitId != null && callerUnit(ctx.caller) === e.unitId,
  parties: (e: { unitId?: number | null }) => (e.unitId != null ? [{ unit: e.unitId }] : []),
};

/** 转办台账: staff assign, the department replies with feedback, staff accept it or send it back. */
export const ledgerWorkflow = defineWorkflow<LedgerStatus, LedgerAction, LedgerEntry>(
  'ledger_entry',
  [
    { from: 'ASSIGNED', action: 'reply', who: [assignedUnit], to: 'REPLIED' },
    { from: 'REPLIED', action: 'accept', who: ['staff'], to: 'DONE' },
    { from: 'REPLIED', action: 'return', who: ['staff'], to: 'ASSIGNED' },
  ],
  {},
  {
    schema: LedgerEntrySchema,
    type: 'LedgerEntry',
    states: {
      ASSIGNED: { kind: 'ledger.reply', why: '转办事项待反馈 A follow-up to report on' },
      REPLIED: { kind: 'ledger.check', why: '反馈待审核 A department’s feedback to check' },
    },
    title: (e) => e.task.slice(0, 200),
    district: (e) => e.district,
    dueOn: (e) => e.dueOn,
  },
);

export type TaskAction = 'start' | 'complete' | 'reopen' | 'reportProgress';

/**
 * A task that stands for a ledger entry (转办台账) is carried out through the entry: the
 * department replies there and staff accept or return the reply, and the task shows it. Its own
 * steps would write the same follow-up a second time.
 */
const notOnLedger: Guard<Result> = {
  name: 'on-ledger',
  holds: (_ctx, r) => fact(r.ledgerEntryId, 'ledgerEntryId') == null,
  message: (r) =>
    `result ${r.id} stands for ledger entry ${r.ledgerEntryId}: the department replies there (replyToLedgerEntry) and staff accept or return the reply (acceptLedgerReply, returnLedgerReply)`,
  extensions: { blockedBy: 'ledgerEntry' },
};

/**
 * A department's task in the results tree: only the department starts and completes it; staff
 * reopen it. A task on the ledger takes none of these steps: it follows its entry.
 */
export const taskWorkflow = defineWorkflow<TaskStatus, TaskAction, Result & { status: TaskStatus }>(
  'result',
  [
    {
      from: 'NOT_STARTED',
      action: 'start',
      who: [assignedUnit],
      guards: [notOnLedger],
      to: 'IN_PROGRESS',
    },
    {
      from: 'IN_PROGRESS',
      action: 'complete',
      who: [assignedUnit],
      guards: [notOnLedger],
      to: 'DONE',
    },
    { from: 'DONE', action: 'reopen', who: ['staff'], guards: [notOnLedger], to: 'IN_PROGRESS' },
    {
      from: 'IN_PROGRESS',
      action: 'reportProgress',
      who: [assignedUnit],
      guards: [notOnLedger],
      to: 'IN_PROGRESS',
    },
  ],
);

export type PlanAction =
  | 'approve'
  | 'revise'
  | 'publish'
  | 'addTopic'
  | 'removeTopic'
  | 'proposeAmendment';

/** A plan with its number of topics looked up. */
export type PlanRecord = ConsultationPlan & { topics?: number };

/** The topics on a plan (not dropped by an amendment): what its approval needs. */
export function planTopics(em: EntityManager, planId: number): Promise<number> {
  return em.count(PlanTopicSchema, { planId, droppedOn: null }, { filters: false });
}

/** Topics are edited in a draft; once the plan is approved they are fixed, once published amended. */
const topicsFixed = {
  rule: 'not-draft',
  message: (x: PlanRecord) =>
    x.status === 'PUBLISHED'
      ? `consultation_plan ${x.id} is published: its topics change only through an amendment approved by the Party committee (proposeConsultationPlanAmendment)`
      : `consultation_plan ${x.id} is ${x.status}: its topics change in a draft (revise it first)`,
};

/**
 * The annual plan: the committee drafts it, the Party committee approves it (staff record that),
 * then it is published. A published plan's topics change only through amendments (年度计划调整),
 * each approved before it takes effect (`amendmentWorkflow`).
 */
export const planWorkflow = defineWorkflow<PlanStatus, PlanAction, PlanRecord>(
  'consultation_plan',
  [
    {
      from: 'DRAFT',
      action: 'approve',
      who: ['staff'],
      guards: [
        needs<PlanRecord>(
          'consultation_plan',
          'approve',
          'topics',
          (x) => fact(x.topics, 'topics') > 0,
          (x) => `consultation_plan ${x.id}: a plan without topics cannot be approved`,
        ),
      ],
      to: 'APPROVED',
    },
    { from: 'APPROVED', action: 'revise', who: ['staff'], to: 'DRAFT' },
    { from: 'APPROVED', action: 'publish', who: ['staff'], to: 'PUBLISHED' },
    // Topics change directly only in a draft; a published plan is amended.
    { from: 'DRAFT', action: 'addTopic', who: ['staff'], to: 'DRAFT' },
    { from: 'DRAFT', action: 'removeTopic', who: ['staff'], to: 'DRAFT' },
    { from: 'PUBLISHED', action: 'proposeAmendment', who: ['staff'], to: 'PUBLISHED' },
  ],
  {
    addTopic: topicsFixed,
    removeTopic: topicsFixed,
    proposeAmendment: {
      rule: 'not-published',
      message: (x) =>
        `consultation_plan ${x.id} is ${x.status}: amendments are for a published plan; a draft's topics are edited directly`,
    },
  },
  {
    schema: ConsultationPlanSchema,
    type: 'ConsultationPlan',
    // A draft with topics waits for staff to record the Party committee's approval; an approved
    // plan, to be published. A published plan waits for nobody: its amendments carry their own
    // work. Whether a draft may be approved turns on its topics, added and removed without
    // writing the plan's row: their writes republish the plan (`follows`).
    states: {
      DRAFT: {
        kind: 'plan.approve',
        why: '计划草案待报党委批准 A draft plan for the Party committee to approve (record it)',
      },
      APPROVED: { kind: 'plan.publish', why: '计划已批准待发布 An approved plan to publish' },
    },
    title: (x) => x.title,
    district: (x) => x.district,
    facts: async (em, x) => {
      x.topics = await planTopics(em, x.id);
    },
    follows: [
      { schema: PlanTopicSchema, records: async (_em, t: PlanTopic) => ({ id: t.planId }) },
    ],
    // Editing a draft's topics is not what it waits for.
    ignore: ['addTopic', 'removeTopic'],
  },
);

export type AmendmentAction = 'approve' | 'reject' | 'withdraw';

/** An amendment with whether the topic it drops or changes is still on the plan looked up. */
export type AmendmentRecord = PlanAmendment & { topicCurrent?: boolean; topicTitle?: string };

/** The topic an amendment drops or changes must still be on the plan when it takes effect. */
const topicCurrent: Guard<AmendmentRecord> = {
  name: 'topic-dropped',
  holds: (_ctx, a) => a.kind === 'ADD_TOPIC' || fact(a.topicCurrent, 'topicCurrent'),
  message: (a) =>
    `plan_amendment ${a.id}: topic ${a.topicId} was dropped from the plan meanwhile; withdraw this amendment`,
  extensions: { field: 'topicId' },
};

/**
 * 年度协商计划调整: staff propose an amendment to a published plan (add, drop or change a topic,
 * with the reason); it takes effect when the Party committee approves it (staff record the
 * approval, naming the body), or is rejected, or withdrawn by staff while proposed.
 */
export const amendmentWorkflow = defineWorkflow<AmendmentStatus, AmendmentAction, AmendmentRecord>(
  'plan_amendment',
  [
    { from: 'PROPOSED', action: 'approve', who: ['staff'], guards: [topicCurrent], to: 'APPROVED' },
    { from: 'PROPOSED', action: 'reject', who: ['staff'], to: 'REJECTED' },
    { from: 'PROPOSED', action: 'withdraw', who: ['staff'], to: 'WITHDRAWN' },
  ],
  Object.fromEntries(
    (['approve', 'reject', 'withdraw'] as const).map((a) => [
      a,
      {
        rule: 'decided',
        message: (x: AmendmentRecord) =>
          `plan_amendment ${x.id} is ${x.status}: only a proposed amendment is approved, rejected or withdrawn`,
      },
    ]),
  ),
  {
    schema: PlanAmendmentSchema,
    type: 'ConsultationPlanAmendment',
    // An amendment is read on its plan.
    about: (a) => ({ type: 'ConsultationPlan', id: a.planId }),
    states: {
      PROPOSED: {
        kind: 'plan.amendment',
        why: '计划调整待党委审批结果 An amendment awaiting the Party committee’s decision',
      },
    },
    title: (a) => a.proposed?.title ?? a.topicTitle ?? `plan amendment ${a.id}`,
    district: (a) => a.district,
    // Whether the topic is still on the plan (the approve guard) and its title, for a drop.
    facts: async (em, a) => {
      const topic = a.topicId == null ? null : await em.findOne(PlanTopicSchema, { id: a.topicId });
      a.topicCurrent = a.topicId == null || (!!topic && !topic.droppedOn);
      a.topicTitle = topic?.title;
    },
    // Staff withdrawing their own proposal is never what the amendment waits for.
    ignore: ['withdraw'],
  },
);

export type EscalationAction = 'accept' | 'decline' | 'withdraw';

/** Staff of the city committee a district escalated to: they answer it. */
const receivingCommittee = {
  relation: 'staff of the committee it went to',
  holds: (ctx: RequestContext, e: Pick<Escalation, 'toDistrict'>) =>
    hasRole(ctx.caller, 'staff') && e.toDistrict != null && ctx.caller.district === e.toDistrict,
  parties: (e: Pick<Escalation, 'toDistrict'>) =>
    e.toDistrict != null ? [{ role: 'staff' as const, district: e.toDistrict }] : [],
};
/** Staff of the district committee that escalated it: they may take it back before it is answered. */
const escalatingCommittee = {
  relation: 'staff of the committee that escalated it',
  holds: (ctx: RequestContext, e: Pick<Escalation, 'district'>) =>
    hasRole(ctx.caller, 'staff') && ctx.caller.district === e.district,
};
const notAnswerable = {
  rule: 'answered',
  message: (e: Escalation) =>
    `escalation ${e.id} is ${e.status}: only an escalation waiting for the city (SUBMITTED) is answered or withdrawn`,
};

/**
 * A district (county) committee escalates an outcome to the city committee above it (提请市政协):
 * the city's staff accept it (采纳, saying how they take it up) or decline it (不予采纳, saying
 * why); the district's staff may withdraw it while it waits. Escalations recorded as taken up by
 * the provincial or national committee (TAKEN_UP) have no steps.
 */
export const escalationWorkflow = defineWorkflow<EscalationStatus, EscalationAction, Escalation>(
  'escalation',
  [
    { from: 'SUBMITTED', action: 'accept', who: [receivingCommittee], to: 'ACCEPTED' },
    { from: 'SUBMITTED', action: 'decline', who: [receivingCommittee], to: 'DECLINED' },
    { from: 'SUBMITTED', action: 'withdraw', who: [escalatingCommittee], to: 'WITHDRAWN' },
  ],
  { accept: notAnswerable, decline: notAnswerable, withdraw: notAnswerable },
  {
    schema: EscalationSchema,
    type: 'ConsultationEscalation',
    // The city's answer is the wait; the district taking it back is not.
    states: {
      SUBMITTED: {
        kind: 'escalation.answer',
        why: '区县政协提请事项待市政协答复 A district’s escalation for the city to accept or decline',
      },
    },
    title: (e) => e.title,
    district: (e) => e.district,
    ignore: ['withdraw'],
  },
);

export type CampaignAction =
  | 'open'
  | 'close'
  | 'reopen'
  | 'compile'
  | 'addQuestionnaire'
  | 'distribute'
  | 'respond'
  | 'contribute';

/**
 * A campaign with its unscreened contributions and the recommendations drafted from it looked up;
 * for its inbox address, how many questionnaires it asks and the members who answered them all.
 */
export type CampaignRecord = InputCampaign & {
  unscreened?: number;
  recommendations?: RecommendationStatus[];
  questionnaires?: number;
  answeredAll?: number[];
};

/** Loads what the campaign table's guards read: unscreened contributions, recommendations drafted from it. */
export async function campaignFacts(
  em: EntityManager,
  campaign: InputCampaign,
): Promise<CampaignRecord> {
  const unscreened = await em.count(
    InputContributionSchema,
    { campaignId: campaign.id, status: 'RECEIVED' },
    { filters: false },
  );
  const recommendations = await em.find(
    RecommendationSchema,
    { campaignId: campaign.id },
    { filters: false, fields: ['status'] },
  );
  return Object.assign(campaign, {
    unscreened,
    recommendations: recommendations.map((r) => r.status),
  });
}

/** Its questionnaires, and the members who have answered every one of them (their part is done). */
async function respondentFacts(em: EntityManager, campaign: CampaignRecord): Promise<void> {
  const questionnaires = await em.find(
    QuestionnaireSchema,
    { campaignId: campaign.id },
    { filters: false, fields: ['id'] },
  );
  const responses = await em.find(
    QuestionnaireResponseSchema,
    { questionnaireId: { $in: questionnaires.map((q) => q.id) }, memberId: { $ne: null } },
    { filters: false, fields: ['memberId'] },
  );
  const answered = new Map<number, number>();
  for (const r of responses) answered.set(r.memberId!, (answered.get(r.memberId!) ?? 0) + 1);
  campaign.questionnaires = questionnaires.length;
  campaign.answeredAll = [...answered]
    .filter(([, n]) => n === questionnaires.length)
    .map(([member]) => member)
    .sort((a, b) => a - b);
}

/**
 * Anyone may answer (the public a public questionnaire, anonymously); the campaign's questionnaires
 * are put to its district's members, so the inbox addresses them while there are any.
 */
const respondent = {
  relation: 'respondent',
  holds: () => true,
  parties: (c: CampaignRecord) =>
    fact(c.questionnaires, 'questionnaires') > 0
      ? [{ role: 'member' as const, district: c.district }]
      : [],
};
const campaignNeeds = (missing: string, holds: (c: CampaignRecord) => boolean) =>
  needs<CampaignRecord>('input_campaign', 'compile', missing, holds);
/** Compiling needs nothing left unscreened, and the recommendations drawn from it submitted. */
const compilable: Guard<CampaignRecord>[] = [
  campaignNeeds('screening', (c) => fact(c.unscreened, 'unscreened') === 0),
  campaignNeeds('recommendations', (c) => fact(c.recommendations, 'recommendations').length > 0),
  campaignNeeds('submission', (c) => !fact(c.recommendations, 'recommendations').includes('DRAFT')),
];
/**
 * Recommendations drafted from the collection cite what it held when it closed; taking in more
 * afterwards would change the figures they were compiled from.
 */
const nothingDrafted: Guard<CampaignRecord> = {
  name: 'recommendations-drafted',
  holds: (_ctx, c) => fact(c.recommendations, 'recommendations').length === 0,
  message: (c) =>
    `input_campaign ${c.id}: recommendations are already drafted from it; start a new campaign to collect more`,
  extensions: { blockedBy: 'recommendations' },
};

/**
 * A public-input campaign (征集): staff draft it (questionnaires and questions are fixed while it
 * is a draft), open it for answers and contributions, close it, and once every contribution is
 * screened and the recommendations compiled from them are submitted, mark it compiled. A closed
 * campaign may be reopened to collect more until recommendations are drafted from it.
 */
export const campaignWorkflow = defineWorkflow<CampaignStatus, CampaignAction, CampaignRecord>(
  'input_campaign',
  [
    { from: 'DRAFT', action: 'open', who: ['staff'], to: 'OPEN' },
    { from: 'OPEN', action: 'close', who: ['staff'], to: 'CLOSED' },
    { from: 'CLOSED', action: 'reopen', who: ['staff'], guards: [nothingDrafted], to: 'OPEN' },
    { from: 'CLOSED', action: 'compile', who: ['staff'], guards: compilable, to: 'COMPILED' },
    // Work on the campaign that keeps it where it is: questionnaires are fixed while it is a
    // draft; copies are handed out while it runs or after; answers and contributions come in
    // while it is open (from members, the public, or staff entering paper ones).
    { from: 'DRAFT', action: 'addQuestionnaire', who: ['staff'], to: 'DRAFT' },
    ...inPlace(['OPEN', 'CLOSED'], 'distribute', ['staff']),
    { from: 'OPEN', action: 'respond', who: [respondent], to: 'OPEN' },
    { from: 'OPEN', action: 'contribute', who: [anyone], to: 'OPEN' },
  ],
  {},
  {
    schema: InputCampaignSchema,
    type: 'InputCampaign',
    // An open campaign waits for its district's members to answer its questionnaires, until
    // it closes; a member who answered them all is spared. Staff closing it is not work waiting.
    states: {
      OPEN: {
        kind: 'campaign.respond',
        why: '问卷待填写 A questionnaire put to the district’s members awaits your answer',
      },
    },
    title: (c) => c.title,
    district: (c) => c.district,
    dueOn: (c) => c.closesOn,
    facts: async (em, c) => respondentFacts(em, await campaignFacts(em, c)),
    done: (c) => fact(c.answeredAll, 'answeredAll').map((member) => ({ member })),
    // A member's answer is written on the questionnaire, not the campaign.
    follows: [
      {
        schema: QuestionnaireResponseSchema,
        records: async (em, r: QuestionnaireResponse) => {
          if (r.memberId == null) return { id: null };
          const q = await em.findOne(
            QuestionnaireSchema,
            { id: r.questionnaireId },
            { filters: false, fields: ['campaignId'] },
          );
          return { id: q?.campaignId ?? null };
        },
      },
    ],
    ignore: ['close', 'distribute', 'contribute'],
  },
);

export type ContributionAction = 'accept' | 'reject';

/** A contribution with its campaign's status looked up. */
export type ContributionRecord = InputContribution & { campaignStatus?: CampaignStatus };
/** Contributions are screened while their campaign runs or after it closed, not once compiled. */
const campaignScreening: Guard<ContributionRecord> = {
  name: 'campaign-settled',
  holds: (_ctx, c) => ['OPEN', 'CLOSED'].includes(fact(c.campaignStatus, 'campaignStatus')),
  message: (c) =>
    `input contribution ${c.id}: its campaign is ${c.campaignStatus}; contributions are screened while it is open or closed`,
};

/** Staff screen each research report and suggestion collected: accepted, or rejected with a reason. */
export const contributionWorkflow = defineWorkflow<
  ContributionStatus,
  ContributionAction,
  ContributionRecord
>('input_contribution', [
  {
    from: 'RECEIVED',
    action: 'accept',
    who: ['staff'],
    guards: [campaignScreening],
    to: 'ACCEPTED',
  },
  {
    from: 'RECEIVED',
    action: 'reject',
    who: ['staff'],
    guards: [campaignScreening],
    to: 'REJECTED',
  },
]);
