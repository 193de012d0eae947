/**
 * Genogram layout (P2): a pure function from people and their relationships to boxes, lines and
 * household outlines, ready to draw as SVG. Generations go in rows (grandparents, parents and
 * partners, children); couples are joined; children hang from their parents' line; the focus
 * person's current household is kept together in each row and outlined. Bad data (cycles,
 * contradictions, self-links) never hangs it: every person is placed exactly once.
 */
import { generationOffset, isParentLink, isSiblingLink, parentAndChild } from './relationships';
import { CELL, ROW_PITCH, type Couple, type GenogramInput, type GenogramLayout, type GenogramLink, type GenogramPerson, type PlacedPerson, type Shape } from './genogramModel';
import { drawLines, outlineHouseholds } from './genogramLines';

export * from './genogramModel';

export { describeFamily, type DescribedPerson } from './familyDescription';

/** Generation of each person, 0 = the oldest row. Structural links win over looser ones; each person is placed once. */
export function assignGenerations(input: GenogramInput): Map<string, number> {
  const ids = new Set(input.people.map((p) => p.id));
  const edges = new Map<string, { to: string; offset: number; cost: number }[]>();
  const add = (from: string, to: string, offset: number, cost: number) => {
    const list = edges.get(from) ?? [];
    list.push({ to, offset, cost });
    edges.set(from, list);
  };
  for (const link of input.links) {
    const offset = generationOffset(link.type);
    if (offset === null || link.personId === link.relatedId || !ids.has(link.personId) || !ids.has(link.relatedId)) continue;
    const structural = isParentLink(link.type) || isSiblingLink(link.type) || link.type === 'partner';
    const cost = structural ? 1 : 100;
    add(link.personId, link.relatedId, offset, cost);
    add(link.relatedId, link.personId, -offset, cost);
  }
  const gen = new Map<string, number>();
  const focus = ids.has(input.focusId) ? input.focusId : input.people[0]?.id;
  if (focus === undefined) return gen;
  // Cheapest path first (a tiny Dijkstra): a person is fixed the first time they are reached.
  const frontier: { id: string; gen: number; cost: number }[] = [{ id: focus, gen: 0, cost: 0 }];
  while (frontier.length > 0) {
    frontier.sort((a, b) => a.cost - b.cost);
    const next = frontier.shift()!;
    if (gen.has(next.id)) continue;
    gen.set(next.id, next.gen);
    for (const edge of edges.get(next.id) ?? []) {
      if (!gen.has(edge.to)) frontier.push({ id: edge.to, gen: next.gen + edge.offset, cost: next.cost + edge.cost });
    }
  }
  const focusPerson = input.people.find((p) => p.id === focus);
  for (const p of input.people) {
    if (gen.has(p.id)) continue;
    const adultBesideChild = focusPerson?.isChild === true && p.isChild === false;
    const childBesideAdult = focusPerson?.isChild === false && p.isChild === true;
    gen.set(p.id, adultBesideChild ? -1 : childBesideAdult ? 1 : 0);
  }
  const lowest = Math.min(...gen.values());
  for (const [id, g] of gen) gen.set(id, g - lowest);
  return gen;
}

