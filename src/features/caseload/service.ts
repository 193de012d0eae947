import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { todayInLondon, formatDate } from '../../domain/dates';
import { lockCurrentAllocation, setCurrentAllocation } from '../people/currentAllocation';
import { usersRepository, type UsersRepository } from '../users/repository';
import { viewPersonPage } from '../people/header';
import { episodesRepository } from './repository';
import { listsRepository } from './lists';
import { previousReferralsWithin12Months, workersIn12Months } from './rules';
import { recordChronologyEntry } from '../chronology/record';
import { episodeClosedEntry } from '../chronology/fromRecords';
import { allocateWithin, CASE_HOLDING_ROLES, type AllocateInput, type AllocateResult } from './allocate';
import { openEpisode, type OpenEpisodeInput, type OpenEpisodeResult } from './openEpisode';

type Ctx = AuditContext & { actor: Actor };

export { CASE_HOLDING_ROLES, type AllocateInput, type AllocateResult } from './allocate';

export type CloseResult = { outcome: 'ok'; allocationEnded: boolean } | { outcome: 'invalid'; errors: FieldErrors } | { outcome: 'conflict' } | { outcome: 'not-found' };

/** Episodes and allocation (P5): a person's involvement, closing episodes, allocating, caseloads and team work. */
export function caseloadService(db: Db, users: UsersRepository) {
  const repo = episodesRepository();
  const lists = listsRepository(db);

  /**
   * What the allocation form needs: the teams, where the child is now, and the workers of the team
   * asked for (or else the child's current team, or else the manager's own).
   */
  async function allocationForm(personId: string, askedTeamId: string | null, ownTeamId: string | null, on: Db = db) {
    const staff = on === db ? users : usersRepository(on);
    // Closed teams are not offered: a child is only allocated to an open team.
    const teams = (await staff.teams()).filter((t) => !t.closedAt);
    const current = await repo.openAllocation(on, personId);
    const wanted = askedTeamId ?? current?.teamId ?? ownTeamId;
    const chosen = teams.find((t) => t.id === wanted) ?? null;
    const members = chosen ? (await staff.activeInTeam(chosen.id)).filter((u) => CASE_HOLDING_ROLES.includes(u.role)) : [];
    const counts = await repo.caseloadCounts(on, members.map((u) => u.id));
    const workers = members.map((u) => ({ id: u.id, name: u.name, children: counts.get(u.id) ?? 0 }));
    const open = await repo.openEpisodes(on, personId);
    const history = await repo.allocations(on, personId);
    return { teams, chosen, workers, current, openEpisodes: open, history, workersIn12Months: workersIn12Months([...history].reverse(), todayInLondon()) };
  }

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

    /**
     * The form to start an episode: the header, the open episodes (a second of the same type is
     * refused) and, for those who may allocate, the allocation form's choices; read and audited as a view.
     */
    async episodeStartPage(ctx: Ctx, personId: string, allocation: { askedTeamId: string | null; ownTeamId: string | null } | null) {
      const found = await viewPersonPage(db, ctx, personId, { action: 'episode-start-viewed' }, async (tx) => ({
        open: await repo.openEpisodes(tx, personId),
        form: allocation ? await allocationForm(personId, allocation.askedTeamId, allocation.ownTeamId, tx) : null,
      }));
      return found ? { person: found.person, ...found.data } : null;
    },

    /** Starts an episode of work by hand, with (optionally) its allocation: see openEpisode.ts. */
    async openEpisode(ctx: Ctx, personId: string, input: OpenEpisodeInput): Promise<OpenEpisodeResult> {
      return openEpisode(db, ctx, personId, input);
    },

    async episodeToClose(personId: string, episodeId: string) {
      return repo.episode(db, personId, episodeId);
    },

    /**
     * The form to close an episode: the header and the episode, read and audited as a view in one
     * transaction; not audited when it is closed already and the caller sends the person back (`shownIfClosed` false).
     */
    async episodeClosePage(ctx: Ctx, personId: string, episodeId: string, shownIfClosed: boolean) {
      const found = await viewPersonPage(
        db,
        ctx,
        personId,
        (_person, episode) => (episode.endDate && !shownIfClosed ? null : { action: 'episode-close-viewed', subjectType: 'episode', subjectId: episodeId }),
        (tx: Db) => repo.episode(tx, personId, episodeId),
      );
      return found ? { person: found.person, episode: found.data } : null;
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
        // The chronology entry first: a significant one (a protection or care episode) raises review prompts,
        // whose rows lock the child's assessment, and every lock comes before the first audit row (lock order).
        await recordChronologyEntry(tx, ctx, episodeClosedEntry(episodeId, personId, { type: episode.type, endDate: input.endDate, closureReason: input.closureReason }, ended !== null));
        await audit(tx, ctx, {
          action: 'episode-closed',
          subjectType: 'episode',
          subjectId: episodeId,
          childId: personId,
          details: { type: episode.type, endDate: input.endDate, closureReason: input.closureReason, allocationEnded: ended?.id ?? null },
        });
        return { outcome: 'ok', allocationEnded: stillOpen.length === 0 };
      });
    },

    allocationForm,

    /** The allocation form with the child's header and allocation history, read and audited as a view in one transaction. */
    async allocationPage(ctx: Ctx, personId: string, askedTeamId: string | null, ownTeamId: string | null) {
      const found = await viewPersonPage(db, ctx, personId, { action: 'allocation-form-viewed' }, (tx) => allocationForm(personId, askedTeamId, ownTeamId, tx));
      return found ? { person: found.person, form: found.data } : null;
    },

    /**
     * Allocates a child to a team and (optionally) a worker from a date: ends the allocation before,
     * writes the new one and the person's current team and worker, in one transaction, audited.
     */
    async allocate(ctx: Ctx, personId: string, input: AllocateInput): Promise<AllocateResult> {
      return db.transaction((tx) => allocateWithin(tx, ctx, personId, input));
    },
  };
}

export type CaseloadService = ReturnType<typeof caseloadService>;
