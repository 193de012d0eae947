import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { workingCalendar, type Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';
import { settingsStore } from '../../platform/settings';
import { openChildTasks } from '../tasks/repository';
import { assessmentListsRepository } from './lists';
import { overviewRepository } from './overviewRepository';
import { startService } from './startService';
import { assessmentLateReasons, assessments } from './tables';

type Ctx = AuditContext & { actor: Actor };

export type TimescaleSettings = { checkpoints: number[]; calendar: Calendar; dueSoonDays: number; reviewNoticeDays: number };

/** A short fingerprint of saved text, so a form can say which version it was based on. */
export function fingerprint(value: string | null): string {
  return createHash('sha256').update(value ?? '').digest('hex').slice(0, 16);
}

/** Assessments (A1, A2, A10's annual review): starting them, their overview, lateness and the lists (checkpoint decisions: checkpointService.ts). */
export function assessmentsService(db: Db) {
  const settings = settingsStore(db);
  return {
    start: startService(db),
    lists: assessmentListsRepository(db),

    /** The council's timescale settings, in one query. */
    async timescaleSettings(): Promise<TimescaleSettings> {
      const s = await settings.getMany(['assessment.checkpoints', 'calendar.closureDays', 'assessment.dueSoonWorkingDays', 'assessment.reviewNoticeDays']);
      return {
        checkpoints: s['assessment.checkpoints'],
        calendar: workingCalendar(s['calendar.closureDays']),
        dueSoonDays: s['assessment.dueSoonWorkingDays'],
        reviewNoticeDays: s['assessment.reviewNoticeDays'],
      };
    },

    /** Everything the overview shows, read and audited as one view of the child's record. */
    async overview(ctx: Ctx, childId: string, assessmentId: string, today: string) {
      return db.transaction(async (tx) => {
        const repo = overviewRepository(tx);
        const details = await repo.details(childId, assessmentId);
        if (!details) return null;
        const checkpoints = await repo.checkpoints(assessmentId);
        const lateReasons = await repo.lateReasons(assessmentId);
        const dateMoves = await repo.dateMoves(assessmentId);
        const prompts = await repo.openPrompts(assessmentId);
        const siblings = await repo.siblings(ctx.actor, childId, today);
        // The child's open tasks: safeguarding actions (A13) and a strategy discussion after an escalation.
        const tasks = await openChildTasks(tx, childId);
        await audit(tx, ctx, { action: 'assessment-viewed', subjectType: 'assessment', subjectId: assessmentId, childId });
        return { details, checkpoints, lateReasons, dateMoves, prompts, siblings, tasks };
      });
    },

    /** A child's assessments, audited as a view of the record. */
    async forChild(ctx: Ctx, childId: string) {
      return db.transaction(async (tx) => {
        const list = await overviewRepository(tx).forChild(childId);
        await audit(tx, ctx, { action: 'assessments-listed', subjectType: 'person', subjectId: childId, childId, details: { count: list.length } });
        return list;
      });
    },

    /**
     * The worker's reasons why the assessment went past its final date. The form says which saved
     * reasons it started from: if someone changed them meanwhile, nothing is overwritten. Each
     * wording is kept (assessment_late_reasons), so the overview shows what was said before. Saving
     * the same wording again changes nothing: no new wording to keep, so no history row and no audit
     * row (as renaming a team to its own name), and `changed` is false.
     */
    async recordLateReasons(ctx: Ctx, assessment: { id: string; childId: string }, reasons: string, basedOn: string): Promise<{ ok: true; changed: boolean } | { ok: false; saved: string | null }> {
      return db.transaction(async (tx) => {
        const found = await rows<{ late_reason: string | null }>(tx, sql`SELECT late_reason FROM assessments WHERE id = ${assessment.id} FOR UPDATE`);
        const saved = found[0]?.late_reason ?? null;
        if (fingerprint(saved) !== basedOn) return { ok: false, saved };
        if (saved === reasons) return { ok: true, changed: false };
        const at = new Date();
        await tx.update(assessments).set({ lateReason: reasons, updatedAt: at, updatedBy: ctx.actor.id }).where(eq(assessments.id, assessment.id));
        // Every wording is kept with who and when (A10): a change never loses the reasons given before.
        await tx.insert(assessmentLateReasons).values({ assessmentId: assessment.id, reasons, recordedBy: ctx.actor.id, recordedAt: at });
        await audit(tx, ctx, { action: 'assessment-late-reasons-recorded', subjectType: 'assessment', subjectId: assessment.id, childId: assessment.childId, details: { replaced: saved !== null } });
        return { ok: true, changed: true };
      });
    },
  };
}

export type AssessmentsService = ReturnType<typeof assessmentsService>;
