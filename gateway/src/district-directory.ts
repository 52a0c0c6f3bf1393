import { seesDistrictRows, type Caller, type Logger } from '@cppcc/kit';
import { askSubgraph, SYSTEM } from './sign-subgraph-request.js';
import type { SubgraphEndpoint } from './supergraph.js';

export { SYSTEM };

interface DistrictNode {
  code: string;
  parent: { code: string } | null;
}

/**
 * The directory's state, as /readyz reports it:
 *  - `loaded`: a tree younger than its TTL;
 *  - `stale`: the last refresh failed, an older tree is used;
 *  - `unavailable`: no tree was ever loaded (the organization subgraph is down or answers
 *    something else); anonymous callers get the default view, signed-in ones a 503;
 *  - `absent`: the supergraph has no `organization` subgraph (a foreign supergraph): the same
 *    degraded service, for good.
 */
export type DirectoryState = 'loaded' | 'stale' | 'unavailable' | 'absent';

/**
 * The district tree, read from the organization subgraph and kept for a minute. The gateway
 * turns a caller's home district into the list of districts it may see, so subgraphs filter
 * rows without knowing the tree. It never throws: callers ask for the tree and get null when
 * there is none, and decide what that means for their request.
 */
export class DistrictDirectory {
  private parents = new Map<string, string | null>();
  private loadedAt = 0;
  private failedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private organization: () => SubgraphEndpoint | undefined,
    private secret: string,
    private log: Logger,
    private ttlMs = 60_000,
    /** After a failed load, requests do not wait on another attempt for this long. */
    private retryMs = 2_000,
  ) {}

  get state(): DirectoryState {
    if (this.parents.size === 0) return this.organization() ? 'unavailable' : 'absent';
    return Date.now() - this.loadedAt < this.ttlMs ? 'loaded' : 'stale';
  }

  private async load(endpoint: SubgraphEndpoint): Promise<void> {
    const response = await askSubgraph(endpoint, this.secret, {
      query: '{ districts { code parent { code } } }',
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: { districts?: DistrictNode[] };
    };
    if (!body.data?.districts)
      throw new Error(`organization subgraph answered ${response.status} without a district list`);
    this.parents = new Map(body.data.districts.map((d) => [d.code, d.parent?.code ?? null]));
    this.loadedAt = Date.now();
  }

  /** The tree (fresh, or stale when a refresh fails), or null when none could be had. */
  async tree(): Promise<Map<string, string | null> | null> {
    const endpoint = this.organization();
    if (!endpoint) return null;
    const fresh = Date.now() - this.loadedAt < this.ttlMs && this.parents.size > 0;
    const backingOff = Date.now() - this.failedAt < this.retryMs;
    if (!fresh && !backingOff) {
      this.loading ??= this.load(endpoint).finally(() => (this.loading = null));
      try {
        await this.loading;
      } catch (err) {
        this.failedAt = Date.now();
        // A stale tree is better than none.
        this.log.warn(
          { err: (err as Error).message, state: this.parents.size ? 'stale' : 'unavailable' },
          'could not refresh the district tree',
        );
      }
    }
    return this.parents.size > 0 ? this.parents : null;
  }

  /** The home district and every district below it, in a tree. */
  static below(parents: Map<string, string | null>, code: string): string[] {
    const result = [code];
    for (let i = 0; i < result.length; i++) {
      for (const [child, parent] of parents) if (parent === result[i]) result.push(child);
    }
    return result;
  }

  static visibleDistricts(
    parents: Map<string, string | null>,
    caller: Omit<Caller, 'districts'>,
  ): string[] {
    if (!caller.district || !seesDistrictRows(caller.roles)) return [];
    return DistrictDirectory.below(parents, caller.district);
  }

  /** The district at the top of the tree (the city), whose view anonymous callers get by default. */
  static root(parents: Map<string, string | null>): string | null {
    for (const [code, parent] of parents) if (parent === null) return code;
    return null;
  }

  invalidate(): void {
    this.loadedAt = 0;
    this.failedAt = 0;
  }
}
