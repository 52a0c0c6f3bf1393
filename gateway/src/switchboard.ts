import type { Logger, Subscription, Transport } from '@cppcc/kit';
import { pluginSwitched } from '@cppcc/events';
import type { PluginGate, SwitchState } from './plugin-gate.js';
import { askSubgraph } from './sign-subgraph-request.js';

/** The switches a gateway reads per request while loading the switchboard (the list's maximum). */
const SWITCHBOARD_PAGE = 1000;

interface SwitchPage {
  nodes: SwitchState[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Keeps a gateway's plugin switches current: loads them all from the platform subgraph, then
 * applies each `plugin.switched` event as it is published (the tail sees every event at once,
 * so every gateway instance has a change within moments). When the tail comes back after
 * Redis was away it reloads them all, and a periodic reload covers anything else missed.
 */
export class Switchboard {
  private tail: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private loaded = false;
  private stopped = false;

  constructor(
    private gate: () => PluginGate,
    private platformUrl: () => string | undefined,
    private secret: string,
    private log: Logger,
    private transport: Transport | undefined,
    private reloadMs = 60_000,
  ) {}

  async start(): Promise<void> {
    if (this.transport) {
      this.tail = await this.transport.tail(
        (event) => {
          if (event.type !== pluginSwitched.type) return;
          const parsed = pluginSwitched.payload.safeParse(event.payload);
          if (!parsed.success) return;
          const { district, plugin, enabled, version } = parsed.data;
          if (this.gate().apply({ district, plugin, enabled, version })) {
            this.log.info({ district, plugin, enabled, version }, 'plugin switch applied');
          }
        },
        () => {
          // Back from a Redis outage: switches made meanwhile were not tailed, so read them all.
          this.reload().catch((err) => {
            this.log.warn({ err }, 'plugin switches reload after a bus outage failed; retrying');
            this.retry(1000);
          });
        },
      );
    }
    await this.reload().catch((err) => {
      this.log.warn(
        { err },
        'could not load plugin switches yet; every plugin is off until they load',
      );
      this.retry(1000);
    });
    this.timer = setInterval(
      () =>
        void this.reload().catch((err) => this.log.warn({ err }, 'plugin switches reload failed')),
      this.reloadMs,
    );
    this.timer.unref();
  }

  /** Until the first load succeeds, keep trying soon rather than at the next minute. */
  private retry(delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.reload().catch(() => this.retry(Math.min(delayMs * 2, 10_000)));
    }, delayMs);
    timer.unref();
  }

  get ready(): boolean {
    return this.loaded || !this.platformUrl();
  }

  async reload(): Promise<void> {
    const url = this.platformUrl();
    if (!url) return;
    // Every page of the switchboard, so no district's switch is missed however many there are.
    for (let after: string | null = null; ; ) {
      const response = await askSubgraph({ name: 'platform', url }, this.secret, {
        query: `query ($after: String) { pluginSwitchboardConnection(first: ${SWITCHBOARD_PAGE}, after: $after) {
          nodes { district plugin enabled version } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      });
      const body = (await response.json()) as {
        data?: { pluginSwitchboardConnection: SwitchPage };
      };
      if (!body.data) throw new Error(`platform subgraph answered ${response.status}`);
      const page = body.data.pluginSwitchboardConnection;
      // Apply rather than reset: an event tailed meanwhile may be newer than this answer.
      for (const state of page.nodes) this.gate().apply(state);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    this.loaded = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.tail?.stop();
  }
}
