import {
  appError,
  canSeeDistrict,
  ErrorCode,
  hasRole,
  inputError,
  periodArgs,
  type RequestContext,
  yearOrPeriod,
  describedValues,
  MUTATION_DESCRIPTION,
  RECORD_VERSION_DESCRIPTION,
  districtsCounted,
  includeBelowArg,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { districtAssessments, type RankedAssessment } from '../assessment/district-assessments.js';
import { PRESETS, type RuleSet } from '../assessment/rules.js';
import { setScoringRules } from '../commands/set-scoring-rules.js';
import { DutyEventSchema } from '../entities/duty-event.entity.js';
import { MemberSchema } from '../entities/member.entity.js';
import { ScoringRuleSetSchema, type ScoringRuleSet } from '../entities/scoring-rule-set.entity.js';
import { DistrictRef } from './district.js';
import { DutyEventType } from './duty-event.js';
import { MemberType } from './member.js';

type Item = RuleSet['items'][number];

const ScoringItem = builder.objectRef<Item>('ScoringItem').implement({
  description: '计分项 Points one kind of duty event earns, and the category it counts in.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'Duty event kind, e.g. proposal.filed.' }),
    qualifier: t.exposeString('qualifier', {
      nullable: true,
      description: 'Scores only events with this qualifier (a meeting body, an adopting level).',
    }),
    category: t.exposeString('category'),
    points: t.exposeFloat('points'),
    coAuthorPoints: t.exposeFloat('coAuthorPoints', { nullable: true }),
    jointLeadShare: t.exposeFloat('jointLeadShare', {
      nullable: true,
      description:
        "Joint work: the lead author's share of the points; the co-authors share the rest.",
    }),
  }),
});
const ScoringCap = builder.objectRef<{ category: string; max: number }>('ScoringCap').implement({
  description: '分类上限 The most points one category may add to a yearly assessment.',
  fields: (t) => ({ category: t.exposeString('category'), max: t.exposeFloat('max') }),
});
const ScoringDeduction = builder
  .objectRef<RuleSet['deductions'][number]>('ScoringDeduction')
  .implement({
    description: '扣分 Points deducted for one kind of event.',
    fields: (t) => ({
      kind: t.exposeString('kind'),
      qualifier: t.exposeString('qualifier', { nullable: true }),
      points: t.exposeFloat('points'),
    }),
  });
const ScoringMinimum = builder.objectRef<RuleSet['minimums'][number]>('ScoringMinimum').implement({
  description: 'A minimum yearly obligation: events of a kind, or events scored in a category.',
  fields: (t) => ({
    kind: t.exposeString('kind', { nullable: true }),
    qualifier: t.exposeString('qualifier', { nullable: true }),
    category: t.exposeString('category', { nullable: true }),
    count: t.exposeInt('count'),
    label: t.exposeString('label'),
  }),
});
const GradeBand = builder.objectRef<RuleSet['grades'][number]>('GradeBand').implement({
  description: '等次 A grade of the yearly assessment and the least points it needs.',
  fields: (t) => ({ name: t.exposeString('name'), min: t.exposeFloat('min') }),
});

export const ScoringRulesType = builder.objectRef<ScoringRuleSet>('ScoringRules').implement({
  description: "履职积分规则: a district's scoring rules for a year, in the version now in force.",
  fields: (t) => ({
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictRef,
      nullable: true,
      resolve: (r) => ({ code: r.district }),
    }),
    year: t.exposeInt('year'),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    name: t.string({ resolve: (r) => r.rules.name }),
    items: t.field({ type: [ScoringItem], resolve: (r) => r.rules.items }),
    caps: t.field({
      type: [ScoringCap],
      resolve: (r) => Object.entries(r.rules.caps).map(([category, max]) => ({ category, max })),
    }),
    deductions: t.field({ type: [ScoringDeduction], resolve: (r) => r.rules.deductions }),
    minimums: t.field({ type: [ScoringMinimum], resolve: (r) => r.rules.minimums }),
    grades: t.field({ type: [GradeBand], resolve: (r) => r.rules.grades }),
  }),
});

const Subtotal = builder
  .objectRef<RankedAssessment['subtotals'][number]>('AssessmentSubtotal')
  .implement({
    description:
      "分类小计 A member's points in one category of the yearly assessment, before and after its cap.",
    fields: (t) => ({
      category: t.exposeString('category'),
      raw: t.exposeFloat('raw', { description: 'Points before the cap.' }),
      points: t.exposeFloat('points'),
      cap: t.exposeFloat('cap', { nullable: true }),
    }),
  });
