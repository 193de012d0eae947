import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { todayInLondon, formatDate } from '../../domain/dates';
import { lockCurrentAllocation, setCurrentAllocation } from '../people/currentAllocation';
import { usersRepository, type UsersRepository } from '../users/repository';
import { episodesRepository } from './repository';
import { listsRepository } from './lists';
import { previousReferralsWithin12Months, workersIn12Months } from './rules';
import { recordChronologyEntry } from '../chronology/record';
import { allocationEntry, episodeClosedEntry } from '../chronology/fromRecords';

type Ctx = AuditContext & { actor: Actor };

/** The roles that can hold a case. */
export const CASE_HOLDING_ROLES = ['social-worker', 'early-help', 'team-manager'];

export type AllocateInput = { teamId: string; workerId: string | null; fromDate: string; reason: string | null; currentAllocationId: string | null };

export type AllocateResult =
  | { outcome: 'ok'; teamName: string; workerName: string | null }
  | { outcome: 'invalid'; errors: FieldErrors }
  | { outcome: 'no-episode' }
  | { outcome: 'changed' }
  | { outcome: 'not-found' };

export type CloseResult = { outcome: 'ok'; allocationEnded: boolean } | { outcome: 'invalid'; errors: FieldErrors } | { outcome: 'conflict' } | { outcome: 'not-found' };

/** Episodes and allocation (P5): a person's involvement, closing episodes, allocating, caseloads and team work. */
export function caseloadService(db: Db, users: UsersRepository) {
  const repo = episodesRepository();
  const lists = listsRepository(db);

  return {
    repo,
    lists,

    /** Everything on the involvement tab, read and audited in one transaction: a fixed number of queries. */
    async involvement(ctx: Ctx, personId: string, reason: string | null) {
      return db.transaction(async (tx) => {
        const contacts = await repo.contacts(tx, personId);
        const referrals = await repo.referrals(tx, personId);
        const episodes = await repo.episodes(tx, personId);
        const allocations = await repo.allocations(tx, personId);
        await audit(tx, ctx, { action: 'involvement-viewed', subjectType: 'person', subjectId: personId, childId: personId, reason });
        const previous = previousReferralsWithin12Months(referrals);
        return {
          contacts,
          referrals: [...referrals].reverse().map((r) => ({ ...r, previousWithin12Months: previous.get(r.id)?.referralDate ?? null })),
          episodes,
          allocations,
          workers: workersIn12Months([...allocations].reverse(), todayInLondon()),
        };
      });
    },

    async episodeToClose(personId: string, episodeId: string) {
      return repo.episode(db, personId, episodeId);
    },

    /**
     * Closes an episode with its DfE reason. Closing the last open episode also ends the current
     * allocation: the child goes back to no team and no worker. One transaction, audited.
     */
    async closeEpisode(ctx: Ctx, personId: string, episodeId: string, input: { endDate: string; closureReason: string; version: number }): Promise<CloseResult> {
      return db.transaction(async (tx): Promise<CloseResult> => {
        if (!(await lockCurrentAllocation(tx, personId))) return { outcome: 'not-found' };
        const episode = await repo.episode(tx, personId, episodeId);
        if (!episode) return { outcome: 'not-found' };
        if (episode.endDate || episode.version !== input.version) return { outcome: 'conflict' };
        if (input.endDate < episode.startDate) {
          return { outcome: 'invalid', errors: { endDate: `The end date must be on or after the date the episode started, ${formatDate(episode.startDate)}` } };
        }
        if (!(await repo.close(tx, episodeId, input.version, { endDate: input.endDate, closureReason: input.closureReason }))) return { outcome: 'conflict' };
        const stillOpen = await repo.openEpisodes(tx, personId);
        let ended: Awaited<ReturnType<typeof repo.endOpenAllocation>> = null;
        if (stillOpen.length === 0) {
          ended = await repo.endOpenAllocation(tx, personId, input.endDate);
          await setCurrentAllocation(tx, personId, { teamId: null, workerId: null });
        }
        await audit(tx, ctx, {
          action: 'episode-closed',
          subjectType: 'episode',
          subjectId: episodeId,
          childId: personId,
          details: { type: episode.type, endDate: input.endDate, closureReason: input.closureReason, allocationEnded: ended?.id ?? null },
        });
        await recordChronologyEntry(tx, ctx, episodeClosedEntry(episodeId, personId, { type: episode.type, endDate: input.endDate, closureReason: input.closureReason }, ended !== null));
        return { outcome: 'ok', allocationEnded: stillOpen.length === 0 };
      });
    },

    /**
     * What the allocation form needs: the teams, where the child is now, and the workers of the team
     * asked for (or else the child's current team, or else the manager's own).
     */
    async allocationForm(personId: string, askedTeamId: string | null, ownTeamId: string | null) {
      const teams = await users.teams();
      const current = await repo.openAllocation(db, personId);
      const wanted = askedTeamId ?? current?.teamId ?? ownTeamId;
      const chosen = teams.find((t) => t.id === wanted) ?? null;
      const members = chosen ? (await users.activeInTeam(chosen.id)).filter((u) => CASE_HOLDING_ROLES.includes(u.role)) : [];
      const counts = await repo.caseloadCounts(db, members.map((u) => u.id));
      const workers = members.map((u) => ({ id: u.id, name: u.name, children: counts.get(u.id) ?? 0 }));
      const open = await repo.openEpisodes(db, personId);
      const history = await repo.allocations(db, personId);
      return { teams, chosen, workers, current, openEpisodes: open, history, workersIn12Months: workersIn12Months([...history].reverse(), todayInLondon()) };
    },

    /**
     * Allocates a child to a team and (optionally) a worker from a date: ends the allocation before,
     * writes the new one and the person's current team and worker, in one transaction, audited.
     */
    async allocate(ctx: Ctx, personId: string, input: AllocateInput): Promise<AllocateResult> {
      return db.transaction(async (tx): Promise<AllocateResult> => {
        const person = await lockCurrentAllocation(tx, personId);
        if (!person) return { outcome: 'not-found' };
        const open = await repo.openEpisodes(tx, personId);
        const episode = open[0];
        if (!episode) return { outcome: 'no-episode' };
        const current = await repo.openAllocation(tx, personId);
        if ((current?.id ?? null) !== input.currentAllocationId) return { outcome: 'changed' };
        const people = usersRepository(tx);
        const team = await people.findTeam(input.teamId);
        if (!team) return { outcome: 'invalid', errors: { team: 'Select a team' } };
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
        return { outcome: 'ok', teamName: team.name, workerName: worker?.name ?? null };
      });
    },
  };
}

export type CaseloadService = ReturnType<typeof caseloadService>;
