import { consultation } from '@cppcc/consultation';
import type { ModuleDefinition } from '@cppcc/kit';
import { members } from '@cppcc/members';
import { organization } from '@cppcc/organization';
import { proposals } from '@cppcc/proposals';

/** The core subgraphs, in the order they appear in the supergraph. */
export const coreModules: ModuleDefinition[] = [organization, members, proposals, consultation];

/** Every module the supergraph is composed from. Installed plugins join this list. */
export function installedModules(): ModuleDefinition[] {
  return [...coreModules];
}

/** Where the gateway reaches a module when nothing overrides it: its own port on this machine. */
export function routingUrl(module: ModuleDefinition): string {
  return `http://127.0.0.1:${module.port}/graphql`;
}
