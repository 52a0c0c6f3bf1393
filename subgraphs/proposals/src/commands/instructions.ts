import { emit, type EntityManager, type PayloadOf, writeInBatches } from '@cppcc/kit';
import {
  instructionHandedOver,
  type instructionReceived,
  instructionSubjectRegistered,
  type instructionTakenOver,
} from '@cppcc/events';
import { CosignerSchema } from '../entities/cosigner.entity.js';
import {
  InstructionSchema,
  OpinionAuthorSchema,
  OpinionItemSchema,
  type OpinionItem,
} from '../entities/opinion-item.entity.js';
import { FILED_STATUSES, ProposalSchema, type Proposal } from '../entities/proposal.entity.js';
import { InstructionRefSchema } from '../entities/refs.entity.js';

/*
 * Leaders' instructions (批示) on proposals and items are consultation's: it records them, keeps
 * them and shows them. This module tells it what it needs about their subjects, hands over the
 * rows it recorded before, and keeps a tally for its statistics.
 */

type SubjectPayload = PayloadOf<typeof instructionSubjectRegistered>;

/** Rows grouped by a key, in their order (Map.groupBy arrives with Node 21). */
function byKey<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The cosigners (not revoked) of each proposal, in invitation order: one query for any number. */
async function cosignersOf(em: EntityManager, proposalIds: number[]) {
  const rows = await em.find(
    CosignerSchema,
    { proposalId: { $in: proposalIds }, status: { $ne: 'REVOKED' } },
    { orderBy: { id: 'asc' }, filters: false },
  );
  return byKey(rows, (c) => c.proposalId);
}

/** The member authors of each item, by member id: one query for any number. */
async function authorsOf(em: EntityManager, itemIds: number[]) {
  const rows = await em.find(
    OpinionAuthorSchema,
    { itemId: { $in: itemIds } },
    { orderBy: { memberId: 'asc' } },
  );
  return byKey(rows, (a) => a.itemId);
}

/** A filed proposal as a subject: its author and accepted co-signers hear of instructions; its proposers read them. */
function proposalSubject(
  p: Proposal,
  cosigners: { memberId: number; status: string }[] = [],
): SubjectPayload {
  return {
    subjectType: 'PROPOSAL',
    subjectId: String(p.id),
    district: p.district,
    title: p.title,
    memberIds: [
      p.authorId,
      ...cosigners.filter((c) => c.status === 'ACCEPTED').map((c) => c.memberId),
    ].map(String),
    readerIds: [p.authorId, ...cosigners.map((c) => c.memberId)].map(String),
  };
}

/** An issued item as a subject: its member authors hear of instructions and read them. */
function itemSubject(item: OpinionItem, authors: { memberId: number }[] = []): SubjectPayload {
  const ids = authors.map((a) => String(a.memberId));
  return {
    subjectType: 'OPINION_ITEM',
    subjectId: String(item.id),
    district: item.district,
    title: item.title,
    memberIds: ids,
    readerIds: ids,
  };
}

/** Tells consultation a proposal was filed: instructions may be written on it from now on. */
export async function announceProposalSubject(
  em: EntityManager,
  module: string,
  p: Proposal,
): Promise<void> {
  const subject = proposalSubject(p, (await cosignersOf(em, [p.id])).get(p.id));
  emit(em, module, instructionSubjectRegistered, subject, p.district);
}

/** Tells consultation an item was issued: instructions may be written on it from now on. */
export async function announceItemSubject(
  em: EntityManager,
  module: string,
  item: OpinionItem,
): Promise<void> {
  const subject = itemSubject(item, (await authorsOf(em, [item.id])).get(item.id));
  emit(em, module, instructionSubjectRegistered, subject, item.district);
}

const ISSUED = ['ISSUED', 'REPORTED', 'ADOPTED'] as const;

/** Every filed proposal and issued item (seed, the first start after an upgrade). */
export async function announceInstructionSubjects(em: EntityManager): Promise<number> {
  const proposals = await em.find(
    ProposalSchema,
    { status: { $in: FILED_STATUSES } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  const items = await em.find(
    OpinionItemSchema,
    { status: { $in: [...ISSUED] } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  // Two queries for the people, not one per subject (and none run at once on one connection).
  const cosigners = await cosignersOf(
    em,
    proposals.map((p) => p.id),
  );
  const authors = await authorsOf(
    em,
    items.map((i) => i.id),
  );
  const payloads = [
    ...proposals.map((p) => proposalSubject(p, cosigners.get(p.id))),
    ...items.map((i) => itemSubject(i, authors.get(i.id))),
  ];
  await writeInBatches(em, payloads, (s) =>
    emit(em, 'proposals', instructionSubjectRegistered, s, s.district),
  );
  await em.flush();
  return payloads.length;
}

/**
 * Hands every row of the old instruction table over to consultation, one event each. Consultation
 * takes a row once (by sourceId), so handing over again (`npm run announce`) adds nothing.
 */
export async function handOverInstructions(em: EntityManager): Promise<number> {
  const rows = await em.find(InstructionSchema, {}, { filters: false, orderBy: { id: 'asc' } });
  const titles = new Map<string, string>();
  const proposalIds = rows.filter((r) => r.subjectType === 'PROPOSAL').map((r) => r.subjectId);
  const itemIds = rows.filter((r) => r.subjectType === 'OPINION_ITEM').map((r) => r.subjectId);
  for (const p of await em.find(ProposalSchema, { id: { $in: proposalIds } }, { filters: false }))
    titles.set(`PROPOSAL:${p.id}`, p.title);
  for (const i of await em.find(OpinionItemSchema, { id: { $in: itemIds } }, { filters: false }))
    titles.set(`OPINION_ITEM:${i.id}`, i.title);
  await writeInBatches(em, rows, (r) =>
    emit(
      em,
      'proposals',
      instructionHandedOver,
      {
        sourceId: String(r.id),
        district: r.district,
        subjectType: r.subjectType,
        subjectId: String(r.subjectId),
        title: titles.get(`${r.subjectType}:${r.subjectId}`) ?? `${r.subjectType} ${r.subjectId}`,
        leader: r.leader,
        level: r.level,
        text: r.text,
        instructedOn: r.instructedOn,
      },
      r.district,
    ),
  );
  await em.flush();
  return rows.length;
}

/** The tally follows consultation: one row per instruction on a proposal or an item. */
export async function tallyInstruction(
  em: EntityManager,
  i: PayloadOf<typeof instructionReceived>,
  district: string | null,
): Promise<void> {
  if (i.subjectType !== 'PROPOSAL' && i.subjectType !== 'OPINION_ITEM') return;
  const instructionId = Number(i.instructionId);
  if (await em.findOne(InstructionRefSchema, { instructionId })) return;
  const subjectId = Number(i.subjectId);
  const subject =
    i.subjectType === 'PROPOSAL'
      ? await em.findOne(ProposalSchema, { id: subjectId }, { filters: false })
      : await em.findOne(OpinionItemSchema, { id: subjectId }, { filters: false });
  em.create(InstructionRefSchema, {
    instructionId,
    legacyId: null,
    district: subject?.district ?? district ?? '',
    subjectType: i.subjectType,
    subjectId,
    level: i.level,
    instructedOn: i.instructedOn,
  });
}

/** A row handed over has consultation's id now. */
export async function tallyTakenOver(
  em: EntityManager,
  t: PayloadOf<typeof instructionTakenOver>,
): Promise<void> {
  const row = await em.findOne(InstructionRefSchema, { legacyId: Number(t.sourceId) });
  if (row) row.instructionId = Number(t.instructionId);
}
