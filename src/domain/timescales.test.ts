import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addWorkingDays, englandAndWales, workingCalendar, workingDaysBetween } from './workingDays';
import { assessmentDay, assessmentSchedule, checkpointDecisionAllowed, checkpointDecisionOpensOn, checkpointStates, completionDate, dueSoonHorizon, lastWorkingDayOnOrBefore, needsLateReasons, timescaleStatus } from './timescales';

const anyDate = fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const anyCheckpoints = fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 6 });
const DEFAULT = [10, 30, 45];

const schedule = (referralDate: string, extra: Partial<Parameters<typeof assessmentSchedule>[0]> = {}) =>
  assessmentSchedule({ referralDate, checkpoints: DEFAULT, variant: 'standard', expectedDeliveryDate: null, ...extra });

describe('checkpoint due dates: the Nth working day after the referral (day 0)', () => {
  it('on ordinary weeks', () => {
    const s = schedule('2025-06-02');
    expect(s.checkpoints.map((c) => [c.day, c.dueOn])).toEqual([
      [10, '2025-06-16'],
      [30, '2025-07-14'],
      [45, '2025-08-04'],
    ]);
    expect(s.finalDueOn).toBe('2025-08-04');
    expect(s.rule).toBe('working-days');
    expect(s.checkpoints.map((c) => c.final)).toEqual([false, false, true]);
  });

  it('when the referral comes in at a weekend (day 1 is the Monday)', () => {
    expect(schedule('2024-06-08').checkpoints[0]).toMatchObject({ day: 10, dueOn: '2024-06-21' });
    expect(schedule('2024-06-09').checkpoints[0]).toMatchObject({ day: 10, dueOn: '2024-06-21' });
  });

  it('stepping over Christmas and New Year in 2024, 2026 and 2027', () => {
    // Friday 20 December 2024: 25, 26 December and 1 January are bank holidays.
    expect(schedule('2024-12-20').checkpoints[0]!.dueOn).toBe('2025-01-08');
    // 2026: Christmas on a Friday, Boxing Day's holiday on Monday 28th, New Year's Day on a Friday.
    expect(addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(schedule('2026-12-23', { checkpoints: [5] }).finalDueOn).toBe('2027-01-04');
    // 2027: Christmas and Boxing Day at the weekend, so Monday 27 and Tuesday 28 are the holidays.
    expect(schedule('2027-12-24', { checkpoints: [1] }).finalDueOn).toBe('2027-12-29');
  });

  it('stepping over Easter in 2024, 2025, 2026 and 2027', () => {
    expect(schedule('2024-03-28', { checkpoints: [1] }).finalDueOn).toBe('2024-04-02');
    expect(schedule('2025-04-14').checkpoints[0]!.dueOn).toBe('2025-04-30');
    expect(schedule('2026-04-02', { checkpoints: [1] }).finalDueOn).toBe('2026-04-07');
    expect(schedule('2027-03-25', { checkpoints: [1] }).finalDueOn).toBe('2027-03-30');
  });

  it('takes the council’s closure days into account', () => {
    const calendar = workingCalendar(['2025-06-03', '2025-06-04']);
    expect(schedule('2025-06-02', { calendar, checkpoints: [1] }).finalDueOn).toBe('2025-06-05');
  });

  it('uses the configured checkpoints, in order, the last being the final timescale', () => {
    const s = schedule('2025-06-02', { checkpoints: [40, 5, 20, 5] });
    expect(s.checkpoints.map((c) => c.day)).toEqual([5, 20, 40]);
    expect(s.finalDueOn).toBe(addWorkingDays('2025-06-02', 40));
    expect(() => schedule('2025-06-02', { checkpoints: [] })).toThrow();
  });

  it('never puts a due date on a weekend or bank holiday, and every checkpoint is the Nth working day', () => {
    fc.assert(
      fc.property(anyDate, anyCheckpoints, (referralDate, checkpoints) => {
        const s = assessmentSchedule({ referralDate, checkpoints, variant: 'standard', expectedDeliveryDate: null });
        return s.checkpoints.every((c) => englandAndWales.isWorkingDay(c.dueOn) && workingDaysBetween(referralDate, c.dueOn) === c.day);
      }),
    );
  });
});

describe('pre-birth assessments: due 4 weeks before the expected delivery date when that is sooner', () => {
  it('brings the final date forward to the last working day at least 4 weeks before delivery', () => {
    // Due Saturday 1 March 2025: 4 weeks before is Saturday 1 February, so Friday 31 January.
    const s = schedule('2025-01-06', { variant: 'pre-birth', expectedDeliveryDate: '2025-03-01' });
    expect(s.finalDueOn).toBe('2025-01-31');
    expect(s.rule).toBe('before-delivery');
    // Checkpoints after the new final date come no later than it.
    expect(s.checkpoints.map((c) => [c.day, c.dueOn])).toEqual([
      [10, '2025-01-20'],
      [30, '2025-01-31'],
      [45, '2025-01-31'],
    ]);
  });

  it('keeps day 45 when the birth is far enough away', () => {
    const s = schedule('2025-01-06', { variant: 'pre-birth', expectedDeliveryDate: '2025-09-01' });
    expect(s.finalDueOn).toBe('2025-03-10');
    expect(s.rule).toBe('working-days');
  });

  it('when the baby is due in less than 4 weeks: before the birth, and never before day 1', () => {
    const soon = schedule('2025-01-06', { variant: 'pre-birth', expectedDeliveryDate: '2025-01-20' });
    expect(soon.finalDueOn).toBe('2025-01-17');
    expect(soon.rule).toBe('delivery-imminent');
    const tomorrow = schedule('2025-01-06', { variant: 'pre-birth', expectedDeliveryDate: '2025-01-07' });
    expect(tomorrow.finalDueOn).toBe('2025-01-07');
  });

  it('applies only to the pre-birth variant', () => {
    expect(schedule('2025-01-06', { variant: 'standard', expectedDeliveryDate: '2025-03-01' }).finalDueOn).toBe('2025-03-10');
  });

  it('is never later than day 45, never on a non-working day, and never before day 1', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -30, max: 300 }), (referralDate, weeksAhead) => {
        const edd = addDays(referralDate, weeksAhead);
        const s = schedule(referralDate, { variant: 'pre-birth', expectedDeliveryDate: edd });
        const standard = schedule(referralDate).finalDueOn;
        return (
          s.finalDueOn <= standard &&
          englandAndWales.isWorkingDay(s.finalDueOn) &&
          s.finalDueOn >= addWorkingDays(referralDate, 1) &&
          s.checkpoints.every((c) => c.dueOn <= s.finalDueOn) &&
          (s.rule !== 'before-delivery' || s.finalDueOn <= addDays(edd, -28))
        );
      }),
    );
  });
});

