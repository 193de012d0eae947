import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** Migration 014 (and 019: who changed it last, and its history): a visit, stored once, with a part for each child it concerns. */
export const visits = pgTable('visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  visitDate: day('visit_date').notNull(),
  type: text('type').$type<'child-in-need' | 'child-protection' | 'looked-after' | 'other'>().notNull(),
  othersSeen: text('others_seen'),
  observed: text('observed'),
  analysis: text('analysis').notNull(),
  nextSteps: text('next_steps'),
  chronologyEntryId: uuid('chronology_entry_id'),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const visitChildren = pgTable(
  'visit_children',
  {
    visitId: uuid('visit_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** Copied from the visit for the child's list and the "last seen" index. */
    visitDate: day('visit_date').notNull(),
    seen: boolean('seen').notNull(),
    seenAlone: boolean('seen_alone'),
    notSeenAloneReason: text('not_seen_alone_reason'),
    bedroomSeen: text('bedroom_seen').$type<'yes' | 'no' | 'not-applicable'>().notNull(),
    childWords: text('child_words'),
    /** Whether this visit restarts this child's visit clock (domain/visitSchedule.ts: countsForVisitSchedule). */
    countsForSchedule: boolean('counts_for_schedule').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.personId] })],
);

/** Migration 019: every version of a visit (the whole visit, each child's part included). */
export const visitRevisions = pgTable(
  'visit_revisions',
  {
    visitId: uuid('visit_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.version] })],
);
