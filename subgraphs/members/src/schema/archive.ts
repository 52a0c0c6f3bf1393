import DataLoader from 'dataloader';
import {
  appError,
  cutPage,
  ErrorCode,
  inputError,
  type Page,
  pageArgs,
  pageInfoType,
  parseId,
  readPageSize,
  type RequestContext,
  today,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { DutyEventSchema, type DutyEvent } from '../entities/duty-event.entity.js';
import type { Member } from '../entities/member.entity.js';
import { TermRefSchema, type TermRef } from '../entities/term-ref.entity.js';
import { DistrictRef } from './district.js';
import { DutyEventType } from './duty-event.js';
import { maySeeRecord, MemberType } from './member.js';

export const ArchiveTermType = builder.objectRef<TermRef>('ArchiveTerm').implement({
  description:
    "届: a term of a district committee, as the members archive knows it (a replica of organization's terms).",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The ArchiveTerm's id." }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (term) => ({ code: term.district }),
    }),
    ordinal: t.exposeInt('ordinal', { description: 'Which term: 10 for 第十届.' }),
    name: t.exposeString('name', { description: "名称 The term's name." }),
    startsOn: t.expose('startsOn', { description: "开始日期 The term's first day.", type: 'Date' }),
    endsOn: t.expose('endsOn', {
      type: 'Date',
      nullable: true,
      description: 'Null while the term runs.',
    }),
  }),
});

/** The terms of a member's district, oldest first (one query for every member of a request). */
const districtTerms = (ctx: RequestContext, district: string) =>
  ctx.loaders.many(TermRefSchema, 'district').load(district);

/** The term a member serves: the one they were appointed for, else their district's current (or latest) term. */
async function memberTerm(ctx: RequestContext, member: Member): Promise<TermRef | null> {
  const terms = (await districtTerms(ctx, member.district)).sort((a, b) => a.ordinal - b.ordinal);
  if (member.termId) return terms.find((t) => t.id === member.termId) ?? null;
  const now = today();
  return (
    terms.find((t) => t.startsOn <= now && (!t.endsOn || t.endsOn >= now)) ??
    terms.filter((t) => t.startsOn <= now).at(-1) ??
    null
  );
}

builder.objectField(MemberType, 'term', (t) =>
  t.field({
    type: ArchiveTermType,
    nullable: true,
    description:
      "The term (届) the member serves in; null until organization has announced the district's terms.",
    resolve: (m, _args, ctx) => memberTerm(ctx, m),
  }),
);

interface Archive {
  member: Member;
  term: TermRef | null;
  kinds: string[] | null;
}

/** A term's bounds as instants: from its first day to the end of its last. */
function bounds(term: TermRef | null): { from: number | null; to: number | null } {
  if (!term) return { from: null, to: null };
  return {
    from: Date.parse(`${term.startsOn}T00:00:00Z`),
    to: term.endsOn ? Date.parse(`${term.endsOn}T00:00:00Z`) + 86_400_000 : null,
  };
}

/** A timeline page is longer than a list's: a member's year fits in two or three. */
const TIMELINE_PAGE = 50;

const loaders = new WeakMap<RequestContext, Map<string, DataLoader<string, DutyEvent[]>>>();

/**
 * A member's entries within a term, in the order they happened. Every archive asked for in one
 * request (a page of members, each with its archive) is read with one query.
 */
