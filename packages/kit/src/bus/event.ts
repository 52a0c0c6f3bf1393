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

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  payload: S;
  /** One line on what happened, for the event catalogue in the docs. */
  description: string;
}

/** Declares an event type with the schema its payload must satisfy. */
export function defineEvent<S extends z.ZodType>(type: string, payload: S, description: string): EventDefinition<S> {
  return { type, payload, description };
}

export type PayloadOf<E> = E extends EventDefinition<infer S> ? z.infer<S> : never;

/** Carries events between processes (or within one). Delivery is at least once. */
export interface Transport {
  readonly kind: 'memory' | 'redis';
  publish(events: BusEvent[]): Promise<void>;
  /** Each event reaches one consumer of each group, at least once. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Every event published from now on, to every tailing process (no group, no acknowledgement).
   * For state every replica must hold, such as gateways' plugin switches; a tail that falls
   * behind or reconnects does not replay history, so its owner reloads state on start.
   */
  tail(handle: (event: BusEvent) => void): Promise<Subscription>;
  /** Events not yet acknowledged by a group: waiting, or delivered and in progress. */
  backlog(group: string): Promise<number>;
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
