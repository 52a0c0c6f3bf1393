import { CITY } from '@cppcc/demo';
import { ENGINES } from '@cppcc/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const answer = `mutation Answer { respondToQuestionnaire(questionnaireId: "1", answers: []) { id } }`;

describe.each(ENGINES)('the anonymous write budget through the %s engine', (engine) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ engine, anonymousWritesPerMinute: 3 });
  });
  afterAll(() => stack?.stop());

  it('answers an address past its budget with RATE_LIMITED before the subgraph, and still serves reads and signed-in writes', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const { status, body } = await stack.post({ query: answer });
      expect(status).toBe(200);
      codes.push(body.errors?.[0]?.extensions?.code);
    }
    // The first three reach consultation, which refuses the empty answer on its own terms.
    expect(codes.slice(0, 3).every((c) => c !== 'RATE_LIMITED')).toBe(true);
    const limited = (await stack.post({ query: answer })).body;
    expect(limited.data ?? null).toBeNull();
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(codes[3]).toBe('RATE_LIMITED');

    const read = await stack.post({ query: '{ districts { code } }' });
    expect(read.body.errors).toBeUndefined();
    const token = await stack.token({ roles: ['member'], district: CITY, memberId: '12' });
    const signed = await stack.post({ query: answer }, { token });
    expect(signed.body.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
    // A client cannot claim another address: the gateway sets it from the connection.
    const spoofed = await stack.post(
      { query: answer },
      { headers: { 'x-cppcc-client': '198.51.100.7', 'x-forwarded-for': '198.51.100.8' } },
    );
    expect(spoofed.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
