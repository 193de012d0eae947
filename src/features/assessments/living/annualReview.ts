/**
 * The annual review (A10): an authorised assessment is reviewed at the latest a year after it was
 * authorised (review_due_on, set on authorisation). From the notice period before that date it shows
 * "annual review due" on the assessment and on the lists. A manager records the review then, or at any
 * time once the assessment has changed since it was authorised. Pure: the pages call it with today.
 */
import { updatedSinceAuthorisation } from '../../../domain/assessmentContent';
import { formatDate } from '../../../domain/dates';
import { daysBetween } from '../../../domain/workingDays';

export type AnnualReviewBadge = { state: 'due' | 'overdue'; dueOn: string; daysLeft: number; text: string; tagClass: string };

/** The default notice period; the council's setting 'assessment.reviewNoticeDays' overrides it. */
export const REVIEW_NOTICE_DAYS = 30;

export function annualReviewBadge(
  assessment: { status: string; reviewDueOn: string | null },
  today: string,
  noticeDays: number = REVIEW_NOTICE_DAYS,
): AnnualReviewBadge | null {
  if (assessment.status !== 'authorised' || !assessment.reviewDueOn) return null;
  const daysLeft = daysBetween(today, assessment.reviewDueOn);
  if (daysLeft > noticeDays) return null;
  const on = formatDate(assessment.reviewDueOn);
  if (daysLeft < 0) {
    const late = -daysLeft;
    return { state: 'overdue', dueOn: assessment.reviewDueOn, daysLeft, text: `Annual review overdue: it was due on ${on}, ${late} day${late === 1 ? '' : 's'} ago`, tagClass: 'govuk-tag--red' };
  }
  const when = daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  return { state: 'due', dueOn: assessment.reviewDueOn, daysLeft, text: `Annual review due on ${on} (${when})`, tagClass: 'govuk-tag--orange' };
}

export type AnnualReviewAssessment = { status: string; reviewDueOn: string | null; revision: number; authorisedRevision: number | null };

/**
 * Why a manager may record the annual review now: it is due (within the notice period, overdue, or
 * an authorised assessment with no review date), or the assessment changed since it was authorised.
 * Null when there is nothing to review: not authorised (or closed), or reviewed and unchanged.
 */
export function annualReviewOpen(assessment: AnnualReviewAssessment, today: string, noticeDays: number = REVIEW_NOTICE_DAYS): 'due' | 'changed' | null {
  if (assessment.status !== 'authorised') return null;
  if (!assessment.reviewDueOn || annualReviewBadge(assessment, today, noticeDays)) return 'due';
  return updatedSinceAuthorisation(assessment) ? 'changed' : null;
}
