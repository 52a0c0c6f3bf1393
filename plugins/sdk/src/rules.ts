import { Kind, parse, type ConstDirectiveNode, type DefinitionNode } from 'graphql';
import type { PluginManifest } from './manifest.js';
import { sdkRangeProblem } from './version.js';

/*
 * The rules a plugin keeps, in one place. definePlugin applies the manifest's when the plugin
 * loads; the composer (schema:compose, schema:check, every start) applies the composed ones to
 * the supergraph; the core suite asserts through these same functions, so a plugin that passes
 * composition passes the suite, with the same messages.
 */

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

/** What is wrong with a manifest on its own (empty when nothing is). */
export function manifestProblems(manifest: PluginManifest): string[] {
  const problems: string[] = [];
  if (!ID_PATTERN.test(manifest.id)) problems.push(`id "${manifest.id}" must be kebab-case`);
  if (!VERSION_PATTERN.test(manifest.version))
    problems.push(`version "${manifest.version}" must be x.y.z`);
  if (!manifest.title.zh || !manifest.title.en) problems.push('title needs both zh and en');
  const sdk = manifest.sdk === undefined ? null : sdkRangeProblem(manifest.sdk);
  if (sdk) problems.push(sdk);
  for (const [name, permission] of Object.entries(manifest.permissions)) {
    if (!permission.roles.length) problems.push(`permission ${name} names no role`);
  }
  const demo = manifest.demo;
  if (demo) {
    // The demo shows what the plugin does and what a district without it sees.
    if (demo.enabledIn.length < 2)
      problems.push('demo.enabledIn must name at least two districts (the city and one below it)');
    if (!demo.disabledIn?.length)
      problems.push('demo.disabledIn must name at least one district (shown switched off)');
    const both = demo.enabledIn.filter((d) => demo.disabledIn?.includes(d));
    if (both.length) problems.push(`demo names ${both.join(', ')} both enabled and disabled`);
  }
  return problems;
}

/** `extends` against what the schema does: exactly the core entities the plugin adds fields to. */
export function extendsProblem(
  id: string,
  declared: readonly string[],
  extended: readonly string[],
): string | null {
  const [a, b] = [[...declared].sort(), [...extended].sort()];
  if (a.join() === b.join()) return null;
  return `plugin ${id}: extends lists [${a.join(', ')}] but its schema adds fields to [${b.join(', ')}] (list exactly the core entities it adds fields to; one it only refers to is not listed)`;
}

type Definition = DefinitionNode & {
  name?: { value: string };
  directives?: readonly ConstDirectiveNode[];
  fields?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[];
};

const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? [])
    .filter(
      (d) =>
        d.name.value === name &&
        !d.arguments?.some(
          (a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value,
        ),
    )
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .map((v) => (v?.kind === Kind.ENUM ? v.value : ''));
const tagged = (directives: readonly ConstDirectiveNode[] | undefined, tag: string) =>
  (directives ?? []).some(
    (d) =>
      d.name.value === 'tag' &&
      d.arguments?.some((a) => a.value.kind === Kind.STRING && a.value.value === tag),
  );

/** The supergraph's enum value for a subgraph name. */
export const graphName = (id: string) => id.toUpperCase().replace(/-/g, '_');

/**
 * What is wrong with a plugin in a composed supergraph: an entity in `extends` it adds no field
 * to; anything only it contributes (its types, their fields, fields it adds to shared types)
 * without its tag — the gateway could not hide it from districts that have not enabled it; a
 * non-null field it adds to a type it does not own (a query, a core entity).
 */
export function compositionProblems(
  supergraph: string,
  manifest: Pick<PluginManifest, 'id' | 'extends'>,
): string[] {
  const graph = graphName(manifest.id);
  const tag = `plugin/${manifest.id}`;
  const problems: string[] = [];
  const definitions = parse(supergraph).definitions as Definition[];
  for (const entity of manifest.extends) {
    const type = definitions.find((d) => d.name?.value === entity);
    const own = (type?.fields ?? []).filter((f) =>
      graphsOf(f.directives, 'join__field').includes(graph),
    );
    if (!own.length)
      problems.push(`plugin ${manifest.id}: extends lists ${entity} but adds no field to it`);
  }
  const missing: string[] = [];
  for (const d of definitions) {
    if (!d.name || !('directives' in d)) continue;
    const owners = graphsOf(d.directives, 'join__type');
    if (!owners.includes(graph)) continue;
    const alone = owners.length === 1;
    if (alone && !tagged(d.directives, tag)) missing.push(d.name.value);
    for (const f of d.fields ?? []) {
      const fieldOwners = graphsOf(f.directives, 'join__field');
      const ownsField = alone
        ? fieldOwners.length === 0 || fieldOwners.every((g) => g === graph)
        : fieldOwners.length > 0 && fieldOwners.every((g) => g === graph);
      if (ownsField && !tagged(f.directives, tag)) missing.push(`${d.name.value}.${f.name.value}`);
    }
  }
  if (missing.length)
    problems.push(
      `plugin ${manifest.id}: ${missing.join(', ')} lack @tag(name: "${tag}") (define them on pluginBuilder("${manifest.id}"), which tags them)`,
    );
  // A non-null field on a type the plugin does not own would, when the plugin is down, null its
  // parent and the other subgraphs' fields with it. A mutation is sent alone: exempt.
  const nonNull: string[] = [];
  for (const d of definitions) {
    if (
      d.kind !== Kind.OBJECT_TYPE_DEFINITION ||
      d.name.value === 'Mutation' ||
      tagged(d.directives, tag)
    )
      continue;
    for (const f of d.fields ?? []) {
      if (
        tagged(f.directives, tag) &&
        (f as { type: { kind: Kind } }).type.kind === Kind.NON_NULL_TYPE
      )
        nonNull.push(`${d.name.value}.${f.name.value}`);
    }
  }
  if (nonNull.length)
    problems.push(
      `plugin ${manifest.id}: ${nonNull.join(', ')} must be nullable (a field on a type it does not own: non-null, an outage of the plugin would null the parent; add nullable: true)`,
    );
  return problems;
}
