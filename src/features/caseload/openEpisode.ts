import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { formatDate } from '../../domain/dates';
import { episodeStartProblem, type EpisodeTypeCode } from '../../domain/episodes';
import { recordChronologyEntry } from '../chronology/record';
import { episodeOpenedEntry } from '../chronology/fromRecords';
import { teamsService } from '../admin/teams';
import { allocateWithin, type AllocateResult } from './allocate';
import { episodesRepository } from './repository';

type Ctx = AuditContext & { actor: Actor };

/** The team (and perhaps worker) to allocate from the episode's start, and the allocation the form was read against. */
export type OpeningAllocation = { teamId: string; workerId: string | null; currentAllocationId: string | null };

export type OpenEpisodeInput = { type: EpisodeTypeCode; startDate: string; reason: string; allocation: OpeningAllocation | null };

export type OpenEpisodeResult =
  | { outcome: 'ok'; episodeId: string; allocated: { teamName: string; workerName: string | null } | null }
  | { outcome: 'invalid'; errors: FieldErrors }
  | { outcome: 'changed' }
  | { outcome: 'not-found' };

/** Thrown inside the transaction to undo the episode when the allocation made with it is refused. */
class Refused extends Error {
  constructor(readonly result: OpenEpisodeResult) {
    super('The allocation was refused');
  }
}

/** An allocation refusal in this form's terms: its date is the episode's start date. */
function refusalOf(result: Exclude<AllocateResult, { outcome: 'ok' }>): OpenEpisodeResult {
  switch (result.outcome) {
    case 'invalid': {
      const { fromDate, ...rest } = result.errors;
      return { outcome: 'invalid', errors: fromDate ? { ...rest, startDate: `To allocate from the start of this episode, ${fromDate.charAt(0).toLowerCase()}${fromDate.slice(1)}` } : rest };
    }
    case 'changed':
      return { outcome: 'changed' };
    case 'not-found':
    case 'no-episode':
      return { outcome: 'not-found' };
  }
}

/**
 * Starts an episode of work by hand (P5): any type, from a date, with its reason and legal basis;
 * never a second open episode of the same type. The episode, its chronology entry, its audit row
 * and (when asked) the allocation from its start are written in one transaction, or none of them.
 * The child's row and the team's are locked first, before the first audit row.
 */
export async function openEpisode(db: Db, ctx: Ctx, personId: string, input: OpenEpisodeInput): Promise<OpenEpisodeResult> {
  const repo = episodesRepository();
  try {
    return await db.transaction(async (tx): Promise<OpenEpisodeResult> => {
      const person = await repo.personForEpisode(tx, personId);
      if (!person) return { outcome: 'not-found' };
      // The team's row (shared) before anything is audited: audit() holds the audit chain's head to
      // the end, and a rename or close holds the team's row while it audits (docs/architecture.md,
      // "Lock order"). Whether the team can take the child is decided by allocateWithin below.
      if (input.allocation) await teamsService(tx).isOpen(input.allocation.teamId, tx);
      const problem = episodeStartProblem(input.type, input.startDate, person);
      if (problem) return { outcome: 'invalid', errors: { [problem.field]: problem.message } };
      const label = labelFor(EPISODE_TYPE, input.type).toLowerCase();
      const same = (await repo.openEpisodes(tx, personId)).find((e) => e.type === input.type);
      if (same) {
        return { outcome: 'invalid', errors: { type: `${person.name} already has an open ${label} episode, started ${formatDate(same.startDate)}. Record this work on it, or close it first` } };
      }
      const episodeId = await repo.insertEpisode(tx, { personId, type: input.type, startDate: input.startDate, startReason: input.reason, createdBy: ctx.actor.id });
      await recordChronologyEntry(tx, ctx, episodeOpenedEntry(episodeId, personId, { type: input.type, startDate: input.startDate, reason: input.reason }));
      await audit(tx, ctx, {
        action: 'episode-opened',
        subjectType: 'episode',
        subjectId: episodeId,
        childId: personId,
        details: { type: input.type, startDate: input.startDate, allocate: input.allocation ? { teamId: input.allocation.teamId, workerId: input.allocation.workerId } : null },
      });
      if (!input.allocation) return { outcome: 'ok', episodeId, allocated: null };
      const allocated = await allocateWithin(
        tx,
        ctx,
        personId,
        { ...input.allocation, fromDate: input.startDate, reason: `Start of the ${label} episode` },
        episodeId,
      );
      if (allocated.outcome !== 'ok') throw new Refused(refusalOf(allocated));
      return { outcome: 'ok', episodeId, allocated: { teamName: allocated.teamName, workerName: allocated.workerName } };
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
