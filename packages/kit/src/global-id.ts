import SchemaBuilder, {
  BasePlugin,
  type ObjectRef,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Builder, KitSchemaTypes } from './builder.js';
import type { RequestContext } from './context.js';

/**
 * Global ids (Relay's Global Object Identification): every object's `id` is opaque and names
 * its type, so one `node(id)` can fetch any record and an id of one type is never taken for
 * another's. The form is base64url of `Type:key` — what Relay and most GraphQL servers use, so
 * client tooling recognises it. It hides nothing from a determined caller and is not meant to:
 * what a caller may see is decided by the visibility rules, which answer null for a record that
 * is absent or hidden alike (docs/architecture.md, "Ids").
 */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TYPED_KEY = /^([A-Z][A-Za-z0-9]*):(.+)$/s;

/**
 * The type and key a global id names, or null when the value is not one. Only the canonical
 * encoding counts, so a raw id or any other string is never mistaken for one.
 */
export function fromGlobalId(value: unknown): { type: string; key: string } | null {
  if (typeof value !== 'string' || value.length < 4 || !BASE64URL.test(value)) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = TYPED_KEY.exec(text);
  if (!match || Buffer.from(text, 'utf8').toString('base64url') !== value) return null;
  return { type: match[1]!, key: match[2]! };
}

/** `value` as `type`'s global id; a value that already is one passes unchanged. */
export function asGlobalId(type: string, value: string | number): string {
  return fromGlobalId(value)?.type === type ? (value as string) : toGlobalId(type, value);
}

/** The key inside `type`'s global id; any other value unchanged (a raw key passes through). */
export function keyOf(type: string, value: unknown): unknown {
  const global = fromGlobalId(value);
  return global && global.type === type ? global.key : value;
}

/** The `Node` interface, per builder. */
const nodeInterfaces = new WeakMap<object, ReturnType<typeof defineNode>>();

function defineNode(builder: Builder) {
  return builder.interfaceRef<{ id: string | number }>('Node').implement({
    // Only the platform's `node` returns a Node; its values name their type.
    resolveType: (value) => (value as { __typename?: string }).__typename ?? null,
    description:
      '节点 Any record that can be fetched again by its id alone (Relay’s Global Object Identification): `node(id)` / `nodes(ids)`.',
    fields: (t) => ({
      id: t.exposeID('id', {
        description:
          'The global id: opaque, names the type, and is the same wherever the record appears.',
      }),
    }),
  });
}

/** The builder's `Node` interface (defined on first use). */
export function nodeInterface(builder: Builder) {
  let ref = nodeInterfaces.get(builder);
  if (!ref) {
    ref = defineNode(builder);
    nodeInterfaces.set(builder, ref);
  }
  return ref;
}

/** Makes an object type of the builder implement `Node` (its `id` is already global). */
export function markNode<T extends object>(builder: Builder, ref: ObjectRef<KitSchemaTypes, T>) {
  ref.addInterfaces([nodeInterface(builder)]);
}

/**
 * Makes `ref` a Relay node: it implements `Node`, and it is a federation entity keyed by `id`
 * whose reference `load` resolves with the same visibility as the type's own lookup — null for
 * an absent or hidden record, which `node(id)` then answers as null. `load` gets the raw key.
 */
export function nodeType<T extends object>(
  builder: Builder,
  ref: ObjectRef<KitSchemaTypes, T>,
  load: (ctx: RequestContext, id: number) => Promise<T | null | undefined> | T | null | undefined,
) {
  markNode(builder, ref);
  builder.asEntity(ref, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async ({ id }, ctx) => {
      const key = Number(id);
      if (!Number.isSafeInteger(key) || key <= 0) return null;
      return (await load(ctx, key)) ?? null;
    },
  });
}

/** The object types of a built schema that implement `Node` (what `node(id)` can return). */
export function nodeTypeNames(schema: GraphQLSchema): string[] {
  const node = schema.getType('Node');
  if (!node || !('getFields' in node) || node.constructor.name !== 'GraphQLInterfaceType')
    return [];
  return schema
    .getPossibleTypes(node as Parameters<GraphQLSchema['getPossibleTypes']>[0])
    .map((t) => t.name)
    .sort();
}

/** Marks an `id` field whose value is a natural key clients already know (a plugin's name). */
export const RAW_ID = { rawId: true } as const;

/**
 * Every object type's `id` is answered as its global id, in every subgraph and plugin, so the
 * same record has the same id whichever subgraph serves it. One place, rather than a helper on
 * each of ~90 id fields, so no type can be missed.
 */
export class GlobalIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (
      fieldConfig.name !== 'id' ||
      fieldConfig.graphqlKind !== 'Object' ||
      fieldConfig.type.kind !== 'Scalar' ||
      scalarName(fieldConfig.type.ref) !== 'ID' ||
      (fieldConfig.extensions as { rawId?: boolean } | undefined)?.rawId
    )
      return resolver;
    const type = fieldConfig.parentType;
    const encode = (value: unknown) =>
      typeof value === 'string' || typeof value === 'number' ? asGlobalId(type, value) : value;
    return (parent, args, context, info) => {
      const value = resolver(parent, args, context, info) as unknown;
      return value instanceof Promise ? value.then(encode) : encode(value);
    };
  }
}

const scalarName = (ref: unknown) =>
  typeof ref === 'string' ? ref : (ref as { name?: string } | null)?.name;

/**
 * Representations reach `_entities` with global ids (the owner answered them); the resolvers
 * behind them, and every field of an entity another subgraph owns, read the raw key as before.
 */
export function decodeEntityKeys(schema: GraphQLSchema): GraphQLSchema {
  const entities = schema.getQueryType()?.getFields()._entities;
  const inner = entities?.resolve;
  if (!entities || !inner) return schema;
  entities.resolve = (source, args: { representations: Record<string, unknown>[] }, ctx, info) =>
    inner(
      source,
      {
        ...args,
        representations: args.representations.map((r) =>
          typeof r.__typename === 'string' && 'id' in r
            ? { ...r, id: keyOf(r.__typename, r.id) }
            : r,
        ),
      },
      ctx,
      info,
    );
  return schema;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      kitGlobalIds: GlobalIdPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('kitGlobalIds', GlobalIdPlugin);
