import { addDays } from '@cppcc/kit/dates';
import { CITY } from './organization.js';
import { seeded } from './random.js';

/**
 * 助力编制“十四五”规划: "发放‘畅想X未来五年，听你说’专项调查问卷XXX多份，收集创新开放、融杭接沪、
 * 产业升级、城乡统筹、社会民生等方面调研报告近XX篇、建议XXX条，上报《市政协助力‘十四五’、共绘
 * 新蓝图建言献策XX条》". The report's XX are placeholders; these figures are chosen and every one
 * of them is a count of the rows below: 860 copies (800多份), 38 research reports (近40篇),
 * 216 suggestions (200多条), 30 recommendations submitted (建言献策30条).
 */

export const FIVE_YEAR_THEMES = [
  '创新开放',
  '融杭接沪',
  '产业升级',
  '城乡统筹',
  '社会民生',
] as const;
export type FiveYearTheme = (typeof FIVE_YEAR_THEMES)[number];

export const fiveYearCampaign = {
  district: CITY,
  title: '“畅想黄山未来五年，听你说”助力“十四五”规划编制建言征集',
  purpose: '助力编制“十四五”规划',
  opensOn: '2025-03-01',
  closesOn: '2025-05-31',
  themes: [...FIVE_YEAR_THEMES],
  compiledOn: '2025-06-20',
  status: 'COMPILED' as const,
  public: true,
};

export interface DemoQuestion {
  text: string;
  kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'FREE_TEXT';
  options: string[];
  required: boolean;
}

export const fiveYearQuestionnaire = {
  title: '“畅想黄山未来五年，听你说”专项调查问卷',
  intro: '为助力编制“十四五”规划，市政协面向全市委员和社会各界征集意见建议，欢迎您畅所欲言。',
  public: true,
  questions: [
    {
      text: '您的身份',
      kind: 'SINGLE_CHOICE',
      options: ['企业职工', '机关事业单位人员', '农民', '学生', '个体经营者', '其他'],
      required: true,
    },
    {
      text: '您认为未来五年黄山最需要加强的方面（可多选）',
      kind: 'MULTIPLE_CHOICE',
      options: [...FIVE_YEAR_THEMES],
      required: true,
    },
    {
      text: '您最期待改善的民生领域',
      kind: 'SINGLE_CHOICE',
      options: ['教育', '医疗', '养老', '住房', '交通'],
      required: true,
    },
    {
      text: '融杭接沪最重要的抓手',
      kind: 'SINGLE_CHOICE',
      options: ['交通互联', '产业协作', '旅游合作', '公共服务共享'],
      required: false,
    },
    { text: '您对黄山未来五年发展的具体建议', kind: 'FREE_TEXT', options: [], required: false },
  ] as DemoQuestion[],
};

/** 发放: 860 copies, online, printed through the districts and townships, and at sector activities. */
export const fiveYearDistributions = [
  {
    channel: 'ONLINE' as const,
    copies: 520,
    distributedOn: '2025-03-05',
    note: '市政协微信公众号、黄山日报客户端',
  },
  {
    channel: 'PAPER' as const,
    copies: 260,
    distributedOn: '2025-03-10',
    note: '各区县政协、乡镇（街道）发放',
  },
  {
    channel: 'MEETING' as const,
    copies: 80,
    distributedOn: '2025-03-20',
    note: '界别活动现场发放',
  },
];

export interface DemoResponse {
  respondent: 'MEMBER' | 'PAPER' | 'PUBLIC';
  memberId: number | null;
  submittedOn: string;
  /** Question position (1-based) → the options chosen or the words written. */
  answers: { position: number; option: string | null; text: string | null }[];
}

const FREE_TEXTS = [
  '建议加快黄山至杭州、上海的快速通道建设。',
  '希望多建设社区养老服务中心。',
  '加强徽州古村落保护，发展乡村旅游。',
  '支持茶企品牌建设，提高茶农收入。',
  '多引进高校毕业生来黄山创业就业。',
];

function day(rnd: ReturnType<typeof seeded>, from: string, spanDays: number): string {
  return addDays(from, rnd.int(0, spanDays));
}

/** 318 copies came back: 24 members answered online as themselves, 118 paper copies, 176 from the public. */
export function fiveYearResponses(): DemoResponse[] {
  const rnd = seeded(20250301);
  const kinds: DemoResponse['respondent'][] = [
    ...Array(24).fill('MEMBER'),
    ...Array(118).fill('PAPER'),
    ...Array(176).fill('PUBLIC'),
  ];
  const [identity, needs, livelihood, lever] = fiveYearQuestionnaire.questions;
  return kinds.map((respondent, i) => {
    const answers: DemoResponse['answers'] = [
      { position: 1, option: rnd.pick(identity.options), text: null },
    ];
    const chosen = needs.options.filter(() => rnd.chance(0.45));
    for (const option of chosen.length ? chosen : [rnd.pick(needs.options)])
      answers.push({ position: 2, option, text: null });
    answers.push({ position: 3, option: rnd.pick(livelihood.options), text: null });
    if (rnd.chance(0.7)) answers.push({ position: 4, option: rnd.pick(lever.options), text: null });
    if (rnd.chance(0.3)) answers.push({ position: 5, option: null, text: rnd.pick(FREE_TEXTS) });
    return {
      respondent,
      memberId: respondent === 'MEMBER' ? 41 + i : null,
      submittedOn: day(rnd, '2025-03-05', 85),
      answers,
    };
  });
}

