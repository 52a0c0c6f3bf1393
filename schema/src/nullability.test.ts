import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const supergraphPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../supergraph.graphql',
);

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
/**
 * A mutation is sent alone (one root field per operation, as the clients do): when its
 * subgraph is down there is nothing else in the answer to save, so its fields may stay non-null.
 */
const EXEMPT = new Set(['Mutation']);

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}
function graphs(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
  skip: (d: ConstDirectiveNode) => boolean,
): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === name && !skip(d))
    .map((d) => argument(d, 'graph'))
    .map((v) => (v?.kind === Kind.ENUM ? v.value : ''));
}
const flag = (d: ConstDirectiveNode, name: string) => {
  const v = argument(d, name);
  return v?.kind === Kind.BOOLEAN && v.value;
};
const pluginTag = (directives: readonly ConstDirectiveNode[] | undefined) =>
  (directives ?? []).some(
    (d) =>
      d.name.value === 'tag' &&
      /^plugin\//.test((argument(d, 'name') as { value?: string } | undefined)?.value ?? ''),
  );

/**
 * Fields an outage of another process can take away: on an object type, every field no origin
 * subgraph of the type resolves (an entity's origin is where it is defined, not extended), and
 * every plugin-tagged field on a type or root that is not the plugin's own. Each must be nullable,
 * or one down subgraph turns its parent — up to the whole answer — into null.
 */
export function nonNullForeignFields(supergraph: string): string[] {
  const found: string[] = [];
  for (const d of parse(supergraph).definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || EXEMPT.has(d.name.value)) continue;
    const origins = graphs(d.directives, 'join__type', (j) => flag(j, 'extension'));
    const typeIsPlugins = pluginTag(d.directives);
    for (const f of d.fields ?? ([] as readonly FieldDefinitionNode[])) {
      if (f.type.kind !== Kind.NON_NULL_TYPE) continue;
      const owners = graphs(f.directives, 'join__field', (j) => flag(j, 'external'));
      const foreign =
        !ROOTS.has(d.name.value) && owners.length > 0 && !owners.some((g) => origins.includes(g));
      const plugin = pluginTag(f.directives) && !typeIsPlugins;
      if (foreign || plugin) found.push(`${d.name.value}.${f.name.value}`);
    }
  }
  return found;
}

describe('an outage costs only its own fields', () => {
  it('every field another subgraph or a plugin resolves is nullable in the committed supergraph', () => {
    expect(nonNullForeignFields(fs.readFileSync(supergraphPath, 'utf8'))).toEqual([]);
  });

  it('the check finds a non-null field an extending subgraph adds, and a non-null plugin field', () => {
    const sample = `
      type District @join__type(graph: ORG, key: "code") @join__type(graph: MEMBERS, key: "code", extension: true) {
        code: ID!
        name: String! @join__field(graph: ORG)
        memberCount: Int! @join__field(graph: MEMBERS)
        members: [String!] @join__field(graph: MEMBERS)
      }
      type Query @join__type(graph: ORG) @join__type(graph: PLUG) {
        district: District @join__field(graph: ORG)
        districts: [District!]! @join__field(graph: ORG)
        visits: [String!]! @join__field(graph: PLUG) @tag(name: "plugin/visits")
      }
      type Mutation @join__type(graph: PLUG) {
        planVisit: String! @join__field(graph: PLUG) @tag(name: "plugin/visits")
      }`;
    expect(nonNullForeignFields(sample)).toEqual(['District.memberCount', 'Query.visits']);
  });
});
