/**
 * Turns the rows of a family into what the family page shows: households over time, relationships,
 * the genogram and its description. People the user may not see keep only their relationship.
 */
import { ageOn } from '../../domain/dates';
import { describeFamily, layOutGenogram, type DescribedPerson, type GenogramLink, type GenogramPerson } from '../../domain/genogram';
import { describeRelationship, isParentLink, isRelationshipType, isSiblingLink, type RelationshipType } from '../../domain/relationships';
import { genogramSvg } from './genogramSvg';
import type { MembershipRow, PersonRow, RelationshipRow } from './repository';

export type ShownPerson = {
  id: string;
  visible: boolean;
  /** Null when the user may not see this person. */
  name: string | null;
  kind: 'child' | 'adult' | null;
  dateOfBirth: string | null;
  expectedDeliveryDate: string | null;
  dateOfDeath: string | null;
};

export type MemberView = ShownPerson & { memberId: string; relation: string | null; isFocus: boolean; fromDate: string | null; toDate: string | null; current: boolean };
export type HouseholdView = {
  id: string;
  name: string;
  current: boolean;
  fromDate: string | null;
  toDate: string | null;
  members: MemberView[];
  /** Every current member is someone this user may see, so they may change the household. */
  changeable: boolean;
};
export type RelationshipView = ShownPerson & { pairId: string; type: RelationshipType; relation: string; fromDate: string | null; toDate: string | null; current: boolean; livesWith: boolean };
export type FamilyView = {
  households: HouseholdView[];
  outside: RelationshipView[];
  current: RelationshipView[];
  ended: RelationshipView[];
  description: string;
  svg: string;
};

export const fullName = (p: Pick<PersonRow, 'first_name' | 'middle_names' | 'last_name'>): string =>
  [p.first_name, p.middle_names, p.last_name].filter(Boolean).join(' ');

export function shown(p: PersonRow): ShownPerson {
  if (!p.visible) return { id: p.id, visible: false, name: null, kind: null, dateOfBirth: null, expectedDeliveryDate: null, dateOfDeath: null };
  return { id: p.id, visible: true, name: fullName(p), kind: p.kind, dateOfBirth: p.date_of_birth, expectedDeliveryDate: p.expected_delivery_date, dateOfDeath: p.date_of_death };
}

