import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import {
  createGateway,
  signDevToken,
  type DevTokenClaims,
  type EngineKind,
  type RunningGateway,
} from '@cppcc/gateway';
import {
  childEnvironment,
  currentRequest,
  memoryTransport,
  readSettings,
  type SeedOptions,
  type Settings,
  type Transport,
} from '@cppcc/kit';
import type { Plugin } from '@cppcc/plugin-sdk';
import type { Ask } from '@cppcc/report';
import { installedModules } from '@cppcc/platform';
import { compose } from '@cppcc/schema';
import {
  dropTestDatabases,
  idsAsKeys,
  startTestModule,
  type GraphResponse,
  type TestModule,
} from '@cppcc/testing';
import { copySqlite, keepAsTemplate, snapshotFor, type Snapshot } from './stack-snapshot.js';

export const supergraphPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../schema/supergraph.graphql',
);
export const settings = readSettings({});

/**
 * What the end-to-end tests run the gateway on: each engine, and the Hive engine with each of
 * its planners (GATEWAY_PLANNER), named explicitly so a change of default moves none of them.
 */
export const CONFIGURATIONS: readonly {
  name: string;
  engine: EngineKind;
  settings: Partial<Settings>;
}[] = [
  { name: 'apollo', engine: 'apollo', settings: {} },
  { name: 'hive', engine: 'hive', settings: { gatewayPlanner: 'js' } },
  { name: 'hive+rust', engine: 'hive', settings: { gatewayPlanner: 'rust' } },
];

