import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addWorkingDays, englandAndWales, workingCalendar } from './workingDays';
import { dueOrderKey, offDaysBetween, workingDayIndex, workingDueKey } from './visitDueOrder';
import { DUE_SOON_WORKING_DAYS, nextVisitDue } from './visitSchedule';

const anyDate = fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
// Closed between Christmas and New Year, and a day in the summer.
const council = workingCalendar(['2025-12-29', '2025-12-30', '2025-12-31', '2026-08-14', '2027-12-29']);
const calendars = fc.constantFrom(englandAndWales, council);

describe('ordering due dates by working-day arithmetic', () => {
  it('counts working days from 1970, so a working-day plan is due at its start’s index plus its frequency', () => {
    expect(workingDayIndex('2025-12-24', council) + 1).toBe(workingDayIndex('2026-01-02', council));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 60 }), calendars, (from, every, calendar) => {
        const due = addWorkingDays(from, every, calendar);
        expect(workingDayIndex(due, calendar)).toBe(workingDayIndex(from, calendar) + every);
        if (every > 0) expect(workingDueKey(from, every, calendar)).toBe(dueOrderKey(due, calendar));
      }),
    );
  });

  it('orders any two dates as the calendar does: equal keys only for two days off between the same working days', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), calendars, (a, gap, calendar) => {
        const b = addDays(a, gap);
        const [ka, kb] = [dueOrderKey(a, calendar), dueOrderKey(b, calendar)];
        expect(ka).toBeLessThanOrEqual(kb);
        if (ka === kb) {
          expect(calendar.isWorkingDay(a) || calendar.isWorkingDay(b)).toBe(false);
          expect(workingDayIndex(a, calendar)).toBe(workingDayIndex(b, calendar));
        }
      }),
    );
  });

  it('tells overdue and due soon as nextVisitDue does, from the keys alone', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 30 }), fc.integer({ min: -20, max: 60 }), calendars, (from, every, offset, calendar) => {
        const today = addDays(from, offset);
        const due = nextVisitDue({ frequency: { every, unit: 'working-days' }, episodeStart: from, lastSeenOn: null, today, calendar });
        const key = workingDueKey(from, every, calendar);
        const overdue = dueOrderKey(today, calendar) > key;
        expect(overdue).toBe(due.status === 'overdue');
        if (!overdue) {
          expect(key / 2 - workingDayIndex(today, calendar)).toBe(due.left);
          expect(due.left <= DUE_SOON_WORKING_DAYS).toBe(due.status === 'due-soon');
        }
      }),
    );
  });

  it('lists the weekdays off in order: bank holidays and the council’s closure days', () => {
    const days = offDaysBetween(council, 2025, 2026);
    expect(days).toEqual([...days].sort());
    expect(days).toContain('2025-12-25');
    expect(days).toContain('2025-12-29');
    expect(days).toContain('2026-08-14');
    expect(days.every((d) => d >= '2025-01-01' && d <= '2026-12-31')).toBe(true);
  });
});
