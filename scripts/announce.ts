// Announces again every record other modules keep replicas of, for the modules named (default:
// every installed one that can). A plugin asks for this itself on its first start (a snapshot
// request over the bus); this is the manual way, e.g. to repair a replica. Writes outbox rows only;
// each module's relay publishes them (within a second while it runs, else on its next start). On
// SQLite beside a running platform it waits for the platform's write lock (SQLITE_BUSY_TIMEOUT_MS).
import { parseArgs } from 'node:util';
import { migrate, openDatabase, processSettings, systemEm } from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean' } } });
const modules = installedModules().filter((m) => m.announce);
if (values.help) {
  console.log(`npm run announce -- [MODULE ...]   announce again what other modules replicate (${modules.map((m) => m.name).join(', ')})`);
  process.exit(0);
}
const unknown = positionals.filter((name) => !modules.some((m) => m.name === name));
if (unknown.length > 0) {
  console.error(`announce: ${unknown.join(', ')}: no such module announces anything; choose from ${modules.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const settings = processSettings();
for (const definition of positionals.length > 0 ? modules.filter((m) => positionals.includes(m.name)) : modules) {
  const orm = await openDatabase({ module: definition.name, entities: definition.entities, migrations: definition.migrations, url: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await migrate(orm);
    const count = await systemEm(orm).transactional((tx) => definition.announce!(tx as ReturnType<typeof systemEm>));
    console.log(`${definition.name}: ${count} records announced`);
  } catch (err) {
    // One line, not the statement that failed with all its parameters.
    console.error(`announce: ${definition.name}: ${(err as Error).message.split('\n')[0].slice(0, 300)}`);
    process.exitCode = 1;
  } finally {
    await orm.close();
  }
}
