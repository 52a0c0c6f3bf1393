import {
  appError,
  assertWritableDistrict,
  audit,
  DistrictRefSchema,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  staleVersion,
  today,
} from '@cppcc/kit';
import { visible } from '../access.js';
import { ConsultationActivitySchema } from '../entities/consultation-activity.entity.js';
import { EscalationSchema, type Escalation } from '../entities/plan.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';
import { ResearchProjectSchema } from '../entities/research-project.entity.js';
import { escalationWorkflow, type EscalationAction } from '../workflow.js';

export interface CityEscalationInput {
  recommendationId: number | null;
  researchProjectId: number | null;
  activityId: number | null;
  title: string;
  reason: string;
  on: string | null;
}

/** A source of the escalation: found, of one district, and past the point where it is an outcome. */
interface Source {
  field: string;
  district: string;
  /** Why it cannot be escalated yet, or null. */
  notYet: { rule: string; message: string } | null;
}

async function sourcesOf(ctx: RequestContext, input: CityEscalationInput): Promise<Source[]> {
  const sources: Source[] = [];
  if (input.recommendationId !== null) {
    const field = 'input.recommendationId';
    const r = await ctx.em.findOne(
      RecommendationSchema,
      { id: input.recommendationId },
      { filters: false },
    );
    if (!r || !visible(ctx, r))
      throw inputError(field, 'exists', `no recommendation ${input.recommendationId}`);
    sources.push({
      field,
      district: r.district,
      notYet:
        r.status === 'DRAFT'
          ? { rule: 'submitted', message: `recommendation ${r.id} is a draft: submit it first` }
          : null,
    });
  }
  if (input.researchProjectId !== null) {
    const field = 'input.researchProjectId';
    const p = await ctx.em.findOne(
      ResearchProjectSchema,
      { id: input.researchProjectId },
      { filters: false },
    );
    if (!p || !visible(ctx, p))
      throw inputError(field, 'exists', `no research project ${input.researchProjectId}`);
    sources.push({
      field,
      district: p.district,
      notYet: p.reportSubmittedOn
        ? null
        : { rule: 'submitted', message: `research project ${p.id} has not submitted its report` },
    });
  }
  if (input.activityId !== null) {
    const field = 'input.activityId';
    const a = await ctx.em.findOne(
      ConsultationActivitySchema,
      { id: input.activityId },
      { filters: false },
    );
    if (!a || !visible(ctx, a))
      throw inputError(field, 'exists', `no activity ${input.activityId}`);
    sources.push({
      field,
      district: a.district,
      notYet: ['HELD', 'OUTCOME_SUBMITTED', 'CLOSED'].includes(a.status)
        ? null
        : { rule: 'held', message: `activity ${a.id} is ${a.status}: it has not been held` },
    });
  }
  return sources;
}

/**
 * A district (county) committee's staff escalate an outcome — a submitted recommendation, a
 * submitted research report, a held activity — to the city committee above it (提请市政协). The
 * city's staff then see it among the escalations addressed to them and accept or decline it.
 */
export async function escalateToCity(
  ctx: RequestContext,
  input: CityEscalationInput,
): Promise<Escalation> {
  const sources = await sourcesOf(ctx, input);
  if (sources.length === 0)
    throw inputError(
      'input.recommendationId',
      'required',
      'name the recommendation, research or activity escalated',
    );
  const [first] = sources;
  const stray = sources.find((s) => s.district !== first.district);
  if (stray)
    throw inputError(stray.field, 'district', 'the sources named are of different districts');
  const district = first.district;
  await assertWritableDistrict(ctx, district, first.field);
  for (const s of sources) if (s.notYet) throw inputError(s.field, s.notYet.rule, s.notYet.message);
  const above = (await ctx.loaders.one(DistrictRefSchema, 'code').load(district))?.parentCode;
  if (!above)
    throw inputError(
      first.field,
      'city',
      `district ${district} has no committee above it to escalate to`,
    );
  const on = input.on ?? today();
  if (on > today()) throw inputError('input.on', 'past', 'must not be in the future');
  return ctx.em.transactional(async (em) => {
    // One escalation of an outcome waits for or stands with the city at a time.
    const open = await em.findOne(
      EscalationSchema,
      {
        body: 'CITY_COMMITTEE',
        status: { $in: ['SUBMITTED', 'ACCEPTED'] },
        $or: sources.map((s) =>
          s.field === 'input.recommendationId'
            ? { recommendationId: input.recommendationId }
            : s.field === 'input.researchProjectId'
              ? { researchProjectId: input.researchProjectId }
              : { activityId: input.activityId },
        ),
      },
      { filters: false },
    );
    if (open)
      throw appError(
        ErrorCode.CONFLICT,
        `${first.field}: already escalated to the city (escalation ${open.id}, ${open.status})`,
        { field: first.field, id: String(open.id) },
      );
    const row = em.create(EscalationSchema, {
      district,
      body: 'CITY_COMMITTEE',
      toDistrict: above,
      title: input.title,
      recommendationId: input.recommendationId,
      researchProjectId: input.researchProjectId,
      activityId: input.activityId,
      escalatedOn: on,
      takenUpOn: null,
      heldOn: null,
      note: input.reason,
      answer: null,
      answeredOn: null,
      status: 'SUBMITTED',
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'escalation',
      entityId: String(row.id),
      action: 'escalate',
      fromState: null,
      toState: 'SUBMITTED',
      actor: ctx.caller.userId,
      note: input.reason,
    });
    return row;
  });
}

/**
 * One step of an escalation to the city: the city's staff accept it (it is taken up that day) or
 * decline it, answering either way; the district's staff withdraw it while it waits.
 */
export async function moveEscalation(
  ctx: RequestContext,
  id: number,
  action: EscalationAction,
  version: number,
  text: string | null,
  on: string | null,
): Promise<Escalation> {
  const day = on ?? today();
  if (day > today()) throw inputError('on', 'past', 'must not be in the future');
  return ctx.em.transactional(async (em) => {
    const e = await em.findOne(EscalationSchema, { id }, { filters: false });
    if (!e || !visible(ctx, e)) throw notFound('escalation', id);
    if (e.version !== version) throw staleVersion(`escalation ${id}`, e.version, version);
    if (action !== 'withdraw' && e.escalatedOn && day < e.escalatedOn)
      throw inputError('on', 'order', `is before the district escalated it (${e.escalatedOn})`);
    escalationWorkflow.apply({ ...ctx, em }, e, action, text);
    if (action === 'accept') Object.assign(e, { answer: text, answeredOn: day, takenUpOn: day });
    if (action === 'decline') Object.assign(e, { answer: text, answeredOn: day });
    return e;
  });
}
