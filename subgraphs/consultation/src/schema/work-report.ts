import { below, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';
import type { ConsultationForm } from '../entities/consultation-activity.entity.js';

// Every form, so that a form added to the model without a name here fails the build.
const FORMS: Record<ConsultationForm, string> = {
  PLENARY: '全体会议协商',
  STANDING_COMMITTEE: '常委会议协商',
  THEMATIC: '专题协商',
  COUNTERPART: '对口协商',
  SECTOR: '界别协商',
  PROPOSAL_HANDLING: '提案办理协商',
  BIWEEKLY_FORUM: '双周协商座谈',
  EXPERT: '专家协商',
  ADVISORY: '咨询协商',
};

// 二、协商议政: activities by form, research, the outcome chain (recommendation → instruction → adoption).
reportSection(builder, 'consultation', {
  figures: (k) => {
    const { district, from, to } = k;
    const stats = (key: string, label: string, unit: string, path: string[]) => ({
      key,
      label,
      unit,
      query: 'consultationStatistics',
      args: { district, from, to, ...below(k) },
      path,
    });
    return [
      stats('activitiesHeld', '重点协商活动', '次', ['activitiesHeld']),
      stats('researchStarted', '开展专题调研', '项', ['researchStarted']),
      stats('outcomesSubmitted', '报送建议案和建议', '件', ['outcomesSubmitted']),
      stats('instructionsReceived', '获领导批示', '次', ['instructionsReceived']),
      stats('outcomesAdopted', '被采纳', '件', ['outcomesAdopted']),
      stats('outcomesImplemented', '转化落实', '件', ['outcomesImplemented']),
    ];
  },
  series: (k) => [
    {
      key: 'activitiesByForm',
      label: '协商活动形式',
      chart: 'BAR',
      points: Object.entries(FORMS).map(([form, label]) => ({
        key: form,
        label,
        unit: '次',
        query: 'consultationStatistics',
        args: { district: k.district, from: k.from, to: k.to, ...below(k) },
        path: [`activitiesByForm[form=${form}]`, 'count'],
      })),
    },
  ],
  items: (k) => [
    {
      key: 'activities',
      label: '协商活动',
      query: 'consultationActivities',
      args: { filter: { district: k.district, ...below(k), heldFrom: k.from, heldTo: k.to } },
      fields: { title: 'title', date: 'heldOn', detail: 'topic' },
    },
  ],
});
