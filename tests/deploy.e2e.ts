import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnvironment } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';

/**
 * Static checks of what deploys the platform; nothing here needs a Docker daemon or a cluster.
 * The Kubernetes manifests are validated against the Kubernetes JSON schemas that ship in the
 * `kubernetes-models` package (their schemas accept unknown fields, so the rules below check the
 * parts that matter to us by hand); the compose file by docker-compose itself (`config -q`
 * needs no daemon); the Dockerfile by dockerfilelint.
 */
const root = path.resolve(__dirname, '..');
const k8sDir = path.join(root, 'deploy/k8s');
const roles = Object.keys(
  Object.fromEntries(
    [
      ...fs
        .readFileSync(path.join(root, 'scripts/role.ts'), 'utf8')
        .matchAll(/^\s+'?([a-z-]+)'?: '\.{1,2}\//gm),
    ].map((m) => [m[1], true]),
  ),
);

/** A container as the tests read it from a Deployment's or a Job's pod template. */
interface Container {
  args: string[];
  ports: { name: string }[];
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  lifecycle: { preStop: { exec: { command: string[] } } };
  securityContext: { runAsNonRoot: boolean };
  envFrom: { secretRef?: { name: string } }[];
}

/**
 * The parts of a manifest's spec the tests read, of the kinds that have them: a pod template
 * (Deployment, Job), a scale target (HorizontalPodAutoscaler), selectors and rules (NetworkPolicy).
 */
interface K8sSpec {
  template: {
    metadata: { labels: Record<string, string> };
    spec: { containers: Container[]; terminationGracePeriodSeconds: number };
  };
  scaleTargetRef: { name: string };
  podSelector: {
    matchLabels: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values: string[] }[];
  };
  ingress: { from: unknown[]; ports?: unknown[] }[];
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  /** Absent from a Secret or a ConfigMap; the tests read it only of the kinds above. */
  spec: K8sSpec;
  stringData?: Record<string, string>;
}

/** A compose service as the tests read it (the services they read these of have them). */
interface ComposeService {
  command: string[];
  healthcheck: { test: string[] };
  depends_on: Record<string, { condition: string }>;
}

function manifests(): { file: string; object: K8sObject }[] {
  return fs
    .readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(k8sDir, file), 'utf8')).map((doc) => ({
        file,
        object: doc.toJS() as K8sObject,
      })),
    );
}

