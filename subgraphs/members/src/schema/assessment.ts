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
  capped,
  listBoundArg,
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
    category: t.exposeString('category', { description: '类别 The category its points count in.' }),
    points: t.exposeFloat('points', { description: '分值 The points for each event.' }),
    coAuthorPoints: t.exposeFloat('coAuthorPoints', {
      description: '联名分值 The points for a co-author, if different.',
      nullable: true,
    }),
    jointLeadShare: t.exposeFloat('jointLeadShare', {
      nullable: true,
      description:
        "Joint work: the lead author's share of the points; the co-authors share the rest.",
    }),
  }),
});
const ScoringCap = builder.objectRef<{ category: string; max: number }>('ScoringCap').implement({
  description: '分类上限 The most points one category may add to a yearly assessment.',
  fields: (t) => ({
    category: t.exposeString('category', { description: '类别 The category capped.' }),
    max: t.exposeFloat('max', { description: '上限 The most points the category may give.' }),
  }),
});
const ScoringDeduction = builder
  .objectRef<RuleSet['deductions'][number]>('ScoringDeduction')
  .implement({
    description: '扣分 Points deducted for one kind of event.',
    fields: (t) => ({
      kind: t.exposeString('kind', { description: '类别 The kind of duty event that deducts.' }),
      qualifier: t.exposeString('qualifier', {
        description: '限定 The qualifier of that kind it applies to, if any.',
        nullable: true,
      }),
      points: t.exposeFloat('points', { description: '扣分 The points deducted for each.' }),
    }),
  });
const ScoringMinimum = builder.objectRef<RuleSet['minimums'][number]>('ScoringMinimum').implement({
  description: 'A minimum yearly obligation: events of a kind, or events scored in a category.',
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description: '类别 The kind of duty event counted, if the minimum names one.',
      nullable: true,
    }),
    qualifier: t.exposeString('qualifier', {
      description: '限定 The qualifier of that kind, if any.',
      nullable: true,
    }),
    category: t.exposeString('category', {
      description: '类别 The category counted, if the minimum names one.',
      nullable: true,
    }),
    count: t.exposeInt('count', { description: '次数 How many a member must have in the year.' }),
    label: t.exposeString('label', { description: '名称 How the rule book names the obligation.' }),
  }),
});
const GradeBand = builder.objectRef<RuleSet['grades'][number]>('GradeBand').implement({
  description: '等次 A grade of the yearly assessment and the least points it needs.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "等次 The grade's name." }),
    min: t.exposeFloat('min', { description: '最低分 The lowest total that earns it.' }),
  }),
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
    year: t.exposeInt('year', { description: '年度 The year the rules are for.' }),
    version: t.exposeInt('version', { description: RECORD_VERSION_DESCRIPTION }),
    name: t.string({ description: "名称 The rule book's name.", resolve: (r) => r.rules.name }),
    items: t.field({
      description: '计分项 What earns points, and how many.',
      type: [ScoringItem],
      resolve: (r) => r.rules.items,
    }),
    caps: t.field({
      description: '上限 The cap on each category.',
      type: [ScoringCap],
      resolve: (r) => Object.entries(r.rules.caps).map(([category, max]) => ({ category, max })),
    }),
    deductions: t.field({
      description: '扣分项 What deducts points, and how many.',
      type: [ScoringDeduction],
      resolve: (r) => r.rules.deductions,
    }),
    minimums: t.field({
      description: '基本义务 The minimum obligations of the year.',
      type: [ScoringMinimum],
      resolve: (r) => r.rules.minimums,
    }),
    grades: t.field({
      description: '等次 The grade bands, by lowest total.',
      type: [GradeBand],
      resolve: (r) => r.rules.grades,
    }),
  }),
});

const Subtotal = builder
  .objectRef<RankedAssessment['subtotals'][number]>('AssessmentSubtotal')
  .implement({
    description:
      "分类小计 A member's points in one category of the yearly assessment, before and after its cap.",
    fields: (t) => ({
      category: t.exposeString('category', { description: '类别 The rule book category.' }),
      raw: t.exposeFloat('raw', { description: 'Points before the cap.' }),
      points: t.exposeFloat('points', { description: "得分 Points after the category's cap." }),
      cap: t.exposeFloat('cap', {
        description: "上限 The category's cap; null without one.",
        nullable: true,
      }),
    }),
  });
const Unmet = builder.objectRef<RankedAssessment['unmet'][number]>('UnmetObligation').implement({
  description: '未完成义务 A minimum obligation of the rule book a member has not met in the year.',
  fields: (t) => ({
    label: t.exposeString('label', { description: '名称 How the rule book names the obligation.' }),
    kind: t.exposeString('kind', {
      description: '类别 The kind of duty event it counts, if any.',
      nullable: true,
    }),
    category: t.exposeString('category', {
      description: '类别 The category it counts, if any.',
      nullable: true,
    }),
    required: t.exposeInt('required', { description: '应完成 How many the year requires.' }),
    done: t.exposeInt('done', { description: '已完成 How many the member has.' }),
  }),
});
const Line = builder.objectRef<RankedAssessment['lines'][number]>('AssessmentLine').implement({
  description: 'One event and the rule that scored it.',
  fields: (t) => ({
    event: t.field({
      description: '履职记录 The duty event scored.',
      type: DutyEventType,
      resolve: async (l, _args, ctx) =>
        (await ctx.loaders.many(DutyEventSchema, 'id', {}, true).load(l.eventId))[0],
    }),
    category: t.exposeString('category', {
      description: '类别 The rule book category it counts in.',
    }),
    points: t.exposeFloat('points', {
      description: '分值 The points it earned (negative for a deduction).',
    }),
    rule: t.exposeString('rule', {
      description: '规则 The rule of the rule book that gave the points.',
    }),
  }),
});

