import type { Engine, EngineKind, EngineOptions } from './engine.js';

export type { Engine, EngineKind, EngineOptions } from './engine.js';
export { ENGINES } from './engine.js';

/**
 * Chosen for conformance (docs/benchmarks.md, "Federation conformance"): the Hive runtime with
 * its Rust planner (GATEWAY_PLANNER=rust, the default) passes 199 of 199 cases of the federation
 * gateway audit, @apollo/gateway 191. Apollo used somewhat less gateway CPU per request on this
 * platform's queries (same file, above). GATEWAY_ENGINE=apollo switches back without touching
 * anything else; the end-to-end tests run on apollo, hive and hive+rust.
 */
export const DEFAULT_ENGINE: EngineKind = 'hive';

/**
 * Only the engine that runs is loaded: each pulls in its own runtime (@apollo/gateway, the Hive
 * gateway runtime), and loading the one left unused cost every start time and memory
 * (docs/benchmarks.md, "Start-up").
 */
export async function createEngine(kind: EngineKind, options: EngineOptions): Promise<Engine> {
  return kind === 'apollo'
    ? (await import('./apollo.js')).apolloEngine(options)
    : (await import('./hive.js')).hiveEngine(options);
}
