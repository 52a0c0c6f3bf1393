import { seesDistrictRows, signCaller, type Caller, type Logger } from '@cppcc/kit';

interface DistrictNode {
  code: string;
  parent: { code: string } | null;
}

/** The gateway itself, when it asks a subgraph for what it needs (district tree, plugin switches, health). */
export const SYSTEM: Caller = { userId: 'gateway', memberId: null, district: null, roles: [], districts: [] };

/**
 * The district tree, read from the organization subgraph and kept for a minute. The gateway
 * turns a caller's home district into the list of districts it may see, so subgraphs filter
 * rows without knowing the tree.
 */
export class DistrictDirectory {
  private parents = new Map<string, string | null>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private organizationUrl: () => string,
    private secret: string,
    private log: Logger,
    private ttlMs = 60_000,
  ) {}

  private async load(): Promise<void> {
    const response = await fetch(this.organizationUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(SYSTEM, this.secret) },
      body: JSON.stringify({ query: '{ districts { code parent { code } } }' }),
    });
    const body = (await response.json()) as { data?: { districts: DistrictNode[] } };
    if (!body.data) throw new Error(`organization subgraph answered ${response.status}`);
    this.parents = new Map(body.data.districts.map((d) => [d.code, d.parent?.code ?? null]));
    this.loadedAt = Date.now();
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.ttlMs && this.parents.size > 0) return;
    this.loading ??= this.load().finally(() => (this.loading = null));
    try {
      await this.loading;
    } catch (err) {
      // A stale tree is better than none; with none, callers with a district are refused.
      this.log.warn({ err }, 'could not refresh the district tree');
      if (this.parents.size === 0) throw err;
    }
  }

  async knows(code: string): Promise<boolean> {
    await this.fresh();
    return this.parents.has(code);
  }

  /** The home district and every district below it. */
  async below(code: string): Promise<string[]> {
    await this.fresh();
    const result = [code];
    for (let i = 0; i < result.length; i++) {
      for (const [child, parent] of this.parents) if (parent === result[i]) result.push(child);
    }
    return result;
  }

  async visibleDistricts(caller: Omit<Caller, 'districts'>): Promise<string[]> {
    if (!caller.district || !seesDistrictRows(caller.roles)) return [];
    return this.below(caller.district);
  }

  /** The district at the top of the tree (the city), whose view anonymous callers get by default. */
  async root(): Promise<string | null> {
    await this.fresh();
    for (const [code, parent] of this.parents) if (parent === null) return code;
    return null;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}
