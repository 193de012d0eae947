/**
 * The entry form's data (GOV.UK component items with what was typed kept), an entry's fields as a
 * summary list, and its history: each kept version with what changed from the one before.
 */
import { describeOccurred, isPrecision, partsFromOccurred, PRECISION_LABELS, PRECISIONS, type Precision } from '../../domain/chronologyOrder';
import { londonDateTime } from './londonTime';
import { list, text } from '../../platform/validation';
import type { EntryRecord, Revision } from './entryRepository';
import { sourceText } from './present';
import type { ConcernedPerson, FamilyMember } from './repository';
import { categoryLabel, LIMITS, TYPED_CATEGORIES } from './schema';

/** An entry's content, the same shape whichever version or form it comes from. */
export type EntryData = {
  occurredOn: string;
  occurredPrecision: Precision;
  category: string;
  summary: string;
  significance: string;
  sourceKind: string;
  sourceName: string | null;
  sourceAgency: string | null;
  impact: string | null;
  personIds: string[];
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A kept revision read back (the first version stores only what was given: the rest are defaults). */
export function revisionData(data: Record<string, unknown>): EntryData {
  return {
    occurredOn: str(data.occurredOn) ?? '',
    occurredPrecision: isPrecision(data.occurredPrecision) ? data.occurredPrecision : 'day',
    category: str(data.category) ?? 'other',
    summary: str(data.summary) ?? '',
    significance: str(data.significance) ?? 'routine',
    sourceKind: str(data.sourceKind) ?? 'hearth',
    sourceName: str(data.sourceName),
    sourceAgency: str(data.sourceAgency),
    impact: str(data.impact),
    personIds: Array.isArray(data.personIds) ? data.personIds.filter((p): p is string => typeof p === 'string') : [],
  };
}

export function recordData(e: EntryRecord): EntryData {
  return { ...e, occurredPrecision: e.precision, personIds: e.people.map((p) => p.id) };
}

const FIELDS: { key: keyof EntryData; label: string }[] = [
  { key: 'occurredOn', label: 'When it happened' },
  { key: 'category', label: 'Kind of event' },
  { key: 'summary', label: 'What happened' },
  { key: 'sourceKind', label: 'Who told us' },
  { key: 'significance', label: 'Significance' },
  { key: 'impact', label: 'Impact on the child' },
  { key: 'personIds', label: 'Who it concerns' },
];

function show(d: EntryData, key: keyof EntryData, names: Map<string, string>): string {
  switch (key) {
    case 'occurredOn':
      return describeOccurred(d.occurredOn, d.occurredPrecision);
    case 'category':
      return categoryLabel(d.category);
    case 'sourceKind':
      return sourceText(d);
    case 'significance':
      return d.significance === 'significant' ? 'Significant' : 'Routine';
    case 'personIds': {
      const named = d.personIds.map((id) => names.get(id)).filter((n): n is string => !!n);
      const others = d.personIds.length - named.length;
      return [...named, ...(others > 0 ? [`${others} other ${others === 1 ? 'person' : 'people'}`] : [])].join(', ');
    }
    default:
      return String(d[key] ?? '');
  }
}

/** The fields of an entry as summary list rows. */
export function fieldRows(d: EntryData, names: Map<string, string>) {
  return FIELDS.map((f) => ({ key: { text: f.label }, value: { text: show(d, f.key, names) || 'Not given' } }));
}

/** The names this user may see, for "who it concerns". */
export function namesOf(people: readonly (ConcernedPerson | FamilyMember)[]): Map<string, string> {
  return new Map(people.filter((p) => p.visible).map((p) => [p.id, p.name]));
}

/** Every version, newest first, each with its fields and what changed from the version before it. */
export function historyView(revisions: Revision[], people: ConcernedPerson[]) {
  const names = namesOf(people);
  const datas = revisions.map((r) => revisionData(r.data));
  return {
    versions: revisions.map((r, i) => {
      const d = datas[i]!;
      const older = datas[i + 1];
      const changed = older ? FIELDS.filter((f) => show(d, f.key, names) !== show(older, f.key, names) || (f.key === 'occurredOn' && d.occurredOn !== older.occurredOn)).map((f) => f.label) : [];
      return { version: r.version, when: londonDateTime(r.changedAt), by: r.changedByName ?? 'Hearth', first: !older, changed, rows: fieldRows(d, names) };
    }),
  };
}

/** A stored entry as the form's fields. */
export function entryValues(e: EntryRecord): Record<string, unknown> {
  const parts = partsFromOccurred(e.occurredOn, e.precision);
  return {
    'occurred-day': parts.day,
    'occurred-month': parts.month,
    'occurred-year': parts.year,
    precision: e.precision,
    category: e.category,
    summary: e.summary,
    sourceKind: e.sourceKind === 'hearth' ? '' : e.sourceKind,
    sourceName: e.sourceName ?? '',
    sourceAgency: e.sourceAgency ?? '',
    significance: e.significance,
    impact: e.impact ?? '',
    people: e.people.map((p) => p.id),
    version: String(e.version),
  };
}

/** The GOV.UK items for the form, with what was typed (or saved) chosen. Text is cut to its limit + 100 so nothing huge is echoed. */
export function entryFormView(values: Record<string, unknown>, linkable: FamilyMember[]) {
  const v = (field: string, max = 100) => text(values, field).slice(0, max);
  const chosenPeople = new Set(list(values, 'people'));
  const category = v('category');
  return {
    values: {
      occurred: { day: v('occurred-day', 10), month: v('occurred-month', 10), year: v('occurred-year', 10) },
      summary: v('summary', LIMITS.summary + 100),
      sourceName: v('sourceName', LIMITS.sourceName + 100),
      sourceAgency: v('sourceAgency', LIMITS.sourceAgency + 100),
      impact: v('impact', LIMITS.impact + 100),
      version: v('version', 12),
    },
    limits: LIMITS,
    precisions: PRECISIONS.map((p) => ({ value: p, text: PRECISION_LABELS[p], checked: v('precision') === p })),
    categories: [{ value: '', text: 'Choose the kind of event' }, ...TYPED_CATEGORIES.map((c) => ({ value: c, text: categoryLabel(c), selected: c === category }))],
    sourceKind: v('sourceKind'),
    significance: v('significance'),
    people: linkable.map((m) => ({
      value: m.id,
      text: m.name,
      hint: { text: `${m.kind === 'child' ? 'Child' : 'Adult'}${m.current ? '' : ', no longer in the household'}` },
      checked: chosenPeople.has(m.id),
    })),
  };
}

/** What a conflict page posts back: every typed field, with the version now saved. */
export function hiddenPairs(body: Record<string, unknown>, version: number): [string, string][] {
  const keep = ['occurred-day', 'occurred-month', 'occurred-year', 'precision', 'category', 'summary', 'sourceKind', 'sourceName', 'sourceAgency', 'significance', 'impact'];
  const pairs: [string, string][] = keep.map((k) => [k, text(body, k)]);
  for (const id of list(body, 'people')) pairs.push(['people', id]);
  pairs.push(['version', String(version)]);
  return pairs;
}
