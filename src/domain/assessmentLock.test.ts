import { describe, expect, it } from 'vitest';
import { assessmentLock, LOCK_MESSAGES, type LockFacts } from './assessmentLock';

const authorised = (extra: Partial<LockFacts> = {}): LockFacts => ({
  status: 'authorised',
  closedReason: null,
  reviewDueOn: '2026-06-01',
  revision: 12,
  authorisedRevision: 12,
  openPrompts: 0,
  ...extra,
});
const today = '2025-12-01';

describe('when an assessment can be changed', () => {
  it('in progress or with the manager: yes', () => {
    expect(assessmentLock({ ...authorised(), status: 'in-progress', reviewDueOn: null, authorisedRevision: null }, today, 30)).toEqual({ locked: false, updating: null });
    expect(assessmentLock({ ...authorised(), status: 'awaiting-authorisation' }, today, 30)).toEqual({ locked: false, updating: null });
  });

  it('closed: never, whether stepped up or closed at a checkpoint, whatever prompts are open', () => {
    expect(assessmentLock({ ...authorised({ openPrompts: 2 }), status: 'closed', closedReason: 'stepped-up' }, today, 30)).toEqual({ locked: true, reason: 'stepped-up', message: LOCK_MESSAGES['stepped-up'] });
    expect(assessmentLock({ ...authorised(), status: 'closed', closedReason: 'checkpoint' }, today, 30)).toMatchObject({ locked: true, reason: 'closed-at-checkpoint' });
  });

  it('authorised: read-only, with a plain reason', () => {
    const lock = assessmentLock(authorised(), today, 30);
    expect(lock).toEqual({ locked: true, reason: 'authorised', message: LOCK_MESSAGES.authorised });
    expect(LOCK_MESSAGES.authorised).toContain('cannot be changed now');
  });

  it('authorised, but open for updating while there is new information to review', () => {
    expect(assessmentLock(authorised({ openPrompts: 1 }), today, 30)).toEqual({ locked: false, updating: 'prompt' });
  });

  it('authorised, but open for updating from the notice period before the annual review (and when it has no review date)', () => {
    expect(assessmentLock(authorised({ reviewDueOn: '2025-12-31' }), today, 30)).toEqual({ locked: false, updating: 'annual-review' });
    expect(assessmentLock(authorised({ reviewDueOn: '2026-01-01' }), today, 30)).toMatchObject({ locked: true });
    expect(assessmentLock(authorised({ reviewDueOn: '2025-11-01' }), today, 30)).toEqual({ locked: false, updating: 'annual-review' });
    expect(assessmentLock(authorised({ reviewDueOn: null }), today, 30)).toEqual({ locked: false, updating: 'annual-review' });
  });

  it('authorised and updated since: open until the manager records the review of the changes', () => {
    expect(assessmentLock(authorised({ revision: 14 }), today, 30)).toEqual({ locked: false, updating: 'changed' });
    // The review confirms the revision: locked again.
    expect(assessmentLock(authorised({ revision: 14, authorisedRevision: 14 }), today, 30)).toMatchObject({ locked: true });
  });
});
