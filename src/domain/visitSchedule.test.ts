import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, englandAndWales, workingCalendar, workingDaysBetween } from './workingDays';
import {
  DEFAULT_FREQUENCIES,
  DUE_SOON_DAYS,
  DUE_SOON_WORKING_DAYS,
  describeLeft,
  nextVisitDue,
  byMostOverdue,
  countsForVisitSchedule,
  visitDueForChild,
  visitTypeForEpisodes,
  type Frequencies,
} from './visitSchedule';

const anyDate = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('the default visit frequencies (SPEC V1)', () => {
  it('visits child protection every 10 working days, child in need every 20, looked after every 6 weeks, early help not at all', () => {
    expect(DEFAULT_FREQUENCIES['child-protection']).toEqual({ every: 10, unit: 'working-days' });
    expect(DEFAULT_FREQUENCIES['child-in-need']).toEqual({ every: 20, unit: 'working-days' });
    expect(DEFAULT_FREQUENCIES['looked-after']).toEqual({ every: 6, unit: 'weeks' });
    expect(DEFAULT_FREQUENCIES['early-help']).toBeUndefined();
  });
});

describe('which visits restart the clock (SPEC V1)', () => {
  it('is a statutory visit in which the child was seen: not a visit of type "other", and not one where the child was not seen', () => {
    for (const type of ['child-in-need', 'child-protection', 'looked-after']) {
      expect(countsForVisitSchedule({ type, seen: true }), type).toBe(true);
      expect(countsForVisitSchedule({ type, seen: false }), type).toBe(false);
    }
    expect(countsForVisitSchedule({ type: 'other', seen: true })).toBe(false);
    expect(countsForVisitSchedule({ type: 'other', seen: false })).toBe(false);
    expect(countsForVisitSchedule({ type: 'something-new', seen: true })).toBe(false);
  });
});

describe('when the next visit is due: working days', () => {
  const cp = { every: 10, unit: 'working-days' } as const;

  it('counts from the last visit in which the child was seen, that day being day 0', () => {
    // Monday 2 February 2026 + 10 working days = Monday 16 February.
    const due = nextVisitDue({ frequency: cp, episodeStart: '2026-01-05', lastSeenOn: '2026-02-02', today: '2026-02-10' });
    expect(due).toMatchObject({ basis: 'last-seen', from: '2026-02-02', dueOn: '2026-02-16', status: 'due', left: 4, unit: 'working-days' });
  });

  it('counts from the start of the episode when the child has not been seen since it started', () => {
    const none = nextVisitDue({ frequency: cp, episodeStart: '2026-02-02', lastSeenOn: null, today: '2026-02-03' });
    expect(none).toMatchObject({ basis: 'episode-start', from: '2026-02-02', dueOn: '2026-02-16' });
    // A visit before the plan started does not start its clock.
    const before = nextVisitDue({ frequency: cp, episodeStart: '2026-02-02', lastSeenOn: '2026-01-28', today: '2026-02-03' });
    expect(before).toMatchObject({ basis: 'episode-start', from: '2026-02-02', dueOn: '2026-02-16' });
  });

  it('steps over bank holidays: ten working days from Christmas Eve 2026 end on 12 January 2027', () => {
    const due = nextVisitDue({ frequency: cp, episodeStart: '2026-11-02', lastSeenOn: '2026-12-24', today: '2026-12-29' });
    expect(due?.dueOn).toBe(addWorkingDays('2026-12-24', 10));
    expect(due?.dueOn).toBe('2027-01-12');
    expect(due?.left).toBe(workingDaysBetween('2026-12-29', '2027-01-12'));
  });

  it('steps over the council’s closure days too', () => {
    const closedBetweenChristmasAndNewYear = workingCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
    const due = nextVisitDue({ frequency: cp, episodeStart: '2026-11-02', lastSeenOn: '2026-12-24', today: '2026-12-24', calendar: closedBetweenChristmasAndNewYear });
    expect(due?.dueOn).toBe('2027-01-15');
  });

  it('is due soon in the last three working days, due today on the day, and overdue the working day after', () => {
    const at = (today: string) => nextVisitDue({ frequency: cp, episodeStart: '2026-01-05', lastSeenOn: '2026-02-02', today })!;
    expect(at('2026-02-10')).toMatchObject({ status: 'due', left: 4 });
    expect(at('2026-02-11')).toMatchObject({ status: 'due-soon', left: DUE_SOON_WORKING_DAYS });
    expect(at('2026-02-16')).toMatchObject({ status: 'due-soon', left: 0 });
    expect(at('2026-02-17')).toMatchObject({ status: 'overdue', left: -1 });
    // Overdue counts working days too: from Monday 16th to Monday 23rd is 5 working days late.
    expect(at('2026-02-23')).toMatchObject({ status: 'overdue', left: -5 });
    // A weekend day after the due date is overdue by the working days before it.
    expect(at('2026-02-21')).toMatchObject({ status: 'overdue', left: -4 });
  });

  it('is never due before the child was last seen, and left is exactly the working days to the due date (property)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: 1, max: 60 }), fc.integer({ min: -30, max: 200 }), (a, b, every, offset) => {
        const [episodeStart, lastSeenOn] = a <= b ? [a, b] : [b, a];
        const today = addWorkingDays(lastSeenOn, offset);
        const due = nextVisitDue({ frequency: { every, unit: 'working-days' }, episodeStart, lastSeenOn, today })!;
        expect(due.dueOn > lastSeenOn).toBe(true);
        expect(workingDaysBetween(lastSeenOn, due.dueOn)).toBe(every);
        // Overdue counts the working days since the due date, and at least one.
        expect(due.left).toBe(today > due.dueOn ? -Math.max(1, workingDaysBetween(due.dueOn, today)) : workingDaysBetween(today, due.dueOn));
        expect(due.status === 'overdue').toBe(today > due.dueOn);
      }),
    );
  });
});

