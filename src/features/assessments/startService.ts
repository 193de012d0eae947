import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { formatDate } from '../../domain/dates';
import { assessmentSchedule } from '../../domain/timescales';
import type { Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, type Db } from '../../platform/db';
import { recordChronologyEntry } from '../chronology/record';
import type { StartChoice, StartOptions } from './startForm';
import { startRepository } from './startRepository';
import { assessmentCheckpoints, assessmentRevisions, assessments, OPEN_STATUSES } from './tables';
import { variantForSibling, variantLabel } from './variants';

type Ctx = AuditContext & { actor: Actor };
type StartSettings = { checkpoints: number[]; calendar: Calendar; today: string };

export type StartResult = { ok: true; started: { childId: string; assessmentId: string }[] } | { ok: false; reason: 'already-open'; childId: string };

/** Content carried in from an early help assessment: everything it holds, with each section open again for the worker to check. */
export function carriedContent(content: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    copy[key] = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>), completed: false } : value;
  }
  return copy;
}

/**
 * The database refused a second open assessment for a child (the unique index of migration 016):
 * two starts at the same moment both passed the check. Returns the child the error names, if it does.
 */
export function openAssessmentClash(error: unknown): { childId: string | null } | null {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth += 1, e = (e as { cause?: unknown }).cause) {
    const { code, constraint, detail } = e as { code?: unknown; constraint?: unknown; detail?: unknown };
    if (code !== '23505' || (constraint !== undefined && constraint !== 'assessments_one_open_per_child')) continue;
    const named = typeof detail === 'string' ? /\(child_id\)=\(([0-9a-f-]{36})\)/i.exec(detail) : null;
    return { childId: named?.[1] ?? null };
  }
  return null;
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
     * authorised (a new assessment after a significant change). An early help assessment still open
     * that is carried in is stepped up: closed, saying into which assessment, and audited. A brother or
     * sister with an early help assessment in progress gets theirs carried in and stepped up the same
     * way, never this child's. A child
     * already with an open assessment is refused, whether the check finds it or, when two starts race,
     * the database's unique index does.
     */
    async start(ctx: Ctx, options: StartOptions, choice: StartChoice, settings: StartSettings): Promise<StartResult> {
      try {
        return await db.transaction((tx) => startAll(tx, ctx, options, choice, settings));
      } catch (error) {
        const clash = openAssessmentClash(error);
        if (clash) return { ok: false, reason: 'already-open', childId: clash.childId ?? options.child.id };
        throw error;
      }
    },
  };
}

type CarriedFrom = { id: string; childId: string; status: string; startedOn: string; content: Record<string, unknown> };

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/**
 * These children's early help assessments, locked, as they are now; one that is not that child's or
 * not early help is left out. One query, locking in id order, so two starts in one household cannot
 * each hold one child's assessment while waiting for the other's.
 */
