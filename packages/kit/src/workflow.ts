import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { hasRole, type Role } from './caller.js';
import type { RequestContext } from './context.js';
import type { EntityManager } from './db.js';
import { today } from './dates.js';
import { appError, ErrorCode } from './errors.js';
import { defineMigration } from './migration.js';
import { type Party, registerWork, type WorkAddress } from './work-waiting.js';

/** Says where a step's `note` argument goes: the audit row the workflow writes for the step. */
export const NOTE_DESCRIPTION =
  "An optional note on the step, kept with it in the record's audit trail.";
/** Says what a record's `availableActions` promises: only steps whose every rule passes. */
export const AVAILABLE_ACTIONS_DESCRIPTION =
  'The steps of its workflow the caller may take now; each would pass every rule on its row.';

/** Who may take a step: a role, or a relation of the caller to the record (e.g. its author). */

export type Actor<R> =
  | Role
  | {
      relation: string;
      holds: (ctx: RequestContext, record: R) => boolean;
      /**
       * Who holds the relation to this record (its author, the unit holding a task, the staff of
       * its district), so the inbox can address the work to them; a relation without it puts
       * nothing in anyone's inbox.
       */
      parties?: (record: R) => Party[];
    };

/**
 * A rule of the step beyond who may take it (a deadline, something that must exist first). It
 * reads only the record: facts it needs from elsewhere are loaded onto the record beforehand, so
 * `available` and `apply` see the same facts. A step whose guard does not hold is refused with
 * ILLEGAL_TRANSITION whose extensions name the guard as `rule`, and is not offered.
 */
export interface Guard<R> {
  /** The rule's name, the refusal's `rule` extension (e.g. `deadline-passed`). */
  name: string;
  holds: (ctx: RequestContext, record: R) => boolean;
  /** Why the step is refused, for the error's message. */
  message: (record: R, ctx: RequestContext) => string;
  /** Further extensions of the refusal (e.g. `{ missing: 'minutes' }`). */
  extensions?: Record<string, unknown>;
  /** The refusal's code, when clients have long been told another than ILLEGAL_TRANSITION. */
  code?: ErrorCode;
}

/**
 * The day a guard weighs a step as of: today, or the later day the inbox asks about (work that
 * waits only once due). A guard about a day passing reads it here, not from the clock.
 */
export function stepDay(ctx: RequestContext): string {
  return ctx.asOf ?? today();
}

/**
 * A fact a guard reads that is not a column of the record: loaded onto the record first, by the
 * command that steps and by the resolver of `availableActions` alike. A guard meeting a fact
 * nobody loaded throws: that is a bug, not a refusal.
 */
export function fact<T>(value: T | undefined, name: string): T {
  if (value === undefined)
    throw new Error(`workflow fact "${name}" was not loaded onto the record`);
  return value;
}

export interface Transition<S extends string, A extends string, R> {
  from: S;
  action: A;
  who: Actor<R>[];
  /** Every other rule that can refuse this step; all must hold. */
  guards?: Guard<R>[];
  to: S;
}

/**
 * Rows of a step that keeps the record where it is (an edit, an invitation, a deadline moved),
 * one from each of `states`.
 */
