import { renameAuditActions } from '@cppcc/kit';

/** Action names are camelCase everywhere (as GraphQL's): audit rows written before follow. */
export const camelCaseActions = renameAuditActions(
  'Migration20261220090000_organization_camel_case_actions',
  [
    { entity: 'special_committee', from: 'adjust_functions', to: 'adjustFunctions' },
    { entity: 'party_branch', from: 'change_secretary', to: 'changeSecretary' },
    { entity: 'attendance', from: 'leave_approved', to: 'leaveApproved' },
  ],
);
