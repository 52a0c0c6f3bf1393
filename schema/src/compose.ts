import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, findBreakingChanges, parse, type BreakingChange } from 'graphql';
import type { ModuleDefinition } from '@cppcc/kit';
import { compositionProblems, installedPlugin } from '@cppcc/plugin-sdk';

export interface Composition {
  /** Each subgraph's SDL, by module name. */
  subgraphs: Map<string, string>;
  supergraph: string;
  /** The schema clients see (no federation directives). */
  api: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
}

export function printSubgraph(module: ModuleDefinition): string {
  return `${printSubgraphSchema(module.schema).trim()}\n`;
}

/** Composes the supergraph from the modules' own schemas (printed from code, not fetched). */
export function compose(modules: ModuleDefinition[]): Composition {
  const subgraphs = new Map(modules.map((m) => [m.name, printSubgraph(m)]));
  const result = composeServices(
    modules.map((m) => ({
      name: m.name,
      url: routingUrl(m),
      typeDefs: parse(subgraphs.get(m.name)!),
    })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  const supergraph = `${result.supergraphSdl.trim()}\n`;
  // The plugin rules that only the composed graph can show (the SDK's, as the core suite asserts them).
  const problems = modules.flatMap((m) => {
    const plugin = installedPlugin(m.name);
    return plugin ? compositionProblems(supergraph, plugin.manifest) : [];
  });
  if (problems.length) throw new CompositionError(problems);
  return { subgraphs, supergraph, api: `${result.publicSdl.trim()}\n` };
}

/** What a change of API schema would break for existing clients, in plain words. */
export function breakingChanges(previousApi: string, nextApi: string): string[] {
  return findBreakingChanges(buildSchema(previousApi), buildSchema(nextApi)).map(describe);
}

/**
 * The changes that break clients and are not declared: against the schema as last composed, and
 * — when the last commit has one — against the committed schema too, since a change to what was
 * never committed (a scaffold's example type replaced before its first commit) breaks no client.
 */
export function undeclaredBreakingChanges(apis: {
  previous: string | null;
  committed: string | null;
  next: string;
  declared: string[];
}): string[] {
  if (!apis.previous) return [];
  const sinceCommit = apis.committed ? new Set(breakingChanges(apis.committed, apis.next)) : null;
  return breakingChanges(apis.previous, apis.next).filter(
    (b) => (!sinceCommit || sinceCommit.has(b)) && !apis.declared.includes(b),
  );
}

function describe(change: BreakingChange): string {
  return `${change.type}: ${change.description}`;
}

/** Where the gateway reaches a module when nothing overrides it: its own port on this machine. */
export function routingUrl(module: ModuleDefinition): string {
  return `http://127.0.0.1:${module.port}/graphql`;
}
