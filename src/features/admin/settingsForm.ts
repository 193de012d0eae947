/**
 * The council settings form (/admin/settings): what its fields are called, how what was typed
 * becomes settings values, and the values shown again when a save is refused. The rules themselves
 * are the settings' schemas (domain/settings.ts); this file only reads the form.
 */
import { SETTINGS, type ClosureDay, type SettingKey, type SettingValue } from '../../domain/settings';
import { dateFromParts, formatDate } from '../../domain/dates';
import type { FieldErrors } from '../../platform/validation';

/** The plan types a visit frequency can be set for, in the order the form asks. */
export const VISIT_PLAN_TYPES = [
  { code: 'child-protection', label: 'Child protection plan', required: true },
  { code: 'child-in-need', label: 'Child in need plan', required: true },
  { code: 'looked-after', label: 'Looked after child', required: true },
  { code: 'early-help', label: 'Early help', required: false },
  { code: 'care-leaver', label: 'Care leaver', required: false },
] as const;
type PlanType = (typeof VISIT_PLAN_TYPES)[number]['code'];

const UNITS = { 'working-days': 'working days', weeks: 'weeks' } as const;

/** The single-number settings: their form field and the key they set. */
export const NUMBER_FIELDS = [
  { field: 'dueSoonWorkingDays', key: 'assessment.dueSoonWorkingDays', suffix: 'working days' },
  { field: 'reviewNoticeDays', key: 'assessment.reviewNoticeDays', suffix: 'days' },
  { field: 'gapWeeks', key: 'chronology.gapWeeks', suffix: 'weeks' },
  { field: 'lateDays', key: 'chronology.lateDays', suffix: 'days' },
] as const satisfies readonly { field: string; key: SettingKey; suffix: string }[];

type FormSettings = Pick<
  { [K in SettingKey]: SettingValue<K> },
  'assessment.checkpoints' | 'visits.frequency' | (typeof NUMBER_FIELDS)[number]['key']
>;

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function field(body: unknown, name: string): string | string[] | undefined {
  if (!body || typeof body !== 'object' || !Object.hasOwn(body, name)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

/** What was typed, as strings, to show again. */
export function typedValues(body: unknown): Record<string, string> {
  const names = ['checkpoints', ...NUMBER_FIELDS.map((n) => n.field), ...VISIT_PLAN_TYPES.flatMap((p) => [`visits-${p.code}-every`, `visits-${p.code}-unit`])];
  return Object.fromEntries(names.map((n) => { const v = field(body, n); return [n, typeof v === 'string' ? v.slice(0, 200) : '']; }));
}

/** The stored settings as the form shows them. */
export function formValues(s: FormSettings): Record<string, string> {
  const values: Record<string, string> = { checkpoints: s['assessment.checkpoints'].join(', ') };
  for (const n of NUMBER_FIELDS) values[n.field] = String(s[n.key]);
  for (const p of VISIT_PLAN_TYPES) {
    const f = s['visits.frequency'][p.code];
    values[`visits-${p.code}-every`] = f ? String(f.every) : '';
    values[`visits-${p.code}-unit`] = f ? f.unit : '';
  }
  return values;
}

const wholeNumber = (text: string): number | null => (/^\d{1,6}$/.test(text) ? Number(text) : null);

/** The form read into settings values (still to be checked by their schemas), or the problems with what was typed. */
export function readSettingsForm(body: unknown): { ok: true; values: FormSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const one = (name: string, label: string): string | null => {
    const v = field(body, name);
    if (Array.isArray(v)) {
      errors[name] = `Enter one value for ${label}`;
      return null;
    }
    return (v ?? '').trim();
  };

  const values: Record<string, unknown> = {};
  const checkpoints = one('checkpoints', 'the checkpoints');
  if (checkpoints !== null) {
    const parts = checkpoints.split(/[\s,]+/).filter(Boolean);
    if (parts.length === 0) errors.checkpoints = 'Enter the assessment checkpoints, in working days';
    else if (parts.some((p) => wholeNumber(p) === null)) errors.checkpoints = 'Enter each checkpoint as a whole number of working days, separated by commas, for example 10, 30, 45';
    else values['assessment.checkpoints'] = parts.map(Number);
  }

  for (const n of NUMBER_FIELDS) {
    const text = one(n.field, 'this setting');
    if (text === null) continue;
    const number = wholeNumber(text);
    if (text === '') errors[n.field] = 'Enter a number';
    else if (number === null) errors[n.field] = text.startsWith('-') ? 'Enter 0 or more: it cannot be negative' : 'Enter a whole number, for example 12';
    else values[n.key] = number;
  }

  const frequency: Partial<Record<PlanType, { every: number; unit: 'working-days' | 'weeks' }>> = {};
  for (const p of VISIT_PLAN_TYPES) {
    const everyName = `visits-${p.code}-every`;
    const unitName = `visits-${p.code}-unit`;
    const every = one(everyName, p.label);
    const unit = one(unitName, p.label);
    if (every === null || unit === null) continue;
    if (unit !== '' && !Object.hasOwn(UNITS, unit)) {
      errors[unitName] = `Choose working days or weeks for ${p.label.toLowerCase()}`;
      continue;
    }
    if (every === '') {
      if (p.required) errors[everyName] = `Enter how often a child with a ${p.label.toLowerCase()} must be visited`;
      continue;
    }
    const number = wholeNumber(every);
    if (number === null) errors[everyName] = `Enter how often to visit for ${p.label.toLowerCase()} as a whole number`;
    else if (unit === '') errors[unitName] = `Choose working days or weeks for ${p.label.toLowerCase()}`;
    else frequency[p.code] = { every: number, unit: unit as 'working-days' | 'weeks' };
  }
  values['visits.frequency'] = frequency;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: values as FormSettings };
}

/** A setting's schema message, put beside the field it came from. */
export function errorsFromSettings(errors: Partial<Record<SettingKey, string>>, values: FormSettings): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors) as [SettingKey, string][]) {
    const number = NUMBER_FIELDS.find((n) => n.key === key);
    if (number) out[number.field] = message;
    else if (key === 'assessment.checkpoints') out.checkpoints = message;
    else if (key === 'visits.frequency') {
      // Find the plan type whose value broke the rule, to put the message beside it.
      const bad = VISIT_PLAN_TYPES.find((p) => {
        const one = values['visits.frequency'][p.code];
        return one && !SETTINGS['visits.frequency'].schema.safeParse({ [p.code]: one }).success;
      });
      out[`visits-${bad?.code ?? 'child-protection'}-every`] = bad ? `${message} (${bad.label.toLowerCase()})` : message;
    } else out.form = message;
  }
  return out;
}

