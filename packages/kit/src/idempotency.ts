import { createHash } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { getOperationAST, parse } from 'graphql';
import type { Caller } from './caller.js';
import { lockFor, type EntityManager } from './db.js';
import type { Answer } from './http.js';
import { defineMigration } from './migration.js';

/** The header a client sends to make a mutation safe to retry. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Keys are the client's own (a UUID is typical); longer ones are refused rather than cut. */
export const MAX_KEY_LENGTH = 200;

/**
 * Every module's record of the mutations it answered under an Idempotency-Key: written in the
 * same transaction as the mutation's own writes, so a committed mutation always has its answer
 * kept and a retry never runs it twice.
 */
/** The table as the ORM knows it, so schema diffs see it as expected (rows are written with SQL). */
export const IdempotencyKeySchema = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    caller: p.string().primary(),
    key: p.string().primary().length(MAX_KEY_LENGTH),
    operationHash: p.string().length(64),
    status: p.integer(),
    response: p.text(),
    createdAt: p.datetime().index(),
  },
});

export const idempotencyMigration = defineMigration(
  'Migration00000000000003_idempotency_key',
  (knex) =>
    knex.schema.createTable('idempotency_key', (t) => {
      t.string('caller').notNullable();
      t.string('key', MAX_KEY_LENGTH).notNullable();
      t.string('operation_hash', 64).notNullable();
      t.integer('status').notNullable();
      t.text('response').notNullable();
      t.datetime('created_at').notNullable().index();
      t.primary(['caller', 'key']);
    }),
);

/** Whose keys these are: a signed-in user's own; anonymous callers share one namespace (keys are random). */
export function keyOwner(caller: Caller): string {
  return caller.userId ? `user:${caller.userId}` : 'anonymous';
}

/** What makes two requests "the same": the operation text, its name and its variables. */
export function operationHash(body: unknown): string {
  const { query, operationName, variables } = (body ?? {}) as Record<string, unknown>;
  return createHash('sha256')
    .update(JSON.stringify([query ?? null, operationName ?? null, variables ?? null]))
    .digest('hex');
}

/** True when the body is a GraphQL request whose operation is a mutation. */
export function isMutation(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as Record<string, unknown>;
  if (typeof query !== 'string') return false;
  try {
    const operation = getOperationAST(
      parse(query),
      typeof operationName === 'string' ? operationName : undefined,
    );
    return operation?.operation === 'mutation';
  } catch {
    return false;
  }
}

export interface StoredAnswer {
  operationHash: string;
  status: number;
  response: string;
}

/**
 * Inside the request's transaction: waits for any other request holding the same key, then
 * returns the answer kept for it (if younger than `ttlHours`).
 */
export async function claimKey(
  em: EntityManager,
  owner: string,
  key: string,
  ttlHours: number,
): Promise<StoredAnswer | null> {
  await lockFor(em, `idempotency:${owner}:${key}`);
  const since = Date.now() - ttlHours * 3_600_000;
  const rows = (await em.execute(
    'select operation_hash, status, response, created_at from idempotency_key where caller = ? and key = ?',
    [owner, key],
  )) as {
    operation_hash: string;
    status: number;
    response: string;
    created_at: string | Date | number;
  }[];
  const row = rows[0];
  if (!row) return null;
  if (new Date(row.created_at).getTime() < since) {
    await em.execute('delete from idempotency_key where caller = ? and key = ?', [owner, key]);
    return null;
  }
  return { operationHash: row.operation_hash, status: Number(row.status), response: row.response };
}

/**
 * Keeps the answer in the request's transaction. Answers a retry could change are not kept: a
 * server failure or a lost race (the client should try again and get a fresh answer).
 */
export async function keepAnswer(
  em: EntityManager,
  owner: string,
  key: string,
  hash: string,
  answer: Answer,
  ttlHours: number,
): Promise<boolean> {
  if (answer.status >= 500 || /"code":"(INTERNAL_SERVER_ERROR|CONFLICT)"/.test(answer.body))
    return false;
  await em.execute(
    'insert into idempotency_key (caller, key, operation_hash, status, response, created_at) values (?, ?, ?, ?, ?, ?)',
    [owner, key, hash, answer.status, answer.body, new Date().toISOString()],
  );
  // Expired keys go as new ones come: no timer, and the table stays about a day's writes long.
  await em.execute('delete from idempotency_key where created_at < ?', [
    new Date(Date.now() - ttlHours * 3_600_000).toISOString(),
  ]);
  return true;
}
