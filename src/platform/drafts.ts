import { and, eq } from 'drizzle-orm';
import type { Db } from './db';
import { drafts } from './tables';

const MAX_DRAFT_BYTES = 200_000;
const MAX_FORM_KEY = 500;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** A form's address that a draft can be kept under: a local path of sane length, nothing unprintable. */
export function isDraftKey(formKey: string): boolean {
  return formKey.startsWith('/') && formKey.length <= MAX_FORM_KEY && !CONTROL.test(formKey) && !LONE_SURROGATE.test(formKey);
}

/**
 * What typed text jsonb can hold: PostgreSQL refuses NUL characters and lone surrogates, which only
 * hostile or broken clients send. They are dropped (or replaced), so keeping a draft never fails.
 */
export function storable(value: unknown): unknown {
  // eslint-disable-next-line no-control-regex
  if (typeof value === 'string') return value.replace(/\u0000/g, '').replace(LONE_SURROGATES, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  return value;
}

/** Typed text kept for a person and a form, so a timeout or a conflict never loses it. */
export function draftStore(db: Db) {
  return {
    /** Keeps the draft; false when it is too large or the form's address is not one (nothing is stored). */
    async save(userId: string, formKey: string, data: Record<string, unknown>): Promise<boolean> {
      if (!isDraftKey(formKey)) return false;
      const clean = storable(Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_csrf'))) as Record<string, unknown>;
      if (JSON.stringify(clean).length > MAX_DRAFT_BYTES) return false;
      await db
        .insert(drafts)
        .values({ userId, formKey, data: clean })
        .onConflictDoUpdate({ target: [drafts.userId, drafts.formKey], set: { data: clean, updatedAt: new Date() } });
      return true;
    },
    async get(userId: string, formKey: string): Promise<Record<string, unknown> | null> {
      const found = await db
        .select({ data: drafts.data })
        .from(drafts)
        .where(and(eq(drafts.userId, userId), eq(drafts.formKey, formKey)))
        .limit(1);
      return found[0]?.data ?? null;
    },
    async discard(userId: string, formKey: string): Promise<void> {
      await db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.formKey, formKey)));
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
