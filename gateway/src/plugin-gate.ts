import {
  buildASTSchema,
  execute,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  getNamedType,
  type DefinitionNode,
  type DocumentNode,
  type ExecutionResult,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { appError, ErrorCode } from '@cppcc/kit';

const TAG_PREFIX = 'plugin/';

export interface SwitchState {
  district: string;
  plugin: string;
  enabled: boolean;
  version: number;
}

function pluginTag(node: {
  directives?: readonly {
    name: { value: string };
    arguments?: readonly { name: { value: string }; value: { kind: string; value?: string } }[];
  }[];
}): string | null {
  for (const d of node.directives ?? []) {
    if (d.name.value !== 'tag') continue;
    const name = d.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === Kind.STRING && name.value?.startsWith(TAG_PREFIX))
      return name.value.slice(TAG_PREFIX.length);
  }
  return null;
}

interface Touch {
  plugin: string;
  where: string;
}

interface DocumentReading {
  /** Some operation mixes introspection with data fields. */
  mixed: boolean;
  touches: Touch[];
  /** The decision for each set of switched-off plugins (keyed by `Disabled.key`): refused where, or null. */
  decisions: Map<string, Touch | 'mixed' | null>;
}

/** The plugins a district has switched off, as a list, a set and a key naming the set. */
interface Disabled {
  list: string[];
  set: Set<string>;
  key: string;
}

/** Districts whose switched-off plugins are kept at once; anonymous callers may name any. */
const SITES_KEPT = 1_000;

type Named = DefinitionNode & { name?: { value: string }; fields?: readonly FieldDefinitionNode[] };

/**
 * Plugin gating: which types and fields belong to which plugin (from the supergraph's @tag),
 * which plugins each district has on (from the platform's switches), and from those, whether
 * an operation may run for a district and what that district's introspection shows.
 */
export class PluginGate {
  private typePlugin = new Map<string, string>();
  private fieldPlugin = new Map<string, string>();
  private apiDocument!: DocumentNode;
  private api!: GraphQLSchema;
  private switches = new Map<string, Map<string, SwitchState>>();
  private views = new Map<string, GraphQLSchema>();
  private ids: string[] = [];
  private readings = new WeakMap<DocumentNode, DocumentReading>();
  private disabledBySite = new Map<string | null, Disabled>();

  constructor(supergraphSdl: string) {
    this.load(supergraphSdl);
  }

  load(supergraphSdl: string): void {
    const supergraph = parse(supergraphSdl);
    this.typePlugin.clear();
    this.fieldPlugin.clear();
    for (const definition of supergraph.definitions as Named[]) {
      const typeName = definition.name?.value;
      if (!typeName) continue;
      const owner = pluginTag(definition as never);
      if (owner) this.typePlugin.set(typeName, owner);
      for (const field of definition.fields ?? []) {
        const fieldOwner = pluginTag(field as never);
        if (fieldOwner) this.fieldPlugin.set(`${typeName}.${field.name.value}`, fieldOwner);
      }
    }
    this.ids = [...new Set([...this.typePlugin.values(), ...this.fieldPlugin.values()])].sort();
    this.apiDocument = transformSupergraphToPublicSchema(supergraph);
    this.api = buildASTSchema(this.apiDocument, { assumeValidSDL: true });
    this.views.clear();
    this.readings = new WeakMap();
    this.disabledBySite.clear();
  }

  /** Every plugin the supergraph has. */
  plugins(): string[] {
    return this.ids;
  }

  /** Replaces every switch (on start and after a reconnect). */
  reset(states: SwitchState[]): void {
    this.switches.clear();
    this.disabledBySite.clear();
    for (const s of states) this.apply(s);
  }

  /** Applies one switch unless an equal or newer one is already known. Returns whether it changed anything. */
  apply(state: SwitchState): boolean {
    let district = this.switches.get(state.district);
    if (!district) {
      district = new Map();
      this.switches.set(state.district, district);
    }
    const current = district.get(state.plugin);
    if (current && current.version >= state.version) return false;
    district.set(state.plugin, state);
    this.disabledBySite.delete(state.district);
    return true;
  }

  enabled(site: string | null, plugin: string): boolean {
    return site !== null && this.switches.get(site)?.get(plugin)?.enabled === true;
  }

  disabledFor(site: string | null): string[] {
    return this.disabledOf(site).list;
  }

  /** Asked twice a request: kept per district until one of its switches changes. */
  private disabledOf(site: string | null): Disabled {
    let disabled = this.disabledBySite.get(site);
    if (!disabled) {
      const list = this.plugins().filter((p) => !this.enabled(site, p));
      disabled = { list, set: new Set(list), key: list.join(',') };
      if (this.disabledBySite.size >= SITES_KEPT) this.disabledBySite.clear();
      this.disabledBySite.set(site, disabled);
    }
    return disabled;
  }

  /**
   * The first plugin the operation touches that the district has not enabled, as an error.
   * Decided once per document and set of switched-off plugins (districts with the same set
   * share it); a switch changes the district's set, and so the decision it gets.
   */
  check(document: DocumentNode, site: string | null) {
    const disabled = this.disabledOf(site);
    if (disabled.list.length === 0) return null;
    const reading = this.reading(document);
    let decision = reading.decisions.get(disabled.key);
    if (decision === undefined) {
      decision = reading.mixed
        ? 'mixed'
        : (reading.touches.find((t) => disabled.set.has(t.plugin)) ?? null);
      reading.decisions.set(disabled.key, decision);
    }
    if (decision === null) return null;
    // The engines answer introspection from the district's pruned schema only when it stands
    // alone; mixed with data it would run against the whole graph and show the switched-off plugins.
    if (decision === 'mixed') {
      return appError(
        ErrorCode.BAD_REQUEST,
        `district ${site ?? '(none)'} has plugins switched off: ask for __schema or __type in an operation of its own, not beside data fields`,
        {
          rule: 'introspection-alone',
          district: site,
        },
      );
    }
    return this.refusal(decision, site);
  }

