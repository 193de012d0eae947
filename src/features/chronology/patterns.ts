/**
 * The analytical view put together from the pure pattern functions (domain/chronologyPatterns.ts):
 * counts per quarter over a range, escalation within that range, gaps in professional contact while
 * the child was open to a service, before and after a plan started (the current plan, or the one
 * chosen), and the significant events for the timeline.
 */
import {
  beforeAndAfter,
  contactGaps,
  countsByQuarter,
  currentPlan,
  escalation,
  isProfessionalContact,
  planChoices,
  quartersBetween,
  type BeforeAfter,
  type EscalationView,
  type Gap,
  type QuarterCounts,
} from '../../domain/chronologyPatterns';
import type { Precision } from '../../domain/chronologyOrder';

export type PatternOptions = {
  /** A date typed to compare before and after (wins over the plan chosen). */
  planStart: string | null;
  /** The plan (episode id) chosen from the list; null for the current plan. */
  planEpisode: string | null;
  from: string | null;
  to: string | null;
  gapWeeks: number;
  today: string;
};

export type PatternInput = { id: string; occurredOn: string; precision: Precision; category: string; significant: boolean; summary: string | null; noteType: string | null };

export type PatternEpisode = { id: string; personId: string; type: string; startDate: string; endDate: string | null };

export type PlanChoice = PatternEpisode & { open: boolean };

export type Patterns = {
  from: string;
  to: string;
  counts: QuarterCounts;
  escalation: EscalationView;
  gaps: Gap[];
  /** The plans that can be compared, most recent first, and the one compared (null: a typed date, or none). */
  plans: PlanChoice[];
  plan: PlanChoice | null;
  planStart: string | null;
  planStartChosen: boolean;
  /** The plan chosen from the list is not one of this child's (or family's): the current one is used. */
  planEpisodeUnknown: boolean;
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

export function patternsFor(entries: PatternInput[], episodes: PatternEpisode[], opts: PatternOptions): Patterns {
  const earliest = entries.reduce<string | null>((least, e) => (least === null || e.occurredOn < least ? e.occurredOn : least), null);
  // By default the last three years (twelve quarters), or less when the history is shorter.
  const threeYears = quarterStart(opts.today, 11);
  const from = opts.from ?? (earliest && earliest > threeYears ? quarterStart(earliest, 0) : threeYears);
  const to = opts.to ?? opts.today;
  const contacts = entries.filter(isProfessionalContact);
  const plans = planChoices(episodes, opts.today);
  const picked = opts.planEpisode ? (plans.find((p) => p.id === opts.planEpisode) ?? null) : null;
  const plan = opts.planStart ? null : (picked ?? currentPlan(episodes, opts.today));
  const planStart = opts.planStart ?? plan?.startDate ?? null;
  const significant = entries.filter((e) => e.significant).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : 1));
  return {
    from,
    to,
    counts: countsByQuarter(entries, from, to),
    // The latest 13 weeks of the period chosen against the 13 before; with no start chosen, the period is open-ended.
    escalation: escalation(entries, { to, from: opts.from }),
    gaps: contactGaps(
      contacts,
      episodes.map((e) => ({ from: e.startDate, to: e.endDate })),
      { gapWeeks: opts.gapWeeks, today: opts.today },
    ),
    plans,
    plan,
    planStart,
    planStartChosen: opts.planStart !== null,
    planEpisodeUnknown: opts.planEpisode !== null && picked === null,
    beforeAfter: planStart ? beforeAndAfter(entries, planStart, { today: opts.today }) : null,
    significant,
    professionalContacts: contacts.length,
    entries: entries.length,
    openPeriods: episodes.length,
  };
}

/** Too many quarters for one chart or table: the range must be narrowed (ten years is 40 quarters). */
export function tooManyQuarters(from: string, to: string): boolean {
  return quartersBetween(from, to).length > 44;
}
