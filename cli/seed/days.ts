/** Calendar days as whole numbers (days since 1970-01-01), so the generators can add and compare them cheaply. */
const MS_PER_DAY = 86_400_000;

export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same calendar day `years` later (29 February becomes 1 March in other years). */
export function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.floor(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY);
}

/** A timestamp on that day, `minutes` after midnight UTC (office hours are 480 to 1080). */
export function at(day: number, minutes: number): Date {
  return new Date(day * MS_PER_DAY + minutes * 60_000);
}

export function ageOnDay(dob: number, day: number): number {
  const b = new Date(dob * MS_PER_DAY);
  const d = new Date(day * MS_PER_DAY);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age -= 1;
  return age;
}
