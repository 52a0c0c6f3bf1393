// Announces again every record other modules keep replicas of, for the modules named (default:
// every installed one that can). A plugin asks for this itself on its first start (a snapshot
// request over the bus); this is the manual way, e.g. to repair a replica. Writes outbox rows only;
// each module's relay publishes them (within a second while it runs, else on its next start). On
// SQLite beside a running platform it waits for the platform's write lock (SQLITE_BUSY_TIMEOUT_MS).
import { parseArgs } from 'node:util';
import { LockWaitTimeoutException } from '@mikro-orm/core';
import { migrate, openDatabase, processSettings, systemEm } from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean' } },
});
const modules = installedModules().filter((m) => m.announce);
if (values.help) {
  console.log(
    `npm run announce -- [MODULE ...]   announce again what other modules replicate (${modules.map((m) => m.name).join(', ')})`,
  );
  process.exit(0);
}
const unknown = positionals.filter((name) => !modules.some((m) => m.name === name));
if (unknown.length > 0) {
  console.error(
    `announce: ${unknown.join(', ')}: no such module announces anything; choose from ${modules.map((m) => m.name).join(', ')}`,
  );
  process.exit(2);
}
/**
 * SQLite refuses at once (SQLITE_BUSY, without waiting) a transaction that read and then wants to
 * write while a running platform's relay or consumer writes the same file: the transaction is run
 * again, a little later each time, for up to LOCKED_FOR_MS.
 */
const LOCKED_FOR_MS = 60_000;
async function retryWhileLocked<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1, deadline = Date.now() + LOCKED_FOR_MS; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof LockWaitTimeoutException) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 2_000)));
    }
  }
}

const settings = processSettings();
for (const definition of positionals.length > 0
  ? modules.filter((m) => positionals.includes(m.name))
  : modules) {
  const orm = await openDatabase({
    module: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    url: settings.databaseUrl,
    dataDir: settings.dataDir,
  });
  try {
    await migrate(orm);
    const count = await retryWhileLocked(() =>
      systemEm(orm).transactional((tx) => definition.announce!(tx as ReturnType<typeof systemEm>)),
    );
    console.log(`${definition.name}: ${count} records announced`);
  } catch (err) {
    // One line, not the statement that failed with all its parameters.
    const reason =
      err instanceof LockWaitTimeoutException
        ? `its database stayed locked by the running platform for ${LOCKED_FOR_MS / 1000} s; run it again`
        : (err as Error).message.split('\n')[0].slice(0, 300);
    console.error(`announce: ${definition.name}: ${reason}`);
    process.exitCode = 1;
  } finally {
    await orm.close();
  }
}
