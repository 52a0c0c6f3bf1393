import {
  callerParties,
  connectionType,
  daysBetween,
  findPage,
  inputError,
  liveField,
  pageArgs,
  type RequestContext,
  today,
  asGlobalId,
  RAW_ID,
} from '@cppcc/kit';
import type { FilterQuery } from '@mikro-orm/core';
import { builder } from '../builder.js';
import { catalog } from '../catalog.js';
import {
  InboxDoneSchema,
  type InboxItem,
  InboxItemSchema,
  type InboxRecord,
  InboxRecordSchema,
} from '../entities/inbox.entity.js';
import { PluginSwitchRecordSchema } from '../entities/plugin-switch.entity.js';
import { DistrictRef } from './district.js';

/** An inbox is read a page at a time: a console shows a screenful, not a district's year. */
const INBOX_PAGE_MAX = 100;

const InboxRecordRef = builder.objectRef<{ type: string; id: string }>('InboxRecordRef').implement({
  description:
    '所涉记录 The record a piece of work concerns: its GraphQL type and the id to fetch it by (e.g. `proposal(id)` for a `Proposal`).',
  fields: (t) => ({
    type: t.exposeString('type', {
      description: '类型 The GraphQL type (`Proposal`, `OpinionItem`, …).',
    }),
    id: t.id({
      description: '编号 Its global id: the argument of that type’s query, or of `node(id)`.',
      extensions: RAW_ID,
      resolve: (r) => asGlobalId(r.type, r.id),
    }),
  }),
});

export const InboxItemRef = builder.objectRef<InboxItem>('InboxItem').implement({
  description:
    '待办事项 One piece of work waiting for the caller: what it is, the record it concerns, the steps the caller can take on it now and why it waits for them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '编号 This entry (it changes when the work changes).' }),
    kind: t.exposeString('kind', {
      description:
        '类别 What kind of work (`proposal.review`, `task.receive`, `plugin.<id>.…` for a plugin’s own): each workflow names its kinds.',
    }),
    title: t.exposeString('title', { description: '标题 The record’s title.' }),
    why: t.exposeString('why', {
      description: '缘由 Why it waits for the caller (Chinese and English).',
    }),
    record: t.field({
      type: InboxRecordRef,
      description: '所涉记录 The record the actions act on (its id is what their mutations take).',
      resolve: (i) => ({ type: i.recordType, id: i.recordId }),
    }),
    about: t.field({
      type: InboxRecordRef,
      nullable: true,
      description:
        '查阅记录 Where to read the record when it has no query of its own (a handling task or a co-sign invitation: its `Proposal`); null when `record` is fetched itself.',
      resolve: (i) => (i.aboutType && i.aboutId ? { type: i.aboutType, id: i.aboutId } : null),
    }),
    actions: t.stringList({
      description:
        '可办操作 The steps the caller can take now: the record’s `availableActions` that made it wait (edits and deadline moves are not listed).',
      resolve: (i) => i.actions,
    }),
    dueOn: t.field({
      type: 'Date',
      nullable: true,
      description: '办理期限 The day it is due, when it has one.',
      resolve: (i) => i.dueOn,
    }),
    overdue: t.boolean({
      description: '已逾期 Past its due day (computed as it is read).',
      resolve: (i) => i.dueOn != null && i.dueOn < today(),
    }),
    daysOverdue: t.int({
      nullable: true,
      description:
        '逾期天数 Days past its due day (0 when not yet past due; null without a due day), as it is read.',
      resolve: (i) => (i.dueOn == null ? null : Math.max(0, daysBetween(i.dueOn, today()))),
    }),
    district: t.field({
      type: DistrictRef,
      description: '所属地区 The district whose record it is.',
      resolve: (i) => ({ code: i.district }),
    }),
    waitsFor: t.exposeString('party', {
      description:
        '待办人 Whom it waits for: `member:<id>`, `unit:<id>`, or `<role>@<district>` (the caller as one of these).',
    }),
    source: t.exposeString('source', {
      description: '来源模块 The subgraph or plugin whose workflow it is.',
    }),
    changedAt: t.field({
      type: 'DateTime',
      description: '更新时间 When the work last changed.',
      resolve: (i) => i.changedAt,
    }),
  }),
});

