import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  beforeAndAfter,
  contactGaps,
  countsByQuarter,
  currentPlan,
  escalation,
  escalationWindows,
  isProfessionalContact,
  mergePeriods,
  placeIn,
  planChoices,
  quarterLabel,
  quarterOf,
  quartersBetween,
  type PatternEntry,
} from './chronologyPatterns';
import type { Precision } from './chronologyOrder';

const e = (occurredOn: string, category: string, significant = false): PatternEntry => ({ occurredOn, category, significant });
/** An entry whose date is known only as precisely as `precision` says (stored as the first day of the month or year). */
const vague = (occurredOn: string, category: string, precision: Precision): PatternEntry => ({ occurredOn, category, significant: false, precision });
const day = (occurredOn: string) => ({ occurredOn, precision: 'day' as const });

describe('professional contact', () => {
  it('is a visit, a meeting or a review, or a case note of a phone call, a meeting or a home visit', () => {
    for (const category of ['visit', 'meeting', 'review']) expect(isProfessionalContact({ category }), category).toBe(true);
    for (const noteType of ['phone-call', 'meeting', 'home-visit']) expect(isProfessionalContact({ category: 'case-note', noteType }), noteType).toBe(true);
  });

  it('is not a front-door contact about the child from someone else, nor a note of work between professionals', () => {
    expect(isProfessionalContact({ category: 'contact' })).toBe(false);
    expect(isProfessionalContact({ category: 'referral' })).toBe(false);
    expect(isProfessionalContact({ category: 'police-incident' })).toBe(false);
    for (const noteType of ['professional-discussion', 'message', 'other', null, undefined]) expect(isProfessionalContact({ category: 'case-note', noteType }), String(noteType)).toBe(false);
  });
});

describe('where an entry of imprecise date can be placed', () => {
  it('places a day in or out; a month or year only when all of it is inside', () => {
    expect(placeIn(e('2025-03-15', 'health'), '2025-03-01', '2025-03-31')).toBe('in');
    expect(placeIn(vague('2025-03-01', 'health', 'month'), '2025-01-01', '2025-03-31')).toBe('in');
    expect(placeIn(vague('2025-03-01', 'health', 'month'), '2025-03-10', '2025-06-30')).toBe('unsure');
    expect(placeIn(vague('2025-03-01', 'health', 'month'), '2025-04-01', '2025-06-30')).toBe('out');
    expect(placeIn(vague('2025-01-01', 'health', 'year'), '2025-01-01', '2025-03-31')).toBe('unsure');
    expect(placeIn(vague('2025-01-01', 'health', 'year'), '2025-01-01', '2025-12-31')).toBe('in');
    // A best guess of the day counts as that day.
    expect(placeIn(vague('2025-03-31', 'health', 'approximate'), '2025-01-01', '2025-03-31')).toBe('in');
  });
});

