import {
  districtFields,
  connectionType,
  findPage,
  inputError,
  pageArgs,
  requirePermissionIn,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { DistrictRef } from './district.js';
import { text } from '../commands/validate.js';
import {
  MonitoringSectionSchema,
  type MonitoringSection,
} from '../entities/monitoring-section.entity.js';

export const MonitoringSectionRef = builder
  .objectRef<MonitoringSection>('MonitoringSection')
  .implement({
    description: 'An assessment section where water quality is jointly sampled (e.g. 街口).',
    fields: (t) => ({
      id: t.exposeID('id', { description: "The MonitoringSection's id." }),
      ...districtFields(t, DistrictRef),
      code: t.exposeString('code', { description: "断面代码 The section's code." }),
      name: t.exposeString('name', { description: "断面名称 The section's name." }),
      description: t.exposeString('description', {
        nullable: true,
        description: '说明 Where the section is and what it watches, if written.',
      }),
    }),
  });

const MonitoringSectionConnection = connectionType<MonitoringSection>(
  builder,
  'MonitoringSection',
  MonitoringSectionRef,
);

builder.queryFields((t) => ({
  monitoringSections: t.field({
    description:
      "考核断面 Water-quality assessment sections the caller may see, paged. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: MonitoringSectionConnection,
    nullable: true,
    args: pageArgs(t),
    resolve: (_root, args, ctx) => findPage(ctx.em, MonitoringSectionSchema, {}, args),
  }),
}));

builder.mutationFields((t) => ({
  addMonitoringSection: t.field({
    type: MonitoringSectionRef,
    description: 'Adds an assessment section (permission round.manage).',
    args: {
      district: t.arg.id({ description: "The district's code.", required: true }),
      code: t.arg.string({ description: "The section's code.", required: true }),
      name: t.arg.string({ description: "The section's name.", required: true }),
      description: t.arg.string({
        required: false,
        description: 'Where the section is and what it watches.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const district = String(args.district);
      await requirePermissionIn(ctx, 'round.manage', district);
      const code = text(args.code, 'code', 40);
      if (!/^[A-Za-z0-9_-]+$/.test(code))
        throw inputError('code', 'format', 'letters, digits, _ and - only');
      const taken = await ctx.em.count(MonitoringSectionSchema, { code }, { filters: false });
      if (taken) throw inputError('code', 'unique', `a section with code ${code} exists`);
      const name = text(args.name, 'name', 100);
      const description = args.description?.trim() || null;
      return ctx.em.transactional(async (em) =>
        em.create(MonitoringSectionSchema, {
          district,
          public: true,
          code,
          name,
          description,
          createdAt: new Date(),
        }),
      );
    },
  }),
}));
