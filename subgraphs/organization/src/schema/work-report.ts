import { type FigureSpec, type ReportKey, reportMonths, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';

/** A figure read from `organizationStatistics` for the report's period. */
const stats = (
  { district, from, to }: ReportKey,
  key: string,
  label: string,
  unit: string,
  path: string[],
): FigureSpec => ({
  key,
  label,
  unit,
  query: 'organizationStatistics',
  args: { district, from, to },
  path,
});

// 一、党的建设和理论学习: study sessions month by month, meetings that relay and study, the branches.
reportSection(builder, 'partyBuilding', {
  figures: ({ district, from, to }) => [
    stats({ district, from, to }, 'studySessionsHeld', '党组理论学习中心组学习', '次', [
      'studySessions',
      'held',
    ]),
    {
      key: 'standingCommitteeMeetingsHeld',
      label: '常委会议',
      unit: '次',
      query: 'bodyMeetings',
      args: { filter: { district, body: 'STANDING_COMMITTEE', status: 'HELD', from, to } },
    },
    {
      key: 'relayedDecisions',
      label: '传达学习上级决策部署',
      unit: '次',
      query: 'relayedDecisions',
      args: { district, from, to },
    },
    {
      key: 'partyBranches',
      label: '功能型党支部',
      unit: '个',
      query: 'partyBranches',
      args: { district },
    },
    stats({ district, from, to }, 'partyMemberCoverage', '党员委员编入党支部', '%', [
      'partyCoverage',
      'partyMemberCoverage',
    ]),
    stats({ district, from, to }, 'policyDocuments', '协助出台文件', '件', [
      'outreach',
      'policyDocuments',
    ]),
  ],
  series: ({ district, from, to }) => [
    {
      key: 'studySessionsByMonth',
      label: '每月理论学习',
      chart: 'LINE',
      points: reportMonths(from, to).map((month) => ({
        key: month,
        label: `${Number(month.slice(5))}月`,
        unit: '次',
        query: 'organizationStatistics',
        args: { district, from, to },
        path: ['studySessions', `months[month=${month}]`, 'monthly'],
      })),
    },
  ],
  items: ({ district, from, to }) => [
    {
      key: 'studySessions',
      label: '学习会',
      query: 'studySessions',
      // Held and archived alike (the statistic counts both); a filter takes one status.
      args: { filter: { district, from, to } },
      fields: { title: 'topic', date: 'heldOn' },
    },
  ],
});

// 六、凝聚共识: letters to members and the public, campaigns.
reportSection(builder, 'consensus', {
  figures: ({ district, from, to }) => [
    stats({ district, from, to }, 'openLetters', '致委员的一封信', '封', [
      'outreach',
      'openLetters',
    ]),
    stats({ district, from, to }, 'initiativeLetters', '倡议书', '封', [
      'outreach',
      'initiativeLetters',
    ]),
    {
      key: 'consensusCampaigns',
      label: '征文、文集、书画展等活动',
      unit: '项',
      query: 'consensusCampaigns',
      args: { district, from, to },
    },
    {
      key: 'pressReports',
      label: '媒体报道',
      unit: '篇',
      query: 'pressReports',
      args: { district, from, to },
    },
  ],
});

// 七、自身建设: the committees, the members' committee seats, cadres sent to the front line.
reportSection(builder, 'selfDevelopment', {
  figures: ({ district, from, to }) => [
    stats({ district, from, to }, 'committeeCoverage', '委员编入专委会', '%', [
      'committeeCoverage',
      'share',
    ]),
    stats({ district, from, to }, 'committeesCreated', '新设专委会', '个', [
      'committeesChanged',
      'created',
    ]),
    stats({ district, from, to }, 'committeeFunctionsAdjusted', '调整专委会职能', '个', [
      'committeesChanged',
      'functionsAdjusted',
    ]),
    stats({ district, from, to }, 'secondments', '干部挂职', '名', ['outreach', 'secondments']),
  ],
});
