import { pino, type Logger } from 'pino';
import { processSettings } from './config.js';

export type { Logger };

/** Structured JSON logs on stdout; one child logger per module. */
export const rootLogger: Logger = pino({
  level: processSettings().logLevel,
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export function moduleLogger(module: string): Logger {
  return rootLogger.child({ module });
}