describe('quarters', () => {
  it('names calendar quarters and lists them in order', () => {
    expect(quarterOf('2025-01-01')).toBe('2025-Q1');
    expect(quarterOf('2025-03-31')).toBe('2025-Q1');
    expect(quarterOf('2025-04-01')).toBe('2025-Q2');
    expect(quarterOf('2025-12-31')).toBe('2025-Q4');
    expect(quarterLabel('2025-Q3')).toBe('Jul to Sep 2025');
    expect(quartersBetween('2024-11-15', '2025-05-01')).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
    expect(quartersBetween('2025-05-01', '2024-11-15')).toEqual([]);
  });

  it('counts each category per quarter, most frequent first, leaving out the ones that never happened', () => {
    const entries = [
      e('2024-10-02', 'police-incident'),
      e('2024-12-30', 'police-incident'),
      e('2025-01-15', 'police-incident'),
      e('2025-02-01', 'education'),
      e('2025-04-09', 'police-incident'),
      e('2023-01-01', 'police-incident'), // before the range
    ];
    const counts = countsByQuarter(entries, '2024-10-01', '2025-06-30');
    expect(counts.quarters).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
    expect(counts.rows).toEqual([
      { category: 'police-incident', counts: [2, 1, 1], total: 4 },
      { category: 'education', counts: [0, 1, 0], total: 1 },
    ]);
    expect(counts.totals).toEqual([2, 2, 1]);
  });

  it('counts an entry known to the month in its quarter, and one known only to the year apart, under its year, never in January to March', () => {
    const entries = [
      vague('2024-03-01', 'police-incident', 'month'), // March 2024
      vague('2024-11-01', 'police-incident', 'month'), // November 2024
      vague('2024-01-01', 'police-incident', 'year'), // 2024
      vague('2025-01-01', 'education', 'year'), // 2025
      vague('2025-01-01', 'education', 'year'),
      vague('2025-02-10', 'police-incident', 'approximate'), // about 10 February 2025
      e('2025-01-15', 'police-incident'),
      vague('2021-01-01', 'police-incident', 'year'), // before the range
    ];
    const counts = countsByQuarter(entries, '2024-01-01', '2025-03-31');
    expect(counts.quarters).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1']);
    expect(counts.rows).toEqual([{ category: 'police-incident', counts: [1, 0, 0, 1, 2], total: 4 }]);
    expect(counts.totals).toEqual([1, 0, 0, 1, 2]);
    expect(counts.yearOnly).toEqual({
      years: ['2024', '2025'],
      rows: [
        { category: 'education', counts: [0, 2], total: 2 },
        { category: 'police-incident', counts: [1, 0], total: 1 },
      ],
    });
    // A month that begins before the range but ends inside it is in the range's first quarter.
    expect(countsByQuarter([vague('2024-10-01', 'health', 'month')], '2024-10-15', '2024-12-31').rows).toEqual([{ category: 'health', counts: [1], total: 1 }]);
    // So is one that begins inside it and ends after it (the header comment says both).
    expect(countsByQuarter([vague('2024-12-01', 'health', 'month')], '2024-10-01', '2024-12-15').rows).toEqual([{ category: 'health', counts: [1], total: 1 }]);
  });

  it('counts every entry in range exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), { maxLength: 80 }), (dates) => {
        const entries = dates.map((d) => e(d.toISOString().slice(0, 10), 'health'));
        const counts = countsByQuarter(entries, '2020-01-01', '2025-12-31');
        expect(counts.totals.reduce((a, b) => a + b, 0)).toBe(entries.length);
        expect(counts.quarters).toHaveLength(24);
        expect(counts.yearOnly.rows).toEqual([]);
      }),
    );
  });
});

describe('escalation', () => {
  const to = '2025-06-30';
  it('flags a kind of incident that became more frequent in the latest quarter', () => {
    const entries = [
      // Domestic abuse: 1 in the window before (1 Jan to 31 Mar), 3 in the latest (1 Apr to 30 Jun).
      e('2025-02-10', 'domestic-abuse'),
      e('2025-04-05', 'domestic-abuse'),
      e('2025-05-05', 'domestic-abuse'),
      e('2025-06-30', 'domestic-abuse'),
      // School: 3 before, 3 now: steady.
      e('2025-01-10', 'education'),
      e('2025-02-10', 'education'),
      e('2025-03-10', 'education'),
      e('2025-04-10', 'education'),
      e('2025-05-10', 'education'),
      e('2025-06-10', 'education'),
      // One police incident now, none before: not enough to call it a pattern.
      e('2025-06-01', 'police-incident'),
      // Visits are work, not incidents.
      e('2025-06-01', 'visit'),
      e('2025-06-02', 'visit'),
      // Too long ago to count.
      e('2024-01-01', 'domestic-abuse'),
    ];
    const result = escalation(entries, { to });
    expect(result).toMatchObject({ to, recentFrom: '2025-04-01', previousFrom: '2024-12-31', windowDays: 91, unplaced: 0 });
    expect(result.rows[0]).toEqual({ category: 'domestic-abuse', recent: 3, previous: 1, escalating: true });
    expect(result.rows.find((r) => r.category === 'education')).toEqual({ category: 'education', recent: 3, previous: 3, escalating: false });
    expect(result.rows.find((r) => r.category === 'police-incident')).toEqual({ category: 'police-incident', recent: 1, previous: 0, escalating: false });
    expect(result.rows.find((r) => r.category === 'visit')).toBeUndefined();
  });

  it('needs half as many again: 3 after 2 escalates, 2 after 2 does not', () => {
    const at = (days: string[]) => escalation(days.map((d) => e(d, 'missing')), { to }).rows[0]!;
    expect(at(['2025-01-05', '2025-02-05', '2025-04-05', '2025-05-05', '2025-06-05']).escalating).toBe(true);
    expect(at(['2025-01-05', '2025-02-05', '2025-04-05', '2025-05-05']).escalating).toBe(false);
  });

  it('looks at the end of the period chosen, not at today, and counts nothing outside it', () => {
    const entries = [
      e('2023-08-10', 'missing'),
      e('2023-10-05', 'missing'),
      e('2023-11-05', 'missing'),
      e('2023-12-20', 'missing'),
      // After the period: the worse months since do not count.
      e('2024-02-01', 'missing'),
      e('2024-02-02', 'missing'),
      e('2024-02-03', 'police-incident'),
    ];
    const result = escalation(entries, { from: '2023-01-01', to: '2023-12-31' });
    expect(result).toMatchObject({ recentFrom: '2023-10-02', previousFrom: '2023-07-03', windowDays: 91 });
    expect(result.rows).toEqual([{ category: 'missing', recent: 3, previous: 1, escalating: true }]);
  });

  it('compares the two halves of a period shorter than 26 weeks', () => {
    expect(escalationWindows('2025-03-31', { from: '2025-03-01' })).toEqual({ recentFrom: '2025-03-17', previousFrom: '2025-03-02', windowDays: 15 });
    const result = escalation([e('2025-02-28', 'missing'), e('2025-03-05', 'missing'), e('2025-03-20', 'missing'), e('2025-03-25', 'missing')], { from: '2025-03-01', to: '2025-03-31' });
    expect(result.rows).toEqual([{ category: 'missing', recent: 2, previous: 1, escalating: true }]);
    // The windows always lie inside the period, whatever its length.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), (length) => {
        const from = '2024-01-01';
        const end = new Date(Date.parse('2024-01-01T00:00:00Z') + length * 86_400_000).toISOString().slice(0, 10);
        const w = escalationWindows(end, { from });
        expect(w.previousFrom >= from).toBe(length >= 1);
        expect(w.windowDays).toBeLessThanOrEqual(91);
      }),
    );
  });

  it('does not guess which window an incident known only to the month or year falls in', () => {
    const entries = [
      vague('2025-03-01', 'missing', 'month'), // March: across the boundary of 17 March
      vague('2025-05-01', 'missing', 'month'), // May: inside the latest window
      vague('2025-01-01', 'missing', 'year'),
      e('2025-06-01', 'missing'),
    ];
    const result = escalation(entries, { to: '2025-06-15' });
    expect(result.recentFrom).toBe('2025-03-17');
    expect(result.rows).toEqual([{ category: 'missing', recent: 2, previous: 0, escalating: true }]);
    expect(result.unplaced).toBe(2);
  });
});

