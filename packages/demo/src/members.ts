import { ACTIVE_DISTRICTS, CITY, committees, sectors } from './organization.js';
import { seeded } from './random.js';

export interface DemoMember {
  id: number;
  name: string;
  gender: 'MALE' | 'FEMALE';
  ethnicity: string;
  party: string;
  district: string;
  sectorId: number;
  workUnit: string;
  title: string;
  standingCommittee: boolean;
  committees: { committeeId: number; role: 'CHAIR' | 'VICE_CHAIR' | 'MEMBER' }[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const GIVEN =
  '志国建华明伟芳娟敏静丽强磊军洋勇艳杰涛超秀英霞平刚桂兰红玉梅海波鹏飞云峰宁晓雪琳亮健斌彬辉琴燕文俊慧婷雯凯欣怡浩然子轩宇航思远雨佳颖嘉诚'.split(
    '',
  );
const UNITS: [string, string][] = [
  ['黄山学院', '教授'],
  ['市人民医院', '主任医师'],
  ['徽州茶业集团', '董事长'],
  ['市律师协会', '律师'],
  ['黄山旅游发展股份有限公司', '副总经理'],
  ['市第一中学', '高级教师'],
  ['市农业科学研究所', '研究员'],
  ['徽州文化研究院', '研究员'],
  ['新安江生态保护中心', '高级工程师'],
  ['市工商联', '副主席'],
  ['屯溪老街商会', '会长'],
  ['祁门红茶协会', '秘书长'],
  ['歙县砚雕工作室', '工艺美术师'],
  ['市中医院', '副院长'],
];
const PARTIES = [
  '中共党员',
  '中共党员',
  '中共党员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '无党派人士',
  '群众',
];
const ETHNICITIES = [
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '回族',
  '畲族',
  '满族',
];

/** Per 200 members: 110 city members and 30 in each of three districts. */
const SHARE: Record<string, number> = { [CITY]: 110, '341002': 30, '341021': 30, '341024': 30 };

export function members(scale = 1): DemoMember[] {
  const rnd = seeded(20260101);
  const list: DemoMember[] = [];
  let id = 1;
  for (let round = 0; round < scale; round++) {
    for (const district of ACTIVE_DISTRICTS) {
      const own = committees.filter((c) => c.district === district);
      for (let i = 0; i < SHARE[district]; i++, id++) {
        const [workUnit, title] = rnd.pick(UNITS);
        const committee = own[(id + round) % own.length];
        const extra = rnd.chance(0.2) ? own[(id + 3) % own.length] : null;
        list.push({
          id,
          name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : ''),
          gender: rnd.chance(0.32) ? 'FEMALE' : 'MALE',
          ethnicity: rnd.pick(ETHNICITIES),
          party: rnd.pick(PARTIES),
          district,
          sectorId: rnd.pick(sectors).id,
          workUnit,
          title,
          standingCommittee: rnd.chance(0.15),
          // Every member sits on a committee: the report's 全员入委.
          committees: [
            {
              committeeId: committee.id,
              role: i === 0 ? 'CHAIR' : i < 3 ? 'VICE_CHAIR' : 'MEMBER',
            },
            ...(extra && extra.id !== committee.id
              ? [{ committeeId: extra.id, role: 'MEMBER' as const }]
              : []),
          ],
        });
      }
    }
  }
  return list;
}
