/**
 * The plain-language check with the council's own word list (A12), and the list itself, which an
 * administrator keeps. Any feature with a family-facing field calls `check` when it is saved and
 * shows the findings (never blocking the save); the live check as the worker types uses the same.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { checkPlainLanguage, FINDING_LABELS, PARENT_READING_AGE, type Finding, type PlainLanguageReport } from '../../domain/plainLanguage';
import type { PlainLanguageTerm, TermKind } from '../../domain/plainLanguageTerms';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { plainLanguageTerms } from './tables';

export type TermRow = typeof plainLanguageTerms.$inferSelect;
export type TermInput = { term: string; kind: TermKind; suggestion: string; active: boolean };
export type ShownFinding = Finding & { label: string };
export type ShownReport = { findings: ShownFinding[]; stats: PlainLanguageReport['stats']; readingAge: number };

const DUPLICATE = 'This word or phrase is already on the list: find it below and change it there';

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export function plainLanguageService(db: Db) {
  /** The words the checker looks for: the active rows of the council's list (one query). */
  async function activeTerms(tx: Db = db): Promise<PlainLanguageTerm[]> {
    return tx
      .select({ term: plainLanguageTerms.term, kind: plainLanguageTerms.kind, suggestion: plainLanguageTerms.suggestion })
      .from(plainLanguageTerms)
      .where(eq(plainLanguageTerms.active, true));
  }

  return {
    activeTerms,

    /** Checks one piece of writing for a family (or, with a lower reading age, for a child). */
    async check(text: string, opts: { readingAge?: number; tx?: Db } = {}): Promise<ShownReport> {
      const readingAge = opts.readingAge ?? PARENT_READING_AGE;
      const report = checkPlainLanguage(text, { terms: await activeTerms(opts.tx), readingAge });
      return { readingAge, stats: report.stats, findings: report.findings.map((f) => ({ ...f, label: FINDING_LABELS[f.kind] })) };
    },

    /**
     * Checks several fields of one form (the family-facing answers of an assessment's analysis)
     * with one read of the word list; a blank field gets null (nothing to say yet).
     */
    async checkAll(texts: readonly string[], opts: { readingAge?: number; tx?: Db } = {}): Promise<(ShownReport | null)[]> {
      if (!texts.some((t) => t.trim())) return texts.map(() => null);
      const readingAge = opts.readingAge ?? PARENT_READING_AGE;
      const terms = await activeTerms(opts.tx);
      return texts.map((text) => {
        if (!text.trim()) return null;
        const report = checkPlainLanguage(text, { terms, readingAge });
        return { readingAge, stats: report.stats, findings: report.findings.map((f) => ({ ...f, label: FINDING_LABELS[f.kind] })) };
      });
    },

    /** The whole list for the administrator, by kind and then alphabetically. */
    async list(): Promise<TermRow[]> {
      return db.select().from(plainLanguageTerms).orderBy(asc(plainLanguageTerms.kind), asc(sql`lower(${plainLanguageTerms.term})`)).limit(2000);
    },

    async find(id: string): Promise<TermRow | null> {
      const found = await db.select().from(plainLanguageTerms).where(eq(plainLanguageTerms.id, id)).limit(1);
      return found[0] ?? null;
    },

    async add(ctx: AuditContext, input: TermInput): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
      try {
        return await db.transaction(async (tx) => {
          const inserted = await tx
            .insert(plainLanguageTerms)
            .values({ ...input, updatedBy: ctx.actor?.id ?? null })
            .returning({ id: plainLanguageTerms.id });
          const id = inserted[0]!.id;
          await audit(tx, ctx, { action: 'plain-language-term-added', subjectType: 'plain-language-term', subjectId: id, details: { term: input.term, kind: input.kind } });
          return { ok: true as const, id };
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: { term: DUPLICATE } };
        throw error;
      }
    },

    /** Changes a term, refusing a change based on an older version (someone else saved in between). */
    async update(ctx: AuditContext, id: string, input: TermInput, version: number): Promise<{ outcome: 'saved' | 'conflict' | 'not-found' } | { outcome: 'invalid'; errors: FieldErrors }> {
      try {
        return await db.transaction(async (tx) => {
          const updated = await tx
            .update(plainLanguageTerms)
            .set({ ...input, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null, version: sql`${plainLanguageTerms.version} + 1` })
            .where(and(eq(plainLanguageTerms.id, id), eq(plainLanguageTerms.version, version)))
            .returning({ id: plainLanguageTerms.id });
          if (updated.length === 0) {
            const exists = await tx.select({ id: plainLanguageTerms.id }).from(plainLanguageTerms).where(eq(plainLanguageTerms.id, id)).limit(1);
            return { outcome: exists.length ? ('conflict' as const) : ('not-found' as const) };
          }
          await audit(tx, ctx, { action: 'plain-language-term-changed', subjectType: 'plain-language-term', subjectId: id, details: { term: input.term, kind: input.kind, active: input.active } });
          return { outcome: 'saved' as const };
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { outcome: 'invalid', errors: { term: DUPLICATE } };
        throw error;
      }
    },
  };
}

export type PlainLanguageService = ReturnType<typeof plainLanguageService>;
