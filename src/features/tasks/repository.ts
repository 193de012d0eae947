/**
 * Tasks: the worker's own list ("My tasks", overdue first) and the tasks on a child's record, each one
 * query however many there are, scoped to the children the user may see; and finishing a task.
 */
import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, toNumber, type Db } from '../../platform/db';
import { recordChronologyEntry } from '../chronology/record';

export type TaskRow = {
  id: string;
  personId: string;
  personName: string;
  kind: string;
  title: string;
  details: string | null;
  ownerName: string | null;
  ownerId: string | null;
  dueOn: string;
  status: 'open' | 'done' | 'cancelled';
  originType: string | null;
  originId: string | null;
  createdAt: Date;
  createdByName: string | null;
  completedAt: Date | null;
  completedByName: string | null;
  outcome: string | null;
  version: number;
};

export const MY_TASKS_LIMIT = 200;
export const CHILD_TASKS_LIMIT = 100;

const columns = sql`t.id, t.person_id, concat_ws(' ', p.first_name, p.last_name) AS person_name, t.kind, t.title, t.details,
  o.name AS owner_name, t.owner_id, t.due_on::text AS due_on, t.status, t.origin_type, t.origin_id, t.created_at, c.name AS created_by_name,
  t.completed_at, d.name AS completed_by_name, t.outcome, t.version`;
const joins = sql`JOIN people p ON p.id = t.person_id
  LEFT JOIN users o ON o.id = t.owner_id LEFT JOIN users c ON c.id = t.created_by LEFT JOIN users d ON d.id = t.completed_by`;

type Raw = Record<string, unknown>;
const toTask = (r: Raw): TaskRow => ({
  id: r.id as string,
  personId: r.person_id as string,
  personName: r.person_name as string,
  kind: r.kind as string,
  title: r.title as string,
  details: (r.details as string | null) ?? null,
  ownerName: (r.owner_name as string | null) ?? null,
  ownerId: (r.owner_id as string | null) ?? null,
  dueOn: r.due_on as string,
  status: r.status as TaskRow['status'],
  originType: (r.origin_type as string | null) ?? null,
  originId: (r.origin_id as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
  createdByName: (r.created_by_name as string | null) ?? null,
  completedAt: r.completed_at ? new Date(r.completed_at as string) : null,
  completedByName: (r.completed_by_name as string | null) ?? null,
  outcome: (r.outcome as string | null) ?? null,
  version: toNumber(r.version),
});

/** Open tasks this person owns, on children they may still see, soonest due (so overdue) first. */
export async function myTasks(db: Db, actor: Actor): Promise<{ tasks: TaskRow[]; more: boolean }> {
  const found = await rows<Raw>(
    db,
    sql`SELECT ${columns} FROM tasks t ${joins}
        WHERE t.owner_id = ${actor.id} AND t.status = 'open' AND ${peopleScope(actor, 'p')}
        ORDER BY t.due_on, t.created_at, t.id LIMIT ${MY_TASKS_LIMIT + 1}`,
  );
  return { tasks: found.slice(0, MY_TASKS_LIMIT).map(toTask), more: found.length > MY_TASKS_LIMIT };
}

/** A child's tasks: open ones first by due date, then the finished ones, newest first. */
export async function childTasks(db: Db, personId: string): Promise<TaskRow[]> {
  const found = await rows<Raw>(
    db,
    sql`SELECT ${columns} FROM tasks t ${joins}
        WHERE t.person_id = ${personId}
        ORDER BY (t.status <> 'open'), CASE WHEN t.status = 'open' THEN t.due_on END, t.completed_at DESC NULLS LAST, t.created_at DESC
        LIMIT ${CHILD_TASKS_LIMIT}`,
  );
  return found.map(toTask);
}

/** A child's open tasks, soonest due first: what the assessment's page shows (one query on tasks_person_idx). */
export async function openChildTasks(db: Db, personId: string, limit = 20): Promise<TaskRow[]> {
  const found = await rows<Raw>(
    db,
    sql`SELECT ${columns} FROM tasks t ${joins}
        WHERE t.person_id = ${personId} AND t.status = 'open'
        ORDER BY t.due_on, t.created_at, t.id LIMIT ${limit}`,
  );
  return found.map(toTask);
}

export async function findTask(db: Db, personId: string, taskId: string): Promise<TaskRow | null> {
  const found = await rows<Raw>(db, sql`SELECT ${columns} FROM tasks t ${joins} WHERE t.id = ${taskId} AND t.person_id = ${personId}`);
  return found[0] ? toTask(found[0]) : null;
}

export type FinishOutcome = { outcome: 'finished' } | { outcome: 'not-found' } | { outcome: 'already-finished'; task: TaskRow } | { outcome: 'conflict'; task: TaskRow };

/** Marks a task done (with its outcome) or cancelled (with the reason): once, audited, in the child's chronology. */
export async function finishTask(db: Db, ctx: AuditContext, ids: { personId: string; taskId: string; version: number }, how: { status: 'done' | 'cancelled'; note: string; today: string }): Promise<FinishOutcome> {
  return db.transaction(async (tx): Promise<FinishOutcome> => {
    const updated = await rows<{ title: string }>(
      tx,
      sql`UPDATE tasks SET status = ${how.status}, completed_at = now(), completed_by = ${ctx.actor?.id ?? null}, outcome = ${how.note}, version = version + 1
          WHERE id = ${ids.taskId} AND person_id = ${ids.personId} AND status = 'open' AND version = ${ids.version}
          RETURNING title`,
    );
    const done = updated[0];
    if (!done) {
      const task = await findTask(tx, ids.personId, ids.taskId);
      if (!task) return { outcome: 'not-found' };
      return task.status === 'open' ? { outcome: 'conflict', task } : { outcome: 'already-finished', task };
    }
    // The chronology line first: its links lock the child (FOR KEY SHARE) before the first audit row
    // (docs/architecture.md, lock order: an allocation locks the child FOR UPDATE and then audits).
    await recordChronologyEntry(tx, ctx, {
      occurredOn: how.today,
      category: 'task',
      summary: `${how.status === 'done' ? 'Safeguarding action done' : 'Safeguarding action cancelled'}: ${done.title}. ${how.status === 'done' ? 'Outcome' : 'Reason'}: ${how.note}`.slice(0, 2000),
      originType: 'task',
      originId: ids.taskId,
      personIds: [ids.personId],
    });
    await audit(tx, ctx, { action: how.status === 'done' ? 'task-completed' : 'task-cancelled', subjectType: 'task', subjectId: ids.taskId, childId: ids.personId });
    return { outcome: 'finished' };
  });
}
