import { and, eq, sql } from 'drizzle-orm';
import { CONTENT_SECTIONS } from '../../domain/assessmentChecks';
import { changedFields, type AssessmentSectionKey } from '../../domain/assessmentSections';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { todayInLondon } from '../../domain/dates';
import { resolvePromptsByUpdate } from './living/reviewPrompts';
import { lockedMessage } from './lock';
import { assessmentRevisions, assessments } from './tables';

export type SaveSectionResult =
  /** `resolvedPrompts`: the review prompts this update closed (A10). */
  | { ok: true; version: number; revision: number; changed: string[]; resolvedPrompts: number }
  | { ok: false; reason: 'conflict'; saved: unknown; savedVersion: number; savedBy: string | null; savedAt: Date }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'read-only'; message: string };

/** The sections whose change updates the assessment for its review prompts: the content the worker writes. */
const UPDATING_SECTIONS = new Set<string>(CONTENT_SECTIONS);

/**
 * The one way an assessment's content changes: the section is replaced, the whole content is kept
 * as a new numbered revision (who, when, which fields changed), and an audit row is written, in one
 * transaction; a change to its content closes its open review prompts as updated (A10). A save based
 * on an older version is refused with what is saved now (never overwritten); a save to an assessment
 * that cannot be changed now (closed, or authorised with no update under way: lock.ts) is refused
 * with the reason, whatever route it came from.
 */
export async function saveAssessmentSection(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: string; section: AssessmentSectionKey; data: unknown; expectedVersion: number },
): Promise<SaveSectionResult> {
  return db.transaction(async (tx) => {
    const found = await tx
      .select({
        id: assessments.id,
        childId: assessments.childId,
        content: assessments.content,
        version: assessments.version,
        revision: assessments.revision,
        updatedBy: assessments.updatedBy,
        updatedAt: assessments.updatedAt,
        status: assessments.status,
        closedReason: assessments.closedReason,
        reviewDueOn: assessments.reviewDueOn,
        authorisedRevision: assessments.authorisedRevision,
      })
      .from(assessments)
      .where(eq(assessments.id, input.assessmentId))
      .for('update')
      .limit(1);
    const current = found[0];
    if (!current) return { ok: false, reason: 'not-found' } as const;
    const locked = await lockedMessage(tx, current, todayInLondon());
    if (locked) return { ok: false, reason: 'read-only', message: locked } as const;
    const before = current.content[input.section];
    if (current.version !== input.expectedVersion) {
      return { ok: false, reason: 'conflict', saved: before, savedVersion: current.version, savedBy: current.updatedBy, savedAt: current.updatedAt } as const;
    }
    const changed = changedFields(before, input.data);
    const content = { ...current.content, [input.section]: input.data };
    const revision = current.revision + 1;
    await tx.insert(assessmentRevisions).values({
      assessmentId: current.id,
      revision,
      section: input.section,
      content,
      changedFields: changed,
      changedBy: ctx.actor?.id ?? null,
    });
    const updated = await tx
      .update(assessments)
      .set({ content, revision, version: sql`${assessments.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null })
      .where(and(eq(assessments.id, current.id), eq(assessments.version, input.expectedVersion)))
      .returning({ version: assessments.version });
    // A change to the assessment's content (not the plan, not the manager's checklist) is the update its
    // open review prompts asked for (A10): they close as updated, before the first audit row (lock order).
    const resolved = changed.length > 0 && UPDATING_SECTIONS.has(input.section) ? await resolvePromptsByUpdate(tx, ctx, { childId: current.childId, assessmentId: current.id }, revision) : [];
    await audit(tx, ctx, [
      {
        action: 'assessment-section-saved',
        subjectType: 'assessment',
        subjectId: current.id,
        childId: current.childId,
        details: { section: input.section, revision, changed },
      },
      ...resolved,
    ]);
    return { ok: true, version: updated[0]!.version, revision, changed, resolvedPrompts: resolved.length } as const;
  });
}
