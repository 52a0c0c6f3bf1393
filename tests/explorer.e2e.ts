import fs from 'node:fs';
import path from 'node:path';
import { FIRST_QUERY } from '@cppcc/gateway';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Debian's Chromium and must run this; a developer machine without it skips, saying why.
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI installs the Debian package chromium`);

const readmeQuery = () =>
  /```graphql\n([\s\S]*?)```/.exec(
    fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8'),
  )![1];
const squash = (s: string) => s.replace(/#.*$/gm, '').replace(/\s+/g, ' ').trim();

describe.skipIf(!haveBrowser)('the explorer, offline, in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  const origin = () => new URL(stack.gateway.url).origin;

  beforeAll(async () => {
    stack = await startStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The intranet case: every host but this machine is unreachable.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens with the README first query, which the README and the explorer share', () => {
    expect(squash(FIRST_QUERY)).toBe(squash(readmeQuery()));
  });

  it('runs the first query with no request leaving 127.0.0.1, and shows its data', async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (
        ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) &&
        url.hostname !== '127.0.0.1'
      ) {
        outside.push(url.href);
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    const response = await page.goto(stack.gateway.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    // The editor holds the first query once it has loaded.
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 30_000 })
      .toContain('FirstLook');

    const direct = await stack.post<{
      district: { name: string; specialCommittees: { name: string }[] };
    }>({ query: readmeQuery() });
    expect(direct.status).toBe(200);
    const district = direct.body.data!.district;

    const answered = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        r.url() === stack.gateway.url &&
        (r.request().postData() ?? '').includes('FirstLook'),
    );
    await page.locator('.graphiql-execute-button').click();
    // What the browser got is what any client gets; the editor shows it (it renders only the lines in view).
    expect(await (await answered).json()).toEqual(direct.body);
    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain(district.name);
    const shown = await result.innerText();
    expect(shown).toContain(district.specialCommittees[0].name);
    expect(shown).not.toContain('"errors"');

    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('serves a landing page at / that links the explorer and health', async () => {
    const response = await fetch(`${origin()}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('政协数据图');
    expect(html).toContain('href="/graphql"');
    expect(html).toContain('href="/readyz"');
  });

  it('answers GraphQL clients as before on the same URL', async () => {
    const response = await fetch(
      `${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`,
      { headers: { accept: 'application/graphql-response+json' } },
    );
    expect(response.headers.get('content-type')).toContain('json');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
