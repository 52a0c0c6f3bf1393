import type { EntitySchema } from '@mikro-orm/core';
import {
  CITY,
  FIVE_YEAR_THEMES,
  fiveYearCampaign,
  fiveYearContributions,
  fiveYearDistributions,
  fiveYearQuestionnaire,
  fiveYearRecommendations,
  fiveYearResponses,
} from '@cppcc/demo';
import { AuditEntrySchema, systemEm, type Caller } from '@cppcc/kit';
import { databases, operation, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok, startConsultation } from '../test-support.js';
import {
  InputCampaignSchema,
  InputContributionSchema,
  RecommendationSourceSchema,
} from '../entities/input-campaign.entity.js';
import {
  QuestionnaireAnswerSchema,
  QuestionnaireQuestionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
} from '../entities/questionnaire.entity.js';
import { RecommendationSchema } from '../entities/recommendation.entity.js';

// Whole workflows run step by step through GraphQL; a loaded machine needs more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface Campaign {
  history: { fromState: string | null; toState: string }[];
  availableActions: unknown;
  figures: unknown;
  id: string;
  version: number;
}
interface Questionnaire {
  questions: { id: string; position: number; kind: string; required: boolean }[];
  id: string;
}
interface Response {
  respondent: unknown;
  submittedOn: unknown;
  id: string;
}
interface Contribution {
  history: { fromState: string | null; toState: string }[];
  id: string;
  version: number;
}
/** The demo's five-year campaign, as far as the tests read it. */
interface FiveYearCampaign {
  id: string;
  title: string;
  figures: {
    copiesDistributed: number;
    reportsCollected: number;
    suggestionsCollected: number;
    recommendationsSubmitted: number;
    suggestionsByTheme: { theme: string; count: number }[];
    responsesByRespondent: unknown[];
  };
  questionnaires: {
    questions: { position: number; answered: number; tally: { option: string; count: number }[] }[];
  }[];
  recommendations: { status: string; sources: unknown[] }[];
}

const staff = testCaller(['staff'], CITY);
const member = (id: number) => testCaller(['member'], CITY, String(id));
const anonymous = testCaller([], null);
const figures =
  'copiesDistributed copiesByChannel { channel copies } responses responsesByRespondent { respondent count } reportsCollected suggestionsCollected suggestionsByTheme { theme count } contributionsAccepted contributionsRejected recommendationsCompiled recommendationsSubmitted';
const campaignFields = `id status version availableActions compiledOn themes figures { ${figures} }`;
const draft = operation<{ draftInputCampaign: Campaign }>(
  `mutation($i: DraftInputCampaignInput!) { draftInputCampaign(input: $i) { ${campaignFields} } }`,
);
const addQ = operation<{ addQuestionnaire: Questionnaire }>(
  `mutation($c: ID!, $i: AddQuestionnaireInput!) { addQuestionnaire(campaignId: $c, input: $i) { id public questions { id position kind options required } } }`,
);
const respond = operation<{ respondToQuestionnaire: Response }>(
  `mutation($q: ID!, $a: [QuestionnaireAnswerInput!]!) { respondToQuestionnaire(questionnaireId: $q, answers: $a) { id respondent member { id } answers { option text } } }`,
);
const paper = operation<{ enterPaperQuestionnaireResponse: Response }>(
  `mutation($q: ID!, $a: [QuestionnaireAnswerInput!]!, $on: Date) { enterPaperQuestionnaireResponse(questionnaireId: $q, answers: $a, receivedOn: $on) { id respondent submittedOn } }`,
);
const contribute = operation<{ submitInputContribution: Contribution }>(
  `mutation($c: ID!, $i: SubmitInputContributionInput!) { submitInputContribution(campaignId: $c, input: $i) { id status version kind theme member { id } contributorName availableActions } }`,
);
const draftRec = operation<{ draftRecommendation: Contribution }>(
  `mutation($i: DraftRecommendationInput!) { draftRecommendation(input: $i) { id version status campaign { id } sources { id } } }`,
);

const campaignInput = {
  district: CITY,
  title: '“我为黄山文旅发展献一策”建言征集',
  purpose: '编制文旅发展专项规划',
  opensOn: '2026-03-01',
  closesOn: '2099-12-31',
  themes: ['文旅融合', '乡村旅游'],
};
const questions = [
  {
    text: '您的年龄段',
    kind: 'SINGLE_CHOICE',
    options: ['18岁以下', '18-40岁', '41-60岁', '60岁以上'],
  },
  {
    text: '您最喜欢的黄山旅游产品（可多选）',
    kind: 'MULTIPLE_CHOICE',
    options: ['山岳观光', '古村落', '茶文化', '康养'],
  },
  { text: '您的建议', kind: 'FREE_TEXT', required: false },
];

