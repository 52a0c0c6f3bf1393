import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CITY, THIS_YEAR } from '@cppcc/demo';
import { childEnvironment, readSettings } from '@cppcc/kit';
import { gatherReport, graphAsker } from '@cppcc/report';
import { root } from '../platform.js';
import { stepper } from '../progress.js';
import { settle } from './mix-section.js';
import { productionEnvironment, start, stop, tempDir } from './processes.js';

/**
 * The city's yearly work report (`npm run bench -- report [--quick] [--scales 1,10]`): the
 * time `gatherReport` (what `npm run report` runs) takes for the city with the districts below
 * for the report's 今年, at each scale of demo data, and the requests the gateway sent each
 * subgraph for it — counted by a proxy in front of every subgraph, so the count is what crossed
 * the network, not what the planner meant to send. Subgraphs and gateway run from source (tsx)
 * on SQLite, one process each, as `npm start` would without workers.
 */
export interface ReportBenchOptions {
  scales: number[];
  /** Reports gathered per scale after the first (the first, cold, is reported apart). */
  runs: number;
}

export interface ReportRun {
  scale: number;
  coldMs: number;
  warmMs: number[];
  /** Requests each subgraph received while one report was gathered (the last run). */
  requests: Record<string, number>;
  sections: number;
  figures: number;
}

const step = stepper('bench report');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** A proxy that forwards every request to `target` and counts them. */
function countingProxy(target: string) {
  const url = new URL(target);
  const counter = { requests: 0 };
  const server = http.createServer((req, res) => {
    counter.requests++;
    const upstream = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise<{ url: string; counter: typeof counter; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${url.pathname}`,
        counter,
        close: () => server.close(),
      });
    }),
  );
}

async function measureOne(scale: number, runs: number): Promise<ReportRun> {
  const production = productionEnvironment();
  const settings = readSettings(childEnvironment(production));
  const env = {
    ...production,
    DATA_DIR: tempDir('cppcc-bench-report-'),
    DATABASE_URL: '',
    REDIS_URL: '',
    SEED_SCALE: String(scale),
  };
  step(`${scale}×: subgraphs (tsx scripts/serve-subgraphs.ts), seeding ${scale}× the demo data`);
  const subgraphs = await start(
    [tsx, '--conditions=@cppcc/source', 'scripts/serve-subgraphs.ts'],
    env,
    /^URLS /,
  );
  const proxies: Record<string, Awaited<ReturnType<typeof countingProxy>>> = {};
  try {
    const urls: Record<string, string> = JSON.parse(subgraphs.line.slice(5));
    step(`${scale}×: waiting for the subgraph process to settle`);
    if (!(await settle(subgraphs.child.pid!, 900_000)))
      step(`${scale}×: the subgraph process did not settle in 15 minutes; measuring anyway`);
    for (const [name, url] of Object.entries(urls)) proxies[name] = await countingProxy(url);
    const urlEnv = Object.fromEntries(
      Object.entries(proxies).map(([n, p]) => [
        `SUBGRAPH_URL_${n.toUpperCase().replace(/-/g, '_')}`,
        p.url,
      ]),
    );
    step(`${scale}×: gateway (tsx gateway/src/main.ts)`);
    const gateway = await start(
      [tsx, '--conditions=@cppcc/source', 'gateway/src/main.ts'],
      { ...env, ...urlEnv, PORT: '0', LOG_LEVEL: 'info' },
      /gateway listening/,
    );
    try {
      const gatewayUrl: string = JSON.parse(gateway.line).url;
      const { signDevToken } = await import('@cppcc/gateway');
      const token = await signDevToken(settings, { roles: ['staff'], district: CITY });
      const ask = graphAsker(gatewayUrl, token);
      const period = {
        district: CITY,
        from: `${THIS_YEAR}-01-01`,
        to: `${THIS_YEAR}-12-31`,
        includeBelow: true,
      };
      const once = async () => {
        for (const p of Object.values(proxies)) p.counter.requests = 0;
        const began = performance.now();
        const doc = await gatherReport(ask, period);
        const ms = performance.now() - began;
        const requests = Object.fromEntries(
          Object.entries(proxies).map(([n, p]) => [n, p.counter.requests]),
        );
        return { ms, doc, requests };
      };
      step(`${scale}×: the city's ${THIS_YEAR} report with the districts below, cold`);
      const cold = await once();
      const warm: Awaited<ReturnType<typeof once>>[] = [];
      for (let i = 0; i < runs; i++) {
        step(`${scale}×: again (${i + 1}/${runs})`);
        warm.push(await once());
      }
      const last = warm.at(-1) ?? cold;
      return {
        scale,
        coldMs: cold.ms,
        warmMs: warm.map((w) => w.ms),
        requests: last.requests,
        sections: last.doc.sections.length,
        figures: last.doc.sections.reduce(
          (n, s) => n + s.figures.length + s.series.reduce((m, x) => m + x.points.length, 0),
          0,
        ),
      };
    } finally {
      await stop(gateway.child);
    }
  } finally {
    for (const p of Object.values(proxies)) p.close();
    await stop(subgraphs.child);
  }
}

export async function reportBenchSection(options: ReportBenchOptions) {
  const results: ReportRun[] = [];
  for (const scale of options.scales) {
    const r = await measureOne(scale, options.runs);
    step(
      `${scale}×: cold ${r.coldMs.toFixed(0)} ms, warm ${r.warmMs.map((m) => m.toFixed(0)).join(' / ')} ms, ${Object.values(r.requests).reduce((a, b) => a + b, 0)} subgraph requests`,
    );
    results.push(r);
  }
  const names = [...new Set(results.flatMap((r) => Object.keys(r.requests)))].sort();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lines = [
    `The city's ${THIS_YEAR} work report with the districts below (\`gatherReport\`, as \`npm run report -- --include-below\`), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}; SQLite, subgraphs and gateway from source in a process each; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end.`,
    '',
    `| data | sections | figures | cold ms | warm ms (median of ${options.runs}) | subgraph requests | ${names.join(' | ')} |`,
    `|---|---|---|---|---|---|${names.map(() => '---').join('|')}|`,
    ...results.map(
      (r) =>
        `| ${r.scale}× | ${r.sections} | ${r.figures} | ${r.coldMs.toFixed(0)} | ${r.warmMs.length ? median(r.warmMs).toFixed(0) : '—'} | ${Object.values(r.requests).reduce((a, b) => a + b, 0)} | ${names.map((n) => r.requests[n] ?? 0).join(' | ')} |`,
    ),
  ];
  return { lines, summary: results };
}
