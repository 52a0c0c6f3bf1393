import { activities, type ConsultationForm, type DemoActivity } from './activity.js';
import { unitByShort } from './government-units.js';
import { CITY } from './organization.js';

/**
 * The consultation side of the work report, around the key activities of activity.ts: who was
 * invited, what was said, the minutes, and activities still ahead in the calendar.
 */

export type DemoActivityStatus = 'PLANNED' | 'PREPARING' | 'HELD' | 'OUTCOME_SUBMITTED' | 'CLOSED';

/** Counterpart consultations name a government department; these are the demo units for them. */
const COUNTERPART_UNITS: Record<string, string> = {
  市文化和旅游局: '文旅局',
  市发展和改革委员会: '发改委',
  市农业农村局: '农业农村局',
  市生态环境局: '生态环境局',
  市教育局: '教育局',
};

export function counterpartUnitId(activity: DemoActivity): number | null {
  const short = activity.counterpart ? COUNTERPART_UNITS[activity.counterpart] : undefined;
  return short ? unitByShort(activity.district, short).id : null;
}

/** Titles of the city's activities whose outcome went to the Party committee and government. */
export const ADVISORY_MEETING = '本届首次资政会：实施乡村振兴战略';
export const CORRIDOR_CONSULTATION = '杭黄世界级自然生态和文化旅游廊道建设对口协商';
export const ECO_COMPENSATION_MEETING = '常委会议专题协商：新安江流域生态补偿机制试点';
const WITH_OUTCOME = [ADVISORY_MEETING, CORRIDOR_CONSULTATION, ECO_COMPENSATION_MEETING, '融杭接沪、推进长三角一体化专题协商', '优化民营经济发展环境对口协商', '茶业振兴界别协商'];

/** The round-0 city activity with this title. */
export function cityActivity(title: string, scale = 1): DemoActivity {
  const found = activities(scale).find((a) => a.district === CITY && a.title === title);
  if (!found) throw new Error(`no demo activity ${title}`);
  return found;
}

/** Held activities whose outcome was submitted are closed; the others are held, awaiting theirs. */
export function activityStatus(activity: DemoActivity): DemoActivityStatus {
  const firstRound = activities(1).some((a) => a.id === activity.id && a.district === CITY);
  return firstRound && WITH_OUTCOME.includes(activity.title) ? 'CLOSED' : 'HELD';
}

export interface DemoGuest {
  activityTitle: string;
  kind: 'INVITED_LEADER' | 'OFFICIAL' | 'EXPERT';
  name: string;
  position: string;
  unitShort: string | null;
}

/** The report: "政协重要会议和重大活动，都及时邀请市委、市政府负责同志到会听取建议". */
export const guests: DemoGuest[] = [
  { activityTitle: ADVISORY_MEETING, kind: 'INVITED_LEADER', name: '市委主要负责同志', position: '中共黄山市委书记', unitShort: null },
  { activityTitle: ADVISORY_MEETING, kind: 'INVITED_LEADER', name: '市政府主要负责同志', position: '黄山市人民政府市长', unitShort: null },
  { activityTitle: ADVISORY_MEETING, kind: 'OFFICIAL', name: '市农业农村局负责同志', position: '局长', unitShort: '农业农村局' },
  { activityTitle: ADVISORY_MEETING, kind: 'OFFICIAL', name: '市生态环境局负责同志', position: '局长', unitShort: '生态环境局' },
  { activityTitle: CORRIDOR_CONSULTATION, kind: 'INVITED_LEADER', name: '分管副市长', position: '黄山市人民政府副市长', unitShort: null },
  { activityTitle: CORRIDOR_CONSULTATION, kind: 'OFFICIAL', name: '市文化和旅游局负责同志', position: '局长', unitShort: '文旅局' },
  { activityTitle: ECO_COMPENSATION_MEETING, kind: 'EXPERT', name: '新安江生态保护中心专家', position: '高级工程师', unitShort: null },
];

export interface DemoSpeech {
  activityTitle: string;
  /** Index into the activity's participants. */
  participant: number;
  title: string;
  mode: 'ORAL' | 'WRITTEN';
}

export const speeches: DemoSpeech[] = [
  { activityTitle: ADVISORY_MEETING, participant: 0, title: '关于争创国家生态文明建设示范市的建议', mode: 'ORAL' },
  { activityTitle: ADVISORY_MEETING, participant: 1, title: '关于打造践行“两山”理论样板区的思考', mode: 'ORAL' },
  { activityTitle: ADVISORY_MEETING, participant: 2, title: '发展乡村民宿经济，促进农民增收', mode: 'ORAL' },
  { activityTitle: ADVISORY_MEETING, participant: 3, title: '完善乡村教师支持计划', mode: 'WRITTEN' },
  { activityTitle: ADVISORY_MEETING, participant: 4, title: '推进徽州古村落保护利用', mode: 'WRITTEN' },
  { activityTitle: CORRIDOR_CONSULTATION, participant: 0, title: '关于谋划建设山水生态旅游走廊的建议', mode: 'ORAL' },
  { activityTitle: CORRIDOR_CONSULTATION, participant: 1, title: '杭黄旅游一体化营销的几点建议', mode: 'WRITTEN' },
  { activityTitle: ECO_COMPENSATION_MEETING, participant: 0, title: '深化新安江流域生态补偿机制试点的建议', mode: 'ORAL' },
];

export const minutes: Record<string, string> = {
  [ADVISORY_MEETING]:
    '会议聚焦乡村振兴战略实施，与会委员围绕争创国家生态文明建设示范市、打造践行“两山”理论样板区等建言献策。市委、市政府主要负责同志到会听取建议并讲话，要求有关部门认真研究吸收。',
  [CORRIDOR_CONSULTATION]: '委员建议谋划建设山水生态旅游走廊，与杭州共建世界级自然生态和文化旅游廊道。市文化和旅游局现场回应，将建议纳入两地合作事项。',
  [ECO_COMPENSATION_MEETING]: '常委会议围绕深化新安江流域生态补偿机制试点开展专题协商，形成建议案报送市委、市政府。',
};

export interface DemoPlannedActivity {
  title: string;
  form: ConsultationForm;
  topic: string;
  heldOn: string;
  status: 'PLANNED' | 'PREPARING';
  counterpartShort: string | null;
  location: string;
}

/** Activities of the current plan that are still ahead: they have no attendance yet. */
export const plannedActivities: DemoPlannedActivity[] = [
  { title: '双周协商座谈会：民营企业融资难融资贵问题', form: 'BIWEEKLY_FORUM', topic: '民营经济', heldOn: '2027-03-12', status: 'PREPARING', counterpartShort: null, location: '市政协会议室' },
  { title: '专家协商会：茶产业数字化转型', form: 'EXPERT', topic: '茶业振兴', heldOn: '2027-04-20', status: 'PLANNED', counterpartShort: null, location: '祁门红茶产业园' },
  { title: '融杭接沪交通互联互通对口协商', form: 'COUNTERPART', topic: '融杭接沪', heldOn: '2027-05-18', status: 'PLANNED', counterpartShort: '交通局', location: '市政协会议室' },
  { title: '市政协全体会议大会发言', form: 'PLENARY', topic: '十四五规划', heldOn: '2027-01-15', status: 'PREPARING', counterpartShort: null, location: '黄山国际大酒店' },
];
