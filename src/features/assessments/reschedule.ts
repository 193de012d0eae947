/**
 * Open assessments' dates worked out again (A2) when what they were worked out from changes after
 * they started: an unborn child's expected delivery date (a pre-birth assessment is due 4 weeks
 * before it when that is sooner), or the council's closure days. The rule is the domain's
 * (domain/timescaleChanges.ts): a checkpoint moves only while it is still to come and has no
 * decision from the manager, and the due date moves with the final checkpoint.
 *
 * Each runs in the transaction of the change that causes it. Lock order (docs/architecture.md): the
 * assessments are locked (FOR NO KEY UPDATE: what refers to them, a review prompt, still can) and
 * changed before any audit row. The closure days change every open assessment of the council at once,
 * so it takes a fixed number of statements per thousand assessments (one to lock them, then per
 * thousand: one read, one update of the checkpoints, one of the due dates), never one per assessment.
 */
import { sql } from 'drizzle-orm';
import { formatDate } from '../../domain/dates';
import type { ClosureDay } from '../../domain/settings';
import {
  closureDaysChanged,
  rescheduleAssessment,
  type DateMove,
  type StoredCheckpoint,
} from '../../domain/timescaleChanges';
import type { AssessmentTimescaleVariant } from '../../domain/timescales';
import { workingCalendar, type Calendar } from '../../domain/workingDays';
import { audit, type AuditContext, type AuditEvent } from '../../platform/audit';
import { rows, toNumber, type Db } from '../../platform/db';
import { settingsStore, type SettingChangeEffect } from '../../platform/settings';
import { recordChronologyEntry } from '../chronology/record';

/** The dates of one assessment that moved. */
export type MovedDates = {
  assessmentId: string;
  childId: string;
  dueOn: DateMove | null;
  checkpoints: (DateMove & { day: number })[];
};

/** Why the dates moved, as the audit row's details keep it. */
type Because =
  | { because: 'expected-delivery-date'; expectedDeliveryDate: DateMove }
  | { because: 'closure-days'; added: string[]; removed: string[] };

const BATCH = 1000;
const OPEN = sql`('in-progress', 'awaiting-authorisation')`;

