/** The lines of a genogram (couples, descent, siblings) and its household outlines, from placed people. */
import { isSiblingLink } from './relationships';
import { CELL, OUTLINE_PAD, ROW_PITCH, type Couple, type GenogramLine, type GenogramLink, type PlacedPerson, type Point } from './genogramModel';

const coupleKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const bottomOf = (p: PlacedPerson) => p.box.y + CELL.height;
const shapeTopOf = (p: PlacedPerson) => p.box.y + CELL.shapeTop;

export function drawLines(
  couples: Couple[],
  parents: Map<string, Set<string>>,
  links: GenogramLink[],
  at: Map<string, PlacedPerson>,
  order: Map<string, number>,
  rowCount: number,
): GenogramLine[] {
  const lines: GenogramLine[] = [];
  const origins = new Map<string, Point>();
  const brackets = new Array<number>(rowCount).fill(0);

  for (const c of couples) {
    const [first, second] = [at.get(c.a)!, at.get(c.b)!];
    const [left, right] = first.x <= second.x ? [first, second] : [second, first];
    const adjacent = Math.abs(order.get(c.a)! - order.get(c.b)!) === 1;
    if (adjacent) {
      // Side by side: a line between the two shapes; the children's line drops from its middle, through the gap.
      const y = left.cy;
      lines.push({ kind: c.kind, points: [[left.x + CELL.shape / 2, y], [right.x - CELL.shape / 2, y]] });
      origins.set(coupleKey(c.a, c.b), [(left.x + right.x) / 2, y]);
    } else {
      // Someone sits between them: join them underneath their names instead.
      const k = brackets[left.generation]!++;
      const y = bottomOf(left) + 10 + 6 * (k % 5);
      lines.push({ kind: c.kind, points: [[left.x, bottomOf(left) + 2], [left.x, y], [right.x, y], [right.x, bottomOf(right) + 2]] });
      origins.set(coupleKey(c.a, c.b), [(left.x + right.x) / 2, y]);
    }
  }

  // Children hang from their parents' couple line, or from a single parent.
  const groups = new Map<string, { origin: Point; children: PlacedPerson[] }>();
  for (const [childId, parentIds] of parents) {
    const child = at.get(childId);
    if (!child) continue;
    const above = [...parentIds].map((id) => at.get(id)).filter((p): p is PlacedPerson => !!p && p.generation === child.generation - 1);
    if (above.length === 0) continue;
    let sources: { key: string; origin: Point }[] = [];
    for (let i = 0; i < above.length && sources.length === 0; i += 1) {
      for (let j = i + 1; j < above.length && sources.length === 0; j += 1) {
        const key = coupleKey(above[i]!.person.id, above[j]!.person.id);
        const origin = origins.get(key);
        if (origin) sources = [{ key, origin }];
      }
    }
    if (sources.length === 0) sources = above.map((p) => ({ key: p.person.id, origin: [p.x, bottomOf(p) + 2] as Point }));
    for (const source of sources) {
      const group = groups.get(source.key) ?? { origin: source.origin, children: [] };
      group.children.push(child);
      groups.set(source.key, group);
    }
  }
  const bars = new Array<number>(rowCount).fill(0);
  for (const { origin, children } of groups.values()) {
    const row = children[0]!.generation;
    const k = bars[row]!++;
    const barY = children[0]!.box.y - 14 - 7 * (k % 5);
    const xs = [origin[0], ...children.map((c) => c.x)];
    lines.push({ kind: 'descent', points: [origin, [origin[0], barY]] });
    if (Math.min(...xs) < Math.max(...xs)) lines.push({ kind: 'descent', points: [[Math.min(...xs), barY], [Math.max(...xs), barY]] });
    for (const child of children) lines.push({ kind: 'descent', points: [[child.x, barY], [child.x, shapeTopOf(child)]] });
  }

  // Brothers and sisters with no parent drawn in common: a bracket over them.
  const drawn = new Set<string>();
  const tops = new Array<number>(rowCount).fill(0);
  for (const link of links) {
    if (!isSiblingLink(link.type)) continue;
    const [a, b] = [at.get(link.personId), at.get(link.relatedId)];
    const key = coupleKey(link.personId, link.relatedId);
    if (!a || !b || a === b || a.generation !== b.generation || drawn.has(key)) continue;
    drawn.add(key);
    const shared = [...(parents.get(a.person.id) ?? [])].some((p) => parents.get(b.person.id)?.has(p) && at.get(p)?.generation === a.generation - 1);
    if (shared) continue;
    const [left, right] = a.x <= b.x ? [a, b] : [b, a];
    const y = left.box.y - 6 - 4 * (tops[left.generation]!++ % 3);
    lines.push({ kind: 'siblings', points: [[left.x, shapeTopOf(left)], [left.x, y], [right.x, y], [right.x, shapeTopOf(right)]] });
  }
  return lines;
}

/**
 * A dashed outline around the focus person's current household: one rectangle per row around the
 * members in that row (they sit together), joined into one staircase outline over neighbouring rows.
 */
export function outlineHouseholds(placed: PlacedPerson[], rowCount: number): Point[][] {
  const spans: ({ left: number; right: number } | null)[] = [];
  for (let r = 0; r < rowCount; r += 1) {
    const members = placed.filter((p) => p.person.inHousehold && p.generation === r);
    spans.push(
      members.length === 0
        ? null
        : { left: Math.min(...members.map((p) => p.box.x)) - OUTLINE_PAD, right: Math.max(...members.map((p) => p.box.x + p.box.width)) + OUTLINE_PAD },
    );
  }
  const rowTop = (r: number) => CELL.margin + r * ROW_PITCH;
  const polygons: Point[][] = [];
  let r = 0;
  while (r < rowCount) {
    if (!spans[r]) {
      r += 1;
      continue;
    }
    let s = r;
    while (s + 1 < rowCount && spans[s + 1]) s += 1;
    const top = (i: number) => rowTop(i) - OUTLINE_PAD;
    const bottom = (i: number) => (i < s ? rowTop(i + 1) - OUTLINE_PAD : rowTop(i) + CELL.height + OUTLINE_PAD);
    const points: Point[] = [];
    for (let i = r; i <= s; i += 1) points.push([spans[i]!.right, top(i)], [spans[i]!.right, bottom(i)]);
    for (let i = s; i >= r; i -= 1) points.push([spans[i]!.left, bottom(i)], [spans[i]!.left, top(i)]);
    polygons.push(points);
    r = s + 1;
  }
  return polygons;
}
