import {
  connectionType,
  findPage,
  hasRole,
  pageArgs,
  parseId,
  today,
  type InputFields,
  type RequestContext,
  liveField,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  MUTATION_DESCRIPTION,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { ProposalCategoryType } from './proposal-category.js';
import { isOverdue } from '../commands/handling.js';
import { maySeeProposal } from '../commands/common.js';
import {
  consentConversion,
  draftProposal,
  editProposal,
  mergeProposal,
  proposeConversion,
  review,
  submitDraft,
  submitProposal,
} from '../commands/proposals.js';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { HandlingTaskSchema } from '../entities/handling-task.entity.js';
import { KeyProposalSchema } from '../entities/key-proposal.entity.js';
import {
  COLLECTIVE_KINDS,
  CONVERSION_TARGETS,
  HANDLING_MODES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  PROPOSAL_WINDOWS,
  ProposalSchema,
  RATINGS,
  type Proposal,
} from '../entities/proposal.entity.js';
import { ProposalRatingSchema } from '../entities/rating.entity.js';
import { proposalFacts, proposalWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';

export const ProposalStatusType = builder.enumType('ProposalStatus', {
  description:
    '提案状态 Where a proposal stands; each step is a row of the proposal workflow (`availableActions` lists the ones the caller may take).',
  values: describedValues(PROPOSAL_STATUSES, {
    DRAFT: '草稿 Being written; the author submits or withdraws it.',
    SUBMITTED:
      '已提交 Submitted; staff file it, refuse it, return it for revision, propose conversion or merge it.',
    RETURNED: '退回修改 Returned for revision; the author submits it again or withdraws it.',
    FILED: '立案 Filed; staff assign it to units.',
    NOT_FILED: '不予立案 Not filed; staff may propose converting it.',
    CONVERSION_PROPOSED: "拟转 Conversion proposed; waits for the author's consent.",
    CONVERTED: '已转 Converted into a suggestion or an opinion item.',
    MERGED: '已并案 Merged into another proposal.',
    WITHDRAWN: '已撤回 Withdrawn by the author.',
    ASSIGNED: "已交办 Assigned; waits for every unit's reply.",
    REPLIED: '已答复 Every unit replied; the author rates the replies.',
    RATED: '已评价 The author is satisfied; staff close it or reopen it.',
    UNSATISFIED: '不满意 The author is not satisfied; staff reopen it or close it.',
    CLOSED: '已办结 Closed.',
  }),
});
export const ProposalKindType = builder.enumType('ProposalKind', {
  values: describedValues(PROPOSAL_KINDS, {
    INDIVIDUAL: '个人提案 By one member.',
    JOINT: '联名提案 By a member with co-signers.',
    COLLECTIVE: "集体提案 By a party, people's organization, special committee or sector group.",
  }),
  description: '个人 / 联名 / 集体 proposal.',
});
export const ProposalWindowType = builder.enumType('ProposalWindow', {
  values: describedValues(PROPOSAL_WINDOWS, {
    PLENARY: '大会提案 Submitted for the plenary session.',
    INTER_SESSION: '平时提案 Submitted between sessions.',
  }),
  description: '大会提案 (PLENARY) or 平时提案 (INTER_SESSION).',
});
export const CollectiveKindType = builder.enumType('CollectiveKind', {
  description: '集体提案单位类别 Who submits a collective proposal.',
  values: describedValues(COLLECTIVE_KINDS, {
    PARTY: '民主党派 A democratic party.',
    PEOPLES_ORGANIZATION: "人民团体 A people's organization.",
    SPECIAL_COMMITTEE: '专委会 A special committee.',
    SECTOR_GROUP: '界别组 A sector group.',
  }),
});
export const ConversionTargetType = builder.enumType('ConversionTarget', {
  values: describedValues(CONVERSION_TARGETS, {
    SUGGESTION: "转委员意见建议 Converted into a member's suggestion.",
    OPINION_ITEM: '转社情民意信息 Converted into a social-conditions and public-opinion item.',
  }),
  description: '转委员意见建议 (SUGGESTION) or 转社情民意信息 (OPINION_ITEM).',
});
export const HandlingModeType = builder.enumType('HandlingMode', {
  values: describedValues(HANDLING_MODES, {
    SOLE: '独办 One unit handles it alone.',
    SEPARATE: '分办 Several units, each answering.',
    LEAD_WITH_CO: '主办+会办 A lead unit answers, co-handling units send it opinions.',
  }),
  description: '独办 (SOLE), 分办 (SEPARATE), 主办+会办 (LEAD_WITH_CO).',
});
export const RatingType = builder.enumType('ReplyRating', {
  values: describedValues(RATINGS, {
    SATISFIED: '满意 Satisfied.',
    BASICALLY_SATISFIED: '基本满意 Basically satisfied.',
    UNSATISFIED: '不满意 Not satisfied.',
  }),
  description: '满意 / 基本满意 / 不满意.',
});

const AttachmentType = builder
  .objectRef<{ name: string; url: string }>('ProposalAttachment')
  .implement({
    description: '附件 A document attached to a proposal: its name and link.',
    fields: (t) => ({
      name: t.exposeString('name', { description: "名称 The document's name." }),
      url: t.exposeString('url', { description: '链接 Its http(s) link.' }),
    }),
  });

export const ProposalType = builder.objectRef<Proposal>('Proposal');

ProposalType.implement({
  description:
    '提案: a proposal, from drafting through review, assignment, handling and reply to closing.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: "The proposal's id (its case number, once filed, is `caseNumber`).",
    }),
    caseNumber: t.exposeString('caseNumber', {
      nullable: true,
      description: 'Given when the proposal is filed (立案).',
    }),
    title: t.exposeString('title', {
      description: '案由 The title: trimmed, 5 to 200 characters.',
    }),
    category: t.expose('category', {
      type: ProposalCategoryType,
      description: '类别 The category it is filed under.',
    }),
    year: t.exposeInt('year', { description: '年度 The year it was submitted in.' }),
    kind: t.field({
      description: '提案类别 Individual, joint or collective.',
      type: ProposalKindType,
      resolve: (p) => p.kind,
    }),
    window: t.field({
      description: '大会提案 or 平时提案: submitted for the plenary session or between sessions.',
      type: ProposalWindowType,
      resolve: (p) => p.window,
    }),
    term: t.exposeInt('term', { nullable: true, description: 'Term (届) of the committee.' }),
    session: t.exposeInt('session', {
      nullable: true,
      description: 'Session (次会议) within the term.',
    }),
    collectiveKind: t.field({
      description:
        "A collective proposal's proposing body: a party, a people's organization, a special committee or a sector group.",
      type: CollectiveKindType,
      nullable: true,
      resolve: (p) => p.collectiveKind ?? null,
    }),
    collectiveName: t.exposeString('collectiveName', {
      nullable: true,
      description: 'The proposing body of a collective proposal.',
    }),
    situation: t.exposeString('situation', { description: '情况 The situation it addresses.' }),
    analysis: t.exposeString('analysis', { description: '分析 The analysis of the problem.' }),
    suggestions: t.exposeString('suggestions', { description: '建议 What it proposes.' }),
    attachments: t.field({
      description: '附件 Documents attached to it.',
      type: [AttachmentType],
      resolve: (p) => p.attachments ?? [],
    }),
    status: t.field({
      description: '提案状态 Where it stands in the proposal workflow.',
      type: ProposalStatusType,
      resolve: (p) => p.status,
    }),
    statusNote: t.exposeString('statusNote', {
      nullable: true,
      description:
        'Why it was not filed or returned, or what the office proposes: told to the proposer.',
    }),
    convertedTo: t.field({
      description: 'What it was converted into (CONVERTED only).',
      type: ConversionTargetType,
      nullable: true,
      resolve: (p) => p.convertedTo ?? null,
    }),
    mergedInto: t.field({
      description: 'The proposal it was merged into (MERGED only), when the caller may see it.',
      type: ProposalType,
      nullable: true,
      resolve: (p, _a, ctx) => (p.mergedIntoId ? visibleProposal(ctx, p.mergedIntoId) : null),
    }),
    mode: t.field({
      description: '办理方式 How it is handled (set when it is assigned).',
      type: HandlingModeType,
      nullable: true,
      resolve: (p) => p.mode ?? null,
    }),
    assignedOn: t.expose('assignedOn', {
      description: '交办 The day it was assigned to units.',
      type: 'Date',
      nullable: true,
    }),
    rating: t.field({
      type: RatingType,
      nullable: true,
      description:
        "The proposal's rating: its lead proposer's latest (every proposer's is in `ratings`).",
      resolve: (p) => p.rating ?? null,
    }),
    ratingComment: t.exposeString('ratingComment', {
      description: "The lead proposer's comment with their latest rating.",
      nullable: true,
    }),
    round: t.exposeInt('round', {
      description: 'Handling round: 1, and one more each time handling is reopened (再次办理).',
    }),
    version: t.exposeInt('version', {
      description: 'Send it back with a workflow step; a stale one is refused.',
    }),
    author: t.field({
      description: '领衔提案人 The lead author.',
      type: MemberRef,
      nullable: true,
      resolve: (p) => ({ id: String(p.authorId) }),
    }),
    district: t.field({
      description: 'The district whose committee it was submitted to.',
      type: DistrictRef,
      nullable: true,
      resolve: (p) => ({ code: p.district }),
    }),
    submittedAt: t.field({
      description: 'When it was submitted (for a draft: when it was created).',
      type: 'DateTime',
      resolve: (p) => p.submittedAt,
    }),
    filedAt: t.field({
      description: '立案 When it was filed.',
      type: 'DateTime',
      nullable: true,
      resolve: (p) => p.filedAt ?? null,
    }),
    repliedAt: t.field({
      description: 'When every unit had replied.',
      type: 'DateTime',
      nullable: true,
      resolve: (p) => p.repliedAt ?? null,
    }),
    closedAt: t.field({
      description: '办结 When it was closed.',
      type: 'DateTime',
      nullable: true,
      resolve: (p) => p.closedAt ?? null,
    }),
    overdue: t.boolean({
      description: 'A unit has not replied (or sent its opinion) by its deadline.',
      resolve: async (p, _a, ctx) =>
        (await ctx.loaders.many(HandlingTaskSchema, 'proposalId').load(p.id)).some((task) =>
          isOverdue(task),
        ),
    }),
    availableActions: t.stringList({
      description:
        "Steps of the proposal's own table the caller may take now (task steps are on each task).",
      resolve: async (p, _args, ctx) => {
        const cosigners = await ctx.loaders.many(CosignerSchema, 'proposalId').load(p.id);
        const ratings = await ctx.loaders.many(ProposalRatingSchema, 'proposalId').load(p.id);
        return proposalWorkflow.available(ctx, {
          ...p,
          ...proposalFacts(p, cosigners, ratings),
        });
      },
    }),
  }),
});

