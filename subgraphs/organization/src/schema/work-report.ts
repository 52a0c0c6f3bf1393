import { reportMonths, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';

// 一、党的建设和理论学习: study sessions month by month, meetings that relay and study, the branches.
reportSection(builder, 'partyBuilding', {
  figures: ({ district, from, to }) => [
    {
      key: 'studySessionsHeld',
      label: '党组理论学习中心组学习',
      unit: '次',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['studySessions', 'held'],
    },
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
    {
      key: 'partyMemberCoverage',
      label: '党员委员编入党支部',
      unit: '%',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['partyCoverage', 'partyMemberCoverage'],
    },
    {
      key: 'policyDocuments',
      label: '协助出台文件',
      unit: '件',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['outreach', 'policyDocuments'],
    },
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
    {
      key: 'openLetters',
      label: '致委员的一封信',
      unit: '封',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['outreach', 'openLetters'],
    },
    {
      key: 'initiativeLetters',
      label: '倡议书',
      unit: '封',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['outreach', 'initiativeLetters'],
    },
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
    {
      key: 'committeeCoverage',
      label: '委员编入专委会',
      unit: '%',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['committeeCoverage', 'share'],
    },
    {
      key: 'committeesCreated',
      label: '新设专委会',
      unit: '个',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['committeesChanged', 'created'],
    },
    {
      key: 'committeeFunctionsAdjusted',
      label: '调整专委会职能',
      unit: '个',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['committeesChanged', 'functionsAdjusted'],
    },
    {
      key: 'secondments',
      label: '干部挂职',
      unit: '名',
      query: 'organizationStatistics',
      args: { district, from, to },
      path: ['outreach', 'secondments'],
    },
  ],
});
