import { createInterface } from 'node:readline';
import { auditCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';
import { CommandProblem, type Io } from './context';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { teamCommand } from './team';
import { userCommand } from './user';

export const HELP = `Hearth: children's social care case recording.

Use: hearth COMMAND [options]

Commands:
  migrate
      Brings the database's tables up to date. Hearth also does this when it starts.

  seed --demo
      Adds a small fictional council (teams, a user in every role, families) for trying
      Hearth out. Refused when NODE_ENV is production.
  seed --scale N [--seed S] [--add] [--today YYYY-MM-DD]
      Adds a synthetic council of N children with ten years of history, for testing speed.
      The same seed (and --today) gives the same data. It refuses a database that already
      has people in it unless you add --add. Refused when NODE_ENV is production.

  user add --email E --name N --role ROLE [--team TEAM] [--agency AGENCY] [--password-stdin]
      Adds an account. ROLE is one of: social-worker, early-help, team-manager, partner,
      cp-chair, qa, admin. Social workers, early help practitioners and team managers need
      --team (the team's name, in quotes if it has spaces); partners need --agency.
      With --password-stdin the first password is read from standard input; without it they
      can only sign in with their council account.
  user disable --email E
      Switches off an account and signs them out everywhere. Nothing they recorded is removed.
  user enable --email E
      Lets a switched-off account sign in again.
  user reset-password --email E --password-stdin
      Sets a new password (read from standard input) and unlocks the account.
  user change EMAIL [--role ROLE] [--team TEAM | --no-team] [--agency AGENCY]
      Gives an account a new role and/or team (an open one). The same rules as for adding:
      practitioners and managers need a team; partners need an agency and no team.

  team list
      Lists the teams, open and closed, with their active members and allocated children.
  team add NAME [--kind KIND]
      Adds a team. KIND is one of: front-door, child-in-need, child-protection,
      children-in-care, care-leavers, disabled-children, early-help, social-work (the default).
  team rename OLD-NAME NEW-NAME
      Gives a team a new name. Everything recorded about it stays.
  team close NAME
      Closes a team: it is no longer offered when adding users or allocating children, and its
      history is kept. Refused while it has active users or allocated children.
  team reopen NAME
      Opens a closed team again: it is offered again when adding users and allocating children.

  audit verify [--expect-head HASH]
      Checks that no row of the audit log has been changed or removed, using SECRET_KEY (the
      rows' hashes are keyed with it). Exits with 0 and "The audit log is intact" when all is
      well, or 1 and the first broken row. It prints the head (the newest row and its hash):
      keep that apart from the database. --expect-head checks that the row with a head you
      kept is still there, which also finds the newest rows removed.

  backup --to FILE
      Copies the whole database into one file. For the embedded database, stop Hearth first.
      For PostgreSQL this runs pg_dump (custom format).
  restore --from FILE
      Makes a database from a backup: into a new, empty DATA_DIR for the embedded database, or
      into an empty PostgreSQL database named by DATABASE_URL (pg_restore).

  help
      Shows this text.

Settings come from the environment, as for Hearth itself:
  DATABASE_URL   use this PostgreSQL database
  DATA_DIR       otherwise, the embedded database's folder (default ./data). Stop Hearth
                 first: the embedded database can be open in only one program at a time.
  NODE_ENV       production, development or test

Example:
  printf '%s\\n' "$FIRST_PASSWORD" | hearth user add --email robin@council.gov.uk \\
    --name "Robin Clarke" --role admin --password-stdin
`;

/** Runs one command; returns the exit code. Problems the person can fix are printed plainly, not as stack traces. */
export async function runCli(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'migrate':
        if (rest.length) throw new CommandProblem('Use: hearth migrate', 2);
        return await migrateCommand(io);
      case 'seed':
        return await seedCommand(rest, io);
      case 'user':
        return await userCommand(rest, io);
      case 'team':
        return await teamCommand(rest, io);
      case 'audit':
        return await auditCommand(rest, io);
      case 'backup':
        return await backupCommand(rest, io);
      case 'restore':
        return await restoreCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      case undefined:
        io.err(HELP);
        return 2;
      default:
        throw new CommandProblem(
          `There is no command called "${command}". Run "hearth help" to see the commands.`,
          2,
        );
    }
  } catch (error) {
    if (error instanceof CommandProblem) {
      io.err(error.message);
      return error.exitCode;
    }
    const code = (error as { code?: string }).code;
    if (
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
    ) {
      io.err(`${(error as Error).message}. Run "hearth help" to see the commands and their options.`);
      return 2;
    }
    io.err(`Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The real world: this process's environment, standard output and error, and standard input. */
export function processIo(): Io {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readLine: () =>
      new Promise((resolve) => {
        if (process.stdin.isTTY)
          process.stderr.write('Type the password and press Enter (it will show as you type): ');
        const lines = createInterface({ input: process.stdin, terminal: false });
        let answered = false;
        lines.once('line', (line) => {
          answered = true;
          lines.close();
          resolve(line.replace(/\r$/, ''));
        });
        lines.once('close', () => {
          if (!answered) resolve('');
        });
      }),
  };
}
