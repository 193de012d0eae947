/**
 * The children a visit or a case note can be about: this child, and the other children living with
 * them now that this user may see (a restricted record only once a reason was given this session).
 * Entered once, linked to all of them. Shared by visits and case notes; one query.
 */
import { sql } from 'drizzle-orm';
import { ageFrom } from '../../domain/dates';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';

export type RecordedChild = { id: string; firstName: string; name: string; dateOfBirth: string | null; self: boolean; ageText: string };

/** At most this many children on one visit or note (a very large household is still one screen). */
export const MAX_CHILDREN = 20;

export async function childrenForRecording(db: Db, actor: Actor, personId: string, today: string, reasons: Record<string, string>): Promise<RecordedChild[]> {
  const found = await rows<{ id: string; first_name: string; last_name: string; known_as: string | null; date_of_birth: string | null; restricted: boolean; visible: boolean | null; self: boolean }>(
    db,
    sql`SELECT p.id, p.first_name, p.last_name, p.known_as, p.date_of_birth::text AS date_of_birth, p.restricted,
               (${peopleScope(actor, 'p')}) IS TRUE AS visible, p.id = ${personId}::uuid AS self
        FROM people p
        WHERE (p.id = ${personId}::uuid OR p.id IN (
                SELECT m.person_id FROM household_members mine
                JOIN household_members m ON m.household_id = mine.household_id
                WHERE mine.person_id = ${personId}::uuid AND (mine.to_date IS NULL OR mine.to_date > ${today}::date)
                  AND (m.to_date IS NULL OR m.to_date > ${today}::date) AND (m.from_date IS NULL OR m.from_date <= ${today}::date)))
          AND p.kind = 'child' AND p.merged_into IS NULL AND (p.date_of_death IS NULL OR p.id = ${personId}::uuid)
        ORDER BY p.id = ${personId}::uuid DESC, p.date_of_birth NULLS LAST, p.first_name, p.id
        LIMIT ${MAX_CHILDREN + 1}`,
  );
  return found
    .filter((r) => r.self || (r.visible && (!r.restricted || !!reasons[r.id])))
    .slice(0, MAX_CHILDREN)
    .map((r) => ({
      id: r.id,
      firstName: r.known_as || r.first_name,
      name: `${r.first_name} ${r.last_name}`,
      dateOfBirth: r.date_of_birth,
      self: r.self,
      ageText: ageFrom(r.date_of_birth, today),
    }));
}

/**
 * The children picked on a form: this child always, and each other child ticked who is still one of
 * the offered children. Anything else (a child who moved out since, a made-up id) is an error.
 */
export function pickedChildren(offered: RecordedChild[], ticked: string[]): { children: RecordedChild[]; unknown: boolean } {
  const wanted = new Set(ticked.map((id) => id.toLowerCase()));
  const children = offered.filter((c) => c.self || wanted.has(c.id));
  const known = new Set(offered.map((c) => c.id));
  return { children, unknown: [...wanted].some((id) => !known.has(id)) };
}
