/**
 * SQL for relationships and households. Every read that returns people carries `visible`, worked
 * out by the access module's scope, so the service can show a person the user may not see as
 * "a person you do not have access to". Each read is one query whatever the family size.
 */
import { sql, type SQL } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';
import { householdMembers, households, relationships } from '../people/tables';

export type PersonRow = {
  id: string;
  kind: 'child' | 'adult';
  first_name: string;
  middle_names: string | null;
  last_name: string;
  known_as: string | null;
  sex: 'M' | 'F' | 'U' | null;
  date_of_birth: string | null;
  expected_delivery_date: string | null;
  date_of_death: string | null;
  visible: boolean;
};

export type MembershipRow = PersonRow & {
  household_id: string;
  household_name: string;
  member_id: string;
  from_date: string | null;
  to_date: string | null;
};

export type RelationshipRow = {
  id: string;
  person_id: string;
  related_person_id: string;
  type: string;
  pair_id: string;
  from_date: string | null;
  to_date: string | null;
};

const personColumns = (actor: Actor): SQL => sql`p.id, p.kind, p.first_name, p.middle_names, p.last_name, p.known_as, p.sex,
  p.date_of_birth::text AS date_of_birth, p.expected_delivery_date::text AS expected_delivery_date,
  p.date_of_death::text AS date_of_death, ${peopleScope(actor, 'p')} AS visible`;

/** The person, everyone related to them, and everyone in a household with them now. */
const familySet = (personId: string, today: string): SQL => sql`
  SELECT ${personId}::uuid AS id
  UNION SELECT r.related_person_id FROM relationships r WHERE r.person_id = ${personId}
  UNION SELECT m.person_id FROM household_members mine
    JOIN household_members m ON m.household_id = mine.household_id
    WHERE mine.person_id = ${personId} AND (mine.to_date IS NULL OR mine.to_date > ${today})
      AND (m.to_date IS NULL OR m.to_date > ${today})`;

