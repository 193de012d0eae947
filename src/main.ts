import { loadConfig } from './config';
import { openDatabase } from './platform/db';
import { migrate } from './platform/migrate';
import { createServices } from './services';
import { buildApp } from './app';
import { seedDemo } from '../cli/seed/demo';
import { checkBeforeStart } from './platform/startupChecks';
import { startHousekeeping } from './platform/housekeeping';

/** Composition root: settings, database, migrations, services, app, listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = createServices(database, config); // sets the audit key migrate() needs
  await migrate(database);
  await checkBeforeStart(config, services.users.repo);
  if (config.env !== 'production' && database.kind === 'pglite') {
    const seeded = await seedDemo(services, { onlyIfEmpty: true });
    if (seeded) console.log('Seeded the demo authority. Demo accounts are listed in README.md.');
  }
  const app = await buildApp(config, services);
  const stopHousekeeping = startHousekeeping(database.db, { idleMinutes: config.sessionIdleMinutes }, (error) => app.log.error({ err: error }, 'housekeeping failed'));
  const close = async () => {
    stopHousekeeping();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Hearth is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} on ${database.kind}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
