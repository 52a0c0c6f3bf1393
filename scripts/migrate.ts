// `npm run migrate` (`node dist/scripts/migrate.js` built): applies every installed module's
// pending migrations, one module after the other, and exits. Run it once per release before the
// new processes start (they run with MIGRATE_ON_START=false in production and refuse a schema
// that is behind them), so replicas never race each other to migrate.
import { migrate, moduleLogger, openDatabase, processSettings, startOrExit } from '@cppcc/kit';
import { installedModules } from '@cppcc/platform';

const settings = processSettings();
const log = moduleLogger('migrate');
await startOrExit('migrate', async () => {
  const modules = installedModules();
  for (const [i, definition] of modules.entries()) {
    log.info(
      { name: definition.name, step: `${i + 1} of ${modules.length}` },
      'checking migrations',
    );
    const orm = await openDatabase({
      module: definition.name,
      entities: definition.entities,
      migrations: definition.migrations,
      url: settings.databaseUrl,
      dataDir: settings.dataDir,
    });
    try {
      const pending = await orm.getMigrator().getPendingMigrations();
      await migrate(orm);
      log.info(
        { name: definition.name, applied: pending.map((m) => m.name) },
        pending.length ? 'migrated' : 'up to date',
      );
    } finally {
      await orm.close();
    }
  }
});
