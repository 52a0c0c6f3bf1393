import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { encodeCaller, moduleLogger } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import {
  admitWrite,
  budgetOf,
  clientAddress,
  memoryWriteLimiter,
  redisWriteLimiter,
  type WriteBudgets,
  type WriteLimiter,
} from './write-limit.js';

const mutation = parse(
  'mutation Answer { respondToQuestionnaire(questionnaireId: "1", answers: []) { id } }',
);
const aliased = (n: number) =>
  parse(
    `mutation Many { ${Array.from({ length: n }, (_, i) => `a${i}: respondToQuestionnaire(questionnaireId: "1", answers: []) { id }`).join(' ')} }`,
  );
const query = parse('query Look { districts { code } }');
const anonymous = encodeCaller({
  userId: null,
  memberId: null,
  roles: [],
  district: null,
  districts: [],
});
const signedIn = encodeCaller({
  userId: 'u1',
  memberId: '12',
  roles: ['member'],
  district: '341000',
  districts: [],
});
const budgets = (
  anonymous: number,
  signedIn = 0,
  byRole: Record<string, number> = {},
): WriteBudgets => ({ anonymous, signedIn, byRole });

describe('the write budget', () => {
  it('counts every mutation field, aliases included, against an anonymous address', async () => {
    const limiter = memoryWriteLimiter(budgets(30));
    expect(await admitWrite(limiter, aliased(25), 'Many', anonymous, 'a')).toBeNull();
    const refused = await admitWrite(limiter, aliased(6), 'Many', anonymous, 'a');
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 30 });
    expect(Number(refused?.extensions.retryAfterSeconds)).toBeGreaterThan(0);
    // 200 aliases in one operation is 200 writes, not one.
    expect((await admitWrite(limiter, aliased(200), 'Many', anonymous, 'b'))?.extensions.code).toBe(
      'RATE_LIMITED',
    );
    expect(await admitWrite(limiter, query, 'Look', anonymous, 'a')).toBeNull();
  });

  it('gives signed-in callers a budget by role, the largest of their roles', async () => {
    const b = budgets(1, 2, { staff: 5 });
    expect(budgetOf(b, null)).toBe(1);
    expect(budgetOf(b, { userId: 'u', roles: ['member'] })).toBe(2);
    expect(budgetOf(b, { userId: 'u', roles: ['member', 'staff'] })).toBe(5);
    const limiter = memoryWriteLimiter(b);
    expect(await admitWrite(limiter, mutation, 'Answer', signedIn, 'a')).toBeNull();
    expect(await admitWrite(limiter, mutation, 'Answer', signedIn, 'a')).toBeNull();
    const refused = await admitWrite(limiter, mutation, 'Answer', signedIn, 'a');
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
    // The signed-in budget is the user's, not the address's.
    expect(await admitWrite(limiter, mutation, 'Answer', anonymous, 'a')).toBeNull();
    expect(
      await admitWrite(memoryWriteLimiter(budgets(0, 0)), aliased(50), 'Many', anonymous, 'a'),
    ).toBeNull();
    expect(await admitWrite(null, mutation, 'Answer', anonymous, 'a')).toBeNull();
  });

  it('takes the address the trusted proxy appended, never one the client wrote', () => {
    const req = (xff?: string) =>
      ({
        headers: xff ? { 'x-forwarded-for': xff } : {},
        socket: { remoteAddress: '10.0.0.2' },
      }) as unknown as Parameters<typeof clientAddress>[0];
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), false)).toBe('10.0.0.2');
    expect(clientAddress(req(), true)).toBe('10.0.0.2');
  });

  it.runIf(process.env.REDIS_URL)(
    'shares one budget between gateway instances on one Redis',
    async () => {
      const prefix = `test:writes:${randomUUID()}`;
      const log = moduleLogger('test');
      const limiters: WriteLimiter[] = [
        redisWriteLimiter(process.env.REDIS_URL!, budgets(3), 'closed', log, prefix),
        redisWriteLimiter(process.env.REDIS_URL!, budgets(3), 'closed', log, prefix),
      ];
      try {
        await new Promise((r) => setTimeout(r, 200)); // both connect (not awaited by design)
        const results = [];
        for (let i = 0; i < 4; i++)
          results.push((await limiters[i % 2].take('addr:203.0.113.9', 1, 3)).ok);
        expect(results).toEqual([true, true, true, false]);
        expect((await limiters[0].take('addr:203.0.113.10', 1, 3)).ok).toBe(true);
      } finally {
        for (const l of limiters) await l.close();
      }
    },
  );
});
