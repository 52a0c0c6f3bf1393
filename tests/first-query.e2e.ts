import fs from 'node:fs';
import path from 'node:path';
import {
  activities,
  CITY,
  committees,
  demoProposalStatus,
  members,
  proposals,
  sectors,
} from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

/** The README's first query, read from the README itself so the two cannot drift apart. */
function readmeQuery(): string {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  const match = /```graphql\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README has no graphql block');
  return match[1];
}

/** What the first query must answer, derived from the demo data rather than written down. */
function expected() {
  const cityMembers = members()
    .filter((m) => m.district === CITY)
    .slice(0, 3);
  const allActivities = activities();
  return {
    name: '黄山市政协',
    specialCommittees: committees.filter((c) => c.district === CITY).map((c) => ({ name: c.name })),
    members: {
      totalCount: members().filter((m) => m.district === CITY).length,
      nodes: cityMembers.map((m) => {
        const filed = proposals().filter((p) => p.authorId === m.id && p.status === 'FILED');
        return {
          name: m.name,
          sector: { name: sectors.find((s) => s.id === m.sectorId)!.name },
          committees: m.committees.map((c) => ({
            role: c.role,
            committee: { name: committees.find((x) => x.id === c.committeeId)!.name },
          })),
          proposals: {
            totalCount: filed.length,
            nodes: filed
              .slice(0, 3)
              .map((p) => ({ title: p.title, status: demoProposalStatus(p.id) })),
          },
          consultations: {
            nodes: allActivities
              .filter((a) => a.participantIds.includes(m.id))
              .slice(0, 3)
              .map((a) => ({ title: a.title, form: a.form, heldOn: a.heldOn })),
          },
        };
      }),
    },
  };
}

/** The README query answers, whole and as the demo data says. */
async function answersTheReadmeQuery(stack: Stack) {
  const { status, body } = await stack.post<{
    district: { members: { nodes: { proposals: { nodes: { caseNumber?: string }[] } }[] } };
  }>({ query: readmeQuery() });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const district = body.data!.district;
  // caseNumber is assigned at seeding; check its shape, then compare the rest exactly.
  for (const m of district.members.nodes) {
    for (const p of m.proposals.nodes) {
      expect(p.caseNumber).toMatch(/^\d{4}-\d{4}$/);
      delete p.caseNumber;
    }
  }
  expect(district).toEqual(expected());
}

describe.each(
  CONFIGURATIONS.flatMap(({ name: via, engine, settings }) =>
    databases().map((db) => ({ via, engine, settings, ...db })),
  ),
)('README query via $via on $name', ({ engine, settings, url }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ engine, settings, databaseUrl: url });
  });
  afterAll(() => stack?.stop());

  it('answers across all four subgraphs with the demo data', () => answersTheReadmeQuery(stack));
});
