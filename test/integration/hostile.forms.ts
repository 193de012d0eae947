/**
 * The hostile-input test's tools: read a form's fields from its page, generate hostile payloads for
 * them with fast-check, and say whether a payload is certainly invalid (so the app must not accept it).
 */
import fc from 'fast-check';
import { dateFromParts } from '../../src/domain/dates';

export type FieldKind = 'text' | 'choice' | 'multi' | 'hidden';
export type Field = { name: string; kind: FieldKind; options: string[]; pageValue: string };
export type DateGroup = { name: string; pageValue: [string, string, string] };
export type FormShape = { fields: Field[]; dates: DateGroup[] };

export type FieldValue = string | string[] | undefined;
export type Tag = 'valid' | 'tainted' | 'missing' | 'empty' | 'long' | 'control' | 'script' | 'sql' | 'number' | 'array' | 'unicode' | 'random';
export type Tagged = { tag: Tag; value: FieldValue };
export type Payload = { fields: Record<string, Tagged>; dates: Record<string, FieldValue[]>; extras: Record<string, FieldValue> };

/** What the test knows about one form beyond its page: required fields, valid examples, conditional fields. */
export type FormRules = {
  required?: string[];
  /** Valid example values: text fields by name, dates as "day month year". */
  valid?: Record<string, string>;
  /** A field (or date) that only counts when another field has one of these values (a GOV.UK conditional reveal). */
  when?: Record<string, [field: string, values: string[]]>;
};

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) if (m[1]) out[m[1].toLowerCase()] = decode(m[2] ?? '');
  return out;
}

/** The fields of the page's POST form whose action is `action` (its path), or null when there is none. */
export function readForm(html: string, action: string): FormShape | null {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(form[1] ?? '');
    if ((attrs.method ?? 'get').toLowerCase() !== 'post' || (attrs.action ?? '').split('?')[0] !== action) continue;
    const body = form[2] ?? '';
    const byName = new Map<string, Field>();
    const add = (name: string | undefined, kind: FieldKind, value: string, option?: string) => {
      if (!name || name === '_csrf') return;
      const field = byName.get(name) ?? { name, kind, options: [], pageValue: '' };
      if (option !== undefined) field.options.push(option);
      if (value) field.pageValue = value;
      byName.set(name, field);
    };
    for (const input of body.matchAll(/<input\b[^>]*>/g)) {
      const a = attributes(input[0]);
      const type = (a.type ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'button') continue;
      if (type === 'hidden') add(a.name, 'hidden', a.value ?? '');
      else if (type === 'radio') add(a.name, 'choice', 'checked' in a ? (a.value ?? '') : '', a.value ?? '');
      else if (type === 'checkbox') add(a.name, 'multi', 'checked' in a ? (a.value ?? '') : '', a.value ?? '');
      else add(a.name, 'text', a.value ?? '');
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attributes(select[1] ?? '').name;
      for (const option of (select[2] ?? '').matchAll(/<option\b([^>]*)>/g)) {
        const a = attributes(option[1] ?? '');
        if (a.value) add(name, 'choice', 'selected' in a ? a.value : '', a.value);
        else add(name, 'choice', '');
      }
    }
    for (const textarea of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attributes(textarea[1] ?? '').name, 'text', decode(textarea[2] ?? '').trim());
    // A checkbox group of one is a yes/no choice; date inputs come in threes.
    for (const field of byName.values()) if (field.kind === 'multi' && field.options.length === 1) field.kind = 'choice';
    const dates: DateGroup[] = [];
    for (const name of byName.keys()) {
      const m = /^(.*)-day$/.exec(name);
      if (!m?.[1] || !byName.has(`${m[1]}-month`) || !byName.has(`${m[1]}-year`)) continue;
      const group = m[1];
      dates.push({ name: group, pageValue: [byName.get(`${group}-day`)!.pageValue, byName.get(`${group}-month`)!.pageValue, byName.get(`${group}-year`)!.pageValue] });
    }
    const inDates = new Set(dates.flatMap((d) => [`${d.name}-day`, `${d.name}-month`, `${d.name}-year`]));
    return { fields: [...byName.values()].filter((f) => !inDates.has(f.name)), dates };
  }
  return null;
}

// ---- hostile values ----