export interface Stack {
  gateway: RunningGateway;
  modules: Map<string, TestModule>;
  transport: Transport;
  /** The supergraph the gateway serves. */
  supergraphPath: string;
  /** SQL statements each module ran since the last `resetQueryCounts`. */
  queryCounts: Map<string, number>;
  /** The statements themselves (as MikroORM logs them), since the last `resetQueryCounts`. */
  statements: { module: string; sql: string; requestId: string }[];
  resetQueryCounts(): void;
  token(claims: DevTokenClaims): Promise<string>;
  /**
   * POSTs an operation to the gateway; returns HTTP status and parsed body, a GraphQL response
   * whose data has the shape the test names (`TData`).
   */
  post<TData = Record<string, unknown>>(
    body: unknown,
    init?: {
      token?: string;
      raw?: string;
      headers?: Record<string, string>;
      /** Global ids as the gateway sends them, rather than read back as keys (`idsAsKeys`). */
      wireIds?: boolean;
    },
  ): Promise<{
    status: number;
    body: GraphResponse<TData>;
    /** The gateway's id for the request, which the subgraphs' statements for it carry. */
    requestId: string;
  }>;
  /** Publishes every outbox and waits until `check` holds (the bus is asynchronous on Redis). */
  settle<T>(check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface StackOptions {
  databaseUrl?: string;
  transport?: Transport;
  engine?: EngineKind;
  seed?: SeedOptions | false;
  supergraphPath?: string;
  /**
   * Plugins to install instead of the configured ones; the supergraph is then composed for
   * them rather than read from schema/supergraph.graphql.
   */
  plugins?: Plugin[];
  /** Statements recorded with their values in place (to EXPLAIN them), not placeholders. */
  queryParams?: boolean;
  /** The gateway's budget of anonymous writes per client a minute (default: the settings'). */
  anonymousWritesPerMinute?: number;
  /** Settings that differ from the defaults for the modules and the gateway (e.g. routerSecret). */
  settings?: Partial<Settings>;
  /** Settings for the gateway only, over `settings` (e.g. a Redis the modules must not use). */
  gatewaySettings?: Partial<Settings>;
}

/**
 * The snapshot a stack with these options can start from (./stack-snapshot.ts): stacks with the
 * installed plugins and the 1× demo data; the settings are part of the key, since a setting may
 * change what the modules write as they start.
 */
async function snapshotForStack(options: StackOptions): Promise<Snapshot | undefined> {
  const seed = options.seed ?? { scale: 1 };
  if (options.plugins || !seed || seed.scale !== 1 || seed.progress) return undefined;
  const key = {
    databaseUrl: options.databaseUrl ?? null,
    settings: options.settings ?? {},
  };
  return snapshotFor(key, Boolean(options.databaseUrl), async (target) => {
    const built = await startStack({
      ...options,
      transport: undefined,
      snapshot: false,
      keepDatabases: true,
    });
    if (!options.databaseUrl) {
      for (const [name, m] of built.modules) {
        await m.orm.em.getConnection().execute(`vacuum into '${target.file(name)}'`);
      }
      await built.stop();
      return [...built.modules.keys()];
    }
    await built.stop();
    for (const [name, m] of built.modules) {
      await keepAsTemplate(
        options.databaseUrl,
        (m as TestModule).database!.name,
        target.template(name),
      );
    }
    return [...built.modules.keys()];
  });
}

/** Every installed module on a fresh database of its own, and a gateway in front of them. */
export async function startStack(
  options: StackOptions & {
    /** False: build from nothing even where a snapshot could serve (to make the snapshot). */
    snapshot?: boolean;
    keepDatabases?: boolean;
  } = {},
): Promise<Stack> {
  const snapshot = options.snapshot === false ? undefined : await snapshotForStack(options);
  const transport = options.transport ?? memoryTransport();
  const queryCounts = new Map<string, number>();
  const statements: { module: string; sql: string; requestId: string }[] = [];
  const modules = new Map<string, TestModule>();
  const copies: (() => void)[] = [];
  const definitions = installedModules(options.plugins);
  let composedPath: string | undefined;
  if (options.plugins) {
    composedPath = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-stack-')),
      'supergraph.graphql',
    );
    fs.writeFileSync(composedPath, compose(definitions).supergraph);
  }
  for (const definition of definitions) {
    queryCounts.set(definition.name, 0);
    let file: string | undefined;
    if (snapshot?.kind === 'sqlite' && snapshot.files[definition.name]) {
      const copy = copySqlite(snapshot.files[definition.name]);
      copies.push(copy.remove);
      file = copy.file;
    }
    const running = await startTestModule(definition, {
      settings: { ...settings, ...options.settings },
      databaseUrl: options.databaseUrl,
      ...(file ? { file } : {}),
      template: snapshot?.kind === 'postgresql' ? snapshot.templates[definition.name] : undefined,
      // Dropped together when the stack stops (below), unless kept for a snapshot.
      keepDatabase: true,
      transport,
      seed: options.seed ?? { scale: 1 },
      queryParams: options.queryParams,
      onQuery: (sql) => {
        // The relay and the consumers run beside requests; only statements a request ran count.
        const line = stripVTControlCharacters(sql);
        const request = currentRequest.getStore();
        if (request && /^\[query\]/.test(line)) {
          queryCounts.set(definition.name, (queryCounts.get(definition.name) ?? 0) + 1);
          statements.push({ module: definition.name, sql: line, requestId: request.requestId });
        }
      },
    });
    modules.set(definition.name, running);
  }
  const gateway = await createGateway({
    settings: { ...settings, ...options.settings, ...options.gatewaySettings },
    supergraphPath: options.supergraphPath ?? composedPath ?? supergraphPath,
    routingUrls: Object.fromEntries([...modules].map(([name, m]) => [name, m.url])),
    engine: options.engine,
    transport,
    port: 0,
    watchIntervalMs: 100,
    anonymousWritesPerMinute: options.anonymousWritesPerMinute,
  });
  const stack: Stack = {
    gateway,
    supergraphPath: options.supergraphPath ?? composedPath ?? supergraphPath,
    modules,
    transport,
    queryCounts,
    statements,
    resetQueryCounts: () => {
      for (const name of queryCounts.keys()) queryCounts.set(name, 0);
      statements.length = 0;
    },
    token: (claims) => signDevToken(settings, claims),
    async post(body, init = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        body: init.raw ?? JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* kept as text */
      }
      // The gateway answers GraphQL as JSON the schema shapes; the test names the shape it selected.
      return {
        status: response.status,
        body: (init.wireIds ? parsed : idsAsKeys(parsed)) as GraphResponse<never>,
        requestId: response.headers.get('x-request-id') ?? '',
      };
    },
    async settle(check, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const m of modules.values()) await m.relay.kick();
        const value = await check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('condition did not hold in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await gateway.stop();
      for (const m of [...modules.values()].reverse()) await m.stop();
      if (options.databaseUrl && !options.keepDatabases) {
        const names = [...modules.values()].flatMap((m) => (m.database ? [m.database.name] : []));
        await dropTestDatabases(options.databaseUrl, names);
      }
      await transport.close();
      for (const remove of copies) remove();
      if (composedPath) fs.rmSync(path.dirname(composedPath), { recursive: true, force: true });
    },
  };
  // Demo data was announced on the bus while the modules started; let it arrive.
  await stack.settle(async () => true);
  return stack;
}

/**
 * Asks the graph as `token`, the way `@cppcc/report` gathers a report: the data, or a throw
 * naming the query and its errors.
 */
export function reportAsker(stack: Stack, token: string): Ask {
  return async <T>(query: string, variables: Record<string, unknown>) => {
    const { body } = await stack.post<T>({ query, variables }, { token });
    if (body.errors?.length)
      throw new Error(`${query}: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  };
}

/**
 * Runs `npm run <args>` from the repository's root as a bench's smoke test does, in an
 * environment without vitest's markers, killed after `timeoutMs`; answers its exit and output.
 */
export function runNpmScript(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', ...args], {
      cwd: path.resolve(path.dirname(supergraphPath), '..'),
      // The benches run on SQLite and an in-process bus whatever the environment names.
      env: childEnvironment({ VITEST: '', LOG_LEVEL: 'warn' }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
