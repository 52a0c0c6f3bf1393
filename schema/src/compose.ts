import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, findBreakingChanges, parse, type BreakingChange } from 'graphql';
import type { ModuleDefinition } from '@cppcc/kit';

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
    modules.map((m) => ({ name: m.name, url: routingUrl(m), typeDefs: parse(subgraphs.get(m.name)!) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return { subgraphs, supergraph: `${result.supergraphSdl.trim()}\n`, api: `${result.publicSdl.trim()}\n` };
}

/** What a change of API schema would break for existing clients, in plain words. */
export function breakingChanges(previousApi: string, nextApi: string): string[] {
  return findBreakingChanges(buildSchema(previousApi), buildSchema(nextApi)).map(describe);
}

function describe(change: BreakingChange): string {
  return `${change.type}: ${change.description}`;
}

/** Where the gateway reaches a module when nothing overrides it: its own port on this machine. */
export function routingUrl(module: ModuleDefinition): string {
  return `http://127.0.0.1:${module.port}/graphql`;
}
