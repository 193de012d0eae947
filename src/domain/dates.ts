/** Calendar dates are 'YYYY-MM-DD' strings (no time zone); timestamps are shown in Europe/London. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
}

/** Builds an ISO date from GOV.UK date input parts (day, month, year); null when not a real date. */
export function dateFromParts(day: unknown, month: unknown, year: unknown): string | null {
  const parts = [day, month, year].map((p) => (typeof p === 'string' ? p.trim() : ''));
  const [d, m, y] = parts as [string, string, string];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// Formatters are built once: building one costs far more than using it, and pages format many dates.
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const CALENDAR_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (value instanceof Date) return LONDON_DATE.format(value);
  if (!isValidIsoDate(value)) return String(value);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return CALENDAR_DATE.format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return LONDON_DATE_TIME.format(date);
}

/** Whole years between a date of birth and today (or a given day). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

export function ageFrom(dateOfBirth: string | null | undefined, today: string = todayInLondon()): string {
  if (!dateOfBirth || !isValidIsoDate(dateOfBirth)) return '';
  const years = ageOn(dateOfBirth, today);
  if (years < 0) return 'not yet born';
  if (years === 0) {
    const [by, bm] = dateOfBirth.split('-').map(Number) as [number, number];
    const [ty, tm] = today.split('-').map(Number) as [number, number];
    const months = (ty - by) * 12 + (tm - bm);
    return months <= 1 ? 'under 2 months' : `${months} months`;
  }
  return years === 1 ? '1 year' : `${years} years`;
}
