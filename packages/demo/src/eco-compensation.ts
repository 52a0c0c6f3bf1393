import { escalations } from './consultation.js';
import { seeded } from './random.js';

/**
 * The Xin'an River–Qiandao Lake (新安江–千岛湖) compensation mechanism of domain.md §4.2 and the
 * work report, for the eco-compensation plugin: its rounds, funds, the 街口 section and the
 * joint samples whose yearly compensation index reproduces the documented outcome (the water
 * met the standard each year, so Zhejiang paid Anhui).
 */
export type EcoPayerKind = 'central' | 'upstream' | 'downstream' | 'other';
export type EcoRoundState = 'negotiating' | 'signed' | 'in_force' | 'concluded';

/** 歙县 holds the 街口 section on the Anhui–Zhejiang border. */
export const SHEXIAN = '341021';
const YI = 10_000; // 万元 in one 亿元

export const JIEKOU = {
  code: 'JIEKOU',
  name: '街口国控断面',
  description: '新安江皖浙交界处的国控跨省断面，两省每月联合监测两次。',
  party: '皖浙联合监测',
};

/**
 * Base concentrations (mg/L) the yearly averages are divided by. domain.md §4.2 found no exact
 * published values; these are of the order reported for the 街口 section and are demo figures.
 */
export const DEMO_BASE_LIMITS = { codmn: 2.11, nh3n: 0.105, tn: 1.21, tp: 0.03 };

export interface DemoRound {
  startYear: number;
  endYear: number;
  title: string;
  /** When the agreement was signed, where a source gives the day; otherwise its first year's 1 January stands in. */
  signedOn?: string;
  /** Stability coefficient: the later rounds tightened it (commonly reported 0.85 → 0.89 → 0.90). */
  k: number;
  /** What moves in a year: 1亿 in round 1 (domain.md); later rounds, the provinces' 2亿 share. */
  transfer: number;
  status: EcoRoundState;
  /** Contributions per year: [kind, name, 万元]. */
  funds: Record<number, [EcoPayerKind, string, number][]>;
}

const provinces = (amount: number): [EcoPayerKind, string, number][] => [
  ['upstream', '安徽省', amount],
  ['downstream', '浙江省', amount],
];

/** The four rounds of domain.md §4.2 with their fund sizes per payer and year. */
export const DEMO_ROUNDS: DemoRound[] = [
  {
    startYear: 2012,
    endYear: 2014,
    title: '新安江流域水环境补偿试点（第一轮）',
    k: 0.85,
    transfer: 1 * YI,
    status: 'concluded',
    funds: Object.fromEntries(
      [2012, 2013, 2014].map((y) => [y, [['central', '中央财政', 3 * YI], ...provinces(1 * YI)]]),
    ),
  },
  {
    startYear: 2015,
    endYear: 2017,
    title: '新安江流域上下游横向生态补偿（第二轮）',
    k: 0.89,
    transfer: 2 * YI,
    status: 'concluded',
    funds: {
      2015: [['central', '中央财政', 4 * YI], ...provinces(2 * YI)],
      2016: [['central', '中央财政', 3 * YI], ...provinces(2 * YI)],
      2017: [['central', '中央财政', 2 * YI], ...provinces(2 * YI)],
    },
  },
  {
    // Central funding withdrawn; the provinces keep 2亿 each. domain.md: 2018–20, reported as
    // running through 2022 — the pilot's ten years (2012–2022) before the 2023 agreement.
    startYear: 2018,
    endYear: 2022,
    title: '新安江流域上下游横向生态补偿（第三轮）',
    k: 0.9,
    transfer: 2 * YI,
    status: 'concluded',
    funds: Object.fromEntries([2018, 2019, 2020, 2021, 2022].map((y) => [y, provinces(2 * YI)])),
  },
  {
    // The 2023 样板区 agreement (signed in Hefei on 5 June 2023) makes rounds five years long
    // and raises the pool to 10亿 (domain.md), each province paying 4–6亿 into it: the even
    // split stands in. From 2024 the pool grows with the provinces' GDP; no figures, so no rows.
    startYear: 2023,
    endYear: 2027,
    title: '共同建设新安江—千岛湖生态保护补偿样板区协议',
    signedOn: '2023-06-05',
    k: 0.9,
    transfer: 2 * YI,
    status: 'in_force',
    funds: { 2023: provinces(5 * YI) },
  },
];

/** How far above/below the base each year's water sat (mean ratio); every year met the standard. */
const YEAR_RATIO: Record<number, number> = {
  2012: 0.98,
  2013: 0.96,
  2014: 0.95,
  2015: 0.97,
  2016: 0.95,
  2017: 0.94,
  2018: 0.96,
  2019: 0.94,
  2020: 0.93,
  2021: 0.95,
  2022: 0.94,
  2023: 0.93,
};

/** Twice-monthly joint samples (the 1st and 15th) around the year's level, deterministic. */
export function demoSamples(): {
  sampledOn: string;
  year: number;
  values: Record<string, number>;
}[] {
  const rnd = seeded(20120415);
  const out: { sampledOn: string; year: number; values: Record<string, number> }[] = [];
  for (const [yearText, ratio] of Object.entries(YEAR_RATIO)) {
    const year = Number(yearText);
    for (let month = 1; month <= 12; month++) {
      for (const day of [1, 15]) {
        const values: Record<string, number> = {};
        for (const [code, base] of Object.entries(DEMO_BASE_LIMITS)) {
          // ±8% noise around the year's level, to three significant decimals.
          values[code] = Math.round(base * ratio * (0.92 + rnd.next() * 0.16) * 10_000) / 10_000;
        }
        out.push({
          sampledOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          year,
          values,
        });
      }
    }
  }
  return out;
}

/**
 * 合作要点 items of the round in force: [year, item, owners, progress %, status]. The 2023
 * agreement's industry, talent and public-service cooperation, then the key points domain.md
 * lists (joint salvage, joint enforcement and emergency linkage, the 16-section real-time
 * monitoring network, the 2025 evaluation of the joint protection plan).
 */
export const ECO_TASKS: [number, string, string, number, 'planned' | 'in_progress' | 'done'][] = [
  [2023, '产业合作与人才交流', '黄山市发展和改革委员会、杭州市发展和改革委员会', 40, 'in_progress'],
  [2023, '公共服务共建共享', '黄山市人民政府办公室', 0, 'planned'],
  [2024, '联合打捞新安江—千岛湖水面垃圾', '黄山市生态环境局、杭州市生态环境局', 100, 'done'],
  [2024, '跨界联合执法与应急联动', '黄山市生态环境局、淳安县', 100, 'done'],
  [2025, '建成数字化监测网络（16个断面实时监测）', '黄山市生态环境局', 80, 'in_progress'],
  [
    2025,
    '评估《新安江流域水生态环境共同保护规划》实施情况',
    '黄山市生态环境局、杭州市生态环境局',
    0,
    'planned',
  ],
];

/**
 * The topic's escalation ("使之成为省政协年度重点协商议题和全国政协双周协商议题"), the same
 * listings the consultation demo records, as the plugin keeps them on the round then in force.
 */
export const ECO_ESCALATIONS: {
  level: 'provincial_key_consultation' | 'national_biweekly_consultation';
  agenda: string;
  listedOn: string;
  heldOn: string;
  note: string;
}[] = escalations.map((e) => ({
  level:
    e.body === 'PROVINCIAL_KEY_AGENDA'
      ? 'provincial_key_consultation'
      : 'national_biweekly_consultation',
  agenda: e.title,
  listedOn: e.takenUpOn,
  heldOn: e.heldOn,
  note: e.note,
}));