/** The kubernetes-models class for an apiVersion and kind (e.g. apps/v1 Deployment). */
async function model(
  apiVersion: string,
  kind: string,
): Promise<new (data: unknown) => { validate(): void }> {
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const mod = (await import(`kubernetes-models/${group}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  if (!mod[kind]) throw new Error(`no schema for ${apiVersion} ${kind}`);
  return mod[kind];
}

const containersOf = (o: K8sObject): Container[] => o.spec?.template?.spec?.containers ?? [];

describe('Kubernetes manifests (deploy/k8s)', () => {
  const all = manifests();

  it('every object is valid against the Kubernetes schema', async () => {
    expect(all.length).toBeGreaterThan(10);
    for (const { file, object } of all) {
      const Model = await model(object.apiVersion, object.kind);
      expect(
        () => new Model(object).validate(),
        `${file}: ${object.kind}/${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('the kustomization lists every file', () => {
    const kustomization = parse(
      fs.readFileSync(path.join(k8sDir, 'kustomization.yaml'), 'utf8'),
    ) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(
      [...new Set(all.map((m) => m.file))].sort(),
    );
  });

  const deployments = all.filter((m) => m.object.kind === 'Deployment').map((m) => m.object);

  it('runs the gateway, every subgraph and the plugin host, each by its role', () => {
    expect(deployments.map((d) => containersOf(d)[0].args[0]).sort()).toEqual([
      'consultation',
      'gateway',
      'members',
      'organization',
      'platform',
      'plugin-host',
      'proposals',
    ]);
    for (const d of deployments) expect(roles).toContain(containersOf(d)[0].args[0]);
  });

  it('probes readiness on /readyz and liveness on /healthz, and gives shutdown its deadline', () => {
    for (const d of deployments) {
      const [c] = containersOf(d);
      expect(c.readinessProbe.httpGet.path, d.metadata.name).toBe('/readyz');
      expect(c.livenessProbe.httpGet.path, d.metadata.name).toBe('/healthz');
      const preStop = Number(c.lifecycle.preStop.exec.command[1]);
      // The pod must outlive the preStop pause plus the processes' 10 s graceful-shutdown deadline.
      expect(
        d.spec.template.spec.terminationGracePeriodSeconds,
        d.metadata.name,
      ).toBeGreaterThanOrEqual(preStop + 10);
      expect(c.securityContext.runAsNonRoot).toBe(true);
      expect(c.envFrom.map((e) => e.secretRef?.name).filter(Boolean)).toEqual(['cppcc-secrets']);
    }
  });

  it('autoscales the gateway and every subgraph', () => {
    const scaled = all
      .filter((m) => m.object.kind === 'HorizontalPodAutoscaler')
      .map((m) => m.object.spec.scaleTargetRef.name);
    expect(scaled.sort()).toEqual(deployments.map((d) => d.metadata.name).sort());
  });

  it('migrates in a Job, and the processes do not migrate on start', () => {
    const job = all.find((m) => m.object.kind === 'Job')!.object;
    expect(containersOf(job)[0].args).toEqual(['migrate']);
    const config = all.find((m) => m.object.kind === 'ConfigMap')!.object as unknown as {
      data: Record<string, string>;
    };
    expect(config.data.MIGRATE_ON_START).toBe('false');
    expect(config.data.NODE_ENV).toBe('production');
  });

  it('keeps secrets in a Secret', () => {
    const secret = all.find((m) => m.object.kind === 'Secret')!.object;
    expect(Object.keys(secret.stringData!).sort()).toEqual([
      'DATABASE_URL',
      'GATEWAY_SECRET',
      'JWT_SECRET',
    ]);
  });

  it('lets only the gateway reach the subgraphs', () => {
    const policy = all.find(
      (m) =>
        m.object.kind === 'NetworkPolicy' &&
        m.object.spec.podSelector.matchLabels['app.kubernetes.io/component'] === 'subgraph',
    )!.object;
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }] },
    ]);
    for (const d of deployments.filter((x) => x.metadata.name !== 'gateway')) {
      expect(d.spec.template.metadata.labels['app.kubernetes.io/component'], d.metadata.name).toBe(
        'subgraph',
      );
    }
  });

  it("lets Prometheus in the monitoring namespace scrape /metrics on each pod's http port", () => {
    const policy = all.find(
      (m) =>
        m.object.kind === 'NetworkPolicy' && m.object.metadata.name === 'metrics-from-monitoring',
    )!.object;
    expect(policy.spec.podSelector).toEqual({
      matchExpressions: [
        { key: 'app.kubernetes.io/component', operator: 'In', values: ['gateway', 'subgraph'] },
      ],
    });
    expect(policy.spec.ingress).toHaveLength(1);
    const [rule] = policy.spec.ingress;
    // One peer with both selectors: Prometheus pods in the monitoring namespace (two peers would let either in).
    expect(rule.from).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      },
    ]);
    // /metrics is served on every process's `http` port (the plugin host's other ports repeat the same registry).
    expect(rule.ports).toEqual([{ port: 'http' }]);
    for (const d of deployments) {
      expect(['gateway', 'subgraph'], d.metadata.name).toContain(
        d.spec.template.metadata.labels['app.kubernetes.io/component'],
      );
      expect(
        containersOf(d)[0].ports.map((p) => p.name),
        d.metadata.name,
      ).toContain('http');
    }
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(fs.readFileSync(path.join(root, 'deploy/compose.yaml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, ComposeService> };

  it('is a valid compose file (docker-compose config -q)', () => {
    const run = spawnSync('docker-compose', ['-f', 'deploy/compose.yaml', 'config', '-q'], {
      cwd: root,
      encoding: 'utf8',
      env: childEnvironment({
        GATEWAY_SECRET: 'compose-check-secret-0123456789',
        JWT_SECRET: 'compose-check-secret-0123456789',
        JWT_ISSUER: 'https://id.example',
        POSTGRES_PASSWORD: 'check',
      }),
    });
    if (run.error)
      expect.fail(
        `docker-compose is not installed (apt-get install docker-compose): ${run.error.message}`,
      );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs PostgreSQL, Redis, migrate, every subgraph, the plugin host and two gateways, each after what it needs is healthy', () => {
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(
      [
        'consultation',
        'gateway-1',
        'gateway-2',
        'members',
        'migrate',
        'organization',
        'platform',
        'plugin-host',
        'postgres',
        'proposals',
        'redis',
      ].sort(),
    );
    for (const name of [
      'organization',
      'members',
      'proposals',
      'consultation',
      'platform',
      'plugin-host',
    ]) {
      expect(s[name].healthcheck, name).toBeDefined();
      expect(s[name].depends_on, name).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
      expect(roles).toContain(s[name].command[0]);
    }
    expect(s.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const g of ['gateway-1', 'gateway-2'])
      expect(s[g].healthcheck.test.join(' ')).toContain('/readyz');
    expect(
      Object.values(s['gateway-1'].depends_on).every((d) => d.condition === 'service_healthy'),
    ).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

  it('passes dockerfilelint', () => {
    const run = spawnSync(path.join(root, 'node_modules/.bin/dockerfilelint'), ['Dockerfile'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('Issues: None found');
    expect(run.status).toBe(0);
  });

  it('builds in one stage and runs from another, as a non-root user, with production dependencies only', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/ENTRYPOINT \["node", "dist\/scripts\/role.js"\]/);
  });
});
