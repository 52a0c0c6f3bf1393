import { audit, type EntityManager } from '@cppcc/kit';
import { catalog } from './catalog.js';
import { announce, openSwitch } from './commands/switch-plugin.js';
import { PluginSwitchRecordSchema } from './entities/plugin-switch.entity.js';

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(PluginSwitchRecordSchema, {}, { filters: false })) > 0;
}

/**
 * Switches the plugins as each manifest's demo says — on for some districts, explicitly off
 * for another — through the same rows, audit and events an operator's change makes.
 */
export async function seed(em: EntityManager): Promise<void> {
  for (const plugin of catalog()) {
    const demo = plugin.manifest.demo;
    if (!demo) continue;
    const steps: [string, ('enable' | 'disable')[]][] = [
      ...demo.enabledIn.map((d): [string, ('enable' | 'disable')[]] => [d, ['enable']]),
      ...(demo.disabledIn ?? []).map((d): [string, ('enable' | 'disable')[]] => [
        d,
        ['enable', 'disable'],
      ]),
    ];
    for (const [district, actions] of steps) {
      const record = await openSwitch(
        em,
        district,
        plugin.manifest.id,
        plugin.defaults as Record<string, unknown>,
      );
      for (const action of actions) {
        const from = record.status;
        record.status = action === 'enable' ? 'ENABLED' : 'DISABLED';
        record.version += 1;
        record.changedAt = new Date();
        record.changedBy = 'demo';
        audit(em, {
          entity: 'plugin switch',
          entityId: String(record.id),
          action,
          fromState: from,
          toState: record.status,
          actor: 'demo',
          note: 'demo data',
        });
      }
      announce(em, 'platform', record);
    }
  }
}
