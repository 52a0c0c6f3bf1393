import { CITY } from '@cppcc/demo';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization } from '../module.js';

describe.each(databases())('organization on $name', ({ url }) => {
  let org: TestModule;
  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await org.relay.kick();
  });
  afterAll(() => org?.stop());

  it('lists the city and the districts below it', async () => {
    const result = await org.execute<{
      district: { name: string; level: string; children: { parent: { code: string } }[] };
    }>(`{ district(code: "${CITY}") { name level children { code level parent { code } } } }`);
    expect(result.errors).toBeUndefined();
    const city = result.data!.district;
    expect(city.name).toBe('黄山市政协');
    expect(city.level).toBe('CITY');
    expect(city.children).toHaveLength(7);
    expect(city.children.every((c) => c.parent.code === CITY)).toBe(true);
  });

  it('answers null, with no error, for a code no district has', async () => {
    const result = await org.execute(`{ district(code: "999999") { name } }`);
    expect(result).toEqual({ data: { district: null } });
  });

  it('holds the 8 special committees and the added agriculture committee', async () => {
    const result = await org.execute<{
      specialCommittees: { totalCount: number; nodes: { name: string }[] };
    }>(
      `{ specialCommittees(filter: { district: "${CITY}" }, first: 20) { totalCount nodes { name } } }`,
    );
    const names = result.data!.specialCommittees.nodes.map((n) => n.name);
    expect(result.data!.specialCommittees.totalCount).toBe(9);
    expect(names).toContain('农业和农村委员会');
  });

  it('pages special committees by cursor', async () => {
    const first = await org.execute<{
      specialCommittees: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `{ specialCommittees(first: 4) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    const page1 = first.data!.specialCommittees;
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await org.execute<{ specialCommittees: { edges: { node: { id: string } }[] } }>(
      `query($after: String) { specialCommittees(first: 4, after: $after) { edges { node { id } } } }`,
      {
        after: page1.pageInfo.endCursor,
      },
    );
    const ids1 = page1.edges.map((e) => Number(e.node.id));
    const ids2 = second.data!.specialCommittees.edges.map((e) => Number(e.node.id));
    expect(Math.min(...ids2)).toBeGreaterThan(Math.max(...ids1));
  });

  it('refuses a cursor it did not issue and a page over the limit', async () => {
    const bad = await org.execute(`{ specialCommittees(after: "nonsense") { totalCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const big = await org.execute(`{ specialCommittees(first: 1001) { totalCount } }`);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('lets district staff add a committee to their own district only', async () => {
    const mutation = `mutation($input: CreateSpecialCommitteeInput!) { createSpecialCommittee(input: $input) { id name district { code } } }`;
    const staff = testCaller(['staff'], '341002');
    const ok = await org.execute<{ createSpecialCommittee: { district: { code: string } } }>(
      mutation,
      { input: { district: '341002', name: '文化文史委员会', functions: '文史资料' } },
      staff,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createSpecialCommittee.district.code).toBe('341002');

    const other = await org.execute(
      mutation,
      { input: { district: '341021', name: '文化文史委员会', functions: '文史资料' } },
      staff,
    );
    expect(other.errors?.[0].extensions).toMatchObject({
      code: 'CROSS_DISTRICT',
      field: 'input.district',
    });

    const anonymous = await org.execute(mutation, {
      input: { district: '341002', name: '某委员会', functions: 'x' },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const blank = await org.execute(
      mutation,
      { input: { district: '341002', name: ' ', functions: 'x' } },
      staff,
    );
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(blank.errors?.[0].message).toMatch(/name/);

    const count = await org.execute<{ specialCommittees: { totalCount: number } }>(
      `{ specialCommittees(filter: { district: "341002" }) { totalCount } }`,
      {},
      staff,
    );
    expect(count.data!.specialCommittees.totalCount).toBe(3);
  });
});