const InboxItemConnection = connectionType<InboxItem>(builder, 'InboxItem', InboxItemRef);

const InboxKindCount = builder
  .objectRef<{ kind: string; count: number; overdue: number }>('InboxKindCount')
  .implement({
    description: '分类计数 How much of one kind of work waits for the caller.',
    fields: (t) => ({
      kind: t.exposeString('kind', { description: '类别 The kind.' }),
      count: t.exposeInt('count', { description: '件数 How many.' }),
      overdue: t.exposeInt('overdue', { description: '逾期件数 How many of them are past due.' }),
    }),
  });

export const InboxFilter = builder.inputType('InboxFilter', {
  description: '待办筛选 Which of the caller’s work to list.',
  fields: (t) => ({
    kinds: t.stringList({
      required: false,
      description: '类别 Only these kinds (as `InboxItem.kind` names them).',
    }),
    overdue: t.boolean({
      required: false,
      description:
        '逾期 true: only work past due; false: only work not past due (or with no due day).',
    }),
    district: t.id({
      required: false,
      description: '地区 Only work on this district’s records (its code).',
    }),
  }),
});

type Filter = {
  kinds?: string[] | null;
  overdue?: boolean | null;
  district?: string | number | null;
};

/**
 * The rows of the caller's inbox: those addressed to one of its parties, of core modules or of
 * plugins the record's district has on (a plugin switched off takes its work out of sight).
 */
async function where(
  ctx: RequestContext,
  filter: Filter | null | undefined,
): Promise<FilterQuery<InboxItem>> {
  const parties = callerParties(ctx.caller);
  const and: FilterQuery<InboxItem>[] = [
    { party: { $in: parties.length ? parties : ['-'] } },
    { $or: [{ showsFrom: null }, { showsFrom: { $lte: today() } }] },
  ];
  // Work put to a role (a district's members) that the caller has done its own share of.
  const done = await ctx.em.find(
    InboxDoneSchema,
    { party: { $in: parties.length ? parties : ['-'] } },
    { filters: false, fields: ['key', 'party'] },
  );
  const spared = done.flatMap(({ key, party }) => {
    const roles = parties.filter((p) => p.startsWith(`${party.split(':')[0]}@`));
    return roles.length > 0 ? [{ key, party: { $in: roles } }] : [];
  });
  if (spared.length > 0) and.push({ $not: { $or: spared } });
  const plugins = catalog().map((p) => p.manifest.id);
  if (plugins.length > 0) {
    const on = await ctx.em.find(
      PluginSwitchRecordSchema,
      { status: 'ENABLED', plugin: { $in: plugins } },
      { filters: false, fields: ['district', 'plugin'] },
    );
    and.push({
      $or: [
        { source: { $nin: plugins } },
        ...on.map((s) => ({ source: s.plugin, district: s.district })),
      ],
    });
  }
  if (filter?.kinds) {
    if (filter.kinds.length === 0)
      throw inputError('filter.kinds', 'not-empty', 'names at least one kind, or is left out');
    and.push({ kind: { $in: filter.kinds } });
  }
  if (filter?.district != null) and.push({ district: String(filter.district) });
  if (filter?.overdue === true) and.push({ dueOn: { $ne: null, $lt: today() } });
  if (filter?.overdue === false) and.push({ $or: [{ dueOn: null }, { dueOn: { $gte: today() } }] });
  return { $and: and };
}

/** The caller's inbox: its work a page at a time, and how much of each kind waits. */
type InboxView = { filter: Filter | null | undefined };

