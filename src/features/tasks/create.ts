/**
 * The one way a safeguarding action becomes a task (A13). Call it inside the transaction that records
 * what the record says (an assessment section, a visit, a case note …): the task, its audit row and a
 * line in the child's chronology are saved with it. An action already open for the same child and
 * the same record is not raised twice; one raised by what a record says (`oncePerKind`) is not raised
 * while any of its kind is open for the child, nor again for a record that has raised it before;
 * except that a police task stands only for what records of its own kind said: one for the crimes an
 * assessment names (or ticked by hand on it) does not stand for a new incident on the chronology;
 * one the caller found new (`fresh`: a crime the decision names that no earlier task of the
 * assessment covered, raise.ts) is raised whatever is open.
 */
import { and, eq } from 'drizzle-orm';
import { formatDate } from '../../domain/dates';
import type { Calendar } from '../../domain/workingDays';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { recordChronologyEntry } from '../chronology/record';
import { actionFor, dueOn, type TaskKind } from './kinds';
import { tasks } from './tables';

export type NewSafeguardingTask = {
  personId: string;
  /** A safeguarding action, or a strategy discussion after an escalation at a checkpoint. */
  kind: TaskKind;
  /** Who must do it: the child's worker, or the person recording it. */
  ownerId: string;
  teamId?: string | null;
  /** What the record says that needs this action. */
  details: string;
  /** The record that raised it ('assessment', 'visit' …) and its id. */
  originType: string;
  originId: string | null;
  today: string;
  calendar?: Calendar;
  /** Raised by what a record says, not ticked by hand: once per child and kind while one is open, once per record. */
  oncePerKind?: boolean;
  /** Found new by the caller (raise.ts: codes no earlier task of the record covered): raised whatever is open. */
  fresh?: boolean;
  /** The DfE factor codes it is for (a decision's police task), kept with the task and in its audit row. */
  factors?: readonly string[];
};

export type CreatedTask = { taskId: string; title: string; dueOn: string; created: boolean };

/** The task that stands for this one already: open for the same record, or (once per kind) any open of its kind, or one this record raised before. */
async function alreadyRaised(tx: Db, input: NewSafeguardingTask): Promise<{ id: string; dueOn: string } | undefined> {
  const open = await tx
    .select({ id: tasks.id, dueOn: tasks.dueOn, originId: tasks.originId, originType: tasks.originType })
    .from(tasks)
    .where(and(eq(tasks.personId, input.personId), eq(tasks.kind, input.kind), eq(tasks.status, 'open')))
    .limit(20);
  let same = open.find((t) => t.originId === input.originId) ?? (input.oncePerKind ? open.find((t) => standsFor(t.originType, input)) : undefined);
  if (!same && input.oncePerKind && input.originId) {
    // Done or cancelled already for this very record: saving the record again does not raise it afresh.
    const before = await tx
      .select({ id: tasks.id, dueOn: tasks.dueOn, originId: tasks.originId, originType: tasks.originType })
      .from(tasks)
      .where(and(eq(tasks.personId, input.personId), eq(tasks.kind, input.kind), eq(tasks.originId, input.originId)))
      .limit(1);
    same = before[0];
  }
  return same;
}

/**
 * Whether an open task of the same kind, raised from this kind of record, stands for the one asked for.
 * The education service and the NRM are contacted once for the child, whatever record said it. The
 * police are told about each crime: a police task raised from an assessment is about the crimes it
 * names, so a new incident on the chronology tells them too; a second incident while the first
 * incident's task is open is for the same call.
 */
function standsFor(openOrigin: string | null, input: NewSafeguardingTask): boolean {
  return input.kind !== 'tell-police' || openOrigin === input.originType;
}

export async function createSafeguardingTask(tx: Db, ctx: AuditContext, input: NewSafeguardingTask): Promise<CreatedTask> {
  const action = actionFor(input.kind)!;
  if (!input.fresh) {
    const same = await alreadyRaised(tx, input);
    if (same) return { taskId: same.id, title: action.title, dueOn: same.dueOn, created: false };
  }
  const due = dueOn(input.kind, input.today, input.calendar);
  const details = input.details.slice(0, 2000);
  const inserted = await tx
    .insert(tasks)
    .values({
      personId: input.personId,
      kind: input.kind,
      title: action.title,
      details,
      ownerId: input.ownerId,
      teamId: input.teamId ?? null,
      dueOn: due,
      originType: input.originType,
      originId: input.originId,
      factors: input.factors ? [...input.factors] : null,
      createdBy: ctx.actor?.id ?? null,
    })
    .returning({ id: tasks.id });
  const taskId = inserted[0]!.id;
  await audit(tx, ctx, { action: 'task-created', subjectType: 'task', subjectId: taskId, childId: input.personId, details: { kind: input.kind, dueOn: due, ownerId: input.ownerId, origin: input.originType, ...(input.factors ? { factors: [...input.factors] } : {}) } });
  await recordChronologyEntry(tx, ctx, {
    occurredOn: input.today,
    category: 'task',
    summary: `Safeguarding action: ${action.title} (due ${due === input.today ? 'today' : formatDate(due)}). ${details}`.slice(0, 2000),
    originType: 'task',
    originId: taskId,
    personIds: [input.personId],
  });
  return { taskId, title: action.title, dueOn: due, created: true };
}
