import { addDays, addWorkingDays, englandAndWales, workingDaysBetween, type Calendar } from './workingDays';

/**
 * Assessment timescales (A2), in working days from the council's calendar. The referral date is
 * day 0 and checkpoint N falls due on the Nth working day after it; the last checkpoint is the final
 * timescale (45 working days by default). A pre-birth assessment is due at least 4 weeks before the
 * expected delivery date when that is sooner (Keehan J's good practice steps, in the council's
 * procedure). Pure: the caller passes the calendar and today's date.
 */
export type AssessmentTimescaleVariant = 'standard' | 'pre-birth' | 'homelessness-16-17' | 'early-help' | 'specialist';

export type ScheduledCheckpoint = { day: number; dueOn: string; final: boolean };

/** Why the final date is what it is: the working-day count, 4 weeks before delivery, or before a birth less than 4 weeks away. */
export type FinalRule = 'working-days' | 'before-delivery' | 'delivery-imminent';

export type AssessmentSchedule = { checkpoints: ScheduledCheckpoint[]; finalDueOn: string; rule: FinalRule };

/** The last working day on or before a date. */
export function lastWorkingDayOnOrBefore(date: string, calendar: Calendar = englandAndWales): string {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

export function assessmentSchedule(input: {
  referralDate: string;
  checkpoints: readonly number[];
  variant: AssessmentTimescaleVariant;
  expectedDeliveryDate: string | null;
  calendar?: Calendar;
}): AssessmentSchedule {
  const calendar = input.calendar ?? englandAndWales;
  const days = [...new Set(input.checkpoints)].filter((d) => Number.isInteger(d) && d > 0).sort((a, b) => a - b);
  if (days.length === 0) throw new Error('An assessment needs at least one checkpoint');
  const last = days[days.length - 1]!;
  let finalDueOn = addWorkingDays(input.referralDate, last, calendar);
  let rule: FinalRule = 'working-days';
  if (input.variant === 'pre-birth' && input.expectedDeliveryDate) {
    const dayOne = addWorkingDays(input.referralDate, 1, calendar);
    const fourWeeksBefore = lastWorkingDayOnOrBefore(addDays(input.expectedDeliveryDate, -28), calendar);
    if (fourWeeksBefore > input.referralDate) {
      if (fourWeeksBefore < finalDueOn) {
        finalDueOn = fourWeeksBefore;
        rule = 'before-delivery';
      }
    } else {
      // Less than 4 weeks to go: before the birth, but no earlier than the first working day.
      const beforeBirth = lastWorkingDayOnOrBefore(addDays(input.expectedDeliveryDate, -1), calendar);
      const due = beforeBirth < dayOne ? dayOne : beforeBirth;
      if (due < finalDueOn) {
        finalDueOn = due;
        rule = 'delivery-imminent';
      }
    }
  }
  const checkpoints = days.map((day) => {
    const due = addWorkingDays(input.referralDate, day, calendar);
    return { day, dueOn: due < finalDueOn ? due : finalDueOn, final: day === last };
  });
  return { checkpoints, finalDueOn, rule };
}

export type TimescaleState = 'on-track' | 'due-soon' | 'late' | 'completed-in-time' | 'completed-late';

export type TimescaleStatus = {
  state: TimescaleState;
  /** Working days after today up to the due date (0 on the day itself); null once late or completed. */
  workingDaysLeft: number | null;
  /** Working days past the due date (today, or the completion date); null when not late. */
  workingDaysOver: number | null;
  /** The working day of the assessment today (day 0 is the referral date). */
  dayNumber: number;
  /** Working days from day 0 to authorisation, once completed. */
  workingDaysTaken: number | null;
};

/** Where an assessment stands on a day. Completed means authorised: the authorisation date closes it for timeliness. */
export function timescaleStatus(input: {
  referralDate: string;
  dueOn: string;
  today: string;
  completedOn: string | null;
  dueSoonDays: number;
  calendar?: Calendar;
}): TimescaleStatus {
  const calendar = input.calendar ?? englandAndWales;
  const dayNumber = workingDaysBetween(input.referralDate, input.today, calendar);
  if (input.completedOn) {
    const taken = workingDaysBetween(input.referralDate, input.completedOn, calendar);
    const late = input.completedOn > input.dueOn;
    return {
      state: late ? 'completed-late' : 'completed-in-time',
      workingDaysLeft: null,
      workingDaysOver: late ? workingDaysBetween(input.dueOn, input.completedOn, calendar) : null,
      dayNumber,
      workingDaysTaken: taken,
    };
  }
  if (input.today > input.dueOn) {
    return { state: 'late', workingDaysLeft: null, workingDaysOver: workingDaysBetween(input.dueOn, input.today, calendar), dayNumber, workingDaysTaken: null };
  }
  const left = workingDaysBetween(input.today, input.dueOn, calendar);
  return { state: left <= input.dueSoonDays ? 'due-soon' : 'on-track', workingDaysLeft: left, workingDaysOver: null, dayNumber, workingDaysTaken: null };
}

/** The last date that counts as "due soon" today: anything due on or before it needs attention. */
export function dueSoonHorizon(today: string, dueSoonDays: number, calendar: Calendar = englandAndWales): string {
  return addWorkingDays(today, dueSoonDays, calendar);
}

/**
 * Past the final date the worker must record why (A2): while it is still open after its due date,
 * or when it was authorised after it, until reasons are recorded (never for one closed as stepped up).
 */
export function needsLateReasons(input: { status: string; dueOn: string; today: string; authorisedOn: string | null; lateReason: string | null }): boolean {
  if (input.lateReason && input.lateReason.trim() !== '') return false;
  // Closed without authorisation (stepped up): its timescale ended with it, the new assessment has its own.
  if (input.status === 'closed') return false;
  if (input.status === 'authorised') return !!input.authorisedOn && input.authorisedOn > input.dueOn;
  return input.today > input.dueOn;
}

export type CheckpointState = 'decided' | 'decision-needed' | 'not-yet' | 'not-needed';

/**
 * Each checkpoint asks the manager for a decision once it is due within the due-soon window (or
 * past). After a decision to close, later checkpoints are not needed.
 */
export function checkpointStates<C extends { day: number; dueOn: string; decision: string | null }>(checkpoints: readonly C[], today: string, horizon: string): (C & { state: CheckpointState })[] {
  const sorted = [...checkpoints].sort((a, b) => a.day - b.day);
  let closed = false;
  return sorted.map((c) => {
    let state: CheckpointState;
    if (c.decision) state = 'decided';
    else if (closed) state = 'not-needed';
    else state = c.dueOn <= horizon || c.dueOn <= today ? 'decision-needed' : 'not-yet';
    if (c.decision === 'close') closed = true;
    return { ...c, state };
  });
}

/**
 * When a checkpoint's decision may be recorded (A2): from `windowDays` working days before it is due
 * (the council's "due soon" setting, 5 by default), the same window in which the lists and the
 * overview ask for it. Before then the manager cannot record it: a decision is about what the work so
 * far has shown. Urgent worries do not wait for a checkpoint (the safeguarding actions are always open).
 */
export function checkpointDecisionOpensOn(dueOn: string, windowDays: number, calendar: Calendar = englandAndWales): string {
  return addWorkingDays(dueOn, -windowDays, calendar);
}

export type CheckpointDecisionRule = { ok: true } | { ok: false; reason: 'decided' | 'not-needed' | 'not-yet' | 'not-found'; opensOn?: string };

/** May the manager record the decision at checkpoint `day` today? Only once it is open (see above), once, and not after a decision to close. */
export function checkpointDecisionAllowed(
  checkpoints: readonly { day: number; dueOn: string; decision: string | null }[],
  day: number,
  today: string,
  windowDays: number,
  calendar: Calendar = englandAndWales,
): CheckpointDecisionRule {
  const states = checkpointStates(checkpoints, today, dueSoonHorizon(today, windowDays, calendar));
  const found = states.find((c) => c.day === day);
  if (!found) return { ok: false, reason: 'not-found' };
  if (found.state === 'decision-needed') return { ok: true };
  if (found.state === 'not-yet') return { ok: false, reason: 'not-yet', opensOn: checkpointDecisionOpensOn(found.dueOn, windowDays, calendar) };
  return { ok: false, reason: found.state === 'decided' ? 'decided' : 'not-needed' };
}

/** The date an assessment's timescale ended: authorisation, or its closing (at a checkpoint, or stepped up). Null while open. */
export function completionDate(a: { authorisedOn: string | null; closedOn?: string | null }): string | null {
  return a.authorisedOn ?? a.closedOn ?? null;
}

/**
 * Which working day of its timescale an open assessment is on today ("day 12 of 45"): day 0 is the
 * referral date, and `of` is the working days from it to the due date (45 for a standard assessment
 * with the default checkpoints, fewer for a pre-birth assessment due before the birth).
 */
export function assessmentDay(input: { referralDate: string; dueOn: string; today: string; calendar?: Calendar }): { day: number; of: number; late: boolean } {
  const calendar = input.calendar ?? englandAndWales;
  return {
    day: Math.max(0, workingDaysBetween(input.referralDate, input.today, calendar)),
    of: workingDaysBetween(input.referralDate, input.dueOn, calendar),
    late: input.today > input.dueOn,
  };
}
