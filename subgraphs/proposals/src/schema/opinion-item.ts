import {
  connectionType,
  findPage,
  notFound,
  pageArgs,
  parseId,
  type RequestContext,
  liveField,
  titleSchema,
  TITLE_DESCRIPTION,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { builder } from '../builder.js';
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
import { PROPOSAL_CATEGORIES } from '../entities/proposal.entity.js';
import { opinionWorkflow } from '../workflow.js';
import { DistrictRef } from './district.js';
import { MemberRef } from './member.js';

export const OpinionStatusType = builder.enumType('OpinionItemStatus', {
  values: OPINION_STATUSES,
});
export const OpinionSourceType = builder.enumType('OpinionItemSource', {
  values: OPINION_SOURCES,
  description:
    'Members, a party, a special committee, a district committee, or an informant (特邀信息员).',
});
export const LevelType = builder.enumType('AdoptionLevel', { values: ADOPTION_LEVELS });
export const AdoptionModeType = builder.enumType('AdoptionMode', {
  values: ADOPTION_MODES,
  description: '单篇采用 (SINGLE) or 综合采用 (COMBINED).',
});

const AdoptionType = builder.objectRef<Adoption>('OpinionAdoption').implement({
  description: '采用: a level took the item up.',
  fields: (t) => ({
    level: t.field({ type: LevelType, resolve: (a) => a.level }),
    mode: t.field({ type: AdoptionModeType, resolve: (a) => a.mode }),
    adoptedOn: t.expose('adoptedOn', { type: 'Date' }),
    publication: t.exposeString('publication', { nullable: true }),
  }),
});

export const OpinionItemType = builder.objectRef<OpinionItem>('OpinionItem');

OpinionItemType.implement({
  description:
    "社情民意信息: a public-opinion item, from its author to the bulletin, reporting up, adoption and feedback. Internal: its district's staff and its authors see it.",
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    content: t.exposeString('content', { description: 'As the author wrote it.' }),
    editedContent: t.exposeString('editedContent', {
      nullable: true,
      description: 'As edited for the bulletin (采编).',
    }),
    category: t.exposeString('category'),
    source: t.field({ type: OpinionSourceType, resolve: (i) => i.source }),
    sourceName: t.exposeString('sourceName', { nullable: true }),
    status: t.field({ type: OpinionStatusType, resolve: (i) => i.status }),
    statusNote: t.exposeString('statusNote', { nullable: true }),
    submittedOn: t.expose('submittedOn', { type: 'Date', nullable: true }),
    reportedTo: t.stringList({ resolve: (i) => i.reportedTo ?? [] }),
    reportedOn: t.expose('reportedOn', { type: 'Date', nullable: true }),
    feedback: t.exposeString('feedback', { nullable: true }),
    fedBackOn: t.expose('fedBackOn', { type: 'Date', nullable: true }),
    version: t.exposeInt('version'),
    district: t.field({
      type: DistrictRef,
      nullable: true,
      resolve: (i) => ({ code: i.district }),
    }),
    authors: t.field({
      type: [MemberRef],
      resolve: async (i, _a, ctx) =>
        (await ctx.loaders.many(OpinionAuthorSchema, 'itemId').load(i.id)).map((a) => ({
          id: String(a.memberId),
        })),
    }),
    adoptions: t.field({
      type: [AdoptionType],
      resolve: (i, _a, ctx) => ctx.loaders.many(AdoptionSchema, 'itemId').load(i.id),
    }),
    availableActions: t.stringList({
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
builder.asEntity(OpinionItemType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => visibleItem(ctx, Number(id)),
});

export const OpinionItemConnection = connectionType<OpinionItem>(
  builder,
  'OpinionItem',
  OpinionItemType,
);

const OpinionFilter = builder.inputType('OpinionItemFilter', {
  fields: (t) => ({
    district: t.id({ required: false }),
    status: t.field({ type: OpinionStatusType, required: false }),
    source: t.field({ type: OpinionSourceType, required: false }),
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
    args: { filter: t.arg({ type: OpinionFilter, required: false }), ...pageArgs(t) },
    resolve: async (_r, { filter, first, after }, ctx) => {
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
      return findPage(ctx.em, OpinionItemSchema, { $and: where }, { first, after });
    },
  }),
);

builder.queryField('opinionItem', (t) =>
  t.field({
    description:
      '社情民意信息 One social-conditions and public-opinion item by id. Not found (NOT_FOUND) when it does not exist or the caller may not see it.',
    type: OpinionItemType,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => {
      const item = await visibleItem(ctx, parseId(id));
      if (!item) throw notFound('opinion item', id);
      return item;
    },
  }),
);

const text = (min: number, max: number) =>
  z.string().trim().min(min, 'must not be empty').max(max, `must be at most ${max} characters`);

const OpinionInput = builder.inputType('SubmitOpinionItemInput', {
  fields: (t) => ({
    title: t.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    content: t.string({
      required: true,
      validate: text(1, 1500),
      description: '一事一议, at most 1500 characters.',
    }),
    category: t.string({
      required: true,
      validate: z.enum(PROPOSAL_CATEGORIES, `must be one of ${PROPOSAL_CATEGORIES.join(', ')}`),
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
    sourceName: t.string({ required: false }),
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
    args: { input: t.arg({ type: OpinionInput, required: true }) },
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
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      title: t.arg.string({
        required: true,
        validate: titleSchema,
        description: TITLE_DESCRIPTION,
      }),
      content: t.arg.string({ required: true, validate: text(1, 5000) }),
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
        id: t.arg.id({ required: true }),
        version: t.arg.int({ required: true }),
        note: t.arg.string({ required: false }),
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
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      recipients: t.arg.stringList({ required: true }),
      reportedOn: t.arg({ type: 'Date', required: false }),
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
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      level: t.arg({ type: LevelType, required: true }),
      mode: t.arg({ type: AdoptionModeType, required: true }),
      adoptedOn: t.arg({ type: 'Date', required: true }),
      publication: t.arg.string({ required: false }),
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
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      text: t.arg.string({ required: true }),
    },
    resolve: (_r, { id, version, text: body }, ctx) => feedBack(ctx, parseId(id), version, body),
  }),
);

liveField(builder, 'opinionItemAdopted', OpinionItemType, {
  description:
    'A public-opinion item (社情民意) each time it is adopted at a level, as `opinionItem(id)` would show it to the subscriber.',
});
