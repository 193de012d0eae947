import { describe, expect, it } from 'vitest';
import { annualReviewBadge, annualReviewOpen } from './annualReview';

describe('annualReviewBadge', () => {
  const authorised = (reviewDueOn: string | null) => ({ status: 'authorised', reviewDueOn });

  it('shows nothing more than 30 days before the review, or for an assessment not yet authorised', () => {
    expect(annualReviewBadge(authorised('2026-03-10'), '2026-02-07')).toBeNull();
    expect(annualReviewBadge({ status: 'in-progress', reviewDueOn: '2026-03-10' }, '2026-03-09')).toBeNull();
    expect(annualReviewBadge(authorised(null), '2026-03-09')).toBeNull();
  });

  it('shows "annual review due" from 30 days before, and on the day', () => {
    expect(annualReviewBadge(authorised('2026-03-10'), '2026-02-08')).toMatchObject({ state: 'due', daysLeft: 30, text: 'Annual review due on 10 March 2026 (in 30 days)' });
    expect(annualReviewBadge(authorised('2026-03-10'), '2026-03-10')).toMatchObject({ state: 'due', daysLeft: 0, text: 'Annual review due on 10 March 2026 (today)' });
  });

  it('shows it overdue once the date has passed, and takes the council’s notice period', () => {
    expect(annualReviewBadge(authorised('2026-03-10'), '2026-03-11')).toMatchObject({ state: 'overdue', text: 'Annual review overdue: it was due on 10 March 2026, 1 day ago' });
    expect(annualReviewBadge(authorised('2026-03-10'), '2026-01-30', 60)).toMatchObject({ state: 'due', daysLeft: 39 });
  });
});

describe('annualReviewOpen', () => {
  const a = (extra: Partial<Parameters<typeof annualReviewOpen>[0]> = {}) => ({ status: 'authorised', reviewDueOn: '2026-03-10', revision: 4, authorisedRevision: 4, ...extra });

  it('opens the review once it is due: from the notice period, on the day and after', () => {
    expect(annualReviewOpen(a(), '2026-02-07')).toBeNull();
    expect(annualReviewOpen(a(), '2026-02-08')).toBe('due');
    expect(annualReviewOpen(a(), '2026-03-10')).toBe('due');
    expect(annualReviewOpen(a(), '2027-01-01')).toBe('due');
    expect(annualReviewOpen(a(), '2026-01-30', 60)).toBe('due');
  });

  it('opens it at any time once the assessment changed since it was authorised', () => {
    expect(annualReviewOpen(a({ revision: 5 }), '2025-04-01')).toBe('changed');
    expect(annualReviewOpen(a({ revision: 5 }), '2026-03-01')).toBe('due');
  });

  it('opens it for an authorised assessment with no review date, and never for one not authorised or closed', () => {
    expect(annualReviewOpen(a({ reviewDueOn: null }), '2025-04-01')).toBe('due');
    for (const status of ['in-progress', 'awaiting-authorisation', 'closed']) expect(annualReviewOpen(a({ status, revision: 9 }), '2027-01-01')).toBeNull();
  });
});
