import type { Random } from '../../src/domain/random';
import { at, isoDay } from './days';
import type { AddressRow, HouseholdMemberRow, HouseholdRow, Member, Members } from './model';
import { makeAddress, type Address } from './places';

/** A time a child spent away from the family home (in care), and where they went afterwards. */
export type Away = { childId: string; from: number; to: number | null; toGrandparents?: boolean };

type Stay = { address: Address; from: number; to: number | null };

/**
 * Households over time and addresses with date ranges: the family home and the places the family
 * lived before it, grandparents' home, and each adult elsewhere at their own address. A child away
 * in care has no household or address for that time (placements are recorded elsewhere).
 */
export function generateHomes(
  r: Random,
  today: number,
  m: Members,
  away: Away[],
  recordedFrom: number,
): { households: HouseholdRow[]; householdMembers: HouseholdMemberRow[]; addresses: AddressRow[] } {
  const households: HouseholdRow[] = [];
  const householdMembers: HouseholdMemberRow[] = [];
  const addresses: AddressRow[] = [];
  const createdAt = at(recordedFrom, 600);

  const history = (from: number, moves: number): Stay[] => {
    const cuts = Array.from({ length: moves - 1 }, () => r.int(from + 30, Math.max(from + 31, today - 30))).sort((a, b) => a - b);
    const starts = [from, ...cuts];
    return starts.map((start, i) => ({ address: makeAddress(r), from: start, to: i + 1 < starts.length ? starts[i + 1]! - 1 : null }));
  };
  const live = (person: Member, stays: Stay[], from: number, to: number | null): void => {
    for (const stay of stays) {
      const start = Math.max(stay.from, from);
      const end = stay.to === null ? to : to === null ? stay.to : Math.min(stay.to, to);
      if (end !== null && end < start) continue;
      addresses.push({
        id: r.uuid(),
        personId: person.id,
        line1: stay.address.line1,
        line2: stay.address.line2,
        town: stay.address.town,
        postcode: stay.address.postcode,
        postcodeKey: stay.address.postcodeKey,
        fromDate: isoDay(start),
        toDate: end === null ? null : isoDay(end),
        createdAt,
      });
    }
  };
  const household = (name: string): string => {
    const id = r.uuid();
    households.push({ id, name, createdAt, createdBy: null });
    return id;
  };
  const join = (householdId: string, person: Member, from: number, to: number | null): void => {
    if (to !== null && to < from) return; // for example a grandparent who died before the family moved in
    householdMembers.push({ id: r.uuid(), householdId, personId: person.id, fromDate: isoDay(from), toDate: to === null ? null : isoDay(to), createdAt });
  };
  const elsewhere = (person: Member, from: number): void => {
    const dies = person.dateOfDeath;
    live(person, history(from, r.int(1, 2)), from, dies);
  };

  // The family home: where the mother and children have lived, moving a few times.
  const born = m.children.map((c) => c.dob).filter((d): d is number => d !== null);
  const start = Math.min(...born, m.residentFather?.from ?? today, today - 200) - r.int(0, 500);
  const home = history(start, r.weighted([[1, 45], [2, 30], [3, 17], [4, 8]] as const));
  const homeId = household(`${m.surname} household`);
  join(homeId, m.mother, start, null);
  live(m.mother, home, start, null);
  if (r.chance(0.5)) live(m.mother, history(start - r.int(400, 2000), 1).map((s) => ({ ...s, to: start - 1 })), start - 2000, start - 1);

  const grandparentsHome = m.grandparents.filter((g) => g !== m.grandparentAtHome && g.dob !== null);
  const grandparentsId = grandparentsHome.length > 0 ? household(`${grandparentsHome[0]!.lastName} household (grandparents)`) : null;
  const grandparentStays = grandparentsHome.length > 0 ? history(start - r.int(1000, 6000), r.int(1, 2)) : [];
  for (const gp of grandparentsHome) {
    join(grandparentsId!, gp, grandparentStays[0]!.from, gp.dateOfDeath);
    live(gp, grandparentStays, grandparentStays[0]!.from, gp.dateOfDeath);
  }

  for (const child of m.children) {
    if (child.dob === null) continue;
    let from = Math.max(child.dob, start);
    for (const period of away.filter((a) => a.childId === child.id).sort((a, b) => a.from - b.from)) {
      if (period.from > from) {
        join(homeId, child, from, period.from - 1);
        live(child, home, from, period.from - 1);
      }
      if (period.to === null) {
        from = Number.POSITIVE_INFINITY;
        break;
      }
      if (period.toGrandparents) {
        // A special guardianship order: the child now lives with grandparents (or with someone not recorded here).
        if (grandparentsId) {
          join(grandparentsId, child, period.to, null);
          live(child, grandparentStays, period.to, null);
        }
        from = Number.POSITIVE_INFINITY;
        break;
      }
      from = period.to;
    }
    if (from <= today) {
      join(homeId, child, from, null);
      live(child, home, from, null);
    }
  }

  const father = m.residentFather;
  if (father) {
    const from = Math.max(father.from, start);
    join(homeId, father.member, from, father.to);
    live(father.member, home, from, father.to);
    if (father.to !== null) elsewhere(father.member, father.to + 1);
  }
  if (m.newPartner) {
    const from = today - r.int(30, 700);
    join(homeId, m.newPartner, from, null);
    live(m.newPartner, home, from, null);
    const before = from - r.int(300, 3000);
    live(m.newPartner, history(before, 1), before, from - 1);
  }
  if (m.grandparentAtHome) {
    join(homeId, m.grandparentAtHome, start, m.grandparentAtHome.dateOfDeath);
    live(m.grandparentAtHome, home, start, m.grandparentAtHome.dateOfDeath);
  }
  for (const person of m.members) {
    if (person.role === 'absent-father' || person.role === 'relative' || person.role === 'friend') {
      if (r.chance(person.role === 'absent-father' ? 0.7 : 0.9)) elsewhere(person, today - r.int(100, 3000));
    }
  }
  return { households, householdMembers, addresses };
}
