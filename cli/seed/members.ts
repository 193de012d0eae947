import type { Random } from '../../src/domain/random';
import { inverseOf, type RelationshipType } from '../../src/domain/relationships';
import { addYears, at, isoDay } from './days';
import { ETHNICITY_WEIGHTS, KNOWN_AS, LANGUAGES, NAME_POOLS, PARENT_ETHNICITY, RELIGIONS, type Heritage } from './names';
import { DISABILITIES, pickChildCount, pickEldestAge, type Member, type Members, type RelationshipRow, type SeedContext } from './model';

/**
 * Who is in a synthetic family: a mother (sometimes with a partner or the children's father at
 * home), one to five children (sometimes with different fathers, sometimes one not yet born),
 * absent fathers, grandparents and other important adults, and every relationship between them
 * both ways (two rows sharing a pair id, "B is A's T" and "A is B's inverse of T").
 */
export function generateMembers(r: Random, ctx: SeedContext, shape: { children?: number; unborn?: boolean } = {}): Members {
  const today = ctx.today;
  const ethnicity = r.weighted(ETHNICITY_WEIGHTS);
  const [motherHeritage, fatherHeritage] = ethnicity.other && r.chance(0.5) ? [ethnicity.other, ethnicity.heritage] : [ethnicity.heritage, ethnicity.other ?? ethnicity.heritage];
  const members: Member[] = [];
  const relationships: RelationshipRow[] = [];
  const relate = (a: Member, b: Member, type: RelationshipType, from: number | null = null, to: number | null = null): void => {
    const pairId = r.uuid();
    const dates = { fromDate: from === null ? null : isoDay(from), toDate: to === null ? null : isoDay(to) };
    relationships.push({ id: r.uuid(), personId: a.id, relatedPersonId: b.id, type, pairId, ...dates, createdAt: at(today, 540) });
    relationships.push({ id: r.uuid(), personId: b.id, relatedPersonId: a.id, type: inverseOf(type), pairId, ...dates, createdAt: at(today, 540) });
  };
  const person = (role: Member['role'], heritage: Heritage, sex: 'M' | 'F' | 'U', lastName: string, dob: number | null, kind: 'child' | 'adult'): Member => {
    const pool = NAME_POOLS[heritage];
    const names = sex === 'F' ? pool.female : pool.male;
    let firstName = sex === 'U' ? 'Unborn' : r.pick(names);
    // Two people in one family rarely share a first name.
    for (let tries = 0; sex !== 'U' && tries < 3 && members.some((other) => other.firstName === firstName); tries++) firstName = r.pick(names);
    const member: Member = {
      id: r.uuid(),
      role,
      kind,
      sex,
      heritage,
      firstName,
      middleNames: sex !== 'U' && r.chance(kind === 'child' ? 0.4 : 0.25) ? r.pick(names) : null,
      lastName,
      knownAs: KNOWN_AS[firstName] && r.chance(0.5) ? KNOWN_AS[firstName]! : null,
      formerNames: [],
      dob,
      edd: null,
      dobEstimated: false,
      dateOfDeath: null,
      ethnicity: PARENT_ETHNICITY[heritage],
      firstLanguage: r.chance(0.7) ? 'English' : r.pick(LANGUAGES[heritage]),
      religion: r.chance(0.8) ? r.pick(RELIGIONS[heritage]) : null,
      disabilities: [],
      nhsNumber: null,
      upn: null,
      father: null,
    };
    if (member.middleNames === member.firstName) member.middleNames = null;
    members.push(member);
    return member;
  };

  // Children first: their ages fix the parents' ages.
  const childCount = shape.children ?? pickChildCount(r);
  const eldestAge = pickEldestAge(r, childCount);
  const births: number[] = [];
  let born = today - eldestAge * 365 - r.int(14, 364);
  for (let i = 0; i < childCount && born <= today - 14; i++) {
    births.push(born);
    born += r.chance(0.04) ? 0 : r.int(330, 1600);
  }
  const motherAge = r.weighted([[r.int(16, 19), 15], [r.int(20, 29), 55], [r.int(30, 42), 30]] as const);
  const firstBirth = births[0] ?? today;
  const motherDob = addYears(firstBirth, -motherAge) - r.int(0, 364);
  const maiden = r.pick(NAME_POOLS[motherHeritage].surnames);
  const mother = person('mother', motherHeritage, 'F', maiden, motherDob, 'adult');

  // Fathers: one for everyone, or an earlier father for the older children (half-siblings).
  const split = births.length > 1 && r.chance(0.3) ? r.int(1, births.length - 1) : 0;
  const fatherFor = (heritage: Heritage, firstChildBirth: number, resident: boolean): Member | null => {
    if (r.chance(resident ? 0 : 0.12)) return null; // father not known
    const dob = addYears(firstChildBirth, -r.int(18, 45)) - r.int(0, 364);
    const father = person(resident ? 'father' : 'absent-father', heritage, 'M', r.pick(NAME_POOLS[heritage].surnames), dob, 'adult');
    if (!resident && r.chance(0.2)) {
      father.dobEstimated = true;
    }
    if (!resident && r.chance(0.15)) father.dob = null;
    return father;
  };
  const currentResident = r.chance(split > 0 ? 0.55 : 0.5);
  const earlierFather = split > 0 ? fatherFor(r.pick([fatherHeritage, motherHeritage]), births[0]!, false) : null;
  const laterFather = fatherFor(fatherHeritage, births[split] ?? today, currentResident);
  if (laterFather && currentResident && r.chance(0.45)) {
    mother.formerNames = [maiden];
    mother.lastName = laterFather.lastName;
  }
  if (r.chance(0.06)) mother.lastName = `${mother.lastName}-${r.pick(NAME_POOLS[motherHeritage].surnames)}`.replace(/^(.+)-\1$/, '$1');

  // The children, named after a father, the mother, or both.
  const children = births.map((dob, i) => {
    const father = i < split ? earlierFather : laterFather;
    const heritage = r.chance(0.5) ? motherHeritage : father?.heritage ?? motherHeritage;
    const surname = !father ? maiden : r.weighted([[father.lastName, 55], [mother.lastName, 30], [maiden, 5], [`${maiden}-${father.lastName}`, 10]] as const);
    const child = person('child', heritage, r.chance(0.5) ? 'F' : 'M', surname, dob, 'child');
    child.father = father;
    child.ethnicity = father && father.heritage !== mother.heritage ? ethnicity.code : PARENT_ETHNICITY[heritage];
    if (ethnicity.code === 'REFU' || ethnicity.code === 'NOBT') child.ethnicity = ethnicity.code;
    if (r.chance(0.03) && father) child.formerNames = [father.lastName === surname ? maiden : father.lastName];
    if (r.chance(0.09)) child.disabilities = [r.pick(DISABILITIES)];
    return child;
  });
  if (shape.unborn ?? r.chance(0.04)) {
    const unborn = person('child', motherHeritage, 'U', laterFather?.lastName ?? mother.lastName, null, 'child');
    unborn.edd = today + r.int(20, 200);
    unborn.father = laterFather;
    unborn.ethnicity = laterFather && laterFather.heritage !== mother.heritage ? ethnicity.code : mother.ethnicity;
    unborn.firstLanguage = null;
    unborn.religion = null;
    children.push(unborn);
  }

  // Relationships between parents and children, and between the children.
  for (const child of children) {
    relate(child, mother, 'mother');
    if (child.father) relate(child, child.father, 'father');
    if (laterFather && currentResident && child.father !== laterFather) relate(child, laterFather, 'partner-of-parent', births[split] ?? null);
  }
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      const a = children[i]!;
      const b = children[j]!;
      relate(a, b, a.father === b.father ? 'sibling' : 'half-sibling');
    }
  }
  const partnershipStart = laterFather ? (births[split] ?? today) - r.int(200, 1500) : null;
  let partnershipEnd: number | null = null;
  if (laterFather && currentResident) {
    if (r.chance(0.15)) partnershipEnd = today - r.int(30, Math.max(31, today - partnershipStart! - 1));
    relate(mother, laterFather, 'partner', partnershipStart, partnershipEnd);
  }
  if (earlierFather && split > 0) relate(mother, earlierFather, 'partner', births[0]! - r.int(200, 900), births[split - 1]! + r.int(30, 300));

  // A new partner who is not a father of any of the children.
  let newPartner: Member | null = null;
  if ((!currentResident || partnershipEnd !== null) && r.chance(0.3)) {
    const heritage = r.chance(0.7) ? motherHeritage : r.weighted(ETHNICITY_WEIGHTS).heritage;
    newPartner = person('partner', heritage, 'M', r.pick(NAME_POOLS[heritage].surnames), motherDob + r.int(-2500, 1500), 'adult');
    const from = today - r.int(60, 900);
    relate(mother, newPartner, 'partner', from);
    for (const child of children) relate(child, newPartner, 'partner-of-parent', from);
  }

  // Grandparents (mother's side more often), sometimes living with the family.
  const grandparents: Member[] = [];
  const grandparent = (parent: Member, sex: 'M' | 'F', dob: number): Member => {
    const gp = person('grandparent', parent.heritage, sex, parent === mother ? maiden : parent.lastName, dob, 'adult');
    if (r.chance(0.04)) gp.dateOfDeath = today - r.int(30, 2000);
    for (const child of children) if (parent === mother || child.father === parent) relate(child, gp, 'grandparent');
    relate(parent, gp, sex === 'F' ? 'mother' : 'father');
    grandparents.push(gp);
    return gp;
  };
  if (r.chance(0.32)) {
    const nan = grandparent(mother, 'F', addYears(motherDob, -r.int(17, 35)));
    if (r.chance(0.45)) relate(nan, grandparent(mother, 'M', nan.dob! - r.int(-700, 2500)), 'partner');
  }
  if (laterFather && r.chance(0.1)) grandparent(laterFather, 'F', addYears(laterFather.dob ?? motherDob, -r.int(18, 32)));

  // Another adult who matters to the children: an aunt or uncle, or a family friend.
  if (r.chance(0.14)) {
    const sex = r.chance(0.6) ? 'F' : 'M';
    if (r.chance(0.6)) {
      const aunt = person('relative', motherHeritage, sex, maiden, motherDob + r.int(-3000, 3000), 'adult');
      relate(mother, aunt, 'sibling');
      for (const child of children) relate(child, aunt, 'aunt-uncle');
    } else {
      const heritage = r.weighted(ETHNICITY_WEIGHTS).heritage;
      const friend = person('friend', heritage, sex, r.pick(NAME_POOLS[heritage].surnames), motherDob + r.int(-4000, 4000), 'adult');
      relate(mother, friend, 'friend');
      for (const child of children) relate(child, friend, sex === 'F' ? 'significant-female-adult' : 'significant-male-adult');
    }
  }

  return {
    members,
    relationships,
    mother,
    children,
    surname: mother.lastName,
    residentFather: laterFather && currentResident ? { member: laterFather, from: partnershipStart!, to: partnershipEnd } : null,
    newPartner,
    grandparents,
    grandparentAtHome: grandparents.length > 0 && r.chance(0.08) ? grandparents[0]! : null,
  };
}
