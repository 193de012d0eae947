/**
 * Reading the long, repeating forms of assessment sections without trusting them. Field names are
 * paths ("dimensions-health-strengths-0-text"): `unflatten` turns a posted body into the nested
 * shape the section's zod schema checks, so a zod error path joined with "-" is the field's id and
 * the error summary links to it. Lists grow and shrink with "add another" and "remove" buttons
 * that work without JavaScript.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dateFromParts } from '../../../domain/dates';
import { cleanText } from '../../../platform/formFields';

export type FormValues = Record<string, unknown>;

const SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,40}$/;
const INDEX = /^\d{1,3}$/;
/** More rows than this in one list is not typing: the rest are ignored. */
export const MAX_ROWS = 60;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The posted fields as a nested object; names that are not paths, or that go too deep, are ignored. */
export function unflatten(body: unknown): FormValues {
  const root: FormValues = {};
  if (!body || typeof body !== 'object') return root;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.length > 200) continue;
    const parts = name.split('-');
    if (parts.length > 8 || parts.some((p) => FORBIDDEN.has(p) || !(SEGMENT.test(p) || INDEX.test(p)))) continue;
    if (INDEX.test(parts[0]!)) continue;
    let node: Record<string, unknown> | unknown[] = root;
    let ok = true;
    for (let i = 0; i < parts.length - 1 && ok; i += 1) {
      const key = parts[i]!;
      const nextIsIndex = INDEX.test(parts[i + 1]!);
      if (nextIsIndex && Number(parts[i + 1]) >= MAX_ROWS) ok = false;
      const current = readKey(node, key);
      if (current === undefined) {
        const created = nextIsIndex ? [] : {};
        writeKey(node, key, created);
        node = created;
      } else if (nextIsIndex ? Array.isArray(current) : isPlainObject(current)) {
        node = current as Record<string, unknown> | unknown[];
      } else ok = false;
    }
    if (ok && readKey(node, parts.at(-1)!) === undefined) writeKey(node, parts.at(-1)!, value);
  }
  return compact(root) as FormValues;
}

function readKey(node: Record<string, unknown> | unknown[], key: string): unknown {
  if (Array.isArray(node)) return INDEX.test(key) ? node[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}
function writeKey(node: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (Array.isArray(node)) {
    if (INDEX.test(key)) node[Number(key)] = value;
  } else node[key] = value;
}
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Drops the holes of sparse lists (rows 0 and 2 posted become rows 0 and 1). */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) {
    // Repeated fields (checkboxes) are lists of strings: keep them as they are.
    if (value.every((v) => typeof v === 'string')) return value;
    return value.filter((v) => v !== undefined && v !== null).map(compact);
  }
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

/** The value at a path ("dimensions-health-strengths"), or undefined. */
export function at(values: unknown, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('-')) {
    if (Array.isArray(node)) node = INDEX.test(key) ? node[Number(key)] : undefined;
    else if (isPlainObject(node)) node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    else return undefined;
  }
  return node;
}

/** A list at a path, made if missing (for add and remove). Null when the path is not a list. */
function listAt(values: FormValues, path: string, create: boolean): unknown[] | null {
  const parts = path.split('-');
  let node: unknown = values;
  for (let i = 0; i < parts.length; i += 1) {
    const key = parts[i]!;
    const last = i === parts.length - 1;
    let next = Array.isArray(node) ? (INDEX.test(key) ? node[Number(key)] : undefined) : isPlainObject(node) ? node[key] : undefined;
    if (next === undefined && create && isPlainObject(node)) {
      next = last ? [] : {};
      node[key] = next;
    }
    node = next;
  }
  return Array.isArray(node) ? node : null;
}

export type ListAction = { kind: 'add'; list: string; arg: string | null; row?: FormValues } | { kind: 'remove'; list: string; index: number };