/** One proposal by id as the caller may see it (see maySeeProposal), or null. */
export async function visibleProposal(ctx: RequestContext, id: number): Promise<Proposal | null> {
  const [proposal] = await ctx.loaders.many(ProposalSchema, 'id', {}, true).load(id);
  return proposal && (await maySeeProposal(ctx, proposal)) ? proposal : null;
}

// Resolved by key as the proposal query resolves it: a member's own draft or submitted proposal
// referred to from another subgraph (their record, their studio) is theirs to see.
nodeType(builder, ProposalType, visibleProposal);

export const ProposalConnection = connectionType<Proposal>(builder, 'Proposal', ProposalType);

const ProposalFilter = builder.inputType('ProposalFilter', {
  description:
    '筛选 Narrows `proposals`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only proposals of this district.', required: false }),
    status: t.field({
      description: 'Only proposals in this state.',
      type: ProposalStatusType,
      required: false,
    }),
    category: t.field({
      description: 'Only proposals of this category.',
      type: ProposalCategoryType,
      required: false,
    }),
    year: t.int({ description: 'Only proposals of this year.', required: false }),
    author: t.id({ description: 'Only proposals this member leads.', required: false }),
    kind: t.field({
      description: 'Only individual, joint or collective proposals.',
      type: ProposalKindType,
      required: false,
    }),
    window: t.field({
      description: 'Only plenary or inter-session proposals.',
      type: ProposalWindowType,
      required: false,
    }),
    term: t.int({ description: 'Only proposals of this term (届).', required: false }),
    session: t.int({ description: 'Only proposals of this session (次会议).', required: false }),
    key: t.boolean({
      required: false,
      description: 'Only key proposals (重点提案), or only others.',
    }),
    overdue: t.boolean({
      required: false,
      description: 'Only proposals with a unit past its deadline.',
    }),
    unit: t.id({ required: false, description: 'Only proposals this government unit handles.' }),
  }),
});

