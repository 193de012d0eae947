import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';

/** One child on a caseload or team list. */
export type ListedChild = {
  id: string;
  name: string;
  dateOfBirth: string | null;
  restricted: boolean;
  stage: string | null;
  allocatedFrom: string | null;
  workerId: string | null;
  workerName: string | null;
  waitingSince: string | null;
  lastContact: string | null;
  lastReferral: string | null;
  /** The child's open assessment (in progress or with the manager), if any: its day 0 and due date. */
  assessment: { referralDate: string; dueOn: string } | null;
};

type Row = {
  id: string;
  name: string;
  date_of_birth: string | null;
  restricted: boolean;
  stage: string | null;
  allocated_from: string | null;
  worker_id: string | null;
  worker_name: string | null;
  waiting_since: string | null;
  last_contact: string | null;
  last_referral: string | null;
  assessment_referral_date: string | null;
  assessment_due_on: string | null;
  total?: unknown;
};

const toListed = (r: Row): ListedChild => ({
  id: r.id,
  name: r.name,
  dateOfBirth: r.date_of_birth,
  restricted: r.restricted,
  stage: r.stage,
  allocatedFrom: r.allocated_from,
  workerId: r.worker_id,
  workerName: r.worker_name,
  waitingSince: r.waiting_since,
  lastContact: r.last_contact,
  lastReferral: r.last_referral,
  assessment: r.assessment_referral_date && r.assessment_due_on ? { referralDate: r.assessment_referral_date, dueOn: r.assessment_due_on } : null,
});

/** A child's open assessment: at most one (the partial unique index assessments_one_open_per_child). */
const openAssessment = sql`FROM assessments a WHERE a.child_id = p.id AND a.status IN ('in-progress', 'awaiting-authorisation')`;

/**
 * The columns every list shows, each a lookup on an index by person id (episodes_open_idx,
 * allocations_one_open_idx, assessments_one_open_per_child, contact_children_person_idx,
 * referrals_person_idx): no per-row queries from the app, and the cost grows with the page, not with
 * the authority.
 */
const columns = sql`p.id, concat_ws(' ', p.first_name, p.last_name) AS name, p.date_of_birth::text AS date_of_birth, p.restricted,
  (SELECT e.type FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL ORDER BY e.start_date DESC, e.id LIMIT 1) AS stage,
  (SELECT a.referral_date::text ${openAssessment}) AS assessment_referral_date,
  (SELECT a.due_on::text ${openAssessment}) AS assessment_due_on,
  p.open_since::text AS waiting_since,
  (SELECT a.from_date::text FROM allocations a WHERE a.person_id = p.id AND a.to_date IS NULL LIMIT 1) AS allocated_from,
  p.current_worker_id AS worker_id, w.name AS worker_name`;

const lastSeen = sql`(SELECT max(c.received_on)::text FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id WHERE cc.person_id = p.id) AS last_contact,
  (SELECT max(r.referral_date)::text FROM referrals r WHERE r.person_id = p.id) AS last_referral`;

export const CASELOAD_LIMIT = 500;
/** Children allocated to the team's workers, a page at a time. */
export const TEAM_PAGE_SIZE = 100;
/** Children waiting for a worker (or for a team), a page at a time. */
export const WAITING_PAGE_SIZE = 50;

