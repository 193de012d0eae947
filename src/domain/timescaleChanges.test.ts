import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addWorkingDays, englandAndWales, workingCalendar } from './workingDays';
import { assessmentSchedule } from './timescales';
import { closureDaysChanged, rescheduleAssessment, type StoredCheckpoint } from './timescaleChanges';

const DEFAULT = [10, 30, 45];
type Variant = Parameters<typeof assessmentSchedule>[0]['variant'];

/** An assessment as it was stored when it started with this calendar and expected delivery date. */
function started(
  referralDate: string,
  opts: {
    variant?: Variant;
    edd?: string | null;
    calendar?: ReturnType<typeof workingCalendar>;
    days?: number[];
  } = {},
) {
  const s = assessmentSchedule({
    referralDate,
    checkpoints: opts.days ?? DEFAULT,
    variant: opts.variant ?? 'standard',
    expectedDeliveryDate: opts.edd ?? null,
    calendar: opts.calendar ?? englandAndWales,
  });
  return {
    referralDate,
    variant: opts.variant ?? ('standard' as Variant),
    expectedDeliveryDate: opts.edd ?? null,
    dueOn: s.finalDueOn,
    checkpoints: s.checkpoints.map((c): StoredCheckpoint => ({ day: c.day, dueOn: c.dueOn, decision: null })),
  };
}

describe('an open assessment’s dates when the council adds or removes a closure day', () => {
  const referral = '2025-06-02'; // a Monday: day 10 is 16 June, day 30 is 14 July, day 45 is 4 August
  const a = started(referral);

  it('moves each checkpoint on or after the closure day one working day later, and the due date with the last', () => {
    const closed = workingCalendar(['2025-06-20']); // between day 10 and day 30
    const r = rescheduleAssessment({ ...a, today: referral, calendar: closed });
    expect(r.checkpoints).toEqual([
      { day: 30, from: '2025-07-14', to: '2025-07-15' },
      { day: 45, from: '2025-08-04', to: '2025-08-05' },
    ]);
    expect(r.dueOn).toEqual({ from: '2025-08-04', to: '2025-08-05' });
  });

  it('moves a checkpoint that falls on the closure day itself', () => {
    const r = rescheduleAssessment({ ...a, today: referral, calendar: workingCalendar(['2025-06-16']) });
    expect(r.checkpoints[0]).toEqual({ day: 10, from: '2025-06-16', to: '2025-06-17' });
  });

  it('moves them back when the closure day is removed again', () => {
    const closed = workingCalendar(['2025-06-20']);
    const withClosure = started(referral, { calendar: closed });
    const r = rescheduleAssessment({ ...withClosure, today: referral, calendar: englandAndWales });
    expect(r.checkpoints.map((c) => [c.day, c.to])).toEqual([
      [30, '2025-07-14'],
      [45, '2025-08-04'],
    ]);
    expect(r.dueOn).toEqual({ from: '2025-08-05', to: '2025-08-04' });
  });

  it('changes nothing when the closure day is after the due date, or at a weekend', () => {
    expect(
      rescheduleAssessment({
        ...a,
        today: referral,
        calendar: workingCalendar(['2025-08-05', '2025-06-21']),
      }),
    ).toEqual({ dueOn: null, checkpoints: [] });
  });

  it('never moves a checkpoint with the manager’s decision, nor one already passed', () => {
    const decided = {
      ...a,
      checkpoints: a.checkpoints.map((c) => (c.day === 30 ? { ...c, decision: 'continue' } : c)),
    };
    const early = workingCalendar(['2025-06-05']); // before day 10: every date would move
    const r = rescheduleAssessment({ ...decided, today: '2025-06-17', calendar: early });
    // Day 10 (16 June) has passed; day 30 is decided; only day 45 moves.
    expect(r.checkpoints).toEqual([{ day: 45, from: '2025-08-04', to: '2025-08-05' }]);
    expect(r.dueOn).toEqual({ from: '2025-08-04', to: '2025-08-05' });
  });

  it('keeps the due date when the final checkpoint is decided, and no checkpoint moves past it', () => {
    const decided = {
      ...a,
      checkpoints: a.checkpoints.map((c) => (c.day === 45 ? { ...c, decision: 'continue' } : c)),
    };
    const r = rescheduleAssessment({
      ...decided,
      today: referral,
      calendar: workingCalendar(['2025-06-05']),
    });
    expect(r.dueOn).toBeNull();
    expect(r.checkpoints.map((c) => c.day)).toEqual([10, 30]);
    expect(r.checkpoints.every((c) => c.to <= a.dueOn)).toBe(true);
  });

  it('keeps a due date already passed (a late assessment stays late)', () => {
    const r = rescheduleAssessment({ ...a, today: '2025-08-05', calendar: workingCalendar(['2025-06-05']) });
    expect(r).toEqual({ dueOn: null, checkpoints: [] });
  });

  it('uses the assessment’s own checkpoint days, not the council’s setting now', () => {
    const own = started(referral, { days: [5, 20] });
    const r = rescheduleAssessment({ ...own, today: referral, calendar: workingCalendar(['2025-06-03']) });
    expect(r.checkpoints.map((c) => [c.day, c.to])).toEqual([
      [5, addWorkingDays(referral, 5, workingCalendar(['2025-06-03']))],
      [20, addWorkingDays(referral, 20, workingCalendar(['2025-06-03']))],
    ]);
  });

  it('with nothing changed, moves nothing; worked out again from day 0, gives what a new start would', () => {
    const anyDate = fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2027-06-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        anyDate,
        fc.uniqueArray(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 200 })),
        (referralDate, offsets, eddIn) => {
          const closures = offsets.map((n) => addDays(referralDate, n));
          const edd = eddIn === null ? null : addDays(referralDate, eddIn);
          const variant: Variant = edd ? 'pre-birth' : 'standard';
          const before = started(referralDate, { variant, edd });
          expect(rescheduleAssessment({ ...before, today: referralDate, calendar: englandAndWales })).toEqual(
            { dueOn: null, checkpoints: [] },
          );
          const calendar = workingCalendar(closures);
          const fresh = assessmentSchedule({
            referralDate,
            checkpoints: DEFAULT,
            variant,
            expectedDeliveryDate: edd,
            calendar,
          });
          const r = rescheduleAssessment({ ...before, today: referralDate, calendar });
          const after = new Map(before.checkpoints.map((c) => [c.day, c.dueOn]));
          for (const m of r.checkpoints) after.set(m.day, m.to);
          expect([...after.entries()]).toEqual(fresh.checkpoints.map((c) => [c.day, c.dueOn]));
          expect(r.dueOn?.to ?? before.dueOn).toBe(fresh.finalDueOn);
        },
      ),
    );
  });
});

