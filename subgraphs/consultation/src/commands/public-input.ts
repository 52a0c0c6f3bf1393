import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  appError,
  assertWritableDistrict,
  audit,
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
import {
  InputCampaignSchema,
  InputContributionSchema,
  type ContributionKind,
  type InputCampaign,
  type InputContribution,
} from '../entities/input-campaign.entity.js';
import {
  QuestionnaireAnswerSchema,
  QuestionnaireDistributionSchema,
  QuestionnaireQuestionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
  type DistributionChannel,
  type Questionnaire,
  type QuestionnaireDistribution,
  type QuestionnaireQuestion,
  type QuestionnaireResponse,
  type QuestionKind,
  type RespondentKind,
} from '../entities/questionnaire.entity.js';
import { MemberRefSchema } from '../entities/member-ref.entity.js';
import { assertMember } from './refs.js';
import {
  campaignFacts,
  campaignWorkflow,
  contributionWorkflow,
  type CampaignAction,
  type ContributionAction,
} from '../workflow.js';

export interface DraftCampaign {
  district: string;
  title: string;
  purpose: string;
  opensOn: string;
  closesOn: string;
  themes: string[];
  public: boolean;
}

/** Staff draft a campaign: what it is for, when it runs, the themes it collects on. */
export async function draftCampaign(
  ctx: RequestContext,
  input: DraftCampaign,
): Promise<InputCampaign> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.closesOn < input.opensOn)
    throw inputError('input.closesOn', 'order', 'is before the campaign opens');
  if (input.themes.length === 0)
    throw inputError('input.themes', 'required', 'name at least one theme');
  if (new Set(input.themes).size !== input.themes.length)
    throw inputError('input.themes', 'unique', 'names a theme twice');
  return ctx.em.transactional(async (em) => {
    const campaign = em.create(InputCampaignSchema, {
      ...input,
      compiledOn: null,
      status: 'DRAFT',
    });
    await em.flush();
    audit(em, {
      entity: 'input_campaign',
      entityId: String(campaign.id),
      action: 'draft',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    return campaign;
  });
}

/** Loads a campaign for a change by staff of its district (or a district above). */
async function loadCampaign(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
  field: string,
  version?: number,
): Promise<InputCampaign> {
  const campaign = await em.findOne(InputCampaignSchema, { id }, { filters: false });
  if (!campaign || !visible(ctx, campaign))
    throw appError(ErrorCode.NOT_FOUND, `${field}: no input campaign ${id}`, { field });
  if (!canWriteDistrict(ctx.caller, campaign.district))
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `${field}: input campaign ${id} belongs to district ${campaign.district}`,
      { field },
    );
  if (version !== undefined && campaign.version !== version)
    throw staleVersion(`input campaign ${id}`, campaign.version, version);
  return campaign;
}

/** The lock a campaign's steps and the recommendations drafted from it take in turn. */
export const campaignLock = (id: number) => `input_campaign:${id}`;

/** One step of the campaign's table. */
export async function moveCampaign(
  ctx: RequestContext,
  id: number,
  action: CampaignAction,
  version: number,
  note: string | null,
  on: string | null,
): Promise<InputCampaign> {
  return ctx.em.transactional(async (em) => {
    // Taken by recommendations drafted from the campaign too: a reopen and a draft cannot both pass.
    await lockFor(em as EntityManager, campaignLock(id));
    const campaign = await loadCampaign(ctx, em, id, 'id', version);
    campaignWorkflow.apply({ ...ctx, em }, await campaignFacts(em, campaign), action, note);
    if (action === 'compile') campaign.compiledOn = on ?? today();
    return campaign;
  });
}

export interface QuestionInput {
  text: string;
  kind: QuestionKind;
  options: string[];
  required: boolean;
}

export interface QuestionnaireInput {
  title: string;
  intro: string | null;
  public: boolean;
  questions: QuestionInput[];
}

