import { verifyAuditChain } from '../../src/platform/audit';
import { CommandProblem, configFrom, withDatabase, type Io } from './context';

/** `hearth audit verify`: walks the whole audit chain and says whether any row was changed or removed. */
export async function auditCommand(args: string[], io: Io): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) throw new CommandProblem('Use: hearth audit verify', 2);
  const config = configFrom(io);
  const result = await withDatabase(config, (database) => verifyAuditChain(database.db));
  if (result.ok) {
    io.out(`The audit log is intact: ${result.rows} row${result.rows === 1 ? '' : 's'}`);
    return 0;
  }
  const where = result.seq === null ? '' : ` at row ${result.seq}`;
  io.err(`The audit log has been tampered with${where}: ${result.problem}. (${result.rows} rows checked.)`);
  io.err(
    'Keep this database as it is and tell your information governance lead: the log must not be repaired by hand.',
  );
  return 1;
}
