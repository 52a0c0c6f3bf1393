import { emit, syncSequence, writeInBatches, type EntityManager, type SeedOptions } from '@cppcc/kit';
import { proposalFiled, proposalSubmitted } from '@cppcc/events';
import { proposals } from '@cppcc/demo';
import { ProposalSchema } from './entities/proposal.entity.js';

/** Demo proposals, each announced on the bus exactly as a live submission would be. */
export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  const caseCounters = new Map<string, number>();
  await writeInBatches(em, proposals(scale), (d) => {
    const submittedAt = new Date(`${d.year}-01-${String(5 + (d.id % 20)).padStart(2, '0')}T02:00:00Z`);
    const filedAt = d.status === 'FILED' ? new Date(submittedAt.getTime() + 20 * 86400_000) : null;
    const key = `${d.district}:${d.year}`;
    if (filedAt) caseCounters.set(key, (caseCounters.get(key) ?? 0) + 1);
    const caseNumber = filedAt ? `${d.year}-${String(caseCounters.get(key)).padStart(4, '0')}` : null;
    em.create(ProposalSchema, {
      id: d.id,
      district: d.district,
      caseNumber,
      title: d.title,
      category: d.category,
      year: d.year,
      situation: d.situation,
      analysis: d.analysis,
      suggestions: d.suggestions,
      status: d.status,
      authorId: d.authorId,
      submittedAt,
      filedAt,
      public: filedAt !== null,
    });
    const ids = { proposalId: String(d.id), authorId: String(d.authorId) };
    emit(em, 'proposals', proposalSubmitted, { ...ids, title: d.title, submittedAt: submittedAt.toISOString() }, d.district);
    if (filedAt) emit(em, 'proposals', proposalFiled, { ...ids, coAuthorIds: [], caseNumber: caseNumber!, filedAt: filedAt.toISOString() }, d.district);
  }, progress);
  await syncSequence(em, 'proposal');
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(ProposalSchema, {})) > 0;
}
