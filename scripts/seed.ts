import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTransport,
  OutboxEventSchema,
  processSettings,
  startModule,
  systemEm,
  type RunningModule,
} from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';
import pg from 'pg';
import { progressBar } from './progress.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log(
    'npm run seed -- --scale N   replace the data with N× the demo data (SQLite in DATA_DIR, or DATABASE_URL)',
  );
  process.exit(0);
}
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
  console.error('--scale: must be a whole number from 1 to 1000');
  process.exit(2);
}

const settings = processSettings();
const modules = installedModules();
// Start from nothing: the data is replaced, not added to.
if (settings.databaseUrl) {
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  for (const m of modules) await client.query(`drop schema if exists "${m.name}" cascade`);
  await client.end();
} else {
  for (const m of modules)
    fs.rmSync(path.join(settings.dataDir, `${m.name}.sqlite`), { force: true });
}

const started = Date.now();
const transport = await createTransport(settings);
const running: RunningModule[] = [];
for (const definition of modules) {
  running.push(
    await startModule(definition, {
      settings,
      transport,
      listen: false,
      seed: { scale, progress: progressBar(`seeding ${definition.name}`) },
    }),
  );
}

// The members subgraph builds duty records from the events seeding emitted; wait for them.
const pending = async () => {
  let waiting = 0;
  for (const m of running) {
    await m.relay.kick();
    waiting += await systemEm(m.orm).count(OutboxEventSchema, { publishedAt: null });
    if (modules.find((d) => d.name === m.name)?.consumes)
      waiting += await transport.backlog(m.name);
  }
  return waiting;
};
while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 200));
for (const m of running.reverse()) await m.stop();
await transport.close();
console.log(`seeded ${scale}× the demo data in ${((Date.now() - started) / 1000).toFixed(1)} s`);
