import { sql } from 'drizzle-orm';
import { formatDate } from '../../domain/dates';
import { assessmentSchedule } from '../../domain/timescales';
import type { Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';
import { recordChronologyEntry } from '../chronology/record';
import type { StartChoice, StartOptions } from './startForm';
import { startRepository } from './startRepository';
import { assessmentCheckpoints, assessmentRevisions, assessments } from './tables';
import { variantForSibling, variantLabel } from './variants';

type Ctx = AuditContext & { actor: Actor };

export type StartResult = { ok: true; started: { childId: string; assessmentId: string }[] } | { ok: false; reason: 'already-open'; childId: string };

/** Content carried in from an early help assessment: everything it holds, with each section open again for the worker to check. */
export function carriedContent(content: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    copy[key] = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>), completed: false } : value;
  }
  return copy;
}

/** Starting assessments (A1): one for the child and one for each brother or sister chosen, each assessed individually. */
export function startService(db: Db) {
  return {
    async options(actor: Actor, childId: string, today: string): Promise<StartOptions | null> {
      const repo = startRepository(db);
      const child = await repo.child(childId);
      if (!child) return null;
      const [referrals, earlyHelp, household] = await Promise.all([repo.openReferrals(childId), repo.earlyHelpAssessments(childId), repo.householdChildren(actor, childId, today)]);
      return { child, referrals, earlyHelp, household };
    },

    /**
     * Creates each assessment with its checkpoints, an audit row and an "Assessment started" entry in
     * the child's chronology, all in one transaction. Day 0 is the referral date, or today when the
     * assessment does not start from a referral, or when this referral's assessment was already
     * authorised (a new assessment after a significant change).
     */
    async start(ctx: Ctx, options: StartOptions, choice: StartChoice, settings: { checkpoints: number[]; calendar: Calendar; today: string }): Promise<StartResult> {
      const { today, calendar } = settings;
      const referral = choice.referral;
      const dayZero = referral && !referral.hasAuthorisedAssessment ? referral.referralDate : today;
      return db.transaction(async (tx): Promise<StartResult> => {
        const children = [options.child, ...choice.siblings];
        const open = await rows<{ child_id: string }>(
          tx,
          sql`SELECT child_id FROM assessments WHERE status <> 'authorised' AND child_id IN (${sql.join(children.map((c) => sql`${c.id}::uuid`), sql`, `)}) LIMIT 1`,
        );
        if (open[0]) return { ok: false, reason: 'already-open', childId: open[0].child_id };
        const siblingReferrals = referral?.contactId ? await startRepository(tx).siblingReferrals(referral.contactId, choice.siblings.map((c) => c.id)) : new Map<string, { id: string; episodeId: string | null }>();
        const started: { childId: string; assessmentId: string }[] = [];
        for (const child of children) {
          const main = child.id === options.child.id;
          const variant = main ? choice.variant : variantForSibling(choice.variant, child, today);
          const ownReferral = main ? (referral ? { id: referral.id, episodeId: referral.episodeId } : null) : (siblingReferrals.get(child.id) ?? null);
          const schedule = assessmentSchedule({ referralDate: dayZero, checkpoints: settings.checkpoints, variant, expectedDeliveryDate: child.expectedDeliveryDate, calendar });
          const carried = main && choice.earlyHelp ? carriedContent(choice.earlyHelp.content) : {};
          const inserted = await tx
            .insert(assessments)
            .values({
              childId: child.id,
              referralId: ownReferral?.id ?? null,
              episodeId: ownReferral?.episodeId ?? null,
              carriedFromId: main ? (choice.earlyHelp?.id ?? null) : null,
              variant,
              referralDate: dayZero,
              startedOn: today,
              dueOn: schedule.finalDueOn,
              workerId: child.workerId ?? ctx.actor.id,
              teamId: child.teamId ?? ctx.actor.teamId,
              content: carried,
              createdBy: ctx.actor.id,
              updatedBy: ctx.actor.id,
            })
            .returning({ id: assessments.id });
          const assessmentId = inserted[0]!.id;
          await tx.insert(assessmentCheckpoints).values(schedule.checkpoints.map((c) => ({ assessmentId, day: c.day, dueOn: c.dueOn })));
          if (main && choice.earlyHelp) {
            // Revision 0 keeps what was carried in, so later revisions can be compared with it.
            await tx.insert(assessmentRevisions).values({ assessmentId, revision: 0, section: 'carried-in', content: carried, changedFields: Object.keys(carried).sort(), changedBy: ctx.actor.id });
          }
          await audit(tx, ctx, {
            action: 'assessment-started',
            subjectType: 'assessment',
            subjectId: assessmentId,
            childId: child.id,
            details: { variant, referralId: ownReferral?.id ?? null, dayZero, dueOn: schedule.finalDueOn, carriedFrom: main ? (choice.earlyHelp?.id ?? null) : null, withChildren: children.length },
          });
          const carriedNote = main && choice.earlyHelp ? `, carrying in the early help assessment started on ${formatDate(choice.earlyHelp.startedOn)}` : '';
          await recordChronologyEntry(tx, ctx, {
            occurredOn: today,
            category: 'assessment',
            summary: `Assessment started: ${variantLabel(variant).toLowerCase()}${carriedNote}. Day 0 is ${formatDate(dayZero)}; due by ${formatDate(schedule.finalDueOn)}.`,
            originType: 'assessment',
            originId: assessmentId,
            personIds: [child.id],
          });
          started.push({ childId: child.id, assessmentId });
        }
        return { ok: true, started };
      });
    },
  };
}
