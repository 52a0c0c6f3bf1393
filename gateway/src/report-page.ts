import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, sendError } from '@cppcc/kit';
import { type Ask, gatherReport, renderHtml } from '@cppcc/report';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** HTTP statuses for the codes a report's gathering can meet (the rest are the server's). */
const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

class GraphFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * `GET /report?district=CODE&from=DATE&to=DATE`: the work report's HTML draft, gathered through
 * the gateway's own `/graphql` as the caller (its token and district header forwarded), so the
 * page holds exactly what the caller's `workReport` query would — the same renderer as
 * `npm run report -- --format html`.
 */
export async function serveReportPage(
  req: IncomingMessage,
  res: ServerResponse,
  graphqlUrl: string,
): Promise<void> {
  const params = new URL(req.url ?? '/', 'http://gateway').searchParams;
  const district = params.get('district') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const below = params.get('includeBelow') ?? 'false';
  const bad = !district
    ? 'district: required (the committee, a district code)'
    : !DAY.test(from)
      ? 'from: required, a date YYYY-MM-DD'
      : !DAY.test(to)
        ? 'to: required, a date YYYY-MM-DD'
        : !['true', 'false'].includes(below)
          ? 'includeBelow: true or false'
          : null;
  if (bad) return sendError(res, 400, ErrorCode.BAD_USER_INPUT, bad);
  const forwarded: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of ['authorization', 'x-cppcc-district', 'accept-language'])
    if (typeof req.headers[name] === 'string') forwarded[name] = req.headers[name] as string;
  const ask: Ask = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: forwarded,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    if (error)
      throw new GraphFailure(
        error.message,
        error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
      );
    return body.data as T;
  };
  try {
    const html = renderHtml(
      await gatherReport(ask, { district, from, to, includeBelow: below === 'true' }),
    );
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'private, no-store');
    res.end(html);
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    sendError(res, STATUS[error.code] ?? 502, error.code, error.message);
  }
}
