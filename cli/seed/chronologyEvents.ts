/**
 * One family's chronology for the seeds: the entries Hearth makes from the family's contacts,
 * decisions, allocations and episodes (the same words as the app, from features/chronology/
 * fromRecords.ts), and entries typed by workers over ten years: household events (domestic abuse,
 * police, house moves, court) linked to every child living there at the time and the adults, and
 * each child's own (school, health, missing, placements). Some are typed late; a few dates are known
 * only to the month or year. Pure: the same generator state gives the same rows.
 */
import type { Random } from '../../src/domain/random';
import { EPISODE_TYPE, labelFor } from '../../src/domain/codes';
import type { chronologyEntries, chronologyLinks } from '../../src/features/chronology/tables';
import type { NewChronologyEntry } from '../../src/features/chronology/record';
import { allocationEntry, contactDecisionEntry, contactRecordedEntry, episodeClosedEntry } from '../../src/features/chronology/fromRecords';
import { at, isoDay as isoDayOf, toDay } from './days';
import type { AllocationRow, ContactChildRow, ContactRow, EpisodeRow, HouseholdMemberRow, PersonRow } from './model';
import { CHILD_EVENTS, CHILD_WEIGHTS, FAMILY_EVENTS, FAMILY_WEIGHTS, SIGNIFICANT, SOURCES } from './chronologyTexts';

export type SeedEntry = typeof chronologyEntries.$inferInsert & { id: string };
export type SeedLink = typeof chronologyLinks.$inferInsert;

export type FamilyInput = {
  people: Pick<PersonRow, 'id' | 'kind' | 'firstName' | 'knownAs' | 'lastName' | 'dateOfBirth' | 'sex'>[];
  householdMembers: Pick<HouseholdMemberRow, 'householdId' | 'personId' | 'fromDate' | 'toDate'>[];
  contacts: ContactRow[];
  contactChildren: ContactChildRow[];
  episodes: EpisodeRow[];
  allocations: AllocationRow[];
};

export type StaffNames = { users: Map<string, string>; teams: Map<string, string> };

/** How busy a family's chronology is: most are ordinary, a few (for the benchmark) very long. */
export type Size = 'ordinary' | 'long';

/** isoDay, remembered: the generator turns the same few thousand days into dates millions of times. */
const isoDays = new Map<number, string>();
function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = isoDayOf(day);
    if (isoDays.size > 50_000) isoDays.clear();
    isoDays.set(day, iso);
  }
  return iso;
}

const dateOf = (d: Date | string | null | undefined): string | null => (d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === 'string' ? d.slice(0, 10) : null);

