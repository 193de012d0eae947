/** Forms for relationships and households: zod schemas with GOV.UK error wording. */
import { z } from 'zod';
import { dateFromParts, todayInLondon } from '../../domain/dates';
import { RELATIONSHIP_TYPES } from '../../domain/relationships';
import { parseForm, toErrorList, type Parsed } from '../../platform/validation';
import { isUuid } from '../../platform/http';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export { isUuid };

const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * A GOV.UK date input (field-day, field-month, field-year) read as one ISO date. `what` names the
 * date in messages ("The date the relationship started"). Dates in the future are refused.
 */
function dateInput(what: string, required: string | null) {
  return z.object({ day: z.unknown(), month: z.unknown(), year: z.unknown() }).transform((parts, ctx): string | null => {
    const texts = DATE_PARTS.map((p) => (parts[p] === undefined ? '' : typeof parts[p] === 'string' ? (parts[p] as string).trim() : null));
    if (texts.some((t) => t === null)) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a real date` });
      return z.NEVER;
    }
    if (texts.every((t) => t === '')) {
      if (required) ctx.addIssue({ code: 'custom', message: required });
      return null;
    }
    const missing = DATE_PARTS.filter((_p, i) => texts[i] === '');
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${what} must include a ${missing.join(' and ')}` });
      return z.NEVER;
    }
    const iso = dateFromParts(texts[0], texts[1], texts[2]);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a real date` });
      return z.NEVER;
    }
    if (iso > todayInLondon()) {
      ctx.addIssue({ code: 'custom', message: `${what} must be today or in the past` });
      return z.NEVER;
    }
    return iso;
  });
}

const personId = (message: string) => z.string({ error: message }).refine(isUuid, message);

export const relationshipSchema = z.object({
  relatedId: personId('Choose the person they are related to'),
  type: z.enum(RELATIONSHIP_TYPES, { error: 'Choose how they are related' }),
  fromDate: dateInput('The date the relationship started', null),
});

export const endRelationshipSchema = z.object({
  toDate: dateInput('The date the relationship ended', 'Enter the date the relationship ended'),
});

export const householdSchema = z.object({
  name: z
    .string({ error: 'Enter a name for the household' })
    .trim()
    .min(1, 'Enter a name for the household')
    .max(120, 'The household name must be 120 characters or fewer')
    .refine((v) => !CONTROL.test(v), 'The household name must only include letters, numbers, spaces and punctuation'),
  fromDate: dateInput('The date they started living here', null),
});

export const memberSchema = z.object({
  personId: personId('Choose the person who is joining the household'),
  fromDate: dateInput('The date they joined the household', null),
});

export const endMemberSchema = z.object({
  toDate: dateInput('The date they left the household', 'Enter the date they left the household'),
});

export const searchSchema = z.object({
  q: z
    .string({ error: 'Enter a name to search for' })
    .trim()
    .min(2, 'Enter at least 2 letters of their name')
    .max(100, 'Search for a name of 100 characters or fewer')
    .refine((v) => !CONTROL.test(v), 'Enter a name using only letters, spaces, hyphens and apostrophes'),
});

/**
 * Parses a posted form whose date inputs arrive as field-day, field-month and field-year. Errors
 * on a date link to its day box, as the GOV.UK design system asks.
 */
export function parseFamilyForm<S extends z.ZodType>(schema: S, body: unknown, dateFields: string[] = []): Parsed<z.output<S>> {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const input: Record<string, unknown> = { ...source };
  for (const field of dateFields) {
    input[field] = { day: source[`${field}-day`], month: source[`${field}-month`], year: source[`${field}-year`] };
  }
  const parsed = parseForm(schema, input);
  if (parsed.ok) return parsed;
  const errorList = toErrorList(parsed.errors).map((item) => {
    const field = item.href.slice(1);
    return dateFields.includes(field) ? { ...item, href: `#${field}-day` } : item;
  });
  return { ok: false, errors: parsed.errors, errorList };
}

/** The typed values to show again in a form after an error: strings only, nothing else trusted. */
export function keptValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string' && key !== '_csrf') out[key] = value.slice(0, 500);
  }
  return out;
}
