import { toGlobalId } from '@cppcc/kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { createGateway, type RunningGateway } from '@cppcc/gateway';
import { coreModules } from '@cppcc/installation';
import { compose } from '@cppcc/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation, type GraphResponse, type Operation } from '@cppcc/testing';
import { settings, startStack, type Stack } from '../harness.js';

/**
 * Issue 13, finding 9: tokens must expire, not be issued in the future, name the configured
 * issuer and audience; the member, unit and district a token names are checked against the
 * registry. Issue 14, Deliver 5: without the district tree (organization down, or a supergraph
 * without it) anonymous callers are served, signed-in ones get a 503 with a code, and /readyz
 * names the directory's state.
 */
const A = '341002'; // 屯溪区
const B = '341021'; // 歙县
const DEAD = 'http://127.0.0.1:9/graphql';
const key = new TextEncoder().encode(settings.jwtSecret);

const ME = operation<{ me: { id: string } }>('{ me { id } }');
const PUBLIC = operation<{ members: { totalCount: number } }>(
  '{ members(first: 1) { totalCount } }',
);

/** POSTs an operation to a gateway; `TData` is the shape of the data it selects. */
async function post<TData = Record<string, unknown>>(
  url: string,
  query: string | Operation<TData>,
  token?: string,
) {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: r.status,
    body: (await r.json()) as GraphResponse<TData>,
  };
}

