/**
 * The living assessment (A10): new information about a child (a new referral, a significant event in
 * their chronology, recorded so or changed to it, a change of household) puts a "review this
 * assessment" prompt on the child's live assessment: the newest one open or authorised (a closed one
 * is on no list and cannot change). It stays until someone updates the assessment (a save that
 * changes its content closes it as updated) or records why no change is needed.
 */
import { sql } from 'drizzle-orm';
import { audit, type AuditContext, type AuditEvent } from '../../../platform/audit';
import { rows, type Db } from '../../../platform/db';
import type { FieldErrors } from '../../../platform/validation';
import { OPEN_STATUSES } from '../tables';

export type PromptOrigin = 'contact' | 'chronology-entry' | 'household-member' | (string & {});

export type RaisePrompts = {
  /** The people the news is about: each child's newest assessment gets a prompt (adults have none). */
  childIds: string[];
  /** What happened, in a sentence the worker reads on the assessment. */
  reason: string;
  originType: PromptOrigin;
  originId: string;
};

/** The statuses of a live assessment, open or authorised: the one a prompt is raised on and the review lists show (lists.ts). */
export const LIVE_STATUSES = [...OPEN_STATUSES, 'authorised'] as const;
const isLive = sql`a.status IN (${sql.join(LIVE_STATUSES.map((s) => sql`${s}`), sql`, `)})`;

/**
 * Raises the prompts inside the caller's transaction, so the news and the prompt are saved together.
 * One statement whatever the number of children; a child whose assessments are all closed (or who has
 * none) gets no prompt; a prompt already open for the same origin is not raised twice. Returns the
 * assessments prompted.
 */
export async function raiseReviewPrompts(tx: Db, ctx: AuditContext, input: RaisePrompts): Promise<{ promptId: string; assessmentId: string; childId: string }[]> {
  const childIds = [...new Set(input.childIds)];
  if (childIds.length === 0) return [];
  const reason = input.reason.replace(/\s+/g, ' ').trim().slice(0, 500) || 'New information was recorded';
  const raised = await rows<{ id: string; assessment_id: string; child_id: string }>(
    tx,
    sql`WITH latest AS (
          SELECT DISTINCT ON (a.child_id) a.id, a.child_id
          FROM assessments a
          WHERE a.child_id IN (${sql.join(childIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${isLive}
          ORDER BY a.child_id, a.started_on DESC, a.created_at DESC
        ), inserted AS (
          INSERT INTO assessment_review_prompts (assessment_id, reason, origin_type, origin_id)
          SELECT l.id, ${reason}, ${input.originType}, ${input.originId}::uuid FROM latest l
          WHERE NOT EXISTS (SELECT 1 FROM assessment_review_prompts r
                            WHERE r.assessment_id = l.id AND r.resolved_at IS NULL
                              AND r.origin_type = ${input.originType} AND r.origin_id = ${input.originId}::uuid)
          RETURNING id, assessment_id
        )
        SELECT i.id, i.assessment_id, l.child_id FROM inserted i JOIN latest l ON l.id = i.assessment_id`,
  );
  await audit(tx, ctx, raised.map((r) => ({ action: 'assessment-review-prompt-raised', subjectType: 'assessment', subjectId: r.assessment_id, childId: r.child_id, details: { promptId: r.id, origin: input.originType, originId: input.originId } })));
  return raised.map((r) => ({ promptId: r.id, assessmentId: r.assessment_id, childId: r.child_id }));
}

/** Records that raise their own prompt where they are saved (a referral, a change of household): their chronology line does not raise a second one. */
const PROMPTED_AT_SOURCE = new Set(['contact-decision', 'household', 'household-member']);

/** Does a new chronology entry ask for the assessment to be reviewed? Significant, and not written by an assessment itself. */
export function raisesReviewPrompt(entry: { significance?: string; originType?: string }): boolean {
  const origin = entry.originType ?? 'entry';
  return entry.significance === 'significant' && !origin.startsWith('assessment') && !PROMPTED_AT_SOURCE.has(origin);
}

export type ReviewPrompt = {
  id: string;
  assessmentId: string;
  reason: string;
  originType: string | null;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolution: 'updated' | 'no-change' | null;
  note: string | null;
  /** Has the assessment been changed since this prompt was raised? */
  updatedSince: boolean;
};