function archiveEvents(ctx: RequestContext, archive: Archive): Promise<DutyEvent[]> {
  const kinds = archive.kinds ? [...archive.kinds].sort() : null;
  let byKinds = loaders.get(ctx);
  if (!byKinds) {
    byKinds = new Map();
    loaders.set(ctx, byKinds);
  }
  const cacheKey = JSON.stringify(kinds);
  let loader = byKinds.get(cacheKey);
  if (!loader) {
    loader = new DataLoader(async (keys) => {
      const wanted = keys.map((k) => JSON.parse(k) as [number, number | null, number | null]);
      const froms = wanted.map(([, from]) => from);
      const tos = wanted.map(([, , to]) => to);
      const from = froms.includes(null) ? null : Math.min(...(froms as number[]));
      const to = tos.includes(null) ? null : Math.max(...(tos as number[]));
      // Access was decided per member by the caller; the district filter would hide a member's own record.
      const rows = await ctx.em.find(
        DutyEventSchema,
        {
          memberId: { $in: [...new Set(wanted.map(([id]) => id))] },
          ...(kinds ? { kind: { $in: kinds } } : {}),
          ...(from !== null || to !== null
            ? {
                occurredAt: {
                  ...(from !== null ? { $gte: new Date(from) } : {}),
                  ...(to !== null ? { $lt: new Date(to) } : {}),
                },
              }
            : {}),
        },
        { filters: false, orderBy: { occurredAt: 'asc', id: 'asc' } },
      );
      return wanted.map(([id, f, t]) =>
        rows.filter((r) => {
          const at = new Date(r.occurredAt).getTime();
          return r.memberId === id && (f === null || at >= f) && (t === null || at < t);
        }),
      );
    });
    byKinds.set(cacheKey, loader);
  }
  const { from, to } = bounds(archive.term);
  return loader.load(JSON.stringify([archive.member.id, from, to]));
}

const cursorOf = (e: DutyEvent) =>
  Buffer.from(`t:${new Date(e.occurredAt).getTime()}:${e.id}`).toString('base64url');

/** A timeline cursor: the event's time and id, the timeline's order. */
function readCursor(cursor: string, field: 'after' | 'before'): [number, number] {
  const [tag, at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (tag !== 't' || !Number.isSafeInteger(Number(at)) || !Number.isSafeInteger(Number(id)))
    throw inputError(field, 'cursor', 'is not a cursor returned by this list');
  return [Number(at), Number(id)];
}

/** Where an event stands against a cursor's position: negative before it, 0 at it, positive after. */
const against = (e: DutyEvent, [at, id]: [number, number]) =>
  new Date(e.occurredAt).getTime() - at || e.id - id;

const TimelineEdge = builder
  .objectRef<Page<DutyEvent>['edges'][number]>('DutyTimelineEdge')
  .implement({
    description: "One duty event in a page of a member's duty timeline, with its cursor.",
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description:
          '游标 Opaque; pass it as `after` to continue after this event, or as `before` to page back from it.',
      }),
      node: t.field({
        description: '履职记录 The event.',
        type: DutyEventType,
        resolve: (e) => e.node,
      }),
    }),
  });

const TimelineConnection = builder.objectRef<Page<DutyEvent>>('DutyTimelineConnection').implement({
  description:
    'Duty events in the order they happened (oldest first), with cursors that keep that order: `first`/`after` forward, `last`/`before` backward.',
  fields: (t) => ({
    edges: t.field({
      description: '条目 The events with their cursors.',
      type: [TimelineEdge],
      resolve: (p) => p.edges,
    }),
    nodes: t.field({
      description: '履职记录 The events alone.',
      type: [DutyEventType],
      resolve: (p) => p.edges.map((e) => e.node),
    }),
    pageInfo: t.field({
      description:
        '分页 Whether more events follow or come before, and the cursors to ask for them.',
      type: pageInfoType(builder),
      resolve: (p) => p.pageInfo,
    }),
    hasNextPage: t.boolean({
      description: '更多 More events follow: ask again with `after: endCursor`.',
      deprecationReason: 'Use `pageInfo.hasNextPage` (the Relay shape every other connection has).',
      resolve: async (p) => {
        const more = p.pageInfo.hasNextPage;
        return typeof more === 'function' ? more() : more;
      },
    }),
    endCursor: t.string({
      description:
        "游标 The last event's cursor (pass it as `after`); null when the page is empty.",
      deprecationReason: 'Use `pageInfo.endCursor` (the Relay shape every other connection has).',
      nullable: true,
      resolve: (p) => p.pageInfo.endCursor,
    }),
    totalCount: t.int({
      description: '总数 How many events the whole timeline has.',
      resolve: (p) => p.totalCount(),
    }),
  }),
});

const KindCount = builder.objectRef<{ kind: string; count: number }>('DutyKindCount').implement({
  description: '按履职类别统计 How many duty events of one kind a member has.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: '类别 The kind of duty event.' }),
    count: t.exposeInt('count', { description: '数量 How many of that kind.' }),
  }),
});