describe('a pre-birth assessment’s dates when the expected delivery date changes', () => {
  const referral = '2025-06-02';

  it('brings the due date forward to 4 weeks before a sooner delivery date, with the checkpoints after it', () => {
    const a = started(referral, { variant: 'pre-birth', edd: '2025-10-01' }); // 4 weeks before is after day 45
    expect(a.dueOn).toBe('2025-08-04');
    const r = rescheduleAssessment({
      ...a,
      expectedDeliveryDate: '2025-08-11',
      today: referral,
      calendar: englandAndWales,
    });
    // 4 weeks before 11 August 2025 is Monday 14 July, day 30.
    expect(r.dueOn).toEqual({ from: '2025-08-04', to: '2025-07-14' });
    expect(r.checkpoints).toEqual([{ day: 45, from: '2025-08-04', to: '2025-07-14' }]);
  });

  it('moves it later again, up to day 45, when the delivery date moves later', () => {
    const a = started(referral, { variant: 'pre-birth', edd: '2025-08-11' });
    expect(a.dueOn).toBe('2025-07-14');
    const later = rescheduleAssessment({
      ...a,
      expectedDeliveryDate: '2025-08-25',
      today: referral,
      calendar: englandAndWales,
    });
    expect(later.dueOn).toEqual({ from: '2025-07-14', to: '2025-07-28' });
    const muchLater = rescheduleAssessment({
      ...a,
      expectedDeliveryDate: '2026-01-05',
      today: referral,
      calendar: englandAndWales,
    });
    expect(muchLater.dueOn).toEqual({ from: '2025-07-14', to: '2025-08-04' });
    expect(muchLater.checkpoints).toEqual([{ day: 45, from: '2025-07-14', to: '2025-08-04' }]);
  });

  it('does not move a checkpoint the manager has decided on, even when the cap now falls before it', () => {
    const a = started(referral, { variant: 'pre-birth', edd: '2025-10-01' });
    const decided = {
      ...a,
      checkpoints: a.checkpoints.map((c) => (c.day === 30 ? { ...c, decision: 'continue' } : c)),
    };
    const r = rescheduleAssessment({
      ...decided,
      expectedDeliveryDate: '2025-07-28',
      today: referral,
      calendar: englandAndWales,
    });
    // 4 weeks before 28 July 2025 is Monday 30 June.
    expect(r.dueOn).toEqual({ from: '2025-08-04', to: '2025-06-30' });
    expect(r.checkpoints).toEqual([{ day: 45, from: '2025-08-04', to: '2025-06-30' }]);
  });

  it('does nothing for an assessment that is not pre-birth', () => {
    const a = started(referral);
    expect(
      rescheduleAssessment({
        ...a,
        expectedDeliveryDate: '2025-07-01',
        today: referral,
        calendar: englandAndWales,
      }),
    ).toEqual({ dueOn: null, checkpoints: [] });
  });

  it('does nothing without checkpoints', () => {
    expect(
      rescheduleAssessment({
        referralDate: referral,
        variant: 'pre-birth',
        expectedDeliveryDate: '2025-07-01',
        dueOn: '2025-08-04',
        checkpoints: [],
        today: referral,
        calendar: englandAndWales,
      }),
    ).toEqual({ dueOn: null, checkpoints: [] });
  });
});

describe('closure days changed', () => {
  it('lists the dates added and removed, whether stored with a name or as a bare date', () => {
    expect(
      closureDaysChanged(
        [{ date: '2025-12-29' }, '2025-12-30'],
        ['2025-12-30', { date: '2025-12-31' }, { date: '2025-12-24' }],
      ),
    ).toEqual({ added: ['2025-12-24', '2025-12-31'], removed: ['2025-12-29'] });
    expect(closureDaysChanged(['2025-12-30'], [{ date: '2025-12-30' }])).toEqual({ added: [], removed: [] });
  });
});
