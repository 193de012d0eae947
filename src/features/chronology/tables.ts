import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const chronologyEntries = pgTable('chronology_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  occurredOn: day('occurred_on').notNull(),
  occurredPrecision: text('occurred_precision').$type<'day' | 'month' | 'year' | 'approximate'>().notNull().default('day'),
  category: text('category').notNull(),
  summary: text('summary').notNull(),
  significance: text('significance').$type<'significant' | 'routine'>().notNull().default('routine'),
  sourceKind: text('source_kind').$type<'hearth' | 'person' | 'agency'>().notNull().default('hearth'),
  sourceName: text('source_name'),
  sourceAgency: text('source_agency'),
  impact: text('impact'),
  originType: text('origin_type').notNull().default('entry'),
  originId: uuid('origin_id'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  recordedBy: uuid('recorded_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  removedAt: ts('removed_at'),
  removedReason: text('removed_reason'),
  version: integer('version').notNull().default(1),
});

export const chronologyLinks = pgTable(
  'chronology_links',
  {
    entryId: uuid('entry_id').notNull(),
    personId: uuid('person_id').notNull(),
    occurredOn: day('occurred_on').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    significant: boolean('significant').notNull().default(false),
    category: text('category').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.entryId] })],
);

export const chronologyRevisions = pgTable(
  'chronology_revisions',
  {
    entryId: uuid('entry_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.version] })],
);
