/**
 * The order of a chronology (H1): by the date the event happened, never the date it was typed.
 *
 * The stable rule: entries are ordered by the date they happened (occurred_on), then by when they
 * were recorded (recorded_at), then by their id. The same entries therefore always appear in the
 * same order, whatever order they were typed in, and keyset pagination over
 * (occurred_on, recorded_at, entry_id) — the columns of chronology_links_order_idx — never skips or
 * repeats an entry. Newest first is exactly the reverse of oldest first.
 *
 * A date has a precision. Someone may know only the month or the year something happened, or give
 * a best guess. The date stored is the first day of the period known (1 March 2025 for "March
 * 2025"), so a month-only event sorts at the start of its month; whether it was typed late is
 * judged from the last day it could have happened.
 */
import { isValidIsoDate } from './dates';

export const PRECISIONS = ['day', 'month', 'year', 'approximate'] as const;
export type Precision = (typeof PRECISIONS)[number];

export function isPrecision(value: unknown): value is Precision {
  return typeof value === 'string' && (PRECISIONS as readonly string[]).includes(value);
}

/** The three columns entries are ordered by. recordedAt is UTC with microseconds: 2025-03-02T10:00:00.123456Z. */
export type OrderKey = { occurredOn: string; recordedAt: string; entryId: string };
export type Direction = 'newest' | 'oldest';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first: the date it happened, then when it was recorded, then the entry id (as PostgreSQL compares uuids). */
export function compareOldestFirst(a: OrderKey, b: OrderKey): number {
  return cmp(a.occurredOn, b.occurredOn) || cmp(a.recordedAt, b.recordedAt) || cmp(a.entryId.toLowerCase(), b.entryId.toLowerCase());
}

export function compareNewestFirst(a: OrderKey, b: OrderKey): number {
  return compareOldestFirst(b, a);
}

export function sortChronology<T extends OrderKey>(items: readonly T[], direction: Direction): T[] {
  return [...items].sort(direction === 'newest' ? compareNewestFirst : compareOldestFirst);
}

const CURSOR = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A page boundary for the address bar: the order key of the last entry shown. */
export function encodeCursor(key: OrderKey): string {
  return `${key.occurredOn}_${key.recordedAt}_${key.entryId.toLowerCase()}`;
}

/** The order key in a cursor, or null when the text is not one (a changed or hostile address). */
export function decodeCursor(value: unknown): OrderKey | null {
  if (typeof value !== 'string' || value.length > 80) return null;
  const m = CURSOR.exec(value);
  if (!m || !isValidIsoDate(m[1]!) || Number.isNaN(Date.parse(m[2]!))) return null;
  return { occurredOn: m[1]!, recordedAt: m[2]!, entryId: m[3]! };
}

export type DateParts = { day: string; month: string; year: string };

export type OccurredResult = { ok: true; occurredOn: string } | { ok: false; error: string; part: 'day' | 'month' | 'year' };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The date an event happened, from a GOV.UK date input and the precision chosen. A day is needed
 * for 'day' and 'approximate' (a best guess of the day); 'month' needs the month and year (a day
 * typed as well is not used); 'year' needs the year only. The date must not be in the future.
 */
export function occurredOnFromParts(parts: DateParts, precision: Precision, today: string): OccurredResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!/^\d{4}$/.test(year)) {
    if (!year && !month && !day) return { ok: false, error: 'Enter the date it happened', part: 'day' };
    return { ok: false, error: year ? 'The year must be 4 numbers, like 2024' : 'The date it happened must include a year', part: 'year' };
  }
  let iso: string;
  if (precision === 'year') {
    iso = `${year}-01-01`;
  } else {
    if (!month) return { ok: false, error: 'The date it happened must include a month', part: 'month' };
    if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, error: 'The month must be a number from 1 to 12', part: 'month' };
    if (precision === 'month') {
      iso = `${year}-${pad(Number(month))}-01`;
    } else {
      if (!day) {
        const hint = precision === 'approximate' ? 'Enter your best guess of the day' : 'The date it happened must include a day. If you only know the month, choose “The month, not the day”';
        return { ok: false, error: hint, part: 'day' };
      }
      if (!/^\d{1,2}$/.test(day)) return { ok: false, error: 'The date it happened must be a real date', part: 'day' };
      iso = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
    }
  }
  if (!isValidIsoDate(iso)) return { ok: false, error: 'The date it happened must be a real date', part: precision === 'year' ? 'year' : 'day' };
  if (iso > today) return { ok: false, error: 'The date it happened must be today or in the past', part: precision === 'year' ? 'year' : precision === 'month' ? 'month' : 'day' };
  return { ok: true, occurredOn: iso };
}

/** What the date input shows for a stored date: only the parts the precision says are known. */
export function partsFromOccurred(occurredOn: string, precision: Precision): DateParts {
  const [y, m, d] = occurredOn.split('-');
  const year = y ?? '';
  const month = String(Number(m ?? ''));
  const day = String(Number(d ?? ''));
  if (precision === 'year') return { day: '', month: '', year };
  if (precision === 'month') return { day: '', month, year };
  return { day, month, year };
}

/** The last day the event could have happened, given what is known of its date. */
export function latestPossibleDay(occurredOn: string, precision: Precision): string {
  const [y, m] = occurredOn.split('-').map(Number) as [number, number];
  if (precision === 'year') return `${y}-12-31`;
  if (precision === 'month') return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return occurredOn;
}

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * How many days after the event an entry was recorded, counted from the last day it could have
 * happened (never negative). `recordedOn` is the calendar day it was recorded, in Europe/London.
 */
export function daysAfterEvent(occurredOn: string, precision: Precision, recordedOn: string): number {
  return Math.max(0, daysBetween(latestPossibleDay(occurredOn, precision), recordedOn));
}

/** Typed late: recorded `lateDays` or more days after the event (the council's setting chronology.lateDays). */
export function isTypedLate(occurredOn: string, precision: Precision, recordedOn: string, lateDays: number): boolean {
  return daysAfterEvent(occurredOn, precision, recordedOn) >= lateDays;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The date an event happened, in words, as precise as it is known: "3 March 2025", "March 2025", "2025", "About 3 March 2025". */
export function describeOccurred(occurredOn: string, precision: Precision): string {
  const [y, m, d] = occurredOn.split('-');
  const month = MONTHS[Number(m) - 1];
  if (!y || !month) return occurredOn;
  if (precision === 'year') return y;
  if (precision === 'month') return `${month} ${y}`;
  // Written out here rather than with Intl.DateTimeFormat, which is slow to make: a page shows fifty of these.
  const day = `${Number(d)} ${month} ${y}`;
  return precision === 'approximate' ? `About ${day}` : day;
}

export const PRECISION_LABELS: Record<Precision, string> = {
  day: 'The exact day',
  month: 'The month, not the day',
  year: 'The year only',
  approximate: 'Roughly: the date is a best guess',
};
