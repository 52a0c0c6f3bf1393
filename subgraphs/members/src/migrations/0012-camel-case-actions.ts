import { renameAuditActions } from '@cppcc/kit';

/** Action names are camelCase everywhere (as GraphQL's): audit rows written before follow. */
export const camelCaseActions = renameAuditActions(
  'Migration20261220090000_members_camel_case_actions',
  [{ entity: 'studio_reception', from: 'pass_on', to: 'passOn' }],
);