function checkQuestions(questions: QuestionInput[]): void {
  if (questions.length === 0)
    throw inputError('input.questions', 'required', 'a questionnaire asks at least one question');
  for (const [i, q] of questions.entries()) {
    const field = `input.questions.${i}.options`;
    if (q.kind === 'FREE_TEXT' && q.options.length > 0)
      throw inputError(field, 'options', 'a free-text question offers no options');
    if (q.kind !== 'FREE_TEXT' && q.options.length < 2)
      throw inputError(field, 'options', 'a choice question offers at least two options');
    if (new Set(q.options).size !== q.options.length)
      throw inputError(field, 'unique', 'offers an option twice');
  }
}

/** Staff add a questionnaire with its questions, in order, while the campaign is a draft. */
export async function addQuestionnaire(
  ctx: RequestContext,
  campaignId: number,
  input: QuestionnaireInput,
): Promise<Questionnaire> {
  checkQuestions(input.questions);
  return ctx.em.transactional(async (em) => {
    const campaign = await loadCampaign(ctx, em, campaignId, 'campaignId');
    campaignWorkflow.check(ctx, campaign, 'addQuestionnaire');
    if (input.public && !campaign.public)
      throw inputError(
        'input.public',
        'campaign',
        'a questionnaire of a campaign not shown to the public cannot be public',
      );
    const { questions, ...fields } = input;
    const questionnaire = em.create(QuestionnaireSchema, {
      ...fields,
      district: campaign.district,
      campaignId,
    });
    await em.flush();
    for (const [i, q] of questions.entries()) {
      em.create(QuestionnaireQuestionSchema, {
        ...q,
        district: campaign.district,
        questionnaireId: questionnaire.id,
        position: i + 1,
        public: questionnaire.public,
      });
    }
    // A one-step record: it has no states of its own, so the audit row records its creation.
    audit(em, {
      entity: 'questionnaire',
      entityId: String(questionnaire.id),
      action: 'add',
      fromState: null,
      toState: 'RECORDED',
      actor: ctx.caller.userId,
      note: null,
    });
    return questionnaire;
  });
}

interface Loaded {
  questionnaire: Questionnaire;
  campaign: InputCampaign;
}

/** A questionnaire not open to the public is still its district's members' to see and answer. */
export function seesQuestionnaire(ctx: RequestContext, q: Questionnaire): boolean {
  return visible(ctx, q, ctx.caller.memberId !== null && ctx.caller.district === q.district);
}

/** A questionnaire and its campaign, as the caller may see them. */
async function loadQuestionnaire(
  ctx: RequestContext,
  em: EntityManager,
  id: number,
): Promise<Loaded> {
  const questionnaire = await em.findOne(QuestionnaireSchema, { id }, { filters: false });
  const campaign = questionnaire
    ? await em.findOne(InputCampaignSchema, { id: questionnaire.campaignId }, { filters: false })
    : null;
  if (
    !questionnaire ||
    !campaign ||
    !seesQuestionnaire(ctx, questionnaire) ||
    !seesQuestionnaire(ctx, { ...questionnaire, public: campaign.public })
  ) {
    throw appError(ErrorCode.NOT_FOUND, `questionnaireId: no questionnaire ${id}`, {
      field: 'questionnaireId',
    });
  }
  return { questionnaire, campaign };
}

/**
 * Refuses a day outside the campaign's period. A campaign left open past its closing day takes
 * nothing more: when the day was not given (today), the refusal names the record it was for.
 */
function inPeriod(campaign: InputCampaign, day: string, field: string, defaulted = false): void {
  if (day < campaign.opensOn || day > campaign.closesOn) {
    throw inputError(
      field,
      'period',
      `${defaulted ? `today (${day})` : day} is outside the campaign (${campaign.opensOn} to ${campaign.closesOn})`,
    );
  }
}

export interface DistributionInput {
  channel: DistributionChannel;
  copies: number;
  distributedOn: string;
  note: string | null;
}

