/**
 * Putting children in order of when their next visit is due, without working out each due date:
 * the visits-due lists order and count every child of a team in the database, a page at a time, and
 * the database cannot call addWorkingDays. This is the arithmetic it does instead (the SQL in
 * src/features/visits/dueList.ts is this module written again; the tests hold both to
 * visitSchedule.ts).
 *
 * A date's working-day index is the number of working days from 1 January 1970 to it (Mondays to
 * Fridays by arithmetic, less the council's off days: bank holidays and closure days on weekdays).
 * The nth working day after `from` has index idx(from) + n, so a plan counted in working days is due
 * on the working day with that index. A date's order key is twice its index, plus one when it is not
 * a working day (a Saturday after Friday's due date comes after it, before Monday's). Keys order due
 * dates exactly: a plan counted in weeks is due on a calendar date, whose key is worked out directly;
 * two equal keys are the same working day, or two days off between the same working days (which the
 * dates themselves then order).
 */
import { workingDaysBetween, type Calendar } from './workingDays';

const EPOCH = '1970-01-01';

/** Working days d with 1 January 1970 < d <= date. */
export function workingDayIndex(date: string, calendar: Calendar): number {
  return workingDaysBetween(EPOCH, date, calendar);
}

/** The order key of a due date: 2 × its working-day index, + 1 when it is not a working day. */
export function dueOrderKey(date: string, calendar: Calendar): number {
  return 2 * workingDayIndex(date, calendar) + (calendar.isWorkingDay(date) ? 0 : 1);
}

/** The order key of the date `every` working days after `from` (its due date), worked out without finding that date. */
export function workingDueKey(from: string, every: number, calendar: Calendar): number {
  return 2 * (workingDayIndex(from, calendar) + every);
}

/**
 * The weekdays that are not working days from `fromYear` to `toYear`, in order: what the database
 * is given to count working days with. Years outside the range count their bank holidays as working
 * days, so the range must cover every clock that matters (a child's, since birth).
 */
export function offDaysBetween(calendar: Calendar, fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let year = fromYear; year <= toYear; year++) out.push(...[...calendar.offDays(year)].sort());
  return out;
}
