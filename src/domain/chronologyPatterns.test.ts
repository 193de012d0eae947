import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beforeAndAfter, contactGaps, countsByQuarter, escalation, firstPlanStart, mergePeriods, quarterLabel, quarterOf, quartersBetween, type PatternEntry } from './chronologyPatterns';

const e = (occurredOn: string, category: string, significant = false): PatternEntry => ({ occurredOn, category, significant });

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

  it('counts every entry in range exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), { maxLength: 80 }), (dates) => {
        const entries = dates.map((d) => e(d.toISOString().slice(0, 10), 'health'));
        const counts = countsByQuarter(entries, '2020-01-01', '2025-12-31');
        expect(counts.totals.reduce((a, b) => a + b, 0)).toBe(entries.length);
        expect(counts.quarters).toHaveLength(24);
      }),
    );
  });
});

describe('escalation', () => {
  const today = '2025-06-30';
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
    const result = escalation(entries, { today });
    expect(result[0]).toEqual({ category: 'domestic-abuse', recent: 3, previous: 1, escalating: true });
    expect(result.find((r) => r.category === 'education')).toEqual({ category: 'education', recent: 3, previous: 3, escalating: false });
    expect(result.find((r) => r.category === 'police-incident')).toEqual({ category: 'police-incident', recent: 1, previous: 0, escalating: false });
    expect(result.find((r) => r.category === 'visit')).toBeUndefined();
  });

  it('needs half as many again: 3 after 2 escalates, 2 after 2 does not', () => {
    const at = (days: string[]) => escalation(days.map((d) => e(d, 'missing')), { today })[0]!;
    expect(at(['2025-01-05', '2025-02-05', '2025-04-05', '2025-05-05', '2025-06-05']).escalating).toBe(true);
    expect(at(['2025-01-05', '2025-02-05', '2025-04-05', '2025-05-05']).escalating).toBe(false);
  });
});

describe('gaps with no professional contact', () => {
  const today = '2025-12-31';
  it('finds stretches longer than the setting inside the periods the child was open', () => {
    const gaps = contactGaps(['2025-01-10', '2025-01-20', '2025-06-01', '2025-06-15'], [{ from: '2025-01-06', to: null }], { gapWeeks: 12, today });
    expect(gaps).toEqual([
      { from: '2025-01-20', to: '2025-06-01', days: 132, weeks: 18, open: false },
      { from: '2025-06-15', to: '2025-12-31', days: 199, weeks: 28, open: true },
    ]);
  });

  it('counts from the start of a period to the first contact, and ignores time when the case was closed', () => {
    const gaps = contactGaps(['2024-06-01', '2025-03-01'], [{ from: '2024-01-01', to: '2024-07-01' }, { from: '2025-02-20', to: '2025-04-01' }], { gapWeeks: 12, today });
    expect(gaps).toEqual([{ from: '2024-01-01', to: '2024-06-01', days: 152, weeks: 21, open: false }]);
  });

  it('joins overlapping periods of several children, and with no periods looks from the first contact to the last', () => {
    expect(mergePeriods([{ from: '2025-01-01', to: '2025-03-01' }, { from: '2025-02-01', to: '2025-05-01' }, { from: '2025-05-02', to: null }], today)).toEqual([{ from: '2025-01-01', to: today, open: true }]);
    expect(contactGaps(['2020-01-01', '2020-02-01', '2021-01-01'], [], { gapWeeks: 12, today })).toEqual([{ from: '2020-02-01', to: '2021-01-01', days: 335, weeks: 47, open: false }]);
    expect(contactGaps([], [], { gapWeeks: 12, today })).toEqual([]);
  });

  it('never reports a gap shorter than the setting', () => {
    fc.assert(
      fc.property(fc.array(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), { maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (dates, weeks) => {
        const days = dates.map((d) => d.toISOString().slice(0, 10));
        for (const gap of contactGaps(days, [{ from: '2024-01-01', to: null }], { gapWeeks: weeks, today })) {
          expect(gap.days).toBeGreaterThan(weeks * 7);
          expect(days.some((d) => d > gap.from && d < gap.to)).toBe(false);
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
    expect(result.rows).toEqual([
      { category: 'police-incident', before: 4, after: 1, beforePerQuarter: 1, afterPerQuarter: 1 },
      { category: 'education', before: 1, after: 0, beforePerQuarter: 0.2, afterPerQuarter: 0 },
    ]);
  });

  it('takes the first child in need or child protection episode as the start of help', () => {
    expect(firstPlanStart([{ type: 'early-help', startDate: '2019-01-01' }, { type: 'child-protection', startDate: '2022-05-01' }, { type: 'child-in-need', startDate: '2021-02-01' }])).toBe('2021-02-01');
    expect(firstPlanStart([{ type: 'early-help', startDate: '2019-01-01' }])).toBeNull();
  });
});