describe.each(databases())('public input (公众参与) on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startConsultation(url);
  });
  afterAll(() => module?.stop());

  const em = () => systemEm(module.orm);
  /** Every row public input writes, to show a refusal wrote none. */
  const rows = async () =>
    Promise.all(
      [
        InputCampaignSchema,
        InputContributionSchema,
        RecommendationSourceSchema,
        QuestionnaireSchema,
        QuestionnaireQuestionSchema,
        QuestionnaireResponseSchema,
        QuestionnaireAnswerSchema,
        RecommendationSchema,
        AuditEntrySchema,
      ].map((e: EntitySchema) => em().count(e, {})),
    );

  it("computes the report's figures for the five-year plan from the demo rows", async () => {
    const list = (
      await ok<{ inputCampaigns: { nodes: FiveYearCampaign[] } }>(
        module,
        `{ inputCampaigns(district: "${CITY}") { nodes { id title status purpose themes figures { ${figures} } questionnaires { title copiesDistributed responseCount questions { position kind answered tally { option count } } } recommendations { status sources { id } } } } }`,
        {},
        staff,
      )
    ).inputCampaigns.nodes;
    const c = list.find((x) => x.title === fiveYearCampaign.title)!;
    const contributions = fiveYearContributions();
    const responses = fiveYearResponses();
    expect(c).toMatchObject({ status: 'COMPILED', themes: [...FIVE_YEAR_THEMES] });
    expect(c.figures).toMatchObject({
      copiesDistributed: fiveYearDistributions.reduce((s, d) => s + d.copies, 0),
      responses: responses.length,
      reportsCollected: contributions.filter((x) => x.kind === 'RESEARCH_REPORT').length,
      suggestionsCollected: contributions.filter((x) => x.kind === 'SUGGESTION').length,
      contributionsRejected: contributions.filter((x) => x.status === 'REJECTED').length,
      recommendationsSubmitted: fiveYearRecommendations().length,
    });
    // The figures the demo stands for: 800多份, 近40篇, 200多条, 30条.
    expect([
      c.figures.copiesDistributed,
      c.figures.reportsCollected,
      c.figures.suggestionsCollected,
      c.figures.recommendationsSubmitted,
    ]).toEqual([860, 38, 216, 30]);
    for (const theme of FIVE_YEAR_THEMES) {
      expect(c.figures.suggestionsByTheme.find((t) => t.theme === theme)?.count, theme).toBe(
        contributions.filter((x) => x.kind === 'SUGGESTION' && x.theme === theme).length,
      );
    }
    expect(c.figures.responsesByRespondent).toContainEqual({
      respondent: 'PUBLIC',
      count: responses.filter((r) => r.respondent === 'PUBLIC').length,
    });
    const q = c.questionnaires[0];
    expect(q).toMatchObject({
      title: fiveYearQuestionnaire.title,
      copiesDistributed: 860,
      responseCount: responses.length,
    });
    for (const question of q.questions) {
      const given = responses.flatMap((r) =>
        r.answers.filter((a) => a.position === question.position),
      );
      expect(question.answered, `question ${question.position}`).toBe(
        new Set(responses.filter((r) => r.answers.some((a) => a.position === question.position)))
          .size,
      );
      for (const t of question.tally)
        expect(t.count, `${question.position} ${t.option}`).toBe(
          given.filter((a) => a.option === t.option).length,
        );
    }
    expect(c.recommendations.every((r) => r.status === 'SUBMITTED' && r.sources.length > 0)).toBe(
      true,
    );

    // The district's statistics count the same for the year, and nothing outside the period.
    const stats = async (from: string, to: string) =>
      (
        await ok<{ consultationStatistics: { publicInput: unknown } }>(
          module,
          `query($d: ID!, $from: Date!, $to: Date!) { consultationStatistics(district: $d, from: $from, to: $to) { publicInput { ${figures} } } }`,
          { d: CITY, from, to },
          staff,
        )
      ).consultationStatistics.publicInput;
    expect(await stats('2025-01-01', '2025-12-31')).toEqual(c.figures);
    expect(await stats('2024-01-01', '2024-12-31')).toMatchObject({
      copiesDistributed: 0,
      responses: 0,
      suggestionsCollected: 0,
      recommendationsSubmitted: 0,
    });
    // Anyone sees a public campaign's figures; the contributions one by one only those working for the district.
    const open = (
      await ok<{
        inputCampaign: {
          figures: { suggestionsCollected: number };
          contributions: { totalCount: number };
        };
      }>(
        module,
        `query($id: ID!) { inputCampaign(id: $id) { figures { suggestionsCollected } contributions(first: 5) { totalCount } } }`,
        { id: c.id },
        anonymous,
      )
    ).inputCampaign;
    expect(open).toEqual({
      figures: { suggestionsCollected: 216 },
      contributions: { totalCount: 0 },
    });
  });

  it('refuses a bad campaign or questionnaire naming the field, writing nothing', async () => {
    const before = await rows();
    for (const [change, field] of [
      [{ closesOn: '2026-02-01' }, 'input.closesOn'],
      [{ themes: [] }, 'input.themes'],
      [{ themes: ['文旅融合', '文旅融合'] }, 'input.themes'],
      [{ opensOn: '2026-02-30' }, 'input.opensOn'],
      [{ district: '999999' }, 'input.district'],
      [{ purpose: '' }, 'input.purpose'],
    ] as const) {
      expect(
        (await module.execute(draft, { i: { ...campaignInput, ...change } }, staff)).errors?.[0]
          .extensions?.field,
        JSON.stringify(change),
      ).toBe(field);
    }
    expect(
      (await module.execute(draft, { i: campaignInput }, member(1))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await module.execute(draft, { i: campaignInput }, testCaller(['staff'], '341002')))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'CROSS_DISTRICT', field: 'input.district' });
    const c = (await ok(module, draft, { i: campaignInput }, staff)).draftInputCampaign;
    const afterDraft = await rows();
    for (const [input, field] of [
      [{ questions: [] }, 'input.questions'],
      [
        { questions: [{ text: '只有一个选项', kind: 'SINGLE_CHOICE', options: ['是'] }] },
        'input.questions.0.options',
      ],
      [
        {
          questions: [questions[0], { text: '自由回答', kind: 'FREE_TEXT', options: ['是', '否'] }],
        },
        'input.questions.1.options',
      ],
      [
        { questions: [{ text: '重复选项', kind: 'MULTIPLE_CHOICE', options: ['是', '是'] }] },
        'input.questions.0.options',
      ],
    ] as const) {
      const r = await module.execute(
        addQ,
        { c: c.id, i: { title: '文旅发展问卷', ...input } },
        staff,
      );
      expect(r.errors?.[0].extensions?.field, field).toBe(field);
    }
    expect(
      (
        await module.execute(
          addQ,
          { c: c.id, i: { title: '文旅发展问卷', questions } },
          testCaller(['staff'], '341002'),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('CROSS_DISTRICT');
    expect(
      (await module.execute(addQ, { c: '99999', i: { title: '文旅发展问卷', questions } }, staff))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'NOT_FOUND', field: 'campaignId' });
    expect(await rows()).toEqual(afterDraft);
    expect(afterDraft).not.toEqual(before);
  });

  it('runs a campaign: questionnaire, copies, answers, contributions screened, recommendations compiled and submitted', async () => {
    let c = (await ok(module, draft, { i: campaignInput }, staff)).draftInputCampaign;
    expect(c).toMatchObject({ status: 'DRAFT', availableActions: ['open', 'addQuestionnaire'] });
    const q = (await ok(module, addQ, { c: c.id, i: { title: '文旅发展问卷', questions } }, staff))
      .addQuestionnaire;
    expect(q.questions.map((x) => [x.position, x.kind, x.required])).toEqual([
      [1, 'SINGLE_CHOICE', true],
      [2, 'MULTIPLE_CHOICE', true],
      [3, 'FREE_TEXT', false],
    ]);
    const internal = (
      await ok(
        module,
        addQ,
        { c: c.id, i: { title: '委员专项问卷', public: false, questions: [questions[0]] } },
        staff,
      )
    ).addQuestionnaire;
    const [q1, q2, q3] = q.questions.map((x) => x.id);
    const good = [
      { questionId: q1, option: '18-40岁' },
      { questionId: q2, option: '古村落' },
      { questionId: q2, option: '茶文化' },
    ];

    // Nothing is answered before the campaign opens.
    expect(
      (await module.execute(respond, { q: q.id, a: good }, anonymous)).errors?.[0].extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'DRAFT', action: 'respond' });
    c = (
      await ok<{ openInputCampaign: Campaign }>(
        module,
        `mutation { openInputCampaign(id: "${c.id}", version: ${c.version}) { ${campaignFields} } }`,
        {},
        staff,
      )
    ).openInputCampaign;
    expect(c.availableActions).toEqual(['close', 'distribute', 'respond', 'contribute']);
    expect(
      (await module.execute(addQ, { c: c.id, i: { title: '开放后再加问卷', questions } }, staff))
        .errors?.[0].extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'OPEN', action: 'addQuestionnaire' });

    const distribute = (channel: string, copies: number, on: string, caller = staff) =>
      module.execute(
        `mutation { recordQuestionnaireDistribution(questionnaireId: "${q.id}", channel: ${channel}, copies: ${copies}, distributedOn: "${on}") { copies } }`,
        {},
        caller,
      );
    expect((await distribute('PAPER', 200, '2026-03-05')).errors).toBeUndefined();
    expect((await distribute('ONLINE', 300, '2026-03-06')).errors).toBeUndefined();
    expect((await distribute('PAPER', 0, '2026-03-05')).errors?.[0].extensions?.field).toBe(
      'copies',
    );
    expect((await distribute('PAPER', 10, '2026-02-01')).errors?.[0].extensions).toMatchObject({
      field: 'distributedOn',
      rule: 'period',
    });
    expect(
      (await distribute('PAPER', 10, '2026-03-05', member(1))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const before = await rows();
    for (const [answers, field, rule] of [
      [[...good, { questionId: '99999', option: '是' }], 'answers.3.questionId', 'question'],
      [[{ questionId: q1, option: '70岁以上' }, good[1]], 'answers.0.option', 'option'],
      [[good[0], good[1], { questionId: q1, option: '41-60岁' }], 'answers.2.option', 'single'],
      [[good[0], good[1], { questionId: q2, option: '古村落' }], 'answers.2.option', 'unique'],
      [[good[0]], 'answers', 'required'],
      [[...good, { questionId: q3, option: '是' }], 'answers.3.option', 'free-text'],
      [[...good, { questionId: q3 }], 'answers.3.text', 'required'],
      [[{ questionId: q1, text: '三十岁' }, good[1]], 'answers.0.option', 'required'],
      [[...good, { questionId: 'x' }], 'answers.3.questionId', 'id'],
    ] as const) {
      const r = await module.execute(respond, { q: q.id, a: answers }, anonymous);
      expect(r.errors?.[0].extensions, `${field} ${rule}`).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        rule,
      });
    }
    expect(
      (
        await module.execute(
          respond,
          { q: internal.id, a: [{ questionId: internal.questions[0].id, option: '18-40岁' }] },
          anonymous,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await module.execute(
          respond,
          { q: internal.id, a: [{ questionId: internal.questions[0].id, option: '18-40岁' }] },
          testCaller(['leader'], CITY),
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await module.execute(paper, { q: q.id, a: good }, member(3))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await module.execute(paper, { q: q.id, a: good, on: '2026-02-28' }, staff)).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'receivedOn', rule: 'period' });
    expect(await rows()).toEqual(before);

    const pub = (
      await ok(
        module,
        respond,
        { q: q.id, a: [...good, { questionId: q3, text: '多开发古村落研学线路。' }] },
        anonymous,
      )
    ).respondToQuestionnaire;
    expect(pub).toMatchObject({ respondent: 'PUBLIC', member: null });
    const mine = (await ok(module, respond, { q: q.id, a: good }, member(12)))
      .respondToQuestionnaire;
    expect(mine).toMatchObject({ respondent: 'MEMBER', member: { id: '12' } });
    // The member's answer is audited under their account; the anonymous one has no actor and no row.
    const trail = async (id: string) =>
      (await em().find(AuditEntrySchema, { entity: 'questionnaire_response', entityId: id })).map(
        (a) => [a.action, a.toState, a.actor],
      );
    expect(await trail(mine.id)).toEqual([['respond', 'RECORDED', member(12).userId]]);
    expect(await trail(pub.id)).toEqual([]);
    expect(
      (await module.execute(respond, { q: q.id, a: good }, member(12))).errors?.[0].extensions,
    ).toMatchObject({ code: 'CONFLICT', field: 'questionnaireId' });
    expect(
      (
        await ok(
          module,
          respond,
          { q: internal.id, a: [{ questionId: internal.questions[0].id, option: '41-60岁' }] },
          member(12),
        )
      ).respondToQuestionnaire.respondent,
    ).toBe('MEMBER');
    const entered = (
      await ok(
        module,
        paper,
        {
          q: q.id,
          a: [
            { questionId: q1, option: '60岁以上' },
            { questionId: q2, option: '康养' },
          ],
          on: '2026-03-20',
        },
        staff,
      )
    ).enterPaperQuestionnaireResponse;
    expect(entered).toMatchObject({ respondent: 'PAPER', submittedOn: '2026-03-20' });
    const tally = (
      await ok<{ questionnaire: { responseCount: number; questions: { answered: number }[] } }>(
        module,
        `{ questionnaire(id: "${q.id}") { responseCount questions { answered tally { option count } } } }`,
        {},
        anonymous,
      )
    ).questionnaire;
    expect(tally.responseCount).toBe(3);
    expect(tally.questions[1]).toEqual({
      answered: 3,
      tally: [
        { option: '山岳观光', count: 0 },
        { option: '古村落', count: 2 },
        { option: '茶文化', count: 2 },
        { option: '康养', count: 1 },
      ],
    });
    expect(tally.questions[2].answered).toBe(1);
    const hidden = (
      await ok<{ questionnaire: { responses: { totalCount: number } } }>(
        module,
        `{ questionnaire(id: "${q.id}") { responses { totalCount } } }`,
        {},
        anonymous,
      )
    ).questionnaire.responses.totalCount;
    expect(hidden).toBe(0);

    // Contributions: a member hands in their own; staff record one from outside.
    const text = '建议串联徽州古村落，打造研学旅游精品线路，带动村民增收。';
    const own = (
      await ok(
        module,
        contribute,
        {
          c: c.id,
          i: { kind: 'SUGGESTION', theme: '乡村旅游', title: '打造古村落研学线路', text },
        },
        member(12),
      )
    ).submitInputContribution;
    expect(own).toMatchObject({ status: 'RECEIVED', member: { id: '12' }, availableActions: [] });
    const outside = (
      await ok(
        module,
        contribute,
        {
          c: c.id,
          i: {
            kind: 'RESEARCH_REPORT',
            theme: '文旅融合',
            title: '黄山文旅融合发展调研报告',
            text,
            contributorName: '汪志明',
            contributorOrganisation: '黄山学院',
            receivedOn: '2026-03-15',
          },
        },
        staff,
      )
    ).submitInputContribution;
    expect(outside).toMatchObject({
      contributorName: '汪志明',
      member: null,
      availableActions: ['accept', 'reject'],
    });
    const third = (
      await ok(
        module,
        contribute,
        {
          c: c.id,
          i: { kind: 'SUGGESTION', theme: '文旅融合', title: '发展演艺经济', text, memberId: '13' },
        },
        staff,
      )
    ).submitInputContribution;
    const beforeContributions = await rows();
    for (const [input, caller, expected] of [
      [{ theme: '生态环境', memberId: '13' }, staff, { field: 'input.theme', rule: 'theme' }],
      [
        { memberId: '13', contributorName: '汪志明' },
        staff,
        { field: 'input.memberId', rule: 'author' },
      ],
      [{}, staff, { field: 'input.memberId', rule: 'author' }],
      [
        { contributorName: '汪志明', receivedOn: '2025-01-01' },
        staff,
        { field: 'input.receivedOn', rule: 'period' },
      ],
      [
        { contributorName: '汪志明' },
        member(12),
        { field: 'input.contributorName', rule: 'member' },
      ],
      [{ memberId: '13' }, member(12), { code: 'FORBIDDEN' }],
      [{ contributorName: '汪志明' }, anonymous, { code: 'UNAUTHENTICATED' }],
      [{ contributorName: '汪志明' }, testCaller(['leader'], CITY), { code: 'FORBIDDEN' }],
      [{ title: '短' }, member(12), { field: 'input.title' }],
    ] as const) {
      const r = await module.execute(
        contribute,
        {
          c: c.id,
          i: Object.assign(
            { kind: 'SUGGESTION', theme: '乡村旅游', title: '一条建议标题', text },
            input,
          ),
        },
        caller,
      );
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject(expected);
    }
    expect(await rows()).toEqual(beforeContributions);

    // Screening: staff accept or reject with a reason; the member cannot screen their own.
    const screen = (name: string, x: { id: string; version: number }, caller: Caller, extra = '') =>
      module.execute<Record<string, Contribution>>(
        `mutation { ${name}(id: "${x.id}", version: ${x.version}${extra}) { id status version screeningNote history { action fromState toState note } } }`,
        {},
        caller,
      );
    expect(
      (await screen('acceptInputContribution', own, member(12))).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await screen('rejectInputContribution', own, staff, ', reason: ""')).errors?.[0].extensions
        ?.field,
    ).toBe('reason');
    expect(
      (await screen('acceptInputContribution', own, testCaller(['staff'], '341002'))).errors?.[0]
        .extensions?.code,
    ).toBe('NOT_FOUND');
    const accepted = (await screen('acceptInputContribution', own, staff)).data!
      .acceptInputContribution;
    expect(accepted.history.map((h) => `${h.fromState}>${h.toState}`)).toEqual([
      'null>RECEIVED',
      'RECEIVED>ACCEPTED',
    ]);
    expect(
      (await screen('rejectInputContribution', accepted, staff, ', reason: "重复"')).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'ACCEPTED', action: 'reject' });
    const rejected = (
      await screen('rejectInputContribution', third, staff, ', reason: "与已收集建议重复"')
    ).data!.rejectInputContribution;
    expect(rejected).toMatchObject({ status: 'REJECTED', screeningNote: '与已收集建议重复' });

    // Compiling waits for the collection to close.
    const rec = {
      district: CITY,
      kind: 'RECOMMENDATION',
      title: '关于打造徽州古村落研学旅游线路的建议',
      text: '建议串联徽州古村落，打造研学旅游精品线路，完善配套服务。',
      campaignId: c.id,
      contributionIds: [own.id],
    };
    expect(
      (await module.execute(draftRec, { i: rec }, staff)).errors?.[0].extensions,
    ).toMatchObject({ field: 'input.campaignId', rule: 'closed' });
    c = (
      await ok<{ closeInputCampaign: Campaign }>(
        module,
        `mutation { closeInputCampaign(id: "${c.id}", version: ${c.version}) { ${campaignFields} } }`,
        {},
        staff,
      )
    ).closeInputCampaign;
    // Not compile: a contribution is still unscreened, and no step is offered that would be refused.
    expect(c.availableActions).toEqual(['reopen', 'distribute']);
    expect(
      (await module.execute(respond, { q: q.id, a: good }, member(13))).errors?.[0].extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'respond' });
    expect(
      (
        await module.execute(
          contribute,
          { c: c.id, i: { kind: 'SUGGESTION', theme: '乡村旅游', title: '关闭后的建议', text } },
          member(13),
        )
      ).errors?.[0].extensions,
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'CLOSED', action: 'contribute' });

    const compile = (x: { id: string; version: number }) =>
      module.execute<{ compileInputCampaign: Campaign }>(
        `mutation { compileInputCampaign(id: "${x.id}", version: ${x.version}, on: "2099-12-31") { ${campaignFields} history { action toState } } }`,
        {},
        staff,
      );
    expect((await compile(c)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      rule: 'missing-screening',
      missing: 'screening',
    });
    const report = (
      await ok<{ inputContribution: { id: string; version: number } }>(
        module,
        `{ inputContribution(id: "${outside.id}") { id version } }`,
        {},
        staff,
      )
    ).inputContribution;
    await ok<{ acceptInputContribution: { id: string } }>(
      module,
      `mutation { acceptInputContribution(id: "${report.id}", version: ${report.version}, note: "采纳") { id } }`,
      {},
      staff,
    );
    expect((await compile(c)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'recommendations',
    });

    const beforeRec = await rows();
    for (const [change, field] of [
      [{ contributionIds: [own.id, third.id] }, 'input.contributionIds.1'],
      [{ contributionIds: ['99999'] }, 'input.contributionIds.0'],
      [{ contributionIds: [] }, 'input.contributionIds'],
      [{ contributionIds: [own.id, own.id] }, 'input.contributionIds'],
      [{ campaignId: null }, 'input.campaignId'],
      [{ campaignId: '99999' }, 'input.campaignId'],
    ] as const) {
      expect(
        (await module.execute(draftRec, { i: { ...rec, ...change } }, staff)).errors?.[0].extensions
          ?.field,
        JSON.stringify(change),
      ).toBe(field);
    }
    expect(await rows()).toEqual(beforeRec);
    const r = (
      await ok(
        module,
        draftRec,
        { i: { ...rec, contributionIds: [own.id, outside.id], authorIds: ['12'] } },
        staff,
      )
    ).draftRecommendation;
    expect(r).toMatchObject({
      status: 'DRAFT',
      campaign: { id: c.id },
      sources: [{ id: own.id }, { id: outside.id }],
    });
    // Once recommendations are drafted from it, the collection stays closed.
    const reopen = await module.execute(
      `mutation { reopenInputCampaign(id: "${c.id}", version: ${c.version}) { id } }`,
      {},
      staff,
    );
    expect(reopen.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'CLOSED',
      action: 'reopen',
      rule: 'recommendations-drafted',
      blockedBy: 'recommendations',
    });
    // Neither reopening nor compiling (the recommendation is not submitted) is offered.
    expect(
      (
        await ok<{ inputCampaign: { availableActions: string[] } }>(
          module,
          `{ inputCampaign(id: "${c.id}") { availableActions } }`,
          {},
          staff,
        )
      ).inputCampaign.availableActions,
    ).toEqual(['distribute']);
    expect((await compile(c)).errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      missing: 'submission',
    });
    await ok<{ submitRecommendation: { id: string } }>(
      module,
      `mutation { submitRecommendation(id: "${r.id}", version: ${r.version}, submittedTo: "市委、市政府", on: "2099-12-20") { id } }`,
      {},
      staff,
    );
    c = (await compile(c)).data!.compileInputCampaign;
    expect(c).toMatchObject({ status: 'COMPILED', compiledOn: '2099-12-31', availableActions: [] });
    expect(c.history.map((h) => h.toState)).toEqual(['DRAFT', 'OPEN', 'CLOSED', 'COMPILED']);
    expect(c.figures).toEqual({
      copiesDistributed: 500,
      copiesByChannel: [
        { channel: 'ONLINE', copies: 300 },
        { channel: 'PAPER', copies: 200 },
      ],
      responses: 4,
      responsesByRespondent: [
        { respondent: 'MEMBER', count: 2 },
        { respondent: 'PAPER', count: 1 },
        { respondent: 'PUBLIC', count: 1 },
      ],
      reportsCollected: 1,
      suggestionsCollected: 2,
      suggestionsByTheme: [
        { theme: '乡村旅游', count: 1 },
        { theme: '文旅融合', count: 1 },
      ],
      contributionsAccepted: 2,
      contributionsRejected: 1,
      recommendationsCompiled: 1,
      recommendationsSubmitted: 1,
    });
    expect(
      (await screen('acceptInputContribution', { id: third.id, version: rejected.version }, staff))
        .errors?.[0].extensions?.code,
    ).toBe('ILLEGAL_TRANSITION');

    // The member sees their own contributions; another member does not.
    const contributions = (id: string, caller: Caller) =>
      module.execute<{ _entities: { inputContributions: { nodes: unknown[] } }[] }>(
        `{ _entities(representations: [{ __typename: "Member", id: "${id}" }]) { ... on Member { inputContributions { nodes { id status recommendations { id } } } } } }`,
        {},
        caller,
      );
    expect(
      (await contributions('12', member(12))).data!._entities[0].inputContributions.nodes,
    ).toEqual([{ id: own.id, status: 'ACCEPTED', recommendations: [{ id: r.id }] }]);
    expect(
      (await contributions('12', member(14))).data!._entities[0].inputContributions.nodes,
    ).toEqual([]);
    expect(
      await module.execute(`{ inputContribution(id: "${own.id}") { id } }`, {}, member(14)),
    ).toEqual({ data: { inputContribution: null } });
  });

  /** A campaign of 2020 still open: staff forgot to close it after its closing day. */
  const openPastCampaign = async () => {
    const c = (
      await ok(
        module,
        draft,
        {
          i: {
            ...campaignInput,
            title: '2020年建言征集（逾期未关闭）',
            opensOn: '2020-01-01',
            closesOn: '2020-12-31',
          },
        },
        staff,
      )
    ).draftInputCampaign;
    const q = (
      await ok(
        module,
        addQ,
        { c: c.id, i: { title: '逾期的问卷调查', questions: [questions[0]] } },
        staff,
      )
    ).addQuestionnaire;
    await ok<{ openInputCampaign: { id: string } }>(
      module,
      `mutation { openInputCampaign(id: "${c.id}", version: ${c.version}) { id } }`,
      {},
      staff,
    );
    return { c, q, answers: [{ questionId: q.questions[0].id, option: '18-40岁' }] };
  };

  it("refuses answers and contributions dated today when an open campaign's period is over, writing nothing", async () => {
    const { c, q, answers } = await openPastCampaign();
    const text = '建议延长征集期，吸纳更多群众意见。';
    const before = await rows();
    for (const [r, field] of [
      [await module.execute(respond, { q: q.id, a: answers }, anonymous), 'questionnaireId'],
      [await module.execute(respond, { q: q.id, a: answers }, member(13)), 'questionnaireId'],
      [await module.execute(paper, { q: q.id, a: answers }, staff), 'questionnaireId'],
      [await module.execute(paper, { q: q.id, a: answers, on: '2021-01-05' }, staff), 'receivedOn'],
      [
        await module.execute(
          contribute,
          { c: c.id, i: { kind: 'SUGGESTION', theme: '乡村旅游', title: '逾期的建议', text } },
          member(13),
        ),
        'campaignId',
      ],
      [
        await module.execute(
          contribute,
          {
            c: c.id,
            i: {
              kind: 'SUGGESTION',
              theme: '乡村旅游',
              title: '逾期的建议',
              text,
              contributorName: '汪志明',
            },
          },
          staff,
        ),
        'campaignId',
      ],
    ] as const) {
      expect(r.errors?.[0].extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        rule: 'period',
      });
    }
    expect(await rows()).toEqual(before);
    // A paper copy or a contribution received within the period may still be entered with its day.
    expect(
      (await ok(module, paper, { q: q.id, a: answers, on: '2020-12-30' }, staff))
        .enterPaperQuestionnaireResponse.submittedOn,
    ).toBe('2020-12-30');
    await ok(
      module,
      contribute,
      {
        c: c.id,
        i: {
          kind: 'SUGGESTION',
          theme: '乡村旅游',
          title: '期内收到的建议',
          text,
          contributorName: '汪志明',
          receivedOn: '2020-12-31',
        },
      },
      staff,
    );
  });

  it('writes one audit row for each questionnaire, distribution and paper response staff record', async () => {
    const { q, answers } = await openPastCampaign();
    const d = (
      await ok<{ recordQuestionnaireDistribution: { id: string } }>(
        module,
        `mutation { recordQuestionnaireDistribution(questionnaireId: "${q.id}", channel: PAPER, copies: 50, distributedOn: "2020-06-01") { id } }`,
        {},
        staff,
      )
    ).recordQuestionnaireDistribution;
    const r = (await ok(module, paper, { q: q.id, a: answers, on: '2020-06-10' }, staff))
      .enterPaperQuestionnaireResponse;
    for (const [entity, id, action] of [
      ['questionnaire', q.id, 'add'],
      ['questionnaire_distribution', d.id, 'record'],
      ['questionnaire_response', r.id, 'enter'],
    ]) {
      const trail = await em().find(AuditEntrySchema, { entity, entityId: id });
      expect(
        trail.map((a) => [a.action, a.fromState, a.toState, a.actor]),
        entity,
      ).toEqual([[action, null, 'RECORDED', staff.userId]]);
    }
  });

  it("answers a member's double submit with one response and a CONFLICT, not a database error", async () => {
    const c = (
      await ok(module, draft, { i: { ...campaignInput, title: '双击提交测试征集' } }, staff)
    ).draftInputCampaign;
    const q = (
      await ok(
        module,
        addQ,
        { c: c.id, i: { title: '双击提交的问卷', questions: [questions[0]] } },
        staff,
      )
    ).addQuestionnaire;
    await ok<{ openInputCampaign: { id: string } }>(
      module,
      `mutation { openInputCampaign(id: "${c.id}", version: ${c.version}) { id } }`,
      {},
      staff,
    );
    const answers = [{ questionId: q.questions[0].id, option: '41-60岁' }];
    const before = await rows();
    const results = await Promise.all([
      module.execute(respond, { q: q.id, a: answers }, member(14)),
      module.execute(respond, { q: q.id, a: answers }, member(14)),
    ]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'questionnaireId',
    });
    const after = await rows();
    // One response with its one answer, nothing of the refused one.
    expect(after[5] - before[5]).toBe(1);
    expect(after[6] - before[6]).toBe(1);
  });
});