describe('gaps with no professional contact', () => {
  const today = '2025-12-31';
  const days = (list: string[]) => list.map(day);
  it('finds stretches longer than the setting inside the periods the child was open', () => {
    const gaps = contactGaps(days(['2025-01-10', '2025-01-20', '2025-06-01', '2025-06-15']), [{ from: '2025-01-06', to: null }], { gapWeeks: 12, today });
    expect(gaps).toEqual([
      { from: '2025-01-20', to: '2025-06-01', days: 132, weeks: 18, open: false, unsure: 0 },
      { from: '2025-06-15', to: '2025-12-31', days: 199, weeks: 28, open: true, unsure: 0 },
    ]);
  });

  it('counts from the start of a period to the first contact, and ignores time when the case was closed', () => {
    const gaps = contactGaps(days(['2024-06-01', '2025-03-01']), [{ from: '2024-01-01', to: '2024-07-01' }, { from: '2025-02-20', to: '2025-04-01' }], { gapWeeks: 12, today });
    expect(gaps).toEqual([{ from: '2024-01-01', to: '2024-06-01', days: 152, weeks: 21, open: false, unsure: 0 }]);
  });

  it('joins overlapping periods of several children, and with no periods looks from the first contact to the last', () => {
    expect(mergePeriods([{ from: '2025-01-01', to: '2025-03-01' }, { from: '2025-02-01', to: '2025-05-01' }, { from: '2025-05-02', to: null }], today)).toEqual([{ from: '2025-01-01', to: today, open: true }]);
    expect(contactGaps(days(['2020-01-01', '2020-02-01', '2021-01-01']), [], { gapWeeks: 12, today })).toEqual([{ from: '2020-02-01', to: '2021-01-01', days: 335, weeks: 47, open: false, unsure: 0 }]);
    expect(contactGaps([], [], { gapWeeks: 12, today })).toEqual([]);
  });

  it('is not closed by a contact known only to the month or year, and says one may fall in it', () => {
    const open = [{ from: '2025-01-01', to: '2025-07-31' }];
    // Visits on 10 January and 15 June; a phone call some time in March (stored as 1 March).
    const contacts = [day('2025-01-10'), { occurredOn: '2025-03-01', precision: 'month' as const }, day('2025-06-15')];
    expect(contactGaps(contacts, open, { gapWeeks: 12, today })).toEqual([{ from: '2025-01-10', to: '2025-06-15', days: 156, weeks: 22, open: false, unsure: 1 }]);
    // A year-only contact may fall in the gap too; one from another year does not.
    const withYears = [...contacts, { occurredOn: '2025-01-01', precision: 'year' as const }, { occurredOn: '2023-01-01', precision: 'year' as const }];
    expect(contactGaps(withYears, open, { gapWeeks: 12, today })[0]!.unsure).toBe(2);
  });

  it('is not invented by a contact known only to the month: its first day is not taken as the day it happened', () => {
    // Contacts every eight weeks, and a note known only as "March": no stretch is longer than twelve weeks.
    const exact = ['2025-01-06', '2025-03-03', '2025-04-28', '2025-06-23'];
    const gaps = contactGaps([...days(exact), { occurredOn: '2025-03-01', precision: 'month' }], [{ from: '2025-01-06', to: '2025-07-31' }], { gapWeeks: 12, today });
    expect(gaps).toEqual([]);
  });

  it('never reports a gap shorter than the setting', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), { maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (dates, weeks) => {
        const list = dates.map((d) => d.toISOString().slice(0, 10));
        for (const gap of contactGaps(days(list), [{ from: '2024-01-01', to: null }], { gapWeeks: weeks, today })) {
          expect(gap.days).toBeGreaterThan(weeks * 7);
          expect(list.some((d) => d > gap.from && d < gap.to)).toBe(false);
        }
      }),
    );
  });
});

