import { pino, type Logger } from 'pino';
import { processSettings } from './config.js';

export type { Logger };

/** Longest string value a log field keeps, and the longest line ever written. */
export const LOG_STRING_LIMIT = 2000;
export const LOG_LINE_LIMIT = 16 * 1024;

/**
 * A copy of a log object with long strings cut (a 50 KB argument, a whole SQL statement),
 * long lists shortened and deep nesting summarised: one request makes one bounded line.
 */
export function boundForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > LOG_STRING_LIMIT
      ? `${value.slice(0, LOG_STRING_LIMIT)}… [${value.length} chars]`
      : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 6) return '[nested]';
  // An error is bounded after pino's serializer has made it plain (below).
  if (value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const items = value.slice(0, 50).map((v) => boundForLog(v, depth + 1));
    return value.length > 50 ? [...items, `… ${value.length - 50} more`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value).slice(0, 100))
    out[key] = boundForLog(inner, depth + 1);
  return out;
}

/** The last resort: a line still over LOG_LINE_LIMIT is replaced by its level, head and size. */
function boundLine(line: string): string {
  if (line.length <= LOG_LINE_LIMIT) return line;
  const level = /"level":"(\w+)"/.exec(line)?.[1] ?? 'info';
  return `${JSON.stringify({ level, time: new Date().toISOString(), msg: 'log line cut', chars: line.length, head: line.slice(0, LOG_STRING_LIMIT) })}\n`;
}

/** Structured JSON logs on stdout; one child logger per module. */
export const rootLogger: Logger = pino({
  level: processSettings().logLevel,
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (object) => boundForLog(object) as Record<string, unknown>,
  },
  serializers: { err: (err: Error) => boundForLog(pino.stdSerializers.err(err)) },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((a) => (typeof a === 'string' ? boundForLog(a) : a)) as Parameters<typeof method>,
      );
    },
    streamWrite: boundLine,
  },
});

export function moduleLogger(module: string): Logger {
  return rootLogger.child({ module });
}
