import { renameAuditActions } from '@cppcc/plugin-sdk';

/** Action names are camelCase everywhere (as GraphQL's): audit rows written before follow. */
export const camelCaseActions = renameAuditActions(
  'Migration20261220090000_eco_compensation_camel_case_actions',
  [
    { entity: 'CompensationRound', from: 'bring_into_force', to: 'bringIntoForce' },
    { entity: 'CooperationTask', from: 'report_progress', to: 'reportProgress' },
  ],
);
