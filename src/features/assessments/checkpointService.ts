/**
 * The team manager's decision at a checkpoint (A2), and what it does, in one transaction with its
 * audit rows and chronology entry:
 * - continue, or go on to a full assessment: recorded, the assessment goes on;
 * - close: the assessment is closed there and then, with the outcome for the child (no further
 *   action, or universal or early help services, A8); it cannot be changed after (assessmentLock);
 * - escalate: harm is suspected, so a strategy discussion becomes a task for the manager, due by
 *   the next working day, shown on the assessment and on the manager's list.
 * A decision can be recorded once, and only from the due-soon window before the checkpoint is due
 * (domain/timescales.ts checkpointDecisionAllowed), and only by a manager of the assessment's team or
 * of the child's team now (decider.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { formatDate } from '../../domain/dates';
import { checkpointDecisionAllowed } from '../../domain/timescales';
import type { Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { recordChronologyEntry } from '../chronology/record';
import { createSafeguardingTask, type CreatedTask } from '../tasks/create';
import { auditNotYourTeam, decidesFor, lockChildOf } from './decider';
import { isUuid } from './http';
import { assessmentCheckpoints, assessments, type CheckpointCloseOutcome } from './tables';
import { closeOutcomeLabel, decisionLabel, type CheckpointDecision } from './timescaleView';

type Ctx = AuditContext & { actor: Actor };

export type CheckpointInput = { decision: CheckpointDecision; reasons: string; outcome: CheckpointCloseOutcome | null };
export type DecisionRules = { today: string; windowDays: number; calendar: Calendar };

export type DecideResult =
  | { ok: true; closed: boolean; task: CreatedTask | null }
  | { ok: false; reason: 'not-found' | 'not-needed' | 'not-your-team' }
  | { ok: false; reason: 'finished'; status: string; closedReason: string | null }
  | { ok: false; reason: 'decided'; decision: string; reasons: string | null }
  | { ok: false; reason: 'not-yet'; opensOn: string };

export async function decideCheckpoint(db: Db, ctx: Ctx, ids: { childId: string; assessmentId: string }, day: number, input: CheckpointInput, rules: DecisionRules): Promise<DecideResult> {
  if (!isUuid(ids.assessmentId)) return { ok: false, reason: 'not-found' };
  return db.transaction(async (tx): Promise<DecideResult> => {
    // Every decision locks the assessment first, so two managers (or a decision and an authorisation) cannot cross.
    const found = await tx
      .select({ id: assessments.id, childId: assessments.childId, status: assessments.status, closedReason: assessments.closedReason, teamId: assessments.teamId })
      .from(assessments)
      .where(and(eq(assessments.id, ids.assessmentId), eq(assessments.childId, ids.childId)))
      .for('update')
      .limit(1);
    const a = found[0];
    if (!a) return { ok: false, reason: 'not-found' };
    // Lock order (docs/architecture.md): the chronology entry and the task written after the first
    // audit row refer to the child, so the child's row is locked (as their foreign keys do) before it.
    const childTeamId = await lockChildOf(tx, a.childId);
    if (!decidesFor(ctx.actor, a, childTeamId)) {
      await auditNotYourTeam(tx, ctx, { assessmentId: a.id, childId: a.childId }, { day });
      return { ok: false, reason: 'not-your-team' };
    }
    if (a.status === 'authorised' || a.status === 'closed') return { ok: false, reason: 'finished', status: a.status, closedReason: a.closedReason };
    const checkpoints = await tx
      .select({ day: assessmentCheckpoints.day, dueOn: assessmentCheckpoints.dueOn, decision: assessmentCheckpoints.decision, reasons: assessmentCheckpoints.reasons })
      .from(assessmentCheckpoints)
      .where(eq(assessmentCheckpoints.assessmentId, a.id));
    const allowed = checkpointDecisionAllowed(checkpoints, day, rules.today, rules.windowDays, rules.calendar);
    if (!allowed.ok) {
      if (allowed.reason === 'decided') {
        const c = checkpoints.find((x) => x.day === day)!;
        return { ok: false, reason: 'decided', decision: c.decision!, reasons: c.reasons };
      }
      if (allowed.reason === 'not-yet') return { ok: false, reason: 'not-yet', opensOn: allowed.opensOn! };
      return { ok: false, reason: allowed.reason };
    }
    const outcome = input.decision === 'close' ? input.outcome : null;
    await tx
      .update(assessmentCheckpoints)
      .set({ decision: input.decision, reasons: input.reasons, decidedBy: ctx.actor.id, decidedAt: new Date() })
      .where(and(eq(assessmentCheckpoints.assessmentId, a.id), eq(assessmentCheckpoints.day, day)));
    await audit(tx, ctx, { action: 'assessment-checkpoint-decided', subjectType: 'assessment', subjectId: a.id, childId: a.childId, details: { day, decision: input.decision, ...(outcome ? { outcome } : {}) } });

    let summary = `Day ${day} checkpoint of the assessment: ${ctx.actor.name}, team manager, decided: ${decisionLabel(input.decision).toLowerCase()}.`;
    if (outcome) {
      await tx
        .update(assessments)
        .set({
          status: 'closed',
          closedOn: rules.today,
          closedBy: ctx.actor.id,
          closedReason: 'checkpoint',
          closedOutcome: outcome,
          closedAtDay: day,
          version: sql`${assessments.version} + 1`,
          updatedAt: new Date(),
          updatedBy: ctx.actor.id,
        })
        .where(eq(assessments.id, a.id));
      await audit(tx, ctx, { action: 'assessment-closed', subjectType: 'assessment', subjectId: a.id, childId: a.childId, details: { reason: 'checkpoint', day, outcome } });
      summary = `Assessment closed at the day ${day} checkpoint by ${ctx.actor.name}, team manager. Outcome: ${closeOutcomeLabel(outcome).toLowerCase()}. Reasons: ${input.reasons}`.slice(0, 2000);
    }
    await recordChronologyEntry(tx, ctx, {
      occurredOn: rules.today,
      category: 'assessment',
      summary,
      significance: input.decision === 'escalate' || outcome ? 'significant' : 'routine',
      originType: 'assessment-checkpoint',
      originId: a.id,
      personIds: [a.childId],
    });

    let task: CreatedTask | null = null;
    if (input.decision === 'escalate') {
      task = await createSafeguardingTask(tx, ctx, {
        personId: a.childId,
        kind: 'strategy-discussion',
        ownerId: ctx.actor.id,
        teamId: a.teamId ?? ctx.actor.teamId,
        details: `Escalated at the working day ${day} checkpoint of the assessment on ${formatDate(rules.today)}: ${input.reasons}`,
        originType: 'assessment-checkpoint',
        originId: a.id,
        today: rules.today,
        calendar: rules.calendar,
      });
    }
    return { ok: true, closed: !!outcome, task };
  });
}