const Unmet = builder.objectRef<RankedAssessment['unmet'][number]>('UnmetObligation').implement({
  description: '未完成义务 A minimum obligation of the rule book a member has not met in the year.',
  fields: (t) => ({
    label: t.exposeString('label'),
    kind: t.exposeString('kind', { nullable: true }),
    category: t.exposeString('category', { nullable: true }),
    required: t.exposeInt('required'),
    done: t.exposeInt('done'),
  }),
});
const Line = builder.objectRef<RankedAssessment['lines'][number]>('AssessmentLine').implement({
  description: 'One event and the rule that scored it.',
  fields: (t) => ({
    event: t.field({
      type: DutyEventType,
      resolve: async (l, _args, ctx) =>
        (await ctx.loaders.many(DutyEventSchema, 'id', {}, true).load(l.eventId))[0],
    }),
    category: t.exposeString('category'),
    points: t.exposeFloat('points'),
    rule: t.exposeString('rule'),
  }),
});

export const AssessmentType = builder.objectRef<RankedAssessment>('Assessment').implement({
  description:
    "履职考核: a member's yearly assessment, computed from the duty record under the rules in force.",
  fields: (t) => ({
    year: t.exposeInt('year'),
    rulesVersion: t.int({ resolve: (a) => a.rules.version }),
    total: t.exposeFloat('total'),
    grade: t.exposeString('grade'),
    rank: t.exposeInt('rank', {
      nullable: true,
      description:
        "Within the district, among members serving at the year's end; equal totals share a rank. Null for a member who had left or was suspended by then: assessed, not ranked.",
    }),
    deducted: t.exposeFloat('deducted'),
    subtotals: t.field({ type: [Subtotal], resolve: (a) => a.subtotals }),
    unmet: t.field({ type: [Unmet], resolve: (a) => a.unmet }),
    lines: t.field({ type: [Line], resolve: (a) => a.lines }),
    member: t.field({
      type: MemberType,
      resolve: async (a, _args, ctx) => (await ctx.loaders.one(MemberSchema).load(a.memberId))!,
    }),
  }),
});

function mayAssess(ctx: RequestContext, district: string, memberId?: number): boolean {
  return (
    (memberId !== undefined && ctx.caller.memberId === String(memberId)) ||
    (hasRole(ctx.caller, 'staff') && canSeeDistrict(ctx.caller, district))
  );
}

builder.objectField(MemberType, 'assessment', (t) =>
  t.field({
    type: AssessmentType,
    nullable: true,
    description:
      'The yearly assessment; null when the district has no rules for that year. The member and their district staff only.',
    args: { year: t.arg.int({ required: true }) },
    resolve: async (m, { year }, ctx) => {
      if (!mayAssess(ctx, m.district, m.id))
        throw appError(
          ErrorCode.FORBIDDEN,
          'assessment: only the member and their district staff may see it',
          { field: 'assessment' },
        );
      return (await districtAssessments(ctx, m.district, year))?.get(m.id) ?? null;
    },
  }),
);

/** Assessment years a range may span: a report compares a few years, not a history. */
const MAX_YEARS = 10;

/**
 * The assessment years a call asks for: `year`, or every year whose assessment falls in
 * [from, to] — a year is graded on its last day (31 December), the date that places it in a period.
 */
function yearsAsked(args: {
  year?: number | null;
  from?: string | null;
  to?: string | null;
}): number[] {
  const period = yearOrPeriod(args);
  if ('year' in period) return [period.year];
  // Every year's 31 December on or after `from` falls in from's own year onwards.
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4)) - (period.to.slice(5) === '12-31' ? 0 : 1);
  if (last - first + 1 > MAX_YEARS)
    throw inputError('to', 'span', `may cover at most ${MAX_YEARS} assessment years`);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

builder.queryField('assessments', (t) =>
  t.field({
    type: [AssessmentType],
    description:
      "Every member's assessment in a district (with includeBelow, and each district below it) for a year, or for each year graded in a from/to range; year by year, district by district, within a district's year ranked ones best first, then the unranked. Staff only.",
    authScopes: { staff: true },
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      ...includeBelowArg(t),
      year: t.arg.int({
        required: false,
        description: 'One assessment year; or leave it out and give from and to.',
      }),
      ...periodArgs(t, 'grading day (the last day of the assessment year, 31 December)'),
    },
    resolve: async (_root, { district, includeBelow, year, from, to }, ctx) => {
      const years = yearsAsked({ year, from, to });
      if (!mayAssess(ctx, String(district)))
        throw appError(
          ErrorCode.CROSS_DISTRICT,
          `district: you may not see assessments of district ${district}`,
          { field: 'district' },
        );
      // Those who may assess a district may assess the districts below it (the city's staff).
      const districts = await districtsCounted(ctx, String(district), includeBelow);
      const out: RankedAssessment[] = [];
      for (const y of years)
        for (const d of districts) {
          const all = await districtAssessments(ctx, d, y);
          if (all)
            out.push(
              ...[...all.values()].sort(
                (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total,
              ),
            );
        }
      return out;
    },
  }),
);

