import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coreModules } from '@cppcc/installation';
import { compose } from '@cppcc/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATIONS, startStack, supergraphPath, type Stack } from './harness.js';

const memberFields = `{ __type(name: "Member") { fields { name } } }`;

describe.each(CONFIGURATIONS)(
  'gateway lifecycle via $name',
  ({ engine, settings: configuration }) => {
    let stack: Stack;
    let file: string;
    beforeAll(async () => {
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cppcc-sg-')), 'supergraph.graphql');
      fs.copyFileSync(supergraphPath, file);
      stack = await startStack({ engine, settings: configuration, supergraphPath: file });
    });
    afterAll(async () => {
      await stack?.stop();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });

    it('answers /healthz and /readyz', async () => {
      const base = stack.gateway.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // A load balancer polls readiness: on a loaded machine the first plugin-switch load may
      // still be retrying when the gateway starts listening, and readiness says so until it lands.
      let ready = await fetch(`${base}/readyz`);
      let body = await ready.json();
      for (let tries = 0; ready.status !== 200 && tries < 40; tries++) {
        await new Promise((r) => setTimeout(r, 250));
        ready = await fetch(`${base}/readyz`);
        body = await ready.json();
      }
      expect({ status: ready.status, body }).toMatchObject({ status: 200 });
      const subgraphs = body.subgraphs;
      expect(Object.keys(subgraphs).sort()).toEqual([...stack.modules.keys()].sort());
      expect(Object.values(subgraphs).every((s) => s === 'up')).toBe(true);
    });

    it('reloads the supergraph when its file changes, without failing requests in flight', async () => {
      const names = async () =>
        (
          await stack.post<{ __type: { fields: { name: string }[] } }>({ query: memberFields })
        ).body.data!.__type.fields.map((f) => f.name);
      expect(await names()).toContain('consultations');

      let stop = false;
      const failures: unknown[] = [];
      let answered = 0;
      const traffic = (async () => {
        while (!stop) {
          const r = await stack.post({ query: '{ districts { code } }' });
          if (r.status !== 200 || r.body.errors) failures.push(r.body);
          else answered++;
        }
      })();

      // Without the consultation subgraph, Member.consultations is gone from the graph.
      const smaller = compose(coreModules.filter((m) => m.name !== 'consultation')).supergraph;
      fs.writeFileSync(
        file,
        smaller.replace(/url: "http:\/\/127\.0\.0\.1:\d+\/graphql"/g, (m) => m),
      );
      const deadline = Date.now() + 5000;
      while ((await names()).includes('consultations')) {
        if (Date.now() > deadline) throw new Error('supergraph was not reloaded');
        await new Promise((r) => setTimeout(r, 50));
      }
      stop = true;
      await traffic;
      expect(failures).toEqual([]);
      expect(answered).toBeGreaterThan(0);
      expect(await names()).not.toContain('consultations');
    });

    it('reports not ready when a subgraph is down, and still answers from the others', async () => {
      fs.copyFileSync(supergraphPath, file);
      await stack.gateway.reload();
      await stack.modules.get('consultation')!.stop();
      stack.modules.delete('consultation');
      const base = stack.gateway.url.replace(/\/graphql$/, '');
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).subgraphs.consultation).toMatch(/unreachable/);

      const r = await stack.post<{ member: { name: string } | null }>({
        query: '{ member(id: "1") { name consultations { nodes { title } } } }',
      });
      expect(r.body.data?.member?.name).toBeTruthy();
      expect(r.body.errors?.length).toBeGreaterThan(0);
    });
  },
);
