/**
 * When an assessment can no longer be changed (A2, A8, A10). An assessment in progress (or with the
 * manager) can be changed. A closed one never: it was stepped up into a new assessment, or the
 * manager closed it at a checkpoint. An authorised one is the record the manager signed off, so it
 * is read-only too, except while an update is under way through the living assessment's own routes:
 * there is new information to review (an open review prompt), its annual review is due, or it has
 * been updated since authorisation and the manager has not yet recorded the review of those changes.
 * Pure: the caller passes today, the notice period and the number of open review prompts.
 */
import { daysBetween } from './workingDays';

export type LockFacts = {
  status: string;
  closedReason: string | null;
  reviewDueOn: string | null;
  revision: number;
  authorisedRevision: number | null;
  /** Review prompts raised on the assessment and not yet dealt with. */
  openPrompts: number;
};

export type UpdateReason = 'prompt' | 'annual-review' | 'changed';

export type AssessmentLock =
  | { locked: false; updating: UpdateReason | null }
  | { locked: true; reason: 'stepped-up' | 'closed-at-checkpoint' | 'authorised'; message: string };

export const LOCK_MESSAGES = {
  'stepped-up': 'This assessment was closed when it was stepped up into a new assessment, so it cannot be changed. The work goes on in the new assessment.',
  'closed-at-checkpoint': 'This assessment was closed by the team manager at a checkpoint, so it cannot be changed. If the child needs to be assessed again, start a new assessment.',
  authorised:
    'This assessment is authorised, so it cannot be changed now. It can be updated when there is new information to review, or when its annual review is due.',
} as const;

export const UPDATE_MESSAGES: Record<UpdateReason, string> = {
  prompt: 'This assessment is authorised. It is open for updating because there is new information to review. Every change is kept as a revision, and the manager reviews the changes.',
  'annual-review': 'This assessment is authorised. It is open for updating because its annual review is due. Every change is kept as a revision, and the manager reviews the changes.',
  changed: 'This assessment has been updated since it was authorised. It stays open for updating until the manager records the review of the changes.',
};

export function assessmentLock(a: LockFacts, today: string, noticeDays: number): AssessmentLock {
  if (a.status === 'closed') {
    const reason = a.closedReason === 'checkpoint' ? 'closed-at-checkpoint' : 'stepped-up';
    return { locked: true, reason, message: LOCK_MESSAGES[reason] };
  }
  if (a.status !== 'authorised') return { locked: false, updating: null };
  if (a.openPrompts > 0) return { locked: false, updating: 'prompt' };
  if (!a.reviewDueOn || daysBetween(today, a.reviewDueOn) <= noticeDays) return { locked: false, updating: 'annual-review' };
  if (a.authorisedRevision !== null && a.revision > a.authorisedRevision) return { locked: false, updating: 'changed' };
  return { locked: true, reason: 'authorised', message: LOCK_MESSAGES.authorised };
}
