import { below, reportSection } from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';

// 凝聚共识 across cities: the partner committees, the mechanism, the visits.
reportSection(builder, {
  title: '区域政协交流合作',
  figures: (k) => [
    {
      key: 'partnerCommittees',
      label: '结对政协',
      unit: '个',
      query: 'partnerCommittees',
      args: { district: k.district, ...below(k) },
    },
    {
      key: 'activeMechanisms',
      label: '交流合作机制',
      unit: '个',
      query: 'cooperationMechanisms',
      args: { district: k.district, ...below(k), status: 'ACTIVE' },
    },
    {
      key: 'visitsReported',
      label: '互访交流（已报告）',
      unit: '次',
      query: 'exchangeVisits',
      args: { district: k.district, ...below(k), status: 'REPORTED', from: k.from, to: k.to },
    },
  ],
  items: (k) => [
    {
      key: 'visits',
      label: '互访交流',
      query: 'exchangeVisits',
      args: { district: k.district, ...below(k), from: k.from, to: k.to },
      fields: { title: 'toCommittee', date: 'startsOn', detail: 'direction' },
    },
  ],
});
