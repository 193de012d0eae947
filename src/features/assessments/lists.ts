import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { LIVE_STATUSES } from './living/reviewPrompts';
import type { AssessmentStatus, AssessmentVariant } from './tables';

/** One assessment on "My assessments" or the team's open assessments. */
export type ListedOpen = {
  id: string;
  childId: string;
  name: string;
  variant: AssessmentVariant;
  status: AssessmentStatus;
  referralDate: string;
  dueOn: string;
  workerName: string | null;
  hasLateReason: boolean;
  openPrompts: number;
  checkpointWaiting: number | null;
};

export type ListedCheckpoint = { id: string; childId: string; name: string; workerName: string | null; day: number; dueOn: string; assessmentDueOn: string };
export type ListedReview = { id: string; childId: string; name: string; workerName: string | null; variant: AssessmentVariant; authorisedOn: string | null; reviewDueOn: string | null; openPrompts: number };

export const LIST_LIMIT = 500;

/** The groups of the team's open assessments, in the order the page shows them. */
export const OPEN_GROUPS = ['awaiting', 'late', 'due-soon', 'on-track'] as const;
/** The team's open assessments, each group a page at a time: a front door team holds hundreds. */
export const TEAM_GROUP_PAGE_SIZE = 50;
export type OpenGroup = (typeof OPEN_GROUPS)[number];
/** Each group's assessments shown (at most the limit) and how many the team has in it; `count` is every open one. */
export type TeamOpen = { groups: Record<OpenGroup, { list: ListedOpen[]; total: number }>; count: number };

type OpenRow = {
  id: string;
  child_id: string;
  name: string;
  variant: AssessmentVariant;
  status: AssessmentStatus;
  referral_date: string;
  due_on: string;
  worker_name: string | null;
  has_late_reason: boolean;
  open_prompts: unknown;
  checkpoint_waiting: unknown;
};

const toOpen = (r: OpenRow): ListedOpen => ({
  id: r.id,
  childId: r.child_id,
  name: r.name,
  variant: r.variant,
  status: r.status,
  referralDate: r.referral_date,
  dueOn: r.due_on,
  workerName: r.worker_name,
  hasLateReason: r.has_late_reason,
  openPrompts: toNumber(r.open_prompts),
  checkpointWaiting: r.checkpoint_waiting === null ? null : toNumber(r.checkpoint_waiting),
});

/** An undecided checkpoint due by `horizon`, unless an earlier checkpoint decided to close. */
const waitingCheckpoint = (horizon: string) => sql`c.decision IS NULL AND c.due_on <= ${horizon}
  AND NOT EXISTS (SELECT 1 FROM assessment_checkpoints e WHERE e.assessment_id = c.assessment_id AND e.day < c.day AND e.decision = 'close')`;

const openColumns = (horizon: string) => sql`a.id, a.child_id, concat_ws(' ', p.first_name, p.last_name) AS name, a.variant, a.status,
  a.referral_date::text AS referral_date, a.due_on::text AS due_on, w.name AS worker_name,
  coalesce(btrim(a.late_reason), '') <> '' AS has_late_reason,
  (SELECT count(*) FROM assessment_review_prompts rp WHERE rp.assessment_id = a.id AND rp.resolved_at IS NULL) AS open_prompts,
  (SELECT min(c.day) FROM assessment_checkpoints c WHERE c.assessment_id = a.id AND ${waitingCheckpoint(horizon)}) AS checkpoint_waiting`;

/**
 * The live assessment of child p (the newest open or authorised: a closed one, stepped up or closed at
 * a checkpoint, is passed over), for the annual review and "review this assessment" prompts: the one
 * raiseReviewPrompts puts a prompt on.
 */
const latest = sql`JOIN LATERAL (SELECT a.id, a.variant, a.status, a.authorised_on, a.review_due_on FROM assessments a
  WHERE a.child_id = p.id AND a.status IN (${sql.join(LIVE_STATUSES.map((s) => sql`${s}`), sql`, `)})
  ORDER BY a.started_on DESC, a.created_at DESC LIMIT 1) a ON true`;

