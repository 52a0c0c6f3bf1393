import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { z } from 'zod';
import {
  appError,
  assertKnownDistrict,
  canSeeDistrict,
  createBuilder,
  defineModule,
  ErrorCode,
  hasRole,
  pluginReportSection,
  pluginSectionField,
  type EntityManager,
  type EventDefinition,
  type EventHandler,
  type ModuleDefinition,
  type RequestContext,
  type Role,
  type SectionSpec,
  type SeedOptions,
  toSubgraphSchema,
} from '@cppcc/kit';
import { memberRegistered, pluginSwitched } from '@cppcc/events';
import { applyMemberRegistered, PluginMemberSchema, pluginMemberMigration } from './members.js';
import { extendsProblem, manifestProblems } from './rules.js';
import { POTHOS_PLUGIN, registerPothosPlugin, type PluginBuildSpec } from './pothos-plugin.js';
import {
  applyPluginSwitched,
  disabledError,
  pluginGuard,
  PluginSwitchSchema,
  pluginSwitchMigration,
  switchFor,
} from './switches.js';

/** Core entities a plugin may add fields to (by their federation key). */
export const CORE_ENTITIES = [
  'District',
  'SpecialCommittee',
  'Sector',
  'Member',
  'Proposal',
  'OpinionItem',
  'ConsultationActivity',
  'ResearchProject',
  'Recommendation',
  'WorkReport',
] as const;
export type CoreEntity = (typeof CORE_ENTITIES)[number];

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A permission a plugin defines: what it allows and which roles hold it. */
export interface PluginPermission {
  description: string;
  roles: Role[];
}

/**
 * Everything a plugin adds to the platform, in one place. The platform reads it to compose the
 * plugin into the graph, create its tables, load its demo data, route events to it, show
 * district operators what it does and validate their settings.
 */
export interface PluginManifest<S extends z.ZodObject = z.ZodObject> {
  /** kebab-case, unique; also the subgraph's name and the tag on everything it adds. */
  id: string;
  /** What operators see in the plugin list, in Chinese and English; both required. */
  title: { zh: string; en: string };
  /** Semantic version of the plugin (x.y.z). */
  version: string;
  /**
   * The @cppcc/plugin-sdk versions the plugin works with, as a semver range (`'^1.0.0'`); a
   * platform whose SDK is outside it refuses to load the plugin, naming both. A plugin kept in
   * its own package states the same range as its peer dependency on @cppcc/plugin-sdk.
   */
  sdk?: string;
  /** What it records and for whom, for operators deciding whether to enable it. */
  description: string;
  /** Port when the plugin is served alone. */
  port: number;
  /**
   * Core entities this plugin adds fields to, exactly (checked against its schema when it is
   * defined). An entity it only returns or refers to (`externalRef` without `objectField`) is not
   * listed.
   */
  extends: readonly CoreEntity[];
  /** The builder the plugin's types and fields were defined on (`pluginBuilder(id)`). */
  builder: PluginBuilder;
  /** Its tables (MikroORM `defineEntity`); rows carrying `district` and `public` get the district filter. */
  entities?: EntitySchema[];
  /** Written with kit's `defineMigration`; run in order on SQLite and PostgreSQL. */
  migrations?: MigrationObject[];
  /** Loads demo data into empty tables. */
  seed?: (em: EntityManager, options: SeedOptions) => Promise<void>;
  /** Whether the demo data is already there, so a restart does not load it twice. */
  isSeeded?: (em: EntityManager) => Promise<boolean>;
  /** Events the plugin sends (declared in @cppcc/events or by the plugin itself). */
  emits?: EventDefinition[];
  /** Handlers for events other modules send, by event type; each applied once. */
  consumes?: Record<string, EventHandler>;
  /** Named permissions, checked in resolvers with `requirePermission(ctx, name)`. */
  permissions: Record<string, PluginPermission>;
  /**
   * Per-district settings. Every field needs a default (`.default(...)`): a district that
   * enables the plugin without settings gets them.
   */
  settings: S;
  /**
   * Where the demo data switches the plugin on (at least two districts: the city and one below)
   * and where it shows it switched off (at least one). Optional: without it the demo leaves the
   * plugin off everywhere.
   */
  demo?: { enabledIn: string[]; disabledIn?: string[] };
}

export interface Plugin<S extends z.ZodObject = z.ZodObject> {
  manifest: PluginManifest<S>;
  /** The module the runtime serves: the plugin's schema, tables and handlers plus its switch table. */
  module: ModuleDefinition;
  /** Settings with defaults applied, or the issues that make them invalid. */
  parseSettings(
    input: unknown,
  ): { ok: true; value: z.infer<S> } | { ok: false; issues: { path: string; message: string }[] };
  defaults: z.infer<S>;
  /** The settings schema as JSON Schema, for operators' forms. */
  settingsJsonSchema: Record<string, unknown>;
}

const specs = new WeakMap<object, PluginBuildSpec>();
const registry = new Map<string, Plugin<z.ZodObject>>();

/** The builder a plugin defines its types and fields on: the kit's builder, tagged and gated. */
export function pluginBuilder(id: string) {
  if (!ID_PATTERN.test(id)) throw new Error(`plugin id "${id}" must be kebab-case (a-z, 0-9, -)`);
  registerPothosPlugin();
  const spec: PluginBuildSpec = {
    id,
    tag: `plugin/${id}`,
    extended: new Set(),
    referenced: new Set(),
    guard: pluginGuard(id),
  };
  const builder = createBuilder({ plugins: [POTHOS_PLUGIN], options: { [POTHOS_PLUGIN]: spec } });
  specs.set(builder, spec);
  return builder;
}
export type PluginBuilder = ReturnType<typeof pluginBuilder>;

