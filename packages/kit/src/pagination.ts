import type { EntitySchema, FilterQuery, OrderDefinition } from '@mikro-orm/core';
import type { EntityManager } from './db.js';
import { inputError } from './errors.js';

export const DEFAULT_PAGE = 20;
/** Large enough for a staff console listing a whole committee at once. */
export const MAX_PAGE = 1000;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}

export function encodeCursor(id: number | string): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = Number(text.slice(2));
  if (!text.startsWith('c:') || !Number.isSafeInteger(id)) {
    throw inputError('after', 'cursor', 'is not a cursor returned by this list');
  }
  return id;
}

/** Checks `first`/`after` and turns them into a limit and an id to start after. */
export function readPageArgs(args: PageArgs): { limit: number; afterId: number | null } {
  const limit = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw inputError('first', 'range', `must be between 0 and ${MAX_PAGE}`);
  }
  return { limit, afterId: args.after ? decodeCursor(args.after) : null };
}

export function toPage<T extends { id: number }>(
  rows: T[],
  limit: number,
  count: () => Promise<number>,
): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

/** Keyset pagination in id order: stable under inserts, one query per page. */
export async function findPage<T extends { id: number }>(
  em: EntityManager,
  entity: EntitySchema<T>,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const { limit, afterId } = readPageArgs(args);
  const keyed = (
    afterId === null ? where : { $and: [where, { id: { $gt: afterId } }] }
  ) as FilterQuery<T>;
  const rows = (await em.find(entity, keyed, {
    orderBy: { id: 'asc' } as OrderDefinition<T>,
    limit: limit + 1,
  })) as T[];
  let counted: Promise<number> | undefined;
  return toPage(rows, limit, () => (counted ??= em.count(entity, where)));
}