/** Reads the button pressed: "add:<list>[:<what>]" or "remove:<list>:<index>", only for the lists the section declares. */
export function listAction(body: unknown, lists: readonly string[]): ListAction | null {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).action : undefined;
  if (typeof raw !== 'string') return null;
  const [kind, list, index] = raw.split(':');
  if (!list || !lists.includes(list)) return null;
  if (kind === 'add') return { kind: 'add', list, arg: index && /^[0-9a-f-]{36}$/i.test(index) ? index : null };
  if (kind === 'remove' && index !== undefined && INDEX.test(index)) return { kind: 'remove', list, index: Number(index) };
  return null;
}

/** Adds a row (a blank one unless given) or removes one. Returns the id of the field to show next. */
export function applyListAction(values: FormValues, action: ListAction): string {
  const list = listAt(values, action.list, true);
  if (!list) return action.list;
  if (action.kind === 'add') {
    if (list.length < MAX_ROWS) list.push(action.row ?? {});
    return `${action.list}-${list.length - 1}`;
  }
  if (action.index < list.length) list.splice(action.index, 1);
  return action.list;
}

/** True when a row has nothing typed in the fields people type (prefilled names do not count). */
export function isBlankRow(row: unknown, typedFields: readonly string[]): boolean {
  if (!isPlainObject(row)) return true;
  return typedFields.every((f) => {
    const v = row[f];
    if (v === undefined || v === null) return true;
    if (typeof v === 'string') return v.trim() === '';
    // A date's parts: a part posted more than once counts as typed (so the row is checked, not dropped).
    if (isPlainObject(v)) return Object.values(v).every((part) => part === undefined || part === null || (typeof part === 'string' && part.trim() === ''));
    if (Array.isArray(v)) return v.length === 0;
    return false;
  });
}

/** Removes the rows nobody typed in, from each list named (paths may hold "*" for every key or row). */
export function dropBlankRows(values: FormValues, lists: { path: string; typed: readonly string[] }[]): FormValues {
  const copy = structuredClone(values);
  for (const { path, typed } of lists) {
    for (const list of expand(copy, path.split('-'))) {
      const kept = list.filter((row) => !isBlankRow(row, typed));
      list.splice(0, list.length, ...kept);
    }
  }
  return copy;
}

function expand(node: unknown, parts: string[]): unknown[][] {
  if (parts.length === 0) return Array.isArray(node) ? [node] : [];
  const [key, ...rest] = parts as [string, ...string[]];
  if (key === '*') {
    const children = Array.isArray(node) ? node : isPlainObject(node) ? Object.values(node) : [];
    return children.flatMap((child) => expand(child, rest));
  }
  const child = Array.isArray(node) ? (INDEX.test(key) ? node[Number(key)] : undefined) : isPlainObject(node) ? node[key] : undefined;
  return expand(child, rest);
}

/** A string to show back in a form: what was typed (cut short if absurdly long), or nothing. */
export function str(value: unknown, max = 20_000): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 60) : [];
}

export function rows(value: unknown): FormValues[] {
  return Array.isArray(value) ? value.filter(isPlainObject).slice(0, MAX_ROWS) : [];
}

/**
 * A field that may be missing from the post (an unticked box, an unanswered question): zod treats a
 * missing key as an error unless the schema accepts undefined, so missing becomes ''.
 */
export function posted<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === undefined ? '' : v), schema);
}

