/**
 * Timestamps shown in Europe/London, as domain/dates.ts shows them, with the formatters made once:
 * making an Intl.DateTimeFormat is slow, and a chronology page formats a hundred timestamps.
 */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });

/** The calendar day in London of a moment, as YYYY-MM-DD (todayInLondon). */
export function londonDay(at: Date): string {
  return DAY.format(at);
}

/** "3 March 2025 at 9:05 am" (formatDateTime). */
export function londonDateTime(at: Date): string {
  return Number.isNaN(at.getTime()) ? '' : DATE_TIME.format(at);
}