export const InboxRef = builder.objectRef<InboxView>('Inbox').implement({
  description:
    '我的待办 Inbox: the caller’s pending work across every subgraph and enabled plugin — co-sign invitations, proposals to review, tasks to receive, replies due, leave to approve, a plugin’s own kinds. Built from each workflow’s transition table, so it offers only steps the caller can take.',
  fields: (t) => ({
    items: t.field({
      type: InboxItemConnection,
      description: '待办事项 The work, oldest change first.',
      args: { ...pageArgs(t, 'items', undefined, INBOX_PAGE_MAX) },
      resolve: async (view, { first, after, last, before }, ctx) => {
        for (const [field, n] of [
          ['first', first],
          ['last', last],
        ] as const)
          if (n != null && (n < 0 || n > INBOX_PAGE_MAX))
            throw inputError(field, 'range', `must be between 0 and ${INBOX_PAGE_MAX}`);
        return findPage(ctx.em, InboxItemSchema, await where(ctx, view.filter), {
          first,
          after,
          last,
          before,
        });
      },
    }),
    totalCount: t.int({
      description: '总数 How many pieces of work (as filtered).',
      resolve: async (view, _args, ctx) =>
        ctx.em.count(InboxItemSchema, await where(ctx, view.filter)),
    }),
    counts: t.field({
      type: [InboxKindCount],
      description: '分类计数 How many of each kind, and how many of them are past due.',
      resolve: async (view, _args, ctx) => {
        const rows = await ctx.em.find(InboxItemSchema, await where(ctx, view.filter), {
          fields: ['kind', 'dueOn'],
        });
        const day = today();
        const counts = new Map<string, { kind: string; count: number; overdue: number }>();
        for (const row of rows) {
          const c = counts.get(row.kind) ?? { kind: row.kind, count: 0, overdue: 0 };
          c.count++;
          if (row.dueOn != null && row.dueOn < day) c.overdue++;
          counts.set(row.kind, c);
        }
        return [...counts.values()].sort((a, b) => a.kind.localeCompare(b.kind));
      },
    }),
  }),
});

builder.queryField('inbox', (t) =>
  t.field({
    type: InboxRef,
    description:
      '我的待办 Inbox: the work waiting for the caller (a member, staff, a unit, a leader, an operator), from every subgraph and enabled plugin. Empty for an anonymous caller.',
    args: {
      filter: t.arg({
        type: InboxFilter,
        required: false,
        description: '筛选 Which work to list.',
      }),
    },
    resolve: (_root, { filter }) => ({ filter }),
  }),
);

/** What changed on one record, for the caller: the live field's re-query. */
type InboxChangeView = { record: InboxRecord; items: InboxItem[] };

const InboxChangeRef = builder.objectRef<InboxChangeView>('InboxChange').implement({
  description:
    '待办变动 The work waiting on one record changed: what now waits there for the caller (nothing, when it left the inbox).',
  fields: (t) => ({
    id: t.id({
      description: '编号 The record’s inbox key (`HandlingTask:12`).',
      extensions: RAW_ID,
      resolve: (c) => c.record.key,
    }),
    items: t.field({
      type: [InboxItemRef],
      description:
        '待办事项 What waits for the caller on it now (empty: it left the caller’s inbox).',
      resolve: (c) => c.items,
    }),
    changedAt: t.field({
      type: 'DateTime',
      description: '变动时间 When.',
      resolve: (c) => c.record.changedAt,
    }),
  }),
});

builder.queryField('inboxChange', (t) =>
  t.field({
    type: InboxChangeRef,
    nullable: true,
    description:
      '待办变动 The caller’s work on one record (by its inbox key), when it waits or waited for the caller; null otherwise. What `inboxChanged` delivers.',
    args: {
      id: t.arg.id({ required: true, description: '编号 The inbox key (`InboxChange.id`).' }),
    },
    resolve: async (_root, { id }, ctx) => {
      const record = await ctx.em.findOne(InboxRecordSchema, { key: String(id) });
      if (!record) return null;
      const mine = new Set(callerParties(ctx.caller));
      if (![...record.parties, ...record.previous].some((p) => mine.has(p))) return null;
      const items = await ctx.em.find(
        InboxItemSchema,
        { $and: [{ key: record.key }, await where(ctx, null)] },
        { orderBy: { id: 'asc' } },
      );
      return { record, items };
    },
  }),
);

liveField(builder, 'inboxChanged', InboxChangeRef, {
  description:
    '待办变动 Each time work waiting for the caller changes (arrives, moves on, leaves), as `inboxChange(id)` shows it: a client refreshes its inbox or its counts.',
  byId: false,
});
