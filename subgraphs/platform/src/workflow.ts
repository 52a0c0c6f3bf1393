import { defineWorkflow } from '@cppcc/kit';
import type { PluginSwitchRecord, SwitchState } from './entities/plugin-switch.entity.js';

export type SwitchAction = 'enable' | 'disable' | 'configure';

/** A district's operators switch plugins; an admin may too. Settings may be prepared while off. */
export const switchWorkflow = defineWorkflow<SwitchState, SwitchAction, PluginSwitchRecord>('plugin switch', [
  { from: 'DISABLED', action: 'enable', who: ['operator', 'admin'], to: 'ENABLED' },
  { from: 'ENABLED', action: 'disable', who: ['operator', 'admin'], to: 'DISABLED' },
  { from: 'ENABLED', action: 'configure', who: ['operator', 'admin'], to: 'ENABLED' },
  { from: 'DISABLED', action: 'configure', who: ['operator', 'admin'], to: 'DISABLED' },
]);