type ReviewRow = { id: string; child_id: string; name: string; worker_name: string | null; variant: AssessmentVariant; authorised_on: string | null; review_due_on: string | null; open_prompts: unknown };

const reviewColumns = sql`a.id, p.id AS child_id, concat_ws(' ', p.first_name, p.last_name) AS name, w.name AS worker_name, a.variant,
  a.authorised_on::text AS authorised_on, a.review_due_on::text AS review_due_on,
  (SELECT count(*) FROM assessment_review_prompts rp WHERE rp.assessment_id = a.id AND rp.resolved_at IS NULL) AS open_prompts`;

const toReview = (r: ReviewRow): ListedReview => ({
  id: r.id,
  childId: r.child_id,
  name: r.name,
  workerName: r.worker_name,
  variant: r.variant,
  authorisedOn: r.authorised_on,
  reviewDueOn: r.review_due_on,
  openPrompts: toNumber(r.open_prompts),
});

/** An open assessment: in progress, or with the manager (the predicate of the partial indexes of migration 020). */
const isOpen = sql`a.status IN ('in-progress', 'awaiting-authorisation')`;

/**
 * The worker's and the manager's lists (A2, A10). Each is a fixed number of queries on the partial
 * indexes of open assessments (assessments_worker_open_only_idx, assessments_team_open_only_idx) or
 * on the people of a caseload or team, whatever the count; every list is scoped by peopleScope.
 */
