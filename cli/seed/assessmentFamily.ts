import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../src/platform/db';
import { familyFrom, type FamilyMember } from '../../src/features/assessments/sections/page';
import type { FamilyMemberRow } from '../../src/features/assessments/sections/repository';
import { arrayLiteral } from './bulk';

/**
 * The adults around each child, for the voices and parenting sections of seeded assessments: read
 * in one query for a whole page of children and turned into the same FamilyMember the section
 * pages build (names and relationship words exactly as the app shows them).
 */
export type RelativeRow = {
  child_id: string;
  id: string;
  first_name: string;
  last_name: string;
  known_as: string | null;
  sex: 'M' | 'F' | 'U' | null;
  type: string;
  from_date: string | null;
  to_date: string | null;
  lives: boolean;
};

/** The adult relatives of each of these children, with whether they live with the child now. */
export async function loadRelatives(db: Db, childIds: readonly string[]): Promise<Map<string, RelativeRow[]>> {
  const byChild = new Map<string, RelativeRow[]>();
  if (childIds.length === 0) return byChild;
  const found = await rows<RelativeRow>(
    db,
    sql`SELECT rel.person_id AS child_id, a.id, a.first_name, a.last_name, a.known_as, a.sex, rel.type,
               rel.from_date::text AS from_date, rel.to_date::text AS to_date,
               EXISTS (SELECT 1 FROM household_members hc JOIN household_members ha ON ha.household_id = hc.household_id
                       WHERE hc.person_id = rel.person_id AND ha.person_id = a.id AND hc.to_date IS NULL AND ha.to_date IS NULL) AS lives
        FROM relationships rel JOIN people a ON a.id = rel.related_person_id
        WHERE rel.person_id = ANY(CAST(${arrayLiteral([...new Set(childIds)])} AS uuid[])) AND a.kind = 'adult' AND a.merged_into IS NULL
        ORDER BY rel.person_id, a.id, rel.type`,
  );
  for (const row of found) {
    const list = byChild.get(row.child_id);
    if (list) list.push(row);
    else byChild.set(row.child_id, [row]);
  }
  return byChild;
}

/** The adults related to the child on a day (relationships that had started and not ended), as the section pages see them. */
export function familyOn(relatives: readonly RelativeRow[] | undefined, on: string): FamilyMember[] {
  if (!relatives || relatives.length === 0) return [];
  const byPerson = new Map<string, FamilyMemberRow>();
  for (const r of relatives) {
    if ((r.from_date && r.from_date > on) || (r.to_date && r.to_date <= on)) continue;
    const seen = byPerson.get(r.id);
    if (seen) {
      seen.types = [...(seen.types ?? '').split(','), r.type].sort().join(',');
      continue;
    }
    byPerson.set(r.id, {
      id: r.id,
      kind: 'adult',
      first_name: r.first_name,
      last_name: r.last_name,
      known_as: r.known_as,
      sex: r.sex,
      date_of_birth: null,
      types: r.type,
      lives_with_child: r.lives,
      visible: true,
      assessment_id: null,
      assessment_status: null,
      assessment_started_on: null,
    });
  }
  return familyFrom([...byPerson.values()]);
}

const CARER_ORDER = ['mother', 'parent', 'father', 'step-parent', 'foster-carer', 'partner-of-parent'];

/** The parent or carer the child lives with (a parent first); failing that, any parent. */
export function mainCarer(family: readonly FamilyMember[]): FamilyMember | null {
  const rank = (m: FamilyMember) => Math.min(...m.types.map((t) => (CARER_ORDER.includes(t) ? CARER_ORDER.indexOf(t) : 99)));
  const ranked = family.filter((m) => rank(m) < 99).sort((a, b) => Number(b.livesWithChild) - Number(a.livesWithChild) || rank(a) - rank(b) || a.id.localeCompare(b.id));
  return ranked[0] ?? null;
}
