import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TermKind } from '../../domain/plainLanguageTerms';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The council's plain-language word list (migration 013). */
export const plainLanguageTerms = pgTable('plain_language_terms', {
  id: uuid('id').primaryKey().defaultRandom(),
  term: text('term').notNull(),
  kind: text('kind').$type<TermKind>().notNull(),
  suggestion: text('suggestion').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});
