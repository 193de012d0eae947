/**
 * Visits and case notes for one family's history, with the chronology entries and links
 * they imply: what the app would have stored had workers recorded them as it happened. As with the
 * other seeded chronology entries, a seeded entry is its own first version (no chronology revision
 * rows); a seeded case note keeps its first version, so changing it later keeps its history. Pure:
 * the same generator state and family always give the same rows (ids included).
 *
 * - Visits follow each referral's children (siblings referred together are visited together) at about
 *   the statutory frequency of the plan in force that day: child protection every two weeks or so,
 *   child in need every four, looked after every six, with some late. Early help and care leavers
 *   have no statutory visits. Some children open today are overdue.
 * - Case notes come two or three a month for every open episode, each about all the children worked with
 *   together or only one of them.
 */
import type { Random } from '../../src/domain/random';
import type { CaseNoteType } from '../../src/features/caseNotes/tables';
import { noteChronologySummary } from '../../src/features/caseNotes/schema';
import { visitChronologySummary } from '../../src/features/visits/summary';
import type { VisitInput } from '../../src/features/visits/schema';
import { countsForVisitSchedule } from '../../src/domain/visitSchedule';
import { ageOnDay, at, isoDay } from './days';
import { ANALYSIS, CHILD_WORDS, NEXT_STEPS, NOT_ALONE_REASONS, NOT_SEEN_REASONS, NOTE_TEXT, OBSERVED, OTHERS_SEEN, PARTICIPANTS, fill } from './visitTexts';

export type SeedEpisode = { type: string; start: number; end: number | null };
export type SeedChild = { id: string; firstName: string; dob: number | null; episodes: SeedEpisode[]; allocations: { workerId: string; from: number; to: number | null }[] };

type Row = Record<string, unknown>;
export type VisitRows = { visits: Row[]; visitChildren: Row[]; caseNotes: Row[]; caseNotePeople: Row[]; caseNoteRevisions: Row[]; entries: Row[]; links: Row[] };

export function emptyVisitRows(): VisitRows {
  return { visits: [], visitChildren: [], caseNotes: [], caseNotePeople: [], caseNoteRevisions: [], entries: [], links: [] };
}

type Regime = 'child-protection' | 'looked-after' | 'child-in-need';

const opens = (e: SeedEpisode, day: number, today: number) => e.start <= day && day <= (e.end ?? today);

/** Days to the next visit under a plan: mostly on time, sometimes late. */
function gap(r: Random, regime: Regime): number {
  const late = r.chance(0.1);
  if (regime === 'child-protection') return late ? r.int(15, 25) : r.int(8, 14);
  if (regime === 'looked-after') return late ? r.int(43, 60) : r.int(30, 42);
  return late ? r.int(31, 45) : r.int(18, 28);
}

const NOMINAL: Record<Regime, number> = { 'child-protection': 14, 'child-in-need': 28, 'looked-after': 42 };

function workerOn(child: SeedChild, day: number, today: number): string | null {
  for (const a of child.allocations) if (a.from <= day && day <= (a.to ?? today)) return a.workerId;
  return null;
}

function regimeOn(children: SeedChild[], day: number, today: number): Regime {
  const open = (type: string) => children.some((c) => c.episodes.some((e) => e.type === type && opens(e, day, today)));
  if (open('child-protection')) return 'child-protection';
  if (open('looked-after')) return 'looked-after';
  return 'child-in-need';
}

/** When the record was typed: the same day after the visit, or (sometimes) days later. */
const typedAt = (r: Random, day: number, today: number) => at(Math.min(today, day + (r.chance(0.12) ? r.int(1, 12) : 0)), r.int(600, 1080));

