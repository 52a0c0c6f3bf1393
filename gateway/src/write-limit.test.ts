import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { encodeCaller } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { admitWrite, clientAddress, memoryWriteLimiter, redisWriteLimiter, type WriteLimiter } from './write-limit.js';

const mutation = parse('mutation Answer { respondToQuestionnaire(questionnaireId: "1", answers: []) { id } }');
const query = parse('query Look { districts { code } }');
const anonymous = encodeCaller({ userId: null, memberId: null, roles: [], district: null, districts: [] });
const signedIn = encodeCaller({ userId: 'u1', memberId: '12', roles: ['member'], district: '341000', districts: [] });

describe('the anonymous write budget', () => {
  it('counts per address in one-minute windows, and a new minute starts afresh', async () => {
    let now = Date.UTC(2026, 10, 28, 3, 0, 10);
    const limiter = memoryWriteLimiter(2, () => now);
    expect(await limiter.take('a')).toEqual({ ok: true });
    expect(await limiter.take('a')).toEqual({ ok: true });
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(await limiter.take('b')).toEqual({ ok: true });
    now += 50_000;
    expect(await limiter.take('a')).toEqual({ ok: true });
  });

  it('budgets anonymous mutations only: reads and signed-in callers pass, the refusal names the limit', async () => {
    const limiter = memoryWriteLimiter(1);
    expect(await admitWrite(limiter, query, 'Look', anonymous, 'a')).toBeNull();
    expect(await admitWrite(limiter, mutation, 'Answer', anonymous, 'a')).toBeNull();
    const refused = await admitWrite(limiter, mutation, 'Answer', anonymous, 'a');
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 1 });
    expect(Number(refused?.extensions.retryAfterSeconds)).toBeGreaterThan(0);
    expect(await admitWrite(limiter, mutation, 'Answer', signedIn, 'a')).toBeNull();
    expect(await admitWrite(limiter, query, 'Look', anonymous, 'a')).toBeNull();
    expect(await admitWrite(null, mutation, 'Answer', anonymous, 'a')).toBeNull();
  });

  it('takes the address the trusted proxy appended, never one the client wrote', () => {
    const req = (xff?: string) => ({ headers: xff ? { 'x-forwarded-for': xff } : {}, socket: { remoteAddress: '10.0.0.2' } }) as any;
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), false)).toBe('10.0.0.2');
    expect(clientAddress(req(), true)).toBe('10.0.0.2');
  });

  it.runIf(process.env.REDIS_URL)('shares one budget between gateway instances on one Redis', async () => {
    const prefix = `test:writes:${randomUUID()}`;
    const limiters: WriteLimiter[] = [await redisWriteLimiter(process.env.REDIS_URL!, 3, prefix), await redisWriteLimiter(process.env.REDIS_URL!, 3, prefix)];
    try {
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await limiters[i % 2].take('203.0.113.9')).ok);
      expect(results).toEqual([true, true, true, false]);
      expect((await limiters[0].take('203.0.113.10')).ok).toBe(true);
    } finally {
      for (const l of limiters) await l.close();
    }
  });
});
