import { apolloEngine } from './apollo.js';
import type { Engine, EngineKind, EngineOptions } from './engine.js';
import { hiveEngine } from './hive.js';

export type { Engine, EngineKind, EngineOptions } from './engine.js';
export { ENGINES } from './engine.js';

/**
 * The default is Hive's runtime: faster in our side-by-side benchmark (docs/benchmarks.md)
 * and MIT-licensed. GATEWAY_ENGINE=apollo switches back without touching anything else.
 */
export const DEFAULT_ENGINE: EngineKind = 'hive';

export function createEngine(kind: EngineKind, options: EngineOptions): Promise<Engine> {
  return kind === 'apollo' ? apolloEngine(options) : hiveEngine(options);
}
