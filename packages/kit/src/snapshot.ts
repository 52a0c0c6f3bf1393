import { z } from 'zod';
import { defineEvent } from './bus/event.js';
import type { EventHandler } from './bus/consumer.js';
import { emit, ProcessedEventSchema } from './bus/outbox.js';
import type { EntityManager, Orm } from './db.js';
import { systemEm } from './db.js';
import { appError, ErrorCode } from './errors.js';
import type { ModuleDefinition } from './module.js';
import { addressesWork, publishAllWork, workWaiting } from './work-waiting.js';

/*
 * A module that joins a platform which already has data (a plugin installed later) starts with
 * empty replicas: the core announces a record when it changes, and nothing has changed. On its
 * first start it asks for a snapshot over the bus; every module that announces events it
 * consumes answers in its own process and transaction (its outbox, so nothing else opens its
 * database: safe on SQLite), then says it has. Until the answer arrives the replica is "not
 * ready", and a lookup that misses says so instead of calling a record unknown.
 */

export const snapshotRequested = defineEvent(
  'snapshot.requested',
  z.object({ requester: z.string().min(1).max(36), consumes: z.array(z.string().min(1)) }),
  'A module that joined with empty replicas asks the modules that announce what it consumes to announce it all again (kit, on its first start).',
);

export const snapshotAnswered = defineEvent(
  'snapshot.answered',
  z.object({
    requester: z.string().min(1).max(36),
    module: z.string().min(1).max(36),
    records: z.number().int().min(0),
  }),
  'A module announced everything a requester consumes from it; sent after those events, in the same transaction.',
);

const REQUESTED = { consumer: '@snapshot', eventId: 'requested' };
const answeredBy = (module: string) => ({ consumer: '@snapshot-answered', eventId: module });

/** Asks for a snapshot the first time the module starts (marked in its ledger, with the request). */
export async function requestSnapshotOnce(
  orm: Orm,
  definition: ModuleDefinition,
): Promise<boolean> {
  if (!definition.requestsSnapshot) return false;
  return systemEm(orm).transactional(async (tx) => {
    if ((await tx.count(ProcessedEventSchema, REQUESTED)) > 0) return false;
    emit(
      tx as EntityManager,
      definition.name,
      snapshotRequested,
      { requester: definition.name, consumes: Object.keys(definition.consumes ?? {}).sort() },
      null,
    );
    tx.create(ProcessedEventSchema, { ...REQUESTED, processedAt: new Date() });
    return true;
  });
}

/**
 * The inbox's owner (a module consuming `work.waiting`) asks every module once for all the work
 * waiting on its records: records written before the inbox existed (a platform upgraded with data
 * in it) or before its first start. A mark of its own, so the module's replicas are not taken for
 * filling (`replicaPending` reads the other mark).
 */
export async function requestWorkOnce(orm: Orm, definition: ModuleDefinition): Promise<boolean> {
  if (!definition.consumes?.[workWaiting.type]) return false;
  const mark = { consumer: '@snapshot', eventId: 'work-v1' };
  return systemEm(orm).transactional(async (tx) => {
    if ((await tx.count(ProcessedEventSchema, mark)) > 0) return false;
    emit(
      tx as EntityManager,
      definition.name,
      snapshotRequested,
      { requester: definition.name, consumes: [workWaiting.type] },
      null,
    );
    tx.create(ProcessedEventSchema, { ...mark, processedAt: new Date() });
    return true;
  });
}

/**
 * The answering side: announce everything, when the requester consumes anything this module emits.
 * `onTheBus`: every event this module ever wrote is still on the bus, where a group reads from the
 * start (seeded by this process on the in-process bus: a first start). The seed's events are the
 * records the requester wants, so announcing them again would only have every consumer of those
 * types apply each record once more: the answer alone is sent, after them.
 */
export function answerSnapshot(definition: ModuleDefinition, onTheBus = false): EventHandler {
  return async (em, event) => {
    const request = snapshotRequested.payload.parse(event.payload);
    if (request.requester === definition.name) return;
    const wanted = new Set(request.consumes);
    const addresses = wanted.has(workWaiting.type) && addressesWork(definition.entities);
    const announces =
      definition.announce !== undefined && (definition.emits ?? []).some((e) => wanted.has(e.type));
    let records = 0;
    if (onTheBus) {
      if (!announces && !addresses) return;
    } else {
      // The inbox's fill: every workflow's waiting work, published by the kit for any module.
      const work = addresses ? await publishAllWork(em, definition.name, definition.entities) : 0;
      if (!announces && work === 0) return;
      records = work + (announces ? await definition.announce!(em) : 0);
    }
    emit(
      em,
      definition.name,
      snapshotAnswered,
      { requester: request.requester, module: definition.name, records },
      null,
    );
  };
}

/** The requesting side: notes which modules have answered. */
export function noteSnapshotAnswered(module: string): EventHandler {
  return async (em, event) => {
    const answer = snapshotAnswered.payload.parse(event.payload);
    if (answer.requester !== module) return;
    const mark = answeredBy(answer.module);
    if ((await em.count(ProcessedEventSchema, mark)) === 0)
      em.create(ProcessedEventSchema, { ...mark, processedAt: new Date() });
  };
}

/**
 * Whether this module's replica of `source`'s records is still being filled: it asked for a
 * snapshot and `source` has not answered yet.
 */
export async function replicaPending(em: EntityManager, source: string): Promise<boolean> {
  const marks = await em.find(
    ProcessedEventSchema,
    { $or: [REQUESTED, answeredBy(source)] },
    { filters: false },
  );
  return (
    marks.some((m) => m.consumer === REQUESTED.consumer) &&
    !marks.some((m) => m.consumer === '@snapshot-answered')
  );
}

/**
 * Refuses, with REPLICA_NOT_READY, a lookup that missed while the replica is filling: the
 * record may exist and simply not have arrived. `replica` is what the client reads (districts,
 * members), `source` the module it comes from.
 */
export function replicaNotReady(field: string, replica: string, source: string) {
  return appError(
    ErrorCode.REPLICA_NOT_READY,
    `${field}: this module's copy of the ${replica} (from ${source}) is still being filled after installation; try again in a few seconds`,
    { field, replica, source },
  );
}
