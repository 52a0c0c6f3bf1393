import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  createClient,
  DistrictPageDocument,
  FileProposalDocument,
  GraphRequestError,
  type Client,
} from '@cppcc/client';
import { members } from '@cppcc/demo';
import { fromGlobalId, toGlobalId } from '@cppcc/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backOffice, fileAndAssign } from '../clients/typescript/examples/back-office.js';
import { pluginConsole, switchPlugin } from '../clients/typescript/examples/district-operator.js';
import { memberHome, submitProposal } from '../clients/typescript/examples/member-app.js';
import { publicPortal } from '../clients/typescript/examples/public-portal.js';
import { receiveAndReply, unitTasks } from '../clients/typescript/examples/unit-portal.js';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

const DISTRICT = '341002';
const manifestPath = new URL(
  '../clients/typescript/src/generated/persisted-documents.json',
  import.meta.url,
);
const manifest: Record<string, string> = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

describe('the typed client: each README flow through the gateway', () => {
  let stack: Stack;
  const client = (token?: string, district?: string): Client =>
    createClient({ url: stack.gateway.url, token, district });
  beforeAll(async () => {
    stack = await startStack({});
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('a proposal goes from the member app through the back office to the unit portal, by document ids', async () => {
    const author = members().find((m) => m.district === DISTRICT)!;
    const member = client(
      await stack.token({ roles: ['member'], district: DISTRICT, memberId: String(author.id) }),
    );
    const submitted = await submitProposal(member, '关于统一黄山茶公共品牌的建议（客户端示例）');
    expect(submitted.status).toBe('SUBMITTED');
    const home = await memberHome(member);
    expect(home.me?.id).toBe(toGlobalId('Member', author.id));
    expect(home.me?.proposals?.nodes.map((p) => p.id)).toContain(submitted.id);
    expect(home.archive?.counts.length).toBeGreaterThan(0);

    const staff = client(await stack.token({ roles: ['staff'], district: DISTRICT }));
    const office = await backOffice(staff, DISTRICT);
    const queued = office.queue.find((p) => p.id === submitted.id);
    expect(queued?.availableActions).toContain('file');
    expect(office.figures.submitted).toBeGreaterThanOrEqual(office.waiting);
    const { proposal, unit } = await fileAndAssign(staff, queued!, DISTRICT);
    expect(proposal.status).toBe('ASSIGNED');
    // A step on the version read before filing: CONFLICT, with the version to re-read at.
    const stale = await staff.execute(FileProposalDocument, {
      id: submitted.id,
      version: submitted.version,
    });
    expect(stale.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      currentVersion: proposal.version,
      sentVersion: submitted.version,
    });
    expect(proposal.tasks.map((t) => t.unit?.id)).toEqual([unit.id]);

    const handler = client(
      // A token names the unit by its key, as the identity provider knows it.
      await stack.token({
        roles: ['unit'],
        district: DISTRICT,
        unitId: fromGlobalId(unit.id)!.key,
      }),
    );
    const task = (await unitTasks(handler)).nodes.find((t) => t.proposal?.id === submitted.id);
    expect(task?.status).toBe('PENDING_RECEIPT');
    const replied = await receiveAndReply(handler, task!.id);
    expect(replied.status).toBe('REPLIED');
  });

  it('the district operator switches a plugin and the public portal reads the district', async () => {
    const operator = client(await stack.token({ roles: ['operator'], district: DISTRICT }));
    const before = await pluginConsole(operator, DISTRICT);
    const plugin = before.installed[0];
    const wasOn = !!before.switches.find((s) => s.plugin.id === plugin.id)?.enabled;
    expect((await switchPlugin(operator, DISTRICT, plugin.id, !wasOn)).enabled).toBe(!wasOn);
    const after = await pluginConsole(operator, DISTRICT);
    expect(after.switches.find((s) => s.plugin.id === plugin.id)?.enabled ?? false).toBe(!wasOn);

    const page = await publicPortal(client(undefined, DISTRICT), DISTRICT);
    expect(page.district?.code).toBe(DISTRICT);
    expect(page.district?.name).toBeTruthy();
  });

  it('refuses an id the manifest lacks, naming it', async () => {
    const answer = await stack.post({ documentId: 'sha256:0000' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(answer.body.errors?.[0].message).toContain('documentId');
  });
});

for (const configuration of CONFIGURATIONS.filter((c) => c.name !== 'hive')) {
  describe(`trusted documents for anonymous callers (${configuration.name})`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({
        engine: configuration.engine,
        settings: configuration.settings,
        gatewaySettings: { trustedDocuments: 'anonymous' },
      });
    }, 120_000);
    afterAll(async () => {
      await stack?.stop();
    });
    const [pageId, pageText] = Object.entries(manifest).find(([, text]) =>
      text.startsWith('query DistrictPage'),
    )!;

    it('serves a manifest document by id, by APQ hash, by GET and as its exact text', async () => {
      const variables = { code: DISTRICT };
      const byId = await stack.post<{ district: { code: string } }>({
        documentId: pageId,
        variables,
      });
      expect(byId.status).toBe(200);
      expect(byId.body.data!.district.code).toBe(DISTRICT);
      const apq = await stack.post({
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: pageId.slice('sha256:'.length) } },
      });
      expect(apq.body).toEqual(byId.body);
      const get = await fetch(
        `${stack.gateway.url}?documentId=${encodeURIComponent(pageId)}&variables=${encodeURIComponent(JSON.stringify(variables))}`,
        { headers: { accept: 'application/json' } },
      );
      expect(await get.json()).toEqual(byId.body);
      expect(createHash('sha256').update(pageText).digest('hex')).toBe(
        pageId.slice('sha256:'.length),
      );
      const byText = await stack.post({ query: pageText, variables });
      expect(byText.body).toEqual(byId.body);
      const typed = await createClient({ url: stack.gateway.url }).request(
        DistrictPageDocument,
        variables,
      );
      expect(typed.district?.code).toBe(DISTRICT);
    });

    it('refuses any other text from an anonymous caller with 400 PERSISTED_DOCUMENT_REQUIRED, and not from a signed-in one', async () => {
      const anonymous = await stack.post({ query: `{ district(code: "${DISTRICT}") { name } }` });
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
      expect(anonymous.body.errors?.[0].message).toMatch(/^query: /);
      expect(anonymous.body.data).toBeUndefined();
      const text = createClient({ url: stack.gateway.url, send: 'text' });
      const refused = await text
        .request(DistrictPageDocument, { code: DISTRICT })
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(GraphRequestError);
      expect((refused as GraphRequestError).code).toBe('PERSISTED_DOCUMENT_REQUIRED');
      const batch = await stack.post([{ documentId: pageId, variables: { code: DISTRICT } }]);
      expect(batch.status).toBe(400);

      const staff = await stack.token({ roles: ['staff'], district: DISTRICT });
      const signedIn = await stack.post<{ district: { name: string } }>(
        { query: `{ district(code: "${DISTRICT}") { name } }` },
        { token: staff },
      );
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.data!.district.name).toBeTruthy();
    });

    it('refuses a documentId whose sent text differs', async () => {
      const answer = await stack.post({ documentId: pageId, query: '{ __typename }' });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    });
  });
}
