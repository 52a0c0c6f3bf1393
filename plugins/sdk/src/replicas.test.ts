import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginSwitched } from '@cppcc/events';
import { memoryTransport, snapshotAnswered, snapshotRequested } from '@cppcc/kit';
import {
  coreEvent,
  databases,
  outbox,
  publishDemoDistricts,
  startTestModule,
  testCaller,
  type TestModule,
} from '@cppcc/testing';
import { samplePlugin } from './fixture.js';

/**
 * A plugin just installed on a platform with data asks for a snapshot; until the organization
 * module answers, a district its copy lacks may exist: the answer is REPLICA_NOT_READY naming
 * the replica, not UNKNOWN_DISTRICT. Nothing answers here until the test says so.
 */
describe.each(databases())('a plugin whose replicas are not filled yet ($name)', ({ url }) => {
  const transport = memoryTransport();
  let plugin: TestModule;
  const staff = testCaller(['staff'], '341021');
  const add = (district: string) =>
    plugin.execute(
      `mutation { addSampleNote(district: "${district}", text: "记") { text } }`,
      {},
      staff,
    );
  const applied = async (id: string) => {
    for (
      const deadline = Date.now() + 10_000;
      Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 25))
    ) {
      if (
        (
          await plugin.orm.em
            .fork()
            .getConnection()
            .execute('select 1 from processed_event where event_id = ?', [id])
        ).length
      )
        return;
    }
    throw new Error(`event ${id} was not applied`);
  };

  beforeAll(async () => {
    plugin = await startTestModule(samplePlugin.module, {
      databaseUrl: url,
      transport,
      demoDistricts: false,
      seed: false,
    });
    const on = coreEvent(
      pluginSwitched,
      {
        district: '341021',
        plugin: 'sample-notes',
        enabled: true,
        settings: {},
        version: 1,
        changedAt: new Date().toISOString(),
        changedBy: 'test',
      },
      'platform',
      '341021',
    );
    await transport.publish([on]);
    await applied(on.id);
  }, 60_000);
  afterAll(async () => {
    await plugin?.stop();
    await transport.close();
  });

  it('asks once for a snapshot of what it consumes', async () => {
    const [request] = await outbox(plugin.orm, { type: snapshotRequested.type });
    expect(request.payload).toMatchObject({
      requester: 'sample-notes',
      consumes: expect.arrayContaining([
        'district.registered',
        'member.registered',
        'proposal.honoured',
      ]),
    });
  });

  it('says the copy of the districts is not ready, naming it, until organization has answered', async () => {
    const early = await add('341021');
    expect(early.errors?.[0]).toMatchObject({
      extensions: {
        code: 'REPLICA_NOT_READY',
        field: 'district',
        replica: 'districts',
        source: 'organization',
      },
    });
    expect(early.errors?.[0].message).toMatch(
      /^district: this module's copy of the districts \(from organization\) is still being filled/,
    );

    await publishDemoDistricts(transport);
    const answer = coreEvent(
      snapshotAnswered,
      { requester: 'sample-notes', module: 'organization', records: 8 },
      'organization',
    );
    await transport.publish([answer]);
    await applied(answer.id);
    expect((await add('341021')).data).toEqual({ addSampleNote: { text: '记' } });
    expect((await add('349999')).errors?.[0].extensions).toMatchObject({
      code: 'UNKNOWN_DISTRICT',
      field: 'district',
    });
  });
});
