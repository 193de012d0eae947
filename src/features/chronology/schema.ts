/**
 * The forms of the chronology: an entry typed directly (H1) and the filters (H2). Everything is read
 * without trusting it: strings, arrays where strings are expected, control characters and very long
 * text all give a GOV.UK error or are ignored, never a server error.
 */
import { z } from 'zod';
import { CHRONOLOGY_CATEGORIES, type ChronologyCategory } from '../../domain/chronology';
import { isPrecision, occurredOnFromParts, type Precision } from '../../domain/chronologyOrder';
import { dateFromParts } from '../../domain/dates';
import { list, parseForm, text, type ErrorItem, type FieldErrors } from '../../platform/validation';
import { cleanText, optionalText, orderedErrors, requiredText } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import type { ChronologyFilters, SourceFilter } from './conditions';

/** The categories a person types; the others are made by Hearth from the records they describe. */
export const TYPED_CATEGORIES: ChronologyCategory[] = ['police-incident', 'domestic-abuse', 'health', 'education', 'missing-education', 'missing', 'house-move', 'court', 'placement', 'other'];

export const categoryLabel = (code: string): string => CHRONOLOGY_CATEGORIES.find((c) => c.code === code)?.label ?? code;

export const LIMITS = { summary: 4000, impact: 2000, sourceName: 200, sourceAgency: 200 } as const;

const entryFields = z.object({
  category: z.unknown().refine((v): v is ChronologyCategory => typeof v === 'string' && (TYPED_CATEGORIES as string[]).includes(v), { message: 'Select what kind of event it was' }),
  summary: requiredText(LIMITS.summary, 'Describe what happened, in plain words', `What happened must be ${LIMITS.summary.toLocaleString('en-GB')} characters or fewer`),
  sourceKind: z.enum(['person', 'agency'], { error: 'Select whether a person or an agency told us' }),
  sourceName: optionalText(LIMITS.sourceName, `The name must be ${LIMITS.sourceName} characters or fewer`),
  sourceAgency: optionalText(LIMITS.sourceAgency, `The agency must be ${LIMITS.sourceAgency} characters or fewer`),
  significance: z.enum(['significant', 'routine'], { error: 'Select whether this is a significant event' }),
  impact: optionalText(LIMITS.impact, `The impact on the child must be ${LIMITS.impact.toLocaleString('en-GB')} characters or fewer`),
});

export type EntryInput = {
  occurredOn: string;
  precision: Precision;
  category: ChronologyCategory;
  summary: string;
  sourceKind: 'person' | 'agency';
  sourceName: string | null;
  sourceAgency: string | null;
  significance: 'significant' | 'routine';
  impact: string | null;
  /** Other people the entry concerns, besides the person whose chronology it is typed on. */
  people: string[];
};

export const ENTRY_FIELD_ORDER = ['occurred', 'precision', 'category', 'summary', 'sourceKind', 'sourceAgency', 'sourceName', 'significance', 'impact', 'people', 'version'];

export type ParsedEntry = { ok: true; data: EntryInput } | { ok: false; errors: FieldErrors; errorList: ErrorItem[] };

/**
 * Validates the whole entry form at once. `allowedPeople` are the other people who may be linked
 * (the household members this user may see); anyone else sent is refused.
 */
export function parseEntry(body: unknown, opts: { today: string; allowedPeople: string[] }): ParsedEntry {
  const errors: FieldErrors = {};
  const precision = text(body, 'precision');
  if (!isPrecision(precision)) errors.precision = 'Select how exactly you know the date';
  const occurred = occurredOnFromParts(
    { day: text(body, 'occurred-day').slice(0, 10), month: text(body, 'occurred-month').slice(0, 10), year: text(body, 'occurred-year').slice(0, 10) },
    isPrecision(precision) ? precision : 'day',
    opts.today,
  );
  if (!occurred.ok) errors.occurred = occurred.error;
  const fields = parseForm(entryFields, body);
  if (!fields.ok) Object.assign(errors, fields.errors);
  if (fields.ok) {
    if (fields.data.sourceKind === 'agency' && !fields.data.sourceAgency) errors.sourceAgency = 'Enter the agency that told us, for example the police or the school';
    if (fields.data.sourceKind === 'person' && !fields.data.sourceName) errors.sourceName = 'Enter who told us, for example “Mrs Begum, neighbour”';
    if (fields.data.significance === 'significant' && !fields.data.impact) errors.impact = 'Say what this meant for the child: a significant event needs its impact';
  }
  const sent = list(body, 'people');
  const people = [...new Set(sent.filter(isUuid).map((id) => id.toLowerCase()))];
  if (sent.length > 100 || people.length !== new Set(sent).size || people.some((id) => !opts.allowedPeople.includes(id))) {
    errors.people = 'Choose people from the list';
  }
  if (Object.keys(errors).length > 0 || !fields.ok || !occurred.ok || !isPrecision(precision)) {
    return { ok: false, errors, errorList: orderedErrors(errors, ENTRY_FIELD_ORDER, ['occurred']) };
  }
  const d = fields.data;
  return {
    ok: true,
    data: {
      occurredOn: occurred.occurredOn,
      precision,
      category: d.category,
      summary: d.summary,
      sourceKind: d.sourceKind,
      sourceName: d.sourceName,
      sourceAgency: d.sourceKind === 'agency' ? d.sourceAgency : null,
      significance: d.significance,
      impact: d.impact,
      people,
    },
  };
}

