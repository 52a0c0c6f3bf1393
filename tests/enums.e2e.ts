import { CITY } from '@cppcc/demo';
import { databases } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, type Stack } from './harness.js';

/**
 * Enum values through the gateway (issue 15: one case, categories as enums, merged duplicates):
 * what clients read and send is the UPPER_CASE name, while what modules store stays as it was
 * (a plugin's lower-case values, a proposal category's Chinese name).
 */
const ENUMS = `{ __schema { types { name kind enumValues(includeDeprecated: true) { name } } } }`;
const TYPE_OF = (type: string) =>
  `{ __type(name: "${type}") { fields { name type { name ofType { name } } } inputFields { name type { name ofType { name } } } } }`;
type TypeRef = { name: string | null; ofType: { name: string | null } | null };
type Fields = { name: string; type: TypeRef }[] | null;

const db = databases().at(-1)!;

for (const configuration of CONFIGURATIONS.filter((c) => c.name !== 'hive')) {
  describe(`enum values via ${configuration.name} on ${db.name}`, () => {
    let stack: Stack;
    let member: string;
    let staff: string;
    beforeAll(async () => {
      stack = await startStack({
        engine: configuration.engine,
        settings: configuration.settings,
        databaseUrl: db.url,
      });
      member = await stack.token({ roles: ['member'], district: CITY, memberId: '8' });
      staff = await stack.token({ roles: ['staff'], district: CITY });
    }, 180_000);
    afterAll(() => stack?.stop());

    const fieldType = async (type: string, field: string) => {
      const { body } = await stack.post<{ __type: { fields: Fields; inputFields: Fields } }>({
        query: TYPE_OF(type),
      });
      const fields = body.data!.__type.fields ?? body.data!.__type.inputFields ?? [];
      const found = fields.find((f) => f.name === field)!.type;
      return found.name ?? found.ofType?.name;
    };

    it('serves every enum value in upper case, the merged enums once', async () => {
      const { body } = await stack.post<{
        __schema: { types: { name: string; kind: string; enumValues: { name: string }[] }[] };
      }>({ query: ENUMS });
      expect(body.errors).toBeUndefined();
      const enums = body.data!.__schema.types.filter(
        (t) => t.kind === 'ENUM' && !t.name.startsWith('__'),
      );
      const lower = enums.flatMap((e) =>
        e.enumValues
          .filter((v) => !/^[A-Z][A-Z0-9_]*$/.test(v.name))
          .map((v) => `${e.name}.${v.name}`),
      );
      expect(lower).toEqual([]);
      const names = new Set(enums.map((e) => e.name));
      expect(names.has('LeaveMeetingLevel')).toBe(false);
      expect(names.has('FieldVisitAttendance')).toBe(false);
      expect(
        Object.fromEntries(
          ['ProposalCategory', 'CompensationRoundStatus', 'CooperationMechanismAction'].map((n) => [
            n,
            enums.find((e) => e.name === n)!.enumValues.map((v) => v.name),
          ]),
        ),
      ).toEqual({
        ProposalCategory: [
          'ECONOMY',
          'AGRICULTURE_RURAL',
          'ECOLOGY_ENVIRONMENT',
          'SOCIAL_AFFAIRS',
          'CULTURE_TOURISM',
          'URBAN_MANAGEMENT',
          'OTHER',
        ],
        CompensationRoundStatus: ['NEGOTIATING', 'SIGNED', 'IN_FORCE', 'CONCLUDED'],
        CooperationMechanismAction: ['SUSPEND', 'RESUME', 'END'],
      });
      expect(await fieldType('ApprovedLeave', 'meetingLevel')).toBe('MeetingLevel');
      expect(await fieldType('LeaveRequest', 'meetingLevel')).toBe('MeetingLevel');
      expect(await fieldType('FieldVisitAttendee', 'attendance')).toBe('Attendance');
      expect(await fieldType('FieldVisitAttendeeInput', 'attendance')).toBe('Attendance');
    });

    it('takes and gives a proposal category by its name, filters by it, refuses the Chinese text', async () => {
      const submit =
        'mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { id category } }';
      const i = {
        title: '关于黄山毛峰茶园生态保护的建议',
        category: 'ECOLOGY_ENVIRONMENT',
        situation: '现状',
        analysis: '分析',
        suggestions: '建议',
      };
      const submitted = await stack.post<{ submitProposal: { id: string; category: string } }>(
        { query: submit, variables: { i } },
        { token: member },
      );
      expect(submitted.body.errors).toBeUndefined();
      expect(submitted.body.data!.submitProposal.category).toBe('ECOLOGY_ENVIRONMENT');
      const { id } = submitted.body.data!.submitProposal;

      const listed = await stack.post<{
        proposals: { nodes: { id: string; category: string }[] };
      }>(
        {
          query: `{ proposals(first: 100, filter: { district: "${CITY}", category: ECOLOGY_ENVIRONMENT }) { nodes { id category } } }`,
        },
        { token: staff },
      );
      expect(listed.body.errors).toBeUndefined();
      const nodes = listed.body.data!.proposals.nodes;
      expect(nodes.map((p) => p.id)).toContain(id);
      expect(new Set(nodes.map((p) => p.category))).toEqual(new Set(['ECOLOGY_ENVIRONMENT']));

      const chinese = await stack.post(
        { query: submit, variables: { i: { ...i, category: '生态环境' } } },
        { token: member },
      );
      expect(chinese.body.data ?? null).toBeNull();
      expect(chinese.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(chinese.body.errors?.[0].message).toContain('category');
    });

    it("reads a plugin's stored lower-case values by their upper-case names, and filters by them", async () => {
      const { body } = await stack.post<{
        compensationRounds: {
          nodes: {
            status: string;
            contributions: { payerKind: string }[];
            escalations: { level: string }[];
          }[];
        };
      }>(
        {
          query:
            '{ compensationRounds(first: 10, status: CONCLUDED) { nodes { status contributions { payerKind } escalations { level } } } }',
        },
        { token: staff },
      );
      expect(body.errors).toBeUndefined();
      const rounds = body.data!.compensationRounds.nodes;
      expect(rounds.length).toBeGreaterThan(0);
      expect(new Set(rounds.map((r) => r.status))).toEqual(new Set(['CONCLUDED']));
      const payers = new Set(rounds.flatMap((r) => r.contributions.map((c) => c.payerKind)));
      expect(payers.size).toBeGreaterThan(0);
      for (const p of payers) expect(['CENTRAL', 'UPSTREAM', 'DOWNSTREAM', 'OTHER']).toContain(p);
      for (const e of rounds.flatMap((r) => r.escalations))
        expect(['PROVINCIAL_KEY_CONSULTATION', 'NATIONAL_BIWEEKLY_CONSULTATION']).toContain(
          e.level,
        );
    });
  });
}
