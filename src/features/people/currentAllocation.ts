import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db';
import { people } from './tables';

/**
 * Who a child is allocated to now (people.current_team_id and current_worker_id). These two columns
 * decide who may see the child (peopleScope), so this file is the only code that writes them. Call it
 * with the transaction that writes the allocation history, so the two never disagree.
 */
export type CurrentAllocation = { teamId: string | null; workerId: string | null };

/** Reads the current allocation and locks the person's row until the transaction ends. Null when not found. */
export async function lockCurrentAllocation(tx: Db, personId: string): Promise<(CurrentAllocation & { kind: 'child' | 'adult' }) | null> {
  const found = await rows<{ current_team_id: string | null; current_worker_id: string | null; kind: 'child' | 'adult' }>(
    tx,
    sql`SELECT current_team_id, current_worker_id, kind FROM people WHERE id = ${personId} FOR UPDATE`,
  );
  const row = found[0];
  return row ? { teamId: row.current_team_id, workerId: row.current_worker_id, kind: row.kind } : null;
}

/** Sets the current team and worker (both null: allocated to no one, back at the front door). */
export async function setCurrentAllocation(tx: Db, personId: string, current: CurrentAllocation): Promise<void> {
  if (current.workerId && !current.teamId) throw new Error('A worker is always allocated within a team');
  await tx.update(people).set({ currentTeamId: current.teamId, currentWorkerId: current.workerId }).where(eq(people.id, personId));
}
