import { randomUUID } from 'node:crypto';
import { systemEm } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

const DISTRICT = '341002';
const record = (title: string) =>
  `mutation Record { recordPolicyDocument(input: { district: "${DISTRICT}", kind: WORK_OPINION, title: "${title}", issuedBy: "区委办公室", issuedOn: "2026-12-06", summary: "意见" }) { id title } }`;

describe.each(CONFIGURATIONS)(
  'idempotent writes through the $name engine',
  ({ engine, settings: configuration }) => {
    let stack: Stack;
    let staff: string;
    beforeAll(async () => {
      stack = await startStack({
        engine,
        settings: configuration,
        databaseUrl: process.env.DATABASE_URL,
      });
      staff = await stack.token({ roles: ['staff'], district: DISTRICT });
    });
    afterAll(() => stack?.stop());

    /** Rows with this title, read from the organization subgraph's own database. */
    const rows = async (title: string) =>
      Number(
        (
          (await systemEm(stack.modules.get('organization')!.orm).execute(
            'select count(*) as n from policy_document where title = ?',
            [title],
          )) as { n: number }[]
        )[0].n,
      );
    const keys = async (key: string) =>
      Number(
        (
          (await systemEm(stack.modules.get('organization')!.orm).execute(
            'select count(*) as n from idempotency_key where key = ?',
            [key],
          )) as { n: number }[]
        )[0].n,
      );

    it('a retry with the same Idempotency-Key answers the first result and writes nothing more', async () => {
      const title = `幂等测试 ${engine} ${randomUUID().slice(0, 8)}`;
      const key = randomUUID();
      const first = await stack.post(
        { query: record(title) },
        { token: staff, headers: { 'idempotency-key': key } },
      );
      expect(first.body.errors).toBeUndefined();
      const again = await stack.post(
        { query: record(title) },
        { token: staff, headers: { 'idempotency-key': key } },
      );
      expect(again.body).toEqual(first.body);
      expect(await rows(title)).toBe(1);
      expect(await keys(key)).toBe(1);

      // Reads ignore the header: nothing is kept for them.
      const readKey = randomUUID();
      expect(
        (
          await stack.post(
            { query: '{ districts { code } }' },
            { token: staff, headers: { 'idempotency-key': readKey } },
          )
        ).body.errors,
      ).toBeUndefined();
      expect(await keys(readKey)).toBe(0);
    });

    it('the same key with a different request is refused, naming the header and the rule; another caller has keys of its own', async () => {
      const key = randomUUID();
      const title = `幂等测试 ${engine} ${randomUUID().slice(0, 8)}`;
      await stack.post(
        { query: record(title) },
        { token: staff, headers: { 'idempotency-key': key } },
      );
      const other = await stack.post(
        { query: record(`${title} 改`) },
        { token: staff, headers: { 'idempotency-key': key } },
      );
      expect(other.status).toBe(200);
      expect(other.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'idempotency-key',
        rule: 'reused',
      });
      expect(await rows(`${title} 改`)).toBe(0);

      const colleague = await stack.token({
        roles: ['staff'],
        district: DISTRICT,
        subject: 'staff-2',
      });
      const theirs = await stack.post(
        { query: record(`${title} 同事`) },
        { token: colleague, headers: { 'idempotency-key': key } },
      );
      expect(theirs.body.errors).toBeUndefined();
      expect(await rows(`${title} 同事`)).toBe(1);
    });

    it('concurrent requests with one key write once and all get the same answer', async () => {
      const key = randomUUID();
      const title = `幂等并发 ${engine} ${randomUUID().slice(0, 8)}`;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          stack.post<{ recordPolicyDocument: { title: string } }>(
            { query: record(title) },
            { token: staff, headers: { 'idempotency-key': key } },
          ),
        ),
      );
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(answers[0].body.data!.recordPolicyDocument.title).toBe(title);
      expect(await rows(title)).toBe(1);
    });
  },
);
