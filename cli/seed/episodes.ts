import type { Random } from '../../src/domain/random';
import { addYears, at, isoDay } from './days';
import type { Away } from './homes';
import type { AllocationRow, EpisodeRow, Member, SeedContext, TeamStaff } from './model';
import { ALLOCATION_REASONS } from './texts';

export type EpisodeType = 'early-help' | 'child-in-need' | 'child-protection' | 'looked-after' | 'care-leaver';

/** A family's teams: the work for one family stays in one patch. */
export type Patch = { frontDoor: TeamStaff; longTerm: TeamStaff; earlyHelp: TeamStaff; inCare: TeamStaff };

/** Who holds the case for a stretch of time: shared by the children worked with together. */
type Segment = { team: TeamStaff; worker: string | null; from: number; to: number; reason: string };

/** Who holds the work today when it is chosen rather than drawn (the demo's caseloads); worker null is waiting for a worker. */
export type Fixed = { team: TeamStaff; worker: string | null };

export type Stage = 'assessment' | 'child-in-need' | 'child-protection' | 'looked-after';

/** Where the writer keeps its rows, and each child's open allocation at the end. */
export type EpisodeSink = {
  episodes: EpisodeRow[];
  allocations: AllocationRow[];
  current: Map<string, { teamId: string; workerId: string | null }>;
  away: Away[];
  /** Children who left the family through care (adopted, or living with a special guardian or other carer): no more contacts about them. */
  gone: Set<string>;
};

const OPEN = Number.POSITIVE_INFINITY;

/**
 * Writes episodes and allocations for children worked with together. Days may run past today:
 * anything still running today is left open (no end date, no closure reason, open allocation).
 */
