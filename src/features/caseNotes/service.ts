import { randomUUID } from 'node:crypto';
import { todayInLondon } from '../../domain/dates';
import { audit, type AuditContext } from '../../platform/audit';
import { CHANGE_RECORDED_WORK_NEED, mayChangeRecordedWork, type Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import { recordChronologyEntry, updateChronologyEntry } from '../chronology/record';
import { childrenForRecording, type RecordedChild } from '../visits/children';
import { viewPersonPage, type PersonHeader } from '../people/header';
import { caseNotesRepository, type NoteCursor, type NoteListRow, type NoteRecord } from './repository';
import { noteChronologySummary, type NoteFields, type NoteInput } from './schema';

type Ctx = AuditContext & { actor: Actor };
type Reasons = Record<string, string>;

export const NOTES_PAGE_SIZE = 25;

const HIDDEN = { id: '', name: '', visible: false, restricted: false };

/**
 * May this user change this note? The person who wrote it, or a manager of the team of a child on it
 * or of the person who wrote it: the rule visits follow (platform/access.ts).
 */
const mayChangeNote = (actor: Actor, note: Pick<NoteRecord, 'createdBy' | 'recorderTeamId' | 'childTeamIds'>): boolean =>
  mayChangeRecordedWork(actor, { recordedBy: note.createdBy, recorderTeamId: note.recorderTeamId, childTeamIds: note.childTeamIds });

export type ChangeResult = { outcome: 'saved' } | { outcome: 'not-found' } | { outcome: 'not-yours' } | { outcome: 'conflict'; current: NoteRecord };

/** Case notes (V2): one quick note for one or several children, the child's notes, one note, and changing a note. */
export function caseNotesService(db: Db) {
  /** Whether a child on a note is shown on this child's page: this child, and others whose record this user may open. */
  const shown = (c: { id: string; visible: boolean; restricted: boolean }, personId: string, reasons: Reasons) => c.id === personId || (c.visible && (!c.restricted || !!reasons[c.id]));

  /** Children this user may not open are kept only as "a child": no name. */
  const hideUnseen = (note: NoteRecord, personId: string, reasons: Reasons): NoteRecord => ({
    ...note,
    children: note.children.map((c) => (shown(c, personId, reasons) ? c : HIDDEN)),
  });

  /** The audit rows of a view of a note: one for every child the page names (this child, and the others this user may open). */
  const viewedRows = (note: NoteRecord, personId: string, reasons: Reasons) =>
    note.children
      .filter((c) => shown(c, personId, reasons))
      .map((child) => ({ action: 'case-note-viewed', subjectType: 'case-note', subjectId: note.id, childId: child.id, reason: reasons[child.id] ?? null, details: child.id === personId ? {} : { openedFrom: personId } }));

  return {
    async children(actor: Actor, personId: string, reasons: Reasons, today = todayInLondon()): Promise<RecordedChild[]> {
      return childrenForRecording(db, actor, personId, today, reasons);
    },

    /** The form to add a note: the child's header and the children it can be about, read and audited as a view in one transaction (a child's only). */
    async formPage(ctx: Ctx, personId: string, reasons: Reasons, today = todayInLondon()) {
      return viewPersonPage(
        db,
        ctx,
        personId,
        (person) => (person.kind === 'child' ? { action: 'case-note-form-viewed' } : null),
        (tx: Db, person: PersonHeader) => (person.kind === 'child' ? childrenForRecording(tx, ctx.actor, personId, today, reasons) : Promise.resolve([] as RecordedChild[])),
      );
    },

    /**
     * Records the note once, linked to every child it concerns, with its first revision and one
     * chronology entry linked to all of them, in one transaction, audited per child. The children are
     * checked again inside the transaction: nothing is stored if one is no longer offered.
     */
    async record(ctx: Ctx, personId: string, input: NoteInput, reasons: Reasons, today = todayInLondon()): Promise<{ outcome: 'saved'; noteId: string } | { outcome: 'children-changed' }> {
      return db.transaction(async (tx) => {
        const offered = new Set((await childrenForRecording(tx, ctx.actor, personId, today, reasons)).map((c) => c.id));
        if (!input.children.includes(personId) || input.children.some((id) => !offered.has(id))) return { outcome: 'children-changed' as const };
        const noteId = randomUUID();
        const fields: NoteFields = { occurredOn: input.occurredOn, type: input.type, participants: input.participants, summary: input.summary, significant: input.significant };
        const entryId = await recordChronologyEntry(tx, ctx, {
          occurredOn: input.occurredOn,
          category: 'case-note',
          summary: noteChronologySummary(fields),
          significance: input.significant ? 'significant' : 'routine',
          originType: 'case-note',
          originId: noteId,
          personIds: input.children,
        });
        await caseNotesRepository(tx).insert(
          { id: noteId, ...fields, chronologyEntryId: entryId, createdAt: new Date(), createdBy: ctx.actor.id, updatedBy: ctx.actor.id },
          input.children,
          { ...fields, children: input.children },
        );
        await audit(tx, ctx, input.children.map((child) => ({ action: 'case-note-recorded', subjectType: 'case-note', subjectId: noteId, childId: child, reason: reasons[child] ?? null, details: { children: input.children.length, significant: input.significant } })));
        return { outcome: 'saved' as const, noteId };
      });
    },

    /** A page of the child's case notes, read and audited in one transaction. */
    async forChild(ctx: Ctx, personId: string, opts: { before: NoteCursor | null; significantOnly: boolean }, reason: string | null): Promise<{ notes: NoteListRow[]; more: boolean }> {
      return db.transaction(async (tx) => {
        const found = await caseNotesRepository(tx).forChild(ctx.actor, personId, { ...opts, limit: NOTES_PAGE_SIZE + 1 });
        await audit(tx, ctx, { action: 'case-notes-viewed', subjectType: 'person', subjectId: personId, childId: personId, reason, details: { significantOnly: opts.significantOnly } });
        return { notes: found.slice(0, NOTES_PAGE_SIZE), more: found.length > NOTES_PAGE_SIZE };
      });
    },

    /** One note of this child's, read and audited in one transaction: a row for every child the page names (this child, and the others this user may open). */
    async open(ctx: Ctx, personId: string, noteId: string, reasons: Reasons, audited = true): Promise<NoteRecord | null> {
      return db.transaction(async (tx) => {
        const note = await caseNotesRepository(tx).find(ctx.actor, noteId, personId);
        if (!note) return null;
        if (audited) await audit(tx, ctx, viewedRows(note, personId, reasons));
        return hideUnseen(note, personId, reasons);
      });
    },

    /**
     * One note of this child's, to change: null when it does not concern this child; 'refused' when
     * this user may not change it (audited as a refusal, not as a view: the form is not shown); else
     * the note as open() gives it, audited as a view on a GET (the form is shown).
     */
    async openToChange(ctx: Ctx, personId: string, noteId: string, reasons: Reasons, method: string): Promise<NoteRecord | 'refused' | null> {
      return db.transaction(async (tx) => {
        const note = await caseNotesRepository(tx).find(ctx.actor, noteId, personId);
        if (!note) return null;
        if (!mayChangeNote(ctx.actor, note)) {
          await audit(tx, ctx, { action: 'access-refused', subjectType: 'case-note', subjectId: note.id, childId: personId, details: { method, need: CHANGE_RECORDED_WORK_NEED } });
          return 'refused' as const;
        }
        if (method === 'GET') await audit(tx, ctx, viewedRows(note, personId, reasons));
        return hideUnseen(note, personId, reasons);
      });
    },

    /**
     * Changes a note, keeping its history: a new revision, the copies on the links, and the chronology
     * entry's date, summary and significance, all in one transaction, audited per child. Only the
     * person who wrote the note or a manager of its team (mayChangeNote) may change it; a stale
     * version changes nothing.
     */
    async change(ctx: Ctx, personId: string, noteId: string, input: NoteFields & { version: number }, reasons: Reasons): Promise<ChangeResult> {
      return db.transaction(async (tx): Promise<ChangeResult> => {
        const repo = caseNotesRepository(tx);
        const note = await repo.find(ctx.actor, noteId, personId, true);
        if (!note) return { outcome: 'not-found' };
        if (!mayChangeNote(ctx.actor, note)) return { outcome: 'not-yours' };
        if (note.version !== input.version) return { outcome: 'conflict', current: hideUnseen(note, personId, reasons) };
        const fields: NoteFields = { occurredOn: input.occurredOn, type: input.type, participants: input.participants, summary: input.summary, significant: input.significant };
        const version = note.version + 1;
        await repo.update(noteId, fields, version, ctx.actor.id);
        if (note.chronologyEntryId) {
          await updateChronologyEntry(tx, ctx, {
            entryId: note.chronologyEntryId,
            occurredOn: fields.occurredOn,
            summary: noteChronologySummary(fields),
            significance: fields.significant ? 'significant' : 'routine',
          });
        }
        await audit(tx, ctx, note.children.map((child) => ({ action: 'case-note-changed', subjectType: 'case-note', subjectId: noteId, childId: child.id, reason: reasons[child.id] ?? null, details: { version } })));
        return { outcome: 'saved' };
      });
    },

    mayChange: mayChangeNote,
  };
}

export type CaseNotesService = ReturnType<typeof caseNotesService>;