describe('when the next visit is due: weeks', () => {
  const lac = { every: 6, unit: 'weeks' } as const;

  it('counts calendar weeks, bank holidays and weekends included', () => {
    const due = nextVisitDue({ frequency: lac, episodeStart: '2025-06-02', lastSeenOn: '2026-12-21', today: '2026-12-28' });
    expect(due).toMatchObject({ dueOn: '2027-02-01', unit: 'weeks', left: 35, status: 'due' });
  });

  it('is due soon in the last week and overdue the day after the due date', () => {
    const at = (today: string) => nextVisitDue({ frequency: lac, episodeStart: '2025-06-02', lastSeenOn: '2026-01-05', today })!;
    expect(at('2026-02-08')).toMatchObject({ dueOn: '2026-02-16', status: 'due', left: 8 });
    expect(at('2026-02-09')).toMatchObject({ status: 'due-soon', left: DUE_SOON_DAYS });
    expect(at('2026-02-16')).toMatchObject({ status: 'due-soon', left: 0 });
    expect(at('2026-02-17')).toMatchObject({ status: 'overdue', left: -1 });
  });

  it('always falls on the same weekday as the last visit (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 52 }), (lastSeenOn, every) => {
        const due = nextVisitDue({ frequency: { every, unit: 'weeks' }, episodeStart: lastSeenOn, lastSeenOn, today: lastSeenOn })!;
        expect(new Date(`${due.dueOn}T00:00:00Z`).getUTCDay()).toBe(new Date(`${lastSeenOn}T00:00:00Z`).getUTCDay());
        expect(due.left).toBe(every * 7);
      }),
    );
  });
});

