import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysBetween, isWithin12MonthsBefore, monthsBefore, previousReferralsWithin12Months, workersIn12Months } from './rules';

const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('monthsBefore', () => {
  it('goes back whole calendar months, across years', () => {
    expect(monthsBefore('2026-03-15', 12)).toBe('2025-03-15');
    expect(monthsBefore('2026-01-31', 1)).toBe('2025-12-31');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
  it('uses 28 February a year before 29 February', () => {
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
  });
  it('is never later than the date it starts from, and never more than 366 days back for 12 months', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        const back = monthsBefore(d, 12);
        return back <= d && daysBetween(back, d) >= 365 && daysBetween(back, d) <= 366;
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days, including across the clocks changing', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
  });
  it('adds up: a to b plus b to c is a to c', () => {
    fc.assert(fc.property(isoDate, isoDate, isoDate, (a, b, c) => daysBetween(a, b) + daysBetween(b, c) === daysBetween(a, c)));
  });
});

describe('re-referrals within 12 months', () => {
  it('counts an earlier referral on the same date a year before, but not the day before that', () => {
    expect(isWithin12MonthsBefore('2025-03-15', '2026-03-15')).toBe(true);
    expect(isWithin12MonthsBefore('2025-03-14', '2026-03-15')).toBe(false);
    expect(isWithin12MonthsBefore('2026-03-16', '2026-03-15')).toBe(false);
  });

  it('marks each referral made within 12 months of the one before it', () => {
    const referrals = [
      { id: 'c', referralDate: '2026-02-01' },
      { id: 'a', referralDate: '2024-01-10' },
      { id: 'b', referralDate: '2025-06-01' },
      { id: 'd', referralDate: '2026-02-01' },
    ];
    const previous = previousReferralsWithin12Months(referrals);
    expect(previous.has('a')).toBe(false);
    expect(previous.has('b')).toBe(false);
    expect(previous.get('c')?.id).toBe('b');
    expect(previous.get('d')?.id).toBe('c');
  });

  it('never marks the earliest referral', () => {
    fc.assert(
      fc.property(fc.array(isoDate, { minLength: 1, maxLength: 20 }), (dates) => {
        const referrals = dates.map((referralDate, i) => ({ id: String(i), referralDate }));
        const earliest = [...referrals].sort((a, b) => (a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : Number(a.id) - Number(b.id)))[0]!;
        return !previousReferralsWithin12Months(referrals).has(earliest.id);
      }),
    );
  });
});

describe('workers in the last 12 months', () => {
  const today = '2026-06-30';
  it('is nothing for a child never given a worker', () => {
    expect(workersIn12Months([{ workerId: null, fromDate: '2026-01-01', toDate: null }], today)).toEqual({ workers: 0, changes: 0 });
  });
  it('counts a first worker, but not as a change', () => {
    expect(workersIn12Months([{ workerId: 'w1', fromDate: '2026-01-01', toDate: null }], today)).toEqual({ workers: 1, changes: 0 });
  });
  it('counts each change to a different worker in the window', () => {
    const history = [
      { workerId: 'w1', fromDate: '2024-01-01', toDate: '2025-09-01' },
      { workerId: 'w2', fromDate: '2025-09-01', toDate: '2026-01-10' },
      { workerId: null, fromDate: '2026-01-10', toDate: '2026-02-01' },
      { workerId: 'w2', fromDate: '2026-02-01', toDate: '2026-03-01' },
      { workerId: 'w3', fromDate: '2026-03-01', toDate: null },
    ];
    expect(workersIn12Months(history, today)).toEqual({ workers: 3, changes: 2 });
  });
  it('leaves out changes and workers before the window', () => {
    const history = [
      { workerId: 'w1', fromDate: '2023-01-01', toDate: '2024-01-01' },
      { workerId: 'w2', fromDate: '2024-01-01', toDate: null },
    ];
    expect(workersIn12Months(history, today)).toEqual({ workers: 1, changes: 0 });
  });
  it('never counts more changes than allocations', () => {
    const allocation = fc.record({ workerId: fc.constantFrom(null, 'a', 'b', 'c'), fromDate: isoDate, toDate: fc.constant(null) });
    fc.assert(
      fc.property(fc.array(allocation, { maxLength: 15 }), (history) => {
        const { workers, changes } = workersIn12Months(history, today);
        return changes < Math.max(1, history.length) && workers <= 3;
      }),
    );
  });
});