/** One prompt of one assessment, with whether the assessment has changed since (one query). */
export async function findPrompt(db: Db, assessmentId: string, promptId: string): Promise<ReviewPrompt | null> {
  const found = await rows<{ id: string; assessment_id: string; reason: string; origin_type: string | null; raised_at: Date | string; resolved_at: Date | string | null; resolved_by_name: string | null; resolution: 'updated' | 'no-change' | null; note: string | null; updated_since: boolean }>(
    db,
    sql`SELECT r.id, r.assessment_id, r.reason, r.origin_type, r.raised_at, r.resolved_at, u.name AS resolved_by_name, r.resolution, r.note,
               EXISTS (SELECT 1 FROM assessment_revisions v WHERE v.assessment_id = r.assessment_id AND v.changed_at > r.raised_at) AS updated_since
        FROM assessment_review_prompts r LEFT JOIN users u ON u.id = r.resolved_by
        WHERE r.id = ${promptId} AND r.assessment_id = ${assessmentId}`,
  );
  const r = found[0];
  if (!r) return null;
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    reason: r.reason,
    originType: r.origin_type,
    raisedAt: new Date(r.raised_at),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    resolvedByName: r.resolved_by_name,
    resolution: r.resolution,
    note: r.note,
    updatedSince: r.updated_since,
  };
}

export type Resolution = { resolution: 'updated' | 'no-change'; note: string | null };
export type ResolveOutcome = { outcome: 'resolved' } | { outcome: 'not-found' } | { outcome: 'already-resolved' } | { outcome: 'invalid'; errors: FieldErrors };

/** The audit row of a prompt closed, by hand or by an update of the assessment. */
function resolvedEvent(ids: { childId: string; assessmentId: string; promptId: string }, resolution: Resolution['resolution'], details: Record<string, unknown> = {}): AuditEvent {
  return { action: 'assessment-review-prompt-resolved', subjectType: 'assessment', subjectId: ids.assessmentId, childId: ids.childId, details: { promptId: ids.promptId, resolution, ...details } };
}

/**
 * Closes a prompt: "updated" only once the assessment has a revision newer than the prompt; "no change
 * needed" with the reason. Locked, so two people cannot close it twice; audited on the child.
 */
export async function resolvePrompt(db: Db, ctx: AuditContext, ids: { childId: string; assessmentId: string; promptId: string }, input: Resolution): Promise<ResolveOutcome> {
  return db.transaction(async (tx): Promise<ResolveOutcome> => {
    const locked = await rows<{ resolved_at: Date | null; updated_since: boolean }>(
      tx,
      sql`SELECT r.resolved_at,
                 EXISTS (SELECT 1 FROM assessment_revisions v WHERE v.assessment_id = r.assessment_id AND v.changed_at > r.raised_at) AS updated_since
          FROM assessment_review_prompts r
          WHERE r.id = ${ids.promptId} AND r.assessment_id = ${ids.assessmentId} FOR UPDATE OF r`,
    );
    const prompt = locked[0];
    if (!prompt) return { outcome: 'not-found' };
    if (prompt.resolved_at) return { outcome: 'already-resolved' };
    if (input.resolution === 'updated' && !prompt.updated_since) {
      return { outcome: 'invalid', errors: { resolution: 'The assessment has not been changed since this was raised. Update the assessment first, or choose “No change is needed” and say why' } };
    }
    await tx.execute(
      sql`UPDATE assessment_review_prompts SET resolved_at = now(), resolved_by = ${ctx.actor?.id ?? null}, resolution = ${input.resolution}, note = ${input.note}
          WHERE id = ${ids.promptId}`,
    );
    await audit(tx, ctx, resolvedEvent(ids, input.resolution));
    return { outcome: 'resolved' };
  });
}

/**
 * An update of the assessment closes its open prompts as "updated", as the worker would by hand: who
 * and when (now, the time of the new revision), in the transaction of the save. Only prompts raised
 * before the save began (the revision is newer than them, as a resolution by hand needs). Called
 * after the save has locked the assessment and before its first audit row (the prompts' rows are
 * locked here: docs/architecture.md, lock order); the caller writes the audit rows returned with its own.
 */
export async function resolvePromptsByUpdate(tx: Db, ctx: AuditContext, ids: { childId: string; assessmentId: string }, revision: number): Promise<AuditEvent[]> {
  const closed = await rows<{ id: string }>(
    tx,
    sql`UPDATE assessment_review_prompts SET resolved_at = now(), resolved_by = ${ctx.actor?.id ?? null}, resolution = 'updated', note = NULL
        WHERE assessment_id = ${ids.assessmentId} AND resolved_at IS NULL AND raised_at < now()
        RETURNING id`,
  );
  return closed
    .map((p) => p.id)
    .sort()
    .map((promptId) => resolvedEvent({ ...ids, promptId }, 'updated', { revision }));
}
