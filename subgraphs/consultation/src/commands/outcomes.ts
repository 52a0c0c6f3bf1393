import {
  appError,
  assertWritableDistrict,
  audit,
  callerUnit,
  canWriteDistrict,
  type EntityManager,
  ErrorCode,
  inputError,
  lockFor,
  notFound,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import { visible } from '../access.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import {
  InputCampaignSchema,
  RecommendationSourceSchema,
} from '../entities/input-campaign.entity.js';
import {
  InstructionSchema,
  LedgerEntrySchema,
  type LedgerEntry,
} from '../entities/instruction.entity.js';
import {
  RecommendationSchema,
  type Recommendation,
  type RecommendationKind,
} from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import {
  ledgerWorkflow,
  recommendationWorkflow,
  type LedgerAction,
  type RecommendationAction,
} from '../workflow.js';
import { announceRecommendation } from './announce.js';
import { linkAssignedTasks, showOnTask } from './ledger-tasks.js';
import { assertCampaignSources, campaignLock } from './public-input.js';
import { assertMembers } from './refs.js';
import { assertUnit } from './units.js';

export interface DraftRecommendation {
  district: string;
  kind: RecommendationKind;
  title: string;
  text: string;
  activityId: number | null;
  researchProjectId: number | null;
  /** A public-input campaign it is compiled from, and the accepted contributions it draws on. */
  campaignId: number | null;
  contributionIds: number[];
  authorIds: number[];
  public: boolean;
}

/**
 * Staff write up an outcome of a held activity, a submitted research report, or contributions a
 * closed public-input campaign collected (the compilation, 建言献策).
 */
export async function draftRecommendation(
  ctx: RequestContext,
  input: DraftRecommendation,
): Promise<Recommendation> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (new Set(input.authorIds).size !== input.authorIds.length)
    throw inputError('input.authorIds', 'unique', 'lists a member twice');
  await assertMembers(ctx, input.authorIds, input.district, (i) => `input.authorIds.${i}`);
  if (input.activityId !== null) {
    const activity = await ctx.em.findOne(
      ConsultationActivitySchema,
      { id: input.activityId },
      { filters: false },
    );
    if (!activity || activity.district !== input.district)
      throw inputError(
        'input.activityId',
        'exists',
        `no activity ${input.activityId} in district ${input.district}`,
      );
    if (!['HELD', 'OUTCOME_SUBMITTED', 'CLOSED'].includes(activity.status))
      throw inputError(
        'input.activityId',
        'held',
        `activity ${input.activityId} has not been held`,
      );
  }
  if (input.researchProjectId !== null) {
    const project = await ctx.em.findOne(
      ResearchProjectSchema,
      { id: input.researchProjectId },
      { filters: false },
    );
    if (!project || project.district !== input.district)
      throw inputError(
        'input.researchProjectId',
        'exists',
        `no research project ${input.researchProjectId} in district ${input.district}`,
      );
    if (!project.reportSubmittedOn)
      throw inputError(
        'input.researchProjectId',
        'submitted',
        `research project ${input.researchProjectId} has not submitted its report`,
      );
  }
  await assertCampaignSources(ctx, input.district, input.campaignId, input.contributionIds);
  return ctx.em.transactional(async (em) => {
    if (input.campaignId !== null) {
      // Read again under the campaign's lock: a reopen that committed meanwhile wins, and one
      // that comes later finds this recommendation.
      await lockFor(em as EntityManager, campaignLock(input.campaignId));
      const campaign = await em.findOneOrFail(
        InputCampaignSchema,
        { id: input.campaignId },
        { filters: false, refresh: true },
      );
      if (campaign.status !== 'CLOSED')
        throw inputError(
          'input.campaignId',
          'closed',
          `input campaign ${input.campaignId} is ${campaign.status}: recommendations are compiled once it is closed`,
        );
    }
    const { contributionIds, ...fields } = input;
    const r = em.create(RecommendationSchema, {
      ...fields,
      submittedTo: null,
      submittedOn: null,
      adoption: null,
      adoptedOn: null,
      status: 'DRAFT',
    });
    await em.flush();
    for (const contributionId of contributionIds)
      em.create(RecommendationSourceSchema, { recommendationId: r.id, contributionId });
    audit(em, {
      entity: 'recommendation',
      entityId: String(r.id),
      action: 'draft',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    await em.flush();
    announceRecommendation(em, ctx.module, r);
    return r;
  });
}

export interface RecommendationExtras {
  submittedTo?: string | null;
  adoption?: string | null;
  on?: string | null;
}

/** One step of the recommendation's table: submitted to whom, adopted how. */
export async function moveRecommendation(
  ctx: RequestContext,
  id: number,
  action: RecommendationAction,
  version: number,
  note: string | null,
  extras: RecommendationExtras,
): Promise<Recommendation> {
  if (action === 'submit' && !extras.submittedTo)
    throw inputError('submittedTo', 'required', 'say whom the recommendation goes to');
  if (action === 'adopt' && !extras.adoption)
    throw inputError('adoption', 'required', 'name the decision or document that adopted it');
  return ctx.em.transactional(async (em) => {
    const r = await em.findOne(RecommendationSchema, { id }, { filters: false });
    if (!r || !visible(ctx, r)) throw notFound('recommendation', id);
    if (!canWriteDistrict(ctx.caller, r.district))
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `recommendation ${id} belongs to district ${r.district}`,
        { field: 'id' },
      );
    if (r.version !== version) throw staleVersion(`recommendation ${id}`, r.version, version);
    const on = extras.on ?? today();
    if (action !== 'submit' && r.submittedOn && on < r.submittedOn)
      throw inputError('on', 'order', `is before the day it was submitted (${r.submittedOn})`);
    recommendationWorkflow.apply({ ...ctx, em }, r, action, note);
    if (action === 'submit') Object.assign(r, { submittedTo: extras.submittedTo, submittedOn: on });
    if (action === 'adopt') Object.assign(r, { adoption: extras.adoption, adoptedOn: on });
    await em.flush();
    announceRecommendation(em, ctx.module, r);
    return r;
  });
}

