import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { describeMovedDates } from './reschedule';
import type { AssessmentStatus, AssessmentVariant, CheckpointCloseOutcome, ClosedReason } from './tables';

export type AssessmentDetails = {
  id: string;
  childId: string;
  /** The assessment's team and the child's team now: who decides on it (decider.ts). */
  teamId: string | null;
  childTeamId: string | null;
  variant: AssessmentVariant;
  status: AssessmentStatus;
  referralId: string | null;
  referralDate: string;
  startedOn: string;
  dueOn: string;
  authorisedOn: string | null;
  authorisedByName: string | null;
  reviewDueOn: string | null;
  lateReason: string | null;
  content: Record<string, unknown>;
  version: number;
  revision: number;
  workerName: string | null;
  teamName: string | null;
  referralSource: string | null;
  carriedFromId: string | null;
  carriedFromStartedOn: string | null;
  /** The revision the manager authorised (or confirmed at the last annual review). */
  authorisedRevision: number | null;
  /** Closed without authorisation: an early help assessment stepped up into `closedIntoId`, or closed by the manager at a checkpoint. */
  closedOn: string | null;
  closedIntoId: string | null;
  closedReason: ClosedReason | null;
  closedByName: string | null;
  closedOutcome: CheckpointCloseOutcome | null;
  closedAtDay: number | null;
};

export type CheckpointRow = { day: number; dueOn: string; decision: string | null; reasons: string | null; decidedByName: string | null; decidedAt: Date | null };
export type PromptRow = { id: string; reason: string; raisedAt: Date };
/** One move of the assessment's dates, in words, and when it was made. */
export type DateMoveRow = { summary: string; movedAt: Date };
/** One wording of the reasons an assessment is late, with who recorded it and when. */
export type LateReasonRow = { reasons: string; recordedByName: string | null; recordedAt: Date };
export type SiblingAssessment = { childId: string; name: string; assessmentId: string | null; status: string | null; dueOn: string | null };
export type ListedAssessment = {
  id: string;
  variant: AssessmentVariant;
  status: AssessmentStatus;
  referralDate: string;
  startedOn: string;
  dueOn: string;
  authorisedOn: string | null;
  closedOn: string | null;
  closedReason: ClosedReason | null;
  workerName: string | null;
  openPrompts: number;
};

