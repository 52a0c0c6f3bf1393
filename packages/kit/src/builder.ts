import SchemaBuilder, {
  type ArgBuilder,
  type FieldMap,
  type InputFieldBuilder,
  type InputFieldMap,
  type InputShapeFromFields,
  type ObjectRef,
} from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { hasRole, type Role } from './caller.js';
import type { RequestContext } from './context.js';
import { ErrorCode } from './errors.js';
import {
  DEFAULT_PAGE,
  LIST_CAP,
  MAX_PAGE,
  replacedBy,
  type Page,
  type PageArgs,
  type PageFlag,
} from './pagination.js';
import './string-limits.js';
import { decodeEntityKeys } from './global-id.js';
import type { AuditEntry } from './workflow.js';
import { dateScalar, dateTimeScalar } from './date-scalars.js';
import type { Day } from './dates.js';

export interface KitTypes {
  Context: RequestContext;
  AuthScopes: {
    /** Any caller with a token. */
    authenticated: boolean;
    /** A caller who is a CPPCC member. */
    member: boolean;
    /** Committee staff of the caller's district (city staff see the districts below). */
    staff: boolean;
    role: Role;
  };
  Scalars: {
    /** A calendar day, YYYY-MM-DD. */
    Date: { Input: Day; Output: Day };
    DateTime: { Input: Date; Output: Date | string };
    ID: { Input: string; Output: string | number };
    /** Declared here, defined by the modules that use it (plugin settings). */
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

/** The schema types of every kit builder, for helpers typed against them. */
export type KitSchemaTypes = PothosSchemaTypes.ExtendDefaultTypes<KitTypes>;

/** Any field builder's `t` as an argument helper uses it: `(t: WithArgs) => ({ id: t.arg.id(…) })`. */
export interface WithArgs {
  arg: ArgBuilder<KitSchemaTypes>;
}

/** The `t` of an input type's fields, for a helper that adds the same fields to several inputs. */
export type InputFields = InputFieldBuilder<KitSchemaTypes, 'InputObject'>;

function issuePath(path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string {
  return (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
}

/**
 * Pothos plugins (registered with SchemaBuilder.registerPlugin) and their options, for a
 * builder that needs more than the kit's own: the plugin SDK adds its tagging and gating.
 */
export interface BuilderExtension {
  plugins?: string[];
  options?: Record<string, unknown>;
}

/**
 * The one Pothos builder configuration every subgraph and plugin uses. Directives must come
 * before federation: without it `@key` silently disappears from the printed SDL.
 */
export function createBuilder(extension: BuilderExtension = {}) {
  const builder = new SchemaBuilder<KitTypes>({
    // Pothos applies config hooks from the last plugin to the first: extra plugins sit after
    // federation so that what they add (tags) reaches it, and so the printed SDL.
    plugins: [
      ScopeAuthPlugin,
      DirectivesPlugin,
      FederationPlugin,
      ...((extension.plugins ?? []) as []),
      DataloaderPlugin,
      ValidationPlugin,
      'kitStringLimits',
      'kitGlobalIds',
    ],
    ...(extension.options ?? {}),
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (ctx) => ({
        authenticated: ctx.caller.userId !== null,
        member: ctx.caller.memberId !== null,
        staff: hasRole(ctx.caller, 'staff'),
        role: (role: Role) => hasRole(ctx.caller, role),
      }),
      unauthorizedError: (_parent, ctx, info) =>
        new GraphQLError(
          ctx.caller.userId === null
            ? `${info.parentType.name}.${info.fieldName} needs a signed-in caller`
            : `${info.parentType.name}.${info.fieldName} is not allowed for your roles`,
          {
            extensions: {
              code: ctx.caller.userId === null ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN,
            },
          },
        ),
    },
    validation: {
      validationError: (result) => {
        const issue = result.issues[0];
        const field = issuePath(issue?.path) || 'input';
        return new GraphQLError(`${field}: ${issue?.message ?? 'is invalid'}`, {
          extensions: {
            code: ErrorCode.BAD_USER_INPUT,
            field,
            // A kit rule (e.g. the title rule) names itself in its issue's params.
            ...ruleOf(issue),
            issues: result.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
          },
        });
      },
    },
  });

  builder.scalarType('Date', dateScalar);
  builder.scalarType('DateTime', dateTimeScalar);
  builder.queryType({
    description:
      "查询 What a client may read. Lists show only what the caller may see: public records to anyone, the rest to those who work for the record's district.",
  });
  return builder;
}

/** The one description of the Mutation root, which every subgraph and plugin declares. */
export const MUTATION_DESCRIPTION =
  '操作 What a client may change. Each mutation says who may call it and which state allows the step; a refusal carries a stable `extensions.code`.';

export type Builder = ReturnType<typeof createBuilder>;

/** A builder's subgraph schema, as every subgraph and plugin serves it (global ids decoded at `_entities`). */
export function toSubgraphSchema(builder: Builder) {
  return decodeEntityKeys(
    builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
  );
}

/** `{ rule }` when a validation issue names the rule it broke (zod's `params.rule`). */
function ruleOf(issue: unknown): { rule?: string } {
  const rule = (issue as { params?: { rule?: unknown } } | undefined)?.params?.rule;
  return typeof rule === 'string' ? { rule } : {};
}

const flag = (f: PageFlag) => (typeof f === 'function' ? f() : f);

const pageInfoRefs = new WeakMap<Builder, ReturnType<typeof definePageInfo>>();

function definePageInfo(builder: Builder) {
  return builder.objectRef<Page<unknown>['pageInfo']>('PageInfo').implement({
    description:
      '分页 Where a page of a list stands: whether more follow, and its first and last cursors.',
    shareable: true,
    fields: (t) => ({
      hasNextPage: t.boolean({
        description:
          'More items follow this page: ask again with `after: endCursor` (paging backward, items at or after `before`).',
        resolve: (info) => flag(info.hasNextPage),
      }),
      hasPreviousPage: t.boolean({
        description:
          'More items come before this page: ask again with `last` and `before: startCursor` (paging forward, items at or before `after`).',
        resolve: (info) => flag(info.hasPreviousPage),
      }),
      startCursor: t.exposeString('startCursor', {
        nullable: true,
        description:
          "The first item's cursor (pass it as `before` for the page before); null when the page is empty.",
      }),
      endCursor: t.exposeString('endCursor', {
        nullable: true,
        description:
          "The last item's cursor (pass it as `after` for the next page); null when the page is empty.",
      }),
    }),
  });
}

/** The one `PageInfo` type of a builder, for a connection type not made by `connectionType`. */
export function pageInfoType(builder: Builder) {
  let pageInfo = pageInfoRefs.get(builder);
  if (!pageInfo) {
    pageInfo = definePageInfo(builder);
    pageInfoRefs.set(builder, pageInfo);
  }
  return pageInfo;
}

/** `<Name>Connection` and `<Name>Edge` types for a cursor-paginated list of `node`. */
export function connectionType<T>(
  builder: Builder,
  name: string,
  node: ObjectRef<KitSchemaTypes, T>,
) {
  const pageInfo = pageInfoType(builder);
  const edge = builder.objectRef<Page<T>['edges'][number]>(`${name}Edge`).implement({
    description: `One ${name} in a page, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description:
          'Opaque; pass it as `after` to continue after this item, or as `before` to page back from it.',
      }),
      node: t.expose('node', { type: node, description: `The ${name}.` }),
    }),
  });
  const info = pageInfo;
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    description: `A page of ${name} items in id order: \`first\`/\`after\` forward, \`last\`/\`before\` backward (at most 1000, default 20; cursors from this list).`,
    fields: (t) => ({
      edges: t.field({
        type: [edge],
        description: 'The items with their cursors.',
        resolve: (page) => page.edges,
      }),
      nodes: t.field({
        type: [node],
        description: 'The items alone.',
        resolve: (page) => page.edges.map((e) => e.node),
      }),
      pageInfo: t.field({
        type: info,
        description: 'Whether more follow, and the cursors to ask for them.',
        resolve: (page) => page.pageInfo,
      }),
      totalCount: t.int({
        description: 'How many items the whole list has, over all pages (the same filters).',
        resolve: (page) => page.totalCount(),
      }),
    }),
  });
}

type AuditFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<KitTypes>,
  AuditEntry
>;

/**
 * The fields of one audit row (one workflow step), defined once for every history type a
 * subgraph or plugin exposes; a type that names them differently maps these.
 */
export function auditEntryFields(t: AuditFieldBuilder) {
  return {
    action: t.exposeString('action', {
      description: '操作 The workflow action the step took (the name `availableActions` offered).',
    }),
    fromState: t.exposeString('fromState', {
      nullable: true,
      description: '原状态 The state before the step; null for the step that created the record.',
    }),
    toState: t.exposeString('toState', { description: '新状态 The state the step led to.' }),
    actor: t.exposeString('actor', {
      nullable: true,
      description:
        "操作人 Who took the step (the caller's user id); null for a step no signed-in user took (the system).",
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: '备注 The note given with the step, if any.',
    }),
    at: t.field({
      type: 'DateTime',
      description: '时间 When the step was taken.',
      resolve: (a) => a.at,
    }),
  };
}

/** A history type over audit rows: action, fromState, toState, actor, note, at. */
export function auditEntryType(builder: Builder, name: string, description?: string) {
  return builder
    .objectRef<AuditEntry>(name)
    .implement({ description, fields: (t) => auditEntryFields(t) });
}

/**
 * The Relay connection arguments every paginated list takes: `first`/`after` forward,
 * `last`/`before` backward (`findPage` and `loaders.page` read all four).
 */
export function pageArgs(t: WithArgs, what = 'items', size = DEFAULT_PAGE, max = MAX_PAGE) {
  return {
    first: t.arg.int({
      required: false,
      description: `At most this many ${what} from the start or after \`after\` (default ${size}, at most ${max}); not with \`last\`.`,
    }),
    after: t.arg.string({
      required: false,
      description: `Cursor of the item to start after (an \`endCursor\` or edge cursor of this list).`,
    }),
    last: t.arg.int({
      required: false,
      description: `At most this many ${what} from the end or before \`before\`, paging backward (at most ${max}); not with \`first\`.`,
    }),
    before: t.arg.string({
      required: false,
      description:
        'Cursor of the item to stop before (a `startCursor` or edge cursor of this list).',
    }),
  };
}

/** `first` on a plain list that is bounded rather than paged (read with `capped(rows, first)`). */
export function listBoundArg(t: WithArgs, what: string) {
  return {
    first: t.arg.int({
      required: false,
      description: `At most this many ${what} (default and at most ${LIST_CAP}).`,
    }),
  };
}

/** What `pagedList` needs: the list's name, its items, how to read a page of them. */
export interface PagedListSpec<Parent, Node, Args extends InputFieldMap = Record<string, never>> {
  /** The plain list's name; the connection is `<name>Connection`. */
  name: string;
  node: ObjectRef<KitSchemaTypes, Node>;
  /** The list's connection type (`connectionType`). */
  connection: ObjectRef<KitSchemaTypes, Page<Node>>;
  /** What the items are, for the page arguments' descriptions ("duty events"). */
  what: string;
  /** The connection's description. */
  description: string;
  /** The plain list's description, as it was before the connection replaced it. */
  listDescription: string;
  /** Arguments both fields take besides the page arguments (a filter such as `kind`). */
  args?: (t: WithArgs) => Args;
  /** Null where the parent's subgraph or plugin answers but this one is down (another process's field). */
  nullable?: boolean;
  /**
   * A page of the parent's items, or null (with `nullable`) where the caller gets no list at all.
   * `field` is the field asked (`<name>` or `<name>Connection`), for an access rule's error; the
   * plain list asks for its first `LIST_CAP` items.
   */
  page: (
    parent: Parent,
    args: PageArgs & InputShapeFromFields<Args>,
    ctx: RequestContext,
    field: string,
  ) => Page<Node> | null | Promise<Page<Node> | null>;
}

/**
 * A list that grows with the data, as clients get it for one release (issue 15: a bound on every
 * list): `<name>Connection` on `parent` (an object type, or the Query root), paged both ways, and
 * beside it the plain `<name>` it replaces, deprecated (`replacedBy`) and cut to its first
 * `LIST_CAP` items. Both read the same `page`, so they show the same items under the same access
 * rule.
 */
export function pagedList<Parent, Node, Args extends InputFieldMap = Record<string, never>>(
  builder: Builder,
  parent: ObjectRef<KitSchemaTypes, Parent> | 'Query',
  spec: PagedListSpec<Parent, Node, Args>,
): void {
  const connectionName = `${spec.name}Connection`;
  const nullable = spec.nullable ?? false;
  // Pothos types a resolver by conditionals on Parent and Args it cannot settle while they are
  // generic (and inferring Parent from a field builder goes too deep for TypeScript): the spec is
  // checked against the parent's ref above, the fields are built untyped here.
  const page = spec.page as (
    parent: unknown,
    args: PageArgs,
    ctx: RequestContext,
    field: string,
  ) => Promise<Page<Node> | null>;
  const fields = (t: PothosSchemaTypes.RootFieldBuilder<KitSchemaTypes, unknown>): FieldMap => {
    const extra = spec.args?.(t) ?? {};
    return {
      [spec.name]: t.field({
        type: [spec.node],
        nullable,
        description: spec.listDescription,
        deprecationReason: replacedBy(connectionName),
        args: extra,
        resolve: (async (parent: unknown, args: PageArgs, ctx: RequestContext) =>
          (await page(parent, { ...args, first: LIST_CAP }, ctx, spec.name))?.edges.map(
            (e) => e.node,
          ) ?? null) as never,
      }),
      [connectionName]: t.field({
        type: spec.connection,
        nullable,
        description: spec.description,
        args: { ...extra, ...pageArgs(t, spec.what) },
        resolve: ((parent: unknown, args: PageArgs, ctx: RequestContext) =>
          page(parent, args, ctx, connectionName)) as never,
      }),
    };
  };
  if (parent === 'Query') builder.queryFields(fields as never);
  else builder.objectFields(parent, fields as never);
}

/** Says a meeting's or session's planned day, the same on every record that has one. */
export const PLANNED_ON_DESCRIPTION = '计划日期 The day it is planned for.';
/** Says a meeting's or session's held day, null until it is held. */
export const HELD_ON_DESCRIPTION = '召开日期 The day it was held; null until it is held.';

/** What a record's `public` flag means, the same on every record that has one. */
export const PUBLIC_DESCRIPTION =
  'Shown to everyone; otherwise only to those who work for its district.';

/** A record's district, the same on every record that belongs to one (docs/architecture.md, Districts). */
export const DISTRICT_DESCRIPTION = '区县 The district whose committee it belongs to.';

/**
 * The bare code a record's `district` used to be. Kept one release under a new name so a client
 * renames one field rather than reshaping its data, then removed.
 */
export const DISTRICT_CODE_DESCRIPTION =
  "区县代码 The district's code (the same as `district { code }`).";
export const DISTRICT_CODE_DEPRECATION =
  'Use `district { code }`; this field goes in the next release.';

type DistrictCodeFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<KitTypes>,
  { district: string }
>;

/** The deprecated `districtCode` of a record whose `district` now returns the District. */
export function districtCodeField(t: DistrictCodeFieldBuilder) {
  return t.exposeID('district', {
    description: DISTRICT_CODE_DESCRIPTION,
    deprecationReason: DISTRICT_CODE_DEPRECATION,
  });
}

/**
 * A record's `district`, the District (`type`: organization's own, or another module's
 * reference to it, which is the default `resolve`), and for one release its code as
 * `districtCode`. Nullable: where organization is down only this field is lost.
 */
export function districtFields<Shape>(
  t: DistrictCodeFieldBuilder,
  type: ObjectRef<KitSchemaTypes, Shape>,
  resolve: (code: string, ctx: RequestContext) => Shape | Promise<Shape | undefined> = (code) =>
    ({ code }) as Shape,
) {
  return {
    district: t.field({
      description: DISTRICT_DESCRIPTION,
      type,
      nullable: true,
      // Pothos types a resolver's result by a conditional on Shape it cannot settle while Shape
      // is generic; callers' refs and resolvers are checked against each other above.
      resolve: (async (record: { district: string }, _args: unknown, ctx: RequestContext) =>
        (await resolve(record.district, ctx)) ?? null) as never,
    }),
    districtCode: districtCodeField(t),
  };
}

/** What `includeBelow` means, the same on every list and statistic that takes it. */
export const INCLUDE_BELOW_DESCRIPTION =
  'With district: that district and every district below it (a city with its districts). Refused without a district.';

/** The `includeBelow` argument of a list a city's report counts with the districts below. */
export function includeBelowArg(t: WithArgs) {
  return {
    includeBelow: t.arg.boolean({ required: false, description: INCLUDE_BELOW_DESCRIPTION }),
  };
}

/** The required `from`/`to` arguments of a statistics query: the period it counts. */
export function statisticsPeriodArgs(t: WithArgs) {
  return {
    from: t.arg({
      description: 'The first day of the period (inclusive).',
      type: 'Date',
      required: true,
    }),
    to: t.arg({
      description: 'The last day of the period (inclusive); not before from.',
      type: 'Date',
      required: true,
    }),
  };
}

/**
 * The `from`/`to` arguments of a list a report counts: an inclusive date range on the one date
 * that places a record in a period, which `day` names (e.g. "the day it was issued (issuedOn)").
 */
export function periodArgs(t: WithArgs, day: string) {
  return {
    from: t.arg({
      type: 'Date',
      required: false,
      description: `Only those whose ${day} is on or after this day (inclusive).`,
    }),
    to: t.arg({
      type: 'Date',
      required: false,
      description: `Only those whose ${day} is on or before this day (inclusive).`,
    }),
  };
}

/** The same `from`/`to` as fields of a list's filter input (`periodWhere` with `filter.from`/`filter.to`). */
export function periodFields(t: InputFields, day: string) {
  return {
    from: t.field({
      type: 'Date',
      required: false,
      description: `Only those whose ${day} is on or after this day (inclusive).`,
    }),
    to: t.field({
      type: 'Date',
      required: false,
      description: `Only those whose ${day} is on or before this day (inclusive).`,
    }),
  };
}