/** The subjects the recommendations submitted take up, six per theme. */
export const FIVE_YEAR_SUBJECTS: Record<FiveYearTheme, string[]> = {
  创新开放: [
    '建设皖南科技创新高地',
    '推进黄山高新区扩区提质',
    '打造开放型经济新平台',
    '引进培育高层次创新人才',
    '深化“放管服”改革优化营商环境',
    '加快发展数字经济',
  ],
  融杭接沪: [
    '加快杭黄合作示范区建设',
    '推进通往杭州、上海的快速通道建设',
    '共建杭黄世界级自然生态和文化旅游廊道',
    '承接长三角产业转移',
    '推动公共服务与杭州共建共享',
    '建设长三角康养基地',
  ],
  产业升级: [
    '推进茶产业全产业链发展',
    '打造全域旅游升级版',
    '培育新材料和绿色食品产业集群',
    '发展徽州文化创意产业',
    '壮大民营经济',
    '发展林下经济和生态农业',
  ],
  城乡统筹: [
    '推进新型城镇化建设',
    '实施乡村建设行动',
    '加强徽州古村落保护利用',
    '完善城乡交通路网',
    '深化农村集体产权制度改革',
    '健全新安江流域生态补偿长效机制',
  ],
  社会民生: [
    '推进优质教育资源均衡配置',
    '加强基层医疗卫生服务能力建设',
    '完善社区居家养老服务体系',
    '稳定和扩大就业',
    '加强公共卫生应急体系建设',
    '提升城市精细化管理水平',
  ],
};

const OUTSIDE: [string, string][] = [
  ['汪志明', '黄山学院'],
  ['程丽华', '市工商联'],
  ['胡建国', '屯溪老街商会'],
  ['方晓雪', '徽州茶业集团'],
  ['吴海波', '黄山旅游发展股份有限公司'],
  ['叶静', '市农业科学研究所'],
  ['江伟', '歙县三阳镇'],
  ['许敏', '黟县宏村镇'],
  ['孙鹏飞', '市律师协会'],
  ['郑雨佳', '祁门县政协委员之家'],
];
const REJECTIONS = ['与已收集建议重复', '超出“十四五”规划编制范围', '内容过于笼统，缺乏可操作性'];

export interface DemoContribution {
  kind: 'RESEARCH_REPORT' | 'SUGGESTION';
  theme: FiveYearTheme;
  subject: string;
  title: string;
  text: string;
  memberId: number | null;
  contributorName: string | null;
  contributorOrganisation: string | null;
  receivedOn: string;
  status: 'ACCEPTED' | 'REJECTED';
  screeningNote: string | null;
}

/** 38 research reports and 216 suggestions, on the five themes, from members and from outside; most accepted. */
export function fiveYearContributions(): DemoContribution[] {
  const rnd = seeded(20250315);
  const list: DemoContribution[] = [];
  const add = (kind: DemoContribution['kind'], i: number) => {
    // Every theme gets its share; the rest fall where they fall.
    const theme = i < FIVE_YEAR_THEMES.length ? FIVE_YEAR_THEMES[i] : rnd.pick(FIVE_YEAR_THEMES);
    const subject = rnd.pick(FIVE_YEAR_SUBJECTS[theme]);
    const byMember = rnd.chance(0.4);
    const [name, organisation] = rnd.pick(OUTSIDE);
    const rejected = kind === 'SUGGESTION' ? rnd.chance(0.12) : rnd.chance(0.05);
    list.push({
      kind,
      theme,
      subject,
      title: kind === 'RESEARCH_REPORT' ? `关于${subject}的调研报告` : `${subject}的建议`,
      text:
        kind === 'RESEARCH_REPORT'
          ? `围绕${subject}开展调研，梳理现状与短板，提出“十四五”期间的目标任务和政策建议。`
          : `建议在“十四五”规划中把${subject}作为重点任务，明确目标、项目和保障措施。`,
      memberId: byMember ? rnd.int(1, 110) : null,
      contributorName: byMember ? null : name,
      contributorOrganisation: byMember ? null : organisation,
      receivedOn: day(rnd, '2025-03-05', 85),
      status: rejected ? 'REJECTED' : 'ACCEPTED',
      screeningNote: rejected ? rnd.pick(REJECTIONS) : null,
    });
  };
  for (let i = 0; i < 38; i++) add('RESEARCH_REPORT', i);
  for (let i = 0; i < 216; i++) add('SUGGESTION', i);
  return list;
}

export interface DemoCompiled {
  theme: FiveYearTheme;
  title: string;
  /** Indexes into fiveYearContributions(): the accepted ones on its subject. */
  sources: number[];
}

/** 《市政协助力“十四五”、共绘新蓝图建言献策30条》: one recommendation per subject, from what was accepted on it. */
export function fiveYearRecommendations(): DemoCompiled[] {
  const contributions = fiveYearContributions();
  return FIVE_YEAR_THEMES.flatMap((theme) =>
    FIVE_YEAR_SUBJECTS[theme].map((subject) => {
      const on = contributions.flatMap((c, i) =>
        c.theme === theme && c.subject === subject && c.status === 'ACCEPTED' ? [i] : [],
      );
      // A subject nobody wrote on still draws on its theme's accepted suggestions.
      const sources = on.length
        ? on
        : contributions
            .flatMap((c, i) => (c.theme === theme && c.status === 'ACCEPTED' ? [i] : []))
            .slice(0, 2);
      return { theme, title: `关于${subject}的建议`, sources };
    }),
  );
}

export const FIVE_YEAR_SUBMITTED = {
  submittedOn: '2025-06-18',
  submittedTo: '市委、市政府（“十四五”规划编制工作领导小组）',
};
