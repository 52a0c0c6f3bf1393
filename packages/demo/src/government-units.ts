import { ACTIVE_DISTRICTS, CITY, districts } from './organization.js';

/**
 * Government units (政府部门 / 承办单位): the departments that handle proposals, take part in
 * counterpart consultation, carry out adopted recommendations and are paired with committees
 * for liaison (对口联系). Organization owns them; ids are stable so every module's demo data
 * can name the same unit.
 */
export interface DemoGovernmentUnit {
  id: number;
  district: string;
  name: string;
  /** Short name used in the report and in liaison pairs. */
  short: string;
}

const CITY_UNITS = [
  ['发展和改革委员会', '发改委'],
  ['教育局', '教育局'],
  ['科学技术局', '科技局'],
  ['经济和信息化局', '经信局'],
  ['民政局', '民政局'],
  ['财政局', '财政局'],
  ['人力资源和社会保障局', '人社局'],
  ['自然资源和规划局', '自然资源局'],
  ['生态环境局', '生态环境局'],
  ['住房和城乡建设局', '住建局'],
  ['交通运输局', '交通局'],
  ['水利局', '水利局'],
  ['农业农村局', '农业农村局'],
  ['商务局', '商务局'],
  ['文化和旅游局', '文旅局'],
  ['卫生健康委员会', '卫健委'],
  ['市场监督管理局', '市场监管局'],
  ['林业局', '林业局'],
  ['数据资源管理局', '数据资源局'],
  ['乡村振兴局', '乡村振兴局'],
  ['医疗保障局', '医保局'],
  ['城市管理局', '城管局'],
] as const;

const DISTRICT_UNITS = [
  ['发展和改革委员会', '发改委'],
  ['农业农村局', '农业农村局'],
  ['文化和旅游局', '文旅局'],
  ['生态环境分局', '生态环境分局'],
  ['住房和城乡建设局', '住建局'],
  ['教育局', '教育局'],
] as const;

function build(): DemoGovernmentUnit[] {
  const units: DemoGovernmentUnit[] = [];
  const place = (code: string) => districts.find((d) => d.code === code)!.name.replace(/政协$/, '');
  for (const [name, short] of CITY_UNITS)
    units.push({ id: units.length + 1, district: CITY, name: `${place(CITY)}${name}`, short });
  for (const code of ACTIVE_DISTRICTS.filter((c) => c !== CITY)) {
    for (const [name, short] of DISTRICT_UNITS)
      units.push({ id: units.length + 1, district: code, name: `${place(code)}${name}`, short });
  }
  return units;
}

export const governmentUnits: DemoGovernmentUnit[] = build();

export function unitByShort(district: string, short: string): DemoGovernmentUnit {
  const unit = governmentUnits.find((u) => u.district === district && u.short === short);
  if (!unit) throw new Error(`no demo government unit ${short} in ${district}`);
  return unit;
}
