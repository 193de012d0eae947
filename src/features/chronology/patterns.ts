/**
 * The analytical view put together from the pure pattern functions (domain/chronologyPatterns.ts):
 * counts per quarter over a range, escalation, gaps in professional contact while the child was
 * open to a service, before and after help started, and the significant events for the timeline.
 */
import {
  beforeAndAfter,
  contactGaps,
  countsByQuarter,
  escalation,
  firstPlanStart,
  PROFESSIONAL_CONTACT_CATEGORIES,
  quartersBetween,
  type BeforeAfter,
  type Escalation,
  type Gap,
  type QuarterCounts,
} from '../../domain/chronologyPatterns';
import type { Precision } from '../../domain/chronologyOrder';

export type PatternOptions = { planStart: string | null; from: string | null; to: string | null; gapWeeks: number; today: string };

export type PatternInput = { id: string; occurredOn: string; precision: Precision; category: string; significant: boolean; summary: string | null };

export type Patterns = {
  from: string;
  to: string;
  counts: QuarterCounts;
  escalation: Escalation[];
  gaps: Gap[];
  planStart: string | null;
  planStartChosen: boolean;
  beforeAfter: BeforeAfter | null;
  significant: PatternInput[];
  professionalContacts: number;
  entries: number;
  openPeriods: number;
};

/** The first day of the quarter `back` quarters before the one holding `iso`. */
function quarterStart(iso: string, back: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const index = y * 4 + Math.floor((m - 1) / 3) - back;
  return `${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, '0')}-01`;
}

export function patternsFor(entries: PatternInput[], episodes: { type: string; startDate: string; endDate: string | null }[], opts: PatternOptions): Patterns {
  const earliest = entries.reduce<string | null>((least, e) => (least === null || e.occurredOn < least ? e.occurredOn : least), null);
  // By default the last three years (twelve quarters), or less when the history is shorter.
  const threeYears = quarterStart(opts.today, 11);
  const from = opts.from ?? (earliest && earliest > threeYears ? quarterStart(earliest, 0) : threeYears);
  const to = opts.to ?? opts.today;
  const contactDays = entries.filter((e) => (PROFESSIONAL_CONTACT_CATEGORIES as readonly string[]).includes(e.category)).map((e) => e.occurredOn);
  const planStart = opts.planStart ?? firstPlanStart(episodes);
  const significant = entries.filter((e) => e.significant).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : 1));
  return {
    from,
    to,
    counts: countsByQuarter(entries, from, to),
    escalation: escalation(entries, { today: opts.today }),
    gaps: contactGaps(
      contactDays,
      episodes.map((e) => ({ from: e.startDate, to: e.endDate })),
      { gapWeeks: opts.gapWeeks, today: opts.today },
    ),
    planStart,
    planStartChosen: opts.planStart !== null,
    beforeAfter: planStart ? beforeAndAfter(entries, planStart, { today: opts.today }) : null,
    significant,
    professionalContacts: contactDays.length,
    entries: entries.length,
    openPeriods: episodes.length,
  };
}

/** Too many quarters for one chart or table: the range must be narrowed (ten years is 40 quarters). */
export function tooManyQuarters(from: string, to: string): boolean {
  return quartersBetween(from, to).length > 44;
}
