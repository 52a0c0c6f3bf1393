import { CALLER_HEADER, type Caller } from '@cppcc/kit';

/** The caller the gateway signed onto the request, read back by the engines' plugins. */
export function callerFromHeader(value: string | null | undefined): Caller | null {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Caller;
  } catch {
    return null;
  }
}

/** The request's district view, from the caller the gateway signed onto it. */
export function siteFromCallerHeader(value: string | null | undefined): string | null {
  const caller = callerFromHeader(value);
  return caller ? (caller.site ?? caller.district ?? null) : null;
}

export { CALLER_HEADER };
