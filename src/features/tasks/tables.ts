import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  details: text('details'),
  ownerId: uuid('owner_id'),
  teamId: uuid('team_id'),
  dueOn: day('due_on').notNull(),
  status: text('status').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
  originType: text('origin_type'),
  originId: uuid('origin_id'),
  /** The DfE factor codes a police task raised by a decision was for (migration 034); null for any other task. */
  factors: text('factors').array(),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  completedAt: ts('completed_at'),
  completedBy: uuid('completed_by'),
  outcome: text('outcome'),
  version: integer('version').notNull().default(1),
});
