import { randomUUID } from 'node:crypto';
import { governmentUnits } from '@cppcc/demo';
import { governmentUnitRegistered, memberRegistered } from '@cppcc/events';
import type { EntitySchema } from '@mikro-orm/core';
import {
  AuditEntrySchema,
  systemEm,
  type Caller,
  type EventDefinition,
  type PayloadOf,
} from '@cppcc/kit';
import { startTestModule, testCaller, type TestModule, outbox } from '@cppcc/testing';
import { MemberRefSchema, UnitRefSchema } from './entities/refs.entity.js';
import { proposals } from './module.js';

/** District A (屯溪区) and B (歙县), with members and government units of their own. */
export const A = '341002';
export const B = '341021';
export const membersOf = { [A]: [9001, 9002, 9003, 9004, 9005], [B]: [9101, 9102] } as const;
export const unitsOf = (district: string) =>
  governmentUnits.filter((u) => u.district === district).map((u) => u.id);

export const member = (id: number, district: string = A): Caller =>
  testCaller(['member'], district, String(id));
export const staffOf = (district: string = A): Caller => testCaller(['staff'], district);
export const officeOf = (district: string = A): Caller => testCaller(['operator'], district);
export const leaderOf = (district: string = A): Caller => testCaller(['leader'], district);
export const unitUser = (unitId: number, district: string = A): Caller =>
  testCaller(['unit'], district, null, String(unitId));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The proposals module alone, with the facts it replicates (members, government units)
 * published on its bus as the members and organization subgraphs would.
 */
export async function startProposals(
  databaseUrl?: string,
  options: Parameters<typeof startTestModule>[1] = {},
): Promise<TestModule> {
  const module = await startTestModule(proposals, { databaseUrl, ...options });
  const now = new Date().toISOString();
  const event = (type: string, district: string, payload: Record<string, unknown>) => ({
    id: randomUUID(),
    type,
    source: 'test',
    district,
    occurredAt: now,
    payload,
  });
  await module.transport.publish([
    ...Object.entries(membersOf).flatMap(([district, ids]) =>
      ids.map((id) =>
        event(memberRegistered.type, district, {
          memberId: String(id),
          district,
          name: `委员${id}`,
          party: '无党派人士',
          cpcMember: false,
          sectorId: id % 2 ? '15' : '16',
          standingCommittee: false,
          status: 'ACTIVE',
          changedAt: now,
        }),
      ),
    ),
    ...governmentUnits.map((u) =>
      event(governmentUnitRegistered.type, u.district, {
        unitId: String(u.id),
        district: u.district,
        name: u.name,
        short: u.short,
        active: true,
      }),
    ),
  ]);
  const em = () => systemEm(module.orm);
  await until(
    async () =>
      (await em().count(MemberRefSchema, {})) >= 7 &&
      (await em().count(UnitRefSchema, {})) >= governmentUnits.length,
    'member and unit replicas',
  );
  return module;
}

/** Runs an operation and returns its data, failing the test with the errors if there are any. */
export async function ok<T = unknown>(
  module: TestModule,
  query: string,
  variables: Record<string, unknown>,
  caller: Caller,
): Promise<T> {
  const r = await module.execute(query, variables, caller);
  if (r.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(r.errors)}`);
  return Object.values(r.data!)[0] as T;
}

/** Runs an operation expected to fail and returns the first error's extensions. */
export async function refused(
  module: TestModule,
  query: string,
  variables: Record<string, unknown>,
  caller: Caller,
): Promise<Record<string, unknown>> {
  const r = await module.execute(query, variables, caller);
  if (!r.errors)
    throw new Error(`${query.slice(0, 80)}: expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.errors[0].extensions as Record<string, unknown>;
}

export async function countRows(
  module: TestModule,
  entity: EntitySchema,
  where: Record<string, unknown> = {},
): Promise<number> {
  return systemEm(module.orm).count(entity, where);
}

export async function auditOf(
  module: TestModule,
  entity: string,
  id: string | number,
): Promise<string[][]> {
  const rows = await systemEm(module.orm).find(
    AuditEntrySchema,
    { entity, entityId: String(id) },
    { orderBy: { id: 'asc' } },
  );
  return rows.map((a) => [a.fromState ?? '', a.action, a.toState]);
}

/** The payloads of an event the module sent, of the event's contract (checked when sent). */
export async function eventsOf<E extends EventDefinition>(
  module: TestModule,
  event: E,
): Promise<PayloadOf<E>[]> {
  return (await outbox(module.orm, { type: event.type })).map((e) => e.payload as PayloadOf<E>);
}

export const proposalFields = 'id status version caseNumber kind availableActions statusNote';
/** A proposal as `proposalFields` selects it. */
export type ProposalView = {
  id: string;
  status: string;
  version: number;
  caseNumber: string | null;
  kind: string;
  availableActions: string[];
  statusNote: string | null;
};
export const input = {
  title: '关于推进屯溪老街业态升级的建议',
  category: 'CULTURE_TOURISM',
  situation: '老街业态同质化。',
  analysis: '缺少统筹规划。',
  suggestions: '编制业态导则。',
};
export const SUBMIT = `mutation($i: SubmitProposalInput!) { submitProposal(input: $i) { ${proposalFields} } }`;
export const DRAFT = `mutation($i: ProposalDraftInput!) { draftProposal(input: $i) { ${proposalFields} } }`;
