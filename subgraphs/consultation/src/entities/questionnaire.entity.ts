import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 专项调查问卷: a campaign's questionnaire. A public one may be answered by anyone, signed in or not. */
export const QuestionnaireSchema = defineEntity({
  name: 'Questionnaire',
  tableName: 'questionnaire',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    campaignId: p.integer().index(),
    title: p.string(),
    intro: p.text().nullable(),
    /** Shown to everyone and open to anonymous answers from the public. */
    public: p.boolean().default(true),
  },
});
export type Questionnaire = InferEntity<typeof QuestionnaireSchema>;

export const QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QuestionnaireQuestionSchema = defineEntity({
  name: 'QuestionnaireQuestion',
  tableName: 'questionnaire_question',
  uniques: [{ properties: ['questionnaireId', 'position'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    questionnaireId: p.integer().index(),
    /** 1, 2, 3 … in the order the questionnaire asks them. */
    position: p.integer(),
    text: p.string(),
    kind: p.string().$type<QuestionKind>(),
    /** The options a choice question offers; none for free text. */
    options: p.json<string[]>(),
    required: p.boolean(),
    public: p.boolean().default(true),
  },
});
export type QuestionnaireQuestion = InferEntity<typeof QuestionnaireQuestionSchema>;

/** How copies reach people: printed copies, online (a link or QR code), at meetings, through members. */
export const DISTRIBUTION_CHANNELS = ['PAPER', 'ONLINE', 'MEETING', 'MEMBERS'] as const;
export type DistributionChannel = (typeof DISTRIBUTION_CHANNELS)[number];

/** 发放: copies of a questionnaire handed out, by channel. */
export const QuestionnaireDistributionSchema = defineEntity({
  name: 'QuestionnaireDistribution',
  tableName: 'questionnaire_distribution',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    questionnaireId: p.integer().index(),
    channel: p.string().$type<DistributionChannel>(),
    copies: p.integer(),
    distributedOn: p.string().length(10),
    note: p.string().nullable(),
    public: p.boolean().default(true),
  },
});
export type QuestionnaireDistribution = InferEntity<typeof QuestionnaireDistributionSchema>;

/** MEMBER answered as themself; PAPER is a printed copy staff entered; PUBLIC is anyone else, anonymous. */
export const RESPONDENT_KINDS = ['MEMBER', 'PAPER', 'PUBLIC'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

export const QuestionnaireResponseSchema = defineEntity({
  name: 'QuestionnaireResponse',
  tableName: 'questionnaire_response',
  uniques: [{ properties: ['questionnaireId', 'memberId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    questionnaireId: p.integer().index(),
    respondent: p.string().$type<RespondentKind>(),
    /** Set for MEMBER only: a member answers once. */
    memberId: p.integer().nullable().index(),
    /** The staff user who entered a paper copy. */
    enteredBy: p.string().nullable(),
    submittedOn: p.string().length(10),
    public: p.boolean().default(false),
  },
});
export type QuestionnaireResponse = InferEntity<typeof QuestionnaireResponseSchema>;

/** One answer: an option chosen (a multiple-choice question has a row per option) or a text. */
export const QuestionnaireAnswerSchema = defineEntity({
  name: 'QuestionnaireAnswer',
  tableName: 'questionnaire_answer',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12),
    responseId: p.integer().index(),
    questionId: p.integer().index(),
    option: p.string().nullable(),
    text: p.text().nullable(),
    public: p.boolean().default(false),
  },
});
export type QuestionnaireAnswer = InferEntity<typeof QuestionnaireAnswerSchema>;
