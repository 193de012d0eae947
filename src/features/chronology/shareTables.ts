import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Migration 015: chronology entries shared with partner agency users. */
export const chronologyEntryShares = pgTable(
  'chronology_entry_shares',
  {
    userId: uuid('user_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    sharedBy: uuid('shared_by'),
    sharedAt: timestamp('shared_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.entryId] })],
);
