import { assertWritableDistrict, audit, inputError, type RequestContext } from '@cppcc/kit';
import { RuleSetSchema, type RuleSet } from '../assessment/rules.js';
import { ScoringRuleSetSchema, type ScoringRuleSet } from '../entities/scoring-rule-set.entity.js';

/**
 * Staff put a new version of their district's rules for a year in force. Earlier versions
 * stay, so an assessment can say which version it was computed with; the change is audited.
 */
export async function setScoringRules(
  ctx: RequestContext,
  district: string,
  year: number,
  rules: unknown,
): Promise<ScoringRuleSet> {
  await assertWritableDistrict(ctx, district, 'input.district');
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw inputError('input.year', 'range', 'must be a year between 2000 and 2100');
  const parsed = RuleSetSchema.safeParse(rules);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError(['input.rules', ...issue.path].join('.'), issue.code, issue.message);
  }
  return ctx.em.transactional(async (em) => {
    const latest = await em.findOne(
      ScoringRuleSetSchema,
      { district, year },
      { orderBy: { version: 'desc' }, filters: false },
    );
    const version = (latest?.version ?? 0) + 1;
    const set = em.create(ScoringRuleSetSchema, {
      district,
      year,
      version,
      rules: parsed.data as RuleSet,
      createdBy: ctx.caller.userId,
      createdAt: new Date(),
      public: false,
    });
    audit(em, {
      entity: 'scoring_rule_set',
      entityId: `${district}/${year}`,
      action: 'set',
      fromState: latest ? `v${latest.version}` : null,
      toState: `v${version}`,
      actor: ctx.caller.userId,
      note: parsed.data.name,
    });
    return set;
  });
}
