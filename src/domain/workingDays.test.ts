import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addWorkingDays, bankHolidays, englandAndWales, isWeekend, workingCalendar, workingDaysBetween } from './workingDays';

const anyDate = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('bank holidays in England and Wales', () => {
  it('knows Christmas, Boxing Day and Easter, with substitute days when they fall at a weekend', () => {
    expect([...bankHolidays(2024)]).toEqual(expect.arrayContaining(['2024-03-29', '2024-04-01', '2024-12-25', '2024-12-26']));
    expect([...bankHolidays(2025)]).toEqual(expect.arrayContaining(['2025-04-18', '2025-04-21', '2025-12-25', '2025-12-26']));
    // 2026: Boxing Day is a Saturday, so Monday 28 December is the bank holiday.
    expect(bankHolidays(2026).has('2026-12-28')).toBe(true);
    expect(bankHolidays(2026).has('2026-12-26')).toBe(false);
    // 2027: Christmas and Boxing Day are a Saturday and Sunday: Monday 27 and Tuesday 28 instead.
    expect(bankHolidays(2027).has('2027-12-27')).toBe(true);
    expect(bankHolidays(2027).has('2027-12-28')).toBe(true);
    expect(bankHolidays(2027).has('2027-03-26')).toBe(true);
    expect(bankHolidays(2027).has('2027-03-29')).toBe(true);
  });
});

describe('working days', () => {
  it('counts the referral date as day 0', () => {
    expect(addWorkingDays('2024-06-03', 0)).toBe('2024-06-03');
    expect(addWorkingDays('2024-06-03', 1)).toBe('2024-06-04');
    // Friday + 1 working day is Monday.
    expect(addWorkingDays('2024-06-07', 1)).toBe('2024-06-10');
    // A referral on Saturday: day 1 is Monday.
    expect(addWorkingDays('2024-06-08', 1)).toBe('2024-06-10');
  });

  it('steps over Christmas and Easter', () => {
    // Monday 23 December 2024: 24th is day 1, 25 and 26 are bank holidays, 27th is day 2.
    expect(addWorkingDays('2024-12-23', 2)).toBe('2024-12-27');
    // Thursday 28 March 2024: Good Friday and Easter Monday skipped.
    expect(addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('gives the day-10 and day-45 checkpoints of an assessment', () => {
    expect(addWorkingDays('2025-04-14', 10)).toBe('2025-04-30');
    expect(addWorkingDays('2025-01-06', 45)).toBe('2025-03-10');
  });

  it('respects closure days the council adds', () => {
    const calendar = workingCalendar(['2024-06-04']);
    expect(addWorkingDays('2024-06-03', 1, calendar)).toBe('2024-06-05');
    expect(workingDaysBetween('2024-06-03', '2024-06-05', calendar)).toBe(1);
  });

  it('never lands a due date on a weekend or a bank holiday', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 300 }), (start, n) => {
        const due = addWorkingDays(start, n);
        return !isWeekend(due) && englandAndWales.isWorkingDay(due);
      }),
    );
  });

  it('round-trips: counting the days to the nth working day gives n, forwards and backwards', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -300, max: 300 }), (start, n) => workingDaysBetween(start, addWorkingDays(start, n)) === n),
    );
  });

  it('is monotonic: more working days never give an earlier date', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }), (start, n, extra) => addWorkingDays(start, n) <= addWorkingDays(start, n + extra)),
    );
  });

  it('adds up: the days between a and c are those between a and b plus b and c', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, x, y) => {
        const b = addDays(a, x);
        const c = addDays(b, y);
        return workingDaysBetween(a, c) === workingDaysBetween(a, b) + workingDaysBetween(b, c);
      }),
    );
  });

  it('counts the same as walking day by day, over years and with closure days, in either direction', () => {
    const walk = (start: string, end: string, calendar: ReturnType<typeof workingCalendar>) => {
      let count = 0;
      if (end >= start) {
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count += 1;
        return count;
      }
      for (let d = end; d < start; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count += 1;
      return -count;
    };
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -1500, max: 1500 }), fc.array(fc.integer({ min: -800, max: 800 }), { maxLength: 6 }), (start, span, closures) => {
        const calendar = workingCalendar(closures.map((c) => addDays(start, c)));
        const end = addDays(start, span);
        return workingDaysBetween(start, end, calendar) === walk(start, end, calendar);
      }),
      { numRuns: 200 },
    );
  });
});