async function lockEarlyHelp(tx: Db, wanted: { childId: string; id: string }[]): Promise<Map<string, CarriedFrom>> {
  if (wanted.length === 0) return new Map();
  const found = await rows<{ id: string; child_id: string; status: string; started_on: string; content: Record<string, unknown> | null }>(
    tx,
    sql`SELECT id, child_id, status, started_on::text AS started_on, content FROM assessments
        WHERE id IN (${sql.join(wanted.map((w) => sql`${w.id}::uuid`), sql`, `)}) AND variant = 'early-help'
        ORDER BY id FOR UPDATE`,
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  const locked = new Map<string, CarriedFrom>();
  for (const w of wanted) {
    const r = byId.get(w.id);
    if (r && r.child_id === w.childId) locked.set(w.childId, { id: r.id, childId: r.child_id, status: r.status, startedOn: r.started_on, content: r.content ?? {} });
  }
  return locked;
}

async function startAll(tx: Db, ctx: Ctx, options: StartOptions, choice: StartChoice, settings: StartSettings): Promise<StartResult> {
  const { today, calendar } = settings;
  const referral = choice.referral;
  const dayZero = referral && !referral.hasAuthorisedAssessment ? referral.referralDate : today;
  const children = [options.child, ...choice.siblings];
  const repo = startRepository(tx);
  // What each child's own early help assessment holds now is carried into that child's new one: the
  // chosen one for this child; for a brother or sister, theirs in progress (the form says so), never a
  // finished one nobody chose. One still open is stepped up, not counted as already open.
  const siblingHelp = await repo.earlyHelpToCarry(choice.siblings.map((c) => c.id));
  const carriedFrom = await lockEarlyHelp(tx, [...(choice.earlyHelp ? [{ childId: options.child.id, id: choice.earlyHelp.id }] : []), ...siblingHelp]);
  if (choice.earlyHelp && !carriedFrom.has(options.child.id)) return { ok: false, reason: 'already-open', childId: options.child.id };
  // An early help assessment is not stepped up into another early help assessment (the form refuses it;
  // this holds when a sibling's started between the form being read and now).
  const stillInEarlyHelp = choice.siblings.find((c) => isOpen(carriedFrom.get(c.id)?.status ?? '') && variantForSibling(choice.variant, c, today) === 'early-help');
  if (stillInEarlyHelp) return { ok: false, reason: 'already-open', childId: stillInEarlyHelp.id };
  const steppedUp = [...carriedFrom.values()].filter((from) => isOpen(from.status)).map((from) => from.id);
  const open = await rows<{ child_id: string }>(
    tx,
    sql`SELECT child_id FROM assessments
        WHERE status IN ('in-progress', 'awaiting-authorisation') AND child_id IN (${sql.join(children.map((c) => sql`${c.id}::uuid`), sql`, `)})
          ${steppedUp.length > 0 ? sql`AND id NOT IN (${sql.join(steppedUp.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
        LIMIT 1`,
  );
  if (open[0]) return { ok: false, reason: 'already-open', childId: open[0].child_id };
  if (steppedUp.length > 0) {
    // Closed before the new ones are added: a child has one open assessment at a time.
    await tx
      .update(assessments)
      .set({ status: 'closed', closedOn: today, closedBy: ctx.actor.id, closedReason: 'stepped-up', version: sql`${assessments.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.id })
      .where(inArray(assessments.id, steppedUp));
  }
  const siblingReferrals = referral?.contactId ? await repo.siblingReferrals(referral.contactId, choice.siblings.map((c) => c.id)) : new Map<string, { id: string; episodeId: string | null }>();
  // Every child's rows first, then the audit rows and chronology entries (docs/architecture.md, lock
  // order): each assessment's insert locks its child (FOR KEY SHARE) and an allocation locks the child
  // FOR UPDATE and then audits, so no child's row is waited for once the audit chain head is held.
  const written: { child: (typeof children)[number]; assessmentId: string; variant: StartChoice['variant']; ownReferral: { id: string; episodeId: string | null } | null; finalDueOn: string; from: CarriedFrom | null; steppedUp: string | null }[] = [];
  for (const child of children) {
    const main = child.id === options.child.id;
    const variant = main ? choice.variant : variantForSibling(choice.variant, child, today);
    const ownReferral = main ? (referral ? { id: referral.id, episodeId: referral.episodeId } : null) : (siblingReferrals.get(child.id) ?? null);
    const schedule = assessmentSchedule({ referralDate: dayZero, checkpoints: settings.checkpoints, variant, expectedDeliveryDate: child.expectedDeliveryDate, calendar });
    const from = carriedFrom.get(child.id) ?? null;
    const stepped = from && isOpen(from.status) ? from.id : null;
    const carried = from ? carriedContent(from.content) : {};
    const assessmentId = randomUUID();
    await tx.insert(assessments).values({
      id: assessmentId,
      childId: child.id,
      referralId: ownReferral?.id ?? null,
      episodeId: ownReferral?.episodeId ?? null,
      carriedFromId: from?.id ?? null,
      variant,
      referralDate: dayZero,
      startedOn: today,
      dueOn: schedule.finalDueOn,
      workerId: child.workerId ?? ctx.actor.id,
      teamId: child.teamId ?? ctx.actor.teamId,
      content: carried,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    });
    await tx.insert(assessmentCheckpoints).values(schedule.checkpoints.map((c) => ({ assessmentId, day: c.day, dueOn: c.dueOn })));
    if (from) {
      // Revision 0 keeps what was carried in, so later revisions can be compared with it.
      await tx.insert(assessmentRevisions).values({ assessmentId, revision: 0, section: 'carried-in', content: carried, changedFields: Object.keys(carried).sort(), changedBy: ctx.actor.id });
    }
    if (stepped) await tx.update(assessments).set({ closedIntoId: assessmentId }).where(eq(assessments.id, stepped));
    written.push({ child, assessmentId, variant, ownReferral, finalDueOn: schedule.finalDueOn, from, steppedUp: stepped });
  }
  const started: { childId: string; assessmentId: string }[] = [];
  for (const { child, assessmentId, variant, ownReferral, finalDueOn, from, steppedUp: stepped } of written) {
    if (stepped) {
      await audit(tx, ctx, { action: 'assessment-stepped-up', subjectType: 'assessment', subjectId: stepped, childId: child.id, details: { into: assessmentId, variant } });
    }
    await audit(tx, ctx, {
      action: 'assessment-started',
      subjectType: 'assessment',
      subjectId: assessmentId,
      childId: child.id,
      details: { variant, referralId: ownReferral?.id ?? null, dayZero, dueOn: finalDueOn, carriedFrom: from?.id ?? null, steppedUp: stepped, withChildren: children.length },
    });
    const carriedNote = !from
      ? ''
      : stepped
        ? `, stepping up from the early help assessment started on ${formatDate(from.startedOn)} (closed, its content carried in)`
        : `, carrying in the early help assessment started on ${formatDate(from.startedOn)}`;
    await recordChronologyEntry(tx, ctx, {
      occurredOn: today,
      category: 'assessment',
      summary: `Assessment started: ${variantLabel(variant).toLowerCase()}${carriedNote}. Day 0 is ${formatDate(dayZero)}; due by ${formatDate(finalDueOn)}.`,
      originType: 'assessment',
      originId: assessmentId,
      personIds: [child.id],
    });
    started.push({ childId: child.id, assessmentId });
  }
  return { ok: true, started };
}
