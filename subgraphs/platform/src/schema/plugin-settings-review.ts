import {
  AVAILABLE_ACTIONS_DESCRIPTION,
  canSeeDistrict,
  describedValues,
  NOTE_DESCRIPTION,
} from '@cppcc/kit';
import { builder } from '../builder.js';
import { findPlugin } from '../catalog.js';
import { reviewOf, reviewPluginSettings } from '../commands/review-plugin-settings.js';
import { REVIEW_STATES } from '../entities/plugin-settings-review.entity.js';
import { reviewWorkflow, type ReviewRecord } from '../workflow.js';
import { DistrictRef } from './district.js';
import { PluginRef } from './plugin.js';
import { SwitchRef } from './plugin-switch.js';

const ReviewStateEnum = builder.enumType('PluginSettingsReviewState', {
  description:
    '设置复核状态 Whether a district’s settings of a plugin are reviewed for its version.',
  values: describedValues(REVIEW_STATES, {
    PENDING: '待复核 The version installed has not been reviewed yet.',
    REVIEWED: '已复核 The settings were reviewed for the version installed.',
  }),
});

export const PluginSettingsReviewRef = builder
  .objectRef<ReviewRecord>('PluginSettingsReview')
  .implement({
    description:
      '插件设置复核 A district’s operators’ review of their settings of a plugin, asked once for each version the installation runs (in their inbox as `pluginSettings.review`).',
    fields: (t) => ({
      id: t.exposeID('id', {
        description: '编号 The review’s id (the inbox item’s `record.id`).',
      }),
      district: t.field({
        type: DistrictRef,
        description: '所属地区 The district whose settings they are.',
        resolve: (r) => ({ code: r.district }),
      }),
      plugin: t.field({
        type: PluginRef,
        description: '插件 The plugin.',
        resolve: (r) => findPlugin(r.plugin)!,
      }),
      state: t.field({
        type: ReviewStateEnum,
        description: '复核状态 Reviewed for the version asked about, or not yet.',
        resolve: (r) => r.status,
      }),
      pluginVersion: t.exposeString('pluginVersion', {
        description: '待复核版本 The plugin’s version the review is (or was last) asked for.',
      }),
      reviewedVersion: t.string({
        nullable: true,
        description:
          '已复核版本 The version whose settings were last marked reviewed; null before the first review.',
        resolve: (r) => r.reviewedVersion ?? null,
      }),
      reviewedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: '复核时间 When they were last marked reviewed.',
        resolve: (r) => r.reviewedAt ?? null,
      }),
      availableActions: t.stringList({
        description: AVAILABLE_ACTIONS_DESCRIPTION,
        resolve: (r, _args, ctx) => reviewWorkflow.available(ctx, r),
      }),
    }),
  });

builder.objectField(SwitchRef, 'settingsReview', (t) =>
  t.field({
    type: PluginSettingsReviewRef,
    nullable: true,
    description:
      '设置复核 The district’s review of its settings for the version installed; null before the plugin was first switched on there, and for anyone but the district’s own roles and the city’s.',
    resolve: async (s, _args, ctx) =>
      canSeeDistrict(ctx.caller, s.district) ? reviewOf(ctx.em, s.district, s.plugin) : null,
  }),
);

builder.mutationField('reviewPluginSettings', (t) =>
  t.field({
    type: PluginSettingsReviewRef,
    description:
      '复核插件设置 Marks a district’s settings of a plugin reviewed for the version installed (its operators, or the city’s, or admins), taking the review out of their inbox until the plugin’s next version.',
    args: {
      district: t.arg.id({ required: true, description: '地区 District code.' }),
      plugin: t.arg.id({ required: true, description: '插件 Plugin id.' }),
      note: t.arg.string({ required: false, description: NOTE_DESCRIPTION }),
    },
    resolve: (_root, args, ctx) =>
      reviewPluginSettings(ctx, {
        district: String(args.district),
        plugin: String(args.plugin),
        note: args.note,
      }),
  }),
);