describe('lastWorkingDayOnOrBefore', () => {
  it('steps back over weekends and bank holidays', () => {
    expect(lastWorkingDayOnOrBefore('2025-06-04')).toBe('2025-06-04');
    expect(lastWorkingDayOnOrBefore('2025-06-08')).toBe('2025-06-06');
    expect(lastWorkingDayOnOrBefore('2025-12-26')).toBe('2025-12-24');
    expect(lastWorkingDayOnOrBefore('2025-04-21')).toBe('2025-04-17');
  });
});

describe('where an assessment stands on a day', () => {
  const base = { referralDate: '2025-06-02', dueOn: '2025-08-04', completedOn: null, dueSoonDays: 5 };

  it('is on track with the working days left', () => {
    const s = timescaleStatus({ ...base, today: '2025-06-16' });
    expect(s).toMatchObject({ state: 'on-track', workingDaysLeft: 35, workingDaysOver: null, dayNumber: 10 });
  });

  it('is due soon within 5 working days (configurable), and on the day itself', () => {
    expect(timescaleStatus({ ...base, today: '2025-07-28' })).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(timescaleStatus({ ...base, today: '2025-07-25' })).toMatchObject({ state: 'on-track', workingDaysLeft: 6 });
    expect(timescaleStatus({ ...base, today: '2025-07-25', dueSoonDays: 6 })).toMatchObject({ state: 'due-soon' });
    expect(timescaleStatus({ ...base, today: '2025-08-04' })).toMatchObject({ state: 'due-soon', workingDaysLeft: 0 });
    // A weekend before a Monday due date: one working day left.
    expect(timescaleStatus({ ...base, today: '2025-08-02' })).toMatchObject({ state: 'due-soon', workingDaysLeft: 1 });
  });

  it('is late the day after the due date, counting the working days over', () => {
    expect(timescaleStatus({ ...base, today: '2025-08-05' })).toMatchObject({ state: 'late', workingDaysLeft: null, workingDaysOver: 1 });
    expect(timescaleStatus({ ...base, today: '2025-08-11' })).toMatchObject({ state: 'late', workingDaysOver: 5 });
    // Due on a Friday: late on the Saturday, with no working day over yet.
    expect(timescaleStatus({ ...base, dueOn: '2025-08-01', today: '2025-08-02' })).toMatchObject({ state: 'late', workingDaysOver: 0 });
  });

  it('once authorised: completed in time or late, with the working days it took', () => {
    expect(timescaleStatus({ ...base, today: '2026-01-01', completedOn: '2025-07-01' })).toMatchObject({ state: 'completed-in-time', workingDaysTaken: 21 });
    expect(timescaleStatus({ ...base, today: '2026-01-01', completedOn: '2025-08-04' })).toMatchObject({ state: 'completed-in-time', workingDaysTaken: 45 });
    expect(timescaleStatus({ ...base, today: '2026-01-01', completedOn: '2025-08-06' })).toMatchObject({ state: 'completed-late', workingDaysTaken: 47, workingDaysOver: 2 });
  });

  it('agrees with the working-day count whatever the day (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 80 }), fc.integer({ min: -100, max: 200 }), fc.integer({ min: 0, max: 15 }), (referralDate, n, offset, dueSoonDays) => {
        const dueOn = addWorkingDays(referralDate, n);
        const today = addDays(referralDate, offset);
        const s = timescaleStatus({ referralDate, dueOn, today, completedOn: null, dueSoonDays });
        if (today > dueOn) return s.state === 'late' && s.workingDaysOver === workingDaysBetween(dueOn, today);
        if (s.workingDaysLeft === null || addWorkingDays(today, s.workingDaysLeft) !== dueOn) return false;
        return s.state === (s.workingDaysLeft <= dueSoonDays ? 'due-soon' : 'on-track');
      }),
    );
  });
});

