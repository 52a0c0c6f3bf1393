import type { EntitySchema, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { z } from 'zod';
import { defineEvent } from './bus/event.js';
import { eventId } from './bus/event-id.js';
import { OutboxEventSchema } from './bus/outbox.js';
import type { Caller, Role } from './caller.js';
import type { RequestContext } from './context.js';
import { DISTRICT_FILTER, type EntityManager, type Orm } from './db.js';
import { today } from './dates.js';
import { Loaders } from './loaders.js';
import { moduleLogger } from './log.js';

/*
 * The inbox is a read model. Federation cannot merge one list out of several subgraphs, so every
 * workflow that declares how its waiting work is addressed (`WorkAddress`, the 4th argument of
 * `defineWorkflow`) has the kit publish one `work.waiting` event per record it wrote: who could
 * act on the record now (its parties) and which steps each could take, computed by the table's
 * own `available` for a caller standing for that party, so the inbox never offers a step the
 * table would refuse. The event is written by a flush hook (`watchWork`), inside the transaction
 * of the step, so a step and its inbox entry are committed together; one owner (the platform
 * subgraph) keeps the latest per record.
 */

/**
 * Who work waits for: a member (by id), a government unit (by id), or everyone holding a role in
 * a district. Written as one string (`member:12`, `unit:3`, `staff@341000`) so the owner matches a
 * caller's parties with one `in`.
 */
export type Party = { member: string | number } | { unit: string | number } | PartyRole;
type PartyRole = { role: Role; district: string };

export function partyKey(party: Party): string {
  if ('member' in party) return `member:${party.member}`;
  if ('unit' in party) return `unit:${party.unit}`;
  return `${party.role}@${party.district}`;
}

/**
 * Every party a caller is: itself as a member and a unit, a member of its home district (work put
 * to a district's members, a questionnaire), and each of its roles in each district it works for.
 */
export function callerParties(caller: Caller): string[] {
  const keys: string[] = [];
  if (caller.memberId) keys.push(partyKey({ member: caller.memberId }));
  if (caller.memberId && caller.district)
    keys.push(partyKey({ role: 'member', district: caller.district }));
  if (caller.unitId && caller.roles.includes('unit')) keys.push(partyKey({ unit: caller.unitId }));
  for (const role of caller.roles)
    if (role !== 'member')
      for (const district of caller.districts) keys.push(partyKey({ role, district }));
  return keys;
}

/** The caller a party stands for, to ask the table what it could do (never a real request's). */
function partyCaller(party: Party, district: string): Caller {
  const base = { userId: `inbox:${partyKey(party)}`, site: district, district };
  if ('member' in party)
    return { ...base, memberId: String(party.member), roles: ['member'], districts: [] };
  if ('unit' in party)
    return {
      ...base,
      memberId: null,
      unitId: String(party.unit),
      roles: ['unit'],
      districts: [district],
    };
  return {
    ...base,
    memberId: null,
    roles: [party.role],
    district: party.district,
    districts: [party.district],
  };
}

/** How a workflow's waiting work is addressed in the inbox (the 4th argument of `defineWorkflow`). */
export interface WorkAddress<S extends string, A extends string, R> {
  /** The entity the table steps (its `defineEntity` schema): its writes publish the work. */
  schema: EntitySchema;
  /** The record's GraphQL type (e.g. `Proposal`, `HandlingTask`): its id is what the steps take. */
  type: string;
  /**
   * Where a client reads it, when the record has no query of its own (a handling task is read
   * through its proposal, an invitation too).
   */
  about?: (record: R) => { type: string; id: string | number };
  /** States in which someone waits, each with the kind of work and why it waits (Chinese + English). */
  states: Partial<Record<S, { kind: string; why: string }>>;
  title: (record: R) => string;
  district: (record: R) => string;
  /** The day the work is due (YYYY-MM-DD), when it has one. */
  dueOn?: (record: R) => string | null | undefined;
  /** Loads the facts the table's guards read onto the record (the same builder `available` uses). */
  facts?: (em: EntityManager, record: R) => Promise<unknown>;
  /**
   * Other records whose waiting work this one's change may change (an accepted invitation lets
   * its draft be submitted): published again with it.
   */
  touches?: (record: R) => { schema: EntitySchema; where: Record<string, unknown> }[];
  /**
   * Rows of other entities whose writes change this record's work (an answer to one of a
   * campaign's questionnaires changes who the campaign waits for; a topic added to or removed
   * from a draft plan, whether it may be approved): for a row written or deleted, which of this
   * table's records to publish again.
   */
  follows?: {
    schema: EntitySchema;
    records: (em: EntityManager, row: never) => Promise<Record<string, unknown>>;
  }[];
  /**
   * Those who hold a role the work is addressed to but have done their own share of it (a member
   * who answered the questionnaire put to their district's members): the role's entry is not
   * theirs. A `member:<id>` is spared the `member@…` entry, a `unit:<id>` the `unit@…` one.
   */
  done?: (record: R) => Party[];
  /**
   * Actions that never make work wait by themselves (an edit, a deadline moved): they are not
   * listed, so a record offering only these is not in anyone's inbox.
   */
  ignore?: A[];
  /**
   * Work that waits only from a day on (staff urge a unit once its task is past due): an entry of
   * its own kind for those who may take `actions`, published with the record and shown from the
   * day `from` names. Its actions are weighed as of that day (their guards read it with
   * `stepDay`), so the entry offers what the table will let through then; they are not part of
   * the state's own entry, and a party that entry already names gets none.
   */
  later?: {
    actions: A[];
    from: (record: R) => string | null;
    kind: string;
    why: string;
    /** Its title, when it is not the record's (a unit's name before the proposal's title). */
    title?: (record: R) => string;
  };
}

export const workWaiting = defineEvent(
  'work.waiting',
  z.object({
    /** The stepped row (`HandlingTask:12`): the inbox keeps the latest event per key. */
    key: z.string().min(1).max(120),
    /** The GraphQL type and id of the record the steps act on. */
    recordType: z.string().min(1).max(64),
    recordId: z.string().min(1).max(64),
    /** Where a client reads it, when it has no query of its own. */
    about: z.object({ type: z.string().min(1).max(64), id: z.string().min(1).max(64) }).nullable(),
    district: z.string().min(1).max(12),
    title: z.string().max(400),
    kind: z.string().max(80).nullable(),
    why: z.string().max(200).nullable(),
    dueOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    /** Who may act now and what each may do; empty when nothing waits any more. */
    parties: z.array(
      z.object({
        party: z.string().min(1).max(80),
        actions: z.array(z.string()).min(1),
        /** Work that waits from a day on (`later`): its own kind, why and title… */
        kind: z.string().max(80).nullish(),
        why: z.string().max(200).nullish(),
        title: z.string().max(400).nullish(),
        /** …and the day it shows from (null: now). */
        from: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullish(),
      }),
    ),
    /**
     * Members or units who have done their share of work addressed to their role (`member:12`
     * answered): the role's entry is not in their inbox. Absent in events written before it.
     */
    done: z.array(z.string().min(1).max(80)).default([]),
  }),
  'What waits on one record now, for whom (a step, a record created or changed); the latest per record is the inbox (kit, every workflow that addresses its work).',
);

type AnyWorkflow = {
  transitions: { from: string; action: string; who: unknown[] }[];
  available(ctx: RequestContext, record: never): string[];
};
type Registered = { workflow: AnyWorkflow; address: WorkAddress<string, string, never> };

/** Workflows that address their work, by entity name (one process may serve several modules). */
const registry = new Map<string, Registered[]>();

export function registerWork(workflow: AnyWorkflow, address: WorkAddress<string, string, never>) {
  const name = address.schema.meta.className;
  const list = registry.get(name) ?? [];
  list.push({ workflow, address });
  registry.set(name, list);
}

type Relation = { relation: string; parties?: (record: never) => Party[] };
type Follow = NonNullable<WorkAddress<string, string, never>['follows']>[number];

type Payload = z.infer<typeof workWaiting.payload>;

/**
 * Who may take the record's steps that `counts` keeps, each with those it could take now (or as
 * of `asOf`), asked of the table for a caller standing for the party.
 */
async function waiting(
  em: EntityManager,
  workflow: AnyWorkflow,
  record: { status: string },
  district: string,
  counts: (action: string) => boolean,
  asOf: string | null = null,
): Promise<Map<string, string[]>> {
  const r = record as never;
  const candidates = new Map<string, Party>();
  for (const t of workflow.transitions) {
    if (t.from !== record.status || !counts(t.action)) continue;
    for (const who of t.who) {
      const found: Party[] =
        typeof who === 'string'
          ? [{ role: who as Role, district }]
          : ((who as Relation).parties?.(r) ?? []);
      for (const p of found) candidates.set(partyKey(p), p);
    }
  }
  const result = new Map<string, string[]>();
  for (const [key, party] of candidates) {
    const ctx = {
      caller: partyCaller(party, district),
      em,
      loaders: new Loaders(em),
      module: 'inbox',
      requestId: 'inbox',
      log: moduleLogger('inbox'),
      ...(asOf ? { asOf } : {}),
    } as RequestContext;
    const actions = workflow.available(ctx, r).filter(counts);
    if (actions.length > 0) result.set(key, actions);
  }
  return result;
}

/** What waits on one record: its parties and the actions each could take now. */
export async function workOn(
  em: EntityManager,
  { workflow, address }: Registered,
  record: { status: string; id: number },
): Promise<Payload> {
  const r = record as never;
  // Facts first: the title and district may be among them (an invitation's proposal).
  await address.facts?.(em, r);
  const district = address.district(r);
  const state = address.states[record.status];
  const about = address.about?.(r);
  const parties: Payload['parties'] = [];
  const later = address.later;
  if (state) {
    const own = (a: string) => !address.ignore?.includes(a) && !later?.actions.includes(a);
    for (const [key, actions] of await waiting(em, workflow, record, district, own))
      parties.push({ party: key, actions });
    const from = later?.from(r);
    if (later && from) {
      const due = from > today() ? from : null;
      const mine = (a: string) => later.actions.includes(a);
      for (const [key, actions] of await waiting(em, workflow, record, district, mine, due))
        if (!parties.some((p) => p.party === key))
          parties.push({
            party: key,
            actions,
            kind: later.kind,
            why: later.why,
            title: later.title?.(r).slice(0, 400) ?? null,
            from: due,
          });
    }
  }
  return {
    key: `${address.schema.meta.className}:${record.id}`,
    recordType: address.type,
    recordId: String(record.id),
    about: about ? { type: about.type, id: String(about.id) } : null,
    district,
    title: address.title(r).slice(0, 400),
    kind: state?.kind ?? null,
    why: state?.why ?? null,
    dueOn: address.dueOn?.(r) ?? null,
    parties,
    done: parties.length > 0 ? (address.done?.(r) ?? []).map(partyKey) : [],
  };
}

/** Writes the record's `work.waiting` event into the outbox, inside the em's transaction. */
async function publish(
  em: EntityManager,
  source: string,
  entry: Registered,
  record: { status: string; id: number },
): Promise<void> {
  const payload = workWaiting.payload.parse(await workOn(em, entry, record));
  await em.insert(OutboxEventSchema, {
    id: eventId(),
    type: workWaiting.type,
    source,
    district: payload.district,
    payload,
    occurredAt: new Date(),
    publishedAt: null,
  });
}

/**
 * Publishes work for every record a flush created or changed, of every entity whose workflow
 * addresses its work. Runs after the flush, inside the command's transaction (`em.transactional`),
 * so the work is committed with the step; facts are read with the district filter off, as the
 * table sees the whole record whoever asks.
 */
class WorkSubscriber implements EventSubscriber {
  constructor(
    private readonly module: string,
    private readonly entities: EntitySchema[],
  ) {}

  /** Every addressed entry of this module. */
  private registered(): Registered[] {
    return [...registry.values()].flat().filter((e) => this.entities.includes(e.address.schema));
  }

  /** This module's addressed entries for an entity name (two modules may name entities alike). */
  private entries(name: string): Registered[] {
    return (registry.get(name) ?? []).filter((e) => this.entities.includes(e.address.schema));
  }

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    type Row = { status: string; id: number };
    const changed = new Map<string, { entry: Registered; record: Row }>();
    const touched: { schema: EntitySchema; where: Record<string, unknown> }[] = [];
    const followed: { schema: EntitySchema; records: Follow['records']; row: unknown }[] = [];
    for (const cs of uow.getChangeSets()) {
      // A row followed changes the work as it comes, changes or goes (a topic taken off a plan).
      for (const { address } of this.registered())
        for (const f of address.follows ?? [])
          if (f.schema.meta.className === cs.meta.className)
            followed.push({ schema: address.schema, records: f.records, row: cs.entity });
      if (cs.type !== 'create' && cs.type !== 'update') continue;
      for (const entry of this.entries(cs.meta.className)) {
        const record = cs.entity as Row;
        // A record that neither waits nor waited for anyone changes no inbox: most writes (a
        // closed proposal's seed, a report filed long ago) publish nothing.
        const before = (cs.originalEntity as Partial<Row> | undefined)?.status;
        const waits = (s: string | undefined) => s !== undefined && s in entry.address.states;
        if (!waits(record.status) && !(cs.type === 'update' && waits(before))) continue;
        changed.set(`${cs.meta.className}:${record.id}`, { entry, record });
        touched.push(...(entry.address.touches?.(record as never) ?? []));
      }
    }
    if (changed.size === 0 && touched.length === 0 && followed.length === 0) return;
    const system = em.fork({ keepTransactionContext: true, clear: true }) as EntityManager;
    system.setFilterParams(DISTRICT_FILTER, { all: true });
    for (const { schema, records, row } of followed)
      touched.push({ schema, where: await records(system, row as never) });
    for (const { schema, where } of touched) {
      const name = schema.meta.className;
      for (const record of (await system.find(schema, where as never)) as Row[])
        for (const entry of this.entries(name))
          if (!changed.has(`${name}:${record.id}`))
            changed.set(`${name}:${record.id}`, { entry, record });
    }
    for (const { entry, record } of changed.values())
      await publish(system, this.module, entry, record);
  }
}

