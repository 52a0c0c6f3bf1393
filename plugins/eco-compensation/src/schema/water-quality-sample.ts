import {
  districtFields,
  audit,
  connectionType,
  findPage,
  inputError,
  notFound,
  pageArgs,
  parseDate,
  parseId,
  requirePermissionIn,
  settingsOf,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { DistrictRef } from './district.js';
import { recomputeAfterSampleChange } from '../commands/assessment.js';
import { yearOf } from '../commands/validate.js';
import { MonitoringSectionSchema } from '../entities/monitoring-section.entity.js';
import {
  WaterQualitySampleSchema,
  type WaterQualitySample,
} from '../entities/water-quality-sample.entity.js';
import { catalogue, type Indicator } from '../indicators.js';
import type { EcoCompensationSettings } from '../settings.js';
import { MonitoringSectionRef } from './monitoring-section.js';

const IndicatorRef = builder.objectRef<Indicator>('WaterQualityIndicator').implement({
  description:
    'An indicator samples may carry: the standard four, and those the district added in its settings.',
  fields: (t) => ({
    code: t.exposeString('code', { description: "指标代码 The indicator's code." }),
    name: t.exposeString('name', { description: "指标名称 The indicator's name." }),
    unit: t.exposeString('unit', { description: '单位 The unit it is measured in.' }),
    standard: t.exposeBoolean('standard', {
      description: '标准指标 Whether it is one of the standard indicators.',
    }),
    baseLimit: t.exposeFloat('baseLimit', {
      nullable: true,
      description: 'District indicators only; the standard four take theirs from the round.',
    }),
    includeInIndex: t.exposeBoolean('includeInIndex', {
      description: "计入指数 Whether it counts in the assessment's index.",
    }),
  }),
});

type ValueRow = { indicator: Indicator; value: number };
const IndicatorValueRef = builder.objectRef<ValueRow>('IndicatorValue').implement({
  description: "指标值 One indicator's measured value in a sample.",
  fields: (t) => ({
    indicator: t.string({
      description: "指标代码 The indicator's code.",
      resolve: (v) => v.indicator.code,
    }),
    name: t.string({
      description: "指标名称 The indicator's name.",
      resolve: (v) => v.indicator.name,
    }),
    unit: t.string({
      description: '单位 The unit it is measured in.',
      resolve: (v) => v.indicator.unit,
    }),
    value: t.exposeFloat('value', { description: '测值 The value measured.' }),
  }),
});

export const WaterQualitySampleRef = builder
  .objectRef<WaterQualitySample>('WaterQualitySample')
  .implement({
    description: '水质监测 A water-quality sample at an assessment section on a day.',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The WaterQualitySample's id." }),
      ...districtFields(t, DistrictRef),
      section: t.field({
        description: '监测断面 The section sampled.',
        type: MonitoringSectionRef,
        nullable: true,
        resolve: (s, _a, ctx) => ctx.loaders.one(MonitoringSectionSchema).load(s.sectionId),
      }),
      sampledOn: t.expose('sampledOn', {
        description: '采样日期 The day of the sample.',
        type: 'Date',
      }),
      year: t.exposeInt('year', { description: '年度 The year the sample counts for.' }),
      party: t.exposeString('party', {
        nullable: true,
        description: 'Who sampled (e.g. joint sampling by both provinces).',
      }),
      values: t.field({
        description: '测值 The values measured.',
        type: [IndicatorValueRef],
        resolve: async (s, _a, ctx) => {
          const known = catalogue((await settingsOf<EcoCompensationSettings>(ctx)).extraIndicators);
          return Object.entries(JSON.parse(s.values) as Record<string, number>).map(
            ([code, value]) => ({
              // An indicator a district later removed from its settings still shows, by its code.
              indicator: known.find((k) => k.code === code) ?? {
                code,
                name: code,
                unit: 'mg/L',
                standard: false,
                baseLimit: null,
                includeInIndex: false,
              },
              value,
            }),
          );
        },
      }),
    }),
  });

const SampleConnection = connectionType<WaterQualitySample>(
  builder,
  'WaterQualitySample',
  WaterQualitySampleRef,
);

const IndicatorValueInput = builder.inputType('IndicatorValueInput', {
  description: "指标值 One indicator's measured value.",
  fields: (t) => ({
    indicator: t.string({ description: "The indicator's code.", required: true }),
    value: t.float({ required: true, description: 'mg/L' }),
  }),
});

/** Checks sample values against the district's catalogue: known indicators, each once, none negative. */
function readValues(
  values: { indicator: string; value: number }[],
  known: Indicator[],
): Record<string, number> {
  if (!values.length)
    throw inputError('values', 'required', 'a sample needs at least one indicator value');
  const out: Record<string, number> = {};
  values.forEach((v, i) => {
    if (!known.some((k) => k.code === v.indicator)) {
      throw inputError(
        `values.${i}.indicator`,
        'unknown-indicator',
        `${v.indicator} is not in this district's indicator catalogue (${known.map((k) => k.code).join(', ')})`,
      );
    }
    if (v.indicator in out)
      throw inputError(`values.${i}.indicator`, 'duplicate', `${v.indicator} is given twice`);
    if (!Number.isFinite(v.value) || v.value < 0)
      throw inputError(`values.${i}.value`, 'non-negative', 'a concentration cannot be negative');
    out[v.indicator] = v.value;
  });
  return out;
}

