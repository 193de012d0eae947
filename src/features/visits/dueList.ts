/**
 * The visits-due lists: a worker's children, and a team's, most overdue first, a page at a time,
 * with how many there are of each status. However many children there are, the database orders and
 * counts all of them and returns one page: each child's clock (the later of the episode's start and
 * the last statutory visit in which they were seen: one probe of visit_children_schedule_idx) and
 * next due date are turned into an order key with the arithmetic of domain/visitDueOrder.ts, given
 * the council's off days. The page's children are then worked out exactly with visitDueForChild for
 * what the page says. One query.
 */
import { sql, type SQL } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { DUE_SOON_DAYS, DUE_SOON_WORKING_DAYS, planIntensity, type Frequencies, type VisitStatus } from '../../domain/visitSchedule';
import { offDaysBetween } from '../../domain/visitDueOrder';
import type { Calendar } from '../../domain/workingDays';
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
  /** The status the database worked out (the page works out the same with visitDueForChild). */
  status: VisitStatus;
};

export type StatusCounts = { overdue: number; dueSoon: number; notYet: number };
export type WorkerCounts = StatusCounts & { workerId: string | null; workerName: string | null };

export type DueListPage = {
  rows: DueListRow[];
  /** How many children the list has (all its pages), and which page this is. */
  total: number;
  page: number;
  pages: number;
  /** Every child of the worker or team with a visit due, by status: for a team, by worker too. */
  counts: StatusCounts;
  byWorker: WorkerCounts[];
};

export const DUE_PAGE_SIZE = 50;

export type DueListOptions = {
  frequencies: Frequencies;
  calendar: Calendar;
  today: string;
  /** 1 is the first page; past the last, the last. */
  page: number;
  pageSize?: number;
  /** Only children overdue or due soon (the manager's list). */
  attentionOnly?: boolean;
  /** Only this worker's children of the team ('none': those with no worker yet). */
  worker?: string | 'none' | null;
};

/** Clocks that started before this many years ago count that time's bank holidays as working days: none does (a child's started at the earliest at birth). */
const YEARS_BACK = 30;

/** The council's off days, read once per query (not carried on every row). */
const OFF = sql`((SELECT q.off FROM q)::date[])`;
/** The working-day index of a date column or expression (domain/visitDueOrder.ts: workingDayIndex, up to a constant). */
const idx = (d: SQL) => sql`(((${d}) - DATE '1970-01-01' + 1) / 7 * 5 + (ARRAY[0,1,2,2,2,3,4,5])[((${d}) - DATE '1970-01-01' + 1) % 7 + 1] - width_bucket((${d}), ${OFF}))`;
/** Its order key (dueOrderKey): twice the index, and one more on a day that is not a working day. */
const key = (d: SQL) => sql`(2 * ${idx(d)} + CASE WHEN extract(isodow FROM (${d})) < 6 AND NOT ((${d}) = ANY(${OFF})) THEN 0 ELSE 1 END)`;

