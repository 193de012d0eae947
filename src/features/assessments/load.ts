import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import { assessments } from './tables';

export type AssessmentRow = typeof assessments.$inferSelect;

/**
 * An assessment, only when it belongs to the child in the address. Every assessment route is under
 * /people/:personId/assessments/:assessmentId, so the guard has already checked the child; this
 * check stops an assessment being reached through another child's address.
 */
export async function loadAssessment(db: Db, personId: string, assessmentId: string): Promise<AssessmentRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(assessmentId)) return null;
  const found = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.childId, personId)))
    .limit(1);
  return found[0] ?? null;
}
