import { readLimitSettings } from '@cppcc/kit';
import type { GraphResponse } from '@cppcc/testing';
import type { Stack } from '../harness.js';

/** The gateway as production configures it: no introspection for anonymous callers, no suggestions, one allowed origin. */
export const productionLimits = readLimitSettings(
  { CORS_ORIGINS: 'https://app.example.gov.cn' },
  true,
);

/** 10 fragments deep, each spreading the next 10 times: 10^10 paths for a walker without memo (~1 KB). */
export function fragmentBomb(levels = 10, spreads = 10): string {
  let fragments = 'fragment F0 on District { code name }\n';
  for (let i = 1; i <= levels; i++)
    fragments += `fragment F${i} on District { ${Array.from({ length: spreads }, () => `...F${i - 1}`).join(' ')} }\n`;
  return `{ districts { ...F${levels} } }\n${fragments}`;
}

/** Sends an operation that must succeed and answers its data, of the shape it selects (`TData`). */
export type Must = <TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) => Promise<TData>;

/**
 * Asking the stack's gateway as a caller: `ask` answers the response, `must` the data of an
 * operation that must succeed (it throws with the errors otherwise).
 */
export function asking(stack: () => Stack): {
  ask: <TData = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ) => Promise<GraphResponse<TData>>;
  must: Must;
} {
  const ask = async <TData = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ) => (await stack().post<TData>({ query, variables }, { token })).body;
  const must = async <TData>(query: string, variables: Record<string, unknown>, token?: string) => {
    const body = await ask<TData>(query, variables, token);
    if (body.errors || !body.data) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  return { ask, must };
}