/** Staff record copies handed out (发放), by channel, on a day within the campaign. */
export async function recordDistribution(
  ctx: RequestContext,
  questionnaireId: number,
  input: DistributionInput,
): Promise<QuestionnaireDistribution> {
  return ctx.em.transactional(async (em) => {
    const { questionnaire, campaign } = await loadQuestionnaire(ctx, em, questionnaireId);
    if (!canWriteDistrict(ctx.caller, campaign.district))
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `questionnaireId: questionnaire ${questionnaireId} belongs to district ${campaign.district}`,
        { field: 'questionnaireId' },
      );
    campaignWorkflow.check(ctx, campaign, 'distribute');
    inPeriod(campaign, input.distributedOn, 'distributedOn');
    const distribution = em.create(QuestionnaireDistributionSchema, {
      ...input,
      district: campaign.district,
      questionnaireId,
      public: questionnaire.public,
    });
    await em.flush();
    audit(em, {
      entity: 'questionnaire_distribution',
      entityId: String(distribution.id),
      action: 'record',
      fromState: null,
      toState: 'RECORDED',
      actor: ctx.caller.userId,
      note: null,
    });
    return distribution;
  });
}

export interface AnswerInput {
  questionId: number;
  option: string | null;
  text: string | null;
}

/**
 * Checks answers against the questions, naming the answer at fault: a question the
 * questionnaire does not ask, an option it does not offer, a second answer to a single-choice
 * (or free-text) question, a required question left out.
 */
export function checkAnswers(
  questions: QuestionnaireQuestion[],
  answers: AnswerInput[],
  field = 'answers',
): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<number, string[]>();
  for (const [i, a] of answers.entries()) {
    const q = byId.get(a.questionId);
    if (!q)
      throw inputError(
        `${field}.${i}.questionId`,
        'question',
        `question ${a.questionId} is not asked by this questionnaire`,
      );
    const earlier = given.get(q.id) ?? [];
    if (q.kind === 'FREE_TEXT') {
      if (a.option !== null)
        throw inputError(
          `${field}.${i}.option`,
          'free-text',
          `question ${q.position} is answered in words, not with an option`,
        );
      if (!a.text)
        throw inputError(
          `${field}.${i}.text`,
          'required',
          `question ${q.position} is answered in words`,
        );
      if (earlier.length > 0)
        throw inputError(
          `${field}.${i}.questionId`,
          'once',
          `question ${q.position} is answered twice`,
        );
    } else {
      if (a.option === null)
        throw inputError(
          `${field}.${i}.option`,
          'required',
          `question ${q.position} is answered by choosing an option`,
        );
      if (a.text !== null)
        throw inputError(
          `${field}.${i}.text`,
          'choice',
          `question ${q.position} is answered by choosing an option, not in words`,
        );
      if (!q.options.includes(a.option))
        throw inputError(
          `${field}.${i}.option`,
          'option',
          `question ${q.position} does not offer "${a.option}"`,
        );
      if (q.kind === 'SINGLE_CHOICE' && earlier.length > 0)
        throw inputError(
          `${field}.${i}.option`,
          'single',
          `question ${q.position} takes one answer`,
        );
      if (earlier.includes(a.option))
        throw inputError(
          `${field}.${i}.option`,
          'unique',
          `question ${q.position}: "${a.option}" is chosen twice`,
        );
    }
    given.set(q.id, [...earlier, a.option ?? '']);
  }
  const missing = questions.filter((q) => q.required && !given.has(q.id)).map((q) => q.position);
  if (missing.length > 0)
    throw inputError(field, 'required', `question ${missing.join(', ')} must be answered`);
}