export function dueListRepository(db: Db) {
  async function list(actor: Actor, who: { workerId: string } | { teamId: string }, opts: DueListOptions): Promise<DueListPage> {
    const plans = Object.entries(opts.frequencies).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]);
    const empty = { rows: [], total: 0, page: 1, pages: 1, counts: { overdue: 0, dueSoon: 0, notYet: 0 }, byWorker: [] };
    if (plans.length === 0) return empty;
    const size = opts.pageSize ?? DUE_PAGE_SIZE;
    const year = Number(opts.today.slice(0, 4));
    const off = `{${offDaysBetween(opts.calendar, year - YEARS_BACK, year + 3).join(',')}}`;
    const freq = sql.join(
      plans.map(([type, f]) => sql`(${type}::text, ${f.every}::int, ${f.unit === 'weeks'}::boolean, ${planIntensity(type)}::int)`),
      sql`, `,
    );
    const types = sql.join(plans.map(([type]) => sql`${type}`), sql`, `);
    const where = 'workerId' in who ? sql`p.current_worker_id = ${who.workerId}` : sql`p.current_team_id = ${who.teamId}`;
    const worker = opts.worker === 'none' ? sql`AND d.worker_id IS NULL` : opts.worker ? sql`AND d.worker_id = ${opts.worker}::uuid` : sql``;
    const attention = opts.attentionOnly ? sql`AND d.status <> 'due'` : sql``;
    const found = await rows<{ page_rows: unknown; total: unknown; page_start: unknown; counts: unknown }>(
      db,
      sql`WITH q AS (SELECT ${off}::date[] AS off, ${opts.today}::date AS today),
          freq(type, every, weekly, intensity) AS (VALUES ${freq}),
          kids AS (
            SELECT p.id, p.current_worker_id AS worker_id, concat_ws(' ', p.first_name, p.last_name) AS name, seen.last_seen
            FROM people p
            LEFT JOIN LATERAL (
              SELECT vc.visit_date AS last_seen FROM visit_children vc
              WHERE vc.person_id = p.id AND vc.counts_for_schedule ORDER BY vc.visit_date DESC LIMIT 1) seen ON true
            WHERE ${where} AND p.kind = 'child' AND ${peopleScope(actor, 'p')}
              AND EXISTS (SELECT 1 FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL AND e.type IN (${types}))),
          clocks AS (
            -- Each open episode with a visit frequency: its clock starts at the later of its start and the last statutory visit the child was seen in.
            SELECT k.id, f.every, f.weekly, f.intensity, greatest(e.start_date, coalesce(k.last_seen, e.start_date)) AS from_date
            FROM kids k JOIN episodes e ON e.person_id = k.id AND e.end_date IS NULL JOIN freq f ON f.type = e.type),
          dated AS (SELECT c.*, CASE WHEN c.weekly THEN c.from_date + 7 * c.every END AS due_date FROM clocks c),
          keyed AS (SELECT x.*, CASE WHEN x.weekly THEN ${key(sql`x.due_date`)} ELSE 2 * (${idx(sql`x.from_date`)} + x.every) END AS due_key FROM dated x),
          firsts AS (
            -- A child's first due visit across their plans; the same day, the more intensive plan.
            SELECT DISTINCT ON (id) id, due_key, due_date, weekly FROM keyed
            ORDER BY id, due_key, CASE WHEN due_key % 2 = 1 THEN due_date END, intensity),
          due AS (
            SELECT f.id, f.due_key, f.due_date, k.name, k.worker_id, k.last_seen,
                   CASE WHEN (f.weekly AND now.today > f.due_date) OR (NOT f.weekly AND ${key(sql`now.today`)} > f.due_key) THEN 'overdue'
                        WHEN (f.weekly AND f.due_date - now.today <= ${DUE_SOON_DAYS}) OR (NOT f.weekly AND f.due_key / 2 - ${idx(sql`now.today`)} <= ${DUE_SOON_WORKING_DAYS}) THEN 'due-soon'
                        ELSE 'due' END AS status
            FROM firsts f JOIN kids k ON k.id = f.id CROSS JOIN (SELECT today FROM q) now),
          listed AS (
            SELECT d.*, row_number() OVER (ORDER BY d.due_key, CASE WHEN d.due_key % 2 = 1 THEN d.due_date END, d.name, d.id) AS n
            FROM due d WHERE true ${attention} ${worker}),
          total AS (SELECT count(*) AS total, greatest(least(${(Math.max(1, opts.page) - 1) * size}, (count(*) - 1) / ${size} * ${size}), 0) AS page_start FROM listed),
          page AS (SELECT l.* FROM listed l CROSS JOIN total t WHERE l.n > t.page_start AND l.n <= t.page_start + ${size})
      SELECT t.total, t.page_start,
             (SELECT json_agg(json_build_object('id', p.id, 'name', page.name, 'dateOfBirth', p.date_of_birth::text, 'restricted', p.restricted,
                                                'workerId', page.worker_id, 'workerName', w.name, 'lastSeenOn', page.last_seen::text,
                                                'status', page.status,
                                                'episodes', (SELECT json_agg(json_build_object('type', e.type, 'startDate', e.start_date::text) ORDER BY e.start_date, e.id)
                                                             FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL AND e.type IN (${types})))
                              ORDER BY page.n)
                FROM page JOIN people p ON p.id = page.id LEFT JOIN users w ON w.id = page.worker_id) AS page_rows,
             (SELECT json_agg(json_build_object('workerId', g.worker_id, 'workerName', w.name, 'status', g.status, 'n', g.n))
                FROM (SELECT worker_id, status, count(*) AS n FROM due GROUP BY worker_id, status) g LEFT JOIN users w ON w.id = g.worker_id) AS counts
      FROM total t`,
    );
    const r = found[0];
    if (!r) return empty;
    const total = toNumber(r.total);
    const groups = parseJson<{ workerId: string | null; workerName: string | null; status: VisitStatus; n: unknown }[]>(r.counts, []);
    const byWorker = new Map<string, WorkerCounts>();
    const counts: StatusCounts = { overdue: 0, dueSoon: 0, notYet: 0 };
    for (const g of groups) {
      const field = g.status === 'overdue' ? 'overdue' : g.status === 'due-soon' ? 'dueSoon' : 'notYet';
      const entry = byWorker.get(g.workerId ?? '') ?? { workerId: g.workerId, workerName: g.workerName, overdue: 0, dueSoon: 0, notYet: 0 };
      entry[field] += toNumber(g.n);
      counts[field] += toNumber(g.n);
      byWorker.set(g.workerId ?? '', entry);
    }
    return {
      rows: parseJson<DueListRow[]>(r.page_rows, []),
      total,
      page: Math.floor(toNumber(r.page_start) / size) + 1,
      pages: Math.max(1, Math.ceil(total / size)),
      counts,
      byWorker: [...byWorker.values()].sort((a, b) => (a.workerId === null ? 1 : b.workerId === null ? -1 : (a.workerName ?? '').localeCompare(b.workerName ?? '', 'en-GB'))),
    };
  }

  return {
    /** The children allocated to this worker now, every status. */
    forWorker: (actor: Actor, opts: DueListOptions) => list(actor, { workerId: actor.id }, opts),
    /** The children of a team now, with or without a worker (`attentionOnly` for the manager's list). */
    forTeam: (actor: Actor, teamId: string, opts: DueListOptions) => list(actor, { teamId }, opts),
  };
}
