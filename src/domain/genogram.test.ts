import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RELATIONSHIP_TYPES, type RelationshipType } from './relationships';
import { assignGenerations, describeFamily, layOutGenogram, type GenogramInput, type GenogramPerson, type PlacedPerson } from './genogram';

function person(id: string, extra: Partial<GenogramPerson> = {}): GenogramPerson {
  return {
    id,
    name: `${id} Person`,
    firstName: id,
    sex: 'U',
    dateOfBirth: null,
    ageYears: null,
    isChild: false,
    unborn: false,
    deceased: false,
    inHousehold: false,
    relationToFocus: null,
    ...extra,
  };
}

/** Both rows of a relationship, as they are stored. */
function both(a: string, b: string, type: RelationshipType, inverse: RelationshipType, current = true) {
  return [
    { personId: a, relatedId: b, type, current },
    { personId: b, relatedId: a, type: inverse, current },
  ];
}

/** Jade (9) lives with her mother Kelly and half-brother Tyler; her father Dean lives elsewhere; Sue is Kelly's mother. */
function jadeFamily(): GenogramInput {
  return {
    focusId: 'jade',
    people: [
      person('jade', { sex: 'F', isChild: true, ageYears: 9, dateOfBirth: '2016-03-01', inHousehold: true }),
      person('kelly', { sex: 'F', ageYears: 32, inHousehold: true, relationToFocus: 'mother' }),
      person('tyler', { sex: 'M', isChild: true, ageYears: 4, dateOfBirth: '2021-05-01', inHousehold: true, relationToFocus: 'half-brother' }),
      person('dean', { sex: 'M', ageYears: 35, relationToFocus: 'father' }),
      person('sue', { sex: 'F', ageYears: 60, relationToFocus: 'grandmother' }),
    ],
    links: [
      ...both('jade', 'kelly', 'mother', 'child'),
      ...both('jade', 'dean', 'father', 'child'),
      ...both('tyler', 'kelly', 'mother', 'child'),
      ...both('jade', 'tyler', 'half-sibling', 'half-sibling'),
      ...both('kelly', 'sue', 'mother', 'child'),
      ...both('jade', 'sue', 'grandparent', 'grandchild'),
      ...both('kelly', 'dean', 'partner', 'partner', false),
    ],
  };
}

function overlaps(a: PlacedPerson, b: PlacedPerson): boolean {
  return a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width && a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height;
}

const byId = (layout: { people: PlacedPerson[] }, id: string) => layout.people.find((p) => p.person.id === id)!;

describe('generations', () => {
  it('puts grandparents, parents and children in rows from the parent and child links', () => {
    const gens = assignGenerations(jadeFamily());
    expect(gens.get('sue')).toBe(0);
    expect(gens.get('kelly')).toBe(1);
    expect(gens.get('dean')).toBe(1);
    expect(gens.get('jade')).toBe(2);
    expect(gens.get('tyler')).toBe(2);
  });

  it('places step and half relations, foster carers and significant adults sensibly', () => {
    const input: GenogramInput = {
      focusId: 'c',
      people: [person('c', { isChild: true }), person('step'), person('half', { isChild: true }), person('stepsib', { isChild: true }), person('carer'), person('sig'), person('pop'), person('friend')],
      links: [
        ...both('c', 'step', 'step-parent', 'step-child'),
        ...both('c', 'half', 'half-sibling', 'half-sibling'),
        ...both('c', 'stepsib', 'step-sibling', 'step-sibling'),
        ...both('c', 'carer', 'foster-carer', 'foster-child'),
        ...both('c', 'sig', 'significant-male-adult', 'significant-adult-to'),
        ...both('c', 'pop', 'grandparent', 'grandchild'),
        ...both('c', 'friend', 'friend', 'friend'),
      ],
    };
    const gens = assignGenerations(input);
    expect(gens.get('pop')).toBe(0);
    for (const id of ['step', 'carer', 'sig']) expect(gens.get(id)).toBe(1);
    for (const id of ['c', 'half', 'stepsib', 'friend']) expect(gens.get(id)).toBe(2);
  });

  it('prefers parent links over looser ones when the data disagree', () => {
    const input: GenogramInput = {
      focusId: 'c',
      people: [person('c', { isChild: true }), person('m')],
      links: [...both('c', 'm', 'friend', 'friend'), ...both('c', 'm', 'mother', 'child')],
    };
    const gens = assignGenerations(input);
    expect(gens.get('m')! + 1).toBe(gens.get('c'));
  });

  it('does not hang on cycles in bad data', () => {
    const input: GenogramInput = {
      focusId: 'a',
      people: [person('a'), person('b'), person('c')],
      links: [...both('a', 'b', 'mother', 'child'), ...both('b', 'c', 'mother', 'child'), ...both('c', 'a', 'mother', 'child'), { personId: 'a', relatedId: 'a', type: 'mother', current: true }],
    };
    const layout = layOutGenogram(input);
    expect(layout.people).toHaveLength(3);
  });

  it('puts people with no recorded link on a row by age', () => {
    const input: GenogramInput = { focusId: 'c', people: [person('c', { isChild: true }), person('lodger', { isChild: false })], links: [] };
    const gens = assignGenerations(input);
    expect(gens.get('lodger')! + 1).toBe(gens.get('c'));
  });
});

