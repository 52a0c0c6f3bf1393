import {
  memoryTransport,
  OutboxEventSchema,
  snapshotAnswered,
  snapshotRequested,
  systemEm,
  type OutboxEvent,
} from '@cppcc/kit';
import { districts } from '@cppcc/demo';
import {
  governmentUnitRegistered,
  specialCommitteeRegistered,
  termRegistered,
} from '@cppcc/events';
import { coreEvent, databases, startTestModule, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from './module.js';

/**
 * A plugin installed on a platform with data asks for a snapshot; organization answers it with
 * every district, term, unit and committee, then says it has — in its own process and outbox.
 */
describe.each(databases())('organization answering a snapshot request, on $name', ({ url }) => {
  const transport = memoryTransport();
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(organization, {
      databaseUrl: url,
      transport,
      seed: { scale: 1 },
      demoDistricts: false,
    });
  });
  afterAll(async () => {
    await module?.stop();
    await transport.close();
  });

  it('announces what the requester consumes from it, then answers', async () => {
    const em = () => systemEm(module.orm);
    await em().nativeDelete(OutboxEventSchema, {});
    const ask = (consumes: string[]) =>
      coreEvent(snapshotRequested, { requester: 'river-watch', consumes }, 'river-watch');
    // Nothing it emits is wanted: no answer.
    await transport.publish([ask(['proposal.registered'])]);
    await transport.publish([ask(['district.registered'])]);
    let answer: OutboxEvent | null = null;
    for (
      const deadline = Date.now() + 10_000;
      !answer && Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 25))
    ) {
      answer = await em().findOne(OutboxEventSchema, { type: snapshotAnswered.type });
    }
    const rows = await em().find(
      OutboxEventSchema,
      {},
      { orderBy: { occurredAt: 'asc', id: 'asc' } },
    );
    const of = (type: string) => rows.filter((r) => r.type === type).length;
    expect(of('district.registered')).toBe(districts.length);
    expect(of(termRegistered.type)).toBeGreaterThan(0);
    expect(of(governmentUnitRegistered.type)).toBeGreaterThan(0);
    expect(of(specialCommitteeRegistered.type)).toBeGreaterThan(0);
    expect(of(snapshotAnswered.type)).toBe(1);
    // The answer comes last, counting what was announced.
    expect(rows[rows.length - 1].payload).toEqual({
      requester: 'river-watch',
      module: 'organization',
      records: rows.length - 1,
    });
  });
});