export function layOutGenogram(input: GenogramInput): GenogramLayout {
  const people = dedupe(input.people);
  const byId = new Map(people.map((p) => [p.id, p]));
  const gen = assignGenerations({ ...input, people });
  const rowCount = people.length === 0 ? 0 : Math.max(...gen.values()) + 1;
  const rows: string[][] = Array.from({ length: rowCount }, () => []);
  for (const p of people) rows[gen.get(p.id)!]!.push(p.id);

  const parents = new Map<string, Set<string>>();
  for (const link of input.links) {
    const pc = parentAndChild(link.personId, link.relatedId, link.type);
    if (!pc || pc.parent === pc.child || !byId.has(pc.parent) || !byId.has(pc.child)) continue;
    parents.set(pc.child, (parents.get(pc.child) ?? new Set()).add(pc.parent));
  }
  const couples = findCouples(input.links, gen, parents, byId);
  const partnersOf = new Map<string, string[]>();
  for (const c of couples) {
    partnersOf.set(c.a, [...(partnersOf.get(c.a) ?? []), c.b]);
    partnersOf.set(c.b, [...(partnersOf.get(c.b) ?? []), c.a]);
  }

  const isHouse = (id: string) => byId.get(id)!.inHousehold;
  // Top-down: order each row's units (household first), children under their parents.
  const centre = new Map<string, number>();
  const rowUnits: string[][][] = [];
  for (let r = 0; r < rowCount; r += 1) {
    const units = orderUnits(rows[r]!, byId, partnersOf, (id) => mean([...(parents.get(id) ?? [])].map((p) => centre.get(p))));
    rowUnits.push(units);
    placeRow(units, centre, (unit) => mean(unit.flatMap((id) => [...(parents.get(id) ?? [])].map((p) => centre.get(p)))), isHouse);
  }
  // Bottom-up: centre parents over their children, keeping the order and the gaps.
  for (let r = rowCount - 2; r >= 0; r -= 1) {
    const below = new Set(rows[r + 1]);
    placeRow(rowUnits[r]!, centre, (unit) =>
      mean([...below].filter((child) => unit.some((id) => parents.get(child)?.has(id))).map((child) => centre.get(child))),
      isHouse,
    );
  }

  const minLeft = Math.min(...[...centre.values()].map((x) => x - CELL.width / 2), CELL.margin);
  const shift = CELL.margin - minLeft;
  const placed: PlacedPerson[] = people.map((p) => {
    const g = gen.get(p.id)!;
    const x = centre.get(p.id)! + shift;
    const y = CELL.margin + g * ROW_PITCH;
    return { person: p, generation: g, shape: shapeOf(p), focus: p.id === input.focusId, x, cy: y + CELL.shapeTop + CELL.shape / 2, box: { x: x - CELL.width / 2, y, width: CELL.width, height: CELL.height } };
  });
  const at = new Map(placed.map((p) => [p.person.id, p]));
  const width = Math.max(0, ...placed.map((p) => p.box.x + p.box.width)) + CELL.margin;
  const height = rowCount * ROW_PITCH - CELL.rowGap + CELL.margin + 56;
  const order = new Map<string, number>();
  rowUnits.forEach((units) => units.flat().forEach((id, i) => order.set(id, i)));
  const lines = drawLines(couples, parents, input.links, at, order, rowCount);
  return { width, height, people: placed, lines, households: outlineHouseholds(placed, rowCount) };
}

function dedupe(people: GenogramPerson[]): GenogramPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

function shapeOf(p: GenogramPerson): Shape {
  if (p.unborn) return 'triangle';
  if (p.name === null) return 'diamond';
  return p.sex === 'M' ? 'square' : p.sex === 'F' ? 'circle' : 'diamond';
}

function mean(values: (number | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

function findCouples(links: GenogramLink[], gen: Map<string, number>, parents: Map<string, Set<string>>, byId: Map<string, GenogramPerson>): Couple[] {
  const found = new Map<string, Couple>();
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const sameRow = (a: string, b: string) => a !== b && byId.has(a) && byId.has(b) && gen.get(a) === gen.get(b);
  for (const link of links) {
    if (link.type !== 'partner' || !sameRow(link.personId, link.relatedId)) continue;
    const k = key(link.personId, link.relatedId);
    const kind = link.current ? 'partners' : 'former-partners';
    const existing = found.get(k);
    if (!existing || kind === 'partners') found.set(k, { a: link.personId, b: link.relatedId, kind });
  }
  for (const set of parents.values()) {
    const list = [...set].sort();
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const [a, b] = [list[i]!, list[j]!];
        if (sameRow(a, b) && !found.has(key(a, b))) found.set(key(a, b), { a, b, kind: 'co-parents' });
      }
    }
  }
  return [...found.values()];
}

