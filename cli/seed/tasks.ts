/**
 * Tasks as the app writes them (src/features/tasks/create.ts): the task, with its title and due date
 * from the same rules (tasks/kinds.ts), and its line in the child's chronology with that line's first
 * revision. No audit rows: seeding is not a user action.
 */
import { formatDate } from '../../src/domain/dates';
import type { Db } from '../../src/platform/db';
import { chronologyEntries, chronologyLinks, chronologyRevisions } from '../../src/features/chronology/tables';
import { actionFor, dueOn, type TaskKind } from '../../src/features/tasks/kinds';
import { tasks } from '../../src/features/tasks/tables';
import { insertMany } from './bulk';

type Row = Record<string, unknown>;
export type TaskRows = { tasks: Row[]; entries: Row[]; links: Row[]; revisions: Row[] };

export const emptyTaskRows = (): TaskRows => ({ tasks: [], entries: [], links: [], revisions: [] });

export type SeedTask = {
  id: string;
  entryId: string;
  personId: string;
  kind: TaskKind;
  details: string;
  ownerId: string;
  teamId: string | null;
  /** The day it was raised: its due date is worked out from it, as the app does. */
  raisedOn: string;
  createdAt: Date;
  originType: string;
  originId: string;
  /** Done by the owner on its due date, with what happened; or still open. */
  outcome: string | null;
  completedAt: Date | null;
};

/** Adds one task and its chronology line; answers its due date. */
export function addTaskRows(into: TaskRows, t: SeedTask): string {
  const action = actionFor(t.kind)!;
  const due = dueOn(t.kind, t.raisedOn);
  const details = t.details.slice(0, 2000);
  const done = t.outcome !== null;
  into.tasks.push({
    id: t.id,
    personId: t.personId,
    kind: t.kind,
    title: action.title,
    details,
    ownerId: t.ownerId,
    teamId: t.teamId,
    dueOn: due,
    status: done ? 'done' : 'open',
    originType: t.originType,
    originId: t.originId,
    createdAt: t.createdAt,
    createdBy: t.ownerId,
    completedAt: done ? t.completedAt : null,
    completedBy: done ? t.ownerId : null,
    outcome: t.outcome,
  });
  const summary = `Safeguarding action: ${action.title} (due ${due === t.raisedOn ? 'today' : formatDate(due)}). ${details}`.slice(0, 2000);
  const at = t.createdAt;
  into.entries.push({ id: t.entryId, occurredOn: t.raisedOn, category: 'task', summary, significance: 'routine', originType: 'task', originId: t.id, recordedAt: at, recordedBy: t.ownerId, updatedAt: at, updatedBy: t.ownerId });
  into.links.push({ entryId: t.entryId, personId: t.personId, occurredOn: t.raisedOn, recordedAt: at, significant: false, category: 'task' });
  into.revisions.push({ entryId: t.entryId, version: 1, data: { occurredOn: t.raisedOn, category: 'task', summary, originType: 'task', originId: t.id, personIds: [t.personId] }, changedBy: t.ownerId, changedAt: at });
  return due;
}

/** Writes the tasks and their chronology lines, in the caller's transaction. */
export async function insertTaskRows(tx: Db, made: TaskRows): Promise<void> {
  await insertMany(tx, tasks, made.tasks);
  await insertMany(tx, chronologyEntries, made.entries);
  await insertMany(tx, chronologyLinks, made.links);
  await insertMany(tx, chronologyRevisions, made.revisions);
}
