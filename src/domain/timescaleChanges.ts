import { assessmentSchedule, type AssessmentTimescaleVariant } from './timescales';
import type { Calendar } from './workingDays';

/**
 * An open assessment's dates worked out again (A2) when what they were worked out from changes: an
 * unborn child's expected delivery date, or the council's closure days. The assessment keeps its own
 * checkpoint days (the council's setting when it started) and its day 0. A checkpoint moves only
 * while it is still to come (due today or later) and has no decision from the manager: a decision,
 * once recorded, stays with the date it was made against, and a date already passed stays as it was
 * (so an assessment that was late stays late). The due date is the final checkpoint's date, so it
 * moves with it, and no checkpoint that moves falls after the due date. Pure.
 */
export type StoredCheckpoint = { day: number; dueOn: string; decision: string | null };

export type DateMove = { from: string; to: string };

export type Rescheduled = {
  /** The assessment's due date, when it moves. */
  dueOn: DateMove | null;
  /** The checkpoints that move, by working day, in day order. */
  checkpoints: (DateMove & { day: number })[];
};

export function rescheduleAssessment(input: {
  referralDate: string;
  variant: AssessmentTimescaleVariant;
  expectedDeliveryDate: string | null;
  dueOn: string;
  checkpoints: readonly StoredCheckpoint[];
  today: string;
  calendar: Calendar;
}): Rescheduled {
  const stored = [...input.checkpoints].sort((a, b) => a.day - b.day);
  const last = stored[stored.length - 1];
  if (!last) return { dueOn: null, checkpoints: [] };
  const movable = (c: StoredCheckpoint) => c.decision === null && c.dueOn >= input.today;
  const schedule = assessmentSchedule({
    referralDate: input.referralDate,
    checkpoints: stored.map((c) => c.day),
    variant: input.variant,
    expectedDeliveryDate: input.expectedDeliveryDate,
    calendar: input.calendar,
  });
  const dueMoves = movable(last) && input.dueOn >= input.today;
  const finalDueOn = dueMoves ? schedule.finalDueOn : input.dueOn;
  const checkpoints: Rescheduled['checkpoints'] = [];
  for (const c of stored) {
    if (!movable(c)) continue;
    const worked = schedule.checkpoints.find((s) => s.day === c.day)!.dueOn;
    const to = worked < finalDueOn ? worked : finalDueOn;
    if (to !== c.dueOn) checkpoints.push({ day: c.day, from: c.dueOn, to });
  }
  return {
    dueOn: dueMoves && finalDueOn !== input.dueOn ? { from: input.dueOn, to: finalDueOn } : null,
    checkpoints,
  };
}

/** The dates that were closure days before and not after, or after and not before. */
export function closureDaysChanged(
  before: Iterable<string | { date: string }>,
  after: Iterable<string | { date: string }>,
): { added: string[]; removed: string[] } {
  const dates = (days: Iterable<string | { date: string }>) =>
    new Set(Array.from(days, (d) => (typeof d === 'string' ? d : d.date)));
  const was = dates(before);
  const now = dates(after);
  return {
    added: [...now].filter((d) => !was.has(d)).sort(),
    removed: [...was].filter((d) => !now.has(d)).sort(),
  };
}
