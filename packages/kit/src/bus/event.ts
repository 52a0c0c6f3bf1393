import type { z } from 'zod';

/** One fact a module tells the others, as it travels on the bus. */
export interface BusEvent<P = Record<string, unknown>> {
  /** Unique id; consumers use it to apply an event once. */
  id: string;
  type: string;
  /** Module that emitted it. */
  source: string;
  district: string | null;
  occurredAt: string;
  payload: P;
}

/** Orders bus positions: Redis stream ids (`ms-seq`) or the in-process bus's counters. */
export function comparePositions(a: string, b: string): number {
  const [am, as = 0] = a.split('-').map(Number);
  const [bm, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/** An event and where it sits on the bus. */
export interface PositionedEvent {
  position: string;
  event: BusEvent;
}

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  payload: S;
  /** One line on what happened, for the event catalogue in the docs. */
  description: string;
}

/** Declares an event type with the schema its payload must satisfy. */
export function defineEvent<S extends z.ZodType>(
  type: string,
  payload: S,
  description: string,
): EventDefinition<S> {
  return { type, payload, description };
}

export type PayloadOf<E> = E extends EventDefinition<infer S> ? z.infer<S> : never;

/** Whether the transport reaches its server; `reason` says what is wrong when it does not. */
export interface BusHealth {
  status: 'connected' | 'degraded';
  reason?: string;
}

/** Carries events between processes (or within one). Delivery is at least once. */
export interface Transport {
  readonly kind: 'memory' | 'redis';
  /**
   * Resolves once the events are on the bus. A transport whose server can lose its data
   * (Redis) answers with the epoch the events landed in (see `epoch`).
   */
  publish(events: BusEvent[]): Promise<string | void>;
  /**
   * The identity of the bus's current contents: it changes when the server lost what it held
   * (restarted empty, flushed, the stream deleted), and the relay then publishes its retained
   * window again. Absent for the in-process bus, which cannot lose events its process keeps.
   */
  epoch?(): Promise<string>;
  /** Each event reaches one consumer of each group, at least once. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Every event published from now on, to every tailing process (no group, no acknowledgement).
   * For state every replica must hold, such as gateways' plugin switches; a tail that falls
   * behind or reconnects does not replay history, so its owner reloads state on start, and
   * `onGap` (if given) runs after a reconnection during which events may have been missed.
   */
  tail(
    handle: (event: BusEvent, position: string) => void,
    onGap?: () => void,
  ): Promise<Subscription>;
  /**
   * Events after a position a tail handed out (oldest first, at most `limit`): what a live
   * subscriber that reconnects missed. Positions are the bus's own (Redis stream ids), the same
   * on every process, so a subscriber may resume on another gateway replica. Older events than
   * the bus retains are gone; `gone` says so.
   */
  history(after: string, limit: number): Promise<{ events: PositionedEvent[]; gone: boolean }>;
  /** Events not yet acknowledged by a group: waiting, or delivered and in progress. */
  backlog(group: string): Promise<number>;
  /**
   * Events on the bus not yet delivered to a group (Redis: XINFO GROUPS `lag`), or null when the
   * bus cannot tell (Redis after entries were deleted from the stream, or the group is missing).
   */
  lag(group: string): Promise<number | null>;
  health(): BusHealth;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  group: string;
  consumer: string;
  /**
   * Applies a batch of events in order. Resolving acknowledges all of them; rejecting makes
   * the transport retry them one at a time, so one bad event does not hold back the rest.
   */
  handle: (events: BusEvent[]) => Promise<void>;
}

export interface Subscription {
  stop(): Promise<void>;
}