/** Units are people joined as couples within the same side of the household boundary. */
function orderUnits(row: string[], byId: Map<string, GenogramPerson>, partnersOf: Map<string, string[]>, bary: (id: string) => number | null): string[][] {
  const inside = (id: string) => byId.get(id)!.inHousehold;
  const seen = new Set<string>();
  const units: { ids: string[]; house: boolean; cross: boolean; bary: number; dob: string; index: number }[] = [];
  row.forEach((start, index) => {
    if (seen.has(start)) return;
    const component: string[] = [];
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      component.push(id);
      for (const other of partnersOf.get(id) ?? []) if (row.includes(other) && inside(other) === inside(start) && !seen.has(other)) stack.push(other);
    }
    const house = inside(start);
    const crosses = (id: string) => (partnersOf.get(id) ?? []).some((o) => row.includes(o) && inside(o) !== house);
    let ids = pathOrder(component, partnersOf, byId);
    const crosser = ids.findIndex(crosses);
    if (crosser >= 0 && ((house && crosser < ids.length - 1 - crosser) || (!house && crosser > ids.length - 1 - crosser))) ids = ids.reverse();
    const b = mean(ids.map((id) => bary(id) ?? undefined));
    const dob = ids.map((id) => byId.get(id)!.dateOfBirth ?? '9999').sort()[0]!;
    units.push({ ids, house, cross: crosser >= 0, bary: b ?? Number.POSITIVE_INFINITY, dob, index });
  });
  // Household first; on each side, the unit whose partner is across the boundary sits next to it.
  const side = (u: (typeof units)[number]) => (u.house ? 0 : 2) + (u.house === u.cross ? 1 : 0);
  units.sort((x, y) => side(x) - side(y) || x.bary - y.bary || (x.dob < y.dob ? -1 : x.dob > y.dob ? 1 : 0) || x.index - y.index);
  return units.map((u) => u.ids);
}

/** Walk a couple component from an end, so partners sit side by side (male left of female in a pair). */
function pathOrder(component: string[], partnersOf: Map<string, string[]>, byId: Map<string, GenogramPerson>): string[] {
  const inComponent = new Set(component);
  const degree = (id: string) => (partnersOf.get(id) ?? []).filter((o) => inComponent.has(o)).length;
  const rank = (id: string) => (byId.get(id)!.sex === 'M' ? 0 : byId.get(id)!.sex === 'F' ? 2 : 1);
  const sorted = [...component].sort((a, b) => degree(a) - degree(b) || rank(a) - rank(b) || (a < b ? -1 : 1));
  const out: string[] = [];
  const visit = (id: string) => {
    if (out.includes(id)) return;
    out.push(id);
    for (const o of (partnersOf.get(id) ?? []).filter((x) => inComponent.has(x)).sort()) visit(o);
  };
  for (const id of sorted) visit(id);
  return out;
}

/** Left to right, each unit as near its wished-for centre as the units before it allow: boxes never overlap. */
function placeRow(units: string[][], centre: Map<string, number>, wish: (unit: string[]) => number | null, isHouse: (id: string) => boolean): void {
  let cursor = 0;
  let previousHouse: boolean | null = null;
  units.forEach((unit) => {
    const width = unit.length * CELL.width + (unit.length - 1) * CELL.gap;
    const house = isHouse(unit[0]!);
    if (previousHouse !== null && previousHouse !== house) cursor += CELL.gap;
    const wanted = wish(unit);
    const left = Math.max(wanted === null ? cursor : wanted - width / 2, cursor);
    unit.forEach((id, i) => centre.set(id, left + i * (CELL.width + CELL.gap) + CELL.width / 2));
    cursor = left + width + CELL.gap;
    previousHouse = house;
  });
}

