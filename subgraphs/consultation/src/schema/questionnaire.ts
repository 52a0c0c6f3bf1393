import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type RequestContext,
  type WithArgs,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  nodeType,
} from '@cppcc/kit';
import { z } from 'zod';
import { textInput } from '../access.js';
import { builder } from '../builder.js';
import {
  addQuestionnaire,
  enterPaperResponse,
  recordDistribution,
  respondToQuestionnaire,
  seesQuestionnaire,
  type AnswerInput,
} from '../commands/public-input.js';
import { InputCampaignSchema } from '../entities/input-campaign.entity.js';
import {
  DISTRIBUTION_CHANNELS,
  QUESTION_KINDS,
  QuestionnaireAnswerSchema,
  QuestionnaireDistributionSchema,
  QuestionnaireQuestionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
  RESPONDENT_KINDS,
  type Questionnaire,
  type QuestionnaireAnswer,
  type QuestionnaireDistribution,
  type QuestionnaireQuestion,
  type QuestionnaireResponse,
} from '../entities/questionnaire.entity.js';
import { MemberRef } from './member.js';
import { InputCampaignType } from './input-campaign.js';

export const QuestionKindType = builder.enumType('QuestionKind', {
  description: '题型 How a question is answered.',
  values: describedValues(QUESTION_KINDS, {
    SINGLE_CHOICE: '单选 One option may be chosen.',
    MULTIPLE_CHOICE: '多选 Several options may be chosen.',
    FREE_TEXT: "填空 Answered in the respondent's own words.",
  }),
});
export const ChannelType = builder.enumType('QuestionnaireChannel', {
  description: '发放渠道 How copies of a questionnaire reach people.',
  values: describedValues(DISTRIBUTION_CHANNELS, {
    PAPER: '纸质 Printed copies.',
    ONLINE: '网络 Online, by a link or QR code.',
    MEETING: '会议 Handed out at meetings.',
    MEMBERS: '委员 Passed on through members.',
  }),
});
export const RespondentType = builder.enumType('QuestionnaireRespondent', {
  values: describedValues(RESPONDENT_KINDS, {
    MEMBER: '委员 A member, answering as themself.',
    PAPER: '纸质 A printed copy staff entered.',
    PUBLIC: '公众 Anyone else, anonymously.',
  }),
  description:
    'MEMBER answered as themself; PAPER a printed copy staff entered; PUBLIC anyone else, anonymously.',
});

export const QuestionnaireType = builder.objectRef<Questionnaire>('Questionnaire');

const OptionCount = builder
  .objectRef<{ option: string; count: number }>('QuestionOptionCount')
  .implement({
    description: '选项统计 How many answers chose one option of a question.',
    fields: (t) => ({
      option: t.exposeString('option', { description: '选项 The option.' }),
      count: t.exposeInt('count', { description: '数量 How many responses chose it.' }),
    }),
  });

// Rows under a questionnaire are the questionnaire's to show: access was decided when it was.
const answersTo = (ctx: RequestContext, questionId: number) =>
  ctx.loaders.many(QuestionnaireAnswerSchema, 'questionId', {}, true).load(questionId);

export const QuestionType = builder
  .objectRef<QuestionnaireQuestion>('QuestionnaireQuestion')
  .implement({
    description:
      '问题 One question of a questionnaire, with how it is answered and the tally so far.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The QuestionnaireQuestion's id." }),
      position: t.exposeInt('position', {
        description: '序号 Its place in the questionnaire, from 1.',
      }),
      text: t.exposeString('text', { description: '题干 The question.' }),
      kind: t.field({
        description: '题型 How a question is answered.',
        type: QuestionKindType,
        resolve: (q) => q.kind,
      }),
      options: t.stringList({
        description: '选项 The options of a choice question; empty for a text question.',
        resolve: (q) => q.options,
      }),
      required: t.exposeBoolean('required', {
        description: '必答 Whether a response must answer it.',
      }),
      answered: t.int({
        description: 'Responses that answer it.',
        resolve: async (q, _a, ctx) =>
          new Set((await answersTo(ctx, q.id)).map((a) => a.responseId)).size,
      }),
      tally: t.field({
        type: [OptionCount],
        description:
          'Each option offered and how many chose it, in the order offered (none for free text).',
        resolve: async (q, _a, ctx) => {
          const answers = await answersTo(ctx, q.id);
          return q.options.map((option) => ({
            option,
            count: answers.filter((a) => a.option === option).length,
          }));
        },
      }),
    }),
  });

