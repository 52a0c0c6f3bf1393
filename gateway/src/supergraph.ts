import { parse, Kind, type EnumValueDefinitionNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The subgraphs a supergraph routes to, read from its join__Graph enum. */
export function subgraphEndpoints(supergraphSdl: string): SubgraphEndpoint[] {
  const document = parse(supergraphSdl);
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
      continue;
    for (const value of definition.values ?? []) endpoints.push(readJoinGraph(value));
  }
  return endpoints;
}

function readJoinGraph(value: EnumValueDefinitionNode): SubgraphEndpoint {
  const directive = value.directives?.find((d) => d.name.value === 'join__graph');
  const arg = (name: string) => {
    const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
    return node?.kind === Kind.STRING ? node.value : '';
  };
  return { name: arg('name'), url: arg('url') };
}

/**
 * Points subgraphs somewhere else than the committed routing URLs: `overrides` by name, then
 * `configured` by the name's environment form (settings.subgraphUrls from SUBGRAPH_URL_<NAME>,
 * e.g. SUBGRAPH_URL_MEMBERS) for deployments.
 */
export function withRoutingUrls(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
  configured: Record<string, string> = {},
): string {
  return supergraphSdl.replace(
    /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g,
    (_match, name: string, url: string) => {
      const next = overrides[name] ?? configured[name.toUpperCase().replace(/-/g, '_')] ?? url;
      return `@join__graph(name: "${name}", url: "${next}")`;
    },
  );
}