const isCurrent = (toDate: string | null, today: string) => toDate === null || toDate > today;
const later = (a: string | null, b: string | null) => (a === null || b === null ? null : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

export function buildFamilyView(input: {
  focusId: string;
  title: string;
  today: string;
  /** Draw the genogram for serving on its own (with the XML namespace) rather than inside the page. */
  standalone?: boolean;
  memberships: MembershipRow[];
  people: PersonRow[];
  links: RelationshipRow[];
}): FamilyView {
  const { focusId, today } = input;
  const personById = new Map<string, PersonRow>();
  for (const p of [...input.memberships, ...input.people]) if (!personById.has(p.id)) personById.set(p.id, p);
  const focus = personById.get(focusId);
  const sexOf = (id: string) => {
    const p = personById.get(id);
    return p?.visible ? p.sex : null;
  };

  // The focus person's own relationship rows: "related is focus's type".
  const own = input.links.filter((l) => l.person_id === focusId && isRelationshipType(l.type));
  const relationTo = (id: string): string | null => {
    const rowsFor = own.filter((l) => l.related_person_id === id);
    const current = rowsFor.filter((l) => isCurrent(l.to_date, today));
    const chosen = current.length > 0 ? current : rowsFor;
    const prefix = current.length > 0 ? '' : 'former ';
    const words = [...new Set(chosen.map((l) => prefix + describeRelationship(l.type as RelationshipType, sexOf(id))))];
    return words.length ? words.join(' and ') : null;
  };

  const households = buildHouseholds(input.memberships, focusId, today, relationTo);
  const livingWith = new Set(households.filter((h) => h.current).flatMap((h) => h.members.filter((m) => m.current && !m.isFocus).map((m) => m.id)));

  const relationshipViews = own.map((l): RelationshipView => {
    const other = personById.get(l.related_person_id);
    const base = other ? shown(other) : { id: l.related_person_id, visible: false, name: null, kind: null, dateOfBirth: null, expectedDeliveryDate: null, dateOfDeath: null };
    return {
      ...base,
      pairId: l.pair_id,
      type: l.type as RelationshipType,
      relation: describeRelationship(l.type as RelationshipType, sexOf(l.related_person_id)),
      fromDate: l.from_date,
      toDate: l.to_date,
      current: isCurrent(l.to_date, today),
      livesWith: livingWith.has(l.related_person_id),
    };
  });
  const current = relationshipViews.filter((r) => r.current);
  const ended = relationshipViews.filter((r) => !r.current).sort((a, b) => (b.toDate ?? '').localeCompare(a.toDate ?? ''));
  const outside = current.filter((r) => !r.livesWith);

  // The genogram and its words come from the same people and links.
  const inHousehold = new Set([...livingWith, ...(households.some((h) => h.current) ? [focusId] : [])]);
  // The tree shows the family as it is: ended ties are drawn only for parents, brothers and sisters, and former partners
  // (a foster carer's past foster children stay in the tables, not the drawing).
  const drawn = new Set([focusId, ...inHousehold]);
  for (const l of own) {
    const type = l.type as RelationshipType;
    if (isCurrent(l.to_date, today) || isParentLink(type) || isSiblingLink(type) || type === 'partner') drawn.add(l.related_person_id);
  }
  const genogramPeople = input.people
    .filter((p) => drawn.has(p.id))
    .map((p) => genogramPerson(p, today, inHousehold.has(p.id), p.id === focusId ? null : relationTo(p.id)));
  const visible = new Set(input.people.filter((p) => p.visible && drawn.has(p.id)).map((p) => p.id));
  const links: GenogramLink[] = input.links
    .filter((l) => isRelationshipType(l.type) && (visible.has(l.person_id) || visible.has(l.related_person_id)))
    .map((l) => ({ personId: l.person_id, relatedId: l.related_person_id, type: l.type as RelationshipType, current: isCurrent(l.to_date, today) }));
  const described = (p: GenogramPerson, relation: string | null): DescribedPerson => ({ ...p, relation });
  const byGenogramId = new Map(genogramPeople.map((p) => [p.id, p]));
  const focusPerson = byGenogramId.get(focusId);
  const description = focusPerson
    ? describeFamily({
        focus: described(focusPerson, null),
        hasHousehold: households.some((h) => h.current),
        livesWith: [...livingWith].flatMap((id) => (byGenogramId.has(id) ? [described(byGenogramId.get(id)!, relationTo(id))] : [])),
        elsewhere: [...new Set(outside.map((r) => r.id))].flatMap((id) => (byGenogramId.has(id) ? [described(byGenogramId.get(id)!, relationTo(id))] : [])),
      })
    : '';
  const layout = layOutGenogram({ focusId, people: genogramPeople, links });
  const svg = genogramSvg(layout, { title: focus ? `Family tree of ${fullName(focus)}` : input.title, description, standalone: input.standalone ?? false });
  return { households, outside, current, ended, description, svg };
}

function genogramPerson(p: PersonRow, today: string, inHousehold: boolean, relation: string | null): GenogramPerson {
  if (!p.visible) {
    return { id: p.id, name: null, firstName: null, sex: null, dateOfBirth: null, ageYears: null, isChild: null, unborn: false, deceased: false, inHousehold, relationToFocus: relation };
  }
  const unborn = p.kind === 'child' && !p.date_of_birth && !!p.expected_delivery_date;
  const age = p.date_of_birth ? ageOn(p.date_of_birth, p.date_of_death ?? today) : null;
  return {
    id: p.id,
    name: `${p.known_as ?? p.first_name} ${p.last_name}`,
    firstName: p.known_as ?? p.first_name,
    sex: p.sex,
    dateOfBirth: p.date_of_birth,
    ageYears: age !== null && age >= 0 ? age : null,
    isChild: p.kind === 'child',
    unborn,
    deceased: !!p.date_of_death,
    inHousehold,
    relationToFocus: relation,
  };
}

function buildHouseholds(memberships: MembershipRow[], focusId: string, today: string, relationTo: (id: string) => string | null): HouseholdView[] {
  const byHousehold = new Map<string, MembershipRow[]>();
  for (const row of memberships) byHousehold.set(row.household_id, [...(byHousehold.get(row.household_id) ?? []), row]);
  const views: HouseholdView[] = [];
  for (const [id, rowsOf] of byHousehold) {
    const mine = rowsOf.filter((r) => r.id === focusId);
    if (mine.length === 0) continue;
    const current = mine.some((r) => isCurrent(r.to_date, today));
    const fromDate = mine.map((r) => r.from_date).reduce(earlier, mine[0]!.from_date);
    const toDate = current ? null : mine.map((r) => r.to_date).reduce(later, mine[0]!.to_date);
    const members = rowsOf
      .map((r): MemberView => ({
        ...shown(r),
        memberId: r.member_id,
        relation: r.id === focusId ? null : relationTo(r.id),
        isFocus: r.id === focusId,
        fromDate: r.from_date,
        toDate: r.to_date,
        current: isCurrent(r.to_date, today),
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || Number(b.isFocus) - Number(a.isFocus) || (a.fromDate ?? '').localeCompare(b.fromDate ?? ''));
    const changeable = members.filter((m) => m.current).every((m) => m.visible);
    views.push({ id, name: rowsOf[0]!.household_name, current, fromDate, toDate, members, changeable });
  }
  return views.sort((a, b) => Number(b.current) - Number(a.current) || (b.toDate ?? '').localeCompare(a.toDate ?? '') || (b.fromDate ?? '').localeCompare(a.fromDate ?? ''));
}
