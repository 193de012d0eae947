/**
 * What changed between two revisions of an assessment (A10), field by field, so a worker or manager
 * can see them side by side. Pure. Nested objects are walked key by key; lists (of statements, of
 * people's views …) are lined up item by item: by `id` when the items have one, otherwise by the
 * longest run of unchanged items, so adding one statement at the top does not show every statement
 * below it as changed. Only leaves (text, numbers, yes/no) are reported; ids are not.
 */
export type Leaf = string | number | boolean | null;
export type PathPart = string | number;
export type ChangeKind = 'added' | 'removed' | 'changed';
export type FieldChange = { path: PathPart[]; kind: ChangeKind; before: Leaf; after: Leaf };
export type SectionChanges = { section: string; changes: FieldChange[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === undefined || v === null || v === '';
const asLeaf = (v: unknown): Leaf => (v === undefined || v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every changed leaf between two values, with its path from the top. */
export function diffValues(before: unknown, after: unknown, path: PathPart[] = []): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: PathPart[], out: FieldChange[]): void {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) && !isBlank(a)) walk(a, undefined, path, out);
    if (!Array.isArray(b) && !isBlank(b)) walk(undefined, b, path, out);
    walkList(Array.isArray(a) ? a : [], Array.isArray(b) ? b : [], path, out);
    return;
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) && !isBlank(a)) out.push({ path, kind: 'removed', before: asLeaf(a), after: null });
    if (!isObject(b) && !isBlank(b)) out.push({ path, kind: 'added', before: null, after: asLeaf(b) });
    const x = isObject(a) ? a : {};
    const y = isObject(b) ? b : {};
    // An item's id only lines lists up: it is not something anyone wrote.
    const keys = [...Object.keys(y), ...Object.keys(x).filter((k) => !(k in y))].filter((k) => k !== 'id');
    for (const key of keys) walk(x[key], y[key], [...path, key], out);
    return;
  }
  if (same(a, b) || (isBlank(a) && isBlank(b))) return;
  const kind: ChangeKind = isBlank(a) ? 'added' : isBlank(b) ? 'removed' : 'changed';
  out.push({ path, kind, before: isBlank(a) ? null : asLeaf(a), after: isBlank(b) ? null : asLeaf(b) });
}

const idOf = (item: unknown): string | null => {
  if (!isObject(item)) return null;
  const id = item.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

function walkList(a: unknown[], b: unknown[], path: PathPart[], out: FieldChange[]): void {
  const byId = [...a, ...b].length > 0 && [...a, ...b].every((item) => idOf(item) !== null);
  if (byId) {
    const before = new Map(a.map((item, i) => [idOf(item)!, { item, i }]));
    const seen = new Set<string>();
    b.forEach((item, i) => {
      const id = idOf(item)!;
      seen.add(id);
      walk(before.get(id)?.item, item, [...path, i], out);
    });
    a.forEach((item, i) => {
      if (!seen.has(idOf(item)!)) walk(item, undefined, [...path, i], out);
    });
    return;
  }
  for (const step of align(a, b)) {
    walk(step.before === null ? undefined : a[step.before], step.after === null ? undefined : b[step.after], [...path, step.after ?? step.before ?? 0], out);
  }
}

type Step = { before: number | null; after: number | null };

/**
 * Lines two lists up: unchanged items by their longest common run, and between those, removed and
 * added items paired in order (so an edited statement shows as changed, not removed and added).
 * Very long lists fall back to pairing by position.
 */
export function align(a: unknown[], b: unknown[]): Step[] {
  const keysA = a.map((v) => JSON.stringify(v ?? null));
  const keysB = b.map((v) => JSON.stringify(v ?? null));
  if (a.length * b.length > 250_000) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => ({ before: i < a.length ? i : null, after: i < b.length ? i : null }));
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i]![j] = keysA[i] === keysB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(removed.length, added.length); k += 1) steps.push({ before: removed[k] ?? null, after: added[k] ?? null });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && keysA[i] === keysB[j]) {
      flush();
      steps.push({ before: i, after: j });
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push(j);
      j += 1;
    } else {
      removed.push(i);
      i += 1;
    }
  }
  flush();
  return steps;
}

/** The changes between two whole contents, grouped by section, sections in the order given. */
export function diffContent(before: Obj, after: Obj, sectionOrder: readonly string[] = []): SectionChanges[] {
  const keys = [...new Set([...sectionOrder, ...Object.keys(after), ...Object.keys(before)])];
  return keys
    .map((section) => ({ section, changes: diffValues(before[section], after[section]) }))
    .filter((s) => s.changes.length > 0);
}

/** "childsWords" → "Childs words"; "danger-statements" → "Danger statements". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A path as a person reads it: "Worries › Item 2 › Source" (list positions count from 1). */
export function pathLabel(path: PathPart[], labels: Record<string, string> = {}): string {
  if (path.length === 0) return 'Whole section';
  return path.map((p) => (typeof p === 'number' ? `Item ${p + 1}` : (labels[p] ?? humanise(p)))).join(' › ');
}
