import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { eventCatalogue, eventContracts } from './catalogue.js';
import { proposalRegistered } from './index.js';

describe('the events table in docs/plugins.md', () => {
  it('lists every contract with its payload fields, as generated (npm run events:table)', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/plugins.md'), 'utf8');
    const between = /<!-- events-table:start -->\n([\s\S]*?)\n<!-- events-table:end -->/.exec(doc);
    expect(between?.[1], 'docs/plugins.md is stale: run npm run events:table').toBe(
      eventCatalogue(),
    );
    expect(eventContracts().map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'district.registered',
        'member.registered',
        'proposal.registered',
        'snapshot.requested',
      ]),
    );
    // The row of the event meant for links names the fields a plugin reads.
    const row = eventCatalogue()
      .split('\n')
      .find((l) => l.startsWith(`| \`${proposalRegistered.type}\``))!;
    for (const field of ['proposalId', 'district', 'title', 'status', 'version'])
      expect(row).toContain(`\`${field}\``);
  });
});