describe('a child with several open episodes', () => {
  const frequencies: Frequencies = DEFAULT_FREQUENCIES;

  it('takes the plan whose visit falls due first: a child protection plan inside a child in need episode', () => {
    const due = visitDueForChild({
      openEpisodes: [
        { type: 'child-in-need', startDate: '2025-09-01' },
        { type: 'child-protection', startDate: '2026-01-12' },
      ],
      lastSeenOn: '2026-01-05',
      frequencies,
      today: '2026-01-14',
    });
    expect(due).toMatchObject({ planType: 'child-protection', dueOn: addWorkingDays('2026-01-12', 10) });
  });

  it('has no visit due for early help only, or with no open episode, unless the council sets a frequency', () => {
    expect(visitDueForChild({ openEpisodes: [{ type: 'early-help', startDate: '2026-01-05' }], lastSeenOn: null, frequencies, today: '2026-01-14' })).toBeNull();
    expect(visitDueForChild({ openEpisodes: [], lastSeenOn: null, frequencies, today: '2026-01-14' })).toBeNull();
    const withEarlyHelp = { ...frequencies, 'early-help': { every: 4, unit: 'weeks' as const } };
    expect(visitDueForChild({ openEpisodes: [{ type: 'early-help', startDate: '2026-01-05' }], lastSeenOn: null, frequencies: withEarlyHelp, today: '2026-01-14' })).toMatchObject({
      planType: 'early-help',
      dueOn: '2026-02-02',
    });
  });

  it('uses the calendar it is given', () => {
    const due = visitDueForChild({ openEpisodes: [{ type: 'child-in-need', startDate: '2026-01-05' }], lastSeenOn: null, frequencies, today: '2026-01-05', calendar: englandAndWales });
    expect(due?.dueOn).toBe('2026-02-02');
  });
});

describe('the visit type a new visit starts with', () => {
  it('follows the most intensive open episode, and is "other" for early help or nothing open', () => {
    expect(visitTypeForEpisodes([{ type: 'child-in-need' }, { type: 'child-protection' }])).toBe('child-protection');
    expect(visitTypeForEpisodes([{ type: 'child-in-need' }, { type: 'looked-after' }])).toBe('looked-after');
    expect(visitTypeForEpisodes([{ type: 'child-in-need' }])).toBe('child-in-need');
    expect(visitTypeForEpisodes([{ type: 'early-help' }])).toBe('other');
    expect(visitTypeForEpisodes([])).toBe('other');
  });
});

describe('how much time is left, in the unit of the child’s plan', () => {
  it('says working days for working-day plans', () => {
    expect(describeLeft({ unit: 'working-days', left: 4 })).toBe('4 working days left');
    expect(describeLeft({ unit: 'working-days', left: 1 })).toBe('1 working day left');
    expect(describeLeft({ unit: 'working-days', left: 0 })).toBe('Due today');
    expect(describeLeft({ unit: 'working-days', left: -1 })).toBe('1 working day overdue');
    expect(describeLeft({ unit: 'working-days', left: -12 })).toBe('12 working days overdue');
  });

  it('says weeks (and days) for weekly plans', () => {
    expect(describeLeft({ unit: 'weeks', left: 35 })).toBe('5 weeks left');
    expect(describeLeft({ unit: 'weeks', left: 8 })).toBe('1 week and 1 day left');
    expect(describeLeft({ unit: 'weeks', left: 3 })).toBe('3 days left');
    expect(describeLeft({ unit: 'weeks', left: 0 })).toBe('Due today');
    expect(describeLeft({ unit: 'weeks', left: -1 })).toBe('1 day overdue');
    expect(describeLeft({ unit: 'weeks', left: -16 })).toBe('2 weeks and 2 days overdue');
  });
});

describe('most overdue first', () => {
  it('orders by due date, then by name, whatever the units', () => {
    const list = [
      { name: 'B', due: { dueOn: '2026-02-10' } },
      { name: 'A', due: { dueOn: '2026-02-10' } },
      { name: 'C', due: { dueOn: '2026-01-30' } },
      { name: 'D', due: null },
    ];
    expect([...list].sort(byMostOverdue).map((c) => c.name)).toEqual(['C', 'A', 'B', 'D']);
  });
});
