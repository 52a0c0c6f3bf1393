import type { Caller, Logger, Subscription, Transport } from '@cppcc/kit';
import { askSubgraph } from './sign-subgraph-request.js';
import type { SubgraphEndpoint } from './supergraph.js';

interface Entry {
  exists: boolean;
  active: boolean;
  district: string | null;
}

export type RegistryVerdict =
  | { ok: true }
  | {
      ok: false;
      status: number;
      code: 'CALLER_NOT_IN_REGISTRY' | 'REGISTRY_UNAVAILABLE';
      message: string;
    };

/** Events after which what the registry said about members or units may have changed. */
const MEMBER_EVENTS = new Set(['member.registered']);
const UNIT_EVENTS = new Set(['government_unit.registered']);

/** What a look-up answers when the supergraph has no subgraph holding that registry. */
const ABSENT: Entry = Object.freeze({ exists: false, active: false, district: null });

const MEMBER_QUERY =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id status district { code } } } }';
const UNIT_QUERY =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on GovernmentUnit { id active district { code } } } }';

/**
 * Checks the member and unit a token names against the registry — the members subgraph for
 * members, organization for government units — so a token is not believed on its own: each must
 * exist, be active and belong to the token's district. Answers are cached for `ttlMs` and
 * dropped when the bus says a member or unit changed (the gateway tails every event).
 */
export class CallerRegistry {
  private cache = new Map<string, { entry: Entry; at: number }>();
  private tail: Subscription | null = null;
  private warned = new Set<string>();

  constructor(
    private endpoints: () => SubgraphEndpoint[],
    private secret: string,
    private log: Logger,
    private transport: Transport | undefined,
    private ttlMs = 60_000,
  ) {}

  async start(): Promise<void> {
    if (!this.transport) return;
    this.tail = await this.transport.tail((event) => {
      if (MEMBER_EVENTS.has(event.type)) this.forget('member:');
      if (UNIT_EVENTS.has(event.type)) this.forget('unit:');
    });
  }

  private forget(prefix: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  async stop(): Promise<void> {
    await this.tail?.stop();
  }

  private async lookup(kind: 'member' | 'unit', id: string): Promise<Entry> {
    const key = `${kind}:${id}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.entry;
    const name = kind === 'member' ? 'members' : 'organization';
    const endpoint = this.endpoints().find((e) => e.name === name);
    if (!endpoint) return ABSENT;
    const response = await askSubgraph(endpoint, this.secret, {
      query: kind === 'member' ? MEMBER_QUERY : UNIT_QUERY,
      variables: { r: [{ __typename: kind === 'member' ? 'Member' : 'GovernmentUnit', id }] },
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: {
        _entities: ({
          status?: string;
          active?: boolean;
          district?: { code: string } | null;
        } | null)[];
      };
    };
    if (!body.data) throw new Error(`${name} subgraph answered ${response.status}`);
    const found = body.data._entities[0];
    const entry: Entry = found
      ? {
          exists: true,
          active: kind === 'member' ? found.status === 'ACTIVE' : found.active === true,
          district: found.district?.code ?? null,
        }
      : { exists: false, active: false, district: null };
    this.cache.set(key, { entry, at: Date.now() });
    return entry;
  }

  /** Anonymous callers and tokens naming neither a member nor a unit need no look-up. */
  async check(caller: Omit<Caller, 'districts'>): Promise<RegistryVerdict> {
    const claims: ['member' | 'unit', string][] = [];
    if (caller.memberId) claims.push(['member', caller.memberId]);
    if (caller.unitId) claims.push(['unit', caller.unitId]);
    for (const [kind, id] of claims) {
      if (!/^[1-9][0-9]{0,15}$/.test(id))
        return refuse(`token names ${kind} ${JSON.stringify(id)}, which is not an id`);
      let entry: Entry;
      try {
        entry = await this.lookup(kind, id);
      } catch (err) {
        this.log.warn({ err: (err as Error).message, kind }, 'registry look-up failed');
        return {
          ok: false,
          status: 503,
          code: 'REGISTRY_UNAVAILABLE',
          message: `cannot check the ${kind} your token names right now; try again shortly`,
        };
      }
      if (entry === ABSENT) {
        // A supergraph without the subgraph that holds this registry (a partial composition, e.g. a
        // plugin's test fixture) cannot check the claim: it is believed, and said once in the log.
        if (!this.warned.has(kind))
          this.log.warn(
            { kind },
            `the supergraph has no subgraph holding ${kind}s; ${kind} claims in tokens are not checked`,
          );
        this.warned.add(kind);
        continue;
      }
      if (!entry.exists) return refuse(`token names ${kind} ${id}, which does not exist`);
      if (!entry.active) return refuse(`token names ${kind} ${id}, which is not active`);
      if (entry.district !== caller.district) {
        return refuse(
          `token names ${kind} ${id} of district ${entry.district ?? 'none'} with district ${caller.district ?? 'none'}`,
        );
      }
    }
    return { ok: true };
  }
}

function refuse(message: string): RegistryVerdict {
  return { ok: false, status: 403, code: 'CALLER_NOT_IN_REGISTRY', message };
}
