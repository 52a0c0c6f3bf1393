import {
  connectionType,
  findPage,
  pageArgs,
  parseId,
  type RequestContext,
  liveField,
  titleSchema,
  TITLE_DESCRIPTION,
  describedValues,
  VERSION_DESCRIPTION,
  NOTE_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  nodeType,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { ProposalCategoryType } from './proposal-category.js';
import {
  editOpinionItem,
  feedBack,
  maySeeItem,
  moveItem,
  recordAdoption,
  reportItem,
  submitOpinionItem,
} from '../commands/opinion.js';
import {
  ADOPTION_LEVELS,
  ADOPTION_MODES,
  AdoptionSchema,
  OPINION_SOURCES,
  OPINION_STATUSES,
  OpinionAuthorSchema,
  OpinionItemSchema,
  type Adoption,
  type OpinionItem,
} from '../entities/opinion-item.entity.js';
import { opinionWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';

export const OpinionStatusType = builder.enumType('OpinionItemStatus', {
  description: '社情民意信息状态 Where an opinion item stands; each step is a row of its workflow.',
  values: describedValues(OPINION_STATUSES, {
    DRAFT: '草稿 Being written; the author submits or withdraws it.',
    SUBMITTED: '已报送 Submitted; staff select or discard it, the author may withdraw it.',
    SELECTED: '已选用 Selected; staff issue it in the bulletin or discard it.',
    DISCARDED: '未选用 Discarded.',
    WITHDRAWN: '已撤回 Withdrawn by the author.',
    ISSUED: '已编发 Issued in a bulletin issue; it may be reported up or adopted.',
    REPORTED: '已报送上级 Reported to a higher body; it may be adopted.',
    ADOPTED: '已采用 Adopted (more adoptions may follow).',
  }),
});
export const OpinionSourceType = builder.enumType('OpinionItemSource', {
  values: describedValues(OPINION_SOURCES, {
    MEMBER: '委员 Members.',
    PARTY: '民主党派 A democratic party.',
    SPECIAL_COMMITTEE: '专委会 A special committee.',
    DISTRICT_COMMITTEE: '区县政协 A district committee.',
    INFORMANT: '特邀信息员 An invited informant.',
  }),
  description:
    'Members, a party, a special committee, a district committee, or an informant (特邀信息员).',
});
export const LevelType = builder.enumType('AdoptionLevel', {
  description: '采用层级 The level of the body that adopted an opinion item.',
  values: describedValues(ADOPTION_LEVELS, {
    NATIONAL: '国家级 Adopted at national level.',
    PROVINCIAL: '省级 Adopted at provincial level.',
    CITY: '市级 Adopted at city level.',
    DISTRICT: '区县级 Adopted at district or county level.',
  }),
});
export const AdoptionModeType = builder.enumType('AdoptionMode', {
  values: describedValues(ADOPTION_MODES, {
    SINGLE: '单篇采用 Adopted on its own.',
    COMBINED: '综合采用 Adopted combined with other items.',
  }),
  description: '单篇采用 (SINGLE) or 综合采用 (COMBINED).',
});

const AdoptionType = builder.objectRef<Adoption>('OpinionAdoption').implement({
  description: '采用: a level took the item up.',
  fields: (t) => ({
    level: t.field({
      description: '采用层级 The level of the body that adopted an opinion item.',
      type: LevelType,
      resolve: (a) => a.level,
    }),
    mode: t.field({
      description: '单篇采用 (SINGLE) or 综合采用 (COMBINED).',
      type: AdoptionModeType,
      resolve: (a) => a.mode,
    }),
    adoptedOn: t.expose('adoptedOn', {
      description: '采用日期 The day it was adopted.',
      type: 'Date',
    }),
    publication: t.exposeString('publication', {
      description: '刊发 Where it was published, if it was.',
      nullable: true,
    }),
  }),
});

export const OpinionItemType = builder.objectRef<OpinionItem>('OpinionItem');

OpinionItemType.implement({
  description:
    "社情民意信息: a public-opinion item, from its author to the bulletin, reporting up, adoption and feedback. Internal: its district's staff and its authors see it.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The item's id." }),
    title: t.exposeString('title', {
      description: '标题 The title: trimmed, 5 to 200 characters.',
    }),
    content: t.exposeString('content', { description: 'As the author wrote it.' }),
    editedContent: t.exposeString('editedContent', {
      nullable: true,
      description: 'As edited for the bulletin (采编).',
    }),
    category: t.expose('category', {
      type: ProposalCategoryType,
      description: '类别 The category it is filed under (the proposal categories).',
    }),
    source: t.field({
      description: '来源 Who it comes from.',
      type: OpinionSourceType,
      resolve: (i) => i.source,
    }),
    sourceName: t.exposeString('sourceName', {
      description:
        'The name of the source when it is not a member (a party, a committee, an informant).',
      nullable: true,
    }),
    status: t.field({
      description: '社情民意信息状态 Where it stands in its workflow.',
      type: OpinionStatusType,
      resolve: (i) => i.status,
    }),
    statusNote: t.exposeString('statusNote', {
      description: 'Why it was discarded, or what staff told the author with the last step.',
      nullable: true,
    }),
    submittedOn: t.expose('submittedOn', {
      description: '报送 The day it was submitted.',
      type: 'Date',
      nullable: true,
    }),
    reportedTo: t.stringList({
      description: '报送上级 The higher bodies it was reported to.',
      resolve: (i) => i.reportedTo ?? [],
    }),
    reportedOn: t.expose('reportedOn', {
      description: 'The day it was reported up.',
      type: 'Date',
      nullable: true,
    }),
    feedback: t.exposeString('feedback', {
      description: '反馈 Feedback recorded on what became of it.',
      nullable: true,
    }),
    fedBackOn: t.expose('fedBackOn', {
      description: 'The day the feedback was recorded.',
      type: 'Date',
      nullable: true,
    }),
    version: t.exposeInt('version', {
      description: RECORD_VERSION_DESCRIPTION,
    }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (i) => ({ code: i.district }),
    }),
    authors: t.field({
      description: '作者 The members who wrote it.',
      type: [MemberRef],
      resolve: async (i, _a, ctx) =>
        (await ctx.loaders.many(OpinionAuthorSchema, 'itemId').load(i.id)).map((a) => ({
          id: String(a.memberId),
        })),
    }),
    adoptions: t.field({
      description: '采用 Each adoption of it, by level.',
      type: [AdoptionType],
      resolve: (i, _a, ctx) => ctx.loaders.many(AdoptionSchema, 'itemId').load(i.id),
    }),
    availableActions: t.stringList({
      description: 'Steps of its workflow the caller may take now; each would pass its rules.',
      resolve: async (i, _a, ctx) => {
        const authorIds = (await ctx.loaders.many(OpinionAuthorSchema, 'itemId').load(i.id)).map(
          (a) => a.memberId,
        );
        return opinionWorkflow.available(ctx, Object.assign(Object.create(null), i, { authorIds }));
      },
    }),
  }),
});

