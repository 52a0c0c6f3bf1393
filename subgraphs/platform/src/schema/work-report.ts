import {
  assertKnownDistrict,
  checkReportPeriod,
  CORE_REPORT_SECTIONS,
  pluginSectionField,
  requireReportReader,
  workReportTypes,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { findPlugin } from '../catalog.js';
import { switchesOf } from './plugin-switch.js';

const { report } = workReportTypes(builder);

builder.queryField('workReport', (t) =>
  t.field({
    type: report,
    description:
      "工作报告: the committee's work report for a period, drafted from its records: one section per module (and per plugin the district has enabled), every figure with the query that counts it. For the district's staff and leaders, and the city's.",
    args: {
      district: t.arg.id({ required: true, description: 'The committee (district code).' }),
      from: t.arg({
        type: 'Date',
        required: true,
        description: 'First day of the period, inclusive.',
      }),
      to: t.arg({
        type: 'Date',
        required: true,
        description: 'Last day of the period, inclusive.',
      }),
      includeBelow: t.arg.boolean({
        required: false,
        defaultValue: false,
        description:
          "Count the district with every district below it (a city's totals): every figure, and its provenance, counts them all.",
      }),
    },
    resolve: async (_root, { district, from, to, includeBelow }, ctx) => {
      const key = { district: String(district), from, to, includeBelow: includeBelow ?? false };
      requireReportReader(ctx, key.district);
      await assertKnownDistrict(ctx, key.district);
      checkReportPeriod(key);
      return key;
    },
  }),
);

builder.objectField(report, 'sections', (t) =>
  t.stringList({
    description:
      "The WorkReport fields that hold the report's sections, in the document's order (each is a ReportSection): the core sections, then one for each plugin the district has on that writes one.",
    resolve: async (key, _a, ctx) => {
      const on = (await switchesOf(ctx, key.district)).filter((s) => s.status === 'ENABLED');
      return [
        ...CORE_REPORT_SECTIONS.map((s) => s.field),
        ...on
          .filter((s) => findPlugin(s.plugin)?.manifest.extends.includes('WorkReport'))
          .map((s) => pluginSectionField(s.plugin)),
      ];
    },
  }),
);
