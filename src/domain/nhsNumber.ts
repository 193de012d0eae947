/**
 * NHS numbers: ten digits, the last a modulus-11 check digit. The first nine digits are weighted
 * 10 down to 2 and summed; the check digit is 11 minus the remainder after dividing by 11
 * (11 becomes 0; 10 means the stem is never issued, so no number starting that way is valid).
 */

/** The check digit for a nine-digit stem, or null when no valid NHS number starts with it. */
export function nhsCheckDigit(stem: string): number | null {
  if (!/^\d{9}$/.test(stem)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(stem[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** True for ten digits (no spaces) whose last digit is the right check digit. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** Reads a number as people type it ('943 476 5919', '943-476-5919'): ten digits, or null. Does not check the digit. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** Shows a stored number the way the NHS writes it: 943 476 5919. */
export function formatNhsNumber(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}