export function listsRepository(db: Db) {
  return {
    /** Children allocated to this worker now. One query. */
    async caseload(actor: Actor): Promise<ListedChild[]> {
      const found = await rows<Row>(
        db,
        sql`SELECT ${columns}, ${lastSeen}
            FROM people p LEFT JOIN users w ON w.id = p.current_worker_id
            WHERE p.current_worker_id = ${actor.id} AND ${peopleScope(actor, 'p')}
            ORDER BY allocated_from NULLS LAST, p.last_name, p.first_name
            LIMIT ${CASELOAD_LIMIT}`,
      );
      return found.map(toListed);
    },

    /** How many children each worker in the team holds (workers of the team with none included). One query. */
    async workerCounts(actor: Actor, teamId: string): Promise<{ workerId: string; name: string; active: boolean; inTeam: boolean; children: number }[]> {
      const found = await rows<{ id: string; name: string; active: boolean; in_team: boolean; children: unknown }>(
        db,
        sql`SELECT u.id, u.name, u.active, u.team_id IS NOT DISTINCT FROM ${teamId}::uuid AS in_team, coalesce(n.children, 0) AS children
            FROM users u
            LEFT JOIN (SELECT p.current_worker_id AS worker_id, count(*) AS children FROM people p
                       WHERE p.current_team_id = ${teamId} AND p.current_worker_id IS NOT NULL AND ${peopleScope(actor, 'p')}
                       GROUP BY p.current_worker_id) n ON n.worker_id = u.id
            WHERE (u.team_id = ${teamId} AND u.active AND u.role IN ('social-worker', 'early-help', 'team-manager')) OR n.worker_id IS NOT NULL
            ORDER BY u.name, u.id`,
      );
      return found.map((r) => ({ workerId: r.id, name: r.name, active: r.active, inTeam: r.in_team, children: toNumber(r.children) }));
    },

    /**
     * One page of the children allocated to a worker in the team: by worker (name, then id, as
     * workerCounts orders them), then by the child's name. One query: the page is chosen from the
     * people and users rows alone (people_team_idx), so a team of thousands costs one in-memory sort,
     * and only the page's children are described. `offset` counts children from the first.
     */
    async teamChildren(actor: Actor, teamId: string, offset: number): Promise<ListedChild[]> {
      const found = await rows<Row>(
        db,
        sql`WITH page AS (
              SELECT p.id, w.name AS worker_name, w.id AS worker_id, p.last_name, p.first_name
              FROM people p JOIN users w ON w.id = p.current_worker_id
              WHERE p.current_team_id = ${teamId} AND p.current_worker_id IS NOT NULL AND ${peopleScope(actor, 'p')}
              ORDER BY w.name, w.id, p.last_name, p.first_name, p.id
              LIMIT ${TEAM_PAGE_SIZE} OFFSET ${offset})
            SELECT ${columns}, NULL AS last_contact, NULL AS last_referral
            FROM page JOIN people p ON p.id = page.id JOIN users w ON w.id = page.worker_id
            ORDER BY page.worker_name, page.worker_id, page.last_name, page.first_name, page.id`,
      );
      return found.map(toListed);
    },

    /**
     * One page of the children with an open episode and no worker: in this team (`teamId`) or in no
     * team at all (null), longest waiting first (then by name), with how many there are in all. The
     * page asked for is kept within the list (the last page when it asks for more), so the total and
     * the page always come back together. One query.
     */
    async waiting(actor: Actor, teamId: string | null, page: number): Promise<{ children: ListedChild[]; total: number }> {
      const where = teamId ? sql`p.current_team_id = ${teamId}` : sql`p.current_team_id IS NULL`;
      const size = WAITING_PAGE_SIZE;
      // Pick the page from the people rows alone (people_waiting_idx: open_since, the start of the
      // earliest open episode, is kept by the database; migration 024), then describe only those.
      const found = await rows<Row>(
        db,
        sql`WITH waiting AS (
              SELECT p.id, p.open_since AS since, p.last_name, p.first_name
              FROM people p
              WHERE p.open_since IS NOT NULL AND p.current_worker_id IS NULL AND ${where} AND ${peopleScope(actor, 'p')}),
            counted AS (SELECT count(*) AS total FROM waiting),
            page AS (
              SELECT w.id, w.since, w.last_name, w.first_name FROM waiting w
              ORDER BY w.since, w.last_name, w.first_name, w.id
              LIMIT ${size}
              OFFSET (SELECT least((${page}::bigint - 1) * ${size}, greatest((total - 1) / ${size}, 0) * ${size}) FROM counted))
            SELECT ${columns}, NULL AS last_contact, NULL AS last_referral, counted.total
            FROM counted LEFT JOIN (page JOIN people p ON p.id = page.id LEFT JOIN users w ON w.id = p.current_worker_id) ON true
            ORDER BY page.since, page.last_name, page.first_name, page.id`,
      );
      return { children: found.filter((r) => r.id).map(toListed), total: toNumber(found[0]?.total ?? 0) };
    },
  };
}

export type ListsRepository = ReturnType<typeof listsRepository>;