const DistributionType = builder
  .objectRef<QuestionnaireDistribution>('QuestionnaireDistribution')
  .implement({
    description: '发放: copies handed out through one channel on one day.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The QuestionnaireDistribution's id." }),
      channel: t.field({
        description: '发放渠道 How copies of a questionnaire reach people.',
        type: ChannelType,
        resolve: (d) => d.channel,
      }),
      copies: t.exposeInt('copies', { description: '份数 Copies distributed.' }),
      distributedOn: t.expose('distributedOn', {
        description: '发放日期 The day they were distributed.',
        type: 'Date',
      }),
      note: t.exposeString('note', {
        description: '备注 A note on the distribution, if any.',
        nullable: true,
      }),
    }),
  });

const AnswerType = builder.objectRef<QuestionnaireAnswer>('QuestionnaireAnswer').implement({
  description: '答卷 One answer of a response: the option chosen or the text written.',
  fields: (t) => ({
    question: t.field({
      description: '题目 The question answered.',
      type: QuestionType,
      nullable: true,
      resolve: (a, _x, ctx) =>
        ctx.loaders
          .many(QuestionnaireQuestionSchema, 'id', {}, true)
          .load(a.questionId)
          .then((r) => r[0] ?? null),
    }),
    option: t.exposeString('option', {
      description: '选项 The option chosen (a choice question).',
      nullable: true,
    }),
    text: t.exposeString('text', {
      description: '文字 The text written (a text question).',
      nullable: true,
    }),
  }),
});

export const ResponseType = builder
  .objectRef<QuestionnaireResponse>('QuestionnaireResponse')
  .implement({
    description:
      'One filled-in questionnaire. Only those working for the district see them one by one; everyone sees the tallies.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The QuestionnaireResponse's id." }),
      respondent: t.field({
        description:
          'MEMBER answered as themself; PAPER a printed copy staff entered; PUBLIC anyone else, anonymously.',
        type: RespondentType,
        resolve: (r) => r.respondent,
      }),
      member: t.field({
        description: '委员 The member who responded; null for anyone else.',
        type: MemberRef,
        nullable: true,
        resolve: (r) => (r.memberId == null ? null : { id: String(r.memberId) }),
      }),
      submittedOn: t.expose('submittedOn', {
        description: '提交日期 The day it was received.',
        type: 'Date',
      }),
      answers: t.field({
        description: '答案 Its answers.',
        type: [AnswerType],
        resolve: (r, _a, ctx) =>
          ctx.loaders.many(QuestionnaireAnswerSchema, 'responseId', {}, true).load(r.id),
      }),
    }),
  });
const ResponseConnection = connectionType<QuestionnaireResponse>(
  builder,
  'QuestionnaireResponse',
  ResponseType,
);