describe('tokens and the registry', () => {
  let stack: Stack;
  const extra: RunningGateway[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-trust-callers-'));
  const gatewayWith = async (
    changes: Parameters<typeof createGateway>[0] extends infer O ? Partial<O> : never,
  ) => {
    const gateway = await createGateway({
      settings,
      supergraphPath: stack.supergraphPath,
      routingUrls: Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
      transport: stack.transport,
      port: 0,
      ...changes,
    });
    extra.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    stack = await startStack({ seed: { scale: 1 } });
  }, 180_000);
  afterAll(async () => {
    for (const g of extra) await g.stop();
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('accepts a member token that matches the registry', async () => {
    const token = await stack.token({ roles: ['member'], district: A, memberId: '111' });
    const r = await post(stack.gateway.url, ME, token);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.me.id).toBe(toGlobalId('Member', 111));
  });

  it("refuses a member token naming another district than the member's", async () => {
    const token = await stack.token({ roles: ['member'], district: B, memberId: '111' });
    const r = await post(stack.gateway.url, ME, token);
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0].extensions?.code).toBe('CALLER_NOT_IN_REGISTRY');
    expect(r.body.errors?.[0].message).toMatch(
      /member 111 of district 341002 with district 341021/,
    );
  });

  it('refuses a member that does not exist', async () => {
    const token = await stack.token({ roles: ['member'], district: A, memberId: '987654' });
    const r = await post(stack.gateway.url, ME, token);
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0].extensions?.code).toBe('CALLER_NOT_IN_REGISTRY');
  });

  it('refuses a member who left, within moments: the bus event drops the cached answer', async () => {
    const token = await stack.token({ roles: ['member'], district: A, memberId: '113' });
    expect((await post(stack.gateway.url, ME, token)).body.data?.me.id).toBe(
      toGlobalId('Member', 113),
    );
    const staff = await stack.token({ roles: ['staff'], district: A });
    const left = await post<{ updateMemberProfile: { status: string } }>(
      stack.gateway.url,
      'mutation { updateMemberProfile(id: "113", input: { status: LEFT, effectiveOn: "2026-01-01" }) { status } }',
      staff,
    );
    expect(left.body.errors).toBeUndefined();
    expect(left.body.data?.updateMemberProfile.status).toBe('LEFT');
    // Well inside the cache's 60 s: only the member.registered event can have dropped the answer.
    const refused = await stack.settle(async () => {
      const r = await post(stack.gateway.url, ME, token);
      return r.status === 403 ? r : undefined;
    }, 20_000);
    expect(refused.body.errors?.[0].extensions?.code).toBe('CALLER_NOT_IN_REGISTRY');
    expect(refused.body.errors?.[0].message).toMatch(/member 113, which is not active/);
  });

  it('refuses a unit token without unitId, and a unit of another district', async () => {
    const bare = await post(
      stack.gateway.url,
      PUBLIC,
      await stack.token({ roles: ['unit'], district: A }),
    );
    expect(bare.status).toBe(401);
    expect(bare.body.errors?.[0].message).toMatch(/unitId/);
    const other = await post(
      stack.gateway.url,
      PUBLIC,
      await stack.token({ roles: ['unit'], district: B, unitId: '23' }),
    );
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0].extensions?.code).toBe('CALLER_NOT_IN_REGISTRY');
    const own = await post(
      stack.gateway.url,
      PUBLIC,
      await stack.token({ roles: ['unit'], district: A, unitId: '23' }),
    );
    expect(own.status).toBe(200);
    expect(own.body.errors).toBeUndefined();
  });

  it('refuses a token without exp, one issued in the future, and one living longer than allowed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT({ roles: ['staff'], district: A })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s1')
      .setIssuedAt(now)
      .sign(key);
    const future = await new SignJWT({ roles: ['staff'], district: A })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s1')
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    const long = await new SignJWT({ roles: ['staff'], district: A })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s1')
      .setIssuedAt(now)
      .setExpirationTime(now + settings.tokenMaxLifetimeSeconds + 60)
      .sign(key);
    for (const [token, reason] of [
      [noExp, /exp is missing/],
      [future, /iat is in the future/],
      [long, /lives longer than/],
    ] as const) {
      const r = await post(stack.gateway.url, PUBLIC, token);
      expect(r.status).toBe(401);
      expect(r.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.body.errors?.[0].message).toMatch(reason);
    }
  });

  it('with an issuer and audience configured, refuses tokens that do not name them', async () => {
    const strict = { ...settings, jwtIssuer: 'https://id.example', jwtAudience: 'cppcc-graph' };
    const gateway = await gatewayWith({ settings: strict });
    const sign = (iss: string | null, aud: string | null) => {
      let jwt = new SignJWT({ roles: ['staff'], district: A })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('s1')
        .setIssuedAt()
        .setExpirationTime('5m');
      if (iss) jwt = jwt.setIssuer(iss);
      if (aud) jwt = jwt.setAudience(aud);
      return jwt.sign(key);
    };
    for (const token of [
      await sign(null, null),
      await sign('https://evil.example', 'cppcc-graph'),
      await sign('https://id.example', 'another-app'),
      await sign('https://id.example', null),
    ]) {
      const r = await post(gateway.url, PUBLIC, token);
      expect(r.status).toBe(401);
    }
    const ok = await post(gateway.url, PUBLIC, await sign('https://id.example', 'cppcc-graph'));
    expect(ok.status).toBe(200);
  });

  it('with the registry down, anonymous callers are served and signed-in members get a 503 with a code', async () => {
    const gateway = await gatewayWith({
      routingUrls: {
        ...Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
        members: DEAD,
      },
    });
    const anonymous = await post<{ districts: { code: string }[] }>(
      gateway.url,
      '{ districts { code } }',
    );
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data?.districts.length).toBeGreaterThan(0);
    const member = await post(
      gateway.url,
      '{ districts { code } }',
      await stack.token({ roles: ['member'], district: A, memberId: '112' }),
    );
    expect(member.status).toBe(503);
    expect(member.body.errors?.[0].extensions?.code).toBe('REGISTRY_UNAVAILABLE');
  });

  it('with organization down, anonymous callers get the default view and signed-in staff a 503; /readyz names the directory', async () => {
    const gateway = await gatewayWith({
      routingUrls: {
        ...Object.fromEntries([...stack.modules].map(([name, m]) => [name, m.url])),
        organization: DEAD,
      },
    });
    const anonymous = await post(gateway.url, PUBLIC);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data?.members.totalCount).toBeGreaterThan(0);
    const staff = await post(
      gateway.url,
      PUBLIC,
      await stack.token({ roles: ['staff'], district: A }),
    );
    expect(staff.status).toBe(503);
    expect(staff.body.errors?.[0].extensions?.code).toBe('DISTRICT_DIRECTORY_UNAVAILABLE');
    const ready = await fetch(gateway.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { districtDirectory: string }).districtDirectory).toBe(
      'unavailable',
    );
  });

  it('serves a foreign supergraph without an organization subgraph (anonymous), saying so in /readyz', async () => {
    const members = coreModules.find((m) => m.name === 'members')!;
    const foreign = path.join(tmp, 'members-only.graphql');
    fs.writeFileSync(foreign, compose([members]).supergraph);
    const gateway = await gatewayWith({
      supergraphPath: foreign,
      routingUrls: { members: stack.modules.get('members')!.url },
    });
    const anonymous = await post(gateway.url, PUBLIC);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data?.members.totalCount).toBeGreaterThan(0);
    const ready = await fetch(gateway.url.replace('/graphql', '/readyz'));
    const state = (await ready.json()) as { districtDirectory: string; status: string };
    expect(state.districtDirectory).toBe('absent');
    expect(ready.status).toBe(200);
  });

  it('/readyz reports the directory loaded on the whole platform', async () => {
    const ready = await fetch(stack.gateway.url.replace('/graphql', '/readyz'));
    expect(((await ready.json()) as { districtDirectory: string }).districtDirectory).toBe(
      'loaded',
    );
  });
});
