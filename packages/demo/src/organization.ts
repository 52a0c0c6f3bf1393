/**
 * The committee structure behind the work report. The report masks the city's name; its
 * details (杭黄 corridor, 新安江 compensation pilot, 茶业振兴) point to 黄山市, whose
 * administrative division codes key the districts here.
 */
export const CITY = '341000';

export interface DemoDistrict {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT' | 'COUNTY';
  parent: string | null;
}

export const districts: DemoDistrict[] = [
  { code: CITY, name: '黄山市政协', level: 'CITY', parent: null },
  { code: '341002', name: '屯溪区政协', level: 'DISTRICT', parent: CITY },
  { code: '341003', name: '黄山区政协', level: 'DISTRICT', parent: CITY },
  { code: '341004', name: '徽州区政协', level: 'DISTRICT', parent: CITY },
  { code: '341021', name: '歙县政协', level: 'COUNTY', parent: CITY },
  { code: '341022', name: '休宁县政协', level: 'COUNTY', parent: CITY },
  { code: '341023', name: '黟县政协', level: 'COUNTY', parent: CITY },
  { code: '341024', name: '祁门县政协', level: 'COUNTY', parent: CITY },
];

/** Districts that hold demo members (the city and three below it). */
export const ACTIVE_DISTRICTS = [CITY, '341002', '341021', '341024'];

export interface DemoCommittee {
  id: number;
  district: string;
  name: string;
  functions: string;
  /** Set for the committee the institutional reform added. */
  establishedInReform?: boolean;
}

const cityCommittees: [string, string][] = [
  ['提案委员会', '提案征集、审查立案、交办督办和办理协商'],
  ['经济委员会', '经济建设、民营经济、开放合作方面的协商与调研'],
  ['人口资源环境委员会', '生态环境保护、新安江流域生态补偿、资源利用'],
  ['教科卫体委员会', '教育、科技、卫生健康和体育事业'],
  ['社会和法制委员会', '社会治理、民生保障和法治建设'],
  ['文化文史和学习委员会', '文化旅游、文史资料、委员学习'],
  ['民族宗教和港澳台侨委员会', '民族宗教工作、港澳台侨联络'],
  ['委员联络委员会', '委员联络服务、委员履职管理'],
];

export const committees: DemoCommittee[] = [
  ...cityCommittees.map(([name, functions], i) => ({ id: i + 1, district: CITY, name, functions })),
  {
    id: 9,
    district: CITY,
    name: '农业和农村委员会',
    functions: '乡村振兴、茶业振兴、农业农村现代化',
    establishedInReform: true,
  },
  ...ACTIVE_DISTRICTS.slice(1).flatMap((district, i) => [
    { id: 10 + i * 2, district, name: '提案委员会', functions: '提案工作' },
    { id: 11 + i * 2, district, name: '经济和农业农村委员会', functions: '经济、农业农村工作' },
  ]),
];

export interface DemoSector {
  id: number;
  name: string;
  group: string;
}

const sectorNames: [string, string][] = [
  ['中国共产党', '党派'],
  ['中国国民党革命委员会', '党派'],
  ['中国民主同盟', '党派'],
  ['中国民主建国会', '党派'],
  ['中国民主促进会', '党派'],
  ['中国农工民主党', '党派'],
  ['中国致公党', '党派'],
  ['九三学社', '党派'],
  ['无党派人士', '党派'],
  ['共青团', '人民团体'],
  ['总工会', '人民团体'],
  ['妇联', '人民团体'],
  ['工商联', '人民团体'],
  ['科协', '人民团体'],
  ['经济界', '界别'],
  ['农业界', '界别'],
  ['教育界', '界别'],
  ['科学技术界', '界别'],
  ['文化艺术界', '界别'],
  ['医药卫生界', '界别'],
  ['新闻出版界', '界别'],
  ['体育界', '界别'],
  ['社会福利和社会保障界', '界别'],
  ['少数民族界', '界别'],
  ['宗教界', '界别'],
  ['特邀人士', '界别'],
];

export const sectors: DemoSector[] = sectorNames.map(([name, group], i) => ({
  id: i + 1,
  name,
  group,
}));
