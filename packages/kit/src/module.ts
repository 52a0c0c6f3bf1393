import type { EntitySchema } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { EventHandler } from './bus/consumer.js';
import type { Settings } from './config.js';
import type { EventDefinition } from './bus/event.js';
import { busMigration, OutboxEventSchema, ProcessedEventSchema } from './bus/outbox.js';
import { IdempotencyKeySchema, idempotencyMigration } from './idempotency.js';
import type { EntityManager } from './db.js';
import { AuditEntrySchema, auditMigration } from './workflow.js';
import {
  answerSnapshot,
  noteSnapshotAnswered,
  snapshotAnswered,
  snapshotRequested,
} from './snapshot.js';
import {
  applyDistrictRegistered,
  districtRefMigration,
  DistrictRefSchema,
  districtRegistered,
} from './districts.js';

export interface SeedOptions {
  /** Multiplies the demo data (for benchmarks); 1 is the report's own size. */
  scale: number;
  /** Called as rows are written, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

/**
 * A module is a subgraph or a plugin: a schema, the tables behind it, the events it emits
 * and consumes, and its demo data. Everything the runtime needs to serve it is here.
 */
export interface ModuleDefinition {
  /** Short kebab-case name; the subgraph, its schema/SQLite file and its log lines use it. */
  name: string;
  /** Port when served alone. */
  port: number;
  schema: GraphQLSchema;
  entities: EntitySchema[];
  /** In order; each written once with `defineMigration` so it runs on SQLite and PostgreSQL. */
  migrations: MigrationObject[];
  /** Events this module emits. */
  emits?: EventDefinition[];
  /** Handlers for events other modules emit, by event type; each is applied once per event. */
  consumes?: Record<string, EventHandler>;
  /** Loads demo data into empty tables; writes events through the outbox like any command. */
  seed?: (em: EntityManager, options: SeedOptions) => Promise<void>;
  /** True when demo data is already there (so a restart does not seed twice). */
  isSeeded?: (em: EntityManager) => Promise<boolean>;
  /**
   * Announces again, through the outbox, every record other modules keep a replica of, as it
   * stands: for a module or plugin installed on a running platform, or an upgrade that adds a
   * replica. Replicas keep the newest by the fact's own date or version, so announcing twice is
   * harmless. Returns how many events it wrote (`npm run announce`).
   */
  announce?: (em: EntityManager) => Promise<number>;
  /** Bump when another module starts keeping a replica of these records: `announce` then runs once on the next start. */
  announceVersion?: number;
  /**
   * Ask, on the first start, every module that announces what this one consumes to announce it
   * all again (`snapshot.requested`): for a module installed on a platform that already has
   * data (plugins), whose replicas would otherwise stay empty.
   */
  requestsSnapshot?: boolean;
  /**
   * Work a module does on the clock rather than on a request or an event (the inbox telling
   * staff of work whose day has come). Each runs once as the module starts, before it serves,
   * then every `everyMs` (never, without it), each run in one transaction: what it reads and
   * writes is the database's, so a restart picks up where the last run left off.
   */
  jobs?: ModuleJob[];
}

export interface ModuleJob {
  /** Names it in the logs. */
  name: string;
  /** How long between runs after the first (omitted: it runs only as the module starts). */
  everyMs?: (settings: Settings) => number;
  /** One run, in its own transaction; the events it emits are published after it commits. */
  run: (em: EntityManager) => Promise<void>;
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return {
    ...definition,
    entities: [
      OutboxEventSchema,
      ProcessedEventSchema,
      DistrictRefSchema,
      AuditEntrySchema,
      IdempotencyKeySchema,
      ...definition.entities,
    ],
    migrations: [
      busMigration,
      districtRefMigration,
      auditMigration,
      idempotencyMigration,
      ...definition.migrations,
    ],
    consumes: {
      [districtRegistered.type]: applyDistrictRegistered,
      ...definition.consumes,
      // Every module answers: one announcing what the requester consumes, and any whose
      // workflows address their work (the inbox's fill).
      [snapshotRequested.type]: answerSnapshot(definition),
      ...(definition.requestsSnapshot
        ? { [snapshotAnswered.type]: noteSnapshotAnswered(definition.name) }
        : {}),
    },
  };
}
