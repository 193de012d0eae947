import type { Random } from '../../src/domain/random';
import { ageOnDay, at, isoDay } from './days';
import { episodeWriter, type Fixed, type Patch, type Stage } from './episodes';
import type { Away } from './homes';
import type { ContactChildRow, ContactRow, Member, Members, ReferralRow, SeedContext } from './model';
import { CONCERNS, CONSENT_AUTHORISED, CONSENT_NOT_SOUGHT, DECISION_REASONS, REFERRER_SURNAMES, referrerFor } from './texts';

/**
 * What is going on for the family today. 'natural' lets the history decide (the scale dataset);
 * the others make sure of it (the demo): open work at a stage with a chosen worker, waiting for a
 * worker, a contact waiting for a manager's decision, past involvement only, or one old contact.
 */
export type Scenario =
  | { kind: 'natural' }
  | { kind: 'allocated'; stage: Stage | 'early-help'; fixed: Fixed; /** Referred this many days before today (else drawn at random). */ referredDaysAgo?: number }
  | { kind: 'awaiting-allocation'; fixed: Fixed }
  | { kind: 'awaiting-decision' }
  | { kind: 'closed' }
  | { kind: 'contact-only' };

export type History = {
  contacts: ContactRow[];
  contactChildren: ContactChildRow[];
  referrals: ReferralRow[];
  episodes: ReturnType<typeof newSink>['episodes'];
  allocations: ReturnType<typeof newSink>['allocations'];
  current: Map<string, { teamId: string; workerId: string | null }>;
  away: Away[];
};

type Decision = 'nfa' | 'information-advice' | 'early-help' | 'referral';

const SOURCES = [['6', 28], ['2A', 18], ['3A', 3], ['3B', 4], ['3C', 1], ['3D', 3], ['3E', 3], ['3F', 1], ['1A', 4], ['1B', 2], ['1C', 1], ['1D', 1], ['2B', 2], ['4', 2], ['5A', 3], ['5B', 2], ['5C', 2], ['5D', 6], ['7', 3], ['8', 5], ['9', 3], ['10', 1]] as const;
const NEEDS = [['N1', 55], ['N2', 4], ['N3', 8], ['N4', 12], ['N5', 10], ['N6', 3], ['N7', 2], ['N8', 3], ['N9', 1], ['N0', 2]] as const;
const OPEN = Number.POSITIVE_INFINITY;

function newSink() {
  return { episodes: [] as import('./model').EpisodeRow[], allocations: [] as import('./model').AllocationRow[], current: new Map<string, { teamId: string; workerId: string | null }>(), away: [] as Away[], gone: new Set<string>() };
}

/** How many times, over ten years, this family is referred: many once, some again and again. */
function pickIntensity(r: Random): number {
  return r.weighted([[1, 19], [r.int(2, 3), 13], [r.int(4, 7), 18], [r.int(8, 14), 24], [r.int(15, 32), 26]] as const);
}

