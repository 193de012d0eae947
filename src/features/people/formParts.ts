import { z } from 'zod';
import { dateFromParts } from '../../domain/dates';

/** The building blocks of this feature's forms: lenient reading of what was posted, GOV.UK messages. */

/** Control characters (other than tab and line breaks) never belong in a record. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}
export const CONTROL = { test: hasControlCharacters };
export const LINE_BREAK = /[\r\n\t]/;

/** One line of optional text: trimmed, a maximum length, no control characters; empty becomes null. */
export function line(label: string, max: number) {
  return z
    .string({ error: `Enter ${label.toLowerCase()} as text` })
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .refine((v) => !CONTROL.test(v) && !LINE_BREAK.test(v), `${label} must not contain special characters`)
    .optional()
    .transform((v) => (v ? v : null));
}

export function requiredLine(label: string, max: number, missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max} characters or fewer`)
    .refine((v) => !CONTROL.test(v) && !LINE_BREAK.test(v), `${label} must not contain special characters`);
}

export const datePart = z.string({ error: 'Enter the date as numbers' }).max(10, 'Enter the date as numbers').optional().default('');
export const choice = z.string({ error: 'Select one option' }).max(50, 'Select one option').optional().default('');
export const codeList = z
  .union([z.string().max(20), z.array(z.string().max(20)).max(20)], { error: 'Select from the list' })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The date typed in a GOV.UK date input, or 'blank', or 'invalid'. */
export function readDate(day: string, month: string, year: string): string | 'blank' | 'invalid' {
  if (!day.trim() && !month.trim() && !year.trim()) return 'blank';
  return dateFromParts(day, month, year) ?? 'invalid';
}

export function addYears(iso: string, years: number): string {
  const [y, rest] = [Number(iso.slice(0, 4)), iso.slice(4)];
  return `${y + years}${rest === '-02-29' ? '-02-28' : rest}`;
}

/** Reads a possibly hostile submitted value as a string ('' for anything that is not one). */
export function str(raw: unknown, key: string): string {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v.trim() : '';
}
export function strList(raw: unknown, key: string): string[] {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export type Problem = [field: string, message: string];

export function report(problems: Problem[], ctx: z.RefinementCtx): void {
  for (const [path, message] of problems) ctx.addIssue({ code: 'custom', path: [path], message });
}

export const always = { when: () => true };
