import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };

for (const configuration of CONFIGURATIONS.filter((c) => c.name !== 'hive')) {
  describe(`errors in Chinese for a client that asks (${configuration.name})`, () => {
    let stack: Stack;
    let staff: string;
    beforeAll(async () => {
      stack = await startStack({ engine: configuration.engine, settings: configuration.settings });
      staff = await stack.token({ roles: ['staff'], district: '341002' });
    }, 120_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it("a subgraph's input error names the field and rule in Chinese, code unchanged, English kept", async () => {
      const operation = { query: 'mutation { fileProposal(id: "abc", version: 1) { id } }' };
      const chinese = await stack.post(operation, { token: staff, headers: zh });
      const english = await stack.post(operation, { token: staff });
      expect(chinese.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(chinese.body.errors?.[0].message).toBe('输入有误：id 不是有效的编号');
      expect(chinese.body.errors?.[0].extensions?.messageEn).toBe(english.body.errors?.[0].message);
      expect(english.body.errors?.[0].message).toMatch(/^id: /);
      expect(chinese.status).toBe(english.status);
    });

    it("the gateway's own refusals and invalid documents too", async () => {
      const refused = await stack.post(
        { query: '{ __typename }' },
        { token: 'not-a-token', headers: zh },
      );
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0].message).toMatch(/^未登录/);
      const invalid = await stack.post(
        { query: '{ noSuchField }' },
        { headers: { ...zh, accept: 'application/graphql-response+json' } },
      );
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors?.[0]).toMatchObject({
        message: '查询不符合接口定义',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      expect(invalid.body.errors?.[0].extensions?.messageEn).toContain('noSuchField');
    });

    it('data beside errors is unchanged, and a client preferring English gets English', async () => {
      const query = {
        // A malformed id is refused (BAD_USER_INPUT) beside the data that answers.
        query: '{ district(code: "341002") { name } proposal(id: "not-an-id") { id } }',
      };
      const chinese = await stack.post(query, { headers: zh });
      const english = await stack.post(query, {
        headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.4' },
      });
      expect(chinese.body.data).toEqual(english.body.data);
      expect(chinese.body.errors!.map((e) => e.extensions?.code)).toEqual(
        english.body.errors!.map((e) => e.extensions?.code),
      );
      expect(english.body.errors?.[0].message).not.toMatch(/[\u4e00-\u9fff]/);
      expect(chinese.body.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/);
    });
  });
}
