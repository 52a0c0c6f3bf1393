import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from '../harness.js';
import { fragmentBomb, productionLimits } from './shared.js';

/** A query `levels` fields deep: districts, then parents, then code. */
const nested = (levels: number) =>
  `{ districts { ${'parent { '.repeat(levels - 2)}code${' }'.repeat(levels - 2)} } }`;
const aliases = (n: number) =>
  `{ districts { ${Array.from({ length: n }, (_, i) => `a${i}: code`).join(' ')} } }`;
const aliasedFields = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: districts { code }`).join(' ')} }`;

describe.each(CONFIGURATIONS)(
  'operation limits, CSRF and error hygiene via $name',
  ({ engine, settings: configuration }) => {
    let stack: Stack;
    let base: string;
    beforeAll(async () => {
      stack = await startStack({
        engine,
        settings: configuration,
        gatewaySettings: { limits: productionLimits, explorer: false },
      });
      base = stack.gateway.url.replace(/\/graphql$/, '');
      // The gateway loads the district tree on its first request (SQL in organization); not a refusal's.
      await stack.post({ query: '{ __typename }' });
    });
    afterAll(() => stack?.stop());

    /** Statements the subgraphs ran for the gateway request `response` answered. */
    const sqlFor = (response: Response) => {
      const id = response.headers.get('x-request-id');
      expect(id).toBeTruthy();
      return stack.statements.filter((s) => s.requestId === id);
    };
    /**
     * Posts and checks the refusal: its status, its code, and that no subgraph ran SQL for it.
     * Statements are matched by the gateway's request id, which it forwards to every subgraph call:
     * the tail of the request before (or a refresh it started) may still run SQL meanwhile.
     */
    async function refused(body: unknown, code: string, init?: Parameters<Stack['post']>[1]) {
      stack.resetQueryCounts();
      const r = await stack.post(body, init);
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(400);
      expect(r.body.errors?.[0].extensions?.code, JSON.stringify(r.body).slice(0, 300)).toBe(code);
      expect(r.requestId).not.toBe('');
      const ours = stack.statements.filter((s) => s.requestId === r.requestId);
      expect(ours, JSON.stringify(ours).slice(0, 500)).toEqual([]);
      return r.body;
    }

    it('refuses the 10^10-path fragment bomb in one go, /healthz answering meanwhile (finding 1)', async () => {
      const query = fragmentBomb();
      expect(query.length).toBeLessThan(1100);
      const [bomb, health] = await Promise.all([stack.post({ query }), fetch(`${base}/healthz`)]);
      expect(health.status).toBe(200);
      expect(bomb.status).toBe(400);
      expect(bomb.body.errors?.[0].extensions?.code).toBe('MAX_COST_EXCEEDED');
      // Linear in the document, as a depth bomb too: 10 nested levels of 10 spreads each.
      const deep = await stack.post({
        query: fragmentBomb(10, 10).replace(
          '{ districts { ...F10 } }',
          '{ districts { children { children { ...F10 } } } }',
        ),
      });
      expect(deep.status).toBe(400);
      expect(deep.body.errors?.[0].extensions?.code).toMatch(/^MAX_/);
    });

    it('refuses depth, aliases, directives, tokens, root fields and cost each with its own code, and lets the largest allowed through', async () => {
      expect(
        (await stack.post({ query: nested(productionLimits.maxDepth) })).body.errors,
      ).toBeUndefined();
      await refused({ query: nested(productionLimits.maxDepth + 1) }, 'MAX_DEPTH_EXCEEDED');

      expect(
        (await stack.post({ query: aliases(productionLimits.maxAliases) })).body.errors,
      ).toBeUndefined();
      await refused({ query: aliases(productionLimits.maxAliases + 1) }, 'MAX_ALIASES_EXCEEDED');

      const directives = (n: number) =>
        `{ districts { ${Array.from({ length: n }, () => '... @include(if: true) { code }').join(' ')} } }`;
      expect(
        (await stack.post({ query: directives(productionLimits.maxDirectives) })).body.errors,
      ).toBeUndefined();
      await refused(
        { query: directives(productionLimits.maxDirectives + 1) },
        'MAX_DIRECTIVES_EXCEEDED',
      );

      await refused(
        { query: `{ ${'__typename '.repeat(productionLimits.maxTokens)} }` },
        'MAX_TOKENS_EXCEEDED',
      );

      expect(
        (await stack.post({ query: aliasedFields(productionLimits.maxRootFields) })).body.errors,
      ).toBeUndefined();
      await refused(
        { query: aliasedFields(productionLimits.maxRootFields + 1) },
        'MAX_ROOT_FIELDS_EXCEEDED',
      );

      // finding 5: 1,000 aliases of proposals(first: 1000) — now refused before any subgraph.
      const manyPages = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `p${i}: proposals(first: 1000) { nodes { id } }`).join(' ')} }`;
      await refused({ query: manyPages(1000) }, 'MAX_TOKENS_EXCEEDED');
      await refused({ query: manyPages(100) }, 'MAX_ALIASES_EXCEEDED');
      // 10 pages of 1,000 proposals with 5 fields each: 60,010 values.
      await refused(
        {
          query: manyPages(10).replaceAll('nodes { id }', 'nodes { id title category year kind }'),
        },
        'MAX_COST_EXCEEDED',
      );
      const page = `query($n: Int) { proposals(first: $n) { nodes { id title author { name } } } }`;
      expect(
        (await stack.post({ query: page, variables: { n: 1000 } })).body.errors,
      ).toBeUndefined();
      const cost = await refused(
        {
          query: `query($n: Int) { districts { members(first: $n) { nodes { name dutyEvents { kind } } } } }`,
          variables: { n: 1000 },
        },
        'MAX_COST_EXCEEDED',
      );
      expect(cost.errors?.[0].extensions?.limit).toBe(productionLimits.maxCost);
    });

    it('answers a body over MAX_BODY_BYTES 413, 6 MB and 10 MB alike, without resetting the connection (finding 11)', async () => {
      for (const mb of [6, 10]) {
        const r = await stack.post(undefined, {
          raw: JSON.stringify({
            query: '{ __typename }',
            variables: { pad: 'x'.repeat(mb * 1024 * 1024) },
          }),
        });
        expect(r.status).toBe(413);
        expect(r.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      }
      expect((await stack.post({ query: '{ __typename }' })).status).toBe(200);
    });

    it('answers unreadable requests 400 with a code: invalid JSON, an empty POST, an operationName that names nothing (finding 11, issue 14)', async () => {
      for (const raw of ['{"query":', '', 'null', '[]']) {
        const r = await stack.post(undefined, { raw });
        expect(r.status, raw).toBe(400);
        expect(typeof r.body.errors?.[0].extensions?.code).toBe('string');
      }
      for (const operationName of ['', 'Nope']) {
        const r = await stack.post({
          query: 'query A { districts { code } } query B { __typename }',
          operationName,
        });
        expect(r.status, operationName).toBe(400);
        expect(r.body.errors?.[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      }
      const single = await stack.post({ query: '{ districts { code } }', operationName: '' });
      expect(single.status).toBeLessThan(500);
      if (engine === 'apollo') {
        const apq = await stack.post({
          query: '{ __typename }',
          extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
        });
        expect(apq.status).toBe(400);
        expect(apq.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      }
    });

    it('refuses strings with NUL or over MAX_STRING_LENGTH as BAD_USER_INPUT naming the argument, before SQL (finding 11)', async () => {
      const query = 'query($n: String) { members(filter: { nameContains: $n }) { totalCount } }';
      for (const [value, rule] of [
        ['王\u0000', 'noNul'],
        ['王'.repeat(20_001), 'maxLength'],
      ] as const) {
        stack.resetQueryCounts();
        const r = await stack.post({ query, variables: { n: value } });
        expect(r.body.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'filter.nameContains',
          rule,
        });
        expect(r.body.errors?.[0].message).toContain('filter.nameContains');
        expect(stack.queryCounts.get('members')).toBe(0);
      }
      const literal = await stack.post({
        query: `{ members(filter: { nameContains: "a\\u0000" }) { totalCount } }`,
      });
      expect(literal.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses cross-site POSTs that are not JSON unless a preflight header is sent; GET runs queries only (finding 8, issue 14)', async () => {
      const mutation = JSON.stringify({
        query: 'mutation { respondToQuestionnaire(questionnaireId: "1", answers: []) { id } }',
      });
      const form = new FormData();
      form.set('operations', mutation);
      for (const [type, body] of [
        ['text/plain', mutation],
        ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ __typename }')}`],
        [undefined, form],
      ] as const) {
        stack.resetQueryCounts();
        const response = await fetch(stack.gateway.url, {
          method: 'POST',
          headers: type ? { 'content-type': type } : {},
          body,
        });
        expect(response.status, type ?? 'multipart').toBe(400);
        expect((await response.json()).errors?.[0].extensions?.code).toBeTypeOf('string');
        expect(sqlFor(response)).toEqual([]);
      }
      const preflighted = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(preflighted.status).toBeLessThan(500);
      // A GET runs queries only: a mutation over GET is refused and runs nothing.
      expect(
        (await fetch(`${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`)).status,
      ).toBe(200);
      stack.resetQueryCounts();
      const getMutation = await fetch(
        `${stack.gateway.url}?query=${encodeURIComponent('mutation { respondToQuestionnaire(questionnaireId: "1", answers: []) { id } }')}`,
      );
      expect(getMutation.status).toBeGreaterThanOrEqual(400);
      expect(getMutation.status).toBeLessThan(500);
      expect(sqlFor(getMutation)).toEqual([]);
    });

    it('answers CORS from the allow-list only, never echoing another Origin', async () => {
      const preflight = (origin: string) =>
        fetch(stack.gateway.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
      const app = await preflight('https://app.example.gov.cn');
      expect(app.headers.get('access-control-allow-origin')).toBe('https://app.example.gov.cn');
      const post = await stack.post(
        { query: '{ __typename }' },
        { headers: { origin: 'https://evil.example' } },
      );
      expect(post.status).toBe(200);
    });

    it('hides the schema from anonymous callers, gives no suggestions, names no subgraph or host (finding 11)', async () => {
      const introspection = await refused(
        { query: '{ __schema { queryType { name } } }' },
        'INTROSPECTION_DISABLED',
      );
      expect(introspection.errors?.[0].message).toMatch(/signed-in/);
      const token = await stack.token({ roles: ['staff'], district: '341002' });
      expect(
        (
          await stack.post<{ __schema: { queryType: { name: string } } }>(
            { query: '{ __schema { queryType { name } } }' },
            { token },
          )
        ).body.data!.__schema.queryType.name,
      ).toBe('Query');
      expect((await stack.post({ query: '{ __typename }' })).body.data!.__typename).toBe('Query');

      const typo = await stack.post({ query: '{ distrcts { code } }' });
      expect(typo.status).toBe(400);
      expect(typo.body.errors?.[0].message).not.toMatch(/Did you mean/);
      const badEnum = await stack.post({
        query: 'query($s: ProposalStatus) { proposals(filter: { status: $s }) { totalCount } }',
        variables: { s: 'FILD' },
      });
      expect(JSON.stringify(badEnum.body)).not.toMatch(/Did you mean/);

      const failing = await stack.post({ query: '{ proposal(id: "not-an-id") { title } }' });
      const text = JSON.stringify(failing.body);
      expect(text).not.toMatch(/serviceName|127\.0\.0\.1|localhost|https?:\/\//);
      // EXPLORER=off (the production default): no GraphiQL from the gateway nor from Yoga.
      const page = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
    });
  },
);