async function writeResponse(
  em: EntityManager,
  loaded: Loaded,
  answers: AnswerInput[],
  fields: {
    respondent: RespondentKind;
    memberId: number | null;
    enteredBy: string | null;
    submittedOn: string;
  },
): Promise<QuestionnaireResponse> {
  const { questionnaire } = loaded;
  const response = em.create(QuestionnaireResponseSchema, {
    ...fields,
    district: questionnaire.district,
    questionnaireId: questionnaire.id,
    public: false,
  });
  await em.flush();
  for (const a of answers)
    em.create(QuestionnaireAnswerSchema, {
      ...a,
      district: questionnaire.district,
      responseId: response.id,
      public: false,
    });
  return response;
}

/**
 * A member answers as themself, once; anyone else answers anonymously, and only a public
 * questionnaire of a public campaign takes such answers. Only while the campaign is open.
 */
export async function respondToQuestionnaire(
  ctx: RequestContext,
  questionnaireId: number,
  answers: AnswerInput[],
): Promise<QuestionnaireResponse> {
  if (ctx.caller.memberId !== null) await assertActiveSelf(ctx);
  return ctx.em
    .transactional(async (em) => {
      const loaded = await loadQuestionnaire(ctx, em, questionnaireId);
      const { questionnaire, campaign } = loaded;
      const memberId = ctx.caller.memberId === null ? null : Number(ctx.caller.memberId);
      if (memberId === null && !(questionnaire.public && campaign.public)) {
        throw appError(
          ErrorCode.FORBIDDEN,
          `questionnaire ${questionnaireId} is answered by members only; sign in as a member`,
        );
      }
      campaignWorkflow.check(ctx, campaign, 'respond');
      const day = today();
      inPeriod(campaign, day, 'questionnaireId', true);
      const questions = await em.find(
        QuestionnaireQuestionSchema,
        { questionnaireId },
        { filters: false, orderBy: { position: 'asc' } },
      );
      checkAnswers(questions, answers);
      if (
        memberId !== null &&
        (await em.count(
          QuestionnaireResponseSchema,
          { questionnaireId, memberId },
          { filters: false },
        )) > 0
      ) {
        throw answeredTwice(memberId, questionnaireId);
      }
      const response = await writeResponse(em, loaded, answers, {
        respondent: memberId === null ? 'PUBLIC' : 'MEMBER',
        memberId,
        enteredBy: null,
        submittedOn: day,
      });
      // A member's answer is audited under their account; an anonymous one has no actor to name,
      // and the response row (PUBLIC, its day) is all there is to say of it.
      if (memberId !== null)
        audit(em, {
          entity: 'questionnaire_response',
          entityId: String(response.id),
          action: 'respond',
          fromState: null,
          toState: 'RECORDED',
          actor: ctx.caller.userId,
          note: null,
        });
      return response;
    })
    .catch((err: unknown) => {
      // A double submit: both counted no answer, the unique index (questionnaire, member) took the first.
      if (err instanceof UniqueConstraintViolationException && ctx.caller.memberId !== null)
        throw answeredTwice(Number(ctx.caller.memberId), questionnaireId);
      throw err;
    });
}

function answeredTwice(memberId: number, questionnaireId: number): Error {
  return appError(
    ErrorCode.CONFLICT,
    `questionnaireId: member ${memberId} has already answered questionnaire ${questionnaireId}`,
    { field: 'questionnaireId' },
  );
}

/** A member acting for themself must be one the members subgraph knows as active. */
async function assertActiveSelf(ctx: RequestContext): Promise<void> {
  const me = await ctx.loaders.one(MemberRefSchema, 'memberId').load(Number(ctx.caller.memberId));
  if (me?.status !== 'ACTIVE')
    throw appError(ErrorCode.FORBIDDEN, `member ${ctx.caller.memberId} is not an active member`);
}

