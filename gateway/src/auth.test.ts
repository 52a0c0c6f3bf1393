import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { readSettings } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenReader } from './auth.js';
import { signDevToken } from './dev-tokens.js';

describe('tokens in development (HS256)', () => {
  const settings = readSettings({});
  const read = createTokenReader(settings);

  it('reads roles, district and member from a dev token', async () => {
    const token = await signDevToken(settings, {
      roles: ['member'],
      district: '341000',
      memberId: '12',
    });
    const result = await read(`Bearer ${token}`);
    expect(result).toMatchObject({
      ok: true,
      caller: { roles: ['member'], district: '341000', memberId: '12' },
    });
  });

  it('treats no token as anonymous and refuses a token signed with another secret', async () => {
    expect(await read(undefined)).toMatchObject({ ok: true, caller: { userId: null, roles: [] } });
    const forged = await signDevToken(
      { ...settings, jwtSecret: 'someone-else' },
      { roles: ['admin'], district: '341000' },
    );
    const result = await read(`Bearer ${forged}`);
    expect(result.ok).toBe(false);
  });

  it('drops roles it does not know', async () => {
    const token = await new SignJWT({ roles: ['staff', 'emperor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(settings.jwtSecret));
    expect(await read(`Bearer ${token}`)).toMatchObject({ ok: true, caller: { roles: ['staff'] } });
  });

  it('believes an accepted token again only until it expires, and never a refused one', async () => {
    const secret = new TextEncoder().encode(settings.jwtSecret);
    const now = Date.now();
    const token = await new SignJWT({ roles: ['staff'], district: '341002' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u2')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 120)
      .sign(secret);
    const first = await read(`Bearer ${token}`, now);
    const again = await read(`Bearer ${token}`, now + 1_000);
    expect(first).toMatchObject({ ok: true, caller: { userId: 'u2', district: '341002' } });
    // Remembered: the same caller, which no request can change for the next.
    expect(again).toEqual(first);
    expect(Object.isFrozen(again.ok && again.caller)).toBe(true);
    // Past its exp it is refused, remembered or not.
    expect(await read(`Bearer ${token}`, now + 121_000)).toMatchObject({ ok: false });
    // A token refused once (another secret) stays refused, read after read.
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u3')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('someone-else'));
    for (let i = 0; i < 2; i++) expect((await read(`Bearer ${forged}`)).ok).toBe(false);
  });
});

describe('tokens in production (JWKS)', () => {
  let server: http.Server;
  let privateKey: CryptoKey;
  let jwksUrl: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: object, issuer = 'https://id.example.gov.cn') =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('user-7')
      .setIssuer(issuer)
      .setAudience('cppcc-graph')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token signed by a key the JWKS publishes, with the right issuer and audience', async () => {
    const read = createTokenReader({
      ...readSettings({}),
      jwksUrl,
      jwtIssuer: 'https://id.example.gov.cn',
      jwtAudience: 'cppcc-graph',
    });
    const result = await read(`Bearer ${await sign({ roles: ['leader'], district: '341000' })}`);
    expect(result).toMatchObject({ ok: true, caller: { userId: 'user-7', roles: ['leader'] } });
  });

  it('refuses a wrong issuer and an HS256 token even with the dev secret', async () => {
    const read = createTokenReader({
      ...readSettings({}),
      jwksUrl,
      jwtIssuer: 'https://id.example.gov.cn',
      jwtAudience: 'cppcc-graph',
    });
    expect((await read(`Bearer ${await sign({}, 'https://evil.example')}`)).ok).toBe(false);
    const hs = await signDevToken(readSettings({}), { roles: ['admin'], district: '341000' });
    expect((await read(`Bearer ${hs}`)).ok).toBe(false);
  });
});
