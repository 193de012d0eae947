import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** Migration 014: a visit, stored once, with a part for each child it concerns. */
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
  },
  (t) => [primaryKey({ columns: [t.visitId, t.personId] })],
);
