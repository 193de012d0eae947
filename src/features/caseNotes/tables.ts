import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export type CaseNoteType = 'phone-call' | 'message' | 'meeting' | 'professional-discussion' | 'home-visit' | 'other';

/** Migration 014: a case note, entered once and linked to every child it concerns, with its history. */
export const caseNotes = pgTable('case_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  occurredOn: day('occurred_on').notNull(),
  type: text('type').$type<CaseNoteType>().notNull(),
  participants: text('participants'),
  summary: text('summary').notNull(),
  significant: boolean('significant').notNull().default(false),
  chronologyEntryId: uuid('chronology_entry_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const caseNotePeople = pgTable(
  'case_note_people',
  {
    noteId: uuid('note_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** Copied from the note for the child's list (keyset on occurred_on, created_at, note_id). */
    occurredOn: day('occurred_on').notNull(),
    createdAt: ts('created_at').notNull(),
    significant: boolean('significant').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.personId, t.noteId] })],
);

export const caseNoteRevisions = pgTable(
  'case_note_revisions',
  {
    noteId: uuid('note_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.version] })],
);
