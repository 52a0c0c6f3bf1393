import { below, type FigureSpec, type ReportKey, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';

type Figure = [key: string, label: string, unit: string];

/** The statistics filter of the report's district and period (and the districts below, when it counts them). */
const period = (k: ReportKey) => ({ district: k.district, from: k.from, to: k.to, ...below(k) });

const figures = (
  query: 'proposalStatistics' | 'opinionStatistics',
  filter: Record<string, unknown>,
  list: Figure[],
): FigureSpec[] =>
  list.map(([key, label, unit]) => ({ key, label, unit, query, args: { filter }, path: [key] }));

// 三、提案工作和民主监督: from submission to the proposer's rating.
reportSection(builder, 'proposals', {
  figures: (k) =>
    figures('proposalStatistics', period(k), [
      ['submitted', '提交提案', '件'],
      ['filed', '立案', '件'],
      ['replied', '办复', '件'],
      ['replyRate', '办复率', '%'],
      ['satisfactionRate', '满意率', '%'],
      ['keyProposals', '重点提案', '件'],
      ['keyProposalsFromConsultation', '一体两用重点提案', '件'],
      ['instructions', '获领导批示', '次'],
    ]),
  series: (k) => [
    {
      key: 'proposalsByOutcome',
      label: '提案审查结果',
      chart: 'PIE',
      points: figures('proposalStatistics', period(k), [
        ['filed', '立案', '件'],
        ['notFiled', '不予立案', '件'],
        ['converted', '转为委员来信', '件'],
        ['merged', '并案', '件'],
        ['withdrawn', '撤案', '件'],
      ]),
    },
    {
      key: 'repliesByRating',
      label: '办理结果评价',
      chart: 'PIE',
      points: figures('proposalStatistics', period(k), [
        ['satisfied', '满意', '件'],
        ['basicallySatisfied', '基本满意', '件'],
        ['unsatisfied', '不满意', '件'],
      ]),
    },
  ],
});

const LEVELS = { NATIONAL: '全国', PROVINCIAL: '省级', CITY: '市级', DISTRICT: '区县级' } as const;

/** One of `opinionStatistics.byLevel`'s figures, level by level, as a bar chart. */
const byLevel = (
  k: ReportKey,
  key: string,
  label: string,
  field: 'items' | 'instructions',
  what: string,
  unit: string,
) => ({
  key,
  label,
  chart: 'BAR' as const,
  points: Object.entries(LEVELS).map(([level, name]) => ({
    key: level,
    label: `${name}${what}`,
    unit,
    query: 'opinionStatistics',
    args: { filter: period(k) },
    path: [`byLevel[level=${level}]`, field],
  })),
});

// 四、社情民意信息: items submitted, bulletins issued, adoption and leaders' instructions by level.
reportSection(builder, 'publicOpinion', {
  figures: (k) =>
    figures('opinionStatistics', period(k), [
      ['submitted', '报送社情民意信息', '条'],
      ['issues', '编发专刊', '期'],
      ['issued', '刊发信息', '条'],
      ['adopted', '被采用', '条'],
      ['instructions', '获领导批示', '次'],
    ]),
  series: (k) => [
    byLevel(k, 'adoptionByLevel', '各级采用', 'items', '采用', '条'),
    byLevel(k, 'instructionsByLevel', '各级领导批示', 'instructions', '领导批示', '次'),
  ],
});