/** The add-a-closure-day form read: a real date and a short name. */
export function readClosureDay(body: unknown): { ok: true; day: ClosureDay } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parts = ['day', 'month', 'year'].map((p) => field(body, `date-${p}`));
  const name = field(body, 'name');
  let date: string | null = null;
  if (parts.some((p) => Array.isArray(p))) errors.date = 'Enter one date';
  else if (parts.every((p) => typeof p !== 'string' || p.trim() === '')) errors.date = 'Enter the date the council is closed';
  else if (!(date = dateFromParts(parts[0], parts[1], parts[2]))) errors.date = 'The closure day must be a real date, for example 27 12 2027';
  const text = typeof name === 'string' ? name.trim() : '';
  if (Array.isArray(name)) errors.name = 'Enter one name';
  else if (text === '') errors.name = 'Enter a short name, for example Council closure day';
  else if (text.length > 60) errors.name = 'The name must be 60 characters or fewer';
  else if (!NO_CONTROL.test(text) || LONE_SURROGATE.test(text)) errors.name = 'The name must only include letters, numbers, spaces and punctuation';
  if (Object.keys(errors).length > 0 || !date) return { ok: false, errors };
  return { ok: true, day: { date, name: text } };
}

/** How a setting's value reads on the page ("10, 30 and 45 working days"). */
export function describeSetting(key: SettingKey, value: unknown): string {
  if (key === 'assessment.checkpoints') return `${(value as number[]).join(', ')} working days`;
  if (key === 'calendar.closureDays') {
    const days = value as ClosureDay[];
    return days.length ? days.map((d) => `${formatDate(d.date)} (${d.name})`).join('; ') : 'None';
  }
  if (key === 'visits.frequency') {
    const f = value as SettingValue<'visits.frequency'>;
    const set = VISIT_PLAN_TYPES.filter((p) => f[p.code]).map((p) => `${p.label}: every ${f[p.code]!.every} ${UNITS[f[p.code]!.unit]}`);
    return set.length ? set.join('; ') : 'None';
  }
  const number = NUMBER_FIELDS.find((n) => n.key === key);
  return number ? `${String(value)} ${number.suffix}` : JSON.stringify(value);
}

export const unitItems = (checked: string) => Object.entries(UNITS).map(([value, text]) => ({ value, text, checked: value === checked }));
