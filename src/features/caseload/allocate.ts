import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { formatDate } from '../../domain/dates';
import { lockCurrentAllocation, setCurrentAllocation } from '../people/currentAllocation';
import { usersRepository } from '../users/repository';
import { teamsService } from '../admin/teams';
import { episodesRepository } from './repository';
import { recordChronologyEntry } from '../chronology/record';
import { allocationEntry } from '../chronology/fromRecords';

type Ctx = AuditContext & { actor: Actor };

/** The roles that can hold a case. */
export const CASE_HOLDING_ROLES = ['social-worker', 'early-help', 'team-manager'];

export type AllocateInput = { teamId: string; workerId: string | null; fromDate: string; reason: string | null; currentAllocationId: string | null };

export type AllocateResult =
  | { outcome: 'ok'; allocationId: string; teamName: string; workerName: string | null }
  | { outcome: 'invalid'; errors: FieldErrors }
  | { outcome: 'no-episode' }
  | { outcome: 'changed' }
  | { outcome: 'not-found' };

/**
 * Allocates a child to a team and (optionally) a worker from a date, inside the caller's transaction:
 * ends the allocation before, writes the new one, the person's current team and worker, its
 * chronology entry and its audit row. The allocation belongs to `episodeId` when given (an episode
 * opened in the same transaction), otherwise to the child's most recent open episode.
 * Writes nothing unless the outcome is 'ok'. It locks the child's row and then the team's (shared)
 * before its audit row; a caller that audits before calling it must lock both first (openEpisode
 * does), since audit() holds the audit chain's head to the end of the transaction.
 */
export async function allocateWithin(tx: Db, ctx: Ctx, personId: string, input: AllocateInput, episodeId?: string): Promise<AllocateResult> {
  const repo = episodesRepository();
  const person = await lockCurrentAllocation(tx, personId);
  if (!person) return { outcome: 'not-found' };
  const open = await repo.openEpisodes(tx, personId);
  const episode = episodeId ? open.find((e) => e.id === episodeId) : open[0];
  if (!episode) return { outcome: 'no-episode' };
  const current = await repo.openAllocation(tx, personId);
  if ((current?.id ?? null) !== input.currentAllocationId) return { outcome: 'changed' };
  const people = usersRepository(tx);
  const team = await people.findTeam(input.teamId);
  if (!team) return { outcome: 'invalid', errors: { team: 'Select a team' } };
  // A closed team takes no children; its row stays locked (shared) so it cannot close under this allocation.
  if (!(await teamsService(tx).isOpen(team.id, tx))) return { outcome: 'invalid', errors: { team: `${team.name} is closed: select an open team` } };
  const worker = input.workerId ? await people.findById(input.workerId) : null;
  if (input.workerId && (!worker || !worker.active || worker.teamId !== team.id || !CASE_HOLDING_ROLES.includes(worker.role))) {
    return { outcome: 'invalid', errors: { worker: `Select a worker who is in ${team.name} now` } };
  }
  if (current && current.teamId === team.id && current.workerId === (worker?.id ?? null)) {
    return { outcome: 'invalid', errors: { worker: 'The child is already allocated to this team and worker. Choose someone else, or go back' } };
  }
  if (current && input.fromDate < current.fromDate) {
    return { outcome: 'invalid', errors: { fromDate: `The date must be on or after ${formatDate(current.fromDate)}, when the current allocation started` } };
  }
  if (current) await repo.endOpenAllocation(tx, personId, input.fromDate);
  const allocationId = await repo.insertAllocation(tx, {
    personId,
    episodeId: episode.id,
    teamId: team.id,
    workerId: worker?.id ?? null,
    fromDate: input.fromDate,
    reason: input.reason,
    allocatedBy: ctx.actor.id,
  });
  await setCurrentAllocation(tx, personId, { teamId: team.id, workerId: worker?.id ?? null });
  await recordChronologyEntry(tx, ctx, allocationEntry(allocationId, personId, { teamName: team.name, workerName: worker?.name ?? null, fromDate: input.fromDate, reason: input.reason }));
  await audit(tx, ctx, {
    action: 'allocated',
    subjectType: 'allocation',
    subjectId: allocationId,
    childId: personId,
    details: { teamId: team.id, workerId: worker?.id ?? null, fromDate: input.fromDate, previous: current ? { teamId: current.teamId, workerId: current.workerId } : null },
  });
  return { outcome: 'ok', allocationId, teamName: team.name, workerName: worker?.name ?? null };
}
