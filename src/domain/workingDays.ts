import Holidays from 'date-holidays';

/**
 * Working days: Monday to Friday, less England and Wales bank holidays and any closure days the
 * council adds. The one place timescales count days (assessments, visits, conferences).
 * Dates are 'YYYY-MM-DD' calendar dates.
 */
export type Calendar = {
  isWorkingDay(date: string): boolean;
  /** The Mondays to Fridays of a year that are not working days (bank holidays and closure days). */
  offDays(year: number): ReadonlySet<string>;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): Date {
  if (!ISO.test(date)) throw new Error(`Not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: string): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** Whole calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

const engine = new Holidays('GB', 'ENG');
const byYear = new Map<number, Set<string>>();

/**
 * England and Wales bank holidays in a year. The library lists a substitute day as well as the
 * holiday itself when the holiday falls at a weekend; the weekend date is not a working day anyway.
 */
export function bankHolidays(year: number): Set<string> {
  let found = byYear.get(year);
  if (!found) {
    found = new Set(
      engine
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
        .filter((d) => !isWeekend(d)),
    );
    byYear.set(year, found);
  }
  return found;
}

export function workingCalendar(closureDays: Iterable<string | { date: string }> = []): Calendar {
  const closed = new Set(Array.from(closureDays, (d) => (typeof d === 'string' ? d : d.date)));
  const offByYear = new Map<number, Set<string>>();
  return {
    isWorkingDay(date: string): boolean {
      if (isWeekend(date) || closed.has(date)) return false;
      return !bankHolidays(Number(date.slice(0, 4))).has(date);
    },
    offDays(year: number): ReadonlySet<string> {
      let off = offByYear.get(year);
      if (!off) {
        off = new Set(bankHolidays(year));
        for (const d of closed) if (d.startsWith(`${year}-`) && ISO.test(d) && !isWeekend(d)) off.add(d);
        offByYear.set(year, off);
      }
      return off;
    },
  };
}

/** The default calendar: bank holidays only. */
export const englandAndWales = workingCalendar();

/**
 * The nth working day after `start` (start is day 0, whatever day it is). n = 0 gives start itself.
 * Negative n counts back to the nth working day before start.
 */
export function addWorkingDays(start: string, n: number, calendar: Calendar = englandAndWales): string {
  if (!Number.isInteger(n)) throw new Error('Working days must be a whole number');
  let date = start;
  let left = Math.abs(n);
  const step = n >= 0 ? 1 : -1;
  while (left > 0) {
    date = addDays(date, step);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/**
 * The working-day count of `end` when `start` is day 0: working days d with start < d <= end.
 * When end is before start, minus the working days d with end <= d < start.
 * So workingDaysBetween(s, addWorkingDays(s, n)) === n for every n.
 */
export function workingDaysBetween(start: string, end: string, calendar: Calendar = englandAndWales): number {
  if (end < start) return -countFrom(end, start, calendar, true);
  return countFrom(start, end, calendar, false);
}

/**
 * Working days d with from < d <= to (or from <= d < to with includeFrom). Counted without walking
 * the days: Mondays to Fridays by arithmetic, less the year's off days in the range, so a child last
 * seen years ago costs the same as one seen yesterday (lists work this out for thousands of children).
 */
function countFrom(from: string, to: string, calendar: Calendar, includeFrom: boolean): number {
  const after = includeFrom ? addDays(from, -1) : from;
  const last = includeFrom ? addDays(to, -1) : to;
  if (last <= after) return 0;
  let count = weekdaysBefore(dayNumber(last) + 1) - weekdaysBefore(dayNumber(after) + 1);
  for (let year = Number(after.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    for (const off of calendar.offDays(year)) if (off > after && off <= last) count -= 1;
  }
  return count;
}

/** Days since 1 January 1970 (a Thursday). */
function dayNumber(date: string): number {
  return Math.round(toUtc(date).getTime() / 86_400_000);
}

/** How many of the first k days of a week that starts on a Thursday are Monday to Friday. */
const WEEKDAYS_IN_FIRST = [0, 1, 2, 2, 2, 3, 4, 5];

/** Mondays to Fridays among days 0 .. n-1 (day 0 = 1 January 1970), for any whole n. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  return weeks * 5 + WEEKDAYS_IN_FIRST[n - weeks * 7]!;
}