builder.queryField('scoringRules', (t) =>
  t.field({
    type: ScoringRulesType,
    nullable: true,
    description:
      'The rules in force for a district and year. Not public: those working for the district (the city for those below) and its own members, whom they score; null for anyone else.',
    args: {
      district: t.arg.id({
        description: 'The district (its code) whose records to list.',
        required: true,
      }),
      year: t.arg.int({ required: true }),
    },
    resolve: (_root, { district, year }, ctx) => {
      const code = String(district);
      // A member reads the rules that score them; everyone else only what the district filter lets through.
      const ownMember = ctx.caller.memberId !== null && ctx.caller.district === code;
      return ctx.em.findOne(
        ScoringRuleSetSchema,
        { district: code, year },
        { orderBy: { version: 'desc' }, ...(ownMember ? { filters: false } : {}) },
      );
    },
  }),
);

const ScoringPreset = builder.enumType('ScoringPreset', {
  description: 'Rule books of real committees (research/domain.md §3.4).',
  values: describedValues(
    Object.keys(PRESETS).map((k) => k.toUpperCase()),
    {
      MINHANG:
        '闵行区政协委员履职细则 Points accumulate without a cap; minimum obligations decide a pass.',
      TONGCHENG: "桐城市政协委员履职考核 A 100-point scale, 60 to pass, with 安庆's grade bands.",
    },
  ),
});

const ItemInput = builder.inputType('ScoringItemInput', {
  description: '计分项 Points one kind of duty event earns, and its category.',
  fields: (t) => ({
    kind: t.string({ required: true }),
    qualifier: t.string({ required: false }),
    category: t.string({ required: true }),
    points: t.float({ required: true }),
    coAuthorPoints: t.float({ required: false }),
    jointLeadShare: t.float({ required: false }),
  }),
});
const CapInput = builder.inputType('ScoringCapInput', {
  description: '分类上限 The most points one category may add.',
  fields: (t) => ({ category: t.string({ required: true }), max: t.float({ required: true }) }),
});
const DeductionInput = builder.inputType('ScoringDeductionInput', {
  description: '扣分 Points deducted for one kind of event.',
  fields: (t) => ({
    kind: t.string({ required: true }),
    qualifier: t.string({ required: false }),
    points: t.float({ required: true }),
  }),
});
const MinimumInput = builder.inputType('ScoringMinimumInput', {
  description: 'Give a kind (with an optional qualifier) or a category.',
  fields: (t) => ({
    kind: t.string({ required: false }),
    qualifier: t.string({ required: false }),
    category: t.string({ required: false }),
    count: t.int({ required: true }),
    label: t.string({ required: true }),
  }),
});
const GradeInput = builder.inputType('GradeBandInput', {
  description: '等次 A grade of the yearly assessment and the least points it needs.',
  fields: (t) => ({ name: t.string({ required: true }), min: t.float({ required: true }) }),
});
const RulesInput = builder.inputType('ScoringRulesInput', {
  description:
    "履职考核细则 A district's rule book for the yearly assessment: items, deductions, caps and grades.",
  fields: (t) => ({
    name: t.string({ required: true }),
    items: t.field({ type: [ItemInput], required: true }),
    caps: t.field({ type: [CapInput], required: false }),
    deductions: t.field({ type: [DeductionInput], required: false }),
    minimums: t.field({ type: [MinimumInput], required: false }),
    grades: t.field({ type: [GradeInput], required: true }),
  }),
});
const SetScoringRulesInput = builder.inputType('SetScoringRulesInput', {
  description: 'What `setScoringRules` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    year: t.int({ required: true }),
    preset: t.field({
      type: ScoringPreset,
      required: false,
      description: 'Start from a real rule book; or give `rules`.',
    }),
    rules: t.field({ type: RulesInput, required: false }),
  }),
});

builder.mutationType({ description: MUTATION_DESCRIPTION });

builder.mutationField('setScoringRules', (t) =>
  t.field({
    type: ScoringRulesType,
    description:
      "Puts a new version of a district's scoring rules for a year in force; assessments follow at once. Staff only; audited.",
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `setScoringRules` takes (`SetScoringRulesInput`).',
        type: SetScoringRulesInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) => {
      if (!!input.preset === !!input.rules) {
        throw appError(ErrorCode.BAD_USER_INPUT, 'input: give exactly one of preset and rules', {
          field: 'input.rules',
          rule: 'one-of',
        });
      }
      const rules = input.preset
        ? PRESETS[input.preset.toLowerCase()]
        : {
            ...input.rules!,
            items: input.rules!.items.map((i) => ({
              ...i,
              qualifier: i.qualifier ?? undefined,
              coAuthorPoints: i.coAuthorPoints ?? undefined,
              jointLeadShare: i.jointLeadShare ?? undefined,
            })),
            caps: Object.fromEntries((input.rules!.caps ?? []).map((c) => [c.category, c.max])),
            deductions: (input.rules!.deductions ?? []).map((d) => ({
              ...d,
              qualifier: d.qualifier ?? undefined,
            })),
            minimums: (input.rules!.minimums ?? []).map((m) => ({
              ...m,
              kind: m.kind ?? undefined,
              qualifier: m.qualifier ?? undefined,
              category: m.category ?? undefined,
            })),
          };
      return setScoringRules(ctx, String(input.district), input.year, rules);
    },
  }),
);
