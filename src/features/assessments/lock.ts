/**
 * Whether an assessment can be changed now (domain/assessmentLock.ts), read from the database: an
 * authorised assessment needs its open review prompts and the council's notice period for the
 * annual review; any other needs nothing more. Every route that changes an assessment asks this,
 * in its own transaction, before it writes.
 */
import { sql } from 'drizzle-orm';
import { assessmentLock, type AssessmentLock } from '../../domain/assessmentLock';
import { rows, toNumber, type Db } from '../../platform/db';
import { settingsStore } from '../../platform/settings';

export type Lockable = { id: string; status: string; closedReason: string | null; reviewDueOn: string | null; revision: number; authorisedRevision: number | null };

export async function lockOf(db: Db, a: Lockable, today: string): Promise<AssessmentLock> {
  if (a.status !== 'authorised') return assessmentLock({ ...a, openPrompts: 0 }, today, 0);
  // One after the other: inside a transaction both go down the same connection.
  const found = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM assessment_review_prompts WHERE assessment_id = ${a.id} AND resolved_at IS NULL`);
  const noticeDays = await settingsStore(db).get('assessment.reviewNoticeDays');
  return assessmentLock({ ...a, openPrompts: toNumber(found[0]?.n) }, today, noticeDays);
}

/** The message of a refused change, or null when the assessment can be changed. */
export async function lockedMessage(db: Db, a: Lockable, today: string): Promise<string | null> {
  const lock = await lockOf(db, a, today);
  return lock.locked ? lock.message : null;
}