builder.queryField('proposals', (t) =>
  t.field({
    description:
      "提案 Proposals, as `filter` narrows them (district, status, category, year, author, kind, window, term, session, key, overdue). Drafts only to staff (authors find theirs on `Member.proposals`). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: ProposalConnection,
    args: {
      filter: t.arg({
        description: 'Narrows the list (`ProposalFilter`).',
        type: ProposalFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (_root, { filter, first, after, last, before }, ctx) => {
      // Drafts are the district staff's (and their authors', who find them on Member.proposals).
      const where: FilterQuery<Proposal>[] = hasRole(ctx.caller, 'staff')
        ? []
        : [{ status: { $ne: 'DRAFT' } }];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.category) where.push({ category: filter.category });
      if (filter?.year) where.push({ year: filter.year });
      if (filter?.author) where.push({ authorId: parseId(filter.author, 'filter.author') });
      if (filter?.kind) where.push({ kind: filter.kind });
      if (filter?.window) where.push({ window: filter.window });
      if (filter?.term != null) where.push({ term: filter.term });
      if (filter?.session != null) where.push({ session: filter.session });
      if (filter?.key != null) {
        const ids = (await ctx.em.find(KeyProposalSchema, {}, { fields: ['proposalId'] })).map(
          (k) => k.proposalId,
        );
        where.push(filter.key ? { id: { $in: ids } } : { id: { $nin: ids } });
      }
      if (filter?.overdue != null) {
        const ids = (
          await ctx.em.find(
            HandlingTaskSchema,
            {
              status: { $in: ['PENDING_RECEIPT', 'RETURN_REQUESTED', 'RECEIVED'] },
              dueOn: { $lt: today() },
            },
            { fields: ['proposalId'] },
          )
        ).map((k) => k.proposalId);
        where.push(filter.overdue ? { id: { $in: ids } } : { id: { $nin: ids } });
      }
      if (filter?.unit) {
        const ids = (
          await ctx.em.find(
            HandlingTaskSchema,
            { unitId: parseId(filter.unit, 'filter.unit') },
            { fields: ['proposalId'] },
          )
        ).map((k) => k.proposalId);
        where.push({ id: { $in: ids } });
      }
      return findPage(ctx.em, ProposalSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('proposal', (t) =>
  t.field({
    description:
      '提案 One proposal by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: ProposalType,
    nullable: true,
    args: { id: t.arg.id({ required: true, description: "The Proposal's id." }) },
    resolve: async (_root, { id }, ctx) => {
      const proposal = await visibleProposal(ctx, parseId(id, 'id', 'Proposal'));
      return proposal ?? null;
    },
  }),
);

const text = (min: number, max: number) =>
  z.string().trim().min(min, `must not be empty`).max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const AttachmentInput = builder.inputType('ProposalAttachmentInput', {
  description: '附件 A document to attach to a proposal: its name and link.',
  fields: (t) => ({
    name: t.string({
      description: "The document's name: trimmed, 1 to 200 characters.",
      required: true,
      validate: text(1, 200),
    }),
    url: t.string({
      description: 'Its link: an http(s) URL.',
      required: true,
      validate: z
        .string()
        .trim()
        .url('must be a URL')
        .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    }),
  }),
});

/** Fields both the submission and the draft inputs share beside the five texts. */
function shape(t: InputFields) {
  return {
    kind: t.field({
      type: ProposalKindType,
      required: false,
      description: 'INDIVIDUAL by default; JOINT proposals are drafted first.',
    }),
    window: t.field({
      type: ProposalWindowType,
      required: false,
      description: 'The window it is filed in (at a session or between sessions).',
    }),
    term: t.int({
      required: false,
      description: '届 The term it is filed in: 1 to 99.',
      validate: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(99, 'must be at most 99')
        .nullish(),
    }),
    session: t.int({
      required: false,
      description: '次 The session of the term: 1 to 9.',
      validate: z.number().int().min(1, 'must be at least 1').max(9, 'must be at most 9').nullish(),
    }),
    collectiveKind: t.field({
      type: CollectiveKindType,
      required: false,
      description: 'For a collective proposal: the kind of body filing it.',
    }),
    collectiveName: t.string({
      required: false,
      validate: optionalText(100).nullish(),
      description: 'For a collective proposal: the body filing it, at most 100 characters.',
    }),
    attachments: t.field({
      type: [AttachmentInput],
      required: false,
      description: 'Documents attached: each a name and an http(s) link.',
    }),
  };
}

const CATEGORY_DESCRIPTION = '类别 The category it is filed under.';

const SubmitProposalInput = builder.inputType('SubmitProposalInput', {
  description: 'What `submitProposal` takes.',
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    category: t.field({
      type: ProposalCategoryType,
      description: CATEGORY_DESCRIPTION,
      required: true,
    }),
    situation: t.string({
      description: '情况 The situation: 1 to 5,000 characters.',
      required: true,
      validate: text(1, 5000),
    }),
    analysis: t.string({
      description: '分析 The analysis: 1 to 5,000 characters.',
      required: true,
      validate: text(1, 5000),
    }),
    suggestions: t.string({
      description: '建议 What it proposes: 1 to 5,000 characters.',
      required: true,
      validate: text(1, 5000),
    }),
    ...shape(t),
  }),
});

const ProposalDraftInput = builder.inputType('ProposalDraftInput', {
  description: 'A draft may leave parts empty; they must be filled before it is submitted.',
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    category: t.field({
      type: ProposalCategoryType,
      required: true,
      description: CATEGORY_DESCRIPTION,
    }),
    situation: t.string({
      required: true,
      validate: optionalText(5000),
      description: '情况 The situation: at most 5,000 characters (may be empty in a draft).',
    }),
    analysis: t.string({
      required: true,
      validate: optionalText(5000),
      description: '分析 The analysis: at most 5,000 characters (may be empty in a draft).',
    }),
    suggestions: t.string({
      required: true,
      validate: optionalText(5000),
      description: '建议 What it proposes: at most 5,000 characters (may be empty in a draft).',
    }),
    ...shape(t),
  }),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationField('submitProposal', (t) =>
  t.field({
    type: ProposalType,
    description: 'A member submits an individual or collective proposal straight to review.',
    authScopes: { member: true },
    args: {
      input: t.arg({
        description: 'What `submitProposal` takes (`SubmitProposalInput`).',
        type: SubmitProposalInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => submitProposal(ctx, input),
  }),
);

builder.mutationField('draftProposal', (t) =>
  t.field({
    type: ProposalType,
    description:
      'A member starts a draft (a joint proposal invites its co-signers while drafting).',
    authScopes: { member: true },
    args: {
      input: t.arg({
        description: 'What `draftProposal` takes (`ProposalDraftInput`).',
        type: ProposalDraftInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => draftProposal(ctx, input),
  }),
);

builder.mutationField('editProposal', (t) =>
  t.field({
    type: ProposalType,
    description: 'The author edits a draft or a proposal returned for revision.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      input: t.arg({
        description: 'What `editProposal` takes (`ProposalDraftInput`).',
        type: ProposalDraftInput,
        required: true,
      }),
    },
    resolve: (_root, { id, version, input }, ctx) => editProposal(ctx, parseId(id), version, input),
  }),
);

builder.mutationField('submitProposalDraft', (t) =>
  t.field({
    type: ProposalType,
    description: 'The author sends a draft, or a proposal returned for revision, to review.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, { id, version, note }, ctx) =>
      submitDraft(ctx, parseId(id), version, note ?? null),
  }),
);

for (const [field, action, description] of [
  [
    'fileProposal',
    'file',
    'Staff accept a submitted proposal for handling (立案); it gets a case number and becomes public.',
  ],
  [
    'rejectProposal',
    'reject',
    'Staff decide not to file a proposal (不予立案); the note tells the proposer why.',
  ],
  [
    'returnProposalForRevision',
    'returnForRevision',
    'Staff return a proposal to its author for revision; the note says what to change.',
  ],
  ['withdrawProposal', 'withdraw', 'The author withdraws a proposal not yet filed (撤案).'],
  [
    'declineProposalConversion',
    'declineConversion',
    'The author does not consent to the proposed conversion; the proposal goes back to where it was (submitted, or not filed).',
  ],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ProposalType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The Proposal's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_root, { id, version, note }, ctx) =>
        review(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}

builder.mutationField('proposeProposalConversion', (t) =>
  t.field({
    type: ProposalType,
    description:
      'Staff propose converting a proposal into a member suggestion or public-opinion information; the author must consent.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      target: t.arg({
        type: ConversionTargetType,
        required: true,
        description: 'What it would become.',
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: true }),
    },
    resolve: (_root, { id, version, target, note }, ctx) =>
      proposeConversion(ctx, parseId(id), version, target, note),
  }),
);

builder.mutationField('consentToProposalConversion', (t) =>
  t.field({
    type: ProposalType,
    description:
      'The author consents to the conversion; an opinion-item conversion creates the item.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
    },
    resolve: (_root, { id, version }, ctx) => consentConversion(ctx, parseId(id), version),
  }),
);

builder.mutationField('mergeProposal', (t) =>
  t.field({
    type: ProposalType,
    description:
      'Staff merge a submitted proposal into a similar one (并案); its proposers join that one as co-signers.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The Proposal's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      intoId: t.arg.id({
        required: true,
        description: 'The id of the proposal it is merged into.',
      }),
      note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
    },
    resolve: (_root, { id, version, intoId, note }, ctx) =>
      mergeProposal(ctx, parseId(id), version, parseId(intoId, 'intoId'), note ?? null),
  }),
);

liveField(builder, 'proposalChanged', ProposalType, {
  description:
    'A proposal as it now stands, each time it moves past drafting (submitted, filed, assigned, replied, rated, closed…). Each subscriber receives what `proposal(id)` would show it: the author and co-signers, the staff of its district and above, and its handling units see their changes; anyone else only the public ones.',
});