/** Staff enter a paper copy handed back, while the campaign is open. */
export async function enterPaperResponse(
  ctx: RequestContext,
  questionnaireId: number,
  answers: AnswerInput[],
  receivedOn: string | null,
): Promise<QuestionnaireResponse> {
  return ctx.em.transactional(async (em) => {
    const loaded = await loadQuestionnaire(ctx, em, questionnaireId);
    const { campaign } = loaded;
    if (!canWriteDistrict(ctx.caller, campaign.district))
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `questionnaireId: questionnaire ${questionnaireId} belongs to district ${campaign.district}`,
        { field: 'questionnaireId' },
      );
    campaignWorkflow.check(ctx, campaign, 'respond');
    const day = receivedOn ?? today();
    inPeriod(
      campaign,
      day,
      receivedOn === null ? 'questionnaireId' : 'receivedOn',
      receivedOn === null,
    );
    const questions = await em.find(
      QuestionnaireQuestionSchema,
      { questionnaireId },
      { filters: false, orderBy: { position: 'asc' } },
    );
    checkAnswers(questions, answers);
    const response = await writeResponse(em, loaded, answers, {
      respondent: 'PAPER',
      memberId: null,
      enteredBy: ctx.caller.userId,
      submittedOn: day,
    });
    audit(em, {
      entity: 'questionnaire_response',
      entityId: String(response.id),
      action: 'enter',
      fromState: null,
      toState: 'RECORDED',
      actor: ctx.caller.userId,
      note: null,
    });
    return response;
  });
}

export interface ContributionInput {
  kind: ContributionKind;
  theme: string;
  title: string;
  text: string;
  memberId: number | null;
  contributorName: string | null;
  contributorOrganisation: string | null;
  receivedOn: string | null;
}

/**
 * A research report or suggestion for an open campaign. A member hands in their own; staff
 * record anyone's — a member's, or one from outside named by person and organisation.
 */
export async function submitContribution(
  ctx: RequestContext,
  campaignId: number,
  input: ContributionInput,
): Promise<InputContribution> {
  const campaign = await ctx.em.findOne(
    InputCampaignSchema,
    { id: campaignId },
    { filters: false },
  );
  if (!campaign || !visible(ctx, campaign))
    throw appError(ErrorCode.NOT_FOUND, `campaignId: no input campaign ${campaignId}`, {
      field: 'campaignId',
    });
  const fields = { ...input };
  if (canWriteDistrict(ctx.caller, campaign.district)) {
    if ((input.memberId === null) === (input.contributorName === null))
      throw inputError(
        'input.memberId',
        'author',
        'name exactly one author: a member, or a contributor from outside',
      );
    if (input.memberId !== null)
      await assertMember(ctx, input.memberId, campaign.district, 'input.memberId');
  } else if (ctx.caller.memberId !== null) {
    if (input.memberId !== null && String(input.memberId) !== ctx.caller.memberId)
      throw appError(
        ErrorCode.FORBIDDEN,
        'a member hands in only their own contributions; staff record the others',
      );
    if (input.contributorName !== null || input.receivedOn !== null)
      throw inputError(
        input.contributorName !== null ? 'input.contributorName' : 'input.receivedOn',
        'member',
        'a member hands in their own contribution, today',
      );
    await assertActiveSelf(ctx);
    fields.memberId = Number(ctx.caller.memberId);
  } else {
    throw appError(
      ErrorCode.FORBIDDEN,
      'members hand in their own contributions; staff of the district record the others',
    );
  }
  if (fields.contributorOrganisation !== null && fields.contributorName === null)
    throw inputError(
      'input.contributorOrganisation',
      'author',
      "an organisation is given with the contributor's name",
    );
  if (!campaign.themes.includes(input.theme))
    throw inputError(
      'input.theme',
      'theme',
      `is not one of the campaign's themes (${campaign.themes.join('、')})`,
    );
  campaignWorkflow.check(ctx, campaign, 'contribute');
  const day = input.receivedOn ?? today();
  inPeriod(
    campaign,
    day,
    input.receivedOn === null ? 'campaignId' : 'input.receivedOn',
    input.receivedOn === null,
  );
  return ctx.em.transactional(async (em) => {
    const contribution = em.create(InputContributionSchema, {
      ...fields,
      receivedOn: day,
      district: campaign.district,
      campaignId,
      screeningNote: null,
      status: 'RECEIVED',
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'input_contribution',
      entityId: String(contribution.id),
      action: 'receive',
      fromState: null,
      toState: 'RECEIVED',
      actor: ctx.caller.userId,
      note: null,
    });
    return contribution;
  });
}