/** The assessments given (already locked), worked out again with this calendar and today's date, and the moves written: three statements. */
async function rescheduleLocked(
  tx: Db,
  ids: readonly string[],
  calendar: Calendar,
  today: string,
): Promise<MovedDates[]> {
  if (ids.length === 0) return [];
  const found = await rows<{
    id: string;
    child_id: string;
    variant: AssessmentTimescaleVariant;
    referral_date: string;
    due_on: string;
    edd: string | null;
    day: unknown;
    cp_due_on: string;
    decision: string | null;
  }>(
    tx,
    sql`SELECT a.id, a.child_id, a.variant, a.referral_date::text AS referral_date, a.due_on::text AS due_on, p.expected_delivery_date::text AS edd,
               c.day, c.due_on::text AS cp_due_on, c.decision
        FROM assessments a
        JOIN people p ON p.id = a.child_id
        JOIN assessment_checkpoints c ON c.assessment_id = a.id
        WHERE a.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)) AND a.status IN ${OPEN}
        ORDER BY a.id, c.day`,
  );
  const byId = new Map<
    string,
    {
      childId: string;
      variant: AssessmentTimescaleVariant;
      referralDate: string;
      dueOn: string;
      edd: string | null;
      checkpoints: StoredCheckpoint[];
    }
  >();
  for (const r of found) {
    let a = byId.get(r.id);
    if (!a)
      byId.set(
        r.id,
        (a = {
          childId: r.child_id,
          variant: r.variant,
          referralDate: r.referral_date,
          dueOn: r.due_on,
          edd: r.edd,
          checkpoints: [],
        }),
      );
    a.checkpoints.push({ day: toNumber(r.day), dueOn: r.cp_due_on, decision: r.decision });
  }
  const moved: MovedDates[] = [];
  for (const [assessmentId, a] of byId) {
    // A pre-birth assessment of a baby now born has no delivery date to be due 4 weeks before: worked out
    // again without one it would stretch to working day 45. Its dates stay as they were.
    if (a.variant === 'pre-birth' && !a.edd) continue;
    const r = rescheduleAssessment({
      referralDate: a.referralDate,
      variant: a.variant,
      expectedDeliveryDate: a.edd,
      dueOn: a.dueOn,
      checkpoints: a.checkpoints,
      today,
      calendar,
    });
    if (r.dueOn || r.checkpoints.length > 0) moved.push({ assessmentId, childId: a.childId, ...r });
  }
  if (moved.length === 0) return [];
  const checkpointMoves = moved.flatMap((m) =>
    m.checkpoints.map((c) => ({ id: m.assessmentId, day: c.day, from_on: c.from, to_on: c.to })),
  );
  if (checkpointMoves.length > 0) {
    // A decision recorded meanwhile would keep its date (the assessment is locked, so none can be).
    await tx.execute(sql`
      UPDATE assessment_checkpoints c SET due_on = x.to_on
      FROM jsonb_to_recordset(${JSON.stringify(checkpointMoves)}::jsonb) AS x(id uuid, day int, from_on date, to_on date)
      WHERE c.assessment_id = x.id AND c.day = x.day AND c.due_on = x.from_on AND c.decision IS NULL`);
  }
  const dueMoves = moved
    .filter((m) => m.dueOn)
    .map((m) => ({ id: m.assessmentId, from_on: m.dueOn!.from, to_on: m.dueOn!.to }));
  if (dueMoves.length > 0) {
    await tx.execute(sql`
      UPDATE assessments a SET due_on = x.to_on
      FROM jsonb_to_recordset(${JSON.stringify(dueMoves)}::jsonb) AS x(id uuid, from_on date, to_on date)
      WHERE a.id = x.id AND a.due_on = x.from_on AND a.status IN ${OPEN}`);
  }
  return moved;
}

function movedEvent(m: MovedDates, because: Because): AuditEvent {
  return {
    action: 'assessment-dates-moved',
    subjectType: 'assessment',
    subjectId: m.assessmentId,
    childId: m.childId,
    details: { ...because, dueOn: m.dueOn, checkpoints: m.checkpoints },
  };
}

/** What the chronology and the record's history say about the move. */
export function describeMove(
  m: { dueOn: DateMove | null; checkpoints: { day: number; from: string; to: string }[] },
  because: string,
): string {
  if (m.dueOn)
    return `Assessment due date moved from ${formatDate(m.dueOn.from)} to ${formatDate(m.dueOn.to)} because ${because}.`;
  const days = m.checkpoints
    .map((c) => `day ${c.day} from ${formatDate(c.from)} to ${formatDate(c.to)}`)
    .join('; ');
  return `Assessment checkpoint dates moved (${days}) because ${because}.`;
}

