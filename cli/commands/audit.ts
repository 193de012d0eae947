import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../../src/platform/audit';
import { CommandProblem, configFrom, withDatabase, type Io } from './context';

const USAGE = 'Use: hearth audit verify [--expect-head HASH]';

/**
 * `hearth audit verify`: walks the whole audit chain and says whether any row was changed or
 * removed, then prints the head (the newest row and its hash) for the IT team to keep elsewhere.
 * With `--expect-head HASH` it also checks that the row with a head recorded earlier is still there,
 * which finds the newest rows removed together with the head.
 */
export async function auditCommand(args: string[], io: Io): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'verify') throw new CommandProblem(USAGE, 2);
  let values: { 'expect-head'?: string };
  try {
    values = parseArgs({ args: rest, options: { 'expect-head': { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CommandProblem(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  const expectHead = values['expect-head']?.trim();
  if (expectHead !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectHead))
    throw new CommandProblem('--expect-head needs the 64-character hash that "hearth audit verify" printed as the head', 2);
  const config = configFrom(io);
  const result = await withDatabase(config, (database) => verifyAuditChain(database.db, { expectHead }));
  if (result.ok) {
    io.out(`The audit log is intact: ${result.rows} row${result.rows === 1 ? '' : 's'}`);
    io.out(`Head: row ${result.head.seq}, hash ${result.head.hash}`);
    if (result.keyedFrom > result.head.seq)
      io.out('No row is keyed with SECRET_KEY yet: the next one Hearth writes will be.');
    else if (result.keyedFrom > 1)
      io.out(`Rows 1 to ${result.keyedFrom - 1} were written before keyed hashing started; row ${result.keyedFrom}, the first keyed row, seals them.`);
    if (result.expected)
      io.out(`The head you recorded is row ${result.expected.seq}, still in place: nothing up to it has changed.`);
    else io.out(`Keep the head apart from the database, and check it later with: hearth audit verify --expect-head ${result.head.hash}`);
    return 0;
  }
  if (result.wrongKey) {
    io.err('Cannot check the audit log: this SECRET_KEY is not the one Hearth writes the log with. Run the check with the same SECRET_KEY as Hearth.');
    return 1;
  }
  const where = result.seq === null ? '' : ` at row ${result.seq}`;
  io.err(`The audit log has been tampered with${where}: ${result.problem}. (${result.rows} rows checked.)`);
  io.err(
    'Keep this database as it is and tell your information governance lead: the log must not be repaired by hand.',
  );
  return 1;
}
