/**
 * The analytical view of a chronology (H2): pure functions over entries, no I/O.
 *
 * - counts of each category per calendar quarter, with entries whose date is known only to the year
 *   counted apart (they cannot be put in a quarter);
 * - escalation: a kind of incident becoming more frequent, comparing the latest window of the period
 *   chosen (13 weeks, or half the period when it is shorter) with the window before it;
 * - gaps with no professional contact (see isProfessionalContact) longer than the council's setting,
 *   while the child was open to a service;
 * - how often things happened before and after a plan started (by default the current plan: see
 *   currentPlan).
 *
 * Dates have a precision (chronologyOrder.ts): an entry known only to the month or the year could
 * have happened on any day of it. In the counts per quarter, an entry counts when it could have
 * happened in the period: one known to the month counts in that month's quarter (a month is always
 * inside its quarter), even when the month straddles the start or the end of the period; one known
 * only to the year is counted apart, under its year (a year is never inside a quarter). In the
 * windows compared (escalation, before and after a plan), an entry counts in a window only when every
 * day it could have happened is inside it; one that straddles an edge is reported as not placed. Only
 * contacts known to the day split a stretch without contact; a gap that an imprecise contact may fall
 * in says so rather than being closed or invented by a guessed day.
 */
import { daysBetween, latestPossibleDay, type Precision } from './chronologyOrder';

export type PatternEntry = { occurredOn: string; category: string; significant: boolean; precision?: Precision; noteType?: string | null };

/** Things that happen to a child or family, whose frequency matters (not the work done about them). */
export const INCIDENT_CATEGORIES = ['contact', 'referral', 'police-incident', 'domestic-abuse', 'health', 'education', 'missing-education', 'missing', 'house-move', 'court', 'placement', 'other'] as const;

/** Work in which a professional meets or speaks with the child or family: always professional contact. */
export const CONTACT_CATEGORIES = ['visit', 'meeting', 'review'] as const;

/**
 * The kinds of case note that record direct contact with the child or family: a phone call, a
 * meeting, a home visit. A message (a text, an email or a letter: written, one way), a discussion
 * with another professional and "other" do not.
 */
export const CONTACT_NOTE_TYPES = ['phone-call', 'meeting', 'home-visit'] as const;

/**
 * Professional contact: a professional with the child or family. A visit, a meeting or a review, or
 * a case note of a phone call, a meeting or a home visit. Not a front-door contact (someone else
 * getting in touch about the child), and not a note of work between professionals.
 */
export function isProfessionalContact(entry: { category: string; noteType?: string | null }): boolean {
  if ((CONTACT_CATEGORIES as readonly string[]).includes(entry.category)) return true;
  return entry.category === 'case-note' && !!entry.noteType && (CONTACT_NOTE_TYPES as readonly string[]).includes(entry.noteType);
}

/** Every day an entry could have happened: one day when it is known (or guessed) to the day, else its month or year. */
export function possibleDays(entry: { occurredOn: string; precision?: Precision }): { first: string; last: string } {
  return { first: entry.occurredOn, last: latestPossibleDay(entry.occurredOn, entry.precision ?? 'day') };
}

/** Inside [from, to] for certain, outside it for certain, or perhaps (an imprecise date that straddles an edge). */
export function placeIn(entry: { occurredOn: string; precision?: Precision }, from: string, to: string): 'in' | 'out' | 'unsure' {
  const { first, last } = possibleDays(entry);
  if (last < from || first > to) return 'out';
  return first >= from && last <= to ? 'in' : 'unsure';
}

const MS_PER_DAY = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);

/** The calendar quarter of a date, as a sortable key: 2025-Q1 is January to March 2025. */
export function quarterOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

const QUARTER_MONTHS = ['Jan to Mar', 'Apr to Jun', 'Jul to Sep', 'Oct to Dec'];

export function quarterLabel(key: string): string {
  const [y, q] = key.split('-Q');
  return `${QUARTER_MONTHS[Number(q) - 1] ?? ''} ${y}`;
}

