import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * The explorer and the landing page, served by the gateway itself for both engines.
 *
 * GraphiQL comes from @graphql-yoga/render-graphiql, which inlines the whole editor (scripts,
 * styles, workers) into one page: nothing is fetched from a CDN and nothing is reported anywhere,
 * so it works on an intranet without internet. The engines' own pages (Apollo's hosted Sandbox,
 * Yoga's unpkg GraphiQL) need the internet and are never reached: browsers are answered here.
 */

/** A preset the explorer offers as a tab: a caller whose headers a person can try. */
export interface ExplorerPreset {
  /** Tab label, e.g. "city staff". */
  label: string;
  headers: Record<string, string>;
}

export interface ExplorerOptions {
  /** The operation the explorer opens with. */
  defaultQuery: string;
  /** Callers offered as tabs (development: dev tokens and district views); empty in production. */
  presets: () => Promise<ExplorerPreset[]>;
  /** How long a rendered page (with its presets' tokens) is reused. */
  ttlMs?: number;
}

/** The README's first query: it crosses all four core subgraphs. */
export const FIRST_QUERY = `# CPPCC Graph 政协数据图 — the README's first query; press ▶ (Ctrl-Enter) to run it.
# Other tabs: the same endpoint as other callers (headers pane below).
query FirstLook {
  district(code: "341000") {
    name
    specialCommittees { name }
    members(first: 3) {
      totalCount
      nodes {
        name
        sector { name }
        committees { role committee { name } }
        proposals(first: 3) { totalCount nodes { caseNumber title status } }
        consultations(first: 3) { nodes { title form heldOn } }
      }
    }
  }
}
`;

interface Rendered {
  html: Buffer;
  gzip: Buffer;
  etag: string;
  at: number;
}

/** A browser asking for a page (not a GraphQL client asking for JSON). */
export function wantsHtml(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/html') && !/[?&](query|extensions)=/.test(req.url ?? '');
}

export function createExplorer(options: ExplorerOptions) {
  const ttlMs = options.ttlMs ?? 3_600_000;
  let cached: Rendered | null = null;

  async function render(): Promise<Rendered> {
    if (cached && Date.now() - cached.at < ttlMs) return cached;
    const presets = await options.presets();
    const tabs = [{ label: 'anonymous', headers: {} }, ...presets].map((p) => ({
      query: options.defaultQuery.replace('# CPPCC', `# [${p.label}] CPPCC`),
      headers: JSON.stringify(p.headers, null, 2),
    }));
    const html = Buffer.from(
      renderGraphiQL({
        title: 'CPPCC Graph 政协数据图 · GraphiQL',
        defaultQuery: options.defaultQuery,
        defaultTabs: tabs,
        shouldPersistHeaders: false,
        credentials: 'same-origin',
      }),
    );
    // The page is ~9 MB of inlined editor; compressed once per render, not per request.
    cached = {
      html,
      gzip: gzipSync(html, { level: 6 }),
      etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
      at: Date.now(),
    };
    return cached;
  }

  return {
    async serveExplorer(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const page = await render();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('etag', page.etag);
      res.setHeader('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === page.etag) {
        res.statusCode = 304;
        return void res.end();
      }
      res.statusCode = 200;
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.setHeader('content-encoding', 'gzip');
        return void res.end(page.gzip);
      }
      res.end(page.html);
    },
  };
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** GET /: what this endpoint is and where to go, in Chinese with English. */
export function landingPage(options: { explorer: boolean; engine: string }): string {
  const explorer = options.explorer
    ? `<li><a href="/graphql">GraphiQL 查询浏览器</a> — the explorer: write and run queries in the browser (works offline)</li>`
    : `<li>查询浏览器未开启 — the explorer is turned off on this server (setting <code>EXPLORER</code>)</li>`;
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>CPPCC Graph 政协数据图</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem}.en{color:#555}code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}a{color:#b71c1c}</style></head>
<body>
<h1>政协数据图 <span class="en">CPPCC Graph</span></h1>
<p>市政协及其区县政协的统一 GraphQL 接口：组织与党建、协商、提案、委员履职，以及各区县启用的插件。<br>
<span class="en">One GraphQL endpoint for the work of a city CPPCC committee and its district committees: organization and Party building, consultation, proposals, members' duties, and the plugins each district enables.</span></p>
<ul>
${explorer}
<li>接口地址 Endpoint: <code>POST ${esc('/graphql')}</code> (<code>application/json</code>); 匿名可读公开数据 — anonymous callers read public data; send <code>Authorization: Bearer &lt;token&gt;</code> for more.</li>
<li>区县视图 District view: header <code>x-cppcc-district: 341002</code></li>
<li>工作报告 Work report draft: <code>GET /report?district=341000&amp;from=2026-01-01&amp;to=2026-12-31</code> (HTML, as the staff token sent)</li>
<li><a href="/healthz">/healthz</a> 存活 (process up) · <a href="/readyz">/readyz</a> 就绪 (every subgraph answers)</li>
<li>文档 Docs: <code>README.md</code> and <code>docs/</code> in the source repository</li>
</ul>
<p class="en">Engine: ${esc(options.engine)}</p>
</body></html>`;
}