export function familiesRepository(db: Db) {
  return {
    /** Every household the person has belonged to, with every member it has had (one row per member). */
    async memberships(actor: Actor, personId: string): Promise<MembershipRow[]> {
      return rows<MembershipRow>(
        db,
        sql`SELECT h.id AS household_id, h.name AS household_name,
                   m.id AS member_id, m.from_date::text AS from_date, m.to_date::text AS to_date, ${personColumns(actor)}
            FROM households h
            JOIN household_members m ON m.household_id = h.id
            JOIN people p ON p.id = m.person_id
            WHERE h.id IN (SELECT household_id FROM household_members WHERE person_id = ${personId})
            ORDER BY h.id, m.from_date NULLS FIRST, m.created_at
            LIMIT 2000`,
      );
    },

    /** The people in the family set, each with whether this user may see them. */
    async familyPeople(actor: Actor, personId: string, today: string): Promise<PersonRow[]> {
      return rows<PersonRow>(db, sql`SELECT ${personColumns(actor)} FROM people p WHERE p.id IN (${familySet(personId, today)}) LIMIT 1000`);
    },

    /** Every relationship row between two people of the family set (both rows of each pair). */
    async familyLinks(personId: string, today: string): Promise<RelationshipRow[]> {
      return rows<RelationshipRow>(
        db,
        sql`WITH fam AS (${familySet(personId, today)})
            SELECT r.id, r.person_id, r.related_person_id, r.type, r.pair_id, r.from_date::text AS from_date, r.to_date::text AS to_date
            FROM relationships r
            WHERE r.person_id IN (SELECT id FROM fam) AND r.related_person_id IN (SELECT id FROM fam)
            ORDER BY r.from_date NULLS FIRST, r.created_at
            LIMIT 5000`,
      );
    },

    /** One person, with whether this user may see them. */
    async person(actor: Actor, personId: string): Promise<PersonRow | null> {
      const found = await rows<PersonRow>(db, sql`SELECT ${personColumns(actor)} FROM people p WHERE p.id = ${personId}`);
      return found[0] ?? null;
    },

    /** People this user may see whose names contain every word typed, best matches first. */
    async searchVisible(actor: Actor, words: string[], excludeIds: string[]): Promise<PersonRow[]> {
      const conditions = words.map((w) => sql`p.search_name LIKE '%' || lower(unaccent(${escapeLike(w)})) || '%'`);
      const whole = words.join(' ');
      const excluded = excludeIds.length ? sql`AND p.id NOT IN (${sql.join(excludeIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
      return rows<PersonRow>(
        db,
        sql`SELECT ${personColumns(actor)} FROM people p
            WHERE ${sql.join(conditions, sql` AND `)} AND ${peopleScope(actor, 'p')} ${excluded}
            ORDER BY similarity(p.search_name, lower(unaccent(${whole}))) DESC, p.last_name, p.first_name, p.id
            LIMIT 20`,
      );
    },

    async relationshipRows(personId: string, pairId: string): Promise<RelationshipRow[]> {
      return rows<RelationshipRow>(
        db,
        sql`SELECT r.id, r.person_id, r.related_person_id, r.type, r.pair_id, r.from_date::text AS from_date, r.to_date::text AS to_date
            FROM relationships r WHERE r.pair_id = ${pairId} AND ${personId}::uuid IN (r.person_id, r.related_person_id)`,
      );
    },

    /** Is there already a current relationship of this type from the person to the other? */
    async hasCurrent(personId: string, relatedId: string, type: string, today: string): Promise<boolean> {
      const found = await rows<{ id: string }>(
        db,
        sql`SELECT id FROM relationships WHERE person_id = ${personId} AND related_person_id = ${relatedId} AND type = ${type}
              AND (to_date IS NULL OR to_date > ${today}) LIMIT 1`,
      );
      return found.length > 0;
    },

    async insertPair(pair: { personId: string; relatedId: string; type: string; inverse: string; pairId: string; fromDate: string | null }): Promise<void> {
      await db.insert(relationships).values([
        { personId: pair.personId, relatedPersonId: pair.relatedId, type: pair.type, pairId: pair.pairId, fromDate: pair.fromDate },
        { personId: pair.relatedId, relatedPersonId: pair.personId, type: pair.inverse, pairId: pair.pairId, fromDate: pair.fromDate },
      ]);
    },

    async endPair(pairId: string, toDate: string): Promise<number> {
      const ended = await rows<{ id: string }>(db, sql`UPDATE relationships SET to_date = ${toDate} WHERE pair_id = ${pairId} AND to_date IS NULL RETURNING id`);
      return ended.length;
    },

    async insertHousehold(name: string, createdBy: string): Promise<string> {
      const inserted = await db.insert(households).values({ name, createdBy }).returning({ id: households.id });
      return inserted[0]!.id;
    },

    async insertMember(householdId: string, personId: string, fromDate: string | null): Promise<string> {
      const inserted = await db.insert(householdMembers).values({ householdId, personId, fromDate }).returning({ id: householdMembers.id });
      return inserted[0]!.id;
    },

    /** A household and every member it has had, each with whether this user may see them. */
    async household(actor: Actor, householdId: string): Promise<MembershipRow[]> {
      return rows<MembershipRow>(
        db,
        sql`SELECT h.id AS household_id, h.name AS household_name,
                   m.id AS member_id, m.from_date::text AS from_date, m.to_date::text AS to_date, ${personColumns(actor)}
            FROM households h
            JOIN household_members m ON m.household_id = h.id
            JOIN people p ON p.id = m.person_id
            WHERE h.id = ${householdId}
            ORDER BY m.from_date NULLS FIRST, m.created_at
            LIMIT 2000`,
      );
    },

    async endMember(memberId: string, toDate: string): Promise<number> {
      const ended = await rows<{ id: string }>(db, sql`UPDATE household_members SET to_date = ${toDate} WHERE id = ${memberId} AND to_date IS NULL RETURNING id`);
      return ended.length;
    },
  };
}

/** Escapes LIKE wildcards so a typed % or _ is matched literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type FamiliesRepository = ReturnType<typeof familiesRepository>;
