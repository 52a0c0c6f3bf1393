import { randomUUID } from 'node:crypto';
import { committees, governmentUnits, members, type DemoMember } from '@cppcc/demo';
import { governmentUnitRegistered, specialCommitteeRegistered } from '@cppcc/events';
import { systemEm, type BusEvent } from '@cppcc/kit';
import {
  publishDemoMembers,
  startTestModule,
  type Operation,
  type TestModule,
} from '@cppcc/testing';
import { CommitteeRefSchema, type CommitteeStatus } from './entities/committee-ref.entity.js';
import { MemberRefSchema, type MemberStatus } from './entities/member-ref.entity.js';
import { UnitRefSchema } from './entities/unit-ref.entity.js';
import { consultation } from './module.js';

const envelope = (
  type: string,
  source: string,
  district: string,
  payload: Record<string, unknown>,
): BusEvent => ({
  id: randomUUID(),
  type,
  source,
  district,
  occurredAt: new Date().toISOString(),
  payload,
});

/**
 * Waits until `done` holds: the in-process bus applies events before publish returns unless it
 * was busy. Throws when it never holds, so a test fails here rather than later on a replica that
 * silently missed the events.
 */
async function waitForReplica(
  what: string,
  done: () => Promise<boolean>,
  waitMs = 4_000,
): Promise<void> {
  const until = Date.now() + waitMs;
  while (!(await done())) {
    if (Date.now() >= until)
      throw new Error(`published ${what} but the replica never showed them within ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Publishes events and waits until `done` holds. */
export async function publishAndWait(
  module: TestModule,
  events: BusEvent[],
  done: () => Promise<boolean>,
  waitMs = 4_000,
): Promise<void> {
  await module.transport.publish(events);
  const types = [...new Set(events.map((e) => e.type))].join(', ') || 'no events';
  await waitForReplica(`${events.length} event(s) (${types})`, done, waitMs);
}

export type MemberFacts = Pick<DemoMember, 'id' | 'district' | 'name'> & {
  status?: MemberStatus;
  changedAt?: string;
};

/** Announces members the way the members subgraph does (`member.registered`), and waits for the replica. */
export async function publishMembers(
  module: TestModule,
  list: MemberFacts[] = members(1),
): Promise<void> {
  const stamped = list.map((m) => ({ ...m, changedAt: m.changedAt ?? '2026-01-01T00:00:00.000Z' }));
  await publishDemoMembers(module.transport, stamped);
  const last = stamped.at(-1);
  await waitForReplica(
    `${list.length} member(s)`,
    async () =>
      !last ||
      (await systemEm(module.orm).findOne(MemberRefSchema, { memberId: last.id }))?.changedAt ===
        last.changedAt,
  );
}

export interface CommitteeFacts {
  id: number;
  district: string;
  name: string;
  status?: CommitteeStatus;
  mergedIntoId?: number | null;
  changedOn?: string;
}

/** Announces special committees the way organization does (`special_committee.registered`), and waits for the replica. */
export async function publishCommittees(
  module: TestModule,
  list: CommitteeFacts[] = committees,
): Promise<void> {
  const events = list.map((c) =>
    envelope(specialCommitteeRegistered.type, 'organization', c.district, {
      committeeId: String(c.id),
      district: c.district,
      name: c.name,
      status: c.status ?? 'ACTIVE',
      mergedIntoId: c.mergedIntoId == null ? null : String(c.mergedIntoId),
      changedOn: c.changedOn ?? '2021-01-01',
    }),
  );
  const last = list.at(-1);
  await publishAndWait(
    module,
    events,
    async () =>
      !last ||
      (await systemEm(module.orm).findOne(CommitteeRefSchema, { id: last.id }))?.changedOn ===
        (last.changedOn ?? '2021-01-01'),
  );
}

/**
 * The consultation module on a database of its own, with the demo districts, government units,
 * members and special committees announced on its bus the way organization and members announce
 * them.
 */
export async function startConsultation(url: string | undefined, seed = true): Promise<TestModule> {
  const module = await startTestModule(consultation, {
    databaseUrl: url,
    seed: seed ? { scale: 1 } : false,
  });
  await publishAndWait(
    module,
    governmentUnits.map((u) =>
      envelope(governmentUnitRegistered.type, 'organization', u.district, {
        unitId: String(u.id),
        district: u.district,
        name: u.name,
        short: u.short,
        active: u.short !== '城管局',
      }),
    ),
    async () => (await systemEm(module.orm).count(UnitRefSchema, {})) >= governmentUnits.length,
  );
  await publishMembers(module);
  await publishCommittees(module);
  return module;
}

/** Sends one operation and fails the test on any error. */
export async function ok<T = unknown>(
  module: TestModule,
  query: string | Operation<T>,
  variables: Record<string, unknown>,
  caller: Parameters<TestModule['execute']>[2],
): Promise<T> {
  const r = await module.execute(query, variables, caller);
  if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
  return r.data!;
}
