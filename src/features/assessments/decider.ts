/**
 * Who takes a manager's decisions on an assessment (the checkpoint decisions, A2; the approval of not
 * using an interpreter, A3; the checklist and authorisation, A8-A9): a team manager of the team the
 * assessment belongs to (assessments.team_id), or of the team the child is allocated to now (a child
 * moved to another team takes the decisions with them). Being able to open the child is not enough:
 * every manager may open a child allocated to no team (the front door, a closed case), so without
 * this any manager in the council could close, approve or authorise its assessment.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';
import { assessments } from './tables';

export const NOT_YOUR_TEAM = 'Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it';
/** What a refusal's audit row says was needed. */
export const DECIDER_NEED = 'manager of the assessment’s or the child’s team';

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

/**
 * Whether this actor decides on the assessment, asked in the transaction of the change before its first
 * audit row: locks the assessment (FOR UPDATE, as every save of it does) and then the child (lockChildOf),
 * the lock order the checkpoint decision and authorisation keep.
 */
export async function lockForDecision(tx: Db, actor: Actor | null, ids: { assessmentId: string; childId: string }): Promise<'decides' | 'not-your-team' | 'not-found'> {
  const found = await tx
    .select({ teamId: assessments.teamId })
    .from(assessments)
    .where(and(eq(assessments.id, ids.assessmentId), eq(assessments.childId, ids.childId)))
    .for('update')
    .limit(1);
  if (!found[0]) return 'not-found';
  const childTeamId = await lockChildOf(tx, ids.childId);
  return actor && decidesFor(actor, found[0], childTeamId) ? 'decides' : 'not-your-team';
}

/** The audit row of a refusal of a manager of another team (the access-refused row the guard writes). */
export async function auditNotYourTeam(db: Db, ctx: AuditContext, ids: { assessmentId: string; childId: string }, details: Record<string, unknown>): Promise<void> {
  await audit(db, ctx, { action: 'access-refused', subjectType: 'assessment', subjectId: ids.assessmentId, childId: ids.childId, details: { ...details, need: DECIDER_NEED } });
}

/** Refuses a manager of another team: the refusal's audit row and the 403 page saying who can decide. */
export async function refuseOtherTeam(db: Db, ctx: AuditContext, reply: FastifyReply, ids: { assessmentId: string; childId: string }, details: Record<string, unknown>): Promise<FastifyReply> {
  await auditNotYourTeam(db, ctx, ids, details);
  return reply.page('errors/forbidden.njk', { title: NOT_YOUR_TEAM }, 403);
}
