import SchemaBuilder, {
  BasePlugin,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { REPORT_SHARED_TYPES, type RequestContext } from '@cppcc/kit';

export const POTHOS_PLUGIN = 'cppccPlugin';

/** What a plugin's builder knows about the plugin it builds for. */
export interface PluginBuildSpec {
  id: string;
  /** The @tag every type and field the plugin adds carries. */
  tag: string;
  /** Filled while the schema is built: the core entities the plugin adds fields to (what `extends` must list). */
  extended: Set<string>;
  /** ...and every core entity it names (`externalRef`), whether or not it adds a field to it. */
  referenced: Set<string>;
  /** Refuses the request when its district has not enabled the plugin. */
  guard: (ctx: RequestContext) => Promise<void>;
}

/** Types every builder defines the same way; tagging them would hide them from everyone. */
const SHARED_TYPES = new Set([
  'Query',
  'Mutation',
  'Subscription',
  'PageInfo',
  'Node',
  'Date',
  'DateTime',
  'JSON',
  ...REPORT_SHARED_TYPES,
]);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function isExtension(config: PothosTypeConfig): boolean {
  const directives = (config.pothosOptions as { directives?: unknown }).directives;
  return (
    Array.isArray(directives) && directives.some((d: { name?: string }) => d?.name === 'extends')
  );
}

function withTag(existing: unknown, tag: string): string[] {
  const list =
    typeof existing === 'string'
      ? [existing]
      : Array.isArray(existing)
        ? (existing as string[])
        : [];
  return list.includes(tag) ? list : [...list, tag];
}

/**
 * Marks everything a plugin's builder defines with the plugin's tag, and gates the fields a
 * request can reach the plugin through (its root fields and the fields it adds to core
 * entities), so the plugin's own resolvers refuse a district that has not enabled it even
 * when a caller gets past the gateway.
 */
export class CppccPluginPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private get spec(): PluginBuildSpec {
    return (this.builder.options as unknown as Record<string, PluginBuildSpec>)[POTHOS_PLUGIN];
  }

  override onTypeConfig(config: PothosTypeConfig): PothosTypeConfig {
    if (SHARED_TYPES.has(config.name)) return config;
    if (isExtension(config)) {
      this.spec.referenced.add(config.name);
      return config;
    }
    return {
      ...config,
      pothosOptions: {
        ...config.pothosOptions,
        tag: withTag((config.pothosOptions as { tag?: unknown }).tag, this.spec.tag),
      },
    } as PothosTypeConfig;
  }

  override onOutputFieldConfig(
    config: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> {
    // A field beside the owner's key: the plugin extends that entity (a mere reference does not).
    if (config.kind !== 'ExternalEntity' && this.extends(config.parentType))
      this.spec.extended.add(config.parentType);
    if (!this.tags(config)) return config;
    return {
      ...config,
      pothosOptions: {
        ...config.pothosOptions,
        tag: withTag((config.pothosOptions as { tag?: unknown }).tag, this.spec.tag),
      },
    } as PothosOutputFieldConfig<Types>;
  }

  /** An input type's fields are the plugin's too (arguments belong to their field, which is tagged). */
  override onInputFieldConfig(
    config: PothosInputFieldConfig<Types>,
  ): PothosInputFieldConfig<Types> {
    if (config.kind !== 'InputObject' || SHARED_TYPES.has(config.parentType)) return config;
    return {
      ...config,
      pothosOptions: {
        ...config.pothosOptions,
        tag: withTag((config.pothosOptions as { tag?: unknown }).tag, this.spec.tag),
      },
    } as PothosInputFieldConfig<Types>;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    config: PothosOutputFieldConfig<Types>,
  ) {
    if (!ROOT_TYPES.has(config.parentType) && !this.extends(config.parentType)) return resolver;
    if (config.kind === 'ExternalEntity') return resolver;
    const spec = this.spec;
    return async (
      parent: unknown,
      args: object,
      ctx: Types['Context'],
      info: Parameters<typeof resolver>[3],
    ) => {
      await spec.guard(ctx as unknown as RequestContext);
      return resolver(parent, args, ctx, info);
    };
  }

  /** Whether the type is a core entity this plugin adds fields to (fields added later count too). */
  private extends(typeName: string): boolean {
    if (this.spec.referenced.has(typeName)) return true;
    return isExtension(this.buildCache.getTypeConfig(typeName));
  }

  private tags(config: PothosOutputFieldConfig<Types>): boolean {
    if (config.kind === 'ExternalEntity') return false; // the owner's key fields
    return !SHARED_TYPES.has(config.parentType) || ROOT_TYPES.has(config.parentType);
  }
}

let registered = false;
export function registerPothosPlugin(): void {
  if (registered) return;
  // Registered by name at run time; the kit's builder lists it through BuilderExtension.
  (SchemaBuilder.registerPlugin as (name: string, plugin: unknown) => void)(
    POTHOS_PLUGIN,
    CppccPluginPlugin,
  );
  registered = true;
}
