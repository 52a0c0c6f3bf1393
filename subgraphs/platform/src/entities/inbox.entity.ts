import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One party's share of the work waiting on one record (the inbox read model, from `work.waiting`):
 * replaced whole each time the record's work changes, removed when nothing waits for the party.
 */
export const InboxItemSchema = defineEntity({
  name: 'InboxItem',
  tableName: 'inbox_item',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The stepped row (`HandlingTask:12`). */
    key: p.string().length(120),
    /** Who it waits for (`member:12`, `unit:3`, `staff@341000`). */
    party: p.string().length(80).index(),
    /** The module (subgraph or plugin) whose workflow it is. */
    source: p.string().length(40),
    recordType: p.string().length(64),
    recordId: p.string().length(64),
    /** Where a client reads the record, when it has no query of its own (`Proposal:7`). */
    aboutType: p.string().length(64).nullable(),
    aboutId: p.string().length(64).nullable(),
    kind: p.string().length(80).index(),
    why: p.string().length(200),
    title: p.string().length(400),
    district: p.string().length(12),
    dueOn: p.string().length(10).nullable(),
    /** Work that waits only from a day on (an overdue unit to urge): not shown before it. */
    showsFrom: p.string().length(10).nullable(),
    actions: p.json<string[]>(),
    changedAt: p.datetime(),
  },
  uniques: [{ properties: ['key', 'party'] }],
});
export type InboxItem = InferEntity<typeof InboxItemSchema>;

/**
 * The last `work.waiting` applied per record: a late or repeated copy (events are ordered by id)
 * never undoes a newer one, and a cleared record still knows who it last waited for.
 */
export const InboxRecordSchema = defineEntity({
  name: 'InboxRecord',
  tableName: 'inbox_record',
  properties: {
    key: p.string().length(120).primary(),
    eventId: p.string().length(36),
    district: p.string().length(12),
    /** Parties it waits for now. */
    parties: p.json<string[]>(),
    /** Parties it waited for before the last change (told that it left their inbox). */
    previous: p.json<string[]>(),
    changedAt: p.datetime(),
  },
});
export type InboxRecord = InferEntity<typeof InboxRecordSchema>;

/**
 * A member or unit whose own share of work addressed to its role is done (`member:12` answered the
 * questionnaire put to `member@341002`): that record's role entry is not in its inbox. Replaced
 * with the record's items.
 */
export const InboxDoneSchema = defineEntity({
  name: 'InboxDone',
  tableName: 'inbox_done',
  properties: {
    id: p.integer().primary().autoincrement(),
    key: p.string().length(120),
    party: p.string().length(80).index(),
  },
  uniques: [{ properties: ['key', 'party'] }],
});
export type InboxDone = InferEntity<typeof InboxDoneSchema>;

/**
 * The last day the platform looked at the calendar (one row): work showing from a day after it
 * and up to today is announced when the day comes, once, whichever process looks first.
 */
export const InboxTickSchema = defineEntity({
  name: 'InboxTick',
  tableName: 'inbox_tick',
  properties: {
    // The one row's fixed id: no sequence (the migration makes none).
    id: p.integer().primary().autoincrement(false),
    day: p.string().length(10),
  },
});
export type InboxTick = InferEntity<typeof InboxTickSchema>;
