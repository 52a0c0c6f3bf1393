import type { IncomingMessage, ServerResponse } from 'node:http';
import { CALLER_HEADER, IDEMPOTENCY_HEADER, type LimitSettings, type Logger } from '@cppcc/kit';
import type { SubgraphSigner } from '../sign-subgraph-request.js';
import type { PluginGate } from '../plugin-gate.js';
import type { ResponseCache } from '../response-cache.js';
import type { WriteLimiter } from '../write-limit.js';
import type { SubgraphFetch } from './subgraph-fetch.js';

export const ENGINES = ['hive', 'apollo'] as const;
export type EngineKind = (typeof ENGINES)[number];

/**
 * Headers the gateway sets on the incoming request (or the client's Idempotency-Key) that every
 * engine forwards to subgraphs. The proof is not among them: each subgraph fetch is signed as it leaves (`sign`).
 */
export const FORWARDED_HEADERS = [CALLER_HEADER, 'x-request-id', IDEMPOTENCY_HEADER] as const;

export interface EngineOptions {
  supergraphSdl: string;
  log: Logger;
  /** Operation limits, body size, CORS, introspection and suggestions (settings.limits). */
  limits: LimitSettings;
  /** Refuses plugin fields a district has not enabled and answers its introspection. */
  gate: PluginGate;
  /** Budgets anonymous writes per client address (null: no limit). */
  writeLimiter: WriteLimiter | null;
  /** Adds the gateway proof to each subgraph fetch, bound to that fetch. */
  sign: SubgraphSigner;
  /** Every call to a subgraph goes through this (keep-alive, timeout, retry, stable errors). */
  fetch: SubgraphFetch;
  /** Answer introspection (settings.introspection); default true. */
  introspection?: boolean;
  /** The Hive engine's query planner (GATEWAY_PLANNER); default rust. */
  planner?: 'rust' | 'js';
  /** Engine debug logs and unmasked errors (HIVE_DEBUG). */
  debug?: boolean;
  /**
   * Anonymous callers' query responses, cached (GATEWAY_RESPONSE_CACHE). The Hive engine only:
   * the Apollo engine ignores it (docs/architecture.md, "Response cache").
   */
  responseCache?: ResponseCache;
}

/** Plans and executes operations over the supergraph. The rest of the gateway does not care which. */
export interface Engine {
  readonly kind: EngineKind;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}
