import { migrate } from '../../src/platform/migrate';
import { configFrom, describeDatabase, withDatabase, type Io } from './context';

/** `hearth migrate`: brings the database's tables up to date. Safe to run again. */
export async function migrateCommand(io: Io): Promise<number> {
  const config = configFrom(io);
  const applied = await withDatabase(config, (database) => migrate(database));
  if (applied.length === 0)
    io.out(`The database is up to date (${describeDatabase(config)}). Nothing to do.`);
  else
    io.out(
      `Updated ${describeDatabase(config)}: applied ${applied.length} change${applied.length === 1 ? '' : 's'} (${applied.join(', ')}).`,
    );
  return 0;
}