describe('before and after a plan started', () => {
  it('compares a year before with the time since, as counts and a fair rate per quarter', () => {
    const entries = [
      e('2024-03-01', 'police-incident'),
      e('2024-06-01', 'police-incident'),
      e('2024-09-01', 'police-incident'),
      e('2024-12-01', 'police-incident'),
      e('2025-02-01', 'police-incident'),
      e('2023-01-01', 'police-incident'), // more than a year before
      e('2024-12-31', 'education'),
    ];
    const result = beforeAndAfter(entries, '2025-01-01', { today: '2025-03-31' });
    expect(result.beforeFrom).toBe('2024-01-02');
    expect(result.afterTo).toBe('2025-03-31');
    expect(result.afterDays).toBe(90);
    expect(result.unplaced).toBe(0);
    expect(result.rows).toEqual([
      { category: 'police-incident', before: 4, after: 1, beforePerQuarter: 1, afterPerQuarter: 1 },
      { category: 'education', before: 1, after: 0, beforePerQuarter: 0.2, afterPerQuarter: 0 },
    ]);
  });

  it('does not guess whether an incident known only to the month the plan started in was before or after it', () => {
    const entries = [vague('2025-01-01', 'missing', 'month'), vague('2024-11-01', 'missing', 'month'), vague('2025-02-01', 'missing', 'month')];
    const result = beforeAndAfter(entries, '2025-01-15', { today: '2025-03-31' });
    expect(result.rows).toEqual([{ category: 'missing', before: 1, after: 1, beforePerQuarter: 0.2, afterPerQuarter: 1.2 }]);
    expect(result.unplaced).toBe(1);
  });
});

describe('which plan to compare before and after', () => {
  const today = '2025-06-30';
  const ep = (id: string, type: string, startDate: string, endDate: string | null = null) => ({ id, type, startDate, endDate });

  it('takes the current plan: the most recent child in need, child protection or looked after episode open today', () => {
    const episodes = [ep('cin', 'child-in-need', '2021-02-01'), ep('cp', 'child-protection', '2025-03-01'), ep('cp-old', 'child-protection', '2022-05-01', '2023-01-01'), ep('eh', 'early-help', '2025-05-01'), ep('la-ended', 'looked-after', '2025-04-01', '2025-05-01')];
    expect(currentPlan(episodes, today)).toMatchObject({ id: 'cp', startDate: '2025-03-01', open: true });
  });

  it('takes the most recent plan when none is open, and none without a plan', () => {
    expect(currentPlan([ep('a', 'child-in-need', '2021-02-01', '2021-09-01'), ep('b', 'looked-after', '2023-01-01', '2024-01-01')], today)).toMatchObject({ id: 'b', open: false });
    expect(currentPlan([ep('eh', 'early-help', '2019-01-01')], today)).toBeNull();
  });

  it('offers every plan to choose from, most recent start first, early help and care leavers left out', () => {
    const choices = planChoices([ep('a', 'child-in-need', '2021-02-01', '2021-09-01'), ep('b', 'child-protection', '2024-01-01'), ep('c', 'care-leaver', '2024-06-01'), ep('d', 'looked-after', '2023-01-01', '2024-01-01')], today);
    expect(choices.map((c) => [c.id, c.open])).toEqual([
      ['b', true],
      ['d', false],
      ['a', false],
    ]);
  });
});
