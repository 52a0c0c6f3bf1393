import { apolloEngine } from './apollo.js';
import type { Engine, EngineKind, EngineOptions } from './engine.js';
import { hiveEngine } from './hive.js';

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

export function createEngine(kind: EngineKind, options: EngineOptions): Promise<Engine> {
  return kind === 'apollo' ? apolloEngine(options) : hiveEngine(options);
}
