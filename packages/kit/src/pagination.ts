import type { EntitySchema, FilterQuery, OrderDefinition } from '@mikro-orm/core';
import type { EntityManager } from './db.js';
import { inputError } from './errors.js';

export const DEFAULT_PAGE = 20;
/** Large enough for a staff console listing a whole committee at once. */
export const MAX_PAGE = 1000;

/** The Relay cursor-connection arguments: forward with `first`/`after`, backward with `last`/`before`. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A pageInfo flag: known at once, or asked of the database only when a client selects it (the
 * flag for the side a client did not page towards costs a query of its own).
 */
export type PageFlag = boolean | (() => Promise<boolean>);

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: PageFlag;
    hasPreviousPage: PageFlag;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}

/** What the page arguments ask for, checked: how many, between which ids, from which end. */
export interface PageWindow {
  limit: number;
  /** Paging backward (`last`): the page is the last `limit` items before `before`. */
  backward: boolean;
  afterId: number | null;
  beforeId: number | null;
}

export function encodeCursor(id: number | string): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

function decodeCursor(cursor: string, field: 'after' | 'before'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = Number(text.slice(2));
  if (!text.startsWith('c:') || !Number.isSafeInteger(id)) {
    throw inputError(field, 'cursor', 'is not a cursor returned by this list');
  }
  return id;
}

/**
 * Checks `first`/`last` (Relay's rules: not both; each 0..MAX_PAGE): how many, from which end.
 * For a list with cursors of its own; `readPageArgs` adds the id cursors.
 */
export function readPageSize(
  args: Pick<PageArgs, 'first' | 'last'>,
  defaultSize = DEFAULT_PAGE,
): { limit: number; backward: boolean } {
  if (args.first != null && args.last != null) {
    throw inputError(
      'last',
      'one-of',
      'cannot be given with `first`: page forward with first/after or backward with last/before',
    );
  }
  const backward = args.last != null;
  const limit = (backward ? args.last : args.first) ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw inputError(backward ? 'last' : 'first', 'range', `must be between 0 and ${MAX_PAGE}`);
  }
  return { limit, backward };
}

/** Checks `first`/`after`/`last`/`before` (Relay's rules) and turns them into a window. */
export function readPageArgs(args: PageArgs, defaultSize = DEFAULT_PAGE): PageWindow {
  return {
    ...readPageSize(args, defaultSize),
    afterId: args.after ? decodeCursor(args.after, 'after') : null,
    beforeId: args.before ? decodeCursor(args.before, 'before') : null,
  };
}

/** The window's cursors as a condition on ids (strictly between `after` and `before`). */
export function keysetWhere<T>(where: FilterQuery<T>, w: PageWindow): FilterQuery<T> {
  const id: Record<string, number> = {};
  if (w.afterId !== null) id.$gt = w.afterId;
  if (w.beforeId !== null) id.$lt = w.beforeId;
  return (Object.keys(id).length ? { $and: [where, { id }] } : where) as FilterQuery<T>;
}

/**
 * Cuts a page from `rows`: the items between the cursors in list order, as many as were fetched
 * (at least `limit + 1` from the paging end when there are more). `beyondAfter`/`beyondBefore`
 * say whether the list has items at or before `after` / at or after `before`; they answer the
 * flag of the side the client did not page towards.
 */
export function cutPage<T>(
  rows: T[],
  w: Pick<PageWindow, 'limit' | 'backward'> & { hasAfter: boolean; hasBefore: boolean },
  cursorOf: (row: T) => string,
  count: () => Promise<number>,
  beyond: { after: PageFlag; before: PageFlag },
): Page<T> {
  const more = rows.length > w.limit;
  const nodes = w.backward
    ? rows.slice(Math.max(0, rows.length - w.limit))
    : rows.slice(0, w.limit);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      // Relay: the paging side knows from the extra row; the other side asks what lies past its cursor.
      hasNextPage: (!w.backward && more) || (w.hasBefore && beyond.before),
      hasPreviousPage: (w.backward && more) || (w.hasAfter && beyond.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

/**
 * The page of `inWindow` (rows in id order, strictly between the cursors, any number of them):
 * for lists cut in memory or from a batch. `beyond` answers the flag for the other side.
 */
export function toPage<T extends { id: number }>(
  inWindow: T[],
  w: PageWindow,
  count: () => Promise<number>,
  beyond: { after: PageFlag; before: PageFlag } = { after: false, before: false },
): Page<T> {
  return cutPage(
    inWindow,
    { ...w, hasAfter: w.afterId !== null, hasBefore: w.beforeId !== null },
    (row) => encodeCursor(row.id),
    count,
    beyond,
  );
}

/**
 * Pages a whole list held in memory (already in id order); the flags for both sides come from
 * the list itself.
 */
export function pageOfList<T extends { id: number }>(all: T[], args: PageArgs): Page<T> {
  const w = readPageArgs(args);
  const inWindow = all.filter(
    (r) => (w.afterId === null || r.id > w.afterId) && (w.beforeId === null || r.id < w.beforeId),
  );
  return toPage(inWindow, w, async () => all.length, {
    after: w.afterId !== null && all.some((r) => r.id <= (w.afterId as number)),
    before: w.beforeId !== null && all.some((r) => r.id >= (w.beforeId as number)),
  });
}

/**
 * Keyset pagination in id order: stable under inserts, one query per page. Backward (`last`)
 * reads the ids below `before` in descending order, `limit + 1` of them, and turns them round.
 */
export async function findPage<T extends { id: number }>(
  em: EntityManager,
  entity: EntitySchema<T>,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const w = readPageArgs(args);
  const rows = (await em.find(entity, keysetWhere(where, w), {
    orderBy: { id: w.backward ? 'desc' : 'asc' } as OrderDefinition<T>,
    limit: w.limit + 1,
  })) as T[];
  if (w.backward) rows.reverse();
  let counted: Promise<number> | undefined;
  const exists = (id: Record<string, number>) => async () =>
    (
      await em.find(entity, { $and: [where, { id }] } as FilterQuery<T>, {
        fields: ['id'] as never,
        limit: 1,
      })
    ).length > 0;
  return toPage(rows, w, () => (counted ??= em.count(entity, where)), {
    after: w.afterId === null ? false : exists({ $lte: w.afterId }),
    before: w.beforeId === null ? false : exists({ $gte: w.beforeId }),
  });
}

/**
 * How many items a plain list returns at most: a list kept one release beside the connection
 * that replaces it, or one bounded by `first` (`listBoundArg`) rather than paged.
 */
export const LIST_CAP = MAX_PAGE;

/** A plain list cut to `LIST_CAP`, so no list grows with the data without bound. */
export function capped<T>(rows: T[], first?: number | null): T[] {
  return rows.slice(0, readPageSize({ first }, LIST_CAP).limit);
}

/** The deprecation of a plain list that a connection replaces (issue 15: a bound on every list). */
export function replacedBy(connection: string): string {
  return `Use \`${connection}\` (a connection, paged both ways); this list stops at the first ${LIST_CAP} items and goes in the next release.`;
}
