import { CITY, governmentUnits, members as demoMembers } from '@cppcc/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, startStack, type Stack } from '../harness.js';
import { makeHiddenRows } from './hidden-rows.js';
import {
  REFERRING_DISTRICT,
  READS,
  WHO,
  WRITES,
  type CallerSpec,
  type Fixture,
  type Found,
  type ReadAnswer,
  type ReadRow,
  type WriteContext,
} from './role-table.js';
import { asking } from './shared.js';

/**
 * The roles × districts matrix, generated from the role table: every caller (anonymous; each
 * role of the city and of two districts; a unit token without a unit) reads every row of
 * every district, and its answer must hold exactly the public rows plus the non-public ones
 * the table gives its role — no more (a leak), no fewer. Then every write row is tried on two
 * districts' records by every caller the table does not allow, and must be refused.
 */

const A = '341002'; // 屯溪区
const B = '341021'; // 歙县
const DISTRICTS = [CITY, A, B];
const REFUSED = new Set<string | null | undefined>([
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CROSS_DISTRICT',
  'NOT_FOUND',
  'PLUGIN_DISABLED',
]);

interface Caller extends CallerSpec {
  label: string;
  token?: string;
  unitId: string | null;
  memberId: string | null;
}

const figures = { reads: 0, readLeaks: 0, missing: 0, pluginRefusals: 0, writes: 0, writeLeaks: 0 };