describe('reasons for lateness', () => {
  const open = { status: 'in-progress' as const, dueOn: '2025-08-04', authorisedOn: null, lateReason: null };
  it('are needed past the final date without authorisation, until recorded', () => {
    expect(needsLateReasons({ ...open, today: '2025-08-04' })).toBe(false);
    expect(needsLateReasons({ ...open, today: '2025-08-05' })).toBe(true);
    expect(needsLateReasons({ ...open, today: '2025-08-05', lateReason: '   ' })).toBe(true);
    expect(needsLateReasons({ ...open, today: '2025-08-05', lateReason: 'The family were abroad for three weeks' })).toBe(false);
  });
  it('are needed when it was authorised after the final date', () => {
    expect(needsLateReasons({ ...open, status: 'authorised', authorisedOn: '2025-08-01', today: '2026-01-01' })).toBe(false);
    expect(needsLateReasons({ ...open, status: 'authorised', authorisedOn: '2025-08-06', today: '2026-01-01' })).toBe(true);
  });
  it('are not asked of an early help assessment closed when it was stepped up: the work goes on in the new one', () => {
    expect(needsLateReasons({ ...open, status: 'closed', today: '2026-01-01' })).toBe(false);
  });
});

describe('checkpoint decisions', () => {
  const cps = [
    { day: 10, dueOn: '2025-06-16', decision: null },
    { day: 30, dueOn: '2025-07-14', decision: null },
    { day: 45, dueOn: '2025-08-04', decision: null },
  ];
  it('need a decision once due within the due-soon window or past, not before', () => {
    const horizon = dueSoonHorizon('2025-06-10', 5);
    expect(horizon).toBe('2025-06-17');
    expect(checkpointStates(cps, '2025-06-10', horizon).map((c) => c.state)).toEqual(['decision-needed', 'not-yet', 'not-yet']);
    expect(checkpointStates(cps, '2025-07-20', dueSoonHorizon('2025-07-20', 5)).map((c) => c.state)).toEqual(['decision-needed', 'decision-needed', 'not-yet']);
  });
  it('are recorded, and a decision to close means later checkpoints are not needed', () => {
    const decided = [{ ...cps[0]!, decision: 'close' }, cps[1]!, cps[2]!];
    expect(checkpointStates(decided, '2025-09-01', dueSoonHorizon('2025-09-01', 5)).map((c) => c.state)).toEqual(['decided', 'not-needed', 'not-needed']);
    const goOn = [{ ...cps[0]!, decision: 'full-assessment' }, cps[1]!, cps[2]!];
    expect(checkpointStates(goOn, '2025-09-01', dueSoonHorizon('2025-09-01', 5)).map((c) => c.state)).toEqual(['decided', 'decision-needed', 'decision-needed']);
  });
});

