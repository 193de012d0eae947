import { randomUUID } from 'node:crypto';
import { todayInLondon } from '../../domain/dates';
import { countsForVisitSchedule, visitDueForChild, visitTypeForEpisodes, type ChildVisitDue } from '../../domain/visitSchedule';
import { audit, type AuditContext } from '../../platform/audit';
import { CHANGE_RECORDED_WORK_NEED, mayChangeRecordedWork, type Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { SettingsStore } from '../../platform/settings';
import { workingCalendar } from '../../domain/workingDays';
import { recordChronologyEntry, significantEventReason, updateChronologyEntry } from '../chronology/record';
import { raiseReviewPrompts } from '../assessments/living/reviewPrompts';
import { childrenForRecording, type RecordedChild } from './children';
import { visitsRepository, type VisitListRow, type VisitRecord } from './repository';
import type { VisitChange, VisitInput } from './schema';
import { visitChanges, visitSnapshot, type VisitSnapshot } from './history';
import { visitChronologySummary, visitIsSignificant } from './summary';
import { dueListRepository } from './dueList';
import { viewPersonPage, type PersonHeader } from '../people/header';

type Ctx = AuditContext & { actor: Actor };
type Reasons = Record<string, string>;

export const VISITS_PAGE_SIZE = 25;

/** What is kept of a child this user may not see: only that there was one. */
const HIDDEN_CHILD = { id: '', name: '', firstName: '', visible: false, restricted: false, seen: false, seenAlone: null, notSeenAloneReason: null, bedroomSeen: '', childWords: null };

export type VisitChangeResult =
  | { outcome: 'saved' }
  | { outcome: 'not-found' }
  | { outcome: 'not-yours' }
  | { outcome: 'children-changed' }
  /** Someone saved since the form was opened: the visit as it is now, and what they changed (from the version the form started from). */
  | { outcome: 'conflict'; current: VisitRecord; changes: string[] };

/** The visit as saved, as a version for its history. */
function snapshotOf(visit: VisitRecord): VisitSnapshot {
  return visitSnapshot({
    ...visit,
    children: visit.children.map((c) => ({ personId: c.id, seen: c.seen, seenAlone: c.seenAlone, notSeenAloneReason: c.notSeenAloneReason, bedroomSeen: c.bedroomSeen as VisitSnapshot['children'][number]['bedroomSeen'], childWords: c.childWords })),
  });
}

/** Whether a child on a visit is shown on this child's page: this child, and others whose record this user may open. */
function isShown(c: { id: string; visible: boolean; restricted: boolean }, personId: string, reasons: Reasons): boolean {
  return c.id === personId || (c.visible && (!c.restricted || !!reasons[c.id]));
}

function hideUnseen(visit: VisitRecord, personId: string, reasons: Reasons): VisitRecord {
  return { ...visit, children: visit.children.map((c) => (isShown(c, personId, reasons) ? c : HIDDEN_CHILD)) };
}

/** The audit rows of a view of a visit: one for each child whose part is shown. */
function viewedRows(visit: VisitRecord, personId: string, reasons: Reasons) {
  return visit.children
    .filter((c) => isShown(c, personId, reasons))
    .map((child) => ({ action: 'visit-viewed', subjectType: 'visit', subjectId: visit.id, childId: child.id, reason: reasons[child.id] ?? null, details: child.id === personId ? {} : { openedFrom: personId } }));
}

/** Visits (V1): recording one for one or several children, a child's visits, one visit, changing it, and when the next is due. */
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
          { id: visitId, visitDate: input.visitDate, type: input.type, othersSeen: input.othersSeen, observed: input.observed, analysis: input.analysis, nextSteps: input.nextSteps, chronologyEntryId: entryId, recordedBy: ctx.actor.id, updatedBy: ctx.actor.id },
          input.children.map((c) => ({ visitId, personId: c.personId, visitDate: input.visitDate, seen: c.seen, seenAlone: c.seenAlone, notSeenAloneReason: c.notSeenAloneReason, bedroomSeen: c.bedroomSeen, childWords: c.childWords, countsForSchedule: countsForVisitSchedule({ type: input.type, seen: c.seen }) })),
        );
        await visitsRepository(tx).keepVersion(visitId, 1, visitSnapshot(input), ctx.actor.id);
        await audit(tx, ctx, input.children.map((child) => ({ action: 'visit-recorded', subjectType: 'visit', subjectId: visitId, childId: child.personId, reason: reasons[child.personId] ?? null, details: { children: personIds.length, seen: child.seen } })));
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
     * when it does not concern this child. Children not shown are kept only as "a child".
     */
    async open(ctx: Ctx, personId: string, visitId: string, reasons: Reasons, audited = true): Promise<VisitRecord | null> {
      return db.transaction(async (tx) => {
        const visit = await visitsRepository(tx).find(ctx.actor, visitId, personId);
        if (!visit) return null;
        if (audited) await audit(tx, ctx, viewedRows(visit, personId, reasons));
        return hideUnseen(visit, personId, reasons);
      });
    },

    /**
     * One visit of this child's, to change: null when it does not concern this child; 'refused' when
     * this user may not change it (audited as a refusal, not as a view: the form is not shown); else
     * the visit as open() gives it, audited as a view on a GET (the form is shown).
     */
    async openToChange(ctx: Ctx, personId: string, visitId: string, reasons: Reasons, method: string): Promise<VisitRecord | 'refused' | null> {
      return db.transaction(async (tx) => {
        const visit = await visitsRepository(tx).find(ctx.actor, visitId, personId);
        if (!visit) return null;
        if (!mayChangeRecordedWork(ctx.actor, visit)) {
          await audit(tx, ctx, { action: 'access-refused', subjectType: 'visit', subjectId: visit.id, childId: personId, details: { method, need: CHANGE_RECORDED_WORK_NEED } });
          return 'refused' as const;
        }
        if (method === 'GET') await audit(tx, ctx, viewedRows(visit, personId, reasons));
        return hideUnseen(visit, personId, reasons);
      });
    },

    /** May this user change this visit? The person who recorded it, or a manager of its team (platform/access.ts). */
    mayChange: mayChangeRecordedWork,

    /**
     * Changes a visit, keeping its history, in one transaction: the visit and the parts of the
     * children this user may open (the others' parts stay as they are), a new version in
     * visit_revisions (the one before is kept too, if it was not), the chronology entry's date,
     * summary, significance and impact, and an audit row for every child on the visit. A change that
     * makes a routine visit significant (a child now not seen) asks for each child's assessment to be
     * reviewed (A10), as recording it so would have. Only the person who recorded it or a manager of
     * its team (mayChangeRecordedWork) may change it; a stale version changes nothing.
     */
    async change(ctx: Ctx, personId: string, visitId: string, input: VisitChange, reasons: Reasons): Promise<VisitChangeResult> {
      return db.transaction(async (tx): Promise<VisitChangeResult> => {
        const repo = visitsRepository(tx);
        const visit = await repo.find(ctx.actor, visitId, personId, true);
        if (!visit) return { outcome: 'not-found' };
        if (!mayChangeRecordedWork(ctx.actor, visit)) return { outcome: 'not-yours' };
        const before = snapshotOf(visit);
        const nameOf = (id: string) => visit.children.find((c) => c.id === id && isShown(c, personId, reasons))?.firstName ?? null;
        if (visit.version !== input.version) {
          const started = visit.revisions.find((r) => r.version === input.version)?.data ?? null;
          return { outcome: 'conflict', current: hideUnseen(visit, personId, reasons), changes: started ? visitChanges(started, before, nameOf) : [] };
        }
        const shown = visit.children.filter((c) => isShown(c, personId, reasons)).map((c) => c.id);
        if (input.children.length !== shown.length || input.children.some((c) => !shown.includes(c.personId))) return { outcome: 'children-changed' };
        const next = visitSnapshot({ ...input, children: before.children.map((c) => input.children.find((p) => p.personId === c.personId) ?? c) });
        const changed = visitChanges(before, next, nameOf);
        await repo.keepVersion(visitId, visit.version, before, visit.updatedBy ?? visit.recordedBy, { changedAt: visit.updatedAt, ifMissing: true });
        const version = visit.version + 1;
        await repo.update(visitId, next, version, ctx.actor.id);
        await repo.keepVersion(visitId, version, next, ctx.actor.id);
        const named = visit.children.map((c) => ({ id: c.id, firstName: c.firstName, name: c.name, dateOfBirth: null, self: c.id === personId, ageText: '' }));
        // In the order the visit lists its children: this child first.
        const summary = visitChronologySummary({ ...next, children: visit.children.map((c) => next.children.find((p) => p.personId === c.id)!) }, named);
        if (visit.chronologyEntryId) {
          await updateChronologyEntry(tx, ctx, {
            entryId: visit.chronologyEntryId,
            occurredOn: next.visitDate,
            summary,
            significance: visitIsSignificant(next) ? 'significant' : 'routine',
            impact: next.analysis,
          });
        }
        // The chronology entry's change raises the review prompts when it becomes significant (A10); a
        // visit without an entry raises them itself, before its audit rows (docs/architecture.md, lock order).
        if (!visit.chronologyEntryId && visitIsSignificant(next) && !visitIsSignificant(before)) {
          await raiseReviewPrompts(tx, ctx, { childIds: visit.children.map((c) => c.id), reason: significantEventReason(next.visitDate, summary), originType: 'visit', originId: visitId });
        }
        await audit(tx, ctx, visit.children.map((child) => ({ action: 'visit-changed', subjectType: 'visit', subjectId: visitId, childId: child.id, reason: reasons[child.id] ?? null, details: { version, changed } })));
        return { outcome: 'saved' };
      });
    },
  };
}

export type VisitsService = ReturnType<typeof visitsService>;
