/**
 * The analytical view of a chronology (H2): pure functions over entries, no I/O.
 *
 * - counts of each category per calendar quarter;
 * - escalation: a kind of incident becoming more frequent, comparing the latest window of
 *   `windowDays` (default 91 days, about a quarter) with the window before it;
 * - gaps with no professional contact (visits, case notes, meetings, reviews, contacts) longer than
 *   the council's setting, while the child was open to a service;
 * - how often things happened before and after a plan started.
 */
import { daysBetween } from './chronologyOrder';

export type PatternEntry = { occurredOn: string; category: string; significant: boolean };

/** Things that happen to a child or family, whose frequency matters (not the work done about them). */
export const INCIDENT_CATEGORIES = ['contact', 'referral', 'police-incident', 'domestic-abuse', 'health', 'education', 'missing', 'house-move', 'court', 'placement', 'other'] as const;

/** Professional contact with the child or family: a long stretch without any is a gap. */
export const PROFESSIONAL_CONTACT_CATEGORIES = ['visit', 'case-note', 'meeting', 'review', 'contact'] as const;

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

export type QuarterCounts = { quarters: string[]; rows: { category: string; counts: number[]; total: number }[]; totals: number[] };

/** How many entries of each category happened in each quarter from `from` to `to`; categories with none are left out, the most frequent first. */
export function countsByQuarter(entries: readonly PatternEntry[], from: string, to: string): QuarterCounts {
  const quarters = quartersBetween(from, to);
  const index = new Map(quarters.map((q, i) => [q, i]));
  const byCategory = new Map<string, number[]>();
  const totals = quarters.map(() => 0);
  for (const e of entries) {
    if (e.occurredOn < from || e.occurredOn > to) continue;
    const i = index.get(quarterOf(e.occurredOn));
    if (i === undefined) continue;
    const counts = byCategory.get(e.category) ?? quarters.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    totals[i] = (totals[i] ?? 0) + 1;
    byCategory.set(e.category, counts);
  }
  const rows = [...byCategory.entries()]
    .map(([category, counts]) => ({ category, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.category < b.category ? -1 : 1));
  return { quarters, rows, totals };
}

export type Escalation = { category: string; recent: number; previous: number; escalating: boolean };

/**
 * Each kind of incident in the latest window (the `windowDays` days up to and including `today`)
 * against the window before it. Escalating: at least 2 in the latest window and at least half as
 * many again as before (2 after 1, 3 after 2, anything after none).
 */
export function escalation(entries: readonly PatternEntry[], opts: { today: string; windowDays?: number; categories?: readonly string[] }): Escalation[] {
  const windowDays = opts.windowDays ?? 91;
  const categories = opts.categories ?? INCIDENT_CATEGORIES;
  const recentFrom = addDays(opts.today, -(windowDays - 1));
  const previousFrom = addDays(recentFrom, -windowDays);
  const result = new Map<string, { recent: number; previous: number }>();
  for (const e of entries) {
    if (!categories.includes(e.category) || e.occurredOn > opts.today || e.occurredOn < previousFrom) continue;
    const counts = result.get(e.category) ?? { recent: 0, previous: 0 };
    if (e.occurredOn >= recentFrom) counts.recent += 1;
    else counts.previous += 1;
    result.set(e.category, counts);
  }
  return [...result.entries()]
    .map(([category, c]) => ({ category, ...c, escalating: c.recent >= 2 && c.recent > c.previous && c.recent * 2 >= c.previous * 3 }))
    .sort((a, b) => Number(b.escalating) - Number(a.escalating) || b.recent - a.recent || (a.category < b.category ? -1 : 1));
}

export type Period = { from: string; to: string | null };
export type Gap = { from: string; to: string; days: number; weeks: number; open: boolean };

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
 * With no periods, the stretch known is from the first contact to the last.
 */
export function contactGaps(contactDays: readonly string[], periods: readonly Period[], opts: { gapWeeks: number; today: string }): Gap[] {
  const days = [...new Set(contactDays.filter((d) => d <= opts.today))].sort();
  const spans = periods.length > 0 ? mergePeriods(periods, opts.today) : days.length > 0 ? [{ from: days[0]!, to: days[days.length - 1]!, open: false }] : [];
  const limit = opts.gapWeeks * 7;
  const gaps: Gap[] = [];
  for (const span of spans) {
    const points = [span.from, ...days.filter((d) => d > span.from && d < span.to), span.to];
    for (let i = 1; i < points.length; i++) {
      const from = points[i - 1]!;
      const to = points[i]!;
      const length = daysBetween(from, to);
      if (length > limit) gaps.push({ from, to, days: length, weeks: Math.floor(length / 7), open: span.open && i === points.length - 1 });
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
  const afterEnd = addDays(planStart, windowDays - 1);
  const afterTo = afterEnd < opts.today ? afterEnd : opts.today;
  const beforeDays = windowDays;
  const afterDays = Math.max(0, daysBetween(planStart, afterTo) + 1);
  const counts = new Map<string, { before: number; after: number }>();
  for (const e of entries) {
    if (!categories.includes(e.category)) continue;
    const c = counts.get(e.category) ?? { before: 0, after: 0 };
    if (e.occurredOn >= beforeFrom && e.occurredOn < planStart) c.before += 1;
    else if (e.occurredOn >= planStart && e.occurredOn <= afterTo) c.after += 1;
    else continue;
    counts.set(e.category, c);
  }
  const rows = [...counts.entries()]
    .map(([category, c]) => ({ category, ...c, beforePerQuarter: perQuarter(c.before, beforeDays), afterPerQuarter: perQuarter(c.after, afterDays) }))
    .sort((a, b) => b.before + b.after - (a.before + a.after) || (a.category < b.category ? -1 : 1));
  return { planStart, beforeFrom, afterTo, beforeDays, afterDays, rows };
}

/** When help started: the earliest child in need or child protection episode, or null. */
export function firstPlanStart(episodes: readonly { type: string; startDate: string }[]): string | null {
  const starts = episodes.filter((e) => e.type === 'child-in-need' || e.type === 'child-protection').map((e) => e.startDate).sort();
  return starts[0] ?? null;
}
