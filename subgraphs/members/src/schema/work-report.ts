import { below, reportSection } from '@cppcc/kit';
import { builder } from '../builder.js';

// Every grade the demo's and the presets' books give (a grade no one got is a zero).
const GRADES = ['优秀', '良好', '称职', '基本称职', '不称职'] as const;

// 五、委员履职: the members, their studios, and how the year's assessment graded them.
reportSection(builder, 'memberDuties', {
  figures: (k) => [
    {
      key: 'members',
      label: '委员',
      unit: '名',
      query: 'members',
      args: { filter: { district: k.district, ...below(k) } },
    },
    {
      key: 'studios',
      label: '委员工作室',
      unit: '个',
      query: 'studios',
      args: { district: k.district, ...below(k) },
    },
  ],
  series: (k) => [
    {
      key: 'assessmentGrades',
      label: `${k.to.slice(0, 4)}年度履职考核等次`,
      chart: 'PIE',
      points: GRADES.map((grade) => ({
        key: grade,
        label: grade,
        unit: '名',
        query: 'assessments',
        args: { district: k.district, ...below(k), year: Number(k.to.slice(0, 4)) },
        path: [`[grade=${grade}]*`],
      })),
    },
  ],
});
