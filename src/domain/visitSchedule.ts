/**
 * When a child's next statutory visit is due (V1). The council sets how often children are visited
 * by the type of their plan or episode (setting 'visits.frequency'; defaults: child protection every
 * 10 working days, child in need every 20 working days, looked after every 6 weeks, early help not
 * set). The next visit is due that long after the last statutory visit in which the child was seen
 * (see countsForVisitSchedule), or after the episode started when the child has not been seen on one
 * since. Working days come from workingDays.ts (the council's calendar); weeks are calendar weeks.
 */
import { SETTINGS } from './settings';
import { addDays, addWorkingDays, daysBetween, englandAndWales, workingDaysBetween, type Calendar } from './workingDays';

export type PlanType = 'child-protection' | 'looked-after' | 'child-in-need' | 'care-leaver' | 'early-help';
export type Frequency = { every: number; unit: 'working-days' | 'weeks' };
export type Frequencies = Partial<Record<string, Frequency>>;
export type VisitType = 'child-in-need' | 'child-protection' | 'looked-after' | 'other';

export const VISIT_TYPES: { code: VisitType; label: string }[] = [
  { code: 'child-in-need', label: 'Child in need' },
  { code: 'child-protection', label: 'Child protection' },
  { code: 'looked-after', label: 'Looked after' },
  { code: 'other', label: 'Other' },
];

/** The statutory visits: a visit of type "other" is recorded (and is professional contact) but is not one of them. */
export const STATUTORY_VISIT_TYPES: readonly VisitType[] = ['child-in-need', 'child-protection', 'looked-after'];

/**
 * Whether a visit restarts a child's visit clock (V1): a statutory visit (child in need, child
 * protection or looked after) in which this child was seen. A visit of type "other" (a visit to the
 * school, a lift to contact) does not, nor does a statutory visit in which the child was not seen.
 * Stored with each child's part of the visit (visit_children.counts_for_schedule).
 */
export function countsForVisitSchedule(visit: { type: string; seen: boolean }): boolean {
  return visit.seen && (STATUTORY_VISIT_TYPES as readonly string[]).includes(visit.type);
}

export const DEFAULT_FREQUENCIES: Frequencies = SETTINGS['visits.frequency'].default;

/** Due soon: this many working days (or calendar days, for weekly plans) or fewer before the due date. */
export const DUE_SOON_WORKING_DAYS = 3;
export const DUE_SOON_DAYS = 7;

/** The most intensive first: the type a new visit starts with follows the first open one. */
const INTENSITY: PlanType[] = ['child-protection', 'looked-after', 'child-in-need', 'care-leaver', 'early-help'];

export type VisitStatus = 'overdue' | 'due-soon' | 'due';

export type VisitDue = {
  /** Counted from the last visit the child was seen in, or from the start of the episode. */
  basis: 'last-seen' | 'episode-start';
  from: string;
  dueOn: string;
  status: VisitStatus;
  unit: Frequency['unit'];
  /** Working days (working-day plans) or calendar days (weekly plans) to the due date; negative when overdue. */
  left: number;
};

export function nextVisitDue(input: { frequency: Frequency; episodeStart: string; lastSeenOn: string | null; today: string; calendar?: Calendar }): VisitDue {
  const { frequency, episodeStart, lastSeenOn, today } = input;
  const calendar = input.calendar ?? englandAndWales;
  const seenSinceStart = lastSeenOn !== null && lastSeenOn >= episodeStart;
  const from = seenSinceStart ? lastSeenOn : episodeStart;
  if (frequency.unit === 'weeks') {
    const dueOn = addDays(from, frequency.every * 7);
    const left = daysBetween(today, dueOn);
    return { basis: seenSinceStart ? 'last-seen' : 'episode-start', from, dueOn, unit: 'weeks', left, status: statusOf(left, DUE_SOON_DAYS) };
  }
  const dueOn = addWorkingDays(from, frequency.every, calendar);
  // Overdue counts the working days since the due date (at least one: a weekend after a Friday deadline is still late).
  const left = today > dueOn ? -Math.max(1, workingDaysBetween(dueOn, today, calendar)) : workingDaysBetween(today, dueOn, calendar);
  return { basis: seenSinceStart ? 'last-seen' : 'episode-start', from, dueOn, unit: 'working-days', left, status: statusOf(left, DUE_SOON_WORKING_DAYS) };
}

function statusOf(left: number, soon: number): VisitStatus {
  if (left < 0) return 'overdue';
  return left <= soon ? 'due-soon' : 'due';
}

export type ChildVisitDue = VisitDue & { planType: string; frequency: Frequency };

/**
 * A child's next visit across their open episodes: each episode type the council sets a frequency
 * for gives a due date, and the first of them is the one that matters (a child protection plan
 * inside a child in need episode is visited every 10 working days, not 20). Null when none applies.
 */
export function visitDueForChild(input: {
  openEpisodes: { type: string; startDate: string }[];
  lastSeenOn: string | null;
  frequencies: Frequencies;
  today: string;
  calendar?: Calendar;
}): ChildVisitDue | null {
  let first: ChildVisitDue | null = null;
  for (const episode of input.openEpisodes) {
    const frequency = input.frequencies[episode.type];
    if (!frequency) continue;
    const due = nextVisitDue({ frequency, episodeStart: episode.startDate, lastSeenOn: input.lastSeenOn, today: input.today, calendar: input.calendar });
    if (!first || due.dueOn < first.dueOn || (due.dueOn === first.dueOn && rank(episode.type) < rank(first.planType))) {
      first = { ...due, planType: episode.type, frequency };
    }
  }
  return first;
}

/** How intensive a plan is, 0 the most (child protection): two plans due the same day are told apart by it. */
export function planIntensity(type: string): number {
  const i = INTENSITY.indexOf(type as PlanType);
  return i === -1 ? INTENSITY.length : i;
}

const rank = planIntensity;

/** The type a new visit starts with: the most intensive open episode, or "other". */
export function visitTypeForEpisodes(openEpisodes: { type: string }[]): VisitType {
  const types = openEpisodes.map((e) => e.type).sort((a, b) => rank(a) - rank(b));
  const first = types[0];
  return first === 'child-protection' || first === 'looked-after' || first === 'child-in-need' ? first : 'other';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function weeksAndDays(days: number): string {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (weeks === 0) return plural(rest, 'day', 'days');
  return rest === 0 ? plural(weeks, 'week', 'weeks') : `${plural(weeks, 'week', 'weeks')} and ${plural(rest, 'day', 'days')}`;
}

/** "4 working days left", "Due today", "2 weeks and 1 day overdue": in the unit of the child's plan. */
export function describeLeft(due: { unit: Frequency['unit']; left: number }): string {
  if (due.left === 0) return 'Due today';
  const amount = Math.abs(due.left);
  const words = due.unit === 'weeks' ? weeksAndDays(amount) : plural(amount, 'working day', 'working days');
  return due.left > 0 ? `${words} left` : `${words} overdue`;
}

export const STATUS_LABELS: Record<VisitStatus, string> = { overdue: 'Overdue', 'due-soon': 'Due soon', due: 'Not due yet' };

/** Most overdue first (the earliest due date), then by name; children with nothing due last. */
export function byMostOverdue<T extends { name: string; due: { dueOn: string } | null }>(a: T, b: T): number {
  if (a.due && b.due && a.due.dueOn !== b.due.dueOn) return a.due.dueOn < b.due.dueOn ? -1 : 1;
  if (!a.due !== !b.due) return a.due ? -1 : 1;
  return a.name.localeCompare(b.name, 'en-GB');
}
