import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const REVIEW_STATES = ['PENDING', 'REVIEWED'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/**
 * Whether a district's operators have looked at their settings for the version of a plugin this
 * installation runs: asked when the plugin is first switched on for the district and again when
 * a start finds it at a version not reviewed yet.
 */
export const PluginSettingsReviewSchema = defineEntity({
  name: 'PluginSettingsReview',
  tableName: 'plugin_settings_review',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    plugin: p.string(),
    status: p.string().$type<ReviewState>(),
    /** The plugin's version the review is (or was last) asked for. */
    pluginVersion: p.string().length(40),
    /** The version whose settings were last marked reviewed; null before the first review. */
    reviewedVersion: p.string().length(40).nullable(),
    reviewedAt: p.datetime().nullable(),
    reviewedBy: p.string().nullable(),
    changedAt: p.datetime(),
  },
  uniques: [{ properties: ['district', 'plugin'] }],
});
export type PluginSettingsReview = InferEntity<typeof PluginSettingsReviewSchema>;