export function assessmentListsRepository(db: Db) {
  return {
    /** Open assessments this worker holds, most urgent first: at most `limit`, and how many there are. */
    async mine(actor: Actor, horizon: string, limit = LIST_LIMIT): Promise<{ list: ListedOpen[]; total: number }> {
      const found = await rows<OpenRow & { total: unknown }>(
        db,
        sql`SELECT ${openColumns(horizon)}, count(*) OVER () AS total
            FROM assessments a JOIN people p ON p.id = a.child_id LEFT JOIN users w ON w.id = a.worker_id
            WHERE a.worker_id = ${actor.id} AND ${isOpen} AND ${peopleScope(actor, 'p')}
            ORDER BY a.due_on, a.id LIMIT ${limit}`,
      );
      return { list: found.map(toOpen), total: toNumber(found[0]?.total) };
    },

    /** Authorised assessments of the children this worker holds that need reviewing: open prompts, or the annual review near. */
    async mineToReview(actor: Actor, reviewHorizon: string): Promise<ListedReview[]> {
      const found = await rows<ReviewRow>(
        db,
        sql`SELECT ${reviewColumns}
            FROM people p ${latest} LEFT JOIN users w ON w.id = p.current_worker_id
            WHERE p.current_worker_id = ${actor.id} AND a.status = 'authorised' AND ${peopleScope(actor, 'p')}
              AND (a.review_due_on <= ${reviewHorizon}
                   OR EXISTS (SELECT 1 FROM assessment_review_prompts rp WHERE rp.assessment_id = a.id AND rp.resolved_at IS NULL))
            ORDER BY a.review_due_on NULLS LAST, a.id LIMIT ${LIST_LIMIT}`,
      );
      return found.map(toReview);
    },

    /**
     * Every open assessment of the team (A2), in its group: waiting for the manager's authorisation,
     * then the rest by their timescale (late: past the due date; due soon: due before `dueSoonEnd`;
     * on track), each group by due date. Each group is counted over the whole team, and lists one page
     * of `size` (the page asked for in `pages`, the first by default): one query, whatever the number. The groups follow timescaleStatus:
     * due soon is "at most N working days left", which is "due before the (N + 1)th working day".
     */
    async teamOpen(actor: Actor, teamId: string, days: { today: string; horizon: string; dueSoonEnd: string }, pages: Partial<Record<OpenGroup, number>> = {}, size = TEAM_GROUP_PAGE_SIZE): Promise<TeamOpen> {
      // Each group's page (kept between its first and its last, as the totals are known only here): the rows after `offset`.
      const asked = sql`CASE r.grp ${sql.join(OPEN_GROUPS.map((g) => sql`WHEN ${g} THEN ${Math.max(1, Math.floor(pages[g] ?? 1))}::bigint`), sql` `)} END`;
      const offset = sql`least((${asked} - 1) * ${size}, greatest((r.total - 1) / ${size}, 0) * ${size})`;
      const found = await rows<OpenRow & { grp: OpenGroup; total: unknown }>(
        db,
        sql`WITH grouped AS (
              SELECT a.id, a.due_on,
                     CASE WHEN a.status = 'awaiting-authorisation' THEN 'awaiting'
                          WHEN a.due_on < ${days.today}::date THEN 'late'
                          WHEN a.due_on < ${days.dueSoonEnd}::date THEN 'due-soon'
                          ELSE 'on-track' END AS grp
              FROM assessments a JOIN people p ON p.id = a.child_id
              WHERE a.team_id = ${teamId} AND ${isOpen} AND ${peopleScope(actor, 'p')}
            ), ranked AS (
              SELECT g.id, g.grp, row_number() OVER (PARTITION BY g.grp ORDER BY g.due_on, g.id) AS n, count(*) OVER (PARTITION BY g.grp) AS total
              FROM grouped g
            )
            SELECT ${openColumns(days.horizon)}, r.grp, r.total
            FROM ranked r JOIN assessments a ON a.id = r.id JOIN people p ON p.id = a.child_id LEFT JOIN users w ON w.id = a.worker_id
            WHERE r.n > ${offset} AND r.n <= ${offset} + ${size}
            ORDER BY a.due_on, a.id`,
      );
      const groups = Object.fromEntries(OPEN_GROUPS.map((g) => [g, { list: [] as ListedOpen[], total: 0 }])) as TeamOpen['groups'];
      for (const r of found) {
        const group = groups[r.grp];
        group.list.push(toOpen(r));
        group.total = toNumber(r.total);
      }
      return { groups, count: OPEN_GROUPS.reduce((n, g) => n + groups[g].total, 0) };
    },

    /** Checkpoints of the team's open assessments waiting for the manager's decision, oldest first: at most LIST_LIMIT, and how many there are. */
    async teamCheckpoints(actor: Actor, teamId: string, horizon: string): Promise<{ list: ListedCheckpoint[]; total: number }> {
      const found = await rows<{ id: string; child_id: string; name: string; worker_name: string | null; day: unknown; due_on: string; assessment_due_on: string; total: unknown }>(
        db,
        sql`SELECT a.id, a.child_id, concat_ws(' ', p.first_name, p.last_name) AS name, w.name AS worker_name, c.day, c.due_on::text AS due_on,
                   a.due_on::text AS assessment_due_on, count(*) OVER () AS total
            FROM assessments a
            JOIN assessment_checkpoints c ON c.assessment_id = a.id
            JOIN people p ON p.id = a.child_id LEFT JOIN users w ON w.id = a.worker_id
            WHERE a.team_id = ${teamId} AND ${isOpen} AND ${waitingCheckpoint(horizon)} AND ${peopleScope(actor, 'p')}
            ORDER BY c.due_on, a.id, c.day LIMIT ${LIST_LIMIT}`,
      );
      return {
        list: found.map((r) => ({ id: r.id, childId: r.child_id, name: r.name, workerName: r.worker_name, day: toNumber(r.day), dueOn: r.due_on, assessmentDueOn: r.assessment_due_on })),
        total: toNumber(found[0]?.total),
      };
    },

    /** Children of the team whose newest assessment is authorised and whose annual review is due by `reviewHorizon` (or overdue): at most LIST_LIMIT, and how many there are. */
    async teamReviews(actor: Actor, teamId: string, reviewHorizon: string): Promise<{ list: ListedReview[]; total: number }> {
      const found = await rows<ReviewRow & { total: unknown }>(
        db,
        sql`SELECT ${reviewColumns}, count(*) OVER () AS total
            FROM people p ${latest} LEFT JOIN users w ON w.id = p.current_worker_id
            WHERE p.current_team_id = ${teamId} AND a.status = 'authorised' AND a.review_due_on <= ${reviewHorizon} AND ${peopleScope(actor, 'p')}
            ORDER BY a.review_due_on, a.id LIMIT ${LIST_LIMIT}`,
      );
      return { list: found.map(toReview), total: toNumber(found[0]?.total) };
    },
  };
}
