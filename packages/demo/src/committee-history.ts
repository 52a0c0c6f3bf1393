import { CITY, committees } from './organization.js';
import { unitByShort } from './government-units.js';

/**
 * The institutional reform of the report ("增设农业和农村委员会，调整了三个专委会职能"):
 * on REFORM_DAY the agriculture committee was created and three committees' functions
 * changed to those they have now (in organization.ts).
 */
export const TERM_START = '2021-12-20';
export const REFORM_DAY = '2025-03-01';

export interface DemoCommitteeChange {
  committeeId: number;
  kind: 'CREATED' | 'FUNCTIONS_ADJUSTED';
  on: string;
  functionsBefore: string | null;
  note: string;
}

const ADJUSTED: [string, string][] = [
  ['经济委员会', '经济建设、农业农村、民营经济方面的协商与调研'],
  ['人口资源环境委员会', '人口、资源、环境和农业资源保护'],
  ['文化文史和学习委员会', '文化、文史资料'],
];

const byName = (name: string) => committees.find((c) => c.district === CITY && c.name === name)!;

export const committeeChanges: DemoCommitteeChange[] = [
  ...committees.map((c) => ({
    committeeId: c.id,
    kind: 'CREATED' as const,
    on: c.establishedInReform ? REFORM_DAY : TERM_START,
    functionsBefore: null,
    note: c.establishedInReform ? '市政协机构改革：增设' : '十届一次会议设立',
  })),
  ...ADJUSTED.map(([name, before]) => ({
    committeeId: byName(name).id,
    kind: 'FUNCTIONS_ADJUSTED' as const,
    on: REFORM_DAY,
    functionsBefore: before,
    note: '市政协机构改革：调整职能',
  })),
];

export interface DemoLiaisonPair {
  id: number;
  committeeId: number;
  unitId: number;
  district: string;
  since: string;
}

/** 《市直有关单位与市政协专门委员会对口联系工作制度》: which unit each city committee liaises with. */
const CITY_PAIRS: [string, string[]][] = [
  ['提案委员会', ['发改委']],
  ['经济委员会', ['发改委', '经信局', '商务局', '数据资源局']],
  ['人口资源环境委员会', ['生态环境局', '自然资源局', '林业局', '水利局']],
  ['教科卫体委员会', ['教育局', '科技局', '卫健委']],
  ['社会和法制委员会', ['民政局', '人社局', '医保局', '城管局']],
  ['文化文史和学习委员会', ['文旅局']],
  ['农业和农村委员会', ['农业农村局', '乡村振兴局']],
];

export const liaisonPairs: DemoLiaisonPair[] = CITY_PAIRS.flatMap(([name, units]) => {
  const committee = byName(name);
  return units.map((short) => ({
    committeeId: committee.id,
    unitId: unitByShort(CITY, short).id,
    district: CITY,
    since: committee.establishedInReform ? REFORM_DAY : '2022-06-01',
  }));
}).map((p, i) => ({ ...p, id: i + 1 }));

export interface DemoLiaisonActivity {
  pairId: number;
  title: string;
  heldOn: string;
  summary: string;
}

const pairOf = (committee: string, unit: string) =>
  liaisonPairs.find(
    (p) => p.committeeId === byName(committee).id && p.unitId === unitByShort(CITY, unit).id,
  )!.id;

export const liaisonActivities: DemoLiaisonActivity[] = [
  {
    pairId: pairOf('农业和农村委员会', '农业农村局'),
    title: '茶业振兴对口联系座谈',
    heldOn: '2025-05-14',
    summary: '听取茶产业发展情况通报，商定联合调研计划',
  },
  {
    pairId: pairOf('人口资源环境委员会', '生态环境局'),
    title: '新安江流域生态补偿试点情况通报会',
    heldOn: '2025-07-09',
    summary: '通报试点进展，委员就补偿标准提出建议',
  },
  {
    pairId: pairOf('经济委员会', '发改委'),
    title: '“十四五”规划实施情况对口联系',
    heldOn: '2025-10-22',
    summary: '了解规划中期评估，征集融杭接沪建议',
  },
  {
    pairId: pairOf('文化文史和学习委员会', '文旅局'),
    title: '杭黄文化旅游廊道建设联合调研',
    heldOn: '2026-04-17',
    summary: '实地走访廊道节点，形成调研报告',
  },
  {
    pairId: pairOf('社会和法制委员会', '民政局'),
    title: '社区居家养老服务对口协商',
    heldOn: '2026-06-03',
    summary: '就养老服务设施布局交换意见',
  },
];
