import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '@cppcc/kit';
import { startPlatform, type Platform } from '../scripts/platform.js';

/**
 * `CPPCC_PLUGINS=eco-compensation npm start`: the plugins left out are not run, so the gateway
 * neither routes to them nor waits for them in /readyz (it answered "not ready" for a platform
 * whose banner said ready).
 */
describe('the embedded platform with CPPCC_PLUGINS narrowing the installed plugins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-narrowed-'));
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform(
      { ...readSettings({}), dataDir: dir, plugins: 'eco-compensation' },
      { modulePorts: 'free', port: 0 },
    );
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is ready, runs and routes to the chosen plugin only', async () => {
    expect(platform.modules.map((m) => m.name)).toContain('eco-compensation');
    expect(platform.modules.map((m) => m.name)).not.toContain('inter-city-exchange');
    const base = platform.gateway.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/readyz`);
    const body = await ready.json();
    expect(ready.status, JSON.stringify(body)).toBe(200);
    expect(JSON.stringify(body)).not.toContain('inter-city-exchange');
    // The skipped plugin's fields are not in the graph at all (not a call to a subgraph that is not there).
    const skipped = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ __type(name: "CooperationMechanism") { name } ecoType: __type(name: "CompensationAgreement") { name } }',
      }),
    });
    expect((await skipped.json()).data).toEqual({
      __type: null,
      ecoType: { name: 'CompensationAgreement' },
    });
  });
});
