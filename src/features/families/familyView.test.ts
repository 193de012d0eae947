import { describe, expect, it } from 'vitest';
import { buildFamilyView } from './familyView';
import type { MembershipRow, PersonRow, RelationshipRow } from './repository';

const person = (id: string, extra: Partial<PersonRow> = {}): PersonRow => ({
  id,
  kind: 'adult',
  first_name: id,
  middle_names: null,
  last_name: 'Test',
  known_as: null,
  sex: 'F',
  date_of_birth: '1980-01-01',
  expected_delivery_date: null,
  date_of_death: null,
  visible: true,
  ...extra,
});

let n = 0;
const pair = (a: string, b: string, type: string, inverse: string, toDate: string | null = null): RelationshipRow[] => {
  n += 1;
  return [
    { id: `r${n}a`, person_id: a, related_person_id: b, type, pair_id: `p${n}`, from_date: null, to_date: toDate },
    { id: `r${n}b`, person_id: b, related_person_id: a, type: inverse, pair_id: `p${n}`, from_date: null, to_date: toDate },
  ];
};

const member = (householdId: string, p: PersonRow, toDate: string | null = null): MembershipRow => ({
  ...p,
  household_id: householdId,
  household_name: `${householdId} house`,
  member_id: `${householdId}-${p.id}`,
  from_date: '2020-01-01',
  to_date: toDate,
});

describe('the family view model', () => {
  const carer = person('Carol');
  const current = person('Ava', { kind: 'child', date_of_birth: '2015-01-01' });
  const former = person('Ben', { kind: 'child', sex: 'M', date_of_birth: '2010-01-01' });
  const exPartner = person('Dan', { sex: 'M' });
  const secret = person('Zed', { visible: false, first_name: 'Zed' });
  const view = buildFamilyView({
    focusId: 'Carol',
    title: 'Carol Test',
    today: '2025-06-01',
    memberships: [member('h1', carer), member('h1', current), member('h1', secret), member('h0', carer, '2019-12-31'), member('h0', former, '2019-12-31')],
    people: [carer, current, former, exPartner, secret],
    links: [
      ...pair('Carol', 'Ava', 'foster-child', 'foster-carer'),
      ...pair('Carol', 'Ben', 'foster-child', 'foster-carer', '2019-12-31'),
      ...pair('Carol', 'Dan', 'partner', 'partner', '2018-01-01'),
      ...pair('Carol', 'Zed', 'other', 'other'),
    ],
  });

  it('lists current households first, then past ones, with everyone who lived there', () => {
    expect(view.households.map((h) => [h.name, h.current])).toEqual([
      ['h1 house', true],
      ['h0 house', false],
    ]);
    expect(view.households[1]!.toDate).toBe('2019-12-31');
    expect(view.households[0]!.changeable).toBe(false);
  });

  it('never gives the name or details of a person the user may not see', () => {
    const hidden = view.households[0]!.members.find((m) => m.id === 'Zed')!;
    expect(hidden.name).toBeNull();
    expect(hidden.dateOfBirth).toBeNull();
    expect(view.svg).not.toContain('Zed');
    expect(view.description).not.toContain('Zed');
    expect(view.description).toContain('a person you do not have access to');
  });

  it('keeps ended relationships as history and words former partners', () => {
    expect(view.ended.map((r) => r.id).sort()).toEqual(['Ben', 'Dan']);
    expect(view.current.map((r) => r.id).sort()).toEqual(['Ava', 'Zed']);
    expect(view.svg).toContain('former partner');
  });

  it('draws the family as it is: a past foster child is not in the tree, a former partner is', () => {
    expect(view.svg).not.toContain('Ben Test');
    expect(view.svg).toContain('Dan Test');
    expect(view.svg).toContain('Ava Test');
  });
});
