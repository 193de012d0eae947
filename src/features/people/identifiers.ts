/** Identifiers typed into people's records, read the way councils and schools write them. */

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;

/** A UK postcode as typed: its search key (upper case, no spaces) and how it is shown, or null. */
export function normalisePostcode(input: string): { key: string; display: string } | null {
  const m = POSTCODE.exec(input.trim().toUpperCase());
  if (!m) return null;
  return { key: `${m[1]}${m[2]}`, display: `${m[1]} ${m[2]}` };
}

/**
 * A Unique Pupil Number: 13 characters, a letter then 12 digits, or a letter, 11 digits and a
 * letter (a temporary UPN; the last letter is never I, O or S). CIN census rules 1540, 1550, 1560Q.
 */
export function normaliseUpn(input: string): string | null {
  const value = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]\d{12}$/.test(value) || /^[A-Z]\d{11}[A-HJ-NP-RT-Z]$/.test(value) ? value : null;
}
