import {
  defineWorkflow,
  ErrorCode,
  fact,
  type EntityManager,
  type Guard,
  type Role,
} from '@cppcc/kit';
import { findPlugin } from './catalog.js';
import {
  type PluginSettingsReview,
  PluginSettingsReviewSchema,
  type ReviewState,
} from './entities/plugin-settings-review.entity.js';
import {
  type PluginSwitchRecord,
  PluginSwitchRecordSchema,
  type SwitchState,
} from './entities/plugin-switch.entity.js';

export type SwitchAction = 'enable' | 'disable' | 'configure';

/** Who switches plugins: a district's operators, and admins. */
export const SWITCH_ROLES: Role[] = ['operator', 'admin'];

/** Settings may be prepared while off. */
export const switchWorkflow = defineWorkflow<SwitchState, SwitchAction, PluginSwitchRecord>(
  'plugin switch',
  [
    { from: 'DISABLED', action: 'enable', who: SWITCH_ROLES, to: 'ENABLED' },
    { from: 'ENABLED', action: 'disable', who: SWITCH_ROLES, to: 'DISABLED' },
    { from: 'ENABLED', action: 'configure', who: SWITCH_ROLES, to: 'ENABLED' },
    { from: 'DISABLED', action: 'configure', who: SWITCH_ROLES, to: 'DISABLED' },
  ],
);

export type ReviewAction = 'review';

/** A review with the fact its guard reads: whether the plugin is on for the district now. */
export type ReviewRecord = PluginSettingsReview & { switchedOn?: boolean };

/** Loads the fact the review table's guard reads (by the command and the inbox alike). */
export async function switchedOn(em: EntityManager, review: ReviewRecord): Promise<void> {
  const s = await em.findOne(
    PluginSwitchRecordSchema,
    { district: review.district, plugin: review.plugin },
    { filters: false, fields: ['status'] },
  );
  review.switchedOn = s?.status === 'ENABLED';
}

/** The district's own operators (or those of the city above it) review its settings. */
const ownDistrict: Guard<ReviewRecord> = {
  name: 'own-district',
  holds: (ctx, r) => ctx.caller.districts.includes(r.district),
  message: (r) => `district: you may not review plugin settings of district ${r.district}`,
  extensions: { field: 'district' },
  code: ErrorCode.CROSS_DISTRICT,
};

/** Settings of a plugin switched off are not in use: nothing to review until it is on again. */
const isOn: Guard<ReviewRecord> = {
  name: 'switched-on',
  holds: (_ctx, r) => fact(r.switchedOn, 'switchedOn'),
  message: (r) =>
    `plugin: ${r.plugin} is switched off for district ${r.district}; its settings are reviewed once it is on again`,
  extensions: { field: 'plugin' },
};

/**
 * A district's operators look at their settings for each version of a plugin they have on. The
 * review is asked (PENDING) by the platform, not by a step: when the plugin is first switched on
 * there, and when it starts with the plugin at a version not yet reviewed (`askSettingsReview`).
 */
export const reviewWorkflow = defineWorkflow<ReviewState, ReviewAction, ReviewRecord>(
  'plugin settings review',
  [
    {
      from: 'PENDING',
      action: 'review',
      who: SWITCH_ROLES,
      guards: [ownDistrict, isOn],
      to: 'REVIEWED',
    },
  ],
  {
    review: {
      rule: 'already-reviewed',
      message: (r) =>
        `plugin: ${r.plugin}'s settings for district ${r.district} are already reviewed for version ${r.reviewedVersion}`,
      extensions: { field: 'plugin' },
    },
  },
  {
    schema: PluginSettingsReviewSchema,
    type: 'PluginSettingsReview',
    // Read on the plugin (`plugin(id)`) and the district's switch for it.
    about: (r) => ({ type: 'Plugin', id: r.plugin }),
    states: {
      PENDING: {
        kind: 'pluginSettings.review',
        why: '插件设置待复核 A plugin’s settings to review for the version now installed',
      },
    },
    title: (r) =>
      `${findPlugin(r.plugin)?.manifest.title.zh ?? r.plugin} ${r.pluginVersion}：插件设置待复核`,
    district: (r) => r.district,
    facts: (em, r) => switchedOn(em, r),
    // Switched off, its review leaves the operators' inbox; switched on again, it is back.
    follows: [
      {
        schema: PluginSwitchRecordSchema,
        records: async (_em, s: PluginSwitchRecord) => ({ district: s.district, plugin: s.plugin }),
      },
    ],
  },
);
