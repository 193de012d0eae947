import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../platform/db';

/** One team as the administrator sees it, with who and what is still in it. */
export type TeamDetails = {
  id: string;
  name: string;
  kind: string;
  closedAt: Date | null;
  version: number;
  /** Accounts in the team that can sign in. */
  activeMembers: number;
  /** Switched-off accounts still recorded in the team (they do not stop it closing). */
  switchedOff: number;
  /** People allocated to the team now (with or without a worker). */
  children: number;
};

type Row = {
  id: string;
  name: string;
  kind: string;
  closed_at: Date | string | null;
  version: unknown;
  active_members: unknown;
  switched_off: unknown;
  children: unknown;
};

const toDetails = (r: Row): TeamDetails => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  closedAt: r.closed_at ? new Date(r.closed_at) : null,
  version: toNumber(r.version),
  activeMembers: toNumber(r.active_members),
  switchedOff: toNumber(r.switched_off),
  children: toNumber(r.children),
});

/** The counts come from the users and people indexes by team (users_team_idx, people_team_idx). */
const DETAILS = sql`t.id, t.name, t.kind, t.closed_at, t.version,
  (SELECT count(*) FROM users u WHERE u.team_id = t.id AND u.active) AS active_members,
  (SELECT count(*) FROM users u WHERE u.team_id = t.id AND NOT u.active) AS switched_off,
  (SELECT count(*) FROM people p WHERE p.current_team_id = t.id AND p.merged_into IS NULL) AS children`;

/** Teams: the council's list, and the rows an administrator changes. Only this file writes SQL for them. */
export function teamsRepository(db: Db) {
  return {
    /** Every team, open ones first, each by name. One query. */
    async list(): Promise<TeamDetails[]> {
      const found = await rows<Row>(db, sql`SELECT ${DETAILS} FROM teams t ORDER BY t.closed_at IS NOT NULL, t.name`);
      return found.map(toDetails);
    },

    /** One team with its counts. */
    async find(id: string): Promise<TeamDetails | null> {
      const found = await rows<Row>(db, sql`SELECT ${DETAILS} FROM teams t WHERE t.id = ${id}`);
      return found[0] ? toDetails(found[0]) : null;
    },

    /**
     * Takes the team's row for the rest of the transaction: 'update' to close or rename it, 'share' to
     * put someone in it (the two exclude each other). Returns whether it is open (the latest version
     * of the row, after any wait), or null when there is no such team. Counts are read after it, in
     * statements of their own. 'update' is FOR NO KEY UPDATE: it does not wait on (or hold up) rows
     * being written that refer to the team (their foreign key check takes FOR KEY SHARE).
     *
     * Take it before the transaction's first audit(): audit() holds the audit chain's head until
     * the transaction ends, so a row lock taken after it can deadlock with a transaction that holds
     * the row and is about to audit (see docs/architecture.md, "Lock order").
     */
    async lock(id: string, mode: 'update' | 'share'): Promise<{ open: boolean } | null> {
      const found = await rows<{ closed_at: unknown }>(
        db,
        mode === 'update'
          ? sql`SELECT closed_at FROM teams WHERE id = ${id} FOR NO KEY UPDATE`
          : sql`SELECT closed_at FROM teams WHERE id = ${id} FOR SHARE`,
      );
      return found[0] ? { open: found[0].closed_at === null } : null;
    },

    /** A team by its name, any capitals, open or closed (teams_name_lower_idx: at most one). */
    async findByName(name: string): Promise<TeamDetails | null> {
      const found = await rows<Row>(db, sql`SELECT ${DETAILS} FROM teams t WHERE lower(t.name) = lower(${name}) LIMIT 1`);
      return found[0] ? toDetails(found[0]) : null;
    },

    /** Another team already called this (any capitals)? teams_name_lower_idx refuses one that slips past. */
    async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
      const found = await rows<{ id: string }>(
        db,
        sql`SELECT id FROM teams WHERE lower(name) = lower(${name}) AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid) LIMIT 1`,
      );
      return found.length > 0;
    },

    async insert(values: { name: string; kind: string }): Promise<string> {
      const inserted = await rows<{ id: string }>(db, sql`INSERT INTO teams (name, kind) VALUES (${values.name}, ${values.kind}) RETURNING id`);
      return inserted[0]!.id;
    },

    /** Renames the team if nobody changed it since `version` was read; returns whether it did. */
    async rename(id: string, version: number, name: string): Promise<boolean> {
      const updated = await rows<{ id: string }>(
        db,
        sql`UPDATE teams SET name = ${name}, version = version + 1 WHERE id = ${id} AND version = ${version} RETURNING id`,
      );
      return updated.length > 0;
    },

    /** Closes an open team if nobody changed it since `version` was read; returns whether it did. */
    async close(id: string, version: number, by: string | null): Promise<boolean> {
      const updated = await rows<{ id: string }>(
        db,
        sql`UPDATE teams SET closed_at = now(), closed_by = ${by}::uuid, version = version + 1
            WHERE id = ${id} AND version = ${version} AND closed_at IS NULL RETURNING id`,
      );
      return updated.length > 0;
    },

    /** Opens a closed team again if nobody changed it since `version` was read; returns whether it did. */
    async reopen(id: string, version: number): Promise<boolean> {
      const updated = await rows<{ id: string }>(
        db,
        sql`UPDATE teams SET closed_at = NULL, closed_by = NULL, version = version + 1
            WHERE id = ${id} AND version = ${version} AND closed_at IS NOT NULL RETURNING id`,
      );
      return updated.length > 0;
    },

    /** The teams people can be put in or children allocated to: open ones, by name. */
    async openOptions(): Promise<{ id: string; name: string }[]> {
      return rows<{ id: string; name: string }>(db, sql`SELECT id, name FROM teams WHERE closed_at IS NULL ORDER BY name`);
    },
  };
}

export type TeamsRepository = ReturnType<typeof teamsRepository>;