function addEntry(out: VisitRows, r: Random, e: { occurredOn: string; category: 'visit' | 'case-note'; summary: string; significant: boolean; impact: string | null; originId: string; recordedAt: Date; by: string; personIds: string[] }): string {
  const id = r.uuid();
  const significance = e.significant ? 'significant' : 'routine';
  out.entries.push({
    id, occurredOn: e.occurredOn, occurredPrecision: 'day', category: e.category, summary: e.summary, significance, sourceKind: 'hearth', sourceName: null, sourceAgency: null,
    impact: e.impact, originType: e.category, originId: e.originId, recordedAt: e.recordedAt, recordedBy: e.by, updatedAt: e.recordedAt, updatedBy: e.by, removedAt: null, removedReason: null, version: 1,
  });
  for (const personId of e.personIds) out.links.push({ entryId: id, personId, occurredOn: e.occurredOn, recordedAt: e.recordedAt, significant: e.significant, category: e.category });
  return id;
}

function visit(out: VisitRows, r: Random, children: SeedChild[], day: number, today: number, regime: Regime, by: string): void {
  const id = r.uuid();
  const parts = children.map((c) => {
    const age = c.dob === null ? 0 : ageOnDay(c.dob, day);
    const roll = r.next();
    const seen = age < 2 ? (roll < 0.95 ? 'not-alone' : 'not-seen') : roll < 0.85 ? 'alone' : roll < 0.93 ? 'not-alone' : 'not-seen';
    const reason = seen === 'alone' ? null : seen === 'not-seen' ? r.pick(NOT_SEEN_REASONS) : age < 2 ? NOT_ALONE_REASONS[0]! : r.pick(NOT_ALONE_REASONS.slice(1));
    return {
      personId: c.id,
      seen: seen !== 'not-seen',
      seenAlone: seen === 'not-seen' ? null : seen === 'alone',
      notSeenAloneReason: reason,
      bedroomSeen: r.weighted([['yes', 75], ['no', 15], ['not-applicable', 10]] as const),
      childWords: seen !== 'not-seen' && age >= 4 && r.chance(0.7) ? r.pick(CHILD_WORDS) : null,
    };
  });
  const name = children[0]!.firstName;
  const input: VisitInput = {
    visitDate: isoDay(day), type: regime, othersSeen: regime === 'looked-after' ? 'The foster carer' : r.pick(OTHERS_SEEN),
    observed: fill(r.pick(OBSERVED), name), analysis: fill(r.pick(ANALYSIS), name), nextSteps: fill(r.pick(NEXT_STEPS), name), children: parts,
  };
  const recordedAt = typedAt(r, day, today);
  const summary = visitChronologySummary(input, children.map((c) => ({ id: c.id, firstName: c.firstName, name: c.firstName, dateOfBirth: null, self: false, ageText: '' })));
  const entryId = addEntry(out, r, { occurredOn: input.visitDate, category: 'visit', summary, significant: parts.some((p) => !p.seen), impact: input.analysis, originId: id, recordedAt, by, personIds: parts.map((p) => p.personId) });
  out.visits.push({ id, visitDate: input.visitDate, type: regime, othersSeen: input.othersSeen, observed: input.observed, analysis: input.analysis, nextSteps: input.nextSteps, chronologyEntryId: entryId, recordedBy: by, createdAt: recordedAt, updatedAt: recordedAt, updatedBy: by, version: 1 });
  for (const p of parts) out.visitChildren.push({ visitId: id, personId: p.personId, visitDate: input.visitDate, seen: p.seen, seenAlone: p.seenAlone, notSeenAloneReason: p.notSeenAloneReason, bedroomSeen: p.bedroomSeen, childWords: p.childWords, countsForSchedule: countsForVisitSchedule({ type: regime, seen: p.seen }) });
}

const NOTE_TYPES: readonly (readonly [CaseNoteType, number])[] = [['phone-call', 35], ['message', 20], ['professional-discussion', 20], ['meeting', 10], ['home-visit', 5], ['other', 10]];