export function inPlace<S extends string, A extends string, R>(
  states: readonly S[],
  action: A,
  who: Actor<R>[],
  guards: Guard<R>[] = [],
): { from: S; action: A; who: Actor<R>[]; guards: Guard<R>[]; to: S }[] {
  return states.map((from) => ({ from, action, who, guards, to: from }));
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

/**
 * A data migration renaming actions already written to the audit log (e.g. to the one naming case,
 * camelCase): each rename touches only its entity's rows.
 */
export function renameAuditActions(
  name: string,
  renames: { entity: string; from: string; to: string }[],
) {
  return defineMigration(name, (knex) =>
    renames.map(({ entity, from, to }) =>
      knex.schema.raw(
        knex
          .raw('update audit_entry set action = ? where entity = ? and action = ?', [
            to,
            entity,
            from,
          ])
          .toQuery(),
      ),
    ),
  );
}

/** Writes one audit row in the caller's unit of work. */
export function audit(em: EntityManager, entry: Omit<AuditEntry, 'id' | 'at'>): void {
  em.create(AuditEntrySchema, { ...entry, at: new Date() });
}

/**
 * A workflow is its transition table and nothing else: a step not in the table is refused, a
 * step is offered (`available`) exactly when `check` lets it through, and every step taken is
 * one audit row.
 */
export function defineWorkflow<
  S extends string,
  A extends string,
  R extends { status: S; id: number },
>(
  entity: string,
  transitions: Transition<S, A, R>[],
  /**
   * For an action possible from some states only: the rule that names why it is not from the
   * others, so the refusal says `rule` (e.g. `not-editable`) rather than just the missing row.
   */
  closed: Partial<
    Record<
      A,
      { rule: string; message: (record: R) => string; extensions?: Record<string, unknown> }
    >
  > = {},
  /** How the table's waiting work is addressed in the inbox (kit `work-waiting.ts`). */
  inbox?: WorkAddress<S, A, R>,
) {
  /** The row the step takes, or the refusal: ILLEGAL_TRANSITION (no row, or a guard), FORBIDDEN (who). */
  function decide(
    ctx: RequestContext,
    record: R,
    action: A,
  ): { step: Transition<S, A, R> } | { refusal: Error } {
    const candidates = transitions.filter((t) => t.from === record.status && t.action === action);
    if (candidates.length === 0) {
      const rule = closed[action];
      return {
        refusal: appError(
          ErrorCode.ILLEGAL_TRANSITION,
          rule
            ? rule.message(record)
            : `${entity} ${record.id} is ${record.status}: "${action}" is not possible from there`,
          rule
            ? { state: record.status, action, rule: rule.rule, ...rule.extensions }
            : { state: record.status, action },
        ),
      };
    }
    const theirs = candidates.filter((t) => t.who.some((w) => allowed(ctx, record, w)));
    if (theirs.length === 0) {
      return {
        refusal: appError(
          ErrorCode.FORBIDDEN,
          `${entity} ${record.id}: "${action}" is not yours to take`,
          { state: record.status, action },
        ),
      };
    }
    const step = theirs.find((t) => failing(ctx, record, t) === undefined);
    if (step) return { step };
    const guard = failing(ctx, record, theirs[0])!;
    return {
      refusal: appError(guard.code ?? ErrorCode.ILLEGAL_TRANSITION, guard.message(record, ctx), {
        state: record.status,
        action,
        rule: guard.name,
        ...guard.extensions,
      }),
    };
  }

  function check(ctx: RequestContext, record: R, action: A): Transition<S, A, R> {
    const decision = decide(ctx, record, action);
    if ('refusal' in decision) throw decision.refusal;
    return decision.step;
  }

  const workflow = {
    transitions,
    /** The actions this caller may take on the record now: those `check` lets through. */
    available(ctx: RequestContext, record: R): A[] {
      const actions = [
        ...new Set(transitions.filter((t) => t.from === record.status).map((t) => t.action)),
      ];
      return actions.filter((a) => 'step' in decide(ctx, record, a));
    },
    /** The row the step would take, or throws the refusal (ILLEGAL_TRANSITION / FORBIDDEN); changes nothing. */
    check,
    /** Moves the record, or throws ILLEGAL_TRANSITION / FORBIDDEN naming the step (and the rule). */
    apply(ctx: RequestContext, record: R, action: A, note: string | null = null): S {
      const step = check(ctx, record, action);
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
  if (inbox) registerWork(workflow as never, inbox as never);
  return workflow;
}

/** The first of the row's guards that does not hold. */
function failing<R>(
  ctx: RequestContext,
  record: R,
  t: { guards?: Guard<R>[] },
): Guard<R> | undefined {
  return t.guards?.find((g) => !g.holds(ctx, record));
}

function allowed<R>(ctx: RequestContext, record: R, actor: Actor<R>): boolean {
  return typeof actor === 'string' ? hasRole(ctx.caller, actor) : actor.holds(ctx, record);
}