/** Hooks work publication into a module's database (kit `openDatabase`). */
export function watchWork(orm: Orm, module: string, entities: EntitySchema[]): void {
  orm.em.getEventManager().registerSubscriber(new WorkSubscriber(module, entities));
}

/**
 * Publishes the work of every record of every addressed entity this module has: the inbox's
 * snapshot fill (demo data, a platform upgraded with data in it). Returns how many events.
 */
export async function publishAllWork(
  em: EntityManager,
  module: string,
  entities: EntitySchema[],
): Promise<number> {
  let count = 0;
  for (const entries of registry.values()) {
    for (const entry of entries) {
      if (!entities.includes(entry.address.schema)) continue;
      const states = Object.keys(entry.address.states);
      if (states.length === 0) continue;
      const records = (await em.find(entry.address.schema, { status: { $in: states } } as never, {
        filters: false,
        orderBy: { id: 'asc' } as never,
      })) as { status: string; id: number }[];
      for (const record of records) {
        await publish(em, module, entry, record);
        count++;
      }
    }
  }
  return count;
}

/** Does this module address any work (so it answers the inbox's snapshot request)? */
export function addressesWork(entities: EntitySchema[]): boolean {
  return [...registry.values()].some((entries) =>
    entries.some((e) => entities.includes(e.address.schema)),
  );
}
