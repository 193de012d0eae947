/**
 * The reads the assessment section pages need besides the assessment itself: the child's identity
 * fields (to prefill A6), the family around the child (to prefill the people whose views are
 * sought and to link statements to a person), and the other children of the household with their
 * latest assessment (A5: each child assessed individually). Each is one query whatever the family size.
 */
import { inArray, sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../../platform/access';
import { rows, type Db } from '../../../platform/db';
import { users } from '../../../platform/tables';

export type ChildDetails = {
  kind: 'child' | 'adult';
  ethnicity: string | null;
  religion: string | null;
  first_language: string | null;
  interpreter_needed: boolean;
  disabilities: string[];
};

export type FamilyMemberRow = {
  id: string;
  kind: 'child' | 'adult';
  first_name: string;
  last_name: string;
  known_as: string | null;
  sex: 'M' | 'F' | 'U' | null;
  date_of_birth: string | null;
  types: string | null;
  lives_with_child: boolean;
  visible: boolean;
  assessment_id: string | null;
  assessment_status: string | null;
  assessment_started_on: string | null;
};

export function sectionsRepository(db: Db) {
  return {
    async childDetails(personId: string): Promise<ChildDetails | null> {
      const found = await rows<ChildDetails>(
        db,
        sql`SELECT kind, ethnicity, religion, first_language, interpreter_needed, disabilities FROM people WHERE id = ${personId}`,
      );
      return found[0] ?? null;
    },

    /**
     * Everyone with a current relationship to the child or living with them now, each with how they
     * are related (from the child's side), whether they live with the child, whether this user may
     * see them, and for children their latest assessment.
     */
    async family(actor: Actor, childId: string, today: string): Promise<FamilyMemberRow[]> {
      return rows<FamilyMemberRow>(
        db,
        sql`WITH homes AS (
              SELECT household_id FROM household_members
              WHERE person_id = ${childId} AND (from_date IS NULL OR from_date <= ${today}) AND (to_date IS NULL OR to_date > ${today})),
            housemates AS (
              SELECT DISTINCT m.person_id FROM household_members m JOIN homes h ON h.household_id = m.household_id
              WHERE m.person_id <> ${childId} AND (m.from_date IS NULL OR m.from_date <= ${today}) AND (m.to_date IS NULL OR m.to_date > ${today})),
            rels AS (
              SELECT related_person_id AS person_id, string_agg(type, ',' ORDER BY type) AS types FROM relationships
              WHERE person_id = ${childId} AND (to_date IS NULL OR to_date > ${today})
              GROUP BY related_person_id)
            SELECT p.id, p.kind, p.first_name, p.last_name, p.known_as, p.sex, p.date_of_birth::text AS date_of_birth,
                   r.types, (hm.person_id IS NOT NULL) AS lives_with_child, ${peopleScope(actor, 'p')} AS visible,
                   la.id AS assessment_id, la.status AS assessment_status, la.started_on::text AS assessment_started_on
            FROM people p
            LEFT JOIN rels r ON r.person_id = p.id
            LEFT JOIN housemates hm ON hm.person_id = p.id
            LEFT JOIN LATERAL (
              SELECT a.id, a.status, a.started_on FROM assessments a
              WHERE a.child_id = p.id AND p.kind = 'child' ORDER BY a.started_on DESC, a.created_at DESC LIMIT 1) la ON true
            WHERE p.id IN (SELECT person_id FROM rels UNION SELECT person_id FROM housemates) AND p.merged_into IS NULL
            ORDER BY p.kind, p.date_of_birth NULLS LAST, p.last_name, p.first_name
            LIMIT 200`,
      );
    },

    /**
     * Who may agree with the decision as the worker (A8, domain/decisionAgreement.ts): the worker who
     * holds the assessment and the child's allocated worker now, when they differ (one query).
     */
    async agreeingWorkers(assessmentId: string): Promise<{ id: string; name: string }[]> {
      const found = await rows<{ id: string; name: string }>(
        db,
        sql`SELECT u.id, u.name FROM assessments a JOIN people p ON p.id = a.child_id
              JOIN users u ON u.id = a.worker_id OR u.id = p.current_worker_id
            WHERE a.id = ${assessmentId}
            ORDER BY (u.id = a.worker_id) DESC, u.name`,
      );
      return found;
    },

    async userNames(ids: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)].filter(Boolean);
      if (unique.length === 0) return new Map();
      const found = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
      return new Map(found.map((u) => [u.id, u.name]));
    },
  };
}

export type SectionsRepository = ReturnType<typeof sectionsRepository>;