/** One item by id as the caller may see it (see maySeeItem), or null. */
async function visibleItem(ctx: RequestContext, id: number): Promise<OpinionItem | null> {
  const [item] = await ctx.loaders.many(OpinionItemSchema, 'id', {}, true).load(id);
  return item && (await maySeeItem(ctx, item)) ? item : null;
}

// Resolved by key as the opinionItem query resolves it: its authors see it from anywhere.
nodeType(builder, OpinionItemType, visibleItem);

export const OpinionItemConnection = connectionType<OpinionItem>(
  builder,
  'OpinionItem',
  OpinionItemType,
);

const OpinionFilter = builder.inputType('OpinionItemFilter', {
  description:
    '筛选 Narrows `opinionItems`: a record must match every field given; a field left out does not narrow.',
  fields: (t) => ({
    district: t.id({ description: 'Only items of this district.', required: false }),
    status: t.field({
      description: 'Only items in this state.',
      type: OpinionStatusType,
      required: false,
    }),
    source: t.field({
      description: 'Only items from this kind of source.',
      type: OpinionSourceType,
      required: false,
    }),
    issue: t.id({ required: false, description: 'Items a bulletin issue carries.' }),
    adoptedAt: t.field({
      type: LevelType,
      required: false,
      description: 'Only items adopted at this level.',
    }),
  }),
});

