/**
 * The history of a visit (V1): every version is kept whole (visit_revisions.data), and what changed
 * from one version to the next is said in the words of the form. Pure.
 */
import type { VisitChildInput, VisitInput } from './schema';

/** A version of a visit as kept in its history: the visit and every child's part. */
export type VisitSnapshot = Omit<VisitInput, 'children'> & { children: VisitChildInput[] };

const FIELDS: { key: keyof Omit<VisitSnapshot, 'children'>; label: string }[] = [
  { key: 'visitDate', label: 'Date of the visit' },
  { key: 'type', label: 'Type of visit' },
  { key: 'othersSeen', label: 'Who else was seen' },
  { key: 'observed', label: 'What was seen and heard' },
  { key: 'analysis', label: 'What it means for the child' },
  { key: 'nextSteps', label: 'What happens next' },
];

const PART_FIELDS: { keys: (keyof VisitChildInput)[]; label: string }[] = [
  { keys: ['seen', 'seenAlone'], label: 'seen' },
  { keys: ['notSeenAloneReason'], label: 'why not seen alone' },
  { keys: ['bedroomSeen'], label: 'bedroom' },
  { keys: ['childWords'], label: 'in their own words' },
];

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The snapshot kept for a visit: what was saved, in a fixed order (children by id). */
export function visitSnapshot(visit: Omit<VisitInput, 'children'> & { children: VisitChildInput[] }): VisitSnapshot {
  return {
    visitDate: visit.visitDate,
    type: visit.type,
    othersSeen: visit.othersSeen,
    observed: visit.observed,
    analysis: visit.analysis,
    nextSteps: visit.nextSteps,
    children: [...visit.children]
      .sort((a, b) => (a.personId < b.personId ? -1 : 1))
      .map((c) => ({ personId: c.personId, seen: c.seen, seenAlone: c.seenAlone, notSeenAloneReason: c.notSeenAloneReason, bedroomSeen: c.bedroomSeen, childWords: c.childWords })),
  };
}

/**
 * What changed between two versions, as the form's questions: "What it means for the child",
 * "Amara: bedroom". `nameOf` gives the first name of a child this user may see, or null: a child
 * whose record they cannot open is "another child", never named.
 */
export function visitChanges(before: VisitSnapshot, after: VisitSnapshot, nameOf: (personId: string) => string | null): string[] {
  const out = FIELDS.filter((f) => !same(before[f.key], after[f.key])).map((f) => f.label);
  const ids = [...new Set([...before.children.map((c) => c.personId), ...after.children.map((c) => c.personId)])];
  for (const id of ids) {
    const a = before.children.find((c) => c.personId === id);
    const b = after.children.find((c) => c.personId === id);
    const changed = PART_FIELDS.filter((f) => f.keys.some((k) => !same(a?.[k], b?.[k])));
    if (changed.length === 0) continue;
    const name = nameOf(id);
    if (name === null) out.push('Another child’s part');
    else out.push(...changed.map((f) => `${name}: ${f.label}`));
  }
  return [...new Set(out)];
}

/** A snapshot read back from the database (jsonb), or null when it is not one. */
export function readSnapshot(data: unknown): VisitSnapshot | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Partial<VisitSnapshot>;
  if (typeof d.visitDate !== 'string' || typeof d.type !== 'string' || !Array.isArray(d.children)) return null;
  return d as VisitSnapshot;
}

/** Each version with what changed from the one before it (nothing for the first, or where a version's data is missing). */
export function historyRows<T extends { version: number; data: VisitSnapshot | null }>(revisions: readonly T[], nameOf: (personId: string) => string | null): (T & { changes: string[] })[] {
  return revisions.map((r, i) => {
    const before = i > 0 ? revisions[i - 1]!.data : null;
    return { ...r, changes: before && r.data ? visitChanges(before, r.data, nameOf) : [] };
  });
}