export function generateHistory(r: Random, ctx: SeedContext, m: Members, patch: Patch, scenario: Scenario): History {
  const today = ctx.today;
  const sink = newSink();
  const writer = episodeWriter(r, ctx, patch, sink);
  const contacts: ContactRow[] = [];
  const contactChildren: ContactChildRow[] = [];
  const referrals: ReferralRow[] = [];

  const eligible = (day: number): Member[] =>
    m.children.filter((c) => !sink.gone.has(c.id) && (c.dob === null ? c.edd !== null && day >= today - 30 : c.dob <= day && ageOnDay(c.dob, day) < 18));

  const contact = (day: number, children: Member[], decision: Decision | null): { id: string; source: string; need: string } => {
    const id = r.uuid();
    const source = r.weighted(SOURCES);
    const need = r.weighted(NEEDS);
    const named = children.find((c) => c.dob !== null) ?? children[0]!;
    const concern = r.pick(CONCERNS[need] ?? CONCERNS.N1!).replaceAll('{child}', named.knownAs ?? named.firstName);
    const referrer = referrerFor(r, source, r.pick(REFERRER_SURNAMES));
    const consent = r.weighted([['given', 70], ['refused', 10], ['not-sought', 20]] as const);
    const manager = patch.frontDoor.managers.length > 0 ? r.pick(patch.frontDoor.managers) : null;
    const decidedAt = decision ? at(day, day >= today - 1 ? r.int(480, 560) : r.int(600, 1050)) : null;
    contacts.push({
      id,
      receivedOn: isoDay(day),
      sourceCode: source,
      referrerName: referrer.name,
      referrerAgency: referrer.agency,
      referrerPhone: referrer.phone,
      concern,
      decision,
      decisionReason: decision ? r.pick(DECISION_REASONS[decision]!) : null,
      decidedBy: decision ? manager : null,
      decidedAt,
      consent,
      consentNotSoughtReason: consent === 'not-sought' ? r.pick(CONSENT_NOT_SOUGHT) : null,
      consentAuthorisedBy: consent === 'not-sought' && decision ? manager : null,
      consentAuthorisedAt: consent === 'not-sought' && decision ? decidedAt : null,
      consentAuthorisationReason: consent === 'not-sought' && decision ? r.pick(CONSENT_AUTHORISED) : null,
      recordedBy: patch.frontDoor.workers.length > 0 ? r.pick(patch.frontDoor.workers) : null,
      createdAt: at(day, r.int(480, 700)),
      version: 1,
    });
    for (const child of children) contactChildren.push({ contactId: id, personId: child.id });
    return { id, source, need };
  };

  const refer = (day: number, children: Member[], stage?: Stage, fixed?: Fixed): number => {
    const c = contact(day, children, 'referral');
    const { episodeIds, end } = writer.referral(children, day, stage, fixed, intensity > 6);
    for (const child of children) {
      referrals.push({
        id: r.uuid(),
        contactId: c.id,
        personId: child.id,
        episodeId: episodeIds.get(child.id) ?? null,
        referralDate: isoDay(day),
        sourceCode: c.source,
        primaryNeedCode: c.need,
        createdAt: at(day, r.int(600, 1050)),
        createdBy: null,
      });
    }
    return end;
  };

  const subset = (children: Member[]): Member[] => (children.length > 1 && r.chance(0.15) ? r.shuffle(children).slice(0, r.int(1, children.length - 1)) : children);

  // Past involvement. Forced scenarios keep the last stretch clear for what is happening now.
  const born = m.children.map((c) => c.dob).filter((d): d is number => d !== null);
  const windowStart = Math.max(today - 3650, Math.min(...born, today - 60));
  const horizon = scenario.kind === 'natural' ? today : scenario.kind === 'closed' ? today - 60 : today - 420;
  if (scenario.kind !== 'natural') writer.closeBy(scenario.kind === 'closed' ? today - 30 : today - 400);
  const intensity = scenario.kind === 'contact-only' ? 0 : scenario.kind === 'natural' || scenario.kind === 'closed' ? pickIntensity(r) : r.int(0, 3);
  const meanGap = Math.max(30, (today - windowStart) / Math.max(1, intensity * 2.4));
  let day = windowStart + r.int(0, Math.min(1200, Math.floor(meanGap)));
  let referred = 0;
  while (day < horizon && referred < intensity) {
    const children = eligible(day);
    if (children.length === 0) {
      day += r.int(60, 400);
      continue;
    }
    const chosen = subset(children);
    if (scenario.kind === 'natural' && day >= today - 3 && r.chance(0.5)) {
      contact(day, chosen, null);
      break;
    }
    const decision: Decision = r.weighted([['referral', 64], ['early-help', 10], ['information-advice', 13], ['nfa', 13]] as const);
    let end = day;
    if (decision === 'referral') {
      end = refer(day, chosen);
      referred += 1;
    } else {
      contact(day, chosen, decision);
      if (decision === 'early-help') end = writer.earlyHelp(chosen, Math.min(today, day + r.int(3, 20)));
    }
    if (end === OPEN) break;
    // Some come back within a year (a re-referral); most much later.
    day = end + (r.chance(0.25) ? r.int(14, 330) : r.int(60, Math.max(61, Math.floor(meanGap * 1.6))));
  }

  // What is happening now. A baby on the way is always part of it: work with a family during a
  // pregnancy is about the baby too (a pre-birth assessment).
  const about = (day: number): Member[] => {
    const children = eligible(day);
    if (children.length === 0) return [];
    const chosen = subset(children);
    return [...chosen, ...children.filter((c) => c.dob === null && !chosen.includes(c))];
  };
  if (scenario.kind === 'allocated' && scenario.stage === 'early-help') {
    const start = today - r.int(14, 250);
    const group = about(start - 10);
    if (group.length > 0) {
      contact(start - r.int(2, 10), group, 'early-help');
      writer.earlyHelp(group, start, scenario.fixed);
    }
  } else if (scenario.kind === 'allocated' && scenario.stage !== 'early-help') {
    const stage = scenario.stage;
    const drawn = stage === 'assessment' ? today - r.int(2, 30) : today - r.int(200, 380);
    const start = scenario.referredDaysAgo === undefined ? drawn : today - scenario.referredDaysAgo;
    const group = about(start);
    if (group.length > 0) refer(start, group, stage, scenario.fixed);
  } else if (scenario.kind === 'awaiting-allocation') {
    const start = today - r.int(0, 6);
    const group = about(start);
    if (group.length > 0) refer(start, group, 'assessment', scenario.fixed);
  } else if (scenario.kind === 'awaiting-decision') {
    const start = today - r.int(0, 2);
    const group = about(start);
    if (group.length > 0) contact(start, group, null);
  } else if (scenario.kind === 'contact-only') {
    const start = today - r.int(100, 2000);
    const group = about(start);
    if (group.length > 0) contact(start, group, r.pick(['nfa', 'information-advice'] as const));
  }
  return {
    contacts,
    contactChildren,
    referrals,
    episodes: sink.episodes,
    allocations: sink.allocations,
    current: sink.current,
    away: sink.away,
  };
}
