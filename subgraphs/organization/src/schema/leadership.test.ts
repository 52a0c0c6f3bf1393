import {
  CITY,
  currentTerm,
  leadershipOn,
  leadershipPosts,
  members as demoMembers,
} from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadershipPostSchema } from '../entities/leadership-post.entity.js';
import { organization } from '../module.js';
import { publishMembers } from '../test-support.js';

type Post = {
  id: string;
  role: string;
  member: { id: string };
  startsOn: string;
  endsOn: string | null;
};
const appoint = `mutation($input: AppointLeaderInput!) { appointLeader(input: $input) { id role member { id } startsOn endsOn term { ordinal } } }`;
const end = `mutation($input: EndLeadershipPostInput!) { endLeadershipPost(input: $input) { id endsOn } }`;

describe.each(databases())("a committee's leadership (班子成员) on $name", ({ url }) => {
  let org: TestModule;
  const tunxi = '341002';
  const tunxiStaff = testCaller(['staff'], tunxi);
  // The city's staff may write the districts below; a sibling district's may not.
  const shexianStaff = testCaller(['staff'], '341021');
  const tunxiMembers = demoMembers().filter((m) => m.district === tunxi);
  const term = currentTerm(tunxi);

  beforeAll(async () => {
    org = await startTestModule(organization, { databaseUrl: url, seed: { scale: 1 } });
    await publishMembers(org.transport);
  });
  afterAll(() => org?.stop());
  const leadership = async (district: string, on?: string, caller?: Caller) => {
    const r = await org.execute<{ leadership: Post[] }>(
      `query($d: ID!, $on: Date) { leadership(district: $d, on: $on) { id role member { id } startsOn endsOn } }`,
      { d: district, on },
      caller,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.leadership;
  };

  it('shows anyone the demo leadership in office on a day, chair first, and the vice-chair who retired', async () => {
    for (const day of ['2024-06-01', '2025-11-12']) {
      const posts = await leadership(CITY, day);
      expect(posts.map((p) => [p.role, Number(p.member.id)])).toEqual(
        leadershipOn(CITY, day)
          .sort(
            (a, b) =>
              ['CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'].indexOf(a.role) -
                ['CHAIR', 'VICE_CHAIR', 'SECRETARY_GENERAL'].indexOf(b.role) ||
              a.startsOn.localeCompare(b.startsOn) ||
              a.id - b.id,
          )
          .map((p) => [p.role, p.memberId]),
      );
      expect(posts[0].role).toBe('CHAIR');
    }
    const retired = leadershipPosts.find((p) => p.district === CITY && p.endsOn)!;
    expect((await leadership(CITY, '2024-06-01')).map((p) => p.member.id)).toContain(
      String(retired.memberId),
    );
    expect((await leadership(CITY, '2025-06-01')).map((p) => p.member.id)).not.toContain(
      String(retired.memberId),
    );
    const m = await org.execute<{
      _entities: { leadershipPosts: { role: string; endsOn: string | null }[] }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { leadershipPosts { role endsOn } } } }`,
      { r: [{ __typename: 'Member', id: String(retired.memberId) }] },
    );
    expect(m.data!._entities[0].leadershipPosts).toEqual([
      { role: 'VICE_CHAIR', endsOn: retired.endsOn },
    ]);
  });

  it('refuses bad appointments naming the field and the rule, writing nothing', async () => {
    const newcomer = tunxiMembers[20];
    const base = {
      term: String(term.id),
      member: String(newcomer.id),
      role: 'VICE_CHAIR',
      startsOn: '2026-06-01',
    };
    const cityMember = demoMembers().find((x) => x.district === CITY)!;
    const before = await systemEm(org.orm).count(LeadershipPostSchema, {});
    const bad: [Record<string, unknown>, Caller, Record<string, unknown>][] = [
      [{ startsOn: '2026-02-30' }, tunxiStaff, { code: 'BAD_USER_INPUT', field: 'input.startsOn' }],
      [
        { startsOn: '2019-01-01' },
        tunxiStaff,
        { code: 'BAD_USER_INPUT', field: 'input.startsOn', rule: 'range' },
      ],
      [
        { member: String(cityMember.id) },
        tunxiStaff,
        { code: 'BAD_USER_INPUT', field: 'input.member', rule: 'district' },
      ],
      [{ member: '99999' }, tunxiStaff, { code: 'NOT_FOUND', field: 'input.member' }],
      [{ term: '9999' }, tunxiStaff, { code: 'NOT_FOUND', field: 'input.term' }],
      [{ role: 'CHAIR' }, tunxiStaff, { code: 'CONFLICT', field: 'input.role' }],
      [
        { member: String(tunxiMembers[1].id) },
        tunxiStaff,
        { code: 'CONFLICT', field: 'input.member' },
      ],
      [{}, shexianStaff, { code: 'CROSS_DISTRICT', field: 'input.term' }],
      [{}, testCaller(['member'], tunxi, String(newcomer.id)), { code: 'FORBIDDEN' }],
      [{}, testCaller([], null), { code: 'UNAUTHENTICATED' }],
    ];
    for (const [input, caller, error] of bad)
      expect(
        (await org.execute(appoint, { input: { ...base, ...input } }, caller)).errors?.[0]
          .extensions,
        JSON.stringify(input),
      ).toMatchObject(error);
    expect(await systemEm(org.orm).count(LeadershipPostSchema, {})).toBe(before);

    const made = await org.execute<{ appointLeader: Post }>(appoint, { input: base }, tunxiStaff);
    expect(made.errors).toBeUndefined();
    expect(made.data!.appointLeader).toMatchObject({
      role: 'VICE_CHAIR',
      member: { id: String(newcomer.id) },
      startsOn: '2026-06-01',
      endsOn: null,
    });
    expect((await leadership(tunxi, '2026-06-01')).map((p) => p.member.id)).toContain(
      String(newcomer.id),
    );
    expect((await leadership(tunxi, '2026-05-31')).map((p) => p.member.id)).not.toContain(
      String(newcomer.id),
    );
  });

  it('ends the chair’s post on its last day, then takes a new chair from the next', async () => {
    const chair = (await leadership(tunxi, '2026-07-01'))[0];
    expect(chair.role).toBe('CHAIR');
    const early = await org.execute(
      end,
      { input: { post: chair.id, endsOn: '2020-01-01' } },
      tunxiStaff,
    );
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endsOn',
      rule: 'order',
    });
    const other = await org.execute(
      end,
      { input: { post: chair.id, endsOn: '2026-07-31' } },
      shexianStaff,
    );
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CROSS_DISTRICT' });
    const ended = await org.execute(
      end,
      { input: { post: chair.id, endsOn: '2026-07-31' } },
      tunxiStaff,
    );
    expect(ended.errors).toBeUndefined();
    const twice = await org.execute(
      end,
      { input: { post: chair.id, endsOn: '2026-08-31' } },
      tunxiStaff,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.post' });

    const successor = tunxiMembers[21];
    const input = { term: String(term.id), member: String(successor.id), role: 'CHAIR' };
    const overlapping = await org.execute(
      appoint,
      { input: { ...input, startsOn: '2026-07-31' } },
      tunxiStaff,
    );
    expect(overlapping.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.role',
    });
    const next = await org.execute(
      appoint,
      { input: { ...input, startsOn: '2026-08-01' } },
      tunxiStaff,
    );
    expect(next.errors).toBeUndefined();
    expect((await leadership(tunxi, '2026-07-31'))[0].member).toEqual(chair.member);
    expect((await leadership(tunxi, '2026-08-01'))[0].member).toEqual({ id: String(successor.id) });
    const trail = await systemEm(org.orm).find(AuditEntrySchema, {
      entity: 'leadership_post',
      entityId: chair.id,
    });
    expect(trail.map((a) => a.toState)).toEqual(['ENDED']);
  });
});
