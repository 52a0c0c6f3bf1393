import {
  appError,
  ErrorCode,
  type EntityManager,
  PluginSwitchSchema,
  type GraphQLError,
} from '@cppcc/plugin-sdk';
import {
  ruleOf,
  CompensationRoundSchema,
  type CompensationRound,
} from '../entities/compensation-round.entity.js';
import { WaterQualitySampleSchema } from '../entities/water-quality-sample.entity.js';
import { YearlyAssessmentSchema } from '../entities/yearly-assessment.entity.js';
import { computeIndex, type IndexResult } from '../indicators.js';
import { parseSettings, type EcoCompensationSettings } from '../settings.js';

export interface AssessmentResult extends IndexResult {
  /** Who pays whom under the round's rule, and how much (万元). */
  payer: string;
  payee: string;
  amount: number;
}

/** A district's settings as its switch row holds them (the round's district, not the caller's). */
export async function districtSettings(
  em: EntityManager,
  district: string,
): Promise<EcoCompensationSettings> {
  const row = await em.findOne(PluginSwitchSchema, { district }, { filters: false });
  return parseSettings(row?.settings);
}

/**
 * The assessment of one year of a round, from that year's samples at the round's section.
 * The rule is the agreement's: P ≤ threshold means the upstream water met the standard and the
 * downstream province pays the upstream one; P > threshold, the upstream province pays.
 */
export async function assess(
  em: EntityManager,
  round: CompensationRound,
  year: number,
  field = 'year',
): Promise<AssessmentResult> {
  // Samples of every district count: the section's samples are the agreement's evidence, whoever may read them.
  const samples = await em.find(
    WaterQualitySampleSchema,
    { sectionId: round.sectionId, year },
    { filters: false, orderBy: { id: 'asc' } },
  );
  const settings = await districtSettings(em, round.district);
  const index = computeIndex(
    samples.map((s) => JSON.parse(s.values) as Record<string, number>),
    ruleOf(round),
    settings.extraIndicators,
    field,
  );
  const [payer, payee] = index.passed
    ? [round.downstream, round.upstream]
    : [round.upstream, round.downstream];
  return { ...index, payer, payee, amount: round.transferAmount };
}

/** Writes (or rewrites) the assessment of a year in the caller's unit of work. */
export async function storeAssessment(
  em: EntityManager,
  round: CompensationRound,
  year: number,
  by: string | null,
) {
  const result = await assess(em, round, year);
  const existing = await em.findOne(
    YearlyAssessmentSchema,
    { roundId: round.id, year },
    { filters: false },
  );
  if (existing) {
    existing.result = JSON.stringify(result);
    existing.computedBy = by;
    existing.computedAt = new Date();
    return existing;
  }
  return em.create(YearlyAssessmentSchema, {
    district: round.district,
    public: round.public,
    roundId: round.id,
    year,
    result: JSON.stringify(result),
    computedBy: by,
    computedAt: new Date(),
  });
}

/**
 * After a sample at `sectionId` changed, rewrites the assessments of the given years that rest
 * on it. A change that would leave an assessed year without evidence is refused.
 */
export async function recomputeAfterSampleChange(
  em: EntityManager,
  sectionId: number,
  years: number[],
  by: string | null,
): Promise<void> {
  const rounds = await em.find(CompensationRoundSchema, { sectionId }, { filters: false });
  if (!rounds.length) return;
  const assessments = await em.find(
    YearlyAssessmentSchema,
    { roundId: { $in: rounds.map((r) => r.id) }, year: { $in: years } },
    { filters: false },
  );
  for (const assessment of assessments) {
    const round = rounds.find((r) => r.id === assessment.roundId)!;
    try {
      await storeAssessment(em, round, assessment.year, by);
    } catch (error) {
      const reason = (error as GraphQLError).message;
      throw appError(
        ErrorCode.CONFLICT,
        `sampledOn: the assessment of ${assessment.year} (round ${round.id}) rests on these samples and could not be recomputed: ${reason}`,
        {
          field: 'sampledOn',
          assessment: String(assessment.id),
        },
      );
    }
  }
}