describe('when a checkpoint decision may be recorded', () => {
  const cps = [
    { day: 10, dueOn: '2025-06-16', decision: null },
    { day: 30, dueOn: '2025-07-14', decision: null },
    { day: 45, dueOn: '2025-08-04', decision: null },
  ];
  it('opens 5 working days (the due-soon window) before the checkpoint is due, and stays open after', () => {
    expect(checkpointDecisionOpensOn('2025-06-16', 5)).toBe('2025-06-09');
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-06', 5)).toEqual({ ok: false, reason: 'not-yet', opensOn: '2025-06-09' });
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-09', 5)).toEqual({ ok: true });
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-16', 5)).toEqual({ ok: true });
    expect(checkpointDecisionAllowed(cps, 10, '2025-09-01', 5)).toEqual({ ok: true });
    // A weekend before the window opens on the Monday.
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-07', 5)).toMatchObject({ ok: false, reason: 'not-yet' });
    expect(checkpointDecisionAllowed(cps, 30, '2025-06-16', 5)).toMatchObject({ ok: false, reason: 'not-yet', opensOn: '2025-07-07' });
  });
  it('with no window, only on the day it is due', () => {
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-13', 0)).toMatchObject({ ok: false, reason: 'not-yet', opensOn: '2025-06-16' });
    expect(checkpointDecisionAllowed(cps, 10, '2025-06-16', 0)).toEqual({ ok: true });
  });
  it('counts closure days and bank holidays in the window', () => {
    // Christmas 2025: 25 and 26 December are bank holidays; the council also closes on 29 December.
    const calendar = workingCalendar(['2025-12-29']);
    expect(checkpointDecisionOpensOn('2026-01-02', 5, calendar)).toBe('2025-12-22');
  });
  it('agrees with the states the overview shows (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -30, max: 120 }), fc.integer({ min: 0, max: 15 }), (referralDate, offset, windowDays) => {
        const s = schedule(referralDate);
        const list = s.checkpoints.map((c) => ({ day: c.day, dueOn: c.dueOn, decision: null }));
        const today = addDays(referralDate, offset);
        const states = checkpointStates(list, today, dueSoonHorizon(today, windowDays));
        return list.every((c, i) => checkpointDecisionAllowed(list, c.day, today, windowDays).ok === (states[i]!.state === 'decision-needed'));
      }),
    );
  });
  it('is refused once decided, after a decision to close, and for a checkpoint the assessment does not have', () => {
    const closed = [{ ...cps[0]!, decision: 'close' }, cps[1]!, cps[2]!];
    expect(checkpointDecisionAllowed(closed, 10, '2025-09-01', 5)).toEqual({ ok: false, reason: 'decided' });
    expect(checkpointDecisionAllowed(closed, 30, '2025-09-01', 5)).toEqual({ ok: false, reason: 'not-needed' });
    expect(checkpointDecisionAllowed(cps, 11, '2025-09-01', 5)).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('the date a timescale ended', () => {
  it('is the authorisation date, or the date it was closed, or none while open', () => {
    expect(completionDate({ authorisedOn: '2025-07-01', closedOn: null })).toBe('2025-07-01');
    expect(completionDate({ authorisedOn: null, closedOn: '2025-06-20' })).toBe('2025-06-20');
    expect(completionDate({ authorisedOn: null, closedOn: null })).toBeNull();
    expect(completionDate({ authorisedOn: null })).toBeNull();
  });
});

describe('assessmentDay: the working day of an open assessment, as lists show it', () => {
  it('counts working days from the referral (day 0) and says of how many', () => {
    // Referral on Monday 6 January 2025; due on day 45, Monday 10 March 2025.
    expect(assessmentDay({ referralDate: '2025-01-06', dueOn: '2025-03-10', today: '2025-01-06' })).toEqual({ day: 0, of: 45, late: false });
    expect(assessmentDay({ referralDate: '2025-01-06', dueOn: '2025-03-10', today: '2025-01-22' })).toEqual({ day: 12, of: 45, late: false });
    expect(assessmentDay({ referralDate: '2025-01-06', dueOn: '2025-03-10', today: '2025-03-12' })).toEqual({ day: 47, of: 45, late: true });
  });

  it('skips bank holidays and closure days, as the due dates do', () => {
    // Referral on Thursday 17 April 2025: Good Friday and Easter Monday are not working days.
    expect(assessmentDay({ referralDate: '2025-04-17', dueOn: addWorkingDays('2025-04-17', 45), today: '2025-04-22' })).toEqual({ day: 1, of: 45, late: false });
    const calendar = workingCalendar(['2025-04-23']);
    expect(assessmentDay({ referralDate: '2025-04-17', dueOn: addWorkingDays('2025-04-17', 45, calendar), today: '2025-04-24', calendar })).toEqual({ day: 2, of: 45, late: false });
  });

  it('agrees with the schedule: on the due date it is day N of N, for any referral date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 60 }), (offset, days) => {
        const referralDate = addDays('2020-01-01', offset);
        const dueOn = addWorkingDays(referralDate, days, englandAndWales);
        expect(assessmentDay({ referralDate, dueOn, today: dueOn })).toEqual({ day: days, of: days, late: false });
        expect(assessmentDay({ referralDate, dueOn, today: referralDate }).day).toBe(0);
      }),
    );
  });
});
