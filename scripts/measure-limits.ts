/**
 * Per limit: the largest document that passes and the time to refuse the worst one, with
 * /healthz polled meanwhile. `npx tsx --conditions=@cppcc/source scripts/measure-limits.ts [apollo|hive]`
 * prints the table docs/security.md ("Limits") quotes.
 */
import type { EngineKind } from '@cppcc/gateway';
import { startStack } from '../tests/harness.js';
import { fragmentBomb, productionLimits as limits } from '../tests/security/shared.js';

const engine = (process.argv[2] ?? 'apollo') as EngineKind;
const stack = await startStack({ engine, gatewaySettings: { limits } });
const health = stack.gateway.url.replace(/graphql$/, 'healthz');

async function timed(
  body: string,
): Promise<{ status: number; code: string; ms: number; healthMs: number }> {
  let healthMs = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      await fetch(health);
      healthMs = Math.max(healthMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t = performance.now();
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  const ms = performance.now() - t;
  done = true;
  await poll;
  let code = '';
  try {
    code = JSON.parse(text).errors?.[0]?.extensions?.code ?? '';
  } catch {
    code = 'not JSON';
  }
  return { status: response.status, code, ms, healthMs };
}

const q = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
const nested = (n: number) =>
  `{ districts { ${'parent { '.repeat(n - 2)}code${' }'.repeat(n - 2)} } }`;
const pages = (n: number, fields: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `p${i}: proposals(first: 1000) { nodes { ${fields} } }`).join(' ')} }`;
/** Root fields through fragments: `levels` fragments on Query, each spreading the next `spreads` times. */
const rootBomb = (levels: number, spreads: number) => {
  let fragments = 'fragment R0 on Query { districts { code } }\n';
  for (let i = 1; i <= levels; i++)
    fragments += `fragment R${i} on Query { ${Array.from({ length: spreads }, () => `...R${i - 1}`).join(' ')} }\n`;
  return `{ ...R${levels} }\n${fragments}`;
};
const rows: [string, string, string, string][] = [
  [
    'depth',
    `MAX_DEPTH=${limits.maxDepth}`,
    q(nested(limits.maxDepth)),
    q(nested(limits.maxDepth * 60)),
  ],
  [
    'aliases',
    `MAX_ALIASES=${limits.maxAliases}`,
    q(
      `{ districts { ${Array.from({ length: limits.maxAliases }, (_, i) => `a${i}: code`).join(' ')} } }`,
    ),
    q(`{ districts { ${Array.from({ length: 1400 }, (_, i) => `a${i}: code`).join(' ')} } }`),
  ],
  [
    'directives',
    `MAX_DIRECTIVES=${limits.maxDirectives}`,
    q(`{ districts { ${'... @include(if: true) { code } '.repeat(limits.maxDirectives)} } }`),
    q(`{ districts { ${'... @include(if: true) { code } '.repeat(300)} } }`),
  ],
  [
    'tokens',
    `MAX_TOKENS=${limits.maxTokens}`,
    q(`{ ${'__typename '.repeat(limits.maxTokens - 2)}}`),
    q(`{ ${'__typename '.repeat(90_000)}}`),
  ],
  [
    'root fields',
    `MAX_ROOT_FIELDS=${limits.maxRootFields}`,
    q(
      `{ ${Array.from({ length: limits.maxRootFields }, (_, i) => `d${i}: districts { code }`).join(' ')} }`,
    ),
    q(rootBomb(10, 10)),
  ],
  [
    'cost',
    `MAX_COST=${limits.maxCost}`,
    q(pages(8, 'id title category year kind')),
    q(fragmentBomb(10, 10)),
  ],
  [
    'body',
    `MAX_BODY_BYTES=${limits.maxBodyBytes}`,
    q('{ __typename }', { pad: 'x'.repeat(limits.maxBodyBytes - 100) }),
    q('{ __typename }', { pad: 'x'.repeat(10 * 1024 * 1024) }),
  ],
];

console.log(
  `| limit | setting | largest that passes (bytes, status) | worst refused (bytes) | code | ms to refuse | slowest /healthz meanwhile (ms) |`,
);
console.log(`|---|---|---|---|---|---|---|`);
for (const [name, setting, largest, worst] of rows) {
  const pass = await timed(largest);
  const refused = await timed(worst);
  console.log(
    `| ${name} | ${setting} | ${largest.length} (${pass.status}${pass.code ? ` ${pass.code}` : ''}) | ${worst.length} | ${refused.code} (${refused.status}) | ${refused.ms.toFixed(1)} | ${refused.healthMs.toFixed(1)} |`,
  );
}
await stack.stop();
process.exit(0);