export interface Assignment {
  unitId: number;
  task: string;
  dueOn: string;
}

/** Staff put an instruction on the conversion ledger: which departments carry it out, by when. */
export async function assignInstruction(
  ctx: RequestContext,
  instructionId: number,
  assignments: Assignment[],
): Promise<LedgerEntry[]> {
  const instruction = await ctx.em.findOne(
    InstructionSchema,
    { id: instructionId },
    { filters: false },
  );
  if (!instruction || !visible(ctx, instruction)) throw notFound('instruction', instructionId);
  await assertWritableDistrict(ctx, instruction.district, 'instructionId');
  if (assignments.length === 0)
    throw inputError('assignments', 'required', 'assign at least one department');
  if (new Set(assignments.map((a) => a.unitId)).size !== assignments.length)
    throw inputError('assignments', 'unique', 'lists a department twice');
  for (const [i, a] of assignments.entries()) {
    await assertUnit(ctx, a.unitId, instruction.district, `assignments.${i}.unitId`);
    if (a.dueOn < instruction.instructedOn)
      throw inputError(
        `assignments.${i}.dueOn`,
        'order',
        `is before the instruction (${instruction.instructedOn})`,
      );
  }
  return ctx.em.transactional(async (em) => {
    const already = await em.find(
      LedgerEntrySchema,
      { instructionId, unitId: { $in: assignments.map((a) => a.unitId) } },
      { filters: false },
    );
    if (already.length > 0)
      throw appError(
        ErrorCode.CONFLICT,
        `assignments: already assigned to unit ${already.map((e) => e.unitId).join(', ')}`,
        { field: 'assignments' },
      );
    const entries = assignments.map((a) =>
      em.create(LedgerEntrySchema, {
        ...a,
        district: instruction.district,
        instructionId,
        feedback: null,
        repliedOn: null,
        status: 'ASSIGNED',
        public: false,
      }),
    );
    await em.flush();
    for (const e of entries)
      audit(em, {
        entity: 'ledger_entry',
        entityId: String(e.id),
        action: 'assign',
        fromState: null,
        toState: 'ASSIGNED',
        actor: ctx.caller.userId,
        note: null,
      });
    // The recommendation's results tree shows the same follow-up, not a second one.
    await linkAssignedTasks(em as EntityManager, ctx, instruction, entries);
    return entries;
  });
}

/** One step of a ledger entry: the department replies with feedback; staff accept or return it. */
export async function moveLedgerEntry(
  ctx: RequestContext,
  id: number,
  action: LedgerAction,
  version: number,
  note: string | null,
  feedback: string | null,
): Promise<LedgerEntry> {
  if (action === 'reply' && !feedback)
    throw inputError('feedback', 'required', "a reply gives the department's feedback");
  return ctx.em.transactional(async (em) => {
    const entry = await em.findOne(LedgerEntrySchema, { id }, { filters: false });
    const own = !!entry && callerUnit(ctx.caller) === entry.unitId;
    if (!entry || !visible(ctx, entry, own)) throw notFound('ledger entry', id);
    if (action !== 'reply' && !canWriteDistrict(ctx.caller, entry.district))
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `ledger entry ${id} belongs to district ${entry.district}`,
        { field: 'id' },
      );
    if (entry.version !== version) throw staleVersion(`ledger entry ${id}`, entry.version, version);
    ledgerWorkflow.apply({ ...ctx, em }, entry, action, note);
    if (action === 'reply') Object.assign(entry, { feedback, repliedOn: today() });
    await showOnTask(em as EntityManager, ctx, entry, action, action === 'reply' ? feedback : note);
    return entry;
  });
}
