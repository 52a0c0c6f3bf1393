import { below, type FigureSpec, type ReportKey, reportMonths, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';

/** `organizationStatistics` spells "with the districts below" as a scope. */
const statsArgs = ({ district, from, to, includeBelow }: ReportKey) => ({
  district,
  from,
  to,
  ...(includeBelow ? { scope: 'WITH_DISTRICTS_BELOW' } : {}),
});

/** A figure read from `organizationStatistics` for the report's period. */
const stats = (
  period: ReportKey,
  key: string,
  label: string,
  unit: string,
  path: string[],
): FigureSpec => ({
  key,
  label,
  unit,
  query: 'organizationStatistics',
  args: statsArgs(period),
  path,
});

// 一、党的建设和理论学习: study sessions month by month, meetings that relay and study, the branches.
reportSection(builder, 'partyBuilding', {
  figures: (k) => [
    stats(k, 'studySessionsHeld', '党组理论学习中心组学习', '次', ['studySessions', 'held']),
    {
      key: 'standingCommitteeMeetingsHeld',
      label: '常委会议',
      unit: '次',
      query: 'bodyMeetings',
      args: {
        filter: {
          district: k.district,
          ...below(k),
          body: 'STANDING_COMMITTEE',
          status: 'HELD',
          from: k.from,
          to: k.to,
        },
      },
    },
    stats(k, 'relayedDecisions', '传达学习上级决策部署', '次', ['relayedDecisions']),
    {
      key: 'partyBranches',
      label: '功能型党支部',
      unit: '个',
      query: 'partyBranches',
      args: { district: k.district, ...below(k) },
    },
    stats(k, 'partyMemberCoverage', '党员委员编入党支部', '%', [
      'partyCoverage',
      'partyMemberCoverage',
    ]),
    stats(k, 'policyDocuments', '协助出台文件', '件', ['outreach', 'policyDocuments']),
  ],
  series: (k) => [
    {
      key: 'studySessionsByMonth',
      label: '每月理论学习',
      chart: 'LINE',
      points: reportMonths(k.from, k.to).map((month) => ({
        key: month,
        label: `${Number(month.slice(5))}月`,
        unit: '次',
        query: 'organizationStatistics',
        args: statsArgs(k),
        path: ['studySessions', `months[month=${month}]`, 'monthly'],
      })),
    },
  ],
  items: (k) => [
    {
      key: 'studySessions',
      label: '学习会',
      query: 'studySessions',
      // Held and archived alike (the statistic counts both); a filter takes one status.
      args: { filter: { district: k.district, ...below(k), from: k.from, to: k.to } },
      fields: { title: 'topic', date: 'heldOn' },
    },
    {
      key: 'relayedDecisions',
      label: '传达学习',
      query: 'relayedDecisions',
      args: { district: k.district, ...below(k), from: k.from, to: k.to },
      fields: { title: 'decision', date: 'relayedOn', detail: 'agendaItem' },
    },
  ],
});

// 六、凝聚共识: letters to members and the public, campaigns.
reportSection(builder, 'consensus', {
  figures: (k) => [
    stats(k, 'openLetters', '致委员的一封信', '封', ['outreach', 'openLetters']),
    stats(k, 'initiativeLetters', '倡议书', '封', ['outreach', 'initiativeLetters']),
    {
      key: 'consensusCampaigns',
      label: '征文、文集、书画展等活动',
      unit: '项',
      query: 'consensusCampaigns',
      args: { district: k.district, ...below(k), from: k.from, to: k.to },
    },
    stats(k, 'collectiveVisits', '班子成员集体走访', '次', ['collectiveVisits']),
    {
      key: 'pressReports',
      label: '媒体报道',
      unit: '篇',
      query: 'pressReports',
      args: { district: k.district, ...below(k), from: k.from, to: k.to },
    },
  ],
});

// 七、自身建设: the committees, the members' committee seats, cadres sent to the front line.
reportSection(builder, 'selfDevelopment', {
  figures: (k) => [
    stats(k, 'committeeCoverage', '委员编入专委会', '%', ['committeeCoverage', 'share']),
    stats(k, 'committeesCreated', '新设专委会', '个', ['committeesChanged', 'created']),
    stats(k, 'committeeFunctionsAdjusted', '调整专委会职能', '个', [
      'committeesChanged',
      'functionsAdjusted',
    ]),
    stats(k, 'secondments', '干部挂职', '名', ['outreach', 'secondments']),
  ],
});
