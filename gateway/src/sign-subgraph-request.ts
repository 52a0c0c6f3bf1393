import {
  ANONYMOUS,
  CALLER_HEADER,
  encodeCaller,
  inChildSpan,
  PROOF_HEADER,
  proveRequest,
  signCaller,
  SpanKind,
  withTraceHeaders,
  type Caller,
} from '@cppcc/kit';
import { request } from 'undici';
import { subgraphEndpoints, type SubgraphEndpoint } from './supergraph.js';

type HeaderBag = Record<string, string> | Headers | [string, string][] | undefined;

/** What a fetch to a subgraph looks like at the moment it leaves the gateway. */
export interface OutgoingFetch {
  method?: string;
  headers?: HeaderBag;
  body?: unknown;
}

/**
 * Signs one subgraph fetch: reads the caller header the engine forwarded and returns the
 * headers with a proof bound to this fetch — the subgraph named by the URL (the audience), the
 * method, the path and the exact body. A fetch to a URL the supergraph does not route to gets
 * no proof (the subgraph refuses it).
 */
export type SubgraphSigner = <T extends OutgoingFetch>(url: string, init: T) => T;

const ENCODED_ANONYMOUS = encodeCaller(ANONYMOUS);

function plainHeaders(headers: HeaderBag): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers))
    return Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function normalise(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** A signer for the subgraphs of one supergraph (its join__graph names are the audiences). */
export function subgraphSigner(secret: string, supergraphSdl: string): SubgraphSigner {
  const audiences = new Map(
    subgraphEndpoints(supergraphSdl).map((e) => [normalise(e.url), e.name]),
  );
  // Every call goes to one of a few URLs: each is read once (audience and path), not per call.
  const targets = new Map<string, { audience: string | undefined; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      let path = url;
      try {
        const u = new URL(url);
        path = `${u.pathname}${u.search}`;
      } catch {
        // Not a URL: no audience either, so it goes unsigned.
      }
      target = { audience: audiences.get(normalise(url)), path };
      if (targets.size < 1_000) targets.set(url, target);
    }
    return target;
  };
  return (url, init) => {
    const { audience, path } = targetOf(url);
    const headers = plainHeaders(init.headers);
    delete headers[PROOF_HEADER];
    if (!audience) return { ...init, headers };
    const body =
      typeof init.body === 'string' ? init.body : init.body instanceof Uint8Array ? init.body : '';
    const encoded = headers[CALLER_HEADER] || ENCODED_ANONYMOUS;
    headers[CALLER_HEADER] = encoded;
    headers[PROOF_HEADER] = proveRequest(encoded, secret, {
      audience,
      method: init.method ?? 'POST',
      path,
      body,
    });
    return { ...init, headers };
  };
}

/**
 * @apollo/gateway: signs every fetch of a RemoteGraphQLDataSource, wrapping whatever fetcher
 * it has (willSendRequest runs before the body is serialised, so it cannot bind the body).
 */
export function signFetches<D extends { fetcher: (url: string, init: never) => unknown }>(
  dataSource: D,
  sign: SubgraphSigner,
): D {
  // Apollo's fetcher type is node-fetch's; the request it is handed is what OutgoingFetch reads.
  const inner = dataSource.fetcher as unknown as (url: string, init: OutgoingFetch) => unknown;
  dataSource.fetcher = ((url: string, init: OutgoingFetch) =>
    inner(url, sign(url, init))) as unknown as D['fetcher'];
  return dataSource;
}

/** Hive Gateway runtime: an onFetch plugin that signs each subgraph fetch as it goes out. */
export function signingPlugin(sign: SubgraphSigner) {
  return {
    onFetch({
      url,
      options,
      setOptions,
    }: {
      url: string;
      options: OutgoingFetch;
      setOptions: (o: never) => void;
    }) {
      setOptions(sign(url, options) as never);
    },
  };
}

/** The gateway itself, when it asks a subgraph for what it needs (district tree, registry, plugin switches, health). */
export const SYSTEM: Caller = {
  userId: 'gateway',
  memberId: null,
  district: null,
  roles: [],
  districts: [],
};

/** What the gateway's own asks read of an answer: read whole, so no socket waits on a body. */
export interface SubgraphAnswer {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
}

/**
 * One signed POST of the gateway's own to a subgraph (as SYSTEM). Through undici's request
 * rather than fetch: the registry asks this on a request whenever a member's or unit's entry is
 * not in its cache, and fetch's web streams cost the request more than the call itself.
 */
export async function askSubgraph(
  endpoint: SubgraphEndpoint,
  secret: string,
  body: { query: string; variables?: Record<string, unknown> },
  timeoutMs = 5000,
): Promise<SubgraphAnswer> {
  const text = JSON.stringify(body);
  const path = new URL(endpoint.url);
  // Traced like the engines' fetches when asked during a request (the district tree); polling on a timer is not.
  return inChildSpan(
    `POST ${endpoint.name}`,
    SpanKind.CLIENT,
    { 'cppcc.subgraph': endpoint.name, 'http.request.method': 'POST', 'url.full': endpoint.url },
    async (span) => {
      const response = await request(endpoint.url, {
        method: 'POST',
        headers: withTraceHeaders({
          'content-type': 'application/json',
          ...signCaller(SYSTEM, secret, {
            audience: endpoint.name,
            method: 'POST',
            path: `${path.pathname}${path.search}`,
            body: text,
          }),
        }),
        body: text,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.body.text();
      const status = response.statusCode;
      span?.setAttribute('http.response.status_code', status);
      return {
        status,
        ok: status >= 200 && status < 300,
        json: async () => JSON.parse(answer) as unknown,
      };
    },
  );
}