describe('genogram layout', () => {
  it('draws squares for males, circles for females, diamonds when not known, triangles for unborn', () => {
    const layout = layOutGenogram({
      focusId: 'a',
      people: [person('a', { sex: 'M' }), person('b', { sex: 'F' }), person('c', { sex: null }), person('d', { unborn: true, sex: 'F' })],
      links: [],
    });
    expect(byId(layout, 'a').shape).toBe('square');
    expect(byId(layout, 'b').shape).toBe('circle');
    expect(byId(layout, 'c').shape).toBe('diamond');
    expect(byId(layout, 'd').shape).toBe('triangle');
    expect(byId(layout, 'a').focus).toBe(true);
  });

  it('joins a couple with a line and hangs their child from it', () => {
    const layout = layOutGenogram(jadeFamily());
    const couple = layout.lines.find((l) => l.kind === 'former-partners');
    expect(couple).toBeDefined();
    const kelly = byId(layout, 'kelly');
    const dean = byId(layout, 'dean');
    expect(Math.abs(kelly.x - dean.x)).toBeLessThan(250);
    const jade = byId(layout, 'jade');
    const descent = layout.lines.filter((l) => l.kind === 'descent');
    const reachesJade = descent.some((l) => l.points.some(([x, y]) => x === jade.x && Math.abs(y - jade.box.y) < 20));
    expect(reachesJade).toBe(true);
    const fromCouple = descent.some((l) => l.points[0]![0] === (couple!.points[0]![0] + couple!.points[1]![0]) / 2);
    expect(fromCouple).toBe(true);
  });

  it('keeps the household together and draws its boundary around only its members', () => {
    const layout = layOutGenogram(jadeFamily());
    expect(layout.households).toHaveLength(1);
    const polygon = layout.households[0]!;
    const inside = (p: PlacedPerson) => insidePolygon(polygon, p.x, p.box.y + p.box.height / 2);
    for (const placed of layout.people) expect(inside(placed)).toBe(placed.person.inHousehold);
  });

  it('has no household boundary when the person has no current household', () => {
    const input = jadeFamily();
    input.people = input.people.map((p) => ({ ...p, inHousehold: false }));
    expect(layOutGenogram(input).households).toEqual([]);
  });

  it('puts older brothers and sisters to the left of younger ones', () => {
    const input = jadeFamily();
    input.people.push(person('amy', { sex: 'F', isChild: true, dateOfBirth: '2012-01-01', inHousehold: true, relationToFocus: 'sister' }));
    input.links.push(...both('amy', 'kelly', 'mother', 'child'), ...both('amy', 'dean', 'father', 'child'), ...both('jade', 'amy', 'sibling', 'sibling'));
    const layout = layOutGenogram(input);
    expect(byId(layout, 'amy').x).toBeLessThan(byId(layout, 'jade').x);
    const fromOneLine = layout.lines.filter((l) => l.kind === 'descent' && l.points.length === 2 && l.points[0]![1] === l.points[1]![1]);
    expect(fromOneLine.some((bar) => bar.points[0]![0] <= byId(layout, 'amy').x && bar.points[1]![0] >= byId(layout, 'jade').x)).toBe(true);
  });

  it('never overlaps boxes, places everyone, and finishes on any data', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    const arbPerson = fc.record({
      sex: fc.constantFrom('M', 'F', 'U', null),
      isChild: fc.boolean(),
      inHousehold: fc.boolean(),
      unborn: fc.boolean(),
      hidden: fc.boolean(),
    });
    const arbLink = fc.record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), type: fc.constantFrom(...RELATIONSHIP_TYPES), current: fc.boolean() });
    fc.assert(
      fc.property(fc.array(arbPerson, { minLength: ids.length, maxLength: ids.length }), fc.array(arbLink, { maxLength: 40 }), (people, links) => {
        const input: GenogramInput = {
          focusId: 'a',
          people: people.map((p, i) => person(ids[i]!, { sex: p.sex as GenogramPerson['sex'], isChild: p.isChild, inHousehold: p.inHousehold, unborn: p.unborn, name: p.hidden ? null : ids[i]! })),
          links: links.map((l) => ({ personId: l.from, relatedId: l.to, type: l.type, current: l.current })),
        };
        const layout = layOutGenogram(input);
        expect(layout.people).toHaveLength(ids.length);
        for (let i = 0; i < layout.people.length; i += 1) {
          for (let j = i + 1; j < layout.people.length; j += 1) expect(overlaps(layout.people[i]!, layout.people[j]!)).toBe(false);
        }
        for (const placed of layout.people) {
          expect(placed.box.x).toBeGreaterThanOrEqual(0);
          expect(placed.box.x + placed.box.width).toBeLessThanOrEqual(layout.width);
          expect(placed.box.y + placed.box.height).toBeLessThanOrEqual(layout.height);
        }
        for (const polygon of layout.households) {
          for (const placed of layout.people) {
            if (insidePolygon(polygon, placed.x, placed.box.y + placed.box.height / 2)) expect(placed.person.inHousehold).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the family in words', () => {
  it('says who the child lives with and who lives elsewhere', () => {
    const text = describeFamily({
      focus: { name: 'Jade Brown', firstName: 'Jade', sex: 'F', ageYears: 9, isChild: true, unborn: false, deceased: false, relation: null },
      hasHousehold: true,
      livesWith: [
        { name: 'Kelly Brown', firstName: 'Kelly', sex: 'F', ageYears: 32, isChild: false, unborn: false, deceased: false, relation: 'mother' },
        { name: 'Tyler Brown', firstName: 'Tyler', sex: 'M', ageYears: 4, isChild: true, unborn: false, deceased: false, relation: 'half-brother' },
      ],
      elsewhere: [{ name: 'Dean Smith', firstName: 'Dean', sex: 'M', ageYears: 35, isChild: false, unborn: false, deceased: false, relation: 'father' }],
    });
    expect(text).toBe('Jade (9) lives with her mother Kelly Brown and her half-brother Tyler (4). Her father Dean Smith lives elsewhere.');
  });

  it('never names a person the user may not see, and lists several people plainly', () => {
    const text = describeFamily({
      focus: { name: 'Kelly Brown', firstName: 'Kelly', sex: 'F', ageYears: 32, isChild: false, unborn: false, deceased: false, relation: null },
      hasHousehold: true,
      livesWith: [
        { name: null, firstName: null, sex: null, ageYears: null, isChild: false, unborn: false, deceased: false, relation: 'child' },
        { name: 'Mark Jones', firstName: 'Mark', sex: 'M', ageYears: 40, isChild: false, unborn: false, deceased: false, relation: null },
        { name: 'Baby Brown', firstName: 'Baby', sex: null, ageYears: null, isChild: true, unborn: true, deceased: false, relation: 'child' },
      ],
      elsewhere: [
        { name: 'Dean Smith', firstName: 'Dean', sex: 'M', ageYears: 35, isChild: false, unborn: false, deceased: false, relation: 'former partner' },
        { name: 'Sue Brown', firstName: 'Sue', sex: 'F', ageYears: 60, isChild: false, unborn: false, deceased: false, relation: 'mother' },
        { name: 'John Brown', firstName: 'John', sex: 'M', ageYears: 70, isChild: false, unborn: false, deceased: true, relation: 'father' },
      ],
    });
    expect(text).toBe(
      'Kelly Brown lives with her child (a person you do not have access to), Mark Jones (no relationship recorded) and her child Baby (unborn). ' +
        'Her former partner Dean Smith and her mother Sue Brown live elsewhere. Her father John Brown has died.',
    );
  });

  it('says when there is no household', () => {
    const focus = { name: 'Sam Lee', firstName: 'Sam', sex: null, ageYears: 0, isChild: true, unborn: false, deceased: false, relation: null };
    expect(describeFamily({ focus, hasHousehold: false, livesWith: [], elsewhere: [] })).toBe('No current household is recorded for Sam (under 1).');
    expect(describeFamily({ focus, hasHousehold: true, livesWith: [], elsewhere: [] })).toBe('Sam (under 1) is the only person recorded in their household.');
  });
});

function insidePolygon(polygon: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
