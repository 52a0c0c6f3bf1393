import { randomUUID } from 'node:crypto';
import { consultationActivityRegistered, researchProjectRegistered } from '@cppcc/events';
import { ProcessedEventSchema, systemEm } from '@cppcc/kit';
import { databases, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import { ProposalSchema } from '../entities/proposal.entity.js';
import { ProposalRatingSchema } from '../entities/rating.entity.js';
import { ConsultationRefSchema } from '../entities/refs.entity.js';
import {
  A,
  auditOf,
  B,
  countRows,
  input,
  leaderOf,
  member,
  ok,
  SUBMIT,
  staffOf,
  startProposals,
  type ProposalView,
} from '../test-support.js';

const lead = member(9001);
const staff = staffOf(A);

describe.each(databases())('every proposer rates the reply on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startProposals(url);
  });
  afterAll(() => module?.stop());

  const em = () => systemEm(module.orm);
  /** A filed joint proposal whose reply passed review: 9002 and 9003 co-signed, 9004 declined. */
  const replied = async () => {
    const p = await ok<ProposalView>(module, SUBMIT, { i: input }, lead);
    await em().nativeUpdate(
      ProposalSchema,
      { id: Number(p.id) },
      { status: 'REPLIED', kind: 'JOINT', public: true },
    );
    for (const [memberId, status] of [
      [9002, 'ACCEPTED'],
      [9003, 'ACCEPTED'],
      [9004, 'DECLINED'],
    ] as const) {
      await em().insert(CosignerSchema, {
        proposalId: Number(p.id),
        memberId,
        status,
        respondBy: '2026-01-01',
        respondedAt: new Date(),
        source: 'INVITATION',
      });
    }
    return p.id as string;
  };
  const version = async (id: string) =>
    (await ok<{ version: number }>(module, `{ proposal(id: "${id}") { version } }`, {}, staff))
      .version as number;
  const rate = async (
    id: string,
    caller: typeof lead,
    rating: string,
    comment: string | null = null,
    field = 'rateProposalReplyAsCosigner',
  ) =>
    module.execute(
      `mutation($c: String) { ${field}(id: "${id}", version: ${await version(id)}, rating: ${rating}, comment: $c) { status rating round } }`,
      { c: comment },
      caller,
    );
  const stats = async () =>
    await ok<{
      rated: number;
      satisfied: number;
      unsatisfied: number;
      satisfactionRate: number | null;
      byProposer: {
        rated: number;
        satisfied: number;
        basicallySatisfied: number;
        unsatisfied: number;
        satisfactionRate: number | null;
      };
    }>(
      module,
      `{ proposalStatistics(filter: { district: "${A}" }) { rated satisfied unsatisfied satisfactionRate byProposer { rated satisfied basicallySatisfied unsatisfied satisfactionRate } } }`,
      {},
      staff,
    );

  it("records each co-signer's rating beside the lead's; the lead's moves the proposal and is its rating", async () => {
    const before = await stats();
    const id = await replied();
    // A co-signer may rate before the lead: recorded, the proposal waits for its lead proposer.
    expect(
      (await rate(id, member(9002), 'BASICALLY_SATISFIED')).data!.rateProposalReplyAsCosigner,
    ).toEqual({ status: 'REPLIED', rating: null, round: 1 });
    expect(
      (
        await ok<{ availableActions: string[] }>(
          module,
          `{ proposal(id: "${id}") { availableActions } }`,
          {},
          member(9003),
        )
      ).availableActions,
    ).toEqual(['rateAsCosigner']);
    expect(
      (await rate(id, lead, 'SATISFIED', null, 'rateProposalReply')).data!.rateProposalReply,
    ).toEqual({ status: 'RATED', rating: 'SATISFIED', round: 1 });
    expect(
      (await rate(id, member(9003), 'UNSATISFIED', '落实措施不具体')).data!
        .rateProposalReplyAsCosigner,
    ).toEqual({ status: 'RATED', rating: 'SATISFIED', round: 1 });
    const { ratings } = await ok<{
      ratings: {
        member: { id: string } | null;
        role: string;
        round: number;
        rating: string;
        comment: string | null;
      }[];
    }>(
      module,
      `{ proposal(id: "${id}") { ratings { member { id } role round rating comment } } }`,
      {},
      staff,
    );
    expect(ratings).toEqual([
      {
        member: { id: '9002' },
        role: 'COSIGNER',
        round: 1,
        rating: 'BASICALLY_SATISFIED',
        comment: null,
      },
      { member: { id: '9001' }, role: 'LEAD', round: 1, rating: 'SATISFIED', comment: null },
      {
        member: { id: '9003' },
        role: 'COSIGNER',
        round: 1,
        rating: 'UNSATISFIED',
        comment: '落实措施不具体',
      },
    ]);
    expect(await auditOf(module, 'proposal', id)).toEqual([
      ['', 'submit', 'SUBMITTED'],
      ['REPLIED', 'rateAsCosigner', 'REPLIED'],
      ['REPLIED', 'rateSatisfied', 'RATED'],
      ['RATED', 'rateAsCosigner', 'RATED'],
    ]);
    // 满意率 per proposal counts the lead's rating; byProposer counts every proposer's.
    const after = await stats();
    expect(after.rated - before.rated).toBe(1);
    expect(after.satisfied - before.satisfied).toBe(1);
    expect(after.byProposer.rated - before.byProposer.rated).toBe(3);
    expect(after.byProposer.unsatisfied - before.byProposer.unsatisfied).toBe(1);
    expect(after.byProposer.satisfactionRate).toBeCloseTo(
      (after.byProposer.satisfied + after.byProposer.basicallySatisfied) / after.byProposer.rated,
      4,
    );

    // A co-signer's unsatisfied rating lets staff reopen even though the lead was satisfied; everyone rates the new round.
    const reopened = await ok<{ status: string; round: number; rating: string | null }>(
      module,
      `mutation { reopenProposal(id: "${id}", version: ${await version(id)}, note: "联名提案人不满意，再次办理") { status round rating } }`,
      {},
      staff,
    );
    expect(reopened).toEqual({ status: 'ASSIGNED', round: 2, rating: null });
    // Handled again, it is not counted as rated (nor satisfied) until the new round is rated.
    const handling = await stats();
    expect(after.rated - handling.rated).toBe(1);
    expect(after.satisfied - handling.satisfied).toBe(1);
    await em().nativeUpdate(ProposalSchema, { id: Number(id) }, { status: 'REPLIED' });
    expect(
      (await rate(id, member(9003), 'BASICALLY_SATISFIED')).data!.rateProposalReplyAsCosigner,
    ).toMatchObject({ round: 2 });
    const again = await stats();
    // Each proposer's latest rating counts: 9003's round-2 rating replaces their round-1 one.
    expect(again.byProposer.rated).toBe(after.byProposer.rated);
    expect(again.byProposer.unsatisfied).toBe(after.byProposer.unsatisfied - 1);
  });

  it('refuses a second rating in a round, a co-signer who declined, an unsatisfied rating without a comment, and reopening a satisfied proposal', async () => {
    const id = await replied();
    expect((await rate(id, member(9002), 'SATISFIED')).errors).toBeUndefined();
    const rows = await countRows(module, ProposalRatingSchema);
    const v = await version(id);
    expect(
      (await rate(id, member(9002), 'UNSATISFIED', '改主意')).errors?.[0].extensions,
    ).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'REPLIED',
      action: 'rateAsCosigner',
      rule: 'already-rated',
    });
    expect((await rate(id, member(9004), 'SATISFIED')).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      state: 'REPLIED',
      action: 'rateAsCosigner',
    });
    expect((await rate(id, lead, 'SATISFIED')).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      action: 'rateAsCosigner',
    });
    expect((await rate(id, member(9003), 'UNSATISFIED')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    expect(await countRows(module, ProposalRatingSchema)).toBe(rows);
    expect(await version(id)).toBe(v);
    await rate(id, lead, 'SATISFIED', null, 'rateProposalReply');
    const reopen = await module.execute(
      `mutation { reopenProposal(id: "${id}", version: ${await version(id)}, note: "再次办理") { status } }`,
      {},
      staff,
    );
    expect(reopen.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'RATED',
      action: 'reopen',
      rule: 'unsatisfied-rating',
    });
    expect(
      await ok<{ status: string; round: number }>(
        module,
        `{ proposal(id: "${id}") { status round } }`,
        {},
        staff,
      ),
    ).toEqual({
      status: 'RATED',
      round: 1,
    });
    // Closed: nobody rates any more.
    await ok<{ status: string }>(
      module,
      `mutation { closeProposal(id: "${id}", version: ${await version(id)}) { status } }`,
      {},
      staff,
    );
    expect((await rate(id, member(9003), 'SATISFIED')).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'CLOSED',
      action: 'rateAsCosigner',
    });
  });
});

