import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { isUuid } from '../../platform/http';
import type { TeamKind } from './schema';
import { teamsRepository, type TeamDetails } from './teamsRepository';

export type RenameOutcome =
  | { outcome: 'saved' | 'unchanged'; team: TeamDetails }
  | { outcome: 'not-found' }
  | { outcome: 'duplicate' }
  | { outcome: 'conflict'; current: TeamDetails };

export type CloseOutcome =
  | { outcome: 'closed' | 'already-closed'; team: TeamDetails }
  | { outcome: 'not-found' }
  | { outcome: 'in-use'; team: TeamDetails; message: string }
  | { outcome: 'conflict'; current: TeamDetails };

export type ReopenOutcome =
  | { outcome: 'reopened' | 'already-open'; team: TeamDetails }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; current: TeamDetails };

const count = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

/**
 * Why a team cannot close yet, in words for the administrator (and the command line), or null when
 * it can: nobody who can sign in is in it and no child is allocated to it.
 */
export function closeProblem(team: Pick<TeamDetails, 'name' | 'activeMembers' | 'children'>): string | null {
  if (team.activeMembers === 0 && team.children === 0) return null;
  const still = [
    team.activeMembers ? count(team.activeMembers, 'active user', 'active users') : null,
    team.children ? count(team.children, 'allocated child', 'allocated children') : null,
  ].filter(Boolean);
  const moves = [
    team.activeMembers ? 'move each user to another team (or switch off their account)' : null,
    team.children ? 'allocate each child to another team' : null,
  ].filter(Boolean);
  return `${team.name} cannot be closed: it still has ${still.join(' and ')}. First ${moves.join(', and ')}.`;
}

/**
 * The database refused a team name already used, any capitals (teams_name_lower_idx, migration 023):
 * two adds or renames at the same moment both passed the check before writing.
 */
export function teamNameClash(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth += 1, e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && (constraint === undefined || constraint === 'teams_name_lower_idx')) return true;
  }
  return false;
}

/** Runs a write that may give a team a name; a name the database refuses as taken is `duplicate`. */
async function orDuplicate<T>(write: () => Promise<T>, duplicate: T): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (teamNameClash(error)) return duplicate;
    throw error;
  }
}

/** The council's teams: adding, renaming, closing and reopening them, each audited in its own transaction. Used by the admin pages and `hearth team`. */
export function teamsService(db: Db) {
  const repo = teamsRepository(db);
  return {
    repo,

    /** Adds a team; refuses a name already used (any capitals, open or closed). Returns the new id, or null for a duplicate. */
    async add(ctx: AuditContext, input: { name: string; kind: TeamKind }): Promise<string | null> {
      const write = () => db.transaction(async (tx) => {
        const txRepo = teamsRepository(tx);
        if (await txRepo.nameTaken(input.name, null)) return null;
        const id = await txRepo.insert(input);
        await audit(tx, ctx, { action: 'team-added', subjectType: 'team', subjectId: id, details: { name: input.name, kind: input.kind } });
        return id;
      });
      return orDuplicate(write, null);
    },

    /** Renames a team (open or closed) if nobody changed it since `version` was read. */
    async rename(ctx: AuditContext, teamId: string, version: number, name: string): Promise<RenameOutcome> {
      const write = () => db.transaction(async (tx): Promise<RenameOutcome> => {
        const txRepo = teamsRepository(tx);
        if (!(await txRepo.lock(teamId, 'update'))) return { outcome: 'not-found' } as const;
        const before = (await txRepo.find(teamId))!;
        if (before.version !== version) return { outcome: 'conflict', current: before } as const;
        if (before.name === name) return { outcome: 'unchanged', team: before } as const;
        if (await txRepo.nameTaken(name, teamId)) return { outcome: 'duplicate' } as const;
        await txRepo.rename(teamId, version, name);
        await audit(tx, ctx, { action: 'team-renamed', subjectType: 'team', subjectId: teamId, details: { from: before.name, to: name } });
        return { outcome: 'saved', team: { ...before, name, version: version + 1 } } as const;
      });
      return orDuplicate(write, { outcome: 'duplicate' });
    },

    /**
     * Closes a team once nobody who can sign in is in it and no child is allocated to it. The team's
     * row is locked first, so an allocation or a new user racing the close either lands before (and
     * stops it) or finds the team closed.
     */
    async close(ctx: AuditContext, teamId: string, version: number | null): Promise<CloseOutcome> {
      return db.transaction(async (tx) => {
        const txRepo = teamsRepository(tx);
        if (!(await txRepo.lock(teamId, 'update'))) return { outcome: 'not-found' } as const;
        const team = (await txRepo.find(teamId))!;
        if (team.closedAt) return { outcome: 'already-closed', team } as const;
        if (version !== null && team.version !== version) return { outcome: 'conflict', current: team } as const;
        const problem = closeProblem(team);
        if (problem) return { outcome: 'in-use', team, message: problem } as const;
        await txRepo.close(teamId, team.version, ctx.actor?.id ?? null);
        await audit(tx, ctx, { action: 'team-closed', subjectType: 'team', subjectId: teamId, details: { name: team.name, switchedOffAccounts: team.switchedOff } });
        return { outcome: 'closed', team: { ...team, closedAt: new Date(), version: team.version + 1 } } as const;
      });
    },

    /**
     * Opens a closed team again (closed by mistake, or a team coming back): it is offered again when
     * adding users and allocating children. Its history was kept while it was closed, so nothing else changes.
     */
    async reopen(ctx: AuditContext, teamId: string, version: number | null): Promise<ReopenOutcome> {
      return db.transaction(async (tx) => {
        const txRepo = teamsRepository(tx);
        if (!(await txRepo.lock(teamId, 'update'))) return { outcome: 'not-found' } as const;
        const team = (await txRepo.find(teamId))!;
        if (!team.closedAt) return { outcome: 'already-open', team } as const;
        if (version !== null && team.version !== version) return { outcome: 'conflict', current: team } as const;
        await txRepo.reopen(teamId, team.version);
        await audit(tx, ctx, { action: 'team-reopened', subjectType: 'team', subjectId: teamId, details: { name: team.name, closedOn: team.closedAt.toISOString().slice(0, 10) } });
        return { outcome: 'reopened', team: { ...team, closedAt: null, version: team.version + 1 } } as const;
      });
    },

    /**
     * Whether people can be put in this team: it exists and is open. Given a transaction, the team's
     * row stays locked (shared) until it ends, so the team cannot close under the change.
     */
    async isOpen(teamId: string, on: Db = db): Promise<boolean> {
      if (!isUuid(teamId)) return false;
      return (await teamsRepository(on).lock(teamId, 'share'))?.open ?? false;
    },

    /** The teams offered when adding a user or allocating a child. */
    openOptions: () => repo.openOptions(),
  };
}

export type TeamsService = ReturnType<typeof teamsService>;
