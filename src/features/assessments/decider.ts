/**
 * Who takes a manager's decisions on an assessment (the checkpoint decisions, A2; authorisation, A8):
 * a team manager of the team the assessment belongs to (assessments.team_id), or of the team the child
 * is allocated to now (a child moved to another team takes the decisions with them). Being able to
 * open the child is not enough: every manager may open a child allocated to no team (the front door,
 * a closed case), so without this any manager in the council could close or authorise its assessment.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';

export const NOT_YOUR_TEAM = 'Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it';

export function decidesFor(actor: Actor, assessment: { teamId: string | null }, childTeamId: string | null): boolean {
  if (actor.role !== 'team-manager' || !actor.teamId) return false;
  return assessment.teamId === actor.teamId || childTeamId === actor.teamId;
}

/** The team the child is allocated to now (null for none). */
export async function childTeamOf(db: Db, childId: string): Promise<string | null> {
  const found = await rows<{ current_team_id: string | null }>(db, sql`SELECT current_team_id FROM people WHERE id = ${childId}`);
  return found[0]?.current_team_id ?? null;
}

/**
 * The same, locking the child's row FOR KEY SHARE until the transaction ends: the lock the chronology
 * entry and the task a decision writes take through their foreign keys, taken here before the first
 * audit row (docs/architecture.md, lock order: an allocation locks the child FOR UPDATE and then audits).
 */
export async function lockChildOf(tx: Db, childId: string): Promise<string | null> {
  const found = await rows<{ current_team_id: string | null }>(tx, sql`SELECT current_team_id FROM people WHERE id = ${childId} FOR KEY SHARE`);
  return found[0]?.current_team_id ?? null;
}
