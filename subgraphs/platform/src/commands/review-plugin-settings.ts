import {
  appError,
  assertKnownDistrict,
  audit,
  ErrorCode,
  inputError,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';
import { findPlugin } from '../catalog.js';
import {
  type PluginSettingsReview,
  PluginSettingsReviewSchema,
} from '../entities/plugin-settings-review.entity.js';
import { PluginSwitchRecordSchema } from '../entities/plugin-switch.entity.js';
import { reviewWorkflow, type ReviewRecord, switchedOn } from '../workflow.js';

/**
 * Asks the district's operators to review their settings for the plugin's version, unless that
 * version is reviewed already (or asked already). The ask is the platform's, not a step of the
 * table: an audit row says which version it was asked for.
 */
export async function askSettingsReview(
  em: EntityManager,
  district: string,
  plugin: Plugin,
): Promise<void> {
  const version = plugin.manifest.version;
  const found = await em.findOne(
    PluginSettingsReviewSchema,
    { district, plugin: plugin.manifest.id },
    { filters: false },
  );
  // Asked or reviewed for this very version: nothing to ask (a version asked about and not
  // reviewed, then rolled back from, is asked about again as the one running).
  if (found?.pluginVersion === version) return;
  const from = found?.status ?? null;
  const review =
    found ??
    em.create(PluginSettingsReviewSchema, {
      district,
      plugin: plugin.manifest.id,
      status: 'PENDING',
      pluginVersion: version,
      reviewedVersion: null,
      reviewedAt: null,
      reviewedBy: null,
      changedAt: new Date(),
    });
  if (found)
    Object.assign(found, { status: 'PENDING', pluginVersion: version, changedAt: new Date() });
  // The audit row names the review by id.
  else await em.flush();
  audit(em, {
    entity: 'plugin settings review',
    entityId: String(review.id),
    action: 'ask',
    fromState: from,
    toState: 'PENDING',
    actor: null,
    note: `version ${version}`,
  });
}

/**
 * The platform's start (`jobs`): every district that has an installed plugin on is asked to
 * review its settings for the version now installed, once per version.
 */
export async function askSettingsReviews(em: EntityManager, plugins: Plugin[]): Promise<void> {
  if (plugins.length === 0) return;
  const on = await em.find(
    PluginSwitchRecordSchema,
    { status: 'ENABLED', plugin: { $in: plugins.map((p) => p.manifest.id) } },
    { filters: false, orderBy: { id: 'asc' } },
  );
  for (const s of on)
    await askSettingsReview(em, s.district, plugins.find((p) => p.manifest.id === s.plugin)!);
}

/** The district's review of the plugin's settings, with the fact its table reads; null if never asked. */
export async function reviewOf(
  em: EntityManager,
  district: string,
  plugin: string,
): Promise<ReviewRecord | null> {
  const review: ReviewRecord | null = await em.findOne(
    PluginSettingsReviewSchema,
    { district, plugin },
    { filters: false },
  );
  if (review) await switchedOn(em, review);
  return review;
}

/** Marks the district's settings for the plugin reviewed for the version it was asked for. */
export async function reviewPluginSettings(
  ctx: RequestContext,
  input: { district: string; plugin: string; note?: string | null },
): Promise<PluginSettingsReview> {
  if (!findPlugin(input.plugin))
    throw inputError('plugin', 'installed', `no installed plugin has id "${input.plugin}"`);
  await assertKnownDistrict(ctx, input.district);
  if (ctx.caller.userId === null)
    throw appError(ErrorCode.UNAUTHENTICATED, 'sign in to review plugin settings');
  return ctx.em.transactional(async (em) => {
    const review = await reviewOf(em as EntityManager, input.district, input.plugin);
    if (!review)
      throw appError(
        ErrorCode.NOT_FOUND,
        `plugin: ${input.plugin} has never been switched on for district ${input.district}; there are no settings of it to review`,
        { field: 'plugin', rule: 'never-on' },
      );
    reviewWorkflow.apply({ ...ctx, em: em as EntityManager }, review, 'review', input.note ?? null);
    Object.assign(review, {
      reviewedVersion: review.pluginVersion,
      reviewedAt: new Date(),
      reviewedBy: ctx.caller.userId,
      changedAt: new Date(),
    });
    return review;
  });
}
