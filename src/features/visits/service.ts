import { randomUUID } from 'node:crypto';
import { todayInLondon } from '../../domain/dates';
import { countsForVisitSchedule, visitDueForChild, visitTypeForEpisodes, type ChildVisitDue } from '../../domain/visitSchedule';
import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { SettingsStore } from '../../platform/settings';
import { workingCalendar } from '../../domain/workingDays';
import { recordChronologyEntry } from '../chronology/record';
import { childrenForRecording, type RecordedChild } from './children';
import { visitsRepository, type VisitListRow, type VisitRecord } from './repository';
import type { VisitInput } from './schema';
import { visitChronologySummary, visitIsSignificant } from './summary';
import { dueListRepository } from './dueList';
import { viewPersonPage, type PersonHeader } from '../people/header';

type Ctx = AuditContext & { actor: Actor };
type Reasons = Record<string, string>;

export const VISITS_PAGE_SIZE = 25;

/** What is kept of a child this user may not see: only that there was one. */
const HIDDEN_CHILD = { id: '', name: '', firstName: '', visible: false, restricted: false, seen: false, seenAlone: null, notSeenAloneReason: null, bedroomSeen: '', childWords: null };

/** Visits (V1): recording one for one or several children, a child's visits, one visit, and when the next is due. */
export function visitsService(db: Db, settings: SettingsStore) {
  const repo = visitsRepository(db);

  /** What the visit form needs, read on `on` (the service's database, or a page's transaction). */
  async function formFacts(on: Db, actor: Actor, personId: string, reasons: Reasons, today: string): Promise<{ children: RecordedChild[]; defaultType: string }> {
    const children = await childrenForRecording(on, actor, personId, today, reasons);
    const { episodes } = await visitsRepository(on).scheduleFacts(personId);
    return { children, defaultType: visitTypeForEpisodes(episodes) };
  }

  /** The visit frequencies and the council's calendar, in one query. */
  async function schedule() {
    const found = await settings.getMany(['visits.frequency', 'calendar.closureDays']);
    return { frequencies: found['visits.frequency'], calendar: workingCalendar(found['calendar.closureDays']) };
  }

  return {
    repo,
    lists: dueListRepository(db),
    schedule,

    /** What the form needs: the children it can be about, and the type of visit to start with. */
    async formFacts(actor: Actor, personId: string, reasons: Reasons, today = todayInLondon()): Promise<{ children: RecordedChild[]; defaultType: string }> {
      return formFacts(db, actor, personId, reasons, today);
    },

    /** The form to record a visit: the child's header and what the form needs, read and audited as a view in one transaction (a child's only). */
    async formPage(ctx: Ctx, personId: string, reasons: Reasons, today = todayInLondon()) {
      return viewPersonPage(
        db,
        ctx,
        personId,
        (person) => (person.kind === 'child' ? { action: 'visit-form-viewed' } : null),
        (tx: Db, person: PersonHeader) => (person.kind === 'child' ? formFacts(tx, ctx.actor, personId, reasons, today) : Promise.resolve({ children: [] as RecordedChild[], defaultType: '' })),
      );
    },

    /**
     * Records the visit, a part for each child, and one chronology entry linked to every child, in one
     * transaction, audited per child. The children are checked again inside the transaction: a child
     * who left the household since the form was opened is refused, and nothing is stored.
     */
    async record(ctx: Ctx, personId: string, input: VisitInput, reasons: Reasons, today = todayInLondon()): Promise<{ outcome: 'saved'; visitId: string } | { outcome: 'children-changed' }> {
      return db.transaction(async (tx) => {
        const offered = await childrenForRecording(tx, ctx.actor, personId, today, reasons);
        const known = new Set(offered.map((c) => c.id));
        if (!input.children.some((c) => c.personId === personId) || input.children.some((c) => !known.has(c.personId))) return { outcome: 'children-changed' as const };
        const visitId = randomUUID();
        const personIds = input.children.map((c) => c.personId);
        const entryId = await recordChronologyEntry(tx, ctx, {
          occurredOn: input.visitDate,
          category: 'visit',
          summary: visitChronologySummary(input, offered),
          significance: visitIsSignificant(input) ? 'significant' : 'routine',
          impact: input.analysis,
          originType: 'visit',
          originId: visitId,
          personIds,
        });
        await visitsRepository(tx).insert(
          { id: visitId, visitDate: input.visitDate, type: input.type, othersSeen: input.othersSeen, observed: input.observed, analysis: input.analysis, nextSteps: input.nextSteps, chronologyEntryId: entryId, recordedBy: ctx.actor.id },
          input.children.map((c) => ({ visitId, personId: c.personId, visitDate: input.visitDate, seen: c.seen, seenAlone: c.seenAlone, notSeenAloneReason: c.notSeenAloneReason, bedroomSeen: c.bedroomSeen, childWords: c.childWords, countsForSchedule: countsForVisitSchedule({ type: input.type, seen: c.seen }) })),
        );
        for (const child of input.children) {
          await audit(tx, ctx, { action: 'visit-recorded', subjectType: 'visit', subjectId: visitId, childId: child.personId, reason: reasons[child.personId] ?? null, details: { children: personIds.length, seen: child.seen } });
        }
        return { outcome: 'saved' as const, visitId };
      });
    },

    /** A page of the child's visits and when the next one is due, read and audited in one transaction. */
    async forChild(ctx: Ctx, personId: string, before: { visitDate: string; id: string } | null, reason: string | null, today = todayInLondon()): Promise<{ visits: VisitListRow[]; more: boolean; due: ChildVisitDue | null; lastSeenOn: string | null }> {
      const { frequencies, calendar } = await schedule();
      return db.transaction(async (tx) => {
        const txRepo = visitsRepository(tx);
        const found = await txRepo.forChild(ctx.actor, personId, before, VISITS_PAGE_SIZE + 1);
        const facts = await txRepo.scheduleFacts(personId);
        await audit(tx, ctx, { action: 'visits-viewed', subjectType: 'person', subjectId: personId, childId: personId, reason });
        const due = visitDueForChild({ openEpisodes: facts.episodes, lastSeenOn: facts.lastSeenOn, frequencies, today, calendar });
        return { visits: found.slice(0, VISITS_PAGE_SIZE), more: found.length > VISITS_PAGE_SIZE, due, lastSeenOn: facts.lastSeenOn };
      });
    },

    /**
     * One visit of this child's, read and audited in one transaction: a row for every child whose part
     * is shown (this child, and each other child on the visit whose record this user may open). Null
     * when it does not concern this child.
     */
    async open(ctx: Ctx, personId: string, visitId: string, reasons: Reasons): Promise<VisitRecord | null> {
      return db.transaction(async (tx) => {
        const visit = await visitsRepository(tx).find(ctx.actor, visitId, personId);
        if (!visit) return null;
        // Other children on the visit are shown only where this user may open their record.
        const shown = (c: { id: string; visible: boolean; restricted: boolean }) => c.id === personId || (c.visible && (!c.restricted || !!reasons[c.id]));
        for (const child of visit.children.filter(shown)) {
          await audit(tx, ctx, { action: 'visit-viewed', subjectType: 'visit', subjectId: visitId, childId: child.id, reason: reasons[child.id] ?? null, details: child.id === personId ? {} : { openedFrom: personId } });
        }
        visit.children = visit.children.map((c) => (shown(c) ? c : HIDDEN_CHILD));
        return visit;
      });
    },
  };
}

export type VisitsService = ReturnType<typeof visitsService>;
