import { z } from 'zod';
import { dateFromParts, todayInLondon } from '../domain/dates';
import { text, type ErrorItem, type FieldErrors } from './validation';

/**
 * Small helpers every form shares: text cleaned of control characters (they cannot be stored and
 * nobody types them), GOV.UK date inputs, and an error summary in page order.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim() : value;
}

/** A required text field: trimmed, control characters removed, at most `max` characters. */
export function requiredText(max: number, empty: string, tooLong: string) {
  return z.preprocess(cleanText, z.string({ error: empty }).min(1, empty).max(max, tooLong));
}

/** An optional text field: empty becomes null. */
export function optionalText(max: number, tooLong: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null ? '' : cleanText(value)),
    z
      .string({ error: tooLong })
      .max(max, tooLong)
      .transform((v) => (v === '' ? null : v)),
  );
}

export type DateRules = { label: string; required?: boolean; notFuture?: boolean; today?: string };

/**
 * Reads a GOV.UK date input (`field-day`, `field-month`, `field-year`) with GOV.UK error wording.
 * Returns the ISO date, null when left empty (and not required), or an error message.
 */
export function readDate(body: unknown, field: string, rules: DateRules): { value: string | null; error?: string } {
  const day = text(body, `${field}-day`).trim();
  const month = text(body, `${field}-month`).trim();
  const year = text(body, `${field}-year`).trim();
  if (!day && !month && !year) return rules.required === false ? { value: null } : { value: null, error: `Enter the ${rules.label}` };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  const sentence = rules.label.charAt(0).toUpperCase() + rules.label.slice(1);
  if (missing.length > 0) return { value: null, error: `${sentence} must include a ${missing.join(' and a ')}` };
  const iso = dateFromParts(day, month, year);
  if (!iso) return { value: null, error: `${sentence} must be a real date` };
  if (rules.notFuture !== false && iso > (rules.today ?? todayInLondon())) return { value: null, error: `${sentence} must be today or in the past` };
  return { value: iso };
}

/** What the date input shows again after an error: exactly what was typed (short, so nothing odd is echoed). */
export function dateValues(body: unknown, field: string): { day: string; month: string; year: string } {
  const part = (name: string) => text(body, `${field}-${name}`).slice(0, 10);
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** The error summary in the order the fields appear on the page; date fields link to their day box. */
export function orderedErrors(errors: FieldErrors, order: string[], dateFields: string[] = []): ErrorItem[] {
  const rank = (field: string) => {
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  return Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, message]) => ({ text: message, href: `#${dateFields.includes(field) ? `${field}-day` : field}` }));
}