/** Staff accept a contribution or reject it with the reason, while the campaign is open or closed. */
export async function screenContribution(
  ctx: RequestContext,
  id: number,
  action: ContributionAction,
  version: number,
  note: string | null,
): Promise<InputContribution> {
  if (action === 'reject' && !note)
    throw inputError('reason', 'required', 'say why it is rejected');
  return ctx.em.transactional(async (em) => {
    const contribution = await em.findOne(InputContributionSchema, { id }, { filters: false });
    const own =
      !!contribution &&
      contribution.memberId != null &&
      ctx.caller.memberId === String(contribution.memberId);
    if (!contribution || !visible(ctx, contribution, own)) throw notFound('input contribution', id);
    if (!canWriteDistrict(ctx.caller, contribution.district)) {
      throw appError(
        own ? ErrorCode.FORBIDDEN : ErrorCode.CROSS_DISTRICT,
        `input contribution ${id}: only staff of district ${contribution.district} screen it`,
        { field: 'id' },
      );
    }
    if (contribution.version !== version)
      throw staleVersion(`input contribution ${id}`, contribution.version, version);
    const campaign = await em.findOneOrFail(
      InputCampaignSchema,
      { id: contribution.campaignId },
      { filters: false },
    );
    contributionWorkflow.apply(
      { ...ctx, em },
      Object.assign(contribution, { campaignStatus: campaign.status }),
      action,
      note,
    );
    contribution.screeningNote = note;
    return contribution;
  });
}

/**
 * The contributions a recommendation is compiled from: accepted ones of the campaign, which
 * must have closed its collection in the recommendation's district. Reads outside a transaction.
 */
export async function assertCampaignSources(
  ctx: RequestContext,
  district: string,
  campaignId: number | null,
  contributionIds: number[],
): Promise<void> {
  if (campaignId === null) {
    if (contributionIds.length > 0)
      throw inputError(
        'input.campaignId',
        'required',
        'contributions are compiled within their campaign',
      );
    return;
  }
  const campaign = await ctx.em.findOne(
    InputCampaignSchema,
    { id: campaignId },
    { filters: false },
  );
  if (!campaign || campaign.district !== district)
    throw inputError(
      'input.campaignId',
      'exists',
      `no input campaign ${campaignId} in district ${district}`,
    );
  if (campaign.status !== 'CLOSED')
    throw inputError(
      'input.campaignId',
      'closed',
      `input campaign ${campaignId} is ${campaign.status}: recommendations are compiled once it is closed`,
    );
  if (contributionIds.length === 0)
    throw inputError(
      'input.contributionIds',
      'required',
      'name the contributions it is compiled from',
    );
  if (new Set(contributionIds).size !== contributionIds.length)
    throw inputError('input.contributionIds', 'unique', 'lists a contribution twice');
  const rows = await ctx.em.find(
    InputContributionSchema,
    { id: { $in: contributionIds } },
    { filters: false },
  );
  for (const [i, cid] of contributionIds.entries()) {
    const c = rows.find((r) => r.id === cid);
    if (!c || c.campaignId !== campaignId)
      throw inputError(
        `input.contributionIds.${i}`,
        'campaign',
        `contribution ${cid} was not collected by campaign ${campaignId}`,
      );
    if (c.status !== 'ACCEPTED')
      throw inputError(
        `input.contributionIds.${i}`,
        'accepted',
        `contribution ${cid} is ${c.status}, not accepted`,
      );
  }
}