/** Form schema pieces, with GOV.UK wording given by each section. */
export const field = {
  required: (max: number, empty: string, tooLong: string) => z.preprocess(cleanText, z.string({ error: empty }).min(1, empty).max(max, tooLong)),
  optional: (max: number, tooLong: string) =>
    z.preprocess((v) => (v === undefined || v === null ? '' : cleanText(v)), z.string({ error: tooLong }).max(max, tooLong).transform((v) => (v === '' ? null : v))),
  choice: <T extends string>(allowed: readonly T[], message: string) =>
    posted(z.unknown().refine((v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v), { message }).transform((v) => v as T)),
  optionalChoice: <T extends string>(allowed: readonly T[], message: string) =>
    posted(
      z
        .unknown()
        .refine((v) => v === '' || (typeof v === 'string' && (allowed as readonly string[]).includes(v)), { message })
        .transform((v) => (v === '' ? null : (v as T))),
    ),
  choices: <T extends string>(allowed: readonly T[], message: string, max = 60) =>
    posted(
      z
        .unknown()
        .transform((v) => (v === '' ? [] : typeof v === 'string' ? [v] : v))
        .refine((v): v is string[] => Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && (allowed as readonly string[]).includes(x)), { message })
        .transform((v) => [...new Set(v as T[])]),
    ),
  /** A single checkbox: ticked ('yes') or not (nothing posted). Any other value is refused, not read as unticked. */
  checked: () =>
    posted(
      z
        .unknown()
        .refine((v) => v === '' || v === 'yes', { message: 'Tick the box, or leave it empty' })
        .transform((v) => v === 'yes'),
    ),
  /** A GOV.UK date input posted as {day, month, year}: an ISO date, null when empty, or the message. */
  date: (label: string, opts: { required?: boolean; today?: string } = {}) =>
    posted(
      z.unknown().transform((v, ctx) => {
        const parts = isPlainObject(v) ? v : {};
        const sentence = label.charAt(0).toUpperCase() + label.slice(1);
        // A part posted more than once is not a date (and is never read as an empty one).
        if (['day', 'month', 'year'].some((k) => parts[k] !== undefined && typeof parts[k] !== 'string')) {
          ctx.addIssue({ code: 'custom', message: `${sentence} must be a real date` });
          return null;
        }
        const [d, m, y] = ['day', 'month', 'year'].map((k) => (typeof parts[k] === 'string' ? (parts[k] as string).trim() : '')) as [string, string, string];
        if (!d && !m && !y) {
          if (opts.required) ctx.addIssue({ code: 'custom', message: `Enter the ${label}` });
          return null;
        }
        const iso = dateFromParts(d, m, y);
        if (!iso) ctx.addIssue({ code: 'custom', message: `${sentence} must be a real date` });
        else if (opts.today && iso > opts.today) ctx.addIssue({ code: 'custom', message: `${sentence} must be today or in the past` });
        return iso;
      }),
    ),
};

/** The date input's parts to show again: exactly what was typed (short), or the stored date split. */
export function dateParts(value: unknown): { day: string; month: string; year: string } {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-') as [string, string, string];
    return { day: String(Number(day)), month: String(Number(month)), year };
  }
  const parts = isPlainObject(value) ? value : {};
  const part = (k: string) => (typeof parts[k] === 'string' ? (parts[k] as string).slice(0, 10) : '');
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A short fingerprint of a section's saved content: the form carries it so a save can tell whether this section changed meanwhile. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(stableJson(value ?? null))
    .digest('hex')
    .slice(0, 24);
}

/** JSON with object keys sorted (the database gives keys back in its own order). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A zod error as field errors: the id is the path joined with "-"; the message says where on the page when `placeOf` knows. */
export function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], placeOf: (path: string[]) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const id = path.join('-') || 'form';
    if (errors[id]) continue;
    const place = placeOf(path);
    errors[id] = place ? `${place}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` : issue.message;
  }
  return errors;
}

/** Every leaf of form values as "path" → text, for comparing what was typed with what is saved. */
export function leaves(values: unknown, prefix: string[] = [], out = new Map<string, { path: string[]; text: string }>()): Map<string, { path: string[]; text: string }> {
  if (Array.isArray(values) && values.every((v) => typeof v === 'string')) {
    out.set(prefix.join('-'), { path: prefix, text: values.join(', ') });
  } else if (Array.isArray(values)) {
    values.forEach((v, i) => leaves(v, [...prefix, String(i)], out));
  } else if (isPlainObject(values)) {
    const parts = ['day', 'month', 'year'];
    if (Object.keys(values).length > 0 && Object.keys(values).every((k) => parts.includes(k))) {
      const d = dateParts(values);
      out.set(prefix.join('-'), { path: prefix, text: d.day || d.month || d.year ? `${d.day}/${d.month}/${d.year}` : '' });
    } else for (const [k, v] of Object.entries(values)) leaves(v, [...prefix, k], out);
  } else if (typeof values === 'string') {
    out.set(prefix.join('-'), { path: prefix, text: values.trim() });
  }
  return out;
}
