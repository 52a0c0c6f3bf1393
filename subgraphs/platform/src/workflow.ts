import { defineWorkflow, type Role } from '@cppcc/kit';
import type { PluginSwitchRecord, SwitchState } from './entities/plugin-switch.entity.js';

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
