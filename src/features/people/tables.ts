import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<'child' | 'adult'>().notNull(),
  firstName: text('first_name').notNull(),
  middleNames: text('middle_names'),
  lastName: text('last_name').notNull(),
  knownAs: text('known_as'),
  formerNames: text('former_names').array().notNull().default([]),
  /** Kept by a database trigger from the name fields (migration 004): never set these in code. */
  searchName: text('search_name').notNull().$default(() => ''),
  nameSound: text('name_sound').notNull().default(''),
  firstSound: text('first_sound').notNull().default(''),
  dateOfBirth: day('date_of_birth'),
  dateOfBirthEstimated: boolean('date_of_birth_estimated').notNull().default(false),
  expectedDeliveryDate: day('expected_delivery_date'),
  dateOfDeath: day('date_of_death'),
  sex: text('sex').$type<'M' | 'F' | 'U'>(),
  genderIdentity: text('gender_identity'),
  ethnicity: text('ethnicity'),
  religion: text('religion'),
  firstLanguage: text('first_language'),
  interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
  disabilities: text('disabilities').array().notNull().default([]),
  immigrationStatus: text('immigration_status'),
  nhsNumber: text('nhs_number'),
  upn: text('upn'),
  restricted: boolean('restricted').notNull().default(false),
  currentTeamId: uuid('current_team_id'),
  currentWorkerId: uuid('current_worker_id'),
  mergedInto: uuid('merged_into'),
  /** The start of the person's earliest open episode, null when none is open. Kept by database triggers on episodes (migration 024): never set it in code. */
  openSince: day('open_since'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const addresses = pgTable('addresses', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  line1: text('line1').notNull(),
  line2: text('line2'),
  town: text('town'),
  postcode: text('postcode').notNull(),
  postcodeKey: text('postcode_key').notNull(),
  fromDate: day('from_date'),
  toDate: day('to_date'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const relationships = pgTable('relationships', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  relatedPersonId: uuid('related_person_id').notNull(),
  type: text('type').notNull(),
  pairId: uuid('pair_id').notNull(),
  fromDate: day('from_date'),
  toDate: day('to_date'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

export const householdMembers = pgTable('household_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  personId: uuid('person_id').notNull(),
  fromDate: day('from_date'),
  toDate: day('to_date'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const accessGrants = pgTable('access_grants', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  personId: uuid('person_id').notNull(),
  purpose: text('purpose').notNull(),
  grantedBy: uuid('granted_by'),
  grantedAt: ts('granted_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
});

export const restrictedAccess = pgTable(
  'restricted_access',
  {
    personId: uuid('person_id').notNull(),
    userId: uuid('user_id').notNull(),
    grantedBy: uuid('granted_by'),
    grantedAt: ts('granted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.userId] })],
);
