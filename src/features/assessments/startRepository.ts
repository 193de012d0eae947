import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';

/** What starting an assessment reads about the child, their referrals and their household. One query each. */
export type StartChild = {
  id: string;
  kind: 'child' | 'adult';
  name: string;
  firstName: string;
  dateOfBirth: string | null;
  expectedDeliveryDate: string | null;
  teamId: string | null;
  workerId: string | null;
  openAssessmentId: string | null;
  /** The kind of that open assessment: an open early help assessment can be stepped up (carried into a statutory one). */
  openAssessmentVariant: string | null;
};

export type OpenReferral = { id: string; contactId: string | null; episodeId: string | null; referralDate: string; sourceCode: string; hasAuthorisedAssessment: boolean };

export type EarlyHelpAssessment = { id: string; startedOn: string; status: string; content: Record<string, unknown> };

export type HouseholdChild = StartChild;

type ChildRow = {
  id: string;
  kind: 'child' | 'adult';
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  expected_delivery_date: string | null;
  current_team_id: string | null;
  current_worker_id: string | null;
  open_assessment_id: string | null;
  open_assessment_variant: string | null;
};

const childColumns = sql`p.id, p.kind, p.first_name, p.last_name, p.date_of_birth::text AS date_of_birth,
  p.expected_delivery_date::text AS expected_delivery_date, p.current_team_id, p.current_worker_id,
  oa.id AS open_assessment_id, oa.variant AS open_assessment_variant`;

/** The child's open assessment (at most one: a unique index, migration 016). */
const openAssessment = sql`LEFT JOIN LATERAL (
  SELECT a.id, a.variant FROM assessments a WHERE a.child_id = p.id AND a.status IN ('in-progress', 'awaiting-authorisation') ORDER BY a.started_on DESC LIMIT 1) oa ON true`;

const toChild = (r: ChildRow): StartChild => ({
  id: r.id,
  kind: r.kind,
  name: `${r.first_name} ${r.last_name}`,
  firstName: r.first_name,
  dateOfBirth: r.date_of_birth,
  expectedDeliveryDate: r.expected_delivery_date,
  teamId: r.current_team_id,
  workerId: r.current_worker_id,
  openAssessmentId: r.open_assessment_id,
  openAssessmentVariant: r.open_assessment_variant,
});

/** An open assessment stops another starting, except an early help one, which is stepped up by carrying it in. */
export function blocksNewAssessment(child: Pick<StartChild, 'openAssessmentId' | 'openAssessmentVariant'>): boolean {
  return !!child.openAssessmentId && child.openAssessmentVariant !== 'early-help';
}

export function startRepository(db: Db) {
  return {
    async child(childId: string): Promise<StartChild | null> {
      const found = await rows<ChildRow>(db, sql`SELECT ${childColumns} FROM people p ${openAssessment} WHERE p.id = ${childId}`);
      return found[0] ? toChild(found[0]) : null;
    },

    /** Referrals of this child whose involvement is still open (or never opened one), newest first. */
    async openReferrals(childId: string): Promise<OpenReferral[]> {
      const found = await rows<{ id: string; contact_id: string | null; episode_id: string | null; referral_date: string; source_code: string; authorised: boolean }>(
        db,
        sql`SELECT r.id, r.contact_id, r.episode_id, r.referral_date::text AS referral_date, r.source_code,
                   EXISTS (SELECT 1 FROM assessments a WHERE a.referral_id = r.id AND a.child_id = r.person_id AND a.status = 'authorised') AS authorised
            FROM referrals r LEFT JOIN episodes e ON e.id = r.episode_id
            WHERE r.person_id = ${childId} AND (r.episode_id IS NULL OR e.end_date IS NULL)
            ORDER BY r.referral_date DESC, r.created_at DESC
            LIMIT 20`,
      );
      return found.map((r) => ({ id: r.id, contactId: r.contact_id, episodeId: r.episode_id, referralDate: r.referral_date, sourceCode: r.source_code, hasAuthorisedAssessment: r.authorised }));
    },

    /** This child's early help assessments, newest first: their content can be carried into a new assessment. */
    async earlyHelpAssessments(childId: string): Promise<EarlyHelpAssessment[]> {
      const found = await rows<{ id: string; started_on: string; status: string; content: Record<string, unknown> }>(
        db,
        sql`SELECT a.id, a.started_on::text AS started_on, a.status, a.content FROM assessments a
            WHERE a.child_id = ${childId} AND a.variant = 'early-help'
            ORDER BY a.started_on DESC, a.created_at DESC LIMIT 10`,
      );
      return found.map((r) => ({ id: r.id, startedOn: r.started_on, status: r.status, content: r.content ?? {} }));
    },

    /**
     * The other children living with this child today (members of a household the child is in now),
     * only those this user may see. Siblings under 18 or unborn.
     */
    async householdChildren(actor: Actor, childId: string, today: string): Promise<HouseholdChild[]> {
      const found = await rows<ChildRow>(
        db,
        sql`SELECT DISTINCT ${childColumns}
            FROM household_members mine
            JOIN household_members hm ON hm.household_id = mine.household_id
            JOIN people p ON p.id = hm.person_id
            ${openAssessment}
            WHERE mine.person_id = ${childId}
              AND (mine.from_date IS NULL OR mine.from_date <= ${today}) AND (mine.to_date IS NULL OR mine.to_date > ${today})
              AND (hm.from_date IS NULL OR hm.from_date <= ${today}) AND (hm.to_date IS NULL OR hm.to_date > ${today})
              AND hm.person_id <> ${childId} AND p.kind = 'child' AND p.date_of_death IS NULL
              AND (p.date_of_birth IS NULL OR p.date_of_birth > (${today}::date - interval '18 years'))
              AND ${peopleScope(actor, 'p')}
            ORDER BY date_of_birth NULLS LAST, first_name
            LIMIT 20`,
      );
      return found.map(toChild);
    },

    /** For each of these children, their early help assessment in progress (at most one a child: the database keeps one open assessment each), to carry in and step up. */
    async earlyHelpToCarry(childIds: string[]): Promise<{ childId: string; id: string }[]> {
      if (childIds.length === 0) return [];
      const found = await rows<{ id: string; child_id: string }>(
        db,
        sql`SELECT a.id, a.child_id FROM assessments a
            WHERE a.child_id IN (${sql.join(childIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND a.variant = 'early-help'
              AND a.status IN ('in-progress', 'awaiting-authorisation')`,
      );
      return found.map((r) => ({ childId: r.child_id, id: r.id }));
    },

    /** Referrals of these children made by the same contact (one contact about several children makes one referral each). */
    async siblingReferrals(contactId: string, childIds: string[]): Promise<Map<string, { id: string; episodeId: string | null }>> {
      if (childIds.length === 0) return new Map();
      const found = await rows<{ id: string; person_id: string; episode_id: string | null }>(
        db,
        sql`SELECT r.id, r.person_id, r.episode_id FROM referrals r
            WHERE r.contact_id = ${contactId} AND r.person_id IN (${sql.join(childIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
      );
      return new Map(found.map((r) => [r.person_id, { id: r.id, episodeId: r.episode_id }]));
    },
  };
}