function note(out: VisitRows, r: Random, children: SeedChild[], day: number, today: number, by: string): void {
  const id = r.uuid();
  const type = r.weighted(NOTE_TYPES);
  const name = children[0]!.firstName;
  const fields = { occurredOn: isoDay(day), type, participants: r.chance(0.85) ? fill(r.pick(PARTICIPANTS[type]!), name) : null, summary: fill(r.pick(NOTE_TEXT[type]!), name), significant: r.chance(0.08) };
  const createdAt = typedAt(r, day, today);
  const personIds = children.map((c) => c.id);
  const entryId = addEntry(out, r, { occurredOn: fields.occurredOn, category: 'case-note', summary: noteChronologySummary(fields), significant: fields.significant, impact: null, originId: id, recordedAt: createdAt, by, personIds });
  out.caseNotes.push({ id, ...fields, chronologyEntryId: entryId, createdAt, createdBy: by, updatedAt: createdAt, updatedBy: by, version: 1 });
  for (const personId of personIds) out.caseNotePeople.push({ noteId: id, personId, occurredOn: fields.occurredOn, createdAt, significant: fields.significant });
  out.caseNoteRevisions.push({ noteId: id, version: 1, data: { ...fields, children: personIds }, changedBy: by, changedAt: createdAt });
}

/** Children worked with together: the same episode type starting the same day. */
function groups(children: SeedChild[], types: string[]): { type: string; start: number; children: SeedChild[] }[] {
  const found = new Map<string, { type: string; start: number; children: SeedChild[] }>();
  for (const c of children) {
    for (const e of c.episodes) {
      if (!types.includes(e.type)) continue;
      const key = `${e.type}/${e.start}`;
      const group = found.get(key) ?? { type: e.type, start: e.start, children: [] };
      if (!group.children.includes(c)) group.children.push(c);
      found.set(key, group);
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

const born = (c: SeedChild, day: number) => c.dob !== null && c.dob <= day;

/**
 * Adds a family's visits and case notes to `out`. `overdue` decides, for work still open today (and
 * the worker holding it), whether the last visit was long enough ago for the next to be overdue.
 */
export function planFamily(r: Random, children: SeedChild[], today: number, overdue: (r: Random, workerId: string | null) => boolean, out: VisitRows): void {
  for (const group of groups(children, ['child-in-need'])) {
    const openOn = (day: number) => group.children.filter((c) => born(c, day) && c.episodes.some((e) => e.type === 'child-in-need' && e.start === group.start && opens(e, day, today)));
    const last = Math.min(today, Math.max(...group.children.map((c) => c.episodes.find((e) => e.type === 'child-in-need' && e.start === group.start)?.end ?? today)));
    const openToday = openOn(today);
    const cut = openToday.length > 0 && overdue(r, workerOn(openToday[0]!, today, today)) ? today - NOMINAL[regimeOn(group.children, today, today)] - r.int(3, 15) : today;
    for (let day = group.start + r.int(2, 8); day <= Math.min(last, cut); ) {
      const concerned = openOn(day);
      const by = concerned.length > 0 ? workerOn(concerned[0]!, day, today) : null;
      const regime = regimeOn(group.children, day, today);
      if (concerned.length > 0 && by) visit(out, r, concerned, day, today, regime, by);
      day += gap(r, regime);
    }
  }
  for (const group of groups(children, ['child-in-need', 'early-help', 'care-leaver'])) {
    const openOn = (day: number) => group.children.filter((c) => born(c, day) && c.episodes.some((e) => e.type === group.type && e.start === group.start && opens(e, day, today)));
    for (let day = group.start + r.int(0, 6); day <= today; day += r.int(8, 22)) {
      const concerned = openOn(day);
      if (concerned.length === 0) {
        if (day > group.start + 30) break;
        continue;
      }
      const about = concerned.length > 1 && r.chance(0.3) ? [r.pick(concerned)] : concerned;
      const by = workerOn(about[0]!, day, today);
      if (by) note(out, r, about, day, today, by);
    }
  }
}