export const DutyArchiveType = builder.objectRef<Archive>('DutyArchive').implement({
  description:
    "履职档案: one member's duty record for one term, built from the events other modules reported.",
  fields: (t) => ({
    member: t.field({
      description: '委员 The member whose archive it is.',
      type: MemberType,
      resolve: (a) => a.member,
    }),
    term: t.field({
      type: ArchiveTermType,
      nullable: true,
      description: 'Null while no term is known: the whole record.',
      resolve: (a) => a.term,
    }),
    events: t.field({
      description: "履职记录 The member's duty events in the term, oldest first, a page at a time.",
      type: TimelineConnection,
      args: pageArgs(t, 'events', TIMELINE_PAGE),
      resolve: async (a, args, ctx) => {
        const { limit, backward } = readPageSize(args, TIMELINE_PAGE);
        const after = args.after ? readCursor(args.after, 'after') : null;
        const before = args.before ? readCursor(args.before, 'before') : null;
        const all = await archiveEvents(ctx, a);
        const inWindow = all.filter(
          (e) => (!after || against(e, after) > 0) && (!before || against(e, before) < 0),
        );
        return cutPage(
          inWindow,
          { limit, backward, hasAfter: after !== null, hasBefore: before !== null },
          cursorOf,
          async () => all.length,
          {
            after: after !== null && all.some((e) => against(e, after) <= 0),
            before: before !== null && all.some((e) => against(e, before) >= 0),
          },
        );
      },
    }),
    counts: t.field({
      type: [KindCount],
      description: 'How many entries of each kind, most first.',
      resolve: async (a, _args, ctx) => {
        const counts = new Map<string, number>();
        for (const e of await archiveEvents(ctx, a))
          counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
        return [...counts]
          .map(([kind, count]) => ({ kind, count }))
          .sort((x, y) => y.count - x.count || x.kind.localeCompare(y.kind));
      },
    }),
  }),
});

function assertMaySee(ctx: RequestContext, member: Member, field: string): void {
  if (!maySeeRecord(ctx, member))
    throw appError(
      ErrorCode.FORBIDDEN,
      `${field}: only the member and their district staff may see it`,
      { field },
    );
}

builder.objectField(MemberType, 'archive', (t) =>
  t.field({
    type: DutyArchiveType,
    description:
      'The duty archive for a term (default: the term the member serves). The member and their district staff only.',
    args: {
      term: t.arg.id({
        required: false,
        description: "The term's id (default: the term the member serves).",
      }),
      kinds: t.arg.stringList({ required: false, description: 'Only entries of these kinds.' }),
    },
    resolve: async (m, { term, kinds }, ctx) => {
      assertMaySee(ctx, m, 'archive');
      let chosen: TermRef | null;
      if (term) {
        const id = parseId(term, 'term');
        chosen = (await districtTerms(ctx, m.district)).find((x) => x.id === id) ?? null;
        if (!chosen)
          throw inputError('term', 'exists', `term ${id} is not a term of district ${m.district}`);
      } else {
        chosen = await memberTerm(ctx, m);
      }
      return { member: m, term: chosen, kinds: kinds ?? null };
    },
  }),
);

builder.objectField(MemberType, 'archives', (t) =>
  t.field({
    type: [DutyArchiveType],
    description:
      'One archive per term the member has a record in or serves in, oldest first (一人一档). The member and their district staff only.',
    resolve: async (m, _args, ctx) => {
      assertMaySee(ctx, m, 'archives');
      const terms = (await districtTerms(ctx, m.district)).sort((a, b) => a.ordinal - b.ordinal);
      if (terms.length === 0) return [{ member: m, term: null, kinds: null }];
      const own = await memberTerm(ctx, m);
      const archives = terms.map((term) => ({ member: m, term, kinds: null }));
      const events = await Promise.all(archives.map((a) => archiveEvents(ctx, a)));
      // The terms the member has a record in, and the one they serve in even while it is empty.
      return archives.filter((a, i) => events[i].length > 0 || a.term.id === own?.id);
    },
  }),
);