builder.queryField('opinionItems', (t) =>
  t.field({
    type: OpinionItemConnection,
    description:
      'Items of the districts the caller works for (internal: members see their own under Member.opinionItems).',
    args: {
      filter: t.arg({
        description: 'Narrows the list (`OpinionItemFilter`).',
        type: OpinionFilter,
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: async (_r, { filter, first, after, last, before }, ctx) => {
      const where: FilterQuery<OpinionItem>[] = [];
      if (filter?.district) where.push({ district: String(filter.district) });
      if (filter?.status) where.push({ status: filter.status });
      if (filter?.source) where.push({ source: filter.source });
      if (filter?.issue) where.push({ issueId: parseId(filter.issue, 'filter.issue') });
      if (filter?.adoptedAt) {
        const ids = (
          await ctx.em.find(AdoptionSchema, { level: filter.adoptedAt }, { fields: ['itemId'] })
        ).map((a) => a.itemId);
        where.push({ id: { $in: ids } });
      }
      return findPage(ctx.em, OpinionItemSchema, { $and: where }, { first, after, last, before });
    },
  }),
);

builder.queryField('opinionItem', (t) =>
  t.field({
    description:
      '社情民意信息 One social-conditions and public-opinion item by id; null when it does not exist or the caller may not see it (the two are not told apart).',
    type: OpinionItemType,
    nullable: true,
    args: { id: t.arg.id({ description: "The OpinionItem's id.", required: true }) },
    resolve: async (_r, { id }, ctx) => {
      const item = await visibleItem(ctx, parseId(id, 'id', 'OpinionItem'));
      return item ?? null;
    },
  }),
);

const text = (min: number, max: number) =>
  z.string().trim().min(min, 'must not be empty').max(max, `must be at most ${max} characters`);

const OpinionInput = builder.inputType('SubmitOpinionItemInput', {
  description: 'What `submitOpinionItem` takes.',
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    content: t.string({
      required: true,
      validate: text(1, 1500),
      description: '一事一议, at most 1500 characters.',
    }),
    category: t.field({
      type: ProposalCategoryType,
      description: '类别 The category it is filed under (the proposal categories).',
      required: true,
    }),
    authorIds: t.idList({
      required: false,
      description: 'Co-authors (a member submitting) or the member authors (staff entering).',
    }),
    source: t.field({
      type: OpinionSourceType,
      required: false,
      description: 'MEMBER by default; others are entered by staff.',
    }),
    sourceName: t.string({
      description: "The source's name when it is not a member.",
      required: false,
    }),
    district: t.id({
      required: false,
      description: 'Staff entering an item: the district it is reported to.',
    }),
  }),
});

builder.mutationField('submitOpinionItem', (t) =>
  t.field({
    type: OpinionItemType,
    description:
      'A member submits an item; staff enter one from a party, committee, district committee or informant.',
    authScopes: { authenticated: true },
    args: {
      input: t.arg({
        description: 'What `submitOpinionItem` takes (`SubmitOpinionItemInput`).',
        type: OpinionInput,
        required: true,
      }),
    },
    resolve: (_r, { input }, ctx) =>
      submitOpinionItem(ctx, {
        ...input,
        authorIds: input.authorIds?.map((a, i) => parseId(a, `input.authorIds.${i}`)),
        district: input.district ? String(input.district) : null,
      }),
  }),
);

builder.mutationField('editOpinionItem', (t) =>
  t.field({
    type: OpinionItemType,
    description: 'The author edits a draft; staff edit the text for the bulletin while screening.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The OpinionItem's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      title: t.arg.string({
        required: true,
        validate: titleSchema,
        description: TITLE_DESCRIPTION,
      }),
      content: t.arg.string({
        description: 'The new content: trimmed, 1 to 5,000 characters.',
        required: true,
        validate: text(1, 5000),
      }),
    },
    resolve: (_r, { id, version, title, content }, ctx) =>
      editOpinionItem(ctx, parseId(id), version, title, content),
  }),
);

for (const [field, action, description] of [
  [
    'submitOpinionItemDraft',
    'submit',
    'The author submits a draft (e.g. one from a studio reception).',
  ],
  ['withdrawOpinionItem', 'withdraw', 'The author withdraws an item not yet screened.'],
  ['selectOpinionItem', 'select', 'Staff screen an item in for editing and the bulletin.'],
  ['discardOpinionItem', 'discard', 'Staff screen an item out; the note tells the author why.'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: OpinionItemType,
      description,
      authScopes: { authenticated: true },
      args: {
        id: t.arg.id({ description: "The OpinionItem's id.", required: true }),
        version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
        note: t.arg.string({ description: NOTE_DESCRIPTION, required: false }),
      },
      resolve: (_r, { id, version, note }, ctx) =>
        moveItem(ctx, parseId(id), action, version, note ?? null),
    }),
  );
}

builder.mutationField('reportOpinionItem', (t) =>
  t.field({
    type: OpinionItemType,
    description: 'Staff report an issued item up (报送) to the named recipients.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The OpinionItem's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      recipients: t.arg.stringList({ description: 'Whom it is reported to.', required: true }),
      reportedOn: t.arg({
        description: 'The day it was reported (default today).',
        type: 'Date',
        required: false,
      }),
    },
    resolve: (_r, { id, version, recipients, reportedOn }, ctx) =>
      reportItem(ctx, parseId(id), version, recipients, reportedOn ?? null),
  }),
);

builder.mutationField('recordOpinionItemAdoption', (t) =>
  t.field({
    type: OpinionItemType,
    description: 'Staff record that a level adopted the item (once per level).',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The OpinionItem's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      level: t.arg({ description: 'The level that adopted it.', type: LevelType, required: true }),
      mode: t.arg({ description: 'How it was adopted.', type: AdoptionModeType, required: true }),
      adoptedOn: t.arg({ description: 'The day it was adopted.', type: 'Date', required: true }),
      publication: t.arg.string({
        description: 'Where it was published, if it was.',
        required: false,
      }),
    },
    resolve: (_r, { id, version, level, mode, adoptedOn, publication }, ctx) =>
      recordAdoption(ctx, parseId(id), version, level, mode, adoptedOn, publication ?? null),
  }),
);

builder.mutationField('feedBackOpinionItem', (t) =>
  t.field({
    type: OpinionItemType,
    description: 'Staff tell the author what became of the item (反馈).',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ description: "The OpinionItem's id.", required: true }),
      version: t.arg.int({ description: VERSION_DESCRIPTION, required: true }),
      text: t.arg.string({ description: 'The feedback to the member.', required: true }),
    },
    resolve: (_r, { id, version, text: body }, ctx) => feedBack(ctx, parseId(id), version, body),
  }),
);

liveField(builder, 'opinionItemAdopted', OpinionItemType, {
  description:
    'A public-opinion item (社情民意) each time it is adopted at a level, as `opinionItem(id)` would show it to the subscriber.',
});
