import {
  appError,
  assertKnownDistrict,
  emit,
  ErrorCode,
  hasRole,
  inputError,
  type EntityManager,
  type RequestContext,
} from '@cppcc/kit';
import { pluginSwitched } from '@cppcc/events';
import { findPlugin } from '../catalog.js';
import { askSettingsReview } from './review-plugin-settings.js';
import {
  PluginSwitchRecordSchema,
  type PluginSwitchRecord,
} from '../entities/plugin-switch.entity.js';
import { SWITCH_ROLES, switchWorkflow, type SwitchAction } from '../workflow.js';

export interface SwitchInput {
  district: string;
  plugin: string;
  action: SwitchAction;
  /** Replaces the district's settings when given; validated against the plugin's schema. */
  settings?: Record<string, unknown> | null;
  note?: string | null;
}

/**
 * Enables, disables or reconfigures a plugin for a district: one transition of the switch's
 * table, one audit row, one `plugin.switched` event in the same transaction.
 */
export async function switchPlugin(
  ctx: RequestContext,
  input: SwitchInput,
): Promise<PluginSwitchRecord> {
  const plugin = findPlugin(input.plugin);
  if (!plugin)
    throw inputError('plugin', 'installed', `no installed plugin has id "${input.plugin}"`);
  if (input.action === 'configure' && input.settings == null)
    throw inputError('settings', 'required', 'configuring a plugin needs its settings');
  let settings: Record<string, unknown> | undefined;
  if (input.settings != null) {
    const parsed = plugin.parseSettings(input.settings);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      throw appError(ErrorCode.BAD_USER_INPUT, `settings.${first.path}: ${first.message}`, {
        field: `settings.${first.path}`,
        rule: 'plugin-settings',
        issues: parsed.issues,
      });
    }
    settings = parsed.value as Record<string, unknown>;
  }
  await assertKnownDistrict(ctx, input.district);
  if (ctx.caller.userId === null)
    throw appError(ErrorCode.UNAUTHENTICATED, 'sign in to switch plugins');
  // One answer for a role that may not switch, whatever the switch's state (the table alone would
  // say ILLEGAL_TRANSITION for enabling what is on before it got to who may).
  if (!hasRole(ctx.caller, ...SWITCH_ROLES)) {
    throw appError(
      ErrorCode.FORBIDDEN,
      `switching plugins needs the role ${SWITCH_ROLES.join(' or ')} (a district's operator)`,
      { roles: SWITCH_ROLES },
    );
  }
  // Which districts, the tree's.
  if (!ctx.caller.districts.includes(input.district)) {
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `district: you may not switch plugins of district ${input.district}`,
      { field: 'district' },
    );
  }
  return ctx.em.transactional(async (em) => {
    const record = await openSwitch(
      em as EntityManager,
      input.district,
      input.plugin,
      plugin.defaults as Record<string, unknown>,
    );
    switchWorkflow.apply(
      { ...ctx, em: em as EntityManager },
      record,
      input.action,
      input.note ?? null,
    );
    if (settings) record.settings = settings;
    record.version += 1;
    record.changedAt = new Date();
    record.changedBy = ctx.caller.userId;
    // On (the first time, or again), its settings wait for the operators' review unless this
    // version's were reviewed already.
    if (record.status === 'ENABLED')
      await askSettingsReview(em as EntityManager, record.district, plugin);
    announce(em as EntityManager, ctx.module, record);
    return record;
  });
}

/** The district's switch for the plugin, created switched off on first use. */
export async function openSwitch(
  em: EntityManager,
  district: string,
  plugin: string,
  defaults: Record<string, unknown>,
): Promise<PluginSwitchRecord> {
  const found = await em.findOne(
    PluginSwitchRecordSchema,
    { district, plugin },
    { filters: false },
  );
  if (found) return found;
  const created = em.create(PluginSwitchRecordSchema, {
    district,
    plugin,
    status: 'DISABLED',
    settings: defaults,
    version: 0,
    changedAt: new Date(),
    changedBy: null,
    public: true,
  });
  // The audit row names the switch by id, so it needs one before the first transition.
  await em.flush();
  return created;
}

export function announce(em: EntityManager, source: string, record: PluginSwitchRecord): void {
  emit(
    em,
    source,
    pluginSwitched,
    {
      district: record.district,
      plugin: record.plugin,
      enabled: record.status === 'ENABLED',
      settings: record.settings,
      version: record.version,
      changedAt: record.changedAt.toISOString(),
      changedBy: record.changedBy ?? null,
    },
    record.district,
  );
}
