import { and, eq } from 'drizzle-orm';
import type { Db } from './db';
import { drafts } from './tables';

const MAX_DRAFT_BYTES = 200_000;

/** Typed text kept for a person and a form, so a timeout or a conflict never loses it. */
export function draftStore(db: Db) {
  return {
    async save(userId: string, formKey: string, data: Record<string, unknown>): Promise<boolean> {
      const clean = Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_csrf'));
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