export const AssessmentType = builder.objectRef<RankedAssessment>('Assessment').implement({
  description:
    "履职考核: a member's yearly assessment, computed from the duty record under the rules in force.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: '年度 The year assessed.' }),
    rulesVersion: t.int({
      description: "细则版本 The version of the year's rule book the score was computed with.",
      resolve: (a) => a.rules.version,
    }),
    total: t.exposeFloat('total', {
      description: '总分 The score: subtotals (each capped) less deductions.',
    }),
    grade: t.exposeString('grade', { description: '等次 The grade band the total falls in.' }),
    rank: t.exposeInt('rank', {
      nullable: true,
      description:
        "Within the district, among members serving at the year's end; equal totals share a rank. Null for a member who had left or was suspended by then: assessed, not ranked.",
    }),
    deducted: t.exposeFloat('deducted', { description: '扣分 Points deducted in all.' }),
    subtotals: t.field({
      description: '分类小计 Points by category, before and after the cap.',
      type: [Subtotal],
      resolve: (a) => a.subtotals,
    }),
    unmet: t.field({
      description: '未完成义务 Minimum obligations not met.',
      type: [Unmet],
      resolve: (a) => a.unmet,
    }),
    lines: t.field({
      description: '得分明细 Each duty event and the points it earned.',
      type: [Line],
      resolve: (a) => a.lines,
    }),
    member: t.field({
      description: '委员 The member assessed.',
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
    args: { year: t.arg.int({ required: true, description: 'The year assessed.' }) },
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
      ...listBoundArg(t, 'assessments, in the order above'),
    },
    resolve: async (_root, { district, includeBelow, year, from, to, first }, ctx) => {
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
      return capped(out, first);
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
      year: t.arg.int({ description: 'The year.', required: true }),
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
    kind: t.string({ description: 'The kind of duty event that earns points.', required: true }),
    qualifier: t.string({ description: 'The qualifier of that kind, if any.', required: false }),
    category: t.string({ description: 'The category its points count in.', required: true }),
    points: t.float({ description: 'The points for each event.', required: true }),
    coAuthorPoints: t.float({
      description: 'The points for a co-author, if different.',
      required: false,
    }),
    jointLeadShare: t.float({
      description: 'The share of the points for a joint lead, if any.',
      required: false,
    }),
  }),
});
const CapInput = builder.inputType('ScoringCapInput', {
  description: '分类上限 The most points one category may add.',
  fields: (t) => ({
    category: t.string({ required: true, description: 'The category capped.' }),
    max: t.float({ required: true, description: 'The most points the category may give.' }),
  }),
});
const DeductionInput = builder.inputType('ScoringDeductionInput', {
  description: '扣分 Points deducted for one kind of event.',
  fields: (t) => ({
    kind: t.string({ description: 'The kind of duty event that deducts.', required: true }),
    qualifier: t.string({
      description: 'The qualifier of that kind it applies to, if any.',
      required: false,
    }),
    points: t.float({ description: 'The points deducted for each.', required: true }),
  }),
});
const MinimumInput = builder.inputType('ScoringMinimumInput', {
  description: 'Give a kind (with an optional qualifier) or a category.',
  fields: (t) => ({
    kind: t.string({
      description: 'The kind of duty event counted, if the minimum names one.',
      required: false,
    }),
    qualifier: t.string({ description: 'The qualifier of that kind, if any.', required: false }),
    category: t.string({
      description: 'The category counted, if the minimum names one.',
      required: false,
    }),
    count: t.int({ description: 'How many a member must have in the year.', required: true }),
    label: t.string({ description: 'How the rule book names the obligation.', required: true }),
  }),
});
const GradeInput = builder.inputType('GradeBandInput', {
  description: '等次 A grade of the yearly assessment and the least points it needs.',
  fields: (t) => ({
    name: t.string({ required: true, description: "The grade's name." }),
    min: t.float({ required: true, description: 'The lowest total that earns it.' }),
  }),
});
const RulesInput = builder.inputType('ScoringRulesInput', {
  description:
    "履职考核细则 A district's rule book for the yearly assessment: items, deductions, caps and grades.",
  fields: (t) => ({
    name: t.string({ description: "The rule book's name.", required: true }),
    items: t.field({
      description: 'What earns points, and how many.',
      type: [ItemInput],
      required: true,
    }),
    caps: t.field({ description: 'The cap on each category.', type: [CapInput], required: false }),
    deductions: t.field({
      description: 'What deducts points, and how many.',
      type: [DeductionInput],
      required: false,
    }),
    minimums: t.field({
      description: 'The minimum obligations of the year.',
      type: [MinimumInput],
      required: false,
    }),
    grades: t.field({
      description: 'The grade bands, by lowest total.',
      type: [GradeInput],
      required: true,
    }),
  }),
});
const SetScoringRulesInput = builder.inputType('SetScoringRulesInput', {
  description: 'What `setScoringRules` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    year: t.int({ description: 'The year the rules are for.', required: true }),
    preset: t.field({
      type: ScoringPreset,
      required: false,
      description: 'Start from a real rule book; or give `rules`.',
    }),
    rules: t.field({
      description: 'The rule book itself; give this or a preset.',
      type: RulesInput,
      required: false,
    }),
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