/** Longer than any text a form accepts (the longest, a family's version of an assessment, takes 20,000 characters). */
const LONG = 25_000;
const hostile: fc.Arbitrary<Tagged> = fc.oneof(
  fc.constant<Tagged>({ tag: 'missing', value: undefined }),
  fc.constantFrom<Tagged>({ tag: 'empty', value: '' }, { tag: 'empty', value: '   ' }, { tag: 'empty', value: '\n\t' }),
  fc.constantFrom('x', 'é', '<', '9', '\u0000').map<Tagged>((c) => ({ tag: 'long', value: c.repeat(LONG) })),
  fc.constantFrom('a\u0000b', '\u0000', 'bell\u0007', 'esc\u001b[31mred', 'del\u007f', 'line\r\nbreak', 'c1\u0085\u009f').map<Tagged>((value) => ({ tag: 'control', value })),
  fc.constantFrom('<script>alert(1)</script>', '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>", '{{ 7*7 }}{% raw %}').map<Tagged>((value) => ({ tag: 'script', value })),
  fc.constantFrom("' OR '1'='1", "1; DROP TABLE people; --", "Robert'); DELETE FROM audit_log;--", '\\x00\\').map<Tagged>((value) => ({ tag: 'sql', value })),
  fc.oneof(fc.integer().map(String), fc.constantFrom('1e309', 'NaN', '-0', '0x1F', '99999999999999999999', '3.14', 'Infinity')).map<Tagged>((value) => ({ tag: 'number', value })),
  fc.array(fc.constantFrom('a', '', '<script>alert(1)</script>', '1'), { minLength: 2, maxLength: 3 }).map<Tagged>((value) => ({ tag: 'array', value })),
  fc.constantFrom('\u202Eevil\u202C', 'מִרְיָם כֹּהֵן', '👩‍👧‍👦 family', 'Zoe\u0301\u0301\u0301\u0301', '\u200B\uFEFF', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\uD800', '١٢٣').map<Tagged>((value) => ({ tag: 'unicode', value })),
  fc.string({ maxLength: 40, unit: 'binary' }).map<Tagged>((value) => ({ tag: 'random', value })),
);

/** Values for one field: its valid value often (so later checks are reached), hostile ones otherwise. */
export function fieldArbitrary(field: Field, validValue: string): fc.Arbitrary<Tagged> {
  const valid =
    field.kind === 'choice' || field.kind === 'multi'
      ? fc.constantFrom(...(field.options.length ? field.options : [''])).map<Tagged>((value) => ({ tag: 'valid', value }))
      : fc.constant<Tagged>({ tag: 'valid', value: validValue });
  return fc.oneof({ arbitrary: valid, weight: field.kind === 'hidden' ? 8 : 3 }, { arbitrary: tainted(valid), weight: 1 }, { arbitrary: hostile, weight: 2 });
}

/** A valid value with something hostile slipped inside it ("jo\u0000@example.org"), which passes a first glance. */
function tainted(valid: fc.Arbitrary<Tagged>): fc.Arbitrary<Tagged> {
  const fragment = fc.constantFrom('\u0000', '<script>alert(1)</script>', '\u202E', '\uD800', "'", '\u0007', '\r\n', '\u00A0', '%00');
  return fc.tuple(valid, fragment, fc.nat()).map(([v, bad, at]): Tagged => {
    const text = typeof v.value === 'string' ? v.value : '';
    const i = text.length ? at % (text.length + 1) : 0;
    return { tag: 'tainted', value: `${text.slice(0, i)}${bad}${text.slice(i)}` };
  });
}

export function dateArbitrary(valid: [string, string, string]): fc.Arbitrary<FieldValue[]> {
  const plain = (v: Tagged) => v.value;
  return fc.oneof(
    { arbitrary: fc.constant<FieldValue[]>(valid), weight: 3 },
    { arbitrary: fc.constant<FieldValue[]>([undefined, undefined, undefined]), weight: 1 },
    { arbitrary: fc.constant<FieldValue[]>(['', '', '']), weight: 1 },
    {
      arbitrary: fc.constantFrom<FieldValue[]>(['31', '02', '2023'], ['00', '13', '0000'], ['1', '1', '99999'], ['29', '2', '2023'], ['-1', '5', '2020'], ['1.5', '2', '2020'], ['٣', '٣', '٢٠٢٠'], ['１', '２', '２０２０'], ['0', '0', '0']),
      weight: 2,
    },
    { arbitrary: fc.integer({ min: 0, max: 2 }).map((i) => valid.map((p, j) => (i === j ? '' : p))), weight: 1 },
    { arbitrary: fc.tuple(hostile.map(plain), hostile.map(plain), hostile.map(plain)), weight: 2 },
  );
}

export const EXTRA_NAMES = ['unexpected', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a[b]', 'x.y', 'id'];
export const extrasArbitrary = fc.dictionary(fc.constantFrom(...EXTRA_NAMES), hostile.map((v) => v.value), { maxKeys: 3 });

// ---- the oracle ----

export type Verdict = 'valid' | 'invalid' | 'maybe';

const blank = (v: FieldValue) => v === undefined || (typeof v === 'string' && v.trim() === '');
const onlyControl = (v: string) => [...v].every((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Is this payload certainly invalid (the app must refuse it), certainly valid, or not known? */
export function judge(payload: Payload, shape: FormShape, rules: FormRules, validOf: (name: string) => string): { verdict: Verdict; why: string[] } {
  const required = new Set(rules.required ?? []);
  const counts = (name: string) => {
    const cond = rules.when?.[name];
    if (!cond) return true;
    const controller = payload.fields[cond[0]]?.value;
    return typeof controller === 'string' && cond[1].includes(controller);
  };
  const why: string[] = [];
  let allValid = true;
  for (const field of shape.fields) {
    const { tag, value } = payload.fields[field.name] ?? { tag: 'missing', value: undefined };
    let verdict: Verdict;
    if (blank(value)) verdict = required.has(field.name) ? 'invalid' : field.kind === 'hidden' ? 'maybe' : 'valid';
    else if (Array.isArray(value) && field.kind === 'hidden') verdict = required.has(field.name) ? 'invalid' : 'maybe';
    else if (Array.isArray(value)) verdict = field.kind === 'multi' ? (value.every((v) => field.options.includes(v)) ? 'maybe' : 'invalid') : 'invalid';
    else if (field.kind === 'choice' || field.kind === 'multi') {
      // A choice with spaces around it ("yes\u00A0") may be read trimmed: not certainly invalid.
      verdict = typeof value === 'string' && field.options.includes(value) ? 'valid' : typeof value === 'string' && field.options.includes(value.trim()) ? 'maybe' : 'invalid';
    }
    else if (field.kind === 'hidden') verdict = value === validOf(field.name) ? 'valid' : 'maybe';
    // A long run of control characters may be cleaned away to nothing: only long visible text is certainly too long.
    else verdict = tag === 'valid' ? 'valid' : tag === 'long' && !onlyControl(String(value)) ? 'invalid' : 'maybe';
    if (verdict === 'invalid' && !counts(field.name)) verdict = 'maybe';
    if (verdict === 'invalid') why.push(`${field.name} (${tag})`);
    if (verdict !== 'valid') allValid = false;
  }
  for (const group of shape.dates) {
    const parts = payload.dates[group.name] ?? [undefined, undefined, undefined];
    let verdict: Verdict;
    if (parts.some((p) => Array.isArray(p))) verdict = 'invalid';
    else if (parts.every(blank)) verdict = required.has(group.name) ? 'invalid' : 'valid';
    else if (parts.some(blank) || !dateFromParts(parts[0], parts[1], parts[2])) verdict = 'invalid';
    else verdict = parts.join(' ') === validOf(group.name) ? 'valid' : 'maybe';
    if (verdict === 'invalid' && !counts(group.name)) verdict = 'maybe';
    if (verdict === 'invalid') why.push(`${group.name} (${parts.map((p) => JSON.stringify(shorten(p))).join('/')})`);
    if (verdict !== 'valid') allValid = false;
  }
  return { verdict: why.length > 0 ? 'invalid' : allValid ? 'valid' : 'maybe', why };
}

/** The form as a browser would post it (repeated fields for arrays, nothing for missing fields). */
export function toForm(payload: Payload): Record<string, string | string[] | undefined> {
  const form: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(payload.extras)) form[name] = value;
  for (const [name, { value }] of Object.entries(payload.fields)) form[name] = value;
  for (const [name, parts] of Object.entries(payload.dates)) ['day', 'month', 'year'].forEach((p, i) => (form[`${name}-${p}`] = parts[i]));
  return form;
}

function shorten(value: FieldValue): FieldValue {
  if (typeof value === 'string' && value.length > 60) return `${value.slice(0, 12)}… (${value.length} characters)`;
  if (Array.isArray(value)) return value.map((v) => shorten(v) as string);
  return value;
}

/** A payload short enough to print when a rule breaks. */
export function describePayload(payload: Payload): string {
  return JSON.stringify(Object.fromEntries(Object.entries(toForm(payload)).map(([k, v]) => [k, shorten(v)])));
}