/** Why, in words, from an audit row's details. */
function becauseText(details: Record<string, unknown>): string {
  if (details.because === 'expected-delivery-date') {
    const edd = details.expectedDeliveryDate as Partial<DateMove> | undefined;
    return edd?.from && edd.to
      ? `the expected delivery date changed from ${formatDate(edd.from)} to ${formatDate(edd.to)}`
      : 'the expected delivery date changed';
  }
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string').map((d) => formatDate(d)) : [];
  const parts = [
    list(details.added).length ? `added ${list(details.added).join(', ')}` : '',
    list(details.removed).length ? `removed ${list(details.removed).join(', ')}` : '',
  ].filter(Boolean);
  return `the council’s closure days changed${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

/** An 'assessment-dates-moved' audit row in plain words (the record's history, people/auditTrail.ts; the assessment overview). */
export function describeMovedDates(details: Record<string, unknown>): string {
  const dueOn = details.dueOn as DateMove | null | undefined;
  const checkpoints = Array.isArray(details.checkpoints)
    ? (details.checkpoints as { day: number; from: string; to: string }[])
    : [];
  return describeMove({ dueOn: dueOn?.from && dueOn.to ? dueOn : null, checkpoints }, becauseText(details));
}

/**
 * An unborn child's expected delivery date changed (from one date to another): their open pre-birth
 * assessment's dates are worked out again, and the move is written in the child's chronology ("Assessment
 * due date moved from … to … because the expected delivery date changed …") and audited. Call it in the
 * transaction that saves the new date, after the child's row is written and before its audit row.
 */
export async function deliveryDateChanged(
  tx: Db,
  ctx: AuditContext,
  change: { childId: string; from: string; to: string; today: string },
): Promise<MovedDates[]> {
  const locked = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM assessments WHERE child_id = ${change.childId} AND variant = 'pre-birth' AND status IN ${OPEN} ORDER BY id FOR NO KEY UPDATE`,
  );
  if (locked.length === 0) return [];
  // Read once the assessments are held: a change of the closure days waited for is seen.
  const calendar = await settingsStore(tx).calendar();
  const moved = await rescheduleLocked(
    tx,
    locked.map((r) => r.id),
    calendar,
    change.today,
  );
  const because: Because = {
    because: 'expected-delivery-date',
    expectedDeliveryDate: { from: change.from, to: change.to },
  };
  for (const m of moved) {
    await recordChronologyEntry(tx, ctx, {
      occurredOn: change.today,
      category: 'assessment',
      summary: describeMove(m, becauseText(because)),
      originType: 'assessment',
      originId: m.assessmentId,
      personIds: [m.childId],
    });
  }
  await audit(
    tx,
    ctx,
    moved.map((m) => movedEvent(m, because)),
  );
  return moved;
}

/**
 * The council's closure days changed: every open assessment with a checkpoint still to come, undecided,
 * on or after the earliest day added or removed (or, pre-birth, with the delivery date after it: 4 weeks
 * before it may now be a working day or not) is locked, worked out again with the new calendar, and its
 * moved dates written in batches. One audit row per assessment that moved, handed back to be written
 * with the setting's own (platform/settings.ts hooks).
 */
export async function closureDaysChangedHook(
  tx: Db,
  _ctx: AuditContext,
  change: { old: ClosureDay[]; value: ClosureDay[] },
  today: string,
): Promise<SettingChangeEffect> {
  const { added, removed } = closureDaysChanged(change.old, change.value);
  const changedDays = [...added, ...removed].sort();
  const earliest = changedDays[0];
  if (!earliest) return { audit: [] };
  const locked = await rows<{ id: string }>(
    tx,
    sql`SELECT a.id FROM assessments a
        WHERE a.status IN ${OPEN}
          AND a.id IN (SELECT c.assessment_id FROM assessment_checkpoints c
                       JOIN assessments o ON o.id = c.assessment_id
                       LEFT JOIN people p ON p.id = o.child_id AND o.variant = 'pre-birth'
                       WHERE c.decision IS NULL AND c.due_on >= ${today}::date
                         AND (c.due_on >= ${earliest}::date OR p.expected_delivery_date > ${earliest}::date))
        ORDER BY a.id FOR NO KEY UPDATE OF a`,
  );
  const calendar = workingCalendar(change.value);
  const moved: MovedDates[] = [];
  for (let i = 0; i < locked.length; i += BATCH) {
    moved.push(
      ...(await rescheduleLocked(
        tx,
        locked.slice(i, i + BATCH).map((r) => r.id),
        calendar,
        today,
      )),
    );
  }
  const because: Because = { because: 'closure-days', added, removed };
  const n = moved.length;
  const events = moved.map((m) => movedEvent(m, because));
  return n === 0
    ? { audit: events }
    : {
        audit: events,
        note: `The dates of ${n === 1 ? '1 open assessment' : `${n} open assessments`} moved.`,
      };
}