QuestionnaireType.implement({
  description:
    "专项调查问卷: a campaign's questionnaire, its ordered questions, copies handed out, answers and tallies.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The Questionnaire's id." }),
    title: t.exposeString('title', { description: "标题 The questionnaire's title." }),
    intro: t.exposeString('intro', {
      description: '说明 The text shown before the questions, if any.',
      nullable: true,
    }),
    public: t.exposeBoolean('public', {
      description: 'Anyone may answer it, anonymously, while its campaign is open.',
    }),
    campaign: t.field({
      description: '征集活动 The campaign it belongs to.',
      type: InputCampaignType,
      nullable: true,
      resolve: (q, _a, ctx) => ctx.loaders.one(InputCampaignSchema).load(q.campaignId),
    }),
    questions: t.field({
      description: '题目 Its questions, in order.',
      type: [QuestionType],
      resolve: async (q, _a, ctx) =>
        (
          await ctx.loaders
            .many(QuestionnaireQuestionSchema, 'questionnaireId', {}, true)
            .load(q.id)
        ).sort((a, b) => a.position - b.position),
    }),
    distributions: t.field({
      description: '发放 Its copies distributed, by channel and day.',
      type: [DistributionType],
      resolve: (q, _a, ctx) =>
        ctx.loaders.many(QuestionnaireDistributionSchema, 'questionnaireId', {}, true).load(q.id),
    }),
    copiesDistributed: t.int({
      description: '发放份数 Copies distributed in all.',
      resolve: async (q, _a, ctx) =>
        (
          await ctx.loaders
            .many(QuestionnaireDistributionSchema, 'questionnaireId', {}, true)
            .load(q.id)
        ).reduce((s, d) => s + d.copies, 0),
    }),
    responseCount: t.int({
      description: '回收份数 Responses received in all.',
      resolve: (q, _a, ctx) =>
        ctx.em.count(QuestionnaireResponseSchema, { questionnaireId: q.id }, { filters: false }),
    }),
    responses: t.field({
      type: ResponseConnection,
      args: pageArgs(t),
      description: 'The filled-in copies, for those working for the district.',
      resolve: (q, args, ctx) =>
        findPage(ctx.em, QuestionnaireResponseSchema, { questionnaireId: q.id }, args),
    }),
  }),
});

builder.queryField('questionnaire', (t) =>
  t.field({
    description:
      '调查问卷 One questionnaire by id, with its questions; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: QuestionnaireType,
    nullable: true,
    args: { id: t.arg.id({ description: "The Questionnaire's id.", required: true }) },
    resolve: (_root, { id }, ctx) => visibleQuestionnaire(ctx, parseId(id, 'id', 'Questionnaire')),
  }),
);

async function visibleQuestionnaire(ctx: RequestContext, id: number) {
  const q = await ctx.em.findOne(QuestionnaireSchema, { id }, { filters: false });
  return q && seesQuestionnaire(ctx, q) ? q : null;
}

nodeType(builder, QuestionnaireType, visibleQuestionnaire);

const QuestionInputType = builder.inputType('QuestionnaireQuestionInput', {
  description: '问题 One question of a questionnaire: its text, kind and options.',
  fields: (t) => ({
    text: t.string({
      description: 'The question: trimmed, 2 to 200 characters.',
      required: true,
      validate: textInput(2, 200, ''),
    }),
    kind: t.field({
      description: '题型 How a question is answered.',
      type: QuestionKindType,
      required: true,
    }),
    options: t.stringList({
      description: 'The options of a choice question: at most 30, each 1 to 60 characters.',
      required: false,
      validate: z.array(z.string().trim().min(1, 'must not be empty').max(60)).max(30),
    }),
    required: t.boolean({ required: false, description: 'Must be answered (default true).' }),
  }),
});

const QuestionnaireInputType = builder.inputType('AddQuestionnaireInput', {
  description: 'What `addQuestionnaire` takes.',
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    intro: t.string({
      description: 'The text shown before the questions: at most 5,000 characters.',
      required: false,
      validate: z.string().trim().max(5000),
    }),
    public: t.boolean({
      required: false,
      description: 'Anyone may answer it anonymously (default true).',
    }),
    questions: t.field({
      type: [QuestionInputType],
      required: true,
      description: 'In the order asked.',
    }),
  }),
});

