import { demoStudios } from '@cppcc/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

/**
 * Records linked across subgraphs, driven through the gateway as the client apps drive them
 * (issue 18, item 3): a studio reception and the draft it produced.
 */
const DISTRICT = '341002';
const studio = demoStudios().find((s) => s.district === DISTRICT)!;

describe('links between records through the gateway', () => {
  let stack: Stack;
  let lead: string;
  let staff: string;
  let otherStaff: string;
  beforeAll(async () => {
    stack = await startStack({ databaseUrl: process.env.DATABASE_URL });
    lead = await stack.token({
      roles: ['member'],
      district: DISTRICT,
      memberId: String(studio.leadMemberId),
    });
    staff = await stack.token({ roles: ['staff'], district: DISTRICT });
    otherStaff = await stack.token({ roles: ['staff'], district: '341021' });
  }, 300_000);
  afterAll(() => stack?.stop());

  const gql = async (query: string, token: string, variables: Record<string, unknown> = {}) =>
    (await stack.post({ query, variables }, { token })).body;

  describe('studio reception → proposal draft (接待 → 提案草稿)', () => {
    const record = async (title: string) => {
      const body = await gql(
        `mutation R($input: RecordStudioReceptionInput!) { recordStudioReception(input: $input) { id version availableActions } }`,
        lead,
        {
          input: {
            studioId: String(studio.id),
            receivedOn: '2026-11-04',
            visitors: 3,
            title,
            detail: '商户反映老街夜间照明不足，游客夜游体验差，希望增设景观照明。',
          },
        },
      );
      expect(body.errors).toBeUndefined();
      return body.data.recordStudioReception as {
        id: string;
        version: number;
        availableActions: string[];
      };
    };
    const passOn = (id: string, version: number, target: string) =>
      gql(
        `mutation P($id: ID!, $version: Int!, $target: StudioIssueTarget!) { passOnStudioIssue(id: $id, version: $version, target: $target) { id status target } }`,
        lead,
        { id, version, target },
      );
    const READ = `query Q($id: ID!) { member(id: $id) { studio { receptions { id title status
      proposalDraft { id title status author { id } studioReception { id title receivedOn } }
      opinionItemDraft { id title status studioReception { id title } } } } } }`;
    const reception = async (id: string, token: string) =>
      (
        (await gql(READ, token, { id: String(studio.leadMemberId) })).data.member.studio
          .receptions as {
          id: string;
          proposalDraft: {
            id: string;
            title: string;
            status: string;
            author: { id: string };
            studioReception: { id: string; title: string; receivedOn: string } | null;
          } | null;
          opinionItemDraft: { id: string; studioReception: { id: string } | null } | null;
        }[]
      ).find((r) => r.id === id);

    it('the member finds the draft from the reception, and the draft names its reception', async () => {
      const r = await record('老街夜间照明不足影响夜游');
      expect(r.availableActions).toEqual(['passOn', 'close']);
      const passed = await passOn(r.id, r.version, 'PROPOSAL_DRAFT');
      expect(passed.errors).toBeUndefined();
      expect(passed.data.passOnStudioIssue).toMatchObject({
        status: 'PASSED_ON',
        target: 'PROPOSAL_DRAFT',
      });
      const seen = await stack.settle(
        async () => (await reception(r.id, lead))?.proposalDraft ?? undefined,
      );
      expect(seen).toMatchObject({
        title: '老街夜间照明不足影响夜游',
        status: 'DRAFT',
        author: { id: String(studio.leadMemberId) },
        studioReception: { id: r.id, title: '老街夜间照明不足影响夜游', receivedOn: '2026-11-04' },
      });
      // From the member's drafts, as the member app lists them.
      const drafts = await gql(
        `query D($id: ID!) { member(id: $id) { proposals(status: DRAFT, first: 50) { nodes { id studioReception { id } } } } }`,
        lead,
        { id: String(studio.leadMemberId) },
      );
      expect(drafts.data.member.proposals.nodes).toContainEqual({
        id: seen.id,
        studioReception: { id: r.id },
      });
      // The district's staff see both sides; another district's staff neither.
      expect((await reception(r.id, staff))?.proposalDraft?.id).toBe(seen.id);
      const other = await gql(`query P($id: ID!) { proposal(id: $id) { id } }`, otherStaff, {
        id: seen.id,
      });
      expect(other.data?.proposal ?? null).toBeNull();
    });

    it('an opinion item drafted from a reception names it too; a closed reception is not passed on', async () => {
      const r = await record('老街公厕数量不足');
      expect((await passOn(r.id, r.version, 'OPINION_ITEM')).errors).toBeUndefined();
      const seen = await stack.settle(
        async () => (await reception(r.id, lead))?.opinionItemDraft ?? undefined,
      );
      expect(seen.studioReception).toEqual({ id: r.id, title: '老街公厕数量不足' });
      expect((await reception(r.id, lead))?.proposalDraft).toBeNull();

      const closed = await record('老街商户咨询社保政策');
      const close = await gql(
        `mutation C($id: ID!, $version: Int!) { closeStudioReception(id: $id, version: $version) { status version availableActions } }`,
        lead,
        { id: closed.id, version: closed.version },
      );
      expect(close.data.closeStudioReception).toMatchObject({
        status: 'CLOSED',
        availableActions: [],
      });
      const refused = await passOn(
        closed.id,
        close.data.closeStudioReception.version,
        'PROPOSAL_DRAFT',
      );
      expect(refused.errors[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'CLOSED',
        action: 'passOn',
      });
    });
  });
});