/** Every quarter from the one holding `from` to the one holding `to`, in order. */
export function quartersBetween(from: string, to: string): string[] {
  if (to < from) return [];
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: string[] = [];
  let index = fy * 4 + Math.floor((fm - 1) / 3);
  const last = ty * 4 + Math.floor((tm - 1) / 3);
  for (; index <= last && out.length < 400; index++) out.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  return out;
}

export type QuarterCounts = {
  quarters: string[];
  rows: { category: string; counts: number[]; total: number }[];
  totals: number[];
  /** Entries in the period whose date is known only to the year, by year: they cannot be put in a quarter. */
  yearOnly: { years: string[]; rows: { category: string; counts: number[]; total: number }[] };
};

type Rows = { category: string; counts: number[]; total: number }[];

function tally(byCategory: Map<string, number[]>): Rows {
  return [...byCategory.entries()]
    .map(([category, counts]) => ({ category, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.category < b.category ? -1 : 1));
}

/**
 * How many entries of each category happened in each quarter from `from` to `to`; categories with
 * none are left out, the most frequent first. An entry counts when it could have happened in the
 * period: one known to the month counts in that month's quarter, also when the month straddles the
 * start or the end of the period; one known only to the year is counted apart, under its year.
 */
export function countsByQuarter(entries: readonly PatternEntry[], from: string, to: string): QuarterCounts {
  const quarters = quartersBetween(from, to);
  const index = new Map(quarters.map((q, i) => [q, i]));
  const years = quarters.length > 0 ? [...new Set(quarters.map((q) => q.slice(0, 4)))] : [];
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const byCategory = new Map<string, number[]>();
  const byYear = new Map<string, number[]>();
  const totals = quarters.map(() => 0);
  for (const e of entries) {
    if (placeIn(e, from, to) === 'out') continue;
    if (e.precision === 'year') {
      const y = yearIndex.get(e.occurredOn.slice(0, 4));
      if (y === undefined) continue;
      const counts = byYear.get(e.category) ?? years.map(() => 0);
      counts[y] = (counts[y] ?? 0) + 1;
      byYear.set(e.category, counts);
      continue;
    }
    const i = index.get(quarterOf(e.occurredOn));
    if (i === undefined) continue;
    const counts = byCategory.get(e.category) ?? quarters.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    totals[i] = (totals[i] ?? 0) + 1;
    byCategory.set(e.category, counts);
  }
  const yearRows = tally(byYear);
  const usedYears = years.filter((_, i) => yearRows.some((r) => (r.counts[i] ?? 0) > 0));
  return {
    quarters,
    rows: tally(byCategory),
    totals,
    yearOnly: { years: usedYears, rows: yearRows.map((r) => ({ ...r, counts: usedYears.map((y) => r.counts[yearIndex.get(y)!] ?? 0) })) },
  };
}

export type Escalation = { category: string; recent: number; previous: number; escalating: boolean };

export type EscalationView = {
  /** The latest window: `recentFrom` to `to`; the window before it: `previousFrom` to the day before `recentFrom`. */
  to: string;
  recentFrom: string;
  previousFrom: string;
  windowDays: number;
  rows: Escalation[];
  /** Incidents whose date is not known well enough to say which window they fall in (a month across the boundary, a year). */
  unplaced: number;
};

/** The two windows escalation compares: `windowDays` (default 91) up to `to`, and the same before it, both inside the period when it is shorter than two windows. */
export function escalationWindows(to: string, opts: { from?: string | null; windowDays?: number }): { recentFrom: string; previousFrom: string; windowDays: number } {
  const wanted = opts.windowDays ?? 91;
  const periodDays = opts.from ? daysBetween(opts.from, to) + 1 : Infinity;
  const windowDays = Math.max(1, Math.min(wanted, Math.floor(periodDays / 2)));
  const recentFrom = addDays(to, -(windowDays - 1));
  return { recentFrom, previousFrom: addDays(recentFrom, -windowDays), windowDays };
}

/**
 * Each kind of incident in the latest window of the period chosen (the `windowDays` up to and
 * including `to`) against the window before it, counting only what happened inside the period
 * (from `from`). Escalating: at least 2 in the latest window and at least half as many again as
 * before (2 after 1, 3 after 2, anything after none).
 */
export function escalation(entries: readonly PatternEntry[], opts: { to: string; from?: string | null; windowDays?: number; categories?: readonly string[] }): EscalationView {
  const categories = opts.categories ?? INCIDENT_CATEGORIES;
  // Both windows lie inside the period: escalationWindows makes them shorter when it is.
  const { recentFrom, previousFrom, windowDays } = escalationWindows(opts.to, opts);
  const previousTo = addDays(recentFrom, -1);
  const result = new Map<string, { recent: number; previous: number }>();
  let unplaced = 0;
  for (const e of entries) {
    if (!categories.includes(e.category)) continue;
    const where = placeIn(e, recentFrom, opts.to) === 'in' ? 'recent' : placeIn(e, previousFrom, previousTo) === 'in' ? 'previous' : null;
    if (!where) {
      if (placeIn(e, previousFrom, opts.to) !== 'out') unplaced += 1;
      continue;
    }
    const counts = result.get(e.category) ?? { recent: 0, previous: 0 };
    counts[where] += 1;
    result.set(e.category, counts);
  }
  const rows = [...result.entries()]
    .map(([category, c]) => ({ category, ...c, escalating: c.recent >= 2 && c.recent > c.previous && c.recent * 2 >= c.previous * 3 }))
    .sort((a, b) => Number(b.escalating) - Number(a.escalating) || b.recent - a.recent || (a.category < b.category ? -1 : 1));
  return { to: opts.to, recentFrom, previousFrom, windowDays, rows, unplaced };
}

export type Period = { from: string; to: string | null };
/** `unsure`: contacts known only to the month or year (or a guessed day) that may have happened inside the gap. */
export type Gap = { from: string; to: string; days: number; weeks: number; open: boolean; unsure: number };
export type ContactPoint = { occurredOn: string; precision?: Precision };

/** Overlapping or touching periods joined into one (two children's episodes, one after another). */
export function mergePeriods(periods: readonly Period[], today: string): { from: string; to: string; open: boolean }[] {
  const sorted = periods.map((p) => ({ from: p.from, to: p.to ?? today, open: p.to === null })).filter((p) => p.from <= today).sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: { from: string; to: string; open: boolean }[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= addDays(last.to, 1)) {
      if (p.to > last.to) last.to = p.to;
      last.open = last.open || p.open;
    } else out.push({ ...p, to: p.to > today ? today : p.to });
  }
  return out;
}

