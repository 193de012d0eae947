import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  receivedOn: day('received_on').notNull(),
  sourceCode: text('source_code').notNull(),
  referrerName: text('referrer_name'),
  referrerAgency: text('referrer_agency'),
  referrerPhone: text('referrer_phone'),
  concern: text('concern').notNull(),
  decision: text('decision').$type<'nfa' | 'information-advice' | 'early-help' | 'referral'>(),
  decisionReason: text('decision_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  consent: text('consent').$type<'given' | 'refused' | 'not-sought'>().notNull(),
  consentNotSoughtReason: text('consent_not_sought_reason'),
  consentAuthorisedBy: uuid('consent_authorised_by'),
  consentAuthorisedAt: ts('consent_authorised_at'),
  /** Migration 007: the manager's reasons for authorising that consent was not sought. */
  consentAuthorisationReason: text('consent_authorisation_reason'),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const contactChildren = pgTable(
  'contact_children',
  { contactId: uuid('contact_id').notNull(), personId: uuid('person_id').notNull() },
  (t) => [primaryKey({ columns: [t.contactId, t.personId] })],
);

export const episodes = pgTable('episodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  type: text('type').$type<'early-help' | 'child-in-need' | 'child-protection' | 'looked-after' | 'care-leaver'>().notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  closureReason: text('closure_reason'),
  /** Migration 017: why the work started and on what legal basis, when it was started by hand (not by a contact decision). */
  startReason: text('start_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
});

export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  contactId: uuid('contact_id'),
  personId: uuid('person_id').notNull(),
  episodeId: uuid('episode_id'),
  referralDate: day('referral_date').notNull(),
  sourceCode: text('source_code').notNull(),
  primaryNeedCode: text('primary_need_code'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

export const allocations = pgTable('allocations', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  episodeId: uuid('episode_id'),
  teamId: uuid('team_id').notNull(),
  workerId: uuid('worker_id'),
  fromDate: day('from_date').notNull(),
  toDate: day('to_date'),
  reason: text('reason'),
  allocatedBy: uuid('allocated_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
