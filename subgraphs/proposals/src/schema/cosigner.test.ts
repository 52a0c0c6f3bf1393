import { proposalFiled } from '@cppcc/events';
import { today } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import {
  A,
  auditOf,
  countRows,
  DRAFT,
  eventsOf,
  input,
  member,
  ok,
  proposalFields,
  refused,
  staffOf,
  startProposals,
  type ProposalView,
} from '../test-support.js';

const author = member(9001);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.each(databases())(
  'joint proposals and co-signers on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
    });
    afterAll(() => module?.stop());

    const draft = () => ok<ProposalView>(module, DRAFT, { i: { ...input, kind: 'JOINT' } }, author);
    const invite = (
      p: { id: string; version: number },
      ids: number[],
      respondBy = inDays(7),
      caller = author,
    ) =>
      module.execute<{
        inviteProposalCosigners: { id: string; version: number; cosigners: { id: string }[] };
      }>(
        `mutation($m: [ID!]!, $d: Date!) { inviteProposalCosigners(id: "${p.id}", version: ${p.version}, memberIds: $m, respondBy: $d) { ${proposalFields} cosigners { id member { id } status } } }`,
        { m: ids.map(String), d: respondBy },
        caller,
      );
    const answer = (field: string, cosignerId: string, caller = member(9002)) =>
      module.execute(
        `mutation { ${field}(id: "${cosignerId}") { status availableActions } }`,
        {},
        caller,
      );
    const submitDraft = (p: { id: string; version: number }) =>
      module.execute<{ submitProposalDraft: { status: string } }>(
        `mutation { submitProposalDraft(id: "${p.id}", version: ${p.version}) { ${proposalFields} } }`,
        {},
        author,
      );
    const current = (id: string) =>
      ok<ProposalView>(module, `{ proposal(id: "${id}") { ${proposalFields} } }`, {}, author);

    it('invites co-signers of the same district, who accept or decline; the filed event names those who signed', async () => {
      const p = await draft();
      const invited = await invite(p, [9002, 9003]);
      expect(invited.errors).toBeUndefined();
      const [c2, c3] = invited.data!.inviteProposalCosigners.cosigners;
      // The invitee sees the draft they were invited to, and their invitation.
      expect(
        (
          await ok<{ status: string }>(
            module,
            `{ proposal(id: "${p.id}") { status } }`,
            {},
            member(9002),
          )
        ).status,
      ).toBe('DRAFT');
      const mine = await ok<
        {
          cosignInvitations: unknown[];
          cosignInvitationsConnection: { totalCount: number; nodes: unknown[] };
        }[]
      >(
        module,
        `{ _entities(representations: [{ __typename: "Member", id: "9002" }]) { ... on Member { cosignInvitations { id status lapsed proposal { id title status } } cosignInvitationsConnection(first: 10) { totalCount nodes { id status lapsed proposal { id title status } } } } } }`,
        {},
        member(9002),
      );
      expect(mine[0].cosignInvitations).toEqual([
        {
          id: c2.id,
          status: 'INVITED',
          lapsed: false,
          proposal: { id: p.id, title: input.title, status: 'DRAFT' },
        },
      ]);
      expect(mine[0].cosignInvitationsConnection).toEqual({
        totalCount: 1,
        nodes: mine[0].cosignInvitations,
      });

      expect((await submitDraft(await current(p.id))).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        rule: 'cosigners-pending',
      });
      expect(
        (await answer('acceptCosignInvitation', c2.id, member(9003))).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect((await answer('acceptCosignInvitation', c2.id)).data!.acceptCosignInvitation).toEqual({
        status: 'ACCEPTED',
        availableActions: [],
      });
      expect(
        (await answer('declineCosignInvitation', c3.id, member(9003))).data!
          .declineCosignInvitation,
      ).toMatchObject({ status: 'DECLINED' });
      expect((await answer('declineCosignInvitation', c2.id)).errors?.[0].extensions).toMatchObject(
        { code: 'ILLEGAL_TRANSITION', state: 'ACCEPTED', action: 'decline' },
      );

      const submitted = await submitDraft(await current(p.id));
      expect(submitted.data!.submitProposalDraft.status).toBe('SUBMITTED');
      const invitedLate = await invite(await current(p.id), [9004]);
      expect(invitedLate.errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        rule: 'not-draft',
      });
      const filed = await ok<{ caseNumber: string | null }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${(await current(p.id)).version}) { caseNumber } }`,
        {},
        staffOf(A),
      );
      expect(await eventsOf(module, proposalFiled)).toContainEqual(
        expect.objectContaining({
          proposalId: p.id,
          coAuthorIds: ['9002'],
          caseNumber: filed.caseNumber,
        }),
      );
      expect(await auditOf(module, 'proposal_cosigner', c2.id)).toEqual([
        ['INVITED', 'accept', 'ACCEPTED'],
      ]);
    });

    it('closes invitations once the proposal is submitted, and needs one co-signer who accepted', async () => {
      const p = await draft();
      const invited = (await invite(p, [9004])).data!.inviteProposalCosigners;
      expect(
        (
          await ok<{ status: string }>(
            module,
            `mutation { declineCosignInvitation(id: "${invited.cosigners[0].id}") { status } }`,
            {},
            member(9004),
          )
        ).status,
      ).toBe('DECLINED');
      expect((await submitDraft(await current(p.id))).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        rule: 'no-cosigner',
      });
    });

    it('refuses an invitation answered after its deadline', async () => {
      const p = await draft();
      const invited = (await invite(p, [9005], today())).data!.inviteProposalCosigners;
      // Move the deadline into the past as the calendar would.
      const { systemEm } = await import('@cppcc/kit');
      const em = systemEm(module.orm);
      await em.nativeUpdate(
        CosignerSchema,
        { id: Number(invited.cosigners[0].id) },
        { respondBy: inDays(-1) },
      );
      expect(
        (await answer('acceptCosignInvitation', invited.cosigners[0].id, member(9005))).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', rule: 'deadline-passed' });
      const lapsed = await ok<{ cosigners: { status: string; lapsed: boolean }[] }>(
        module,
        `{ proposal(id: "${p.id}") { cosigners { status lapsed } } }`,
        {},
        author,
      );
      expect(lapsed.cosigners).toEqual([{ status: 'INVITED', lapsed: true }]);
    });

    it('refuses a co-signer from another district, unknown members, the author, and non-joint proposals, writing nothing', async () => {
      const p = await draft();
      const before = await countRows(module, CosignerSchema);
      expect((await invite(p, [9002, 9101])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'memberIds.1',
        rule: 'same-district',
      });
      expect((await invite(p, [4242])).errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'memberIds.0',
      });
      expect((await invite(p, [9001])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'not-author',
      });
      expect((await invite(p, [9002, 9002])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'memberIds',
      });
      expect((await invite(p, [9002], inDays(-2))).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'respondBy',
      });
      expect((await invite(p, [9002], '2026-13-40')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'respondBy',
      });
      expect((await invite(p, [9002], inDays(7), member(9002))).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      const single = await ok<ProposalView>(module, DRAFT, { i: input }, author);
      expect((await invite(single, [9002])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'joint-only',
      });
      expect(await countRows(module, CosignerSchema)).toBe(before);
      expect(
        await refused(
          module,
          `mutation { acceptCosignInvitation(id: "999999") { status } }`,
          {},
          member(9002),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets the lead author take back an unanswered invitation while drafting, audited, and refuses it otherwise', async () => {
      const p = await draft();
      const [c2, c3] = (await invite(p, [9002, 9003])).data!.inviteProposalCosigners.cosigners;
      const revoke = (id: string, version: number, caller = author) =>
        module.execute(
          `mutation { revokeCosignInvitation(id: "${id}", version: ${version}, note: "邀请有误") { status availableActions } }`,
          {},
          caller,
        );
      expect(
        (
          await ok<{ cosigners: { availableActions: string[] }[] }>(
            module,
            `{ proposal(id: "${p.id}") { cosigners { availableActions } } }`,
            {},
            author,
          )
        ).cosigners[0].availableActions,
      ).toEqual(['revoke']);
      // Only the lead author takes an invitation back; a stale version is refused; nothing moves.
      expect(
        (await revoke(c2.id, (await current(p.id)).version, member(9003))).errors?.[0].extensions,
      ).toMatchObject({ code: 'FORBIDDEN', state: 'INVITED', action: 'revoke' });
      expect((await revoke(c2.id, 0)).errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'version',
      });
      expect(
        (await revoke(c2.id, (await current(p.id)).version)).data!.revokeCosignInvitation,
      ).toEqual({ status: 'REVOKED', availableActions: ['reinvite'] });
      expect(await auditOf(module, 'proposal_cosigner', c2.id)).toEqual([
        ['INVITED', 'revoke', 'REVOKED'],
      ]);
      // The invitation is closed to its invitee, who no longer reads the draft.
      expect((await answer('acceptCosignInvitation', c2.id)).errors?.[0].extensions).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'REVOKED',
        action: 'accept',
      });
      // A draft the caller may not read is null, as an absent one is (one not-found convention).
      expect(await module.execute(`{ proposal(id: "${p.id}") { id } }`, {}, member(9002))).toEqual({
        data: { proposal: null },
      });
      expect(
        (await revoke(c2.id, (await current(p.id)).version)).errors?.[0].extensions,
      ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'REVOKED', action: 'revoke' });
      // Submission waits for no revoked invitation; once submitted, the rest are closed.
      await answer('acceptCosignInvitation', c3.id, member(9003));
      expect((await submitDraft(await current(p.id))).errors).toBeUndefined();
      const q = await draft();
      const [c4] = (await invite(q, [9004])).data!.inviteProposalCosigners.cosigners;
      await module.execute(
        `mutation { withdrawProposal(id: "${q.id}", version: ${(await current(q.id)).version}) { status } }`,
        {},
        author,
      );
      const before = await countRows(module, CosignerSchema, { status: 'REVOKED' });
      expect(
        (await revoke(c4.id, (await current(q.id)).version)).errors?.[0].extensions,
      ).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        state: 'INVITED',
        action: 'revoke',
        rule: 'invitation-closed',
      });
      expect(await countRows(module, CosignerSchema, { status: 'REVOKED' })).toBe(before);
    });

    it('asks again a member who declined or whose invitation was taken back, and refuses asking one still invited', async () => {
      const p = await draft();
      const [c2, c3] = (await invite(p, [9002, 9003])).data!.inviteProposalCosigners.cosigners;
      await answer('declineCosignInvitation', c2.id, member(9002));
      await module.execute(
        `mutation { revokeCosignInvitation(id: "${c3.id}", version: ${(await current(p.id)).version}) { status } }`,
        {},
        author,
      );
      expect((await invite(await current(p.id), [9004])).errors).toBeUndefined();
      const rows = await countRows(module, CosignerSchema);
      // One still invited among them: a conflict, and the declined one is not asked again either.
      expect(
        (await invite(await current(p.id), [9002, 9004])).errors?.[0].extensions,
      ).toMatchObject({ code: 'CONFLICT', field: 'memberIds.1' });
      expect(await auditOf(module, 'proposal_cosigner', c2.id)).toEqual([
        ['INVITED', 'decline', 'DECLINED'],
      ]);
      // Asked again: the same invitations reopen with the new deadline, audited; the member answers.
      expect((await invite(await current(p.id), [9002, 9003], inDays(10))).errors).toBeUndefined();
      expect(await countRows(module, CosignerSchema)).toBe(rows);
      expect(await auditOf(module, 'proposal_cosigner', c2.id)).toEqual([
        ['INVITED', 'decline', 'DECLINED'],
        ['DECLINED', 'reinvite', 'INVITED'],
      ]);
      expect(await auditOf(module, 'proposal_cosigner', c3.id)).toEqual([
        ['INVITED', 'revoke', 'REVOKED'],
        ['REVOKED', 'reinvite', 'INVITED'],
      ]);
      expect((await answer('acceptCosignInvitation', c2.id, member(9002))).data).toMatchObject({
        acceptCosignInvitation: { status: 'ACCEPTED' },
      });
    });
  },
  120_000,
);
