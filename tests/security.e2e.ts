import { CITY, proposals } from '@cppcc/demo';
import { signCaller } from '@cppcc/kit';
import { askSubgraphAs, testCaller, type GraphResponse } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, settings, startStack, type Stack } from './harness.js';

const A = '341002'; // 屯溪区
const B = '341021'; // 歙县

type Activities = { consultationActivities: { totalCount: number } };

describe.each(CONFIGURATIONS)(
  'callers and districts via $name',
  ({ engine, settings: configuration }) => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ engine, settings: configuration });
    });
    afterAll(() => stack?.stop());

    const submitted = (district: string) =>
      proposals().filter((p) => p.district === district && p.status === 'SUBMITTED');

    it("shows district A staff their own non-public proposals but not district B's", async () => {
      const token = await stack.token({ roles: ['staff'], district: A });
      const query = `query($d: ID) { proposals(filter: { district: $d, status: SUBMITTED }, first: 100) { totalCount } }`;
      const own = await stack.post<{ proposals: { totalCount: number } }>(
        { query, variables: { d: A } },
        { token },
      );
      expect(own.body.data!.proposals.totalCount).toBe(submitted(A).length);
      expect(submitted(B).length).toBeGreaterThan(0);
      const other = await stack.post<{ proposals: { totalCount: number } }>(
        { query, variables: { d: B } },
        { token },
      );
      expect(other.body.data!.proposals.totalCount).toBe(0);
      const direct = await stack.post(
        { query: `{ proposal(id: "${submitted(B)[0].id}") { title } }` },
        { token },
      );
      // Another district's record is answered as one that does not exist: null, no error.
      expect(direct.body).toEqual({ data: { proposal: null } });
    });

    it('lets city staff see the districts below the city', async () => {
      const token = await stack.token({ roles: ['staff'], district: CITY });
      const r = await stack.post<{ proposals: { totalCount: number } }>(
        { query: `{ proposals(filter: { status: SUBMITTED }, first: 1000) { totalCount } }` },
        { token },
      );
      expect(r.body.data!.proposals.totalCount).toBe(
        proposals().filter((p) => p.status === 'SUBMITTED').length,
      );
    });

    it('shows anonymous callers public rows only', async () => {
      const r = await stack.post<{ proposals: { totalCount: number } }>({
        query: `{ proposals(first: 1000) { totalCount nodes { status } } }`,
      });
      expect(r.body.data!.proposals.totalCount).toBe(
        proposals().filter((p) => p.status === 'FILED').length,
      );
      const r2 = await stack.post({ query: `{ member(id: "1") { name dutyEvents { kind } } }` });
      // The member is nullable (one not-found convention): the refused record nulls it, not all data.
      expect(r2.body.data).toEqual({ member: null });
      expect(r2.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it("refuses district A staff writing district B's rows, and nothing is written", async () => {
      const token = await stack.token({ roles: ['staff'], district: A });
      const before = await stack.post<Activities>({
        query: `{ consultationActivities(filter: { district: "${B}" }) { totalCount } }`,
      });
      const record = await stack.post(
        {
          query: `mutation($input: RecordConsultationActivityInput!) { recordConsultationActivity(input: $input) { id } }`,
          variables: {
            input: {
              district: B,
              title: '茶产业发展专题协商',
              form: 'THEMATIC',
              topic: '茶业振兴',
              heldOn: '2026-05-01',
              participantIds: ['171'],
            },
          },
        },
        { token },
      );
      expect(record.body.errors?.[0].extensions).toMatchObject({
        code: 'CROSS_DISTRICT',
        field: 'input.district',
      });
      const after = await stack.post<Activities>({
        query: `{ consultationActivities(filter: { district: "${B}" }) { totalCount } }`,
      });
      expect(after.body.data!.consultationActivities.totalCount).toBe(
        before.body.data!.consultationActivities.totalCount,
      );

      const target = submitted(B)[0];
      const file = await stack.post(
        { query: `mutation { fileProposal(id: "${target.id}", version: 1) { status } }` },
        { token },
      );
      expect(file.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a subgraph call that does not come from the gateway', async () => {
      const members = stack.modules.get('members')!;
      const query = JSON.stringify({ query: '{ members(first: 1) { totalCount } }' });
      const bare = await fetch(members.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
      expect(bare.status).toBe(401);
      expect((await bare.json()).errors?.[0].extensions?.code).toBe('GATEWAY_PROOF_REQUIRED');

      const forged = await askSubgraphAs(
        members,
        testCaller(['admin'], CITY),
        JSON.parse(query),
        'not-the-secret',
      );
      expect(forged.status).toBe(401);

      const signed = await askSubgraphAs(
        members,
        testCaller([], null),
        JSON.parse(query),
        settings.gatewaySecret,
      );
      expect(signed.status).toBe(200);
    });

    it('ignores caller headers a client tries to send through the gateway', async () => {
      const forgedCaller = signCaller(testCaller(['staff'], CITY), settings.gatewaySecret, {
        audience: 'proposals',
        method: 'POST',
        path: '/graphql',
        body: '',
      });
      const r = await stack.post<{ proposals: { totalCount: number } }>(
        { query: `{ proposals(filter: { status: SUBMITTED }) { totalCount } }` },
        { headers: forgedCaller },
      );
      expect(r.body.data!.proposals.totalCount).toBe(0);
    });
  },
);

describe.each(CONFIGURATIONS)('bad input via $name', ({ engine, settings: configuration }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ engine, settings: configuration, seed: { scale: 1 } });
  });
  afterAll(() => stack?.stop());

  const expectError = (
    r: { status: number; body: GraphResponse },
    status: number,
    code: string,
  ) => {
    expect(r.status).toBe(status);
    expect(r.body.errors?.[0].extensions?.code).toBe(code);
    expect(JSON.stringify(r.body)).not.toMatch(/stacktrace|\n\s+at /);
  };

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    expectError(await stack.post(null, { raw: '{"query": "{ districts' }), 400, 'BAD_REQUEST');
  });
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    expectError(await stack.post({ query: '{ districts { code ' }), 400, 'GRAPHQL_PARSE_FAILED');
  });
  it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const r = await stack.post({ query: '{ districts { nope } }' });
    expectError(r, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(r.body.errors?.[0].message).toMatch(/nope/);
  });
  it('answers a wrong variable type with 400 BAD_USER_INPUT', async () => {
    const r = await stack.post({
      query: 'query($c: ID!) { district(code: $c) { name } }',
      variables: { c: { x: 1 } },
    });
    expectError(r, 400, 'BAD_USER_INPUT');
    expect(r.body.errors?.[0].message).toMatch(/\$c/);
  });
  it('answers a too deep query with 400', async () => {
    const deep = `{ districts { ${'parent { '.repeat(16)}code${' }'.repeat(16)} } }`;
    expectError(await stack.post({ query: deep }), 400, 'MAX_DEPTH_EXCEEDED');
  });
  it('answers a bad token with 401 UNAUTHENTICATED', async () => {
    expectError(
      await stack.post({ query: '{ districts { code } }' }, { token: 'abc.def.ghi' }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await stack.post(
        { query: '{ districts { code } }' },
        { headers: { authorization: 'Basic x' } },
      ),
      401,
      'UNAUTHENTICATED',
    );
  });
  it('answers an expired token with 401 UNAUTHENTICATED', async () => {
    const token = await stack.token({ roles: ['staff'], district: CITY, ttl: -10 });
    const r = await stack.post({ query: '{ districts { code } }' }, { token });
    expectError(r, 401, 'UNAUTHENTICATED');
    expect(r.body.errors?.[0].message).toMatch(/expired/);
  });
  it('answers a token for an unknown district with 403 UNKNOWN_DISTRICT', async () => {
    const token = await stack.token({ roles: ['staff'], district: '999999' });
    expectError(
      await stack.post({ query: '{ districts { code } }' }, { token }),
      403,
      'UNKNOWN_DISTRICT',
    );
  });
  it('answers an unknown district argument with UNKNOWN_DISTRICT naming the field', async () => {
    // A lookup by code answers null (docs/errors.md); an argument naming a district is refused.
    const r = await stack.post({ query: '{ replyGradeWordings(district: "999999") { grade } }' });
    expect(r.body.errors?.[0].extensions).toMatchObject({
      code: 'UNKNOWN_DISTRICT',
      field: 'district',
    });
  });
  it('refuses an invalid proposal naming the field, and writes nothing', async () => {
    const token = await stack.token({ roles: ['member'], district: CITY, memberId: '2' });
    const count = async () =>
      (
        await stack.post<{ member: { proposals: { totalCount: number } } }>(
          { query: '{ member(id: "2") { proposals(first: 1000) { totalCount } } }' },
          { token },
        )
      ).body.data!.member.proposals.totalCount;
    const before = await count();
    const r = await stack.post(
      {
        query: 'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id } }',
        variables: {
          i: {
            title: '关于加强乡村学校建设的建议',
            category: 'SOCIAL_AFFAIRS',
            situation: '现状',
            analysis: '分析',
            suggestions: '   ',
          },
        },
      },
      { token },
    );
    expect(r.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.suggestions',
    });
    expect(await count()).toBe(before);
  });
});
