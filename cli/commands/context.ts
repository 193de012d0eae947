import { userInfo } from 'node:os';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database } from '../../src/platform/db';
import { createServices, type Services } from '../../src/services';

/** How a command talks to the world: lines out, lines to the error stream, a line from standard input. */
export type Io = {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** The first line of standard input, without its line ending. */
  readLine(): Promise<string>;
};

/** A problem the person running the command can fix: printed plainly, with exit code 1 (or 2 for usage). */
export class CommandProblem extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Settings from the environment (DATABASE_URL or DATA_DIR, NODE_ENV), exactly as the app reads them. */
export function configFrom(io: Io): Config {
  try {
    return loadConfig(io.env);
  } catch (error) {
    throw new CommandProblem(error instanceof Error ? error.message : String(error));
  }
}

/** Opens the database the settings name, runs `work`, and always closes it again. */
export async function withDatabase<T>(
  config: Config,
  work: (database: Database, services: Services) => Promise<T>,
): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    const where = config.databaseUrl
      ? 'the PostgreSQL database in DATABASE_URL'
      : `the embedded database in ${config.dataDir}`;
    const hint = config.databaseUrl
      ? ''
      : ' If Hearth is running, stop it first: the embedded database can only be open in one program at a time.';
    throw new CommandProblem(
      `Could not open ${where}: ${error instanceof Error ? error.message : String(error)}.${hint}`,
    );
  }
  try {
    return await work(database, createServices(database, config));
  } finally {
    await database.close();
  }
}

/** Who ran a command, for the audit log: commands have no signed-in user. */
export function commandActor(command: string): { actor: null; actorLabel: string; requestId: null } {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No user name (some containers): the command alone is still recorded.
  }
  return { actor: null, actorLabel: `${command} (command line, run by ${who})`, requestId: null };
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
}
