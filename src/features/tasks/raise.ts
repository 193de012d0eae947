/**
 * Safeguarding tasks raised by what a record says (A13): the rules of domain/safeguardingTriggers.ts
 * applied in the transaction that saves the record. Each task is owned by the child's worker (or,
 * with nobody allocated, the person recording it) and is not raised twice for the same child and kind.
 */
import { eq, sql } from 'drizzle-orm';
import type { RaisedAction } from '../../domain/safeguardingTriggers';
import type { Calendar } from '../../domain/workingDays';
import type { Actor } from '../../platform/access';
import type { AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { people } from '../people/tables';
import { createSafeguardingTask, type CreatedTask } from './create';
import { educationActionApplies } from './kinds';

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
    created.push(
      await createSafeguardingTask(tx, ctx, {
        personId: input.personId,
        kind: action.kind,
        ownerId,
        teamId,
        details: action.reason,
        originType: input.originType,
        originId: input.originId,
        today: input.today,
        calendar: input.calendar,
        oncePerKind: true,
      }),
    );
  }
  return created;
}
