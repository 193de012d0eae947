/**
 * The visits-due lists: a worker's children and a team's children, each with their open episodes
 * and the last day they were seen on a visit. One query whatever the caseload: the open episodes come
 * from their partial index and "last seen" is one probe of visit_children_seen_idx per child.
 */
import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';
import { parseJson, type OpenEpisode } from './repository';

export type DueListRow = {
  id: string;
  name: string;
  dateOfBirth: string | null;
  restricted: boolean;
  workerId: string | null;
  workerName: string | null;
  episodes: OpenEpisode[];
  lastSeenOn: string | null;
};

export const WORKER_DUE_LIMIT = 500;
export const TEAM_DUE_LIMIT = 2000;

export function dueListRepository(db: Db) {
  /** Children matching `who`, with an open episode of a type that has a visit frequency. */
  async function list(actor: Actor, who: { workerId: string } | { teamId: string }, planTypes: string[], limit: number): Promise<DueListRow[]> {
    if (planTypes.length === 0) return [];
    const where = 'workerId' in who ? sql`p.current_worker_id = ${who.workerId}` : sql`p.current_team_id = ${who.teamId}`;
    const types = sql.join(planTypes.map((t) => sql`${t}`), sql`, `);
    const found = await rows<{ id: string; name: string; date_of_birth: string | null; restricted: boolean; worker_id: string | null; worker_name: string | null; episodes: unknown; last_seen: string | null }>(
      db,
      sql`SELECT p.id, concat_ws(' ', p.first_name, p.last_name) AS name, p.date_of_birth::text AS date_of_birth, p.restricted,
                 p.current_worker_id AS worker_id, w.name AS worker_name, eps.episodes, seen.last_seen
          FROM people p
          LEFT JOIN users w ON w.id = p.current_worker_id
          CROSS JOIN LATERAL (
            SELECT json_agg(json_build_object('type', e.type, 'startDate', e.start_date::text) ORDER BY e.start_date, e.id) AS episodes
            FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL AND e.type IN (${types})) eps
          LEFT JOIN LATERAL (
            SELECT vc.visit_date::text AS last_seen FROM visit_children vc
            WHERE vc.person_id = p.id AND vc.counts_for_schedule ORDER BY vc.visit_date DESC LIMIT 1) seen ON true
          WHERE ${where} AND p.kind = 'child' AND eps.episodes IS NOT NULL AND ${peopleScope(actor, 'p')}
          ORDER BY p.id
          LIMIT ${limit}`,
    );
    return found.map((r) => ({
      id: r.id,
      name: r.name,
      dateOfBirth: r.date_of_birth,
      restricted: r.restricted,
      workerId: r.worker_id,
      workerName: r.worker_name,
      episodes: parseJson<OpenEpisode[]>(r.episodes, []),
      lastSeenOn: r.last_seen,
    }));
  }

  return {
    /** The children allocated to this worker now. */
    forWorker: (actor: Actor, planTypes: string[]) => list(actor, { workerId: actor.id }, planTypes, WORKER_DUE_LIMIT),
    /** The children of a team now, with or without a worker. */
    forTeam: (actor: Actor, teamId: string, planTypes: string[]) => list(actor, { teamId }, planTypes, TEAM_DUE_LIMIT),
  };
}