/** The reads behind an assessment's pages. Each is one query, whatever the assessment holds. */
export function overviewRepository(db: Db) {
  return {
    async details(childId: string, assessmentId: string): Promise<AssessmentDetails | null> {
      const found = await rows<Record<string, unknown>>(
        db,
        sql`SELECT a.id, a.child_id, a.variant, a.status, a.referral_id, a.referral_date::text AS referral_date, a.started_on::text AS started_on,
                   a.due_on::text AS due_on, a.authorised_on::text AS authorised_on, ab.name AS authorised_by_name, a.review_due_on::text AS review_due_on,
                   a.late_reason, a.content, a.version, a.revision, w.name AS worker_name, t.name AS team_name, r.source_code AS referral_source,
                   a.carried_from_id, cf.started_on::text AS carried_from_started_on, a.authorised_revision, a.closed_on::text AS closed_on, a.closed_into_id,
                   a.closed_reason, cb.name AS closed_by_name, a.closed_outcome, a.closed_at_day, a.team_id, child.current_team_id AS child_team_id
            FROM assessments a
            JOIN people child ON child.id = a.child_id
            LEFT JOIN users w ON w.id = a.worker_id
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN users ab ON ab.id = a.authorised_by
            LEFT JOIN users cb ON cb.id = a.closed_by
            LEFT JOIN referrals r ON r.id = a.referral_id
            LEFT JOIN assessments cf ON cf.id = a.carried_from_id
            WHERE a.id = ${assessmentId} AND a.child_id = ${childId}`,
      );
      const r = found[0];
      if (!r) return null;
      return {
        id: r.id as string,
        childId: r.child_id as string,
        teamId: (r.team_id as string | null) ?? null,
        childTeamId: (r.child_team_id as string | null) ?? null,
        variant: r.variant as AssessmentVariant,
        status: r.status as AssessmentStatus,
        referralId: (r.referral_id as string | null) ?? null,
        referralDate: r.referral_date as string,
        startedOn: r.started_on as string,
        dueOn: r.due_on as string,
        authorisedOn: (r.authorised_on as string | null) ?? null,
        authorisedByName: (r.authorised_by_name as string | null) ?? null,
        reviewDueOn: (r.review_due_on as string | null) ?? null,
        lateReason: (r.late_reason as string | null) ?? null,
        content: (r.content as Record<string, unknown> | null) ?? {},
        version: toNumber(r.version),
        revision: toNumber(r.revision),
        workerName: (r.worker_name as string | null) ?? null,
        teamName: (r.team_name as string | null) ?? null,
        referralSource: (r.referral_source as string | null) ?? null,
        carriedFromId: (r.carried_from_id as string | null) ?? null,
        carriedFromStartedOn: (r.carried_from_started_on as string | null) ?? null,
        authorisedRevision: r.authorised_revision === null || r.authorised_revision === undefined ? null : toNumber(r.authorised_revision),
        closedOn: (r.closed_on as string | null) ?? null,
        closedIntoId: (r.closed_into_id as string | null) ?? null,
        closedReason: (r.closed_reason as ClosedReason | null) ?? null,
        closedByName: (r.closed_by_name as string | null) ?? null,
        closedOutcome: (r.closed_outcome as CheckpointCloseOutcome | null) ?? null,
        closedAtDay: r.closed_at_day === null || r.closed_at_day === undefined ? null : toNumber(r.closed_at_day),
      };
    },

    async checkpoints(assessmentId: string): Promise<CheckpointRow[]> {
      const found = await rows<{ day: unknown; due_on: string; decision: string | null; reasons: string | null; decided_by_name: string | null; decided_at: Date | string | null }>(
        db,
        sql`SELECT c.day, c.due_on::text AS due_on, c.decision, c.reasons, u.name AS decided_by_name, c.decided_at
            FROM assessment_checkpoints c LEFT JOIN users u ON u.id = c.decided_by
            WHERE c.assessment_id = ${assessmentId} ORDER BY c.day`,
      );
      return found.map((c) => ({
        day: toNumber(c.day),
        dueOn: c.due_on,
        decision: c.decision,
        reasons: c.reasons,
        decidedByName: c.decided_by_name,
        decidedAt: c.decided_at === null ? null : new Date(c.decided_at),
      }));
    },

    /** Each wording of the reasons the assessment is late, newest (the reasons now) first. */
    async lateReasons(assessmentId: string): Promise<LateReasonRow[]> {
      const found = await rows<{ reasons: string; recorded_by_name: string | null; recorded_at: Date | string }>(
        db,
        sql`SELECT l.reasons, u.name AS recorded_by_name, l.recorded_at
            FROM assessment_late_reasons l LEFT JOIN users u ON u.id = l.recorded_by
            WHERE l.assessment_id = ${assessmentId} ORDER BY l.recorded_at DESC, l.id LIMIT 50`,
      );
      return found.map((l) => ({ reasons: l.reasons, recordedByName: l.recorded_by_name, recordedAt: new Date(l.recorded_at) }));
    },

    /**
     * Why the assessment's dates moved after it started (a new expected delivery date, a change of the
     * closure days), newest first, in words: the audit rows reschedule.ts wrote for it, found by their
     * own small index (migration 033).
     */
    async dateMoves(assessmentId: string): Promise<DateMoveRow[]> {
      const found = await rows<{ details: Record<string, unknown>; at: Date | string }>(
        db,
        sql`SELECT details, at FROM audit_log
            WHERE action = 'assessment-dates-moved' AND subject_id = ${assessmentId}
            ORDER BY seq DESC LIMIT 10`,
      );
      return found.map((m) => ({ summary: describeMovedDates(m.details), movedAt: new Date(m.at) }));
    },

    async openPrompts(assessmentId: string): Promise<PromptRow[]> {
      const found = await rows<{ id: string; reason: string; raised_at: Date | string }>(
        db,
        sql`SELECT id, reason, raised_at FROM assessment_review_prompts WHERE assessment_id = ${assessmentId} AND resolved_at IS NULL ORDER BY raised_at DESC LIMIT 20`,
      );
      return found.map((p) => ({ id: p.id, reason: p.reason, raisedAt: new Date(p.raised_at) }));
    },

    /** The other children living with this child today that this user may see, each with their newest assessment. */
    async siblings(actor: Actor, childId: string, today: string): Promise<SiblingAssessment[]> {
      const found = await rows<{ id: string; name: string; assessment_id: string | null; status: string | null; due_on: string | null }>(
        db,
        sql`SELECT DISTINCT p.id, concat_ws(' ', p.first_name, p.last_name) AS name, latest.id AS assessment_id, latest.status, latest.due_on::text AS due_on
            FROM household_members mine
            JOIN household_members hm ON hm.household_id = mine.household_id
            JOIN people p ON p.id = hm.person_id
            LEFT JOIN LATERAL (SELECT a.id, a.status, a.due_on FROM assessments a WHERE a.child_id = p.id ORDER BY a.started_on DESC, a.created_at DESC LIMIT 1) latest ON true
            WHERE mine.person_id = ${childId}
              AND (mine.from_date IS NULL OR mine.from_date <= ${today}) AND (mine.to_date IS NULL OR mine.to_date > ${today})
              AND (hm.from_date IS NULL OR hm.from_date <= ${today}) AND (hm.to_date IS NULL OR hm.to_date > ${today})
              AND hm.person_id <> ${childId} AND p.kind = 'child' AND ${peopleScope(actor, 'p')}
            ORDER BY name LIMIT 20`,
      );
      return found.map((s) => ({ childId: s.id, name: s.name, assessmentId: s.assessment_id, status: s.status, dueOn: s.due_on }));
    },

    /** A child's assessments, newest first (a child has a handful; capped all the same). */
    async forChild(childId: string): Promise<ListedAssessment[]> {
      const found = await rows<{
        id: string;
        variant: AssessmentVariant;
        status: AssessmentStatus;
        referral_date: string;
        started_on: string;
        due_on: string;
        authorised_on: string | null;
        closed_on: string | null;
        closed_reason: ClosedReason | null;
        worker_name: string | null;
        open_prompts: unknown;
      }>(
        db,
        sql`SELECT a.id, a.variant, a.status, a.referral_date::text AS referral_date, a.started_on::text AS started_on, a.due_on::text AS due_on,
                   a.authorised_on::text AS authorised_on, a.closed_on::text AS closed_on, a.closed_reason, w.name AS worker_name,
                   (SELECT count(*) FROM assessment_review_prompts rp WHERE rp.assessment_id = a.id AND rp.resolved_at IS NULL) AS open_prompts
            FROM assessments a LEFT JOIN users w ON w.id = a.worker_id
            WHERE a.child_id = ${childId}
            ORDER BY a.started_on DESC, a.created_at DESC LIMIT 100`,
      );
      return found.map((a) => ({
        id: a.id,
        variant: a.variant,
        status: a.status,
        referralDate: a.referral_date,
        startedOn: a.started_on,
        dueOn: a.due_on,
        authorisedOn: a.authorised_on,
        closedOn: a.closed_on,
        closedReason: a.closed_reason,
        workerName: a.worker_name,
        openPrompts: toNumber(a.open_prompts),
      }));
    },
  };
}
