import type { MessagePort } from 'node:worker_threads';
import type { BusEvent, SubscribeOptions, Subscription, Transport } from './event.js';

/**
 * The in-process bus across worker threads: one broker (a transport in the main thread, the
 * in-process one by default) serves each worker over a MessagePort, and the worker's
 * `portTransport` forwards every call to it. Consumers' handlers stay in their worker and the
 * broker calls them over the port, so the broker's guarantees hold unchanged: a publish resolves
 * when every group's consumers, in whichever thread, have applied the events (read-your-writes),
 * one consumer of a group at a time, retries, backlog and lag as the broker counts them.
 */

type Request =
  | { op: 'publish'; events: BusEvent[] }
  | { op: 'history'; after: string; limit: number }
  | { op: 'backlog'; group: string }
  | { op: 'lag'; group: string }
  | { op: 'subscribe'; sub: number; group: string; consumer: string }
  | { op: 'unsubscribe'; sub: number }
  | { op: 'tail'; sub: number }
  | { op: 'untail'; sub: number }
  // Broker to worker: a batch for the consumer `sub`.
  | { op: 'handle'; sub: number; events: BusEvent[] };

type Message =
  | { kind: 'request'; id: number; request: Request }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'tailed'; sub: number; event: BusEvent; position: string };

/** Requests and replies over one port, in both directions. */
function endpoint(port: MessagePort, serve: (request: Request) => Promise<unknown>) {
  let next = 0;
  let closed = false;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const onTailed = new Map<number, (event: BusEvent, position: string) => void>();

  function fail(reason: string) {
    closed = true;
    for (const p of pending.values()) p.reject(new Error(reason));
    pending.clear();
  }

  port.on('message', (message: Message) => {
    if (message.kind === 'reply') {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) p?.resolve(message.value);
      else p?.reject(new Error(message.error));
    } else if (message.kind === 'tailed') {
      onTailed.get(message.sub)?.(message.event, message.position);
    } else {
      serve(message.request).then(
        (value) => !closed && port.postMessage({ kind: 'reply', id: message.id, ok: true, value }),
        (err: unknown) =>
          !closed &&
          port.postMessage({
            kind: 'reply',
            id: message.id,
            ok: false,
            error: err instanceof Error ? err.message : String(err),
          }),
      );
    }
  });
  // The other side went away (its thread ended): nothing pending will be answered.
  port.on('close', () => fail('the bus port closed'));

  return {
    onTailed,
    get closed() {
      return closed;
    },
    request<T>(request: Request): Promise<T> {
      if (closed) return Promise.reject(new Error('the bus port is closed'));
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        port.postMessage({ kind: 'request', id, request } satisfies Message);
      });
    },
    post(message: Message) {
      if (!closed) port.postMessage(message);
    },
    close() {
      fail('the bus port is closed');
      port.close();
    },
  };
}

/**
 * Serves `broker` to the worker at the other end of `port`. `close` ends what the worker
 * subscribed (its consumers leave their groups; events they did not acknowledge stay for others).
 */
export function serveTransport(broker: Transport, port: MessagePort): { close(): Promise<void> } {
  const subscriptions = new Map<number, Subscription>();
  const stopAll = async () => {
    const all = [...subscriptions.values()];
    subscriptions.clear();
    for (const s of all) await s.stop();
  };
  const end = endpoint(port, async (request) => {
    switch (request.op) {
      case 'publish':
        return broker.publish(request.events);
      case 'history':
        return broker.history(request.after, request.limit);
      case 'backlog':
        return broker.backlog(request.group);
      case 'lag':
        return broker.lag(request.group);
      case 'subscribe': {
        const { sub } = request;
        subscriptions.set(
          sub,
          await broker.subscribe({
            group: request.group,
            consumer: request.consumer,
            handle: (events) => end.request({ op: 'handle', sub, events }),
          }),
        );
        return;
      }
      case 'tail':
        subscriptions.set(
          request.sub,
          await broker.tail((event, position) =>
            end.post({ kind: 'tailed', sub: request.sub, event, position }),
          ),
        );
        return;
      case 'unsubscribe':
      case 'untail': {
        const s = subscriptions.get(request.sub);
        subscriptions.delete(request.sub);
        await s?.stop();
        return;
      }
      default:
        throw new Error(`the bus broker does not serve ${request.op}`);
    }
  });
  // A worker that ended without unsubscribing leaves its groups, so the others get its events.
  port.on('close', () => void stopAll());
  return {
    async close() {
      await stopAll();
      end.close();
    },
  };
}

/**
 * A worker's transport: every call goes to the broker at the other end of `port`. It reports
 * itself as the in-process bus because it keeps that bus's semantics (a mutation's answer waits
 * until its events were applied).
 */
export function portTransport(port: MessagePort): Transport {
  const handlers = new Map<number, SubscribeOptions['handle']>();
  let nextSub = 0;
  const end = endpoint(port, async (request) => {
    if (request.op !== 'handle') throw new Error(`a worker does not serve ${request.op}`);
    const handle = handlers.get(request.sub);
    // Stopped in the meantime: refusing leaves the batch unacknowledged for another consumer.
    if (!handle) throw new Error('the consumer stopped');
    await handle(request.events);
  });

  return {
    kind: 'memory',
    async publish(events) {
      return end.request<string | undefined>({ op: 'publish', events });
    },
    async subscribe(options): Promise<Subscription> {
      const sub = nextSub++;
      handlers.set(sub, options.handle);
      await end.request({
        op: 'subscribe',
        sub,
        group: options.group,
        consumer: options.consumer,
      });
      return {
        async stop() {
          handlers.delete(sub);
          if (!end.closed) await end.request({ op: 'unsubscribe', sub });
        },
      };
    },
    async tail(handle) {
      const sub = nextSub++;
      end.onTailed.set(sub, handle);
      await end.request({ op: 'tail', sub });
      return {
        async stop() {
          end.onTailed.delete(sub);
          if (!end.closed) await end.request({ op: 'untail', sub });
        },
      };
    },
    history(after, limit) {
      return end.request({ op: 'history', after, limit });
    },
    backlog(group) {
      return end.request({ op: 'backlog', group });
    },
    lag(group) {
      return end.request({ op: 'lag', group });
    },
    health() {
      return end.closed
        ? { status: 'degraded' as const, reason: 'the bus broker (main thread) is gone' }
        : { status: 'connected' as const };
    },
    async close() {
      end.close();
    },
  };
}
