import type { MixRequest } from './mix.js';

/** What one request came back as: the data, and the errors it carried (HTTP ones included). */
export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

export interface KindTally {
  requests: number;
  errors: number;
  /** The first error of this kind, to say what failed. */
  firstError?: string;
}

export interface MixLoad {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  byKind: Map<string, KindTally>;
}

/**
 * Sends the mix from `connections` concurrent callers until `seconds` pass or `maxRequests`
 * were sent, whichever comes first. A request counts as an error if it carries any error (a
 * GraphQL error, a non-2xx answer, no data, a failed connection): a benchmark of failing writes
 * would be void, so errors are counted per kind.
 */
export async function runMix(options: {
  next: () => MixRequest;
  send: (request: MixRequest) => Promise<Answer>;
  connections: number;
  seconds: number;
  maxRequests?: number;
}): Promise<MixLoad> {
  const latencies: number[] = [];
  const byKind = new Map<string, KindTally>();
  const began = performance.now();
  const end = began + options.seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (
      performance.now() < end &&
      (options.maxRequests === undefined || sent < options.maxRequests)
    ) {
      sent++;
      const request = options.next();
      const t0 = performance.now();
      let failure: string | undefined;
      try {
        const answer = await options.send(request);
        if (answer.errors?.length) failure = JSON.stringify(answer.errors[0]).slice(0, 300);
        else if (!answer.data) failure = 'no data';
        else request.answered?.(answer.data);
      } catch (err) {
        failure = (err as Error).message.slice(0, 300);
      }
      latencies.push(performance.now() - t0);
      const tally = byKind.get(request.kind) ?? { requests: 0, errors: 0 };
      tally.requests++;
      if (failure) {
        tally.errors++;
        tally.firstError ??= failure;
      }
      byKind.set(request.kind, tally);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: [...byKind.values()].reduce((s, t) => s + t.errors, 0),
    byKind,
  };
}

/** POSTs a GraphQL request; an answer that is not JSON or not 2xx is an error. */
export async function postGraphQL(
  url: string,
  body: { query: string; operationName?: string; variables: Record<string, unknown> },
  headers: Record<string, string>,
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: Answer;
  try {
    json = JSON.parse(text);
  } catch {
    return { errors: [`HTTP ${response.status}: ${text.slice(0, 200)}`] };
  }
  if (!response.ok && !json.errors?.length) json.errors = [`HTTP ${response.status}`];
  return json;
}