/** The version an edit started from, or null when missing or not a number. */
export function parseVersion(body: unknown): number | null {
  const v = text(body, 'version');
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

export type FilterForm = {
  filters: ChronologyFilters;
  /** What the filter form shows again (exactly what was sent, shortened). */
  values: { categories: string[]; significance: string; person: string; source: string; from: { day: string; month: string; year: string }; to: { day: string; month: string; year: string } };
  errors: FieldErrors;
  errorList: ErrorItem[];
};

function filterDate(query: unknown, field: 'from' | 'to', label: string): { value: string | null; error?: string; typed: { day: string; month: string; year: string } } {
  const typed = { day: text(query, `${field}-day`).trim().slice(0, 10), month: text(query, `${field}-month`).trim().slice(0, 10), year: text(query, `${field}-year`).trim().slice(0, 10) };
  if (!typed.day && !typed.month && !typed.year) return { value: null, typed };
  if (!typed.year) return { value: null, error: `${label} must include a year`, typed };
  if (typed.day && !typed.month) return { value: null, error: `${label} must include a month`, typed };
  const bad = { value: null, error: `${label} must be a real date`, typed };
  if (!/^\d{4}$/.test(typed.year)) return bad;
  // A month and year, or a year alone, is enough for a range: from the first day of it, or to the last.
  const month = typed.month || (field === 'from' ? '1' : '12');
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return bad;
  const day = typed.day || (field === 'from' ? '1' : String(new Date(Date.UTC(Number(typed.year), Number(month), 0)).getUTCDate()));
  const iso = dateFromParts(day, month, typed.year);
  if (!iso) return bad;
  return { value: iso, typed };
}

/** Reads the filters from the address. Unknown values are ignored; a date that is not real is an error. */
export function parseFilters(query: unknown): FilterForm {
  const categories = [...new Set(list(query, 'category'))].filter((c) => CHRONOLOGY_CATEGORIES.some((k) => k.code === c)).slice(0, CHRONOLOGY_CATEGORIES.length);
  const significance = text(query, 'significance') === 'significant' ? 'significant' : '';
  const personRaw = text(query, 'person');
  const person = isUuid(personRaw) ? personRaw.toLowerCase() : '';
  const sourceWords = String(cleanText(text(query, 'source').slice(0, 100)));
  const source: SourceFilter | null = sourceWords ? { words: sourceWords } : null;
  const errors: FieldErrors = {};
  const from = filterDate(query, 'from', 'The date from');
  const to = filterDate(query, 'to', 'The date to');
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  if (from.value && to.value && to.value < from.value && !errors.to) errors.to = 'The date to must be the same as or after the date from';
  const order = text(query, 'order') === 'oldest' ? 'oldest' : 'newest';
  return {
    filters: {
      categories,
      significantOnly: significance === 'significant',
      personId: person || null,
      source,
      from: errors.from ? null : from.value,
      to: errors.to ? null : to.value,
      order,
    },
    values: { categories, significance, person, source: sourceWords, from: from.typed, to: to.typed },
    errors,
    errorList: orderedErrors(errors, ['from', 'to'], ['from', 'to']),
  };
}

/** The filters as an address query (no page cursor), to keep them on links: paging, order, exports. */
export function filterQuery(form: FilterForm['values'], order: 'newest' | 'oldest', extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const c of form.categories) params.append('category', c);
  if (form.significance) params.set('significance', form.significance);
  if (form.person) params.set('person', form.person);
  if (form.source) params.set('source', form.source);
  for (const field of ['from', 'to'] as const) {
    const d = form[field];
    if (d.day || d.month || d.year) {
      params.set(`${field}-day`, d.day);
      params.set(`${field}-month`, d.month);
      params.set(`${field}-year`, d.year);
    }
  }
  if (order === 'oldest') params.set('order', 'oldest');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
