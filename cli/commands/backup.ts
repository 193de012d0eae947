import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from '../../src/platform/backup';
import { CommandProblem, configFrom, type Io } from './context';

function fileFrom(args: string[], flag: string, usage: string): string {
  const i = args.indexOf(flag);
  const file = i >= 0 ? args[i + 1] : undefined;
  if (!file || args.length !== 2) throw new CommandProblem(usage, 2);
  return file;
}

/** `hearth backup --to FILE`: the embedded database as one file, or pg_dump for PostgreSQL. */
export async function backupCommand(args: string[], io: Io): Promise<number> {
  const file = fileFrom(args, '--to', 'Use: hearth backup --to FILE');
  const config = configFrom(io);
  try {
    if (config.databaseUrl) {
      await backupPostgres(config.databaseUrl, file);
    } else {
      await backupEmbedded(config.dataDir, file);
    }
  } catch (error) {
    throw new CommandProblem(`The backup did not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.out(`Backed up the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database to ${file}.`);
  return 0;
}

/** `hearth restore --from FILE`: into a new, empty DATA_DIR, or an empty PostgreSQL database. */
export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const file = fileFrom(args, '--from', 'Use: hearth restore --from FILE');
  const config = configFrom(io);
  try {
    if (config.databaseUrl) {
      await restorePostgres(file, config.databaseUrl);
    } else {
      await restoreEmbedded(file, config.dataDir);
    }
  } catch (error) {
    throw new CommandProblem(`The restore did not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.out(`Restored ${file}. Run "hearth audit verify" to check the audit log came back whole.`);
  return 0;
}
