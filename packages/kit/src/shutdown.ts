import type http from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode } from './errors.js';
import { sendError } from './http.js';
import type { Logger } from './log.js';

/** Seconds a client refused during shutdown is told to wait (another replica, or this one restarted, answers then). */
const RETRY_AFTER_SECONDS = 1;

export interface Drain {
  /** True from the moment shutdown begins: readiness answers 503 from then on. */
  readonly draining: boolean;
  /**
   * Call first for every request. While draining it answers 503 with Retry-After (and closes the
   * connection) and returns false; otherwise it counts the request until its response ends.
   */
  admit(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /**
   * Stops taking requests and waits for those in flight (at most `deadlineMs`): each keep-alive
   * connection is closed once its request is answered, idle ones at once; what still runs at the
   * deadline is cut. Resolves with how many were cut.
   */
  close(deadlineMs: number): Promise<{ cut: number }>;
}

/**
 * Graceful shutdown for one HTTP server. `server.closeAllConnections()` alone would cut requests
 * in flight; this refuses new ones with 503 and lets the running ones answer first.
 */
export function drainable(server: http.Server, log: Logger): Drain {
  let draining = false;
  const running = new Set<http.ServerResponse>();
  const busy = new Map<Socket, number>();
  let idle: (() => void) | null = null;

  return {
    get draining() {
      return draining;
    },
    admit(req, res) {
      if (draining) {
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        res.setHeader('connection', 'close');
        sendError(
          res,
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
          'the server is shutting down; send the request again',
        );
        return false;
      }
      running.add(res);
      const socket = req.socket;
      busy.set(socket, (busy.get(socket) ?? 0) + 1);
      const finish = () => {
        if (!running.delete(res)) return;
        const left = (busy.get(socket) ?? 1) - 1;
        if (left > 0) busy.set(socket, left);
        else {
          busy.delete(socket);
          // A keep-alive connection goes once its request is answered: the client's next request opens a new one.
          if (draining) setImmediate(() => socket.destroySoon());
        }
        if (running.size === 0) idle?.();
      };
      res.once('finish', finish);
      res.once('close', finish);
      return true;
    },
    async close(deadlineMs) {
      draining = true;
      // Answers not started yet tell the client the connection ends with them.
      for (const res of running) if (!res.headersSent) res.setHeader('connection', 'close');
      server.closeIdleConnections();
      if (running.size > 0) {
        log.info(
          { inFlight: running.size, deadlineMs },
          'shutting down: letting requests in flight finish',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadlineMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const cut = running.size;
      if (cut > 0)
        log.warn({ cut, deadlineMs }, 'shutdown deadline passed: requests still running were cut');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}
