/**
 * Recording the annual review of an authorised assessment (A10): the team manager confirms it still
 * reflects the child's situation, or records what changed. In one transaction: the review (who, when,
 * what they found, the revision they confirmed), the assessment marked as authorised at its current
 * revision with the next review a year on, an audit row and an entry in the child's chronology.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { reviewDueOn } from '../../../domain/assessmentContent';
import { formatDate, todayInLondon } from '../../../domain/dates';
import type { Actor } from '../../../platform/access';
import { audit, type AuditContext } from '../../../platform/audit';
import type { Db } from '../../../platform/db';
import { users } from '../../../platform/tables';
import { recordChronologyEntry } from '../../chronology/record';
import { isUuid } from '../http';
import { assessmentAnnualReviews, assessments } from '../tables';
import { annualReviewOpen } from './annualReview';

export type AnnualReviewInput = { outcome: 'no-change' | 'changed'; changes: string | null; expectedVersion: number; noticeDays: number };

export type AnnualReviewOutcome =
  | { outcome: 'recorded'; nextReviewDueOn: string }
  | { outcome: 'not-found' }
  | { outcome: 'conflict' }
  | { outcome: 'not-open'; status: string; reviewDueOn: string | null };

export type PastReview = { reviewedOn: string; reviewedByName: string | null; outcome: 'no-change' | 'changed'; changes: string | null; revision: number; nextReviewDueOn: string };

/** The reviews already recorded, newest first (one query). */
export async function pastReviews(db: Db, assessmentId: string): Promise<PastReview[]> {
  return db
    .select({
      reviewedOn: assessmentAnnualReviews.reviewedOn,
      reviewedByName: users.name,
      outcome: assessmentAnnualReviews.outcome,
      changes: assessmentAnnualReviews.changes,
      revision: assessmentAnnualReviews.revision,
      nextReviewDueOn: assessmentAnnualReviews.nextReviewDueOn,
    })
    .from(assessmentAnnualReviews)
    .leftJoin(users, eq(users.id, assessmentAnnualReviews.reviewedBy))
    .where(eq(assessmentAnnualReviews.assessmentId, assessmentId))
    .orderBy(desc(assessmentAnnualReviews.reviewedAt))
    .limit(50);
}

/** Records the review, refused when the page was opened at another version or there is nothing to review. */
export async function recordAnnualReview(db: Db, ctx: AuditContext & { actor: Actor }, ids: { childId: string; assessmentId: string }, input: AnnualReviewInput): Promise<AnnualReviewOutcome> {
  if (!isUuid(ids.assessmentId)) return { outcome: 'not-found' };
  return db.transaction(async (tx): Promise<AnnualReviewOutcome> => {
    const found = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.id, ids.assessmentId), eq(assessments.childId, ids.childId)))
      .for('update')
      .limit(1);
    const row = found[0];
    if (!row) return { outcome: 'not-found' };
    if (row.version !== input.expectedVersion) return { outcome: 'conflict' };
    const today = todayInLondon();
    if (!annualReviewOpen(row, today, input.noticeDays)) return { outcome: 'not-open', status: row.status, reviewDueOn: row.reviewDueOn };
    const next = reviewDueOn(today);
    const inserted = await tx
      .insert(assessmentAnnualReviews)
      .values({
        assessmentId: row.id,
        reviewedOn: today,
        reviewedBy: ctx.actor.id,
        outcome: input.outcome,
        changes: input.outcome === 'changed' ? input.changes : null,
        revision: row.revision,
        reviewWasDueOn: row.reviewDueOn,
        nextReviewDueOn: next,
      })
      .returning({ id: assessmentAnnualReviews.id });
    await tx
      .update(assessments)
      .set({ authorisedRevision: row.revision, reviewDueOn: next, version: sql`${assessments.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.id })
      .where(eq(assessments.id, row.id));
    const changed = input.outcome === 'changed';
    // The chronology entry first: its links lock the child (FOR KEY SHARE) before the first audit row
    // (docs/architecture.md, lock order: an allocation locks the child FOR UPDATE and then audits).
    await recordChronologyEntry(tx, ctx, {
      occurredOn: today,
      category: 'assessment',
      summary: changed
        ? `Annual review of the assessment: ${ctx.actor.name}, team manager, recorded what has changed for the child. Next review due by ${formatDate(next)}.`
        : `Annual review of the assessment: ${ctx.actor.name}, team manager, confirmed it still reflects the child’s situation. Next review due by ${formatDate(next)}.`,
      significance: changed ? 'significant' : 'routine',
      impact: changed ? input.changes : null,
      sourceKind: 'hearth',
      sourceName: ctx.actor.name,
      originType: 'assessment-annual-review',
      originId: row.id,
      personIds: [row.childId],
    });
    await audit(tx, ctx, {
      action: 'assessment-annual-review-recorded',
      subjectType: 'assessment',
      subjectId: row.id,
      childId: row.childId,
      details: { reviewId: inserted[0]!.id, outcome: input.outcome, revision: row.revision, reviewWasDueOn: row.reviewDueOn, nextReviewDueOn: next },
    });
    return { outcome: 'recorded', nextReviewDueOn: next };
  });
}
