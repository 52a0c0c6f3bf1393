import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { hasRole, type Role } from './caller.js';
import type { RequestContext } from './context.js';
import type { EntityManager } from './db.js';
import { appError, ErrorCode } from './errors.js';
import { defineMigration } from './migration.js';

/** Who may take a step: a role, or a relation of the caller to the record (e.g. its author). */
export type Actor<R> =
  | Role
  | { relation: string; holds: (ctx: RequestContext, record: R) => boolean };

export interface Transition<S extends string, A extends string, R> {
  from: S;
  action: A;
  who: Actor<R>[];
  to: S;
}

export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: p.integer().primary().autoincrement(),
    entity: p.string(),
    entityId: p.string().index(),
    action: p.string(),
    fromState: p.string().nullable(),
    toState: p.string(),
    actor: p.string().nullable(),
    note: p.text().nullable(),
    at: p.datetime(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntrySchema>;

export const auditMigration = defineMigration('Migration00000000000002_audit', (knex) =>
  knex.schema.createTable('audit_entry', (t) => {
    t.increments('id').primary();
    t.string('entity').notNullable();
    t.string('entity_id').notNullable().index();
    t.string('action').notNullable();
    t.string('from_state').nullable();
    t.string('to_state').notNullable();
    t.string('actor').nullable();
    t.text('note').nullable();
    t.datetime('at').notNullable();
  }),
);

/** Writes one audit row in the caller's unit of work. */
export function audit(em: EntityManager, entry: Omit<AuditEntry, 'id' | 'at'>): void {
  em.create(AuditEntrySchema, { ...entry, at: new Date() });
}

/**
 * A workflow is its transition table and nothing else: a step not in the table is refused,
 * and every step taken is one audit row.
 */
export function defineWorkflow<
  S extends string,
  A extends string,
  R extends { status: S; id: number },
>(entity: string, transitions: Transition<S, A, R>[]) {
  return {
    transitions,
    /** The actions this caller may take on the record now. */
    available(ctx: RequestContext, record: R): A[] {
      return transitions
        .filter((t) => t.from === record.status && t.who.some((w) => allowed(ctx, record, w)))
        .map((t) => t.action);
    },
    /** Moves the record, or throws ILLEGAL_TRANSITION / FORBIDDEN naming the step. */
    apply(ctx: RequestContext, record: R, action: A, note: string | null = null): S {
      const candidates = transitions.filter((t) => t.from === record.status && t.action === action);
      if (candidates.length === 0) {
        throw appError(
          ErrorCode.ILLEGAL_TRANSITION,
          `${entity} ${record.id} is ${record.status}: "${action}" is not possible from there`,
          {
            state: record.status,
            action,
          },
        );
      }
      const step = candidates.find((t) => t.who.some((w) => allowed(ctx, record, w)));
      if (!step) {
        throw appError(
          ErrorCode.FORBIDDEN,
          `${entity} ${record.id}: "${action}" is not yours to take`,
          { state: record.status, action },
        );
      }
      audit(ctx.em, {
        entity,
        entityId: String(record.id),
        action,
        fromState: record.status,
        toState: step.to,
        actor: ctx.caller.userId,
        note,
      });
      record.status = step.to;
      return step.to;
    },
  };
}

function allowed<R>(ctx: RequestContext, record: R, actor: Actor<R>): boolean {
  return typeof actor === 'string' ? hasRole(ctx.caller, actor) : actor.holds(ctx, record);
}