export function familyChronology(r: Random, f: FamilyInput, names: StaffNames, opts: { today: string; now: Date; size: Size }): { entries: SeedEntry[]; links: SeedLink[] } {
  const entries: SeedEntry[] = [];
  const links: SeedLink[] = [];
  const today = toDay(opts.today);
  const people = new Map(f.people.map((p) => [p.id, p]));
  const workers = [...new Set([...f.allocations.map((a) => a.workerId), ...f.contacts.map((c) => c.recordedBy)].filter((w): w is string => !!w))];
  const nameOf = (id: string) => {
    const p = people.get(id);
    return p ? `${p.knownAs ?? p.firstName} ${p.lastName}` : 'a child';
  };

  const add = (e: NewChronologyEntry, recordedAt: Date, recordedBy: string | null) => {
    const id = r.uuid();
    const at = recordedAt.getTime() > opts.now.getTime() ? opts.now : recordedAt;
    const significance = e.significance ?? 'routine';
    entries.push({
      id,
      occurredOn: e.occurredOn,
      occurredPrecision: e.occurredPrecision ?? 'day',
      category: e.category,
      summary: e.summary,
      significance,
      sourceKind: e.sourceKind ?? 'hearth',
      sourceName: e.sourceName ?? null,
      sourceAgency: e.sourceAgency ?? null,
      impact: e.impact ?? null,
      originType: e.originType ?? 'entry',
      originId: e.originId ?? null,
      recordedAt: at,
      recordedBy,
      updatedAt: at,
      // Never changed since it was recorded: no one to name (and one foreign key check fewer per row when loading millions).
      updatedBy: null,
      version: 1,
    });
    for (const personId of new Set(e.personIds)) links.push({ entryId: id, personId, occurredOn: e.occurredOn, recordedAt: at, significant: significance === 'significant', category: e.category });
  };
  const office = (day: number) => at(day, r.int(480, 1080));

  // What Hearth made from the family's records.
  const onContact = new Map<string, string[]>();
  for (const cc of f.contactChildren) {
    const list = onContact.get(cc.contactId);
    if (list) list.push(cc.personId);
    else onContact.set(cc.contactId, [cc.personId]);
  }
  for (const c of f.contacts) {
    if (!c.id) continue;
    const contactId = c.id;
    const children = onContact.get(contactId) ?? [];
    if (children.length === 0) continue;
    const recordedAt = c.createdAt instanceof Date ? c.createdAt : office(toDay(c.receivedOn));
    add(contactRecordedEntry(contactId, { receivedOn: c.receivedOn, source: c.sourceCode, referrerName: c.referrerName ?? null, referrerAgency: c.referrerAgency ?? null, concern: c.concern, children }), recordedAt, c.recordedBy ?? null);
    if (c.decision && c.decidedAt instanceof Date) {
      const type = c.decision === 'referral' ? 'child-in-need' : c.decision === 'early-help' ? 'early-help' : null;
      const opened = children.map((personId) => ({ personId, episodeOpened: !!type && f.episodes.some((e) => e.personId === personId && e.type === type && e.startDate >= c.receivedOn && e.startDate <= dateOf(c.decidedAt)!) }));
      const entry = contactDecisionEntry(contactId, { decision: c.decision, decisionReason: c.decisionReason ?? '', decidedOn: dateOf(c.decidedAt)!, receivedOn: c.receivedOn }, children.map((id) => ({ id, name: nameOf(id) })), opened);
      add(entry, c.decidedAt, c.decidedBy ?? null);
    }
  }
  const grouped = <T>(rows: T[], key: (row: T) => string | null) => {
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const k = key(row);
      if (k === null) continue;
      const group = groups.get(k);
      if (group) group.push(row);
      else groups.set(k, [row]);
    }
    return [...groups.values()];
  };
  for (const group of grouped(f.allocations, (a) => `${a.fromDate}|${a.teamId}|${a.workerId}|${a.reason}`)) {
    const a = group[0]!;
    const entry = allocationEntry(a.id!, a.personId, { teamName: names.teams.get(a.teamId) ?? 'a team', workerName: a.workerId ? (names.users.get(a.workerId) ?? null) : null, fromDate: a.fromDate, reason: a.reason ?? null });
    add({ ...entry, personIds: group.map((g) => g.personId) }, a.createdAt instanceof Date ? a.createdAt : office(toDay(a.fromDate)), null);
  }
  for (const group of grouped(f.episodes, (e) => (e.endDate && e.closureReason ? `${e.endDate}|${e.type}|${e.closureReason}` : null))) {
    const e = group[0]!;
    const entry = episodeClosedEntry(e.id!, e.personId, { type: e.type, endDate: e.endDate!, closureReason: e.closureReason! }, false);
    add({ ...entry, personIds: group.map((g) => g.personId) }, office(toDay(e.endDate!) + r.int(0, 3)), workers.length ? r.pick(workers) : null);
  }
  // Stages that no contact decision opens: child protection plans, care, leaving care.
  for (const group of grouped(f.episodes, (e) => (e.type === 'child-protection' || e.type === 'looked-after' || e.type === 'care-leaver' ? `${e.startDate}|${e.type}` : null))) {
    const e = group[0]!;
    const summary = e.type === 'child-protection' ? 'Child protection plan started after an initial child protection conference.' : e.type === 'looked-after' ? 'Started to be looked after by the council.' : 'Care leaver: support from the leaving care team started.';
    add(
      { occurredOn: e.startDate, category: 'episode', summary: `${labelFor(EPISODE_TYPE, e.type)} episode opened. ${summary}`, significance: e.type === 'care-leaver' ? 'routine' : 'significant', sourceKind: 'hearth', originType: 'episode', originId: e.id!, personIds: group.map((g) => g.personId) },
      e.createdAt instanceof Date ? e.createdAt : office(toDay(e.startDate)),
      workers.length ? r.pick(workers) : null,
    );
  }

  // Entries workers typed, over the years the family has been known.
  const children = f.people.filter((p) => p.kind === 'child' && p.dateOfBirth);
  if (children.length === 0) return { entries, links };
  const born = (p: { dateOfBirth?: string | null }) => toDay(p.dateOfBirth!);
  const windowStart = Math.max(today - 3650, Math.min(...children.map(born)));
  const span = today - windowStart;
  if (span < 30) return { entries, links };
  const byHousehold = new Map<string, FamilyInput['householdMembers']>();
  for (const m of f.householdMembers) {
    const list = byHousehold.get(m.householdId);
    if (list) list.push(m);
    else byHousehold.set(m.householdId, [m]);
  }
  const home = [...byHousehold.values()].sort((a, b) => b.filter((m) => people.get(m.personId)?.kind === 'child').length - a.filter((m) => people.get(m.personId)?.kind === 'child').length)[0] ?? [];
  const mother = f.people.find((p) => p.kind === 'adult' && p.sex === 'F' && home.some((m) => m.personId === p.id)) ?? f.people.find((p) => p.kind === 'adult');
  const mum = mother ? (mother.knownAs ?? mother.firstName) : 'Mum';
  const livingAt = (day: number) => {
    const iso = isoDay(day);
    return home.filter((m) => (!m.fromDate || m.fromDate <= iso) && (!m.toDate || m.toDate >= iso)).map((m) => people.get(m.personId)).filter((p): p is NonNullable<typeof p> => !!p && (p.kind === 'adult' || (!!p.dateOfBirth && born(p) <= day && day - born(p) < 18 * 365)));
  };
  const lookedAfter = new Set(f.episodes.filter((e) => e.type === 'looked-after').map((e) => e.personId));
  const busy = Math.min(1.8, 0.6 + f.contacts.length / 10);
  const long = opts.size === 'long';

  const typed = (category: string, text: { summary: string; impact: string }, day: number, child: string, personIds: string[]) => {
    const precision = r.weighted([['day', 88], ['month', 6], ['year', 2], ['approximate', 4]] as const);
    const iso = isoDay(day);
    const occurredOn = precision === 'month' ? `${iso.slice(0, 7)}-01` : precision === 'year' ? `${iso.slice(0, 4)}-01-01` : iso;
    const significant = r.chance(SIGNIFICANT[category] ?? 0.1);
    const source = r.pick(SOURCES[category] ?? SOURCES.other!);
    const fill = (s: string) => s.replaceAll('{child}', child).replaceAll('{mum}', mum);
    const lag = r.weighted([[0, 30], [1, 25], [r.int(2, 6), 33], [r.int(7, 60), 12]] as const);
    add(
      {
        occurredOn,
        occurredPrecision: precision,
        category: category as NewChronologyEntry['category'],
        summary: fill(text.summary),
        significance: significant ? 'significant' : 'routine',
        sourceKind: source.agency ? 'agency' : 'person',
        sourceAgency: source.agency,
        sourceName: fill(r.pick(source.names)),
        impact: significant || r.chance(0.35) ? fill(text.impact) : null,
        originType: 'entry',
        personIds,
      },
      office(day + lag),
      workers.length ? r.pick(workers) : null,
    );
  };

  // A long history (for the benchmark) has about 2,000 entries in all: 1,000 for the household, 950 shared among the children.
  const familyCount = long ? r.int(950, 1050) : Math.round((span / 365) * r.int(2, 4) * busy);
  const childBudget = long ? Math.round(r.int(900, 1000) / children.length) : 0;
  for (let i = 0; i < familyCount; i++) {
    const day = windowStart + r.int(0, span);
    const present = livingAt(day);
    const kids = present.filter((p) => p.kind === 'child');
    if (kids.length === 0) continue;
    const category = r.weighted(FAMILY_WEIGHTS);
    const named = r.pick(kids);
    typed(category, r.pick(FAMILY_EVENTS[category]!), day, named.knownAs ?? named.firstName, present.map((p) => p.id));
  }
  for (const child of children) {
    const from = Math.max(windowStart, born(child));
    const years = Math.max(0, Math.min(18 * 365, today - from)) / 365;
    const count = long ? childBudget : Math.round(((years * r.int(18, 32)) / 10) * busy);
    for (let i = 0; i < count; i++) {
      const day = from + r.int(0, Math.max(0, today - from));
      const age = (day - born(child)) / 365;
      if (age >= 18) continue;
      let category = r.weighted(CHILD_WEIGHTS);
      if ((category === 'missing' && age < 11) || (category === 'placement' && !lookedAfter.has(child.id))) category = 'health';
      if (category === 'education' && age < 4) category = 'health';
      typed(category, r.pick(CHILD_EVENTS[category]!), day, child.knownAs ?? child.firstName, [child.id]);
    }
  }
  return { entries, links };
}
