/**
 * The family's and the child's versions of an assessment (A11), saved with an optimistic version so
 * two people editing at once never overwrite each other, and the record of how each was shared (or
 * why not), including telling the referrer the outcome.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { todayInLondon } from '../../../domain/dates';
import { audit, type AuditContext } from '../../../platform/audit';
import type { Db } from '../../../platform/db';
import { recordChronologyEntry } from '../../chronology/record';
import { assessmentFamilyVersions, assessmentFamilyVersionTexts, assessmentSharing } from '../tables';
import type { Audience } from './familyDraft';

export type FamilyVersionRow = typeof assessmentFamilyVersions.$inferSelect;
/** A sharing record, with who recorded it and the language the shared version is written in (when a saved version was shared). */
export type SharingRow = typeof assessmentSharing.$inferSelect & { recordedByName: string | null; versionLanguage: string | null };

export type SaveVersion = { assessmentId: string; childId: string; audience: Audience; text: string; language: string; expectedVersion: number; findings: number };
export type SaveOutcome = { outcome: 'saved'; version: number } | { outcome: 'conflict'; saved: FamilyVersionRow | null };

export async function loadVersion(db: Db, assessmentId: string, audience: Audience): Promise<FamilyVersionRow | null> {
  const found = await db
    .select()
    .from(assessmentFamilyVersions)
    .where(and(eq(assessmentFamilyVersions.assessmentId, assessmentId), eq(assessmentFamilyVersions.audience, audience)))
    .limit(1);
  return found[0] ?? null;
}

/**
 * Saves one version: the first save expects version 0; a save from an older version is refused with
 * what is saved now. The latest is kept in assessment_family_versions and every version, this one
 * included, in assessment_family_version_texts.
 */
export async function saveVersion(db: Db, ctx: AuditContext, input: SaveVersion): Promise<SaveOutcome> {
  return db.transaction(async (tx): Promise<SaveOutcome> => {
    const by = ctx.actor?.id ?? null;
    const written =
      input.expectedVersion === 0
        ? await tx
            .insert(assessmentFamilyVersions)
            .values({ assessmentId: input.assessmentId, audience: input.audience, text: input.text, language: input.language, updatedBy: by })
            .onConflictDoNothing()
            .returning({ version: assessmentFamilyVersions.version, updatedAt: assessmentFamilyVersions.updatedAt })
        : await tx
            .update(assessmentFamilyVersions)
            .set({ text: input.text, language: input.language, updatedAt: new Date(), updatedBy: by, version: sql`${assessmentFamilyVersions.version} + 1` })
            .where(
              and(
                eq(assessmentFamilyVersions.assessmentId, input.assessmentId),
                eq(assessmentFamilyVersions.audience, input.audience),
                eq(assessmentFamilyVersions.version, input.expectedVersion),
              ),
            )
            .returning({ version: assessmentFamilyVersions.version, updatedAt: assessmentFamilyVersions.updatedAt });
    const saved = written[0];
    if (!saved) return { outcome: 'conflict', saved: await loadVersion(tx, input.assessmentId, input.audience) };
    // Every save is kept as it was (A10): a sharing record names one of these, so the text the family got is never lost.
    await tx.insert(assessmentFamilyVersionTexts).values({
      assessmentId: input.assessmentId,
      audience: input.audience,
      version: saved.version,
      text: input.text,
      language: input.language,
      savedBy: by,
      savedAt: saved.updatedAt,
    });
    await audit(tx, ctx, {
      action: 'assessment-family-version-saved',
      subjectType: 'assessment',
      subjectId: input.assessmentId,
      childId: input.childId,
      details: { audience: input.audience, version: saved.version, language: input.language, wordingFindings: input.findings },
    });
    return { outcome: 'saved', version: saved.version };
  });
}

export async function listSharing(db: Db, assessmentId: string): Promise<SharingRow[]> {
  const found = await db
    .select({
      row: assessmentSharing,
      recordedByName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${assessmentSharing.recordedBy})`,
      // Named in full: inside the subquery, drizzle's bare column names would be the version table's own.
      versionLanguage: sql<string | null>`(SELECT v.language FROM assessment_family_version_texts v
        WHERE v.assessment_id = assessment_sharing.assessment_id AND v.audience = assessment_sharing.version_audience AND v.version = assessment_sharing.version_number)`,
    })
    .from(assessmentSharing)
    .where(eq(assessmentSharing.assessmentId, assessmentId))
    .orderBy(desc(assessmentSharing.recordedAt), asc(assessmentSharing.id))
    .limit(200);
  return found.map((f) => ({ ...f.row, recordedByName: f.recordedByName, versionLanguage: f.versionLanguage }));
}

export type NewSharing = {
  audience: 'family' | 'child' | 'referrer';
  sharedOn: string | null;
  method: string | null;
  sharedWith: string | null;
  language: string | null;
  format: string | null;
  notSharedReason: string | null;
  /** The saved version that was shared (its audience and number), or null when no written version was. */
  versionAudience: Audience | null;
  versionNumber: number | null;
  /** One line for the child's chronology. */
  summary: string;
};

/** Records one sharing (or the reason for not sharing), audited, with a line in the child's chronology; it names the saved version shared, if any. */
export async function recordSharing(db: Db, ctx: AuditContext, ids: { assessmentId: string; childId: string }, input: NewSharing): Promise<string> {
  return db.transaction(async (tx) => {
    const { summary, ...row } = input;
    const inserted = await tx
      .insert(assessmentSharing)
      .values({ ...row, assessmentId: ids.assessmentId, recordedBy: ctx.actor?.id ?? null })
      .returning({ id: assessmentSharing.id, recordedAt: assessmentSharing.recordedAt });
    const id = inserted[0]!.id;
    const today = todayInLondon(inserted[0]!.recordedAt);
    // The chronology line first: its links lock the child (FOR KEY SHARE) before the first audit row
    // (docs/architecture.md, lock order: an allocation locks the child FOR UPDATE and then audits).
    await recordChronologyEntry(tx, ctx, {
      occurredOn: input.sharedOn ?? today,
      category: 'assessment',
      summary,
      originType: 'assessment-sharing',
      originId: id,
      personIds: [ids.childId],
    });
    const version = input.versionNumber !== null ? { versionAudience: input.versionAudience, version: input.versionNumber } : {};
    await audit(tx, ctx, {
      action: 'assessment-sharing-recorded',
      subjectType: 'assessment',
      subjectId: ids.assessmentId,
      childId: ids.childId,
      details: { sharingId: id, audience: input.audience, shared: !!input.sharedOn, ...version },
    });
    return id;
  });
}