export function episodeWriter(r: Random, ctx: SeedContext, patch: Patch, sink: EpisodeSink) {
  const today = ctx.today;
  /** Past work (before what the demo makes happen now) all ends by this day. */
  let limit = Number.POSITIVE_INFINITY;
  const workerFor = (team: TeamStaff, to: number): string | null => {
    if (to < today - 200 && team.formerWorkers.length > 0 && r.chance(0.4)) return r.pick(team.formerWorkers);
    return team.workers.length > 0 ? r.pick(team.workers) : null;
  };
  /** A team's stretch, with changes of worker every so often; the part still running today is open. */
  const stretch = (team: TeamStaff, from: number, to: number, reason: string, fixed?: Fixed): Segment[] => {
    const segments: Segment[] = [];
    let start = from;
    let why = reason;
    while (start <= to && start <= today) {
      let end = to;
      if (r.chance(0.45)) end = Math.min(to, start + r.int(120, 540));
      if (end >= today) end = to;
      const chosen = end >= today && fixed !== undefined;
      let worker = workerFor(team, end);
      // A change of worker is a different person, where the team has one.
      for (let tries = 0; tries < 3 && segments.length > 0 && worker === segments[segments.length - 1]!.worker; tries++) worker = workerFor(team, end);
      segments.push({ team: chosen ? fixed.team : team, worker: chosen ? fixed.worker : worker, from: start, to: end, reason: why });
      start = end + 1;
      why = r.pick(ALLOCATION_REASONS.change);
    }
    return segments;
  };

  const episode = (child: Member, type: EpisodeType, start: number, end: number, closure: string): string => {
    const id = r.uuid();
    const open = end >= today;
    sink.episodes.push({
      id,
      personId: child.id,
      type,
      startDate: isoDay(start),
      endDate: open ? null : isoDay(end),
      closureReason: open ? null : closure,
      createdAt: at(start, r.int(540, 1000)),
      createdBy: null,
      version: 1,
    });
    return id;
  };

  const allocate = (child: Member, episodeId: string, segments: Segment[], limit: number): void => {
    for (const s of segments) {
      if (s.from > limit) break;
      const to = Math.min(s.to, limit);
      const open = to >= today;
      sink.allocations.push({
        id: r.uuid(),
        personId: child.id,
        episodeId,
        teamId: s.team.teamId,
        workerId: s.worker,
        fromDate: isoDay(s.from),
        toDate: open ? null : isoDay(to),
        reason: s.worker ? s.reason : ALLOCATION_REASONS.waiting,
        allocatedBy: s.team.managers.length > 0 ? r.pick(s.team.managers) : null,
        createdAt: at(s.from, r.int(540, 1000)),
      });
      if (open) sink.current.set(child.id, { teamId: s.team.teamId, workerId: s.worker });
    }
  };

  const eighteenth = (child: Member): number => (child.dob === null ? OPEN : addYears(child.dob, 18) - 1);

  /** Early help for the children, from `start`; returns the day it ended (or OPEN). */
  const earlyHelp = (children: Member[], start: number, fixed?: Fixed): number => {
    if (!fixed && (start > limit || start > today)) return start;
    let end = Math.min(start + r.int(60, 270), fixed ? OPEN : limit);
    if (fixed) end = Math.max(end, today + 100);
    const segments = stretch(patch.earlyHelp, start, end, ALLOCATION_REASONS.earlyHelp, fixed);
    for (const child of children) {
      const last = Math.min(end, eighteenth(child));
      if (last < start) continue;
      allocate(child, episode(child, 'early-help', start, last, 'RC7'), segments, last);
    }
    return end >= today ? OPEN : end;
  };

  /**
   * A referral: a child-in-need episode from `start` for each child, with an assessment by the
   * front door, then (for some) a plan with the long-term team, child protection or care.
   * `stage` and `fixed` make it still open today at that stage (the caller picks a start early
   * enough for it). Returns each child's child-in-need episode and the day the work ended (or OPEN).
   */
  const referral = (children: Member[], start: number, stage?: Stage, fixed?: Fixed, repeat = false): { episodeIds: Map<string, string>; end: number } => {
    let assess = r.int(10, 45);
    const outcome = stage
      ? { assessment: 'closed' as const, 'child-in-need': 'cin' as const, 'child-protection': 'cp' as const, 'looked-after': 'lac' as const }[stage]
      : r.weighted(repeat ? ([['closed', 62], ['cin', 30], ['cp', 7], ['lac', 1]] as const) : ([['closed', 42], ['cin', 42], ['cp', 13], ['lac', 3]] as const));
    if (stage === 'assessment') assess = Math.max(assess, today - start + 5);
    let end = start + assess;
    let closure = r.chance(0.7) ? 'RC8' : 'RC9';
    let cp: [number, number] | null = null;
    let lac: [number, number] | null = null;
    if (outcome === 'cin') end += r.int(60, repeat ? 240 : 420);
    if (outcome === 'cp') {
      const from = start + r.int(15, 40);
      cp = [from, from + r.int(90, 540)];
      end = cp[1] + r.int(30, 240);
    }
    if (outcome === 'lac') {
      const from = start + r.int(5, 150);
      lac = [from, from + r.int(120, 1600)];
      end = lac[1];
    }
    if (outcome !== 'closed') closure = r.chance(0.05) ? 'RC5' : 'RC7';
    let lacClosure = 'RC7';
    if (lac) {
      const youngest = Math.max(...children.map((c) => c.dob ?? start));
      lacClosure = start - youngest < 5 * 365 ? r.weighted([['RC1', 30], ['RC4', 25], ['RC3', 10], ['RC7', 35]] as const) : r.weighted([['RC4', 20], ['RC3', 10], ['RC7', 70]] as const);
      closure = lacClosure;
    }
    // Nothing starts after today.
    if (cp && cp[0] > today) cp = null;
    if (lac && lac[0] > today) lac = null;
    if (!stage && end > limit) {
      end = limit;
      if (cp) cp = cp[0] > limit ? null : [cp[0], Math.min(cp[1], limit)];
      if (lac) lac = lac[0] > limit ? null : [lac[0], limit];
    }
    if (stage && stage !== 'assessment') {
      end = today + 365;
      if (cp) cp[1] = today + 300;
      if (lac) lac[1] = end;
    }
    // A referral in the last week sometimes waits for a worker.
    const waiting = !stage && start >= today - 7 && r.chance(0.5) ? { team: patch.frontDoor, worker: null } : undefined;

    const fdEnd = Math.min(end, start + assess);
    const segments = stretch(patch.frontDoor, start, fdEnd, ALLOCATION_REASONS.assessment, stage === 'assessment' ? fixed : waiting);
    const ltEnd = lac ? lac[0] - 1 : end;
    if (ltEnd > fdEnd) segments.push(...stretch(patch.longTerm, fdEnd + 1, ltEnd, ALLOCATION_REASONS.transfer, lac ? undefined : fixed));
    if (lac) segments.push(...stretch(patch.inCare, Math.max(lac[0], fdEnd + 1), end, ALLOCATION_REASONS.inCare, fixed));

    const episodeIds = new Map<string, string>();
    for (const child of children) {
      const adult = eighteenth(child);
      const last = Math.min(end, adult);
      const cin = episode(child, 'child-in-need', start, last, last === adult && !lac ? (child.disabilities.length > 0 ? 'RC6' : 'RC7') : closure);
      episodeIds.set(child.id, cin);
      if (cp && cp[0] <= last) episode(child, 'child-protection', cp[0], Math.min(cp[1], last), 'RC7');
      allocate(child, cin, segments, last);
      if (!lac || lac[0] > last) continue;
      const aged18 = last === adult;
      episode(child, 'looked-after', lac[0], last, aged18 ? 'RC7' : lacClosure);
      const home = !aged18 && last < today && (lacClosure === 'RC7' || lacClosure === 'RC4');
      sink.away.push({ childId: child.id, from: lac[0], to: home ? last + 1 : null, toGrandparents: lacClosure === 'RC4' });
      if (last < today && lacClosure !== 'RC7') sink.gone.add(child.id);
      if (aged18 && adult < today) {
        // Turned 18 in care: leaving care support until 21 at most.
        const from = adult + 1;
        const to = Math.min(addYears(child.dob!, 21) - 1, from + r.int(200, 1200));
        allocate(child, episode(child, 'care-leaver', from, to, 'RC7'), stretch(patch.inCare, from, to, ALLOCATION_REASONS.leaving), to);
      }
    }
    if (closure === 'RC9' && end < today - 1 && !stage && r.chance(repeat ? 0.3 : 0.8)) {
      const younger = children.filter((c) => eighteenth(c) > end + 1);
      if (younger.length > 0) end = Math.max(end, earlyHelp(younger, end + 1));
    }
    return { episodeIds, end: end >= today ? OPEN : end };
  };

  const closeBy = (day: number): void => {
    limit = day;
  };
  return { earlyHelp, referral, closeBy };
}
