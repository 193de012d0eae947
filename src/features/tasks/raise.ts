/**
 * Safeguarding tasks raised by what a record says (A13): the rules of domain/safeguardingTriggers.ts
 * applied in the transaction that saves the record. Each task is owned by the child's worker (or,
 * with nobody allocated, the person recording it) and is not raised twice for the same child and kind,
 * except an action for DfE factor codes (a decision's police task): that one is raised for each code
 * no earlier task of the same record covered, whatever else is open (domain/safeguardingTriggers.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { actionForFactorsNotCovered, type RaisedAction } from '../../domain/safeguardingTriggers';
import type { Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import type { AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { people } from '../people/tables';
import { createSafeguardingTask, type CreatedTask } from './create';
import { educationActionApplies } from './kinds';
import { tasks } from './tables';

export type RaiseInput = {
  personId: string;
  actions: RaisedAction[];
  originType: string;
  originId: string | null;
  today: string;
  calendar?: Calendar;
  /** Who owns the task when the record names a worker (an assessment's worker); otherwise the child's allocated worker. */
  owner?: { ownerId: string | null; teamId: string | null };
};

/**
 * Locks the person's row FOR KEY SHARE, the lock a task's insert takes through its foreign key. A
 * transaction that raises tasks after its first audit row takes it before that row, unless something
 * it wrote already refers to the person (docs/architecture.md, lock order: an allocation locks the
 * child FOR UPDATE and then audits).
 */
export async function lockPersonForTasks(tx: Db, personId: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM people WHERE id = ${personId} FOR KEY SHARE`);
}

export async function raiseSafeguardingTasks(tx: Db, ctx: AuditContext & { actor: Actor }, input: RaiseInput): Promise<CreatedTask[]> {
  if (input.actions.length === 0) return [];
  const found = await tx
    .select({ dateOfBirth: people.dateOfBirth, expectedDeliveryDate: people.expectedDeliveryDate, kind: people.kind, workerId: people.currentWorkerId, teamId: people.currentTeamId })
    .from(people)
    .where(eq(people.id, input.personId))
    .limit(1);
  const person = found[0];
  if (!person || person.kind !== 'child') return [];
  const ownerId = input.owner?.ownerId ?? person.workerId ?? ctx.actor.id;
  const teamId = input.owner?.teamId ?? person.teamId ?? ctx.actor.teamId ?? null;
  const created: CreatedTask[] = [];
  for (const action of input.actions) {
    if (action.kind === 'education-service' && !educationActionApplies(person.dateOfBirth, input.today, person.expectedDeliveryDate)) continue;
    let raising: RaisedAction | null = action;
    if (action.factors) {
      // Each crime is told to the police: the codes no earlier task of this record covered (open, done or
      // cancelled) raise a task of their own, even while another police task (a chronology incident's) is
      // open. Two saves of one assessment do not race here: each has locked the assessment's row first (FOR UPDATE).
      const earlier = await earlierOfRecord(tx, input, action.kind);
      raising = actionForFactorsNotCovered(action, earlier.map((e) => e.factors));
      if (!raising) {
        // Nothing new, so an earlier task covered it all: the latest stands for it.
        const last = earlier[earlier.length - 1]!;
        created.push({ taskId: last.id, title: last.title, dueOn: last.dueOn, created: false });
        continue;
      }
    }
    created.push(
      await createSafeguardingTask(tx, ctx, {
        personId: input.personId,
        kind: raising.kind,
        ownerId,
        teamId,
        details: raising.reason,
        originType: input.originType,
        originId: input.originId,
        today: input.today,
        calendar: input.calendar,
        oncePerKind: true,
        fresh: !!raising.factors && !!input.originId,
        factors: raising.factors,
      }),
    );
  }
  return created;
}

/** The tasks of a kind a record raised before, any status, oldest first (a handful: one per save that named something new). */
async function earlierOfRecord(tx: Db, input: RaiseInput, kind: string) {
  if (!input.originId) return [];
  return tx
    .select({ id: tasks.id, title: tasks.title, dueOn: tasks.dueOn, factors: tasks.factors })
    .from(tasks)
    .where(and(eq(tasks.personId, input.personId), eq(tasks.kind, kind), eq(tasks.originType, input.originType), eq(tasks.originId, input.originId)))
    .orderBy(asc(tasks.createdAt), asc(tasks.id))
    .limit(100);
}
