export {
  CORE_ENTITIES,
  definePlugin,
  installedPlugin,
  may,
  pluginBuilder,
  reportSection,
  requirePermission,
  requirePermissionIn,
  settingsOf,
} from './manifest.js';
export type {
  CoreEntity,
  Plugin,
  PluginBuilder,
  PluginManifest,
  PluginPermission,
} from './manifest.js';
export { disabledError, enabledDistricts, PluginSwitchSchema, siteOf } from './switches.js';
export { assertMembers, type PluginMember } from './members.js';
export { compositionProblems, manifestProblems } from './rules.js';
export { SDK_VERSION } from './version.js';

// What a plugin builds with, re-exported so that it imports this package alone.
export { z } from 'zod';
export { defineEntity, p, type InferEntity } from '@mikro-orm/core';
export {
  addDays,
  addMonths,
  AVAILABLE_ACTIONS_DESCRIPTION,
  appError,
  assertKnownDistrict,
  audit,
  AuditEntrySchema,
  auditEntryType,
  canSeeDistrict,
  checkTitle,
  connectionType,
  DistrictRefSchema,
  findPage,
  foundRows,
  isWithinDistrict,
  pageArgs,
  periodArgs,
  periodWhere,
  includeBelowArg,
  districtWhere,
  below,
  parseDate,
  defineEvent,
  defineMigration,
  defineWorkflow,
  describedValues,
  emit,
  fact,
  ErrorCode,
  inPlace,
  inputError,
  lockFor,
  MUTATION_DESCRIPTION,
  NOTE_DESCRIPTION,
  HELD_ON_DESCRIPTION,
  PLANNED_ON_DESCRIPTION,
  notFound,
  parseId,
  replicaNotReady,
  RECORD_VERSION_DESCRIPTION,
  renameAuditActions,
  replicaPending,
  serveAlone,
  TITLE_DESCRIPTION,
  titleSchema,
  VERSION_DESCRIPTION,
  today,
  type EntityManager,
  type EventHandler,
  type Guard,
  type RequestContext,
  type Role,
  type SeedOptions,
} from '@cppcc/kit';
export type { GraphQLError } from 'graphql';
export * from '@cppcc/events';