/**
 * Stretches longer than `gapWeeks` weeks with no professional contact, inside the periods the
 * child or family was open to a service (from the start of a period to the first contact, between
 * contacts, and from the last contact to the end of the period, or to today while it is open).
 * With no periods, the stretch known is from the first contact to the last. Only contacts known to
 * the day end a gap; each gap counts the contacts of imprecise date that may fall inside it.
 */
export function contactGaps(contacts: readonly ContactPoint[], periods: readonly Period[], opts: { gapWeeks: number; today: string }): Gap[] {
  const exact = (c: ContactPoint) => (c.precision ?? 'day') === 'day';
  const days = [...new Set(contacts.filter((c) => exact(c) && c.occurredOn <= opts.today).map((c) => c.occurredOn))].sort();
  const imprecise = contacts.filter((c) => !exact(c) && c.occurredOn <= opts.today).map(possibleDays);
  const spans = periods.length > 0 ? mergePeriods(periods, opts.today) : days.length > 0 ? [{ from: days[0]!, to: days[days.length - 1]!, open: false }] : [];
  const limit = opts.gapWeeks * 7;
  const gaps: Gap[] = [];
  for (const span of spans) {
    const points = [span.from, ...days.filter((d) => d > span.from && d < span.to), span.to];
    for (let i = 1; i < points.length; i++) {
      const from = points[i - 1]!;
      const to = points[i]!;
      const length = daysBetween(from, to);
      if (length <= limit) continue;
      const unsure = imprecise.filter((p) => p.last > from && p.first < to).length;
      gaps.push({ from, to, days: length, weeks: Math.floor(length / 7), open: span.open && i === points.length - 1, unsure });
    }
  }
  return gaps;
}