const register = (
  kind: 'ACTIVITY' | 'RESEARCH',
  district: string,
  id: number,
  version: number,
  status: string,
  title: string,
) => {
  const common = {
    district,
    title,
    version,
    changedAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
  };
  return kind === 'ACTIVITY'
    ? {
        id: randomUUID(),
        type: consultationActivityRegistered.type,
        source: 'test',
        district,
        occurredAt: new Date().toISOString(),
        payload: {
          activityId: String(id),
          ...common,
          form: 'THEMATIC',
          heldOn: '2026-03-01',
          status,
        },
      }
    : {
        id: randomUUID(),
        type: researchProjectRegistered.type,
        source: 'test',
        district,
        occurredAt: new Date().toISOString(),
        payload: { projectId: String(id), ...common, phase: status },
      };
};

describe.each(databases())(
  'key proposals that grew from consultation (一体两用) on $name',
  ({ url }) => {
    let module: TestModule;
    beforeAll(async () => {
      module = await startProposals(url);
      // Consultation announces every activity and research project, whoever took part; the
      // replica keeps the highest version whatever the order of arrival.
      const events = [
        register('ACTIVITY', A, 501, 2, 'HELD', '常委会议专题协商：老街保护'),
        register('RESEARCH', A, 601, 1, 'TOPIC_SELECTED', '老街业态升级调研'),
        register('ACTIVITY', B, 502, 1, 'HELD', '歙县专题协商'),
        // Planned, nobody attended yet: still nameable.
        register('ACTIVITY', A, 503, 1, 'PLANNED', '老街保护界别协商'),
        register('ACTIVITY', A, 504, 2, 'CANCELLED', '取消的协商'),
        // Older copies arriving late: they change nothing.
        register('ACTIVITY', A, 501, 1, 'PLANNED', '常委会议专题协商（草）'),
        register('ACTIVITY', A, 504, 1, 'PLANNED', '取消的协商'),
      ];
      await module.transport.publish(events);
      // And one redelivered: skipped by the ledger.
      await module.transport.publish([events[0]]);
      const ids = events.map((e) => e.id);
      for (
        let i = 0;
        i < 100 &&
        (await systemEm(module.orm).count(ProcessedEventSchema, { eventId: { $in: ids } })) <
          ids.length;
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
    });
    afterAll(() => module?.stop());

    const filed = async () => {
      const p = await ok<ProposalView>(module, SUBMIT, { i: input }, lead);
      return (await ok<{ id: string; year: number }>(
        module,
        `mutation { fileProposal(id: "${p.id}", version: ${p.version}) { id year } }`,
        {},
        staff,
      )) as { id: string; year: number };
    };
    const designate = (p: { id: string; year: number }, origin: string) =>
      module.execute<{ designateKeyProposal: { id: string } }>(
        `mutation { designateKeyProposal(input: { proposalId: "${p.id}", year: ${p.year}, chairMeetingOn: "2026-02-20", leaderName: "某某", leaderTitle: "市委书记"${origin} }) { id consultation { id } researchProject { id } } }`,
        {},
        leaderOf(A),
      );

    it('names the consultation activity and research a key proposal grew from, checked against what consultation announced', async () => {
      const p = await filed();
      const key = await designate(p, ', consultationId: "501", researchProjectId: "601"');
      expect(key.data!.designateKeyProposal).toMatchObject({
        consultation: { id: '501' },
        researchProject: { id: '601' },
      });
      const linked = await ok<{ nodes: { proposal: { id: string } | null }[] }>(
        module,
        `{ keyProposals(district: "${A}", fromConsultation: true) { nodes { proposal { id } } } }`,
        {},
        staff,
      );
      expect(linked.nodes).toEqual([{ proposal: { id: p.id } }]);
      const figure = await ok<{ keyProposals: number; keyProposalsFromConsultation: number }>(
        module,
        `{ proposalStatistics(filter: { district: "${A}" }) { keyProposals keyProposalsFromConsultation } }`,
        {},
        staff,
      );
      expect(figure).toEqual({ keyProposals: 1, keyProposalsFromConsultation: 1 });
      // Set later, or cleared, by staff; audited either way.
      const other = await filed();
      const plain = (await designate(other, '')).data!.designateKeyProposal;
      expect(plain).toMatchObject({ consultation: null, researchProject: null });
      expect(
        await ok<{ researchProject: { id: string } | null }>(
          module,
          `mutation { setKeyProposalOrigin(id: "${plain.id}", researchProjectId: "601") { researchProject { id } } }`,
          {},
          staff,
        ),
      ).toEqual({ researchProject: { id: '601' } });
      expect((await auditOf(module, 'proposal', other.id)).map((a) => a[1])).toContain(
        'setKeyOrigin',
      );
    });

    it('keeps the newest of each record whatever the order, and names an activity nobody attended', async () => {
      const refs = await systemEm(module.orm).find(
        ConsultationRefSchema,
        { kind: 'ACTIVITY' },
        { orderBy: { id: 'asc' } },
      );
      expect(refs.map((r) => [r.id, r.status, r.version, r.title])).toEqual([
        [501, 'HELD', 2, '常委会议专题协商：老街保护'],
        [502, 'HELD', 1, '歙县专题协商'],
        [503, 'PLANNED', 1, '老街保护界别协商'],
        [504, 'CANCELLED', 2, '取消的协商'],
      ]);
      const p = await filed();
      expect(
        (await designate(p, ', consultationId: "503"')).data!.designateKeyProposal,
      ).toMatchObject({ consultation: { id: '503' } });
    });

    it('refuses an unknown activity, one of another district, a cancelled one, and writes nothing', async () => {
      const p = await filed();
      expect((await designate(p, ', consultationId: "999"')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.consultationId',
        rule: 'exists',
      });
      expect((await designate(p, ', consultationId: "502"')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.consultationId',
        rule: 'same-district',
      });
      expect((await designate(p, ', consultationId: "504"')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.consultationId',
        rule: 'not-cancelled',
      });
      expect(
        (await designate(p, ', researchProjectId: "501"')).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.researchProjectId', rule: 'exists' });
      expect(
        (
          await ok<{ keyProposal: { id: string } | null }>(
            module,
            `{ proposal(id: "${p.id}") { keyProposal { id } } }`,
            {},
            staff,
          )
        ).keyProposal,
      ).toBeNull();
      expect(
        (
          await module.execute(
            `mutation { setKeyProposalOrigin(id: "1", consultationId: "501") { id } }`,
            {},
            member(9001),
          )
        ).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
    });
  },
);