builder.queryFields((t) => ({
  waterQualityIndicators: t.field({
    type: [IndicatorRef],
    nullable: true,
    description: "The indicator catalogue of the request's district.",
    resolve: async (_root, _args, ctx) =>
      catalogue((await settingsOf<EcoCompensationSettings>(ctx)).extraIndicators),
  }),
  waterQualitySamples: t.field({
    description:
      "水质监测 Water-quality samples of one assessment section, optionally of one year, paged. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: SampleConnection,
    nullable: true,
    args: {
      sectionId: t.arg.id({ description: "The monitoring section's id.", required: true }),
      year: t.arg.int({ description: 'Only samples counting for this year.', required: false }),
      ...pageArgs(t),
    },
    resolve: (_root, args, ctx) =>
      findPage(
        ctx.em,
        WaterQualitySampleSchema,
        {
          sectionId: parseId(args.sectionId, 'sectionId'),
          ...(args.year ? { year: args.year } : {}),
        },
        args,
      ),
  }),
}));

builder.mutationFields((t) => ({
  recordWaterQualitySample: t.field({
    type: WaterQualitySampleRef,
    description:
      "Records a sampling at a section (permission sample.record); the year's assessments are recomputed.",
    args: {
      sectionId: t.arg.id({ description: "The monitoring section's id.", required: true }),
      sampledOn: t.arg({ description: 'The day of the sample.', type: 'Date', required: true }),
      party: t.arg.string({ description: 'Who took the sample, if said.', required: false }),
      values: t.arg({
        description: 'The values measured, by indicator.',
        type: [IndicatorValueInput],
        required: true,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const section = await ctx.em.findOne(MonitoringSectionSchema, {
        id: parseId(args.sectionId, 'sectionId'),
      });
      if (!section) throw notFound('monitoring section', args.sectionId);
      await requirePermissionIn(ctx, 'sample.record', section.district, 'sectionId');
      const sampledOn = parseDate(args.sampledOn, 'sampledOn');
      const values = readValues(
        args.values,
        catalogue(
          (await settingsOf<EcoCompensationSettings>(ctx, section.district)).extraIndicators,
        ),
      );
      return ctx.em.transactional(async (em) => {
        const sample = em.create(WaterQualitySampleSchema, {
          district: section.district,
          public: true,
          sectionId: section.id,
          sampledOn,
          year: yearOf(sampledOn),
          values: JSON.stringify(values),
          party: args.party?.trim() || null,
          recordedBy: ctx.caller.userId,
          recordedAt: new Date(),
        });
        await em.flush();
        await recomputeAfterSampleChange(em, section.id, [sample.year], ctx.caller.userId);
        return sample;
      });
    },
  }),
  correctWaterQualitySample: t.field({
    type: WaterQualitySampleRef,
    description:
      'Corrects a sample (permission sample.record); assessments of the years it touches are recomputed, and the old values kept in the history.',
    args: {
      id: t.arg.id({ description: "The WaterQualitySample's id.", required: true }),
      sampledOn: t.arg({
        description: 'The corrected day, if it changes.',
        type: 'Date',
        required: false,
      }),
      values: t.arg({
        description: 'The corrected values, by indicator.',
        type: [IndicatorValueInput],
        required: true,
      }),
      note: t.arg.string({ description: 'Why it is corrected.', required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const found = await ctx.em.findOne(WaterQualitySampleSchema, { id: parseId(args.id) });
      if (!found) throw notFound('water-quality sample', args.id);
      await requirePermissionIn(ctx, 'sample.record', found.district, 'id');
      const sampledOn = args.sampledOn ? parseDate(args.sampledOn, 'sampledOn') : found.sampledOn;
      const values = readValues(
        args.values,
        catalogue((await settingsOf<EcoCompensationSettings>(ctx, found.district)).extraIndicators),
      );
      return ctx.em.transactional(async (em) => {
        const sample = await em.findOneOrFail(
          WaterQualitySampleSchema,
          { id: found.id },
          { filters: false },
        );
        const before = JSON.stringify({
          sampledOn: sample.sampledOn,
          values: JSON.parse(sample.values),
        });
        const years = [...new Set([sample.year, yearOf(sampledOn)])];
        sample.sampledOn = sampledOn;
        sample.year = yearOf(sampledOn);
        sample.values = JSON.stringify(values);
        audit(em, {
          entity: 'WaterQualitySample',
          entityId: String(sample.id),
          action: 'correct',
          fromState: before,
          toState: JSON.stringify({ sampledOn, values }),
          actor: ctx.caller.userId,
          note: args.note ?? null,
        });
        await em.flush();
        await recomputeAfterSampleChange(em, sample.sectionId, years, ctx.caller.userId);
        return sample;
      });
    },
  }),
}));
