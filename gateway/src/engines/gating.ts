import { CALLER_HEADER, type Caller } from '@cppcc/kit';

/** The request's district view, from the caller the gateway signed onto it. */
export function siteFromCallerHeader(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const caller = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Caller;
    return caller.site ?? caller.district ?? null;
  } catch {
    return null;
  }
}

export { CALLER_HEADER };