/**
 * A plugin's section of the work report (`WorkReport.<its id in camelCase>`), listed after the
 * core sections for the districts that have the plugin on. The manifest lists `WorkReport` in
 * `extends`. Every figure is a query of the plugin's own schema (see the kit's `SectionSpec`).
 */
export function reportSection(builder: PluginBuilder, spec: SectionSpec & { title: string }): void {
  const own = specs.get(builder);
  if (!own) throw new Error('reportSection: the builder must come from pluginBuilder(id)');
  pluginReportSection(builder, pluginSectionField(own.id), spec);
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function definePlugin<S extends z.ZodObject>(manifest: PluginManifest<S>): Plugin<S> {
  const problems = manifestProblems(manifest);
  const spec = specs.get(manifest.builder);
  if (!spec) problems.push('builder must come from pluginBuilder(id)');
  else if (spec.id !== manifest.id)
    problems.push(`builder was made for "${spec.id}", not "${manifest.id}"`);
  const defaults = manifest.settings.safeParse({});
  if (!defaults.success)
    problems.push(
      `settings need a default for every field (${defaults.error.issues.map((i) => issuePath(i.path)).join(', ')})`,
    );
  if (problems.length) throw new Error(`plugin ${manifest.id}: ${problems.join('; ')}`);

  const schema = toSubgraphSchema(manifest.builder);
  const wrongExtends = extendsProblem(manifest.id, manifest.extends, [...spec!.extended]);
  if (wrongExtends) throw new Error(wrongExtends);

  const module = defineModule({
    name: manifest.id,
    port: manifest.port,
    schema,
    entities: [PluginSwitchSchema, PluginMemberSchema, ...(manifest.entities ?? [])],
    migrations: [pluginSwitchMigration, pluginMemberMigration, ...(manifest.migrations ?? [])],
    emits: manifest.emits,
    consumes: {
      ...manifest.consumes,
      [pluginSwitched.type]: applyPluginSwitched(manifest.id),
      [memberRegistered.type]: both(
        applyMemberRegistered,
        manifest.consumes?.[memberRegistered.type],
      ),
    },
    seed: manifest.seed,
    isSeeded: manifest.isSeeded,
    // Installed on a platform that already has data, its replicas (districts, members, what it
    // consumes) fill from the core's answer instead of staying empty until each record changes.
    requestsSnapshot: true,
  });

  const plugin: Plugin<S> = {
    manifest,
    module,
    defaults: defaults.data as z.infer<S>,
    settingsJsonSchema: z.toJSONSchema(manifest.settings, { io: 'input' }) as Record<
      string,
      unknown
    >,
    parseSettings(input) {
      const result = manifest.settings.safeParse(input ?? {});
      if (result.success) return { ok: true, value: result.data };
      return {
        ok: false,
        issues: result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
      };
    },
  };
  registry.set(manifest.id, plugin);
  return plugin;
}

function pluginOf(ctx: RequestContext): Plugin {
  const plugin = registry.get(ctx.module);
  if (!plugin) throw new Error(`module ${ctx.module} is not a plugin`);
  return plugin;
}

/**
 * A district's settings for the plugin serving it, defaults filled in: the district a record
 * belongs to or is written to when given, else the request's.
 */
export async function settingsOf<T = Record<string, unknown>>(
  ctx: RequestContext,
  district?: string,
): Promise<T> {
  const plugin = pluginOf(ctx);
  const row = await switchFor(ctx, district);
  const parsed = plugin.parseSettings(row?.settings ?? {});
  // Settings were validated when saved; a later, stricter version of the plugin falls back to defaults.
  return (parsed.ok ? parsed.value : plugin.defaults) as T;
}

/** The SDK's own handler, then the plugin's, when both want an event. */
function both(sdk: EventHandler, own: EventHandler | undefined): EventHandler {
  return own
    ? async (em, event) => {
        await sdk(em, event);
        await own(em, event);
      }
    : sdk;
}

/** Whether the caller holds one of the plugin's permissions. */
export function may(ctx: RequestContext, permission: string): boolean {
  const defined = pluginOf(ctx).manifest.permissions[permission];
  if (!defined) throw new Error(`plugin ${ctx.module} defines no permission ${permission}`);
  return hasRole(ctx.caller, ...defined.roles);
}

/** Refuses a caller without the permission, naming it. */
export function requirePermission(ctx: RequestContext, permission: string): void {
  if (may(ctx, permission)) return;
  const code = ctx.caller.userId === null ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
  throw appError(
    code,
    `${ctx.module}: this needs the permission ${permission} (${pluginOf(ctx).manifest.permissions[permission].description})`,
    { permission },
  );
}

/**
 * Refuses a write to `district` by a caller without the permission or who does not work for
 * that district (or one above it). The manifest's roles decide who may — a permission held by
 * operators lets operators write — which the kit's staff-only assertWritableDistrict would not.
 */
export async function requirePermissionIn(
  ctx: RequestContext,
  permission: string,
  district: string,
  field = 'district',
): Promise<void> {
  requirePermission(ctx, permission);
  await assertKnownDistrict(ctx, district, field);
  if (!canSeeDistrict(ctx.caller, district)) {
    throw appError(
      ErrorCode.CROSS_DISTRICT,
      `${field}: you may not change records of district ${district}`,
      { field, permission },
    );
  }
  // The request's district has the plugin on (the guard saw to that); the one written to must too.
  if (!(await switchFor(ctx, district))?.enabled)
    throw disabledError(pluginOf(ctx).manifest.id, district);
}

export function installedPlugin(id: string): Plugin | undefined {
  return registry.get(id);
}
