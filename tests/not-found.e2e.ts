import { CITY } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/**
 * One not-found convention (docs/architecture.md): a root query for one record by id or code
 * answers null, with no error, whether the record does not exist or the caller may not see it.
 */

/** Every single-record lookup, with the argument that names the record. */
const LOOKUPS = [
  ['consultationActivity', 'id'],
  ['researchProject', 'id'],
  ['recommendation', 'id'],
  ['implementationResult', 'id'],
  ['consultationPlan', 'id'],
  ['questionnaire', 'id'],
  ['inputContribution', 'id'],
  ['inputCampaign', 'id'],
  ['member', 'id'],
  ['proposal', 'id'],
  ['opinionItem', 'id'],
  ['memberSuggestion', 'id'],
  ['bulletinIssue', 'id'],
  ['governmentUnit', 'id'],
  ['inboxChange', 'id'],
  ['plugin', 'id'],
  ['district', 'code'],
] as const;

/**
 * Lookups whose list shows the city's staff records an anonymous caller may not see, in the demo
 * data (its activities, projects and recommendations are all public; the modules' own tests
 * cover those, and the suggestions only staff may list).
 */
const HIDDEN = [
  ['proposal', 'proposals'],
  ['opinionItem', 'opinionItems'],
  ['bulletinIssue', 'bulletinIssues'],
] as const;

/**
 * Lookups whose demo records are all public: the test hides one of the city's (as its district
 * keeps a record it has not shown: `public` false) and reads it as the staff of another district.
 * Each with the module and table that hold it, and a query listing the ids the caller may see.
 */
const HIDEABLE = [
  [
    'recommendation',
    'consultation',
    'recommendation',
    '{ l: recommendations(first: 1000) { nodes { id } } }',
  ],
  [
    'implementationResult',
    'consultation',
    'result',
    '{ l: implementationResults(first: 1000) { nodes { id } } }',
  ],
  [
    'questionnaire',
    'consultation',
    'questionnaire',
    '{ l: inputCampaigns(first: 1000) { nodes { questionnaires { id } } } }',
  ],
  [
    'inputCampaign',
    'consultation',
    'input_campaign',
    '{ l: inputCampaigns(first: 1000) { nodes { id } } }',
  ],
  ['member', 'members', 'member', '{ l: members(first: 1000) { nodes { id } } }'],
] as const;

/** A district below the city: its staff may not see the city's records that are not public. */
const OTHER_DISTRICT = '341002';

describe.each(databases())('not found is null through the gateway on $name', ({ url }) => {
  let stack: Stack;
  let staff: string;
  let otherStaff: string;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url });
    staff = await stack.token({ roles: ['staff'], district: CITY });
    otherStaff = await stack.token({ roles: ['staff'], district: OTHER_DISTRICT });
    // Every module seeds the demo on start; on a busy machine that takes longer than a hook's default.
  }, 300_000);
  afterAll(() => stack?.stop());

  it('answers every lookup of a record that does not exist with null and no error', async () => {
    const query = `{ ${LOOKUPS.map(([field, arg]) => `${field}(${arg}: "999999") { __typename }`).join(' ')} }`;
    const expected = Object.fromEntries(LOOKUPS.map(([field]) => [field, null]));
    for (const token of [undefined, staff]) {
      const { status, body } = await stack.post({ query }, { token });
      expect(status).toBe(200);
      expect(body).toEqual({ data: expected });
    }
  });

  it.each(HIDDEN)(
    'answers %s of a record the caller may not see with null, as if it did not exist',
    async (field, list) => {
      const ids = async (token?: string) => {
        const { body } = await stack.post<Record<string, { nodes: { id: string }[] }>>(
          { query: `{ ${list}(first: 1000) { nodes { id } } }` },
          { token },
        );
        expect(body.errors).toBeUndefined();
        return body.data![list].nodes.map((n) => n.id);
      };
      const seenByAnyone = new Set(await ids());
      const hidden = (await ids(staff)).find((id) => !seenByAnyone.has(id));
      // The demo must hold such a record, or this test would prove nothing.
      expect(hidden).toBeDefined();
      const lookup = `query($id: ID!) { ${field}(id: $id) { id } }`;
      const anonymous = await stack.post({ query: lookup, variables: { id: hidden } });
      expect(anonymous.body).toEqual({ data: { [field]: null } });
      const office = await stack.post(
        { query: lookup, variables: { id: hidden } },
        { token: staff },
      );
      expect(office.body).toEqual({ data: { [field]: { id: hidden } } });
    },
  );

  it.each(HIDEABLE)(
    "answers %s of another district's record kept from the public with null, as one that does not exist",
    async (field, module, table, list) => {
      const db = stack.modules.get(module)!.orm.em.getConnection();
      const [row] = await db.execute<{ id: number }[]>(
        `select id from ${table} where district = ? and public = ? order by id limit 1`,
        [CITY, true],
      );
      expect(row).toBeDefined();
      await db.execute(`update ${table} set public = ? where id = ?`, [false, row.id]);
      try {
        // The ids as the graph gives them: what the city's staff see and the other district's do not.
        const ids = async (token: string) => {
          const { body } = await stack.post({ query: list }, { token });
          expect(body.errors).toBeUndefined();
          return JSON.stringify(body.data).match(/(?<="id":")[^"]+/g) ?? [];
        };
        const seenElsewhere = new Set(await ids(otherStaff));
        const hidden = (await ids(staff)).find((id) => !seenElsewhere.has(id));
        expect(hidden).toBeDefined();
        const query = `query($id: ID!) { hidden: ${field}(id: $id) { __typename } absent: ${field}(id: "999999") { __typename } }`;
        for (const token of [otherStaff, undefined]) {
          const { status, body } = await stack.post(
            { query, variables: { id: hidden } },
            { token },
          );
          expect(status).toBe(200);
          expect(body).toEqual({ data: { hidden: null, absent: null } });
        }
        // It is there: the staff of its own district read it.
        const own = await stack.post({ query, variables: { id: hidden } }, { token: staff });
        expect(own.body).toEqual({
          data: { hidden: { __typename: field[0].toUpperCase() + field.slice(1) }, absent: null },
        });
      } finally {
        await db.execute(`update ${table} set public = ? where id = ?`, [true, row.id]);
      }
    },
  );

  it('still refuses an id that is not an id (a client bug, not a probe)', async () => {
    const { body } = await stack.post({ query: '{ proposal(id: "abc") { id } }' });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
