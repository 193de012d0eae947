import { describe, expect, it } from 'vitest';
import { annualReviewBadge } from './annualReview';

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
