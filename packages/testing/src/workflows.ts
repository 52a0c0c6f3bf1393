import { CITY, seeded } from '@cppcc/demo';
import { addDays, ROLES, today, type Caller, type RequestContext, type Role } from '@cppcc/kit';
import { testCaller } from './index.js';

/** A seeded pseudo-random source: the same seed walks the same cases. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  bool(): boolean;
  /** A subset of `items`, each kept with even odds. */
  some<T>(items: readonly T[]): T[];
}

/** The demo data's seeded generator (mulberry32), shaped for the walks. */
export function seededRng(seed: number): Rng {
  const rng = seeded(seed);
  const int = (n: number) => rng.int(0, n - 1);
  return {
    next: rng.next,
    int,
    pick: rng.pick,
    bool: () => rng.chance(0.5),
    some: (items) => items.filter(() => rng.chance(0.5)),
  };
}

/**
 * The small pools records and callers draw from, so that relations hold by chance often enough:
 * a record's author is member 1, 2 or 3 and the caller may be any of them (or none); a task's
 * unit is 5 or 6 and the caller's unit may be either; the record's district is the city or a
 * county, the caller's may be either (a city office sees its counties' rows).
 */
export const POOL = {
  members: [1, 2, 3],
  units: [5, 6],
  districts: [CITY, '341021'],
  /** Yesterday, today and tomorrow: every deadline comparison falls on each side. */
  days: () => [addDays(today(), -1), today(), addDays(today(), 1)],
};

/**
 * A random caller: member (an author, a co-signer or a stranger to the record, by the pools),
 * staff, operator or leader of the record's district or another, a unit (the record's or
 * another), an admin, or anonymous.
 */
export function randomCaller(rng: Rng): Caller {
  // Members twice as often: most relations (author, co-signer, invitee) are a member's.
  const kind = rng.pick([...ROLES, 'member', 'anonymous'] as const);
  if (kind === 'anonymous') return testCaller([], null);
  const roles: Role[] = rng.int(5) === 0 ? [kind, rng.pick(ROLES)] : [kind];
  const district = rng.pick(POOL.districts);
  const memberId =
    roles.includes('member') || rng.int(4) === 0 ? String(rng.pick(POOL.members)) : null;
  const unitId = roles.includes('unit') ? String(rng.pick(POOL.units)) : null;
  return testCaller([...new Set(roles)], district, memberId, unitId);
}

/** What a table offers to the property: the kit's `defineWorkflow` result. */
export interface CheckedTable<R> {
  transitions: readonly {
    from: string;
    action: string;
    guards?: readonly { name: string }[];
  }[];
  available(ctx: RequestContext, record: R): string[];
  check(ctx: RequestContext, record: R, action: never): unknown;
}

export interface TableWalk {
  cases: number;
  /** `from action` of each row some case could take. */
  taken: Set<string>;
  /** Each guard name that refused some case. */
  refusedBy: Set<string>;
}

/**
 * The house rule, as a property: for random records (a random state, random facts) and random
 * callers, an action is listed by `available` exactly when `check` lets it through, for every
 * action of the table; a refusal is the table's (FORBIDDEN, or a code with the state and the
 * action), never anything else (an unloaded fact, a guard that throws). Throws on the first
 * case that breaks it, naming it.
 */
export function walkTable<R extends { status: string }>(
  table: CheckedTable<R>,
  record: (rng: Rng, status: string) => R,
  states: readonly string[],
  { cases = 500, seed }: { cases?: number; seed: number },
): TableWalk {
  const rng = seededRng(seed);
  const actions = [...new Set(table.transitions.map((t) => t.action))];
  const taken = new Set<string>();
  const refusedBy = new Set<string>();
  for (let i = 0; i < cases; i++) {
    // Mostly a state some row leaves, so that every row is reached; now and then any state.
    const r = record(rng, rng.int(4) === 0 ? rng.pick(states) : rng.pick(table.transitions).from);
    const caller = randomCaller(rng);
    const ctx = { caller } as RequestContext;
    const offered = table.available(ctx, r);
    for (const action of actions) {
      let refusal: { extensions?: Record<string, unknown> } | undefined;
      try {
        table.check(ctx, r, action as never);
      } catch (e) {
        refusal = e as { extensions?: Record<string, unknown> };
      }
      const code = refusal?.extensions?.code;
      const where = `case ${i} (seed ${seed}): ${action} on ${JSON.stringify(r)} by ${JSON.stringify(caller)}`;
      // A refusal is the table's: FORBIDDEN, or one naming the state and the action (a guard's
      // may keep an older code, e.g. BAD_USER_INPUT), never a stray error.
      if (
        refusal &&
        code !== 'FORBIDDEN' &&
        !(
          typeof code === 'string' &&
          refusal.extensions?.state === r.status &&
          refusal.extensions?.action === action
        )
      )
        throw new Error(`${where}: refused with ${String(refusal)}`);
      if (offered.includes(action) !== !refusal)
        throw new Error(
          `${where}: ${offered.includes(action) ? 'offered but refused' : 'not offered but allowed'}`,
        );
      if (!refusal) taken.add(`${r.status} ${action}`);
      if (typeof refusal?.extensions?.rule === 'string') refusedBy.add(refusal.extensions.rule);
    }
  }
  return { cases, taken, refusedBy };
}

/** Every row of the table and every guard on it: what a walk should have reached. */
export function tableReach(table: CheckedTable<never>): { rows: string[]; guards: string[] } {
  return {
    rows: [...new Set(table.transitions.map((t) => `${t.from} ${t.action}`))].sort(),
    guards: [
      ...new Set(table.transitions.flatMap((t) => (t.guards ?? []).map((g) => g.name))),
    ].sort(),
  };
}

/**
 * Walks the table (see walkTable) and demands the walk reached every row and saw every guard
 * refuse, so a passing walk tried what the table holds. Returns the walk.
 */
export function tableNeverLies<R extends { status: string }>(
  table: CheckedTable<R>,
  record: (rng: Rng, status: string) => R,
  states: readonly string[],
  options: { cases?: number; seed: number },
): TableWalk {
  const walk = walkTable(table, record, states, options);
  const reach = tableReach(table as unknown as CheckedTable<never>);
  const missed = [
    ...reach.rows.filter((r) => !walk.taken.has(r)).map((r) => `row ${r} never taken`),
    ...reach.guards.filter((g) => !walk.refusedBy.has(g)).map((g) => `guard ${g} never refused`),
  ];
  if (missed.length > 0)
    throw new Error(
      `${walk.cases} cases (seed ${options.seed}) did not reach: ${missed.join('; ')}`,
    );
  return walk;
}

/** A record with an id and a state, nothing more: for tables whose rows read no other field. */
export const bareRecord = (rng: Rng, status: string) => ({ id: 1 + rng.int(1000), status });

/**
 * A test body for `it.each` over rows `[name, table, states, record?]`: walks each table with
 * tableNeverLies, `record` (the row's, or the default given here) building the random records.
 */
export function neverLies(options: {
  cases: number;
  seed: number;
  record?: (rng: Rng, status: string) => object;
}) {
  return (
    _name: string,
    table: unknown,
    states: readonly string[],
    record?: (rng: Rng, status: string) => object,
  ): void => {
    tableNeverLies(
      table as CheckedTable<never>,
      (record ?? options.record ?? bareRecord) as never,
      states,
      options,
    );
  };
}