describe('roles × districts matrix (from tests/security/role-table.ts)', () => {
  let stack: Stack;
  let oracle: string;
  const callers: Caller[] = [];
  const fixture: Fixture = { memberOf: {}, rulesYear: 2031, instructedOf: {} };
  const context: WriteContext = {
    memberOf: fixture.memberOf,
    campaign: { id: '' },
    campaignOf: {},
    partnerId: '',
    submittedOf: {},
  };

  const { ask: askAny, must } = asking(() => stack);
  /** The read and write rows' answers: the read rows' shape (a write's data is not read). */
  const ask = askAny<ReadAnswer>;

  beforeAll(async () => {
    // The matrix is about who sees what, not request cost: whole lists in one request each.
    stack = await startStack({
      gatewaySettings: { limits: { ...settings.limits, maxCost: 100_000_000 } },
    });
    oracle = await stack.token({ roles: ['admin'], district: CITY });
    const cityStaff = await stack.token({ roles: ['staff'], district: CITY });
    for (const d of DISTRICTS)
      fixture.memberOf[d] = demoMembers().find((m) => m.district === d)!.id;

    // Non-public rows the demo data lacks: rules in force, and a draft in each district.
    for (const d of DISTRICTS) {
      await must(
        'mutation($i: SetScoringRulesInput!) { setScoringRules(input: $i) { version } }',
        { i: { district: d, year: fixture.rulesYear, preset: 'MINHANG' } },
        cityStaff,
      );
      const author = await stack.token({
        roles: ['member'],
        district: d,
        memberId: String(fixture.memberOf[d]),
      });
      await must(
        'mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { id } }',
        {
          i: {
            title: `矩阵草稿${d}`,
            category: 'OTHER',
            situation: '草稿正文：仅作者与本区专委会工作人员可见',
            analysis: '',
            suggestions: '',
          },
        },
        author,
      );
    }
    // The unit each district's unit callers act for: the one with most handling tasks.
    const unitOf: Record<string, string> = {};
    for (const d of DISTRICTS) {
      const tasks = (
        await must<{ handlingTasks: { nodes: { unit: { id: string } }[] } }>(
          'query($d: ID) { handlingTasks(filter: { district: $d }, first: 1000) { nodes { unit { id } } } }',
          { d },
          oracle,
        )
      ).handlingTasks.nodes;
      const counts = new Map<string, number>();
      for (const t of tasks) counts.set(t.unit.id, (counts.get(t.unit.id) ?? 0) + 1);
      unitOf[d] =
        [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ??
        String(governmentUnits.find((u) => u.district === d)!.id);
    }
    const campaign = await must<{ createDonationCampaign: { id: string } }>(
      'mutation($i: CreateDonationCampaignInput!) { createDonationCampaign(input: $i) { id } }',
      {
        i: {
          district: REFERRING_DISTRICT,
          title: '矩阵助学捐款',
          purpose: '测试',
          startsOn: '2024-09-01',
          endsOn: '2024-09-30',
        },
      },
      cityStaff,
    );
    context.campaign.id = campaign.createDonationCampaign.id;
    context.campaignOf[REFERRING_DISTRICT] = context.campaign;
    for (const d of [A, B].filter((x) => x !== REFERRING_DISTRICT)) {
      const other = await must<{ createDonationCampaign: { id: string } }>(
        'mutation($i: CreateDonationCampaignInput!) { createDonationCampaign(input: $i) { id } }',
        {
          i: {
            district: d,
            title: '矩阵助学捐款',
            purpose: '测试',
            startsOn: '2024-09-01',
            endsOn: '2024-09-30',
          },
        },
        cityStaff,
      );
      context.campaignOf[d] = { id: other.createDonationCampaign.id };
    }
    // The other kinds the demo lacks (member suggestions, recommendations, leave requests, instructions, plugin records).
    Object.assign(
      fixture.instructedOf,
      (await makeHiddenRows(stack, must, DISTRICTS, fixture.memberOf, unitOf)).instructedOf,
    );
    context.partnerId = (
      await must<{ partnerCommittees: { nodes: { id: string }[] } }>(
        '{ partnerCommittees(first: 1) { nodes { id } } }',
        {},
        oracle,
      )
    ).partnerCommittees.nodes[0].id;
    for (const d of DISTRICTS) {
      const submitted = (
        await must<{ proposals: { nodes: { id: string; version: number }[] } }>(
          'query($d: ID) { proposals(filter: { district: $d, status: SUBMITTED }, first: 1) { nodes { id version } } }',
          { d },
          oracle,
        )
      ).proposals.nodes[0];
      if (submitted) context.submittedOf[d] = { id: submitted.id, version: submitted.version };
    }

    const below = (d: string) => (d === CITY ? DISTRICTS : [d]);
    callers.push({
      label: 'anonymous',
      who: 'anonymous',
      district: null,
      works: [],
      unitId: null,
      memberId: null,
    });
    for (const d of DISTRICTS) {
      for (const who of WHO.filter((w) => w !== 'anonymous')) {
        const memberId = who === 'member' ? String(fixture.memberOf[d]) : null;
        const unitId = who === 'unit' ? unitOf[d] : null;
        const works = who === 'member' ? [] : below(d);
        const token = await stack.token({
          roles: [who as Exclude<typeof who, 'anonymous'>],
          district: d,
          memberId,
          unitId,
        });
        callers.push({ label: `${who}@${d}`, who, district: d, works, token, unitId, memberId });
      }
    }
    // A unit token that names no unit is given nothing that is not public.
    callers.push({
      label: `unit-without-id@${A}`,
      who: 'unit',
      district: A,
      works: [A],
      token: await stack.token({ roles: ['unit'], district: A }),
      unitId: null,
      memberId: null,
    });
  }, 300_000);

  afterAll(async () => {
    console.log(
      `security matrix: ${callers.length} callers; ${figures.reads} read attempts (${figures.pluginRefusals} refused PLUGIN_DISABLED), ` +
        `${figures.readLeaks} rows leaked, ${figures.missing} rows missing; ${figures.writes} unauthorized writes, ${figures.writeLeaks} succeeded`,
    );
    await stack?.stop();
  });

  async function rowsOf(
    row: ReadRow,
    district: string,
    token?: string,
  ): Promise<{ found: Found[]; refused: string | null }> {
    const body = await ask(row.query, { d: district, ...row.vars?.(district, fixture) }, token);
    const code = body.errors?.[0]?.extensions?.code ?? null;
    if (body.errors && !REFUSED.has(code))
      throw new Error(`${row.record} in ${district}: ${JSON.stringify(body.errors)}`);
    return { found: body.data ? row.rows(body.data, district) : [], refused: code };
  }

  it.each(READS.map((row) => [`${row.module}: ${row.record}`, row] as const))(
    'reads %s as the table says',
    async (_name, row) => {
      const problems: string[] = [];
      let nonPublicSeen = 0;
      for (const district of DISTRICTS) {
        const all = (await rowsOf(row, district, oracle)).found;
        const publicIds = new Set((await rowsOf(row, district)).found.map((r) => r.id));
        const hidden = all.filter((r) => !publicIds.has(r.id));
        nonPublicSeen += hidden.length;
        for (const caller of callers) {
          const scope = row.read[caller.who];
          const may = (r: Found) =>
            (scope === 'district' && caller.works.includes(district)) ||
            (scope === 'home' && caller.district === district) ||
            (scope === 'assigned' && caller.unitId !== null && r.unit === caller.unitId);
          const { found, refused } = await rowsOf(row, district, caller.token);
          figures.reads++;
          const leaked = found.filter(
            (r) => !publicIds.has(r.id) && !hidden.some((h) => h.id === r.id && may(h)),
          );
          figures.readLeaks += leaked.length;
          if (leaked.length)
            problems.push(
              `${caller.label} read ${leaked.length} non-public rows of ${district} (${leaked
                .slice(0, 3)
                .map((r) => r.id)
                .join(', ')})`,
            );
          if (refused === 'PLUGIN_DISABLED' && row.plugin) {
            figures.pluginRefusals++;
            continue;
          }
          const missing = hidden.filter((h) => may(h) && !found.some((r) => r.id === h.id));
          figures.missing += missing.length;
          if (missing.length)
            problems.push(
              `${caller.label} did not read ${missing.length} rows of ${district} the table gives it${refused ? ` (${refused})` : ''}`,
            );
        }
      }
      expect(problems).toEqual([]);
      // A row whose records are all public proves nothing: the demo or the set-up must have made some that are not.
      expect(nonPublicSeen).toBeGreaterThan(0);
    },
  );

  it.each(WRITES.map((row) => [`${row.module}: ${row.record}`, row] as const))(
    'refuses %s to every caller the table does not allow',
    async (_name, row) => {
      const problems: string[] = [];
      for (const target of [A, B]) {
        const variables = row.vars(target, context);
        for (const caller of callers.filter((c) => !row.allowed(c, target))) {
          const body = await ask(row.mutation, variables, caller.token);
          figures.writes++;
          const code = body.errors?.[0]?.extensions?.code;
          if (!body.errors || !REFUSED.has(code)) {
            figures.writeLeaks += body.errors ? 0 : 1;
            problems.push(
              `${caller.label} on ${target}: ${body.errors ? `answered ${code}` : 'written'}`,
            );
          }
        }
        // The row is a real write: the first caller the table allows succeeds with the same variables.
        const allowed = callers.find((c) => row.allowed(c, target))!;
        const done = await ask(row.mutation, variables, allowed.token);
        if (done.errors)
          problems.push(
            `${allowed.label} (allowed) on ${target}: ${JSON.stringify(done.errors?.[0])}`,
          );
      }
      expect(problems).toEqual([]);
    },
  );
});