export type BeforeAfter = {
  planStart: string;
  beforeFrom: string;
  afterTo: string;
  beforeDays: number;
  afterDays: number;
  rows: { category: string; before: number; after: number; beforePerQuarter: number; afterPerQuarter: number }[];
  /** Incidents whose date is not known well enough to say whether they were before or after. */
  unplaced: number;
};

const perQuarter = (count: number, days: number) => (days <= 0 ? 0 : Math.round((count / days) * 91 * 10) / 10);

/**
 * How often each kind of incident happened in the `windowDays` before the plan started and in the
 * same length of time after it (up to today, when less has passed), as counts and as a rate per
 * quarter (91 days) so a short "after" can be compared fairly.
 */
export function beforeAndAfter(entries: readonly PatternEntry[], planStart: string, opts: { today: string; windowDays?: number; categories?: readonly string[] }): BeforeAfter {
  const windowDays = opts.windowDays ?? 365;
  const categories = opts.categories ?? INCIDENT_CATEGORIES;
  const beforeFrom = addDays(planStart, -windowDays);
  const beforeTo = addDays(planStart, -1);
  const afterEnd = addDays(planStart, windowDays - 1);
  const afterTo = afterEnd < opts.today ? afterEnd : opts.today;
  const beforeDays = windowDays;
  const afterDays = Math.max(0, daysBetween(planStart, afterTo) + 1);
  const counts = new Map<string, { before: number; after: number }>();
  let unplaced = 0;
  for (const e of entries) {
    if (!categories.includes(e.category)) continue;
    const where = placeIn(e, beforeFrom, beforeTo) === 'in' ? 'before' : afterDays > 0 && placeIn(e, planStart, afterTo) === 'in' ? 'after' : null;
    if (!where) {
      if (placeIn(e, beforeFrom, afterTo) !== 'out') unplaced += 1;
      continue;
    }
    const c = counts.get(e.category) ?? { before: 0, after: 0 };
    c[where] += 1;
    counts.set(e.category, c);
  }
  const rows = [...counts.entries()]
    .map(([category, c]) => ({ category, ...c, beforePerQuarter: perQuarter(c.before, beforeDays), afterPerQuarter: perQuarter(c.after, afterDays) }))
    .sort((a, b) => b.before + b.after - (a.before + a.after) || (a.category < b.category ? -1 : 1));
  return { planStart, beforeFrom, afterTo, beforeDays, afterDays, rows, unplaced };
}

/** The plans whose start the view can compare before and after: child in need, child protection and looked after. */
export const PLAN_TYPES = ['child-in-need', 'child-protection', 'looked-after'] as const;

export type PlanEpisode = { id: string; personId?: string; type: string; startDate: string; endDate: string | null };

/** The plans to choose from, most recent start first, each with whether it is open today. */
export function planChoices<T extends PlanEpisode>(episodes: readonly T[], today: string): (T & { open: boolean })[] {
  return episodes
    .filter((e) => (PLAN_TYPES as readonly string[]).includes(e.type) && e.startDate <= today)
    .map((e) => ({ ...e, open: e.endDate === null || e.endDate >= today }))
    .sort((a, b) => (a.startDate === b.startDate ? (a.id < b.id ? -1 : 1) : a.startDate < b.startDate ? 1 : -1));
}

/** The current plan: the most recent child in need, child protection or looked after episode open today, else the most recent one; null when there is none. */
export function currentPlan<T extends PlanEpisode>(episodes: readonly T[], today: string): (T & { open: boolean }) | null {
  const choices = planChoices(episodes, today);
  return choices.find((e) => e.open) ?? choices[0] ?? null;
}
