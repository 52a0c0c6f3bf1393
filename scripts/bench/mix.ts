import {
  ActivityCalendarDocument,
  AssignProposalDocument,
  DistrictPageDocument,
  FileProposalDocument,
  MyArchiveDocument,
  MyInvitationsDocument,
  MyProposalsDocument,
  MyTasksDocument,
  ProposalFiguresDocument,
  ProposalQueueDocument,
  ReceiveHandlingTaskDocument,
  ReplyToProposalDocument,
  SubmitProposalDocument,
} from '@cppcc/client';
import { ACTIVE_DISTRICTS, districts, governmentUnits, members } from '@cppcc/demo';
import { fromGlobalId, type Role } from '@cppcc/kit';
import { print, type DocumentNode } from 'graphql';

/**
 * The client mix: the operations the client apps send (the typed client's documents, printed),
 * each request from a different caller with different variables, so no in-flight deduplication
 * or per-caller cache can answer two requests with one piece of work.
 *
 * Writes run as a pipeline, each proposal taken by one request at a time so no two requests
 * race for it: a member submits → staff of the district file it → staff assign it to a unit of
 * the district → the unit reads its tasks (which carries the task's version) → receives it →
 * replies. A write whose input is not there yet (nothing submitted to file) does the step before
 * it instead, so the writes keep flowing at their share and every one of them is exercised.
 */
export interface MixRequest {
  kind: string;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /** The caller: a token, a district for anonymous readers. */
  headers: Record<string, string>;
  /** Reads the answer's data (the write pipeline's next input). */
  answered?: (data: Record<string, unknown>) => void;
}

/** Shares of the mix, by client app (out of 200: 60% public, 20% member, 15% staff, 5% unit). */
export const KINDS = {
  'public: district page': 40,
  'public: proposal list': 40,
  'public: activity calendar': 40,
  'member: my proposals': 12,
  'member: my archive': 10,
  'member: invitations': 10,
  'member: submit proposal': 8,
  'staff: proposal list (filters)': 10,
  'staff: statistics': 8,
  'staff: file proposal': 6,
  'staff: assign proposal': 6,
  'unit: my tasks': 4,
  'unit: receive task': 3,
  'unit: reply': 3,
} as const;
export type Kind = keyof typeof KINDS;

const printed = new Map<DocumentNode, { query: string; operationName: string }>();
/** A document as the client sends it (as text: a stock gateway has no persisted-document manifest). */
const text = (document: DocumentNode) => {
  let t = printed.get(document);
  if (!t) {
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
    t = { query: print(document), operationName: operation?.name?.value ?? '' };
    printed.set(document, t);
  }
  return t;
};

/** Every document the mix sends, for planning (c) once per operation. */
export const DOCUMENTS = [
  DistrictPageDocument,
  ProposalQueueDocument,
  ActivityCalendarDocument,
  MyProposalsDocument,
  MyArchiveDocument,
  MyInvitationsDocument,
  SubmitProposalDocument,
  ProposalFiguresDocument,
  FileProposalDocument,
  AssignProposalDocument,
  MyTasksDocument,
  ReceiveHandlingTaskDocument,
  ReplyToProposalDocument,
].map((d) => text(d as DocumentNode));

type Sign = (claims: {
  roles: Role[];
  district: string;
  memberId?: string;
  unitId?: string;
  subject?: string;
}) => Promise<string>;

interface Proposal {
  id: string;
  version: number;
  district: string;
}
interface Task {
  id: string;
  version: number;
  unit: number;
}

const STATUSES = ['SUBMITTED', 'FILED', 'ASSIGNED', 'REPLIED', 'CLOSED', undefined];
const CATEGORIES = [
  'AGRICULTURE_RURAL',
  'ECONOMY',
  'SOCIAL_AFFAIRS',
  'ECOLOGY_ENVIRONMENT',
  'CULTURE_TOURISM',
  undefined,
];
const STAFF_PER_DISTRICT = 20;

/** A deterministic generator (mulberry32): the same seed, the same sequence of requests. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A mix over demo data of `scale`×: next() is the next request. Kinds follow their shares by
 * smooth weighted round-robin (every kind within each 200 requests, none bunched); callers and
 * variables are drawn at random.
 */