builder.mutationField('addQuestionnaire', (t) =>
  t.field({
    type: QuestionnaireType,
    description:
      'Staff add a questionnaire with its questions, in order, to a campaign still in draft.',
    authScopes: { staff: true },
    args: {
      campaignId: t.arg.id({ description: "The campaign's id.", required: true }),
      input: t.arg({
        description: 'What `addQuestionnaire` takes (`AddQuestionnaireInput`).',
        type: QuestionnaireInputType,
        required: true,
      }),
    },
    resolve: (_root, { campaignId, input }, ctx) =>
      addQuestionnaire(ctx, parseId(campaignId, 'campaignId'), {
        title: input.title.trim(),
        intro: input.intro?.trim() || null,
        public: input.public ?? true,
        questions: input.questions.map((q) => ({
          text: q.text.trim(),
          kind: q.kind,
          options: (q.options ?? []).map((o) => o.trim()),
          required: q.required ?? true,
        })),
      }),
  }),
);

builder.mutationField('recordQuestionnaireDistribution', (t) =>
  t.field({
    type: DistributionType,
    description: 'Staff record copies handed out (发放), by channel.',
    authScopes: { staff: true },
    args: {
      questionnaireId: t.arg.id({ description: "The questionnaire's id.", required: true }),
      channel: t.arg({
        description: 'The channel the copies went through.',
        type: ChannelType,
        required: true,
      }),
      copies: t.arg.int({
        description: 'How many copies: 1 to 1,000,000.',
        required: true,
        validate: z.number().int().min(1, 'must be at least 1').max(1_000_000),
      }),
      distributedOn: t.arg({
        description: 'The day they were distributed.',
        type: 'Date',
        required: true,
      }),
      note: t.arg.string({
        description: 'A note on the distribution: at most 200 characters.',
        required: false,
        validate: z.string().trim().max(200),
      }),
    },
    resolve: (_root, a, ctx) =>
      recordDistribution(ctx, parseId(a.questionnaireId, 'questionnaireId'), {
        channel: a.channel,
        copies: a.copies,
        distributedOn: a.distributedOn,
        note: a.note?.trim() || null,
      }),
  }),
);

const AnswerInputType = builder.inputType('QuestionnaireAnswerInput', {
  description:
    'One answer: an option of a choice question (one entry per option chosen), or the words of a free-text one.',
  fields: (t) => ({
    questionId: t.id({ description: "The question's id.", required: true }),
    option: t.string({
      description: 'The option chosen, for a choice question: one of its options.',
      required: false,
    }),
    text: t.string({
      description: 'The text, for a text question: at most 5,000 characters.',
      required: false,
      validate: z.string().trim().max(5000),
    }),
  }),
});

const answersArg = (t: WithArgs) =>
  t.arg({
    type: [AnswerInputType],
    required: true,
    description:
      'The answers, one per question answered; every required question must be answered.',
  });
const toAnswers = (
  answers: { questionId: string | number; option?: string | null; text?: string | null }[],
  field: string,
): AnswerInput[] =>
  answers.map((a, i) => ({
    questionId: parseId(a.questionId, `${field}.${i}.questionId`),
    option: a.option ?? null,
    text: a.text?.trim() || null,
  }));

builder.mutationField('respondToQuestionnaire', (t) =>
  t.field({
    type: ResponseType,
    description:
      'Answer a questionnaire while its campaign is open: a member as themself (once), anyone else anonymously if it is public.',
    args: {
      questionnaireId: t.arg.id({ required: true, description: "The questionnaire's id." }),
      answers: answersArg(t),
    },
    resolve: (_root, a, ctx) =>
      respondToQuestionnaire(
        ctx,
        parseId(a.questionnaireId, 'questionnaireId'),
        toAnswers(a.answers, 'answers'),
      ),
  }),
);

builder.mutationField('enterPaperQuestionnaireResponse', (t) =>
  t.field({
    type: ResponseType,
    description: 'Staff enter a paper copy handed back, while the campaign is open.',
    authScopes: { staff: true },
    args: {
      questionnaireId: t.arg.id({ description: "The questionnaire's id.", required: true }),
      answers: answersArg(t),
      receivedOn: t.arg({
        description: 'The day the paper copy was received (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_root, a, ctx) =>
      enterPaperResponse(
        ctx,
        parseId(a.questionnaireId, 'questionnaireId'),
        toAnswers(a.answers, 'answers'),
        a.receivedOn ?? null,
      ),
  }),
);
