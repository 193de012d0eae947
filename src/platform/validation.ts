import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type ErrorItem = { text: string; href: string };

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; errorList: ErrorItem[] };

/**
 * Validates a submitted form with its zod schema. The messages in the schema are GOV.UK error
 * wording; each is shown in the error summary (linked to its field) and beside the field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('-') || 'form';
    if (!errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors, errorList: toErrorList(errors) };
}

export function toErrorList(errors: FieldErrors): ErrorItem[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
}

/** Form fields arrive as strings (or arrays of strings, or nothing): read them without trusting them. */
export function text(body: unknown, field: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

export function list(body: unknown, field: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[field];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