export async function createMix(scale: number, sign: Sign, seed = 1) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const memberTokens = await Promise.all(
    members(scale).map(async (m) => ({
      district: m.district,
      token: await sign({ roles: ['member'], district: m.district, memberId: String(m.id) }),
    })),
  );
  const staffTokens = new Map<string, string[]>();
  for (const district of ACTIVE_DISTRICTS)
    staffTokens.set(
      district,
      await Promise.all(
        Array.from({ length: STAFF_PER_DISTRICT }, (_, i) =>
          sign({ roles: ['staff'], district, subject: `bench:staff:${district}:${i}` }),
        ),
      ),
    );
  const units = governmentUnits.filter((u) => ACTIVE_DISTRICTS.includes(u.district));
  const unitTokens = new Map<number, string>();
  for (const u of units)
    unitTokens.set(
      u.id,
      await sign({ roles: ['unit'], district: u.district, unitId: String(u.id) }),
    );

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const staff = (district: string) => bearer(pick(staffTokens.get(district)!));
  // The pipeline's queues: each item is taken by exactly one request.
  const submitted: Proposal[] = [];
  const filed: Proposal[] = [];
  const assigned = new Map<number, Set<string>>(); // unit → its new tasks not yet read
  const receivable: Task[] = [];
  const received: Task[] = [];
  let serial = 0;

  const make: Record<Kind, () => MixRequest> = {
    'public: district page': () => {
      const code = pick(districts).code;
      return req(
        'public: district page',
        DistrictPageDocument,
        { code },
        { 'x-cppcc-district': code },
      );
    },
    'public: proposal list': () => {
      const district = pick(districts).code;
      return req(
        'public: proposal list',
        ProposalQueueDocument,
        { filter: { district, status: pick(['FILED', 'REPLIED', 'CLOSED']) }, first: 10 },
        { 'x-cppcc-district': district },
      );
    },
    'public: activity calendar': () => {
      const district = pick(districts).code;
      const month = 1 + Math.floor(rnd() * 12);
      const from = `2026-${String(month).padStart(2, '0')}-01`;
      return req(
        'public: activity calendar',
        ActivityCalendarDocument,
        {
          district,
          heldFrom: from,
          heldTo: `2026-${String(month).padStart(2, '0')}-28`,
          first: 10,
        },
        { 'x-cppcc-district': district },
      );
    },
    'member: my proposals': () =>
      req(
        'member: my proposals',
        MyProposalsDocument,
        { first: pick([5, 10, 20]) },
        bearer(pick(memberTokens).token),
      ),
    'member: my archive': () =>
      req('member: my archive', MyArchiveDocument, {}, bearer(pick(memberTokens).token)),
    'member: invitations': () =>
      req('member: invitations', MyInvitationsDocument, {}, bearer(pick(memberTokens).token)),
    'member: submit proposal': () => {
      const member = pick(memberTokens);
      const n = ++serial;
      return req(
        'member: submit proposal',
        SubmitProposalDocument,
        {
          input: {
            title: `关于基准测试第${n}号的建议`,
            category: 'AGRICULTURE_RURAL',
            situation: `现状：第${n}号建议所述情况。`,
            analysis: '原因分析。',
            suggestions: '具体建议。',
          },
        },
        bearer(member.token),
        (data) => {
          const p = data.submitProposal as { id: string; version: number };
          submitted.push({ id: p.id, version: p.version, district: member.district });
        },
      );
    },
    'staff: proposal list (filters)': () => {
      const district = pick(ACTIVE_DISTRICTS);
      const filter = { district, status: pick(STATUSES), category: pick(CATEGORIES) };
      return req(
        'staff: proposal list (filters)',
        ProposalQueueDocument,
        { filter, first: 20 },
        staff(district),
      );
    },
    'staff: statistics': () => {
      const district = pick(ACTIVE_DISTRICTS);
      const month = 1 + Math.floor(rnd() * 6);
      return req(
        'staff: statistics',
        ProposalFiguresDocument,
        {
          filter: { district, from: `2026-${String(month).padStart(2, '0')}-01`, to: '2026-12-31' },
        },
        staff(district),
      );
    },
    'staff: file proposal': () => {
      const p = submitted.shift();
      if (!p) return make['member: submit proposal']();
      return req(
        'staff: file proposal',
        FileProposalDocument,
        { id: p.id, version: p.version, note: '符合立案条件' },
        staff(p.district),
        (data) => {
          const f = data.fileProposal as { id: string; version: number };
          filed.push({ id: f.id, version: f.version, district: p.district });
        },
      );
    },
    'staff: assign proposal': () => {
      const p = filed.shift();
      if (!p) return make['staff: file proposal']();
      const unit = pick(units.filter((u) => u.district === p.district));
      return req(
        'staff: assign proposal',
        AssignProposalDocument,
        { id: p.id, version: p.version, input: { mode: 'SOLE', unitIds: [String(unit.id)] } },
        staff(p.district),
        (data) => {
          const a = data.assignProposal as { tasks: { id: string; unit: { id: string } | null }[] };
          for (const t of a.tasks) {
            // The graph names the unit by its global id; tokens and the demo by its key.
            const id = Number(t.unit ? fromGlobalId(t.unit.id)!.key : unit.id);
            if (!assigned.has(id)) assigned.set(id, new Set());
            assigned.get(id)!.add(t.id);
          }
        },
      );
    },
    'unit: my tasks': () => {
      // A unit with new tasks reads those waiting for receipt (which gives their versions);
      // otherwise any unit reads its list.
      const waiting = [...assigned].find(([, tasks]) => tasks.size > 0);
      const unit = waiting ? waiting[0] : pick(units).id;
      return req(
        'unit: my tasks',
        MyTasksDocument,
        waiting ? { filter: { status: 'PENDING_RECEIPT' }, first: 50 } : { first: pick([10, 20]) },
        bearer(unitTokens.get(unit)!),
        (data) => {
          const tasks = (data.handlingTasks as { nodes: { id: string; version: number }[] }).nodes;
          const mine = assigned.get(unit);
          for (const t of tasks)
            if (mine?.delete(t.id)) receivable.push({ id: t.id, version: t.version, unit });
        },
      );
    },
    'unit: receive task': () => {
      const t = receivable.shift();
      if (!t) return make['unit: my tasks']();
      return req(
        'unit: receive task',
        ReceiveHandlingTaskDocument,
        { id: t.id, version: t.version },
        bearer(unitTokens.get(t.unit)!),
        (data) => {
          const r = data.receiveHandlingTask as { id: string; version: number };
          received.push({ id: r.id, version: r.version, unit: t.unit });
        },
      );
    },
    'unit: reply': () => {
      const t = received.shift();
      if (!t) return make['unit: receive task']();
      return req(
        'unit: reply',
        ReplyToProposalDocument,
        {
          id: t.id,
          version: t.version,
          input: {
            text: '我单位已将该建议纳入年度工作计划，正在组织实施。',
            referenceNumber: `黄函〔2026〕${t.id}号`,
            signingLeader: '王明',
            contact: '0559-1234567',
            grade: 'A',
          },
        },
        bearer(unitTokens.get(t.unit)!),
      );
    },
  };

  // Smooth weighted round-robin (nginx's): each kind gains its weight, the richest goes.
  const kinds = Object.keys(KINDS) as Kind[];
  const credit = new Map<Kind, number>(kinds.map((k) => [k, 0]));
  const total = kinds.reduce((s, k) => s + KINDS[k], 0);
  return {
    next(): MixRequest {
      let best = kinds[0];
      for (const k of kinds) {
        credit.set(k, credit.get(k)! + KINDS[k]);
        if (credit.get(k)! > credit.get(best)!) best = k;
      }
      credit.set(best, credit.get(best)! - total);
      return make[best]();
    },
    /** Every kind, in pipeline order (submit before file, …): the check before a load. */
    kinds,
    make: (kind: Kind) => make[kind](),
  };
}

function req(
  kind: Kind,
  document: unknown,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  answered?: (data: Record<string, unknown>) => void,
): MixRequest {
  return { kind, ...text(document as DocumentNode), variables, headers, answered };
}
