import { fromGlobalId } from './global-id.js';
import { GraphQLError } from 'graphql';

/**
 * Stable `extensions.code` values. Clients branch on these, so a code, once shipped,
 * keeps its meaning.
 */
export const ErrorCode = {
  /** The HTTP request itself is unreadable (a body that is not JSON). */
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  GATEWAY_PROOF_REQUIRED: 'GATEWAY_PROOF_REQUIRED',
  UNKNOWN_DISTRICT: 'UNKNOWN_DISTRICT',
  /** A lookup missed while the module's copy of another module's records is still filling after installation; `extensions.replica` names it. Retry. */
  REPLICA_NOT_READY: 'REPLICA_NOT_READY',
  CROSS_DISTRICT: 'CROSS_DISTRICT',
  CONFLICT: 'CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** A field of a plugin the request's district has not enabled; `extensions.plugin` names it. */
  PLUGIN_DISABLED: 'PLUGIN_DISABLED',
  /** Too many anonymous writes from one address; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The member or unit a token names does not exist, is not active, or is not of the token's district. */
  CALLER_NOT_IN_REGISTRY: 'CALLER_NOT_IN_REGISTRY',
  /** The registry (members/organization subgraphs) could not be asked about a signed-in caller; retry. */
  REGISTRY_UNAVAILABLE: 'REGISTRY_UNAVAILABLE',
  /** The district tree could not be loaded, and this signed-in request needs it; retry. */
  DISTRICT_DIRECTORY_UNAVAILABLE: 'DISTRICT_DIRECTORY_UNAVAILABLE',
  /** A subgraph cannot check a gateway proof now (its nonce store, Redis, is down); retry. */
  PROOF_UNVERIFIABLE: 'PROOF_UNVERIFIABLE',
  /** The write budget's store (Redis) is away and WRITE_LIMIT_ON_REDIS_FAILURE=closed; retry shortly. */
  WRITE_LIMIT_UNAVAILABLE: 'WRITE_LIMIT_UNAVAILABLE',
  /** The request body is larger than MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The request names a trusted document (`documentId`, or APQ's `persistedQuery.sha256Hash`) the gateway does not have (HTTP 400). */
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  /** The gateway runs only trusted documents for this caller (TRUSTED_DOCUMENTS), and the request sent another (HTTP 400). */
  PERSISTED_DOCUMENT_REQUIRED: 'PERSISTED_DOCUMENT_REQUIRED',
  /** A live subscription's `after` cursor is older than the bus keeps: read again, subscribe anew. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  /** More changes waited for a live subscriber than the gateway holds; it resumes with `after`. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The process is shutting down (HTTP 503 with Retry-After): send the request again. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A subgraph behind the gateway did not answer; only the fields it owns (`path`) are missing. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A subgraph took longer than the gateway's per-call timeout; only its fields (`path`) are missing. */
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function appError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** A bad input value: names the argument path and the rule it broke. */
export function inputError(field: string, rule: string, message: string): GraphQLError {
  return appError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, rule });
}

/** Says what a record's `version` field is for. */
export const RECORD_VERSION_DESCRIPTION =
  'Changes with every write; send it with the next step (a stale one is refused with CONFLICT).';
/** Says the optimistic-concurrency rule on every `version` argument of a step. */
export const VERSION_DESCRIPTION =
  "The record's version as last read; if it has changed since, the step is refused (CONFLICT, with `extensions.currentVersion`).";

/**
 * A write based on a version the record has since left (optimistic concurrency). The current
 * version travels in `extensions.currentVersion`, so a client can re-read and redo the step.
 */
export function staleVersion(what: string, current: number, sent: number): GraphQLError {
  return appError(
    ErrorCode.CONFLICT,
    `${what} changed since you read it (version ${current}, you sent ${sent})`,
    { field: 'version', currentVersion: current, sentVersion: sent },
  );
}

export function notFound(what: string, id: string | number): GraphQLError {
  return appError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist or is not visible to you`, {
    id: String(id),
  });
}

export function forbidden(message: string): GraphQLError {
  return appError(ErrorCode.FORBIDDEN, message);
}

/**
 * Reads an id argument: a global id (of `type`, when the caller names it) or, for one release,
 * the bare number ids used to be; anything else is refused with the field's name.
 */
export function parseId(value: string | number, field = 'id', type?: string): number {
  const global = fromGlobalId(value);
  if (global && type && global.type !== type)
    throw inputError(field, 'id', `"${value}" is the id of a ${global.type}, not of a ${type}`);
  const id = Number(global ? global.key : value);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw inputError(field, 'id', `"${value}" is not an id`);
  return id;
}
