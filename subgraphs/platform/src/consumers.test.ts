import { idempotentConsumer, systemEm, workWaiting } from '@cppcc/kit';
import { coreEvent, databases, startTestModule } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { applyWorkWaiting } from './consumers.js';
import { InboxItemSchema } from './entities/inbox.entity.js';
import { platformModule } from './module.js';

const DISTRICT = '341002';

/** What the proposals subgraph would send for one proposal's waiting work. */
const work = (title: string, parties: string[]) =>
  coreEvent(
    workWaiting,
    {
      key: 'Proposal:1',
      recordType: 'Proposal',
      recordId: '1',
      about: null,
      district: DISTRICT,
      title,
      kind: 'proposal.file',
      why: null,
      dueOn: null,
      parties: parties.map((party) => ({ party, actions: ['fileProposal'] })),
      done: [],
    },
    'proposals',
    DISTRICT,
  );

describe.each(databases())('the inbox kept from work.waiting on $name', ({ url }) => {
  // A backlog (a first start's seeded work) reaches the consumer in batches, one transaction each:
  // a record stepped twice has two events in one batch.
  it('applies several versions of one record in one batch, the latest winning', async () => {
    const platform = await startTestModule(platformModule([]), {
      databaseUrl: url,
      listen: false,
    });
    try {
      // Counted: a batch that fails is applied again one event per transaction, to the same end.
      let calls = 0;
      const apply = idempotentConsumer(platform.orm, 'platform', {
        [workWaiting.type]: (em, event) => {
          calls++;
          return applyWorkWaiting(em, event);
        },
      });
      // New to the inbox, then changed twice, all in one batch; then changed again in the next.
      await apply([
        work('first', [`staff@${DISTRICT}`]),
        work('second', [`staff@${DISTRICT}`]),
        work('third', [`staff@${DISTRICT}`, 'member:2']),
      ]);
      await apply([
        work('fourth', [`staff@${DISTRICT}`]),
        work('fifth', [`staff@${DISTRICT}`, 'member:1']),
      ]);
      expect(calls).toBe(5);
      const items = await systemEm(platform.orm).find(
        InboxItemSchema,
        { key: 'Proposal:1' },
        { orderBy: { party: 'asc' } },
      );
      expect(items.map((i) => [i.party, i.title])).toEqual([
        ['member:1', 'fifth'],
        [`staff@${DISTRICT}`, 'fifth'],
      ]);
    } finally {
      await platform.stop();
    }
  });
});