  /**
   * What a document touches does not depend on the caller or the switches, only on the
   * supergraph: read once per parsed document (the engines keep parsed documents by source,
   * so a repeated operation arrives as the same object) instead of walking it on every request.
   */
  private reading(document: DocumentNode): DocumentReading {
    let reading = this.readings.get(document);
    if (!reading) {
      reading = {
        mixed: document.definitions.some(
          (d) => d.kind === Kind.OPERATION_DEFINITION && rootKind(document, d) === 'mixed',
        ),
        touches: this.touches(document),
        decisions: new Map(),
      };
      this.readings.set(document, reading);
    }
    return reading;
  }

  /** Each plugin the document touches, with where it first does, in document order. */
  private touches(document: DocumentNode): Touch[] {
    const typeInfo = new TypeInfo(this.api);
    const first = new Map<string, string>();
    const { fieldPlugin, typePlugin } = this;
    const ownerOfType = (name: string | undefined) => (name ? typePlugin.get(name) : undefined);
    const note = (plugin: string | undefined, where: string) => {
      if (plugin && !first.has(plugin)) first.set(plugin, where);
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          if (!parent) return;
          const where = `${parent.name}.${node.name.value}`;
          note(
            fieldPlugin.get(where) ?? ownerOfType(type ? getNamedType(type).name : undefined),
            where,
          );
        },
        InlineFragment(node) {
          if (node.typeCondition)
            note(
              ownerOfType(node.typeCondition.name.value),
              `... on ${node.typeCondition.name.value}`,
            );
        },
        FragmentDefinition(node) {
          note(
            ownerOfType(node.typeCondition.name.value),
            `fragment on ${node.typeCondition.name.value}`,
          );
        },
        NamedType(node) {
          note(ownerOfType(node.name.value), node.name.value);
        },
      }),
    );
    return [...first].map(([plugin, where]) => ({ plugin, where }));
  }

  private refusal(refused: { plugin: string; where: string }, site: string | null) {
    return appError(
      ErrorCode.PLUGIN_DISABLED,
      site
        ? `${refused.where} belongs to the plugin "${refused.plugin}", which district ${site} has not enabled`
        : `${refused.where} belongs to the plugin "${refused.plugin}"; name a district (x-cppcc-district) that has enabled it`,
      { plugin: refused.plugin, district: site },
    );
  }

  /** 'only' when every root field is introspection, 'mixed' when some are. */
  introspection(document: DocumentNode, operationName?: string | null): 'only' | 'mixed' | 'none' {
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName
      ? operations.find((o) => o.name?.value === operationName)
      : operations[0];
    return operation ? rootKind(document, operation) : 'none';
  }

  /** The API schema without the types and fields of plugins the district has not enabled. */
  schemaFor(site: string | null): GraphQLSchema {
    const disabled = this.disabledFor(site);
    const key = disabled.join(',');
    let schema = this.views.get(key);
    if (!schema) {
      schema = this.prune(new Set(disabled));
      this.views.set(key, schema);
    }
    return schema;
  }

  async introspect(
    site: string | null,
    document: DocumentNode,
    variables?: Record<string, unknown> | null,
    operationName?: string | null,
  ): Promise<ExecutionResult> {
    return execute({
      schema: this.schemaFor(site),
      document,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
    });
  }

  private prune(disabled: Set<string>): GraphQLSchema {
    if (disabled.size === 0) return this.api;
    const goneType = (name: string) => disabled.has(this.typePlugin.get(name) ?? '');
    const pruned = visit(this.apiDocument, {
      enter: (node) => {
        if (
          'name' in node &&
          node.name &&
          (node.kind === Kind.OBJECT_TYPE_DEFINITION ||
            node.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
            node.kind === Kind.ENUM_TYPE_DEFINITION ||
            node.kind === Kind.INTERFACE_TYPE_DEFINITION ||
            node.kind === Kind.UNION_TYPE_DEFINITION ||
            node.kind === Kind.SCALAR_TYPE_DEFINITION)
        ) {
          if (goneType(node.name.value)) return null;
          if ('fields' in node && node.kind === Kind.OBJECT_TYPE_DEFINITION) {
            const fields = (node.fields ?? []).filter((f) => {
              const owner = this.fieldPlugin.get(`${node.name.value}.${f.name.value}`);
              return !(owner && disabled.has(owner)) && !goneType(namedTypeOf(f.type));
            });
            if (fields.length === 0) return null;
            return { ...node, fields };
          }
        }
        return undefined;
      },
    });
    return buildASTSchema(pruned, { assumeValidSDL: true });
  }
}

/** Whether an operation's root fields, fragments followed, are all, some or none introspection. */
export function rootKind(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): 'only' | 'mixed' | 'none' {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const names: string[] = [];
  const seen = new Set<string>();
  const collect = (selections: readonly SelectionNode[]) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) names.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet.selections);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) collect(fragment.selectionSet.selections);
      }
    }
  };
  collect(operation.selectionSet.selections);
  if (!names.some((n) => n === '__schema' || n === '__type')) return 'none';
  return names.every((n) => n.startsWith('__')) ? 'only' : 'mixed';
}

function namedTypeOf(type: FieldDefinitionNode['type']): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}
