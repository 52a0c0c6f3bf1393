import { fromGlobalId, inputError, markNode, nodeInterface, type RequestContext } from '@cppcc/kit';
import { builder } from '../builder.js';
import { MemberRef } from './member.js';

/**
 * `node(id)` and `nodes(ids)`: one subgraph must know every type a global id can name, so that
 * the gateway learns the record's type here and fetches its fields from the module that owns
 * it (whose reference lookup applies that type's visibility). The platform already knows the
 * installation, so it holds them: for each node type of the other modules a stub with only the
 * key (`nodeStubs`).
 */
const Node = nodeInterface(builder);
const MAX_NODES = 100;

interface NodeStub {
  __typename: string;
  id: string;
}

/** The node types `node` may answer with, for this platform's installation. */
let served = new Set<string>();
const stubbed = new Set<string>(['Member']);
markNode(builder, MemberRef);

/**
 * Declares the node types of the installed modules (before the schema is built). A stub is an
 * entity with its key alone; the owner answers every other field. Stubs of an earlier call stay
 * declared (Pothos adds types, never removes them), but only this call's types are answered.
 */
export function nodeStubs(types: readonly string[]): void {
  served = new Set(types);
  for (const name of types) {
    if (stubbed.has(name)) continue;
    stubbed.add(name);
    const ref = builder.objectRef<NodeStub>(name).implement({
      fields: (t) => ({ id: t.exposeID('id') }),
    });
    markNode(builder, ref);
    builder.asEntity(ref, {
      key: builder.selection<{ id: string }>('id'),
      resolveReference: (key) => ({ __typename: name, id: key.id }),
    });
  }
}

function stubOf(id: string, field: string): NodeStub | null {
  const global = fromGlobalId(id);
  if (!global)
    throw inputError(
      field,
      'global-id',
      `"${id}" is not a global id (an \`id\` this graph answered)`,
    );
  return served.has(global.type) ? { __typename: global.type, id } : null;
}

builder.queryFields((t) => ({
  node: t.field({
    type: Node,
    nullable: true,
    description:
      '按编号取记录 The record a global id names, whatever its type, as that type’s own lookup shows it to the caller: null when it does not exist or the caller may not see it (the two are not told apart). Select its fields with `... on Type`. An id that is not a global id is BAD_USER_INPUT (rule `global-id`).',
    args: {
      id: t.arg.id({ required: true, description: 'A global id (any `id` field of this graph).' }),
    },
    resolve: (_root, { id }) => stubOf(String(id), 'id'),
  }),
  nodes: t.field({
    type: [Node],
    nullable: { list: false, items: true },
    description: `按编号取多条记录 The records the global ids name, in the same order, each null where \`node(id)\` would be null; at most ${MAX_NODES} ids.`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global ids (at most ${MAX_NODES}).`,
      }),
    },
    resolve: (_root, { ids }, _ctx: RequestContext) => {
      if (ids.length > MAX_NODES)
        throw inputError('ids', 'max', `at most ${MAX_NODES} ids, got ${ids.length}`);
      return ids.map((id, i) => stubOf(String(id), `ids.${i}`));
    },
  }),
}));
