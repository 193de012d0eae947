import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export type AssessmentVariant = 'standard' | 'pre-birth' | 'homelessness-16-17' | 'early-help' | 'specialist';
/** Open while in progress or with the manager; 'closed' is stepped up into another (migration 016) or closed at a checkpoint (migration 020). */
export type AssessmentStatus = 'in-progress' | 'awaiting-authorisation' | 'authorised' | 'closed';
/** The statuses of an open assessment: a child has one at most (a unique index, migration 016). */
export const OPEN_STATUSES = ['in-progress', 'awaiting-authorisation'] as const;
/** Why an assessment was closed without authorisation: stepped up into another, or the manager's decision at a checkpoint. */
export type ClosedReason = 'stepped-up' | 'checkpoint';
/** What happens for the child when an assessment is closed at a checkpoint (A8's outcomes that end the work). */
export type CheckpointCloseOutcome = 'nfa' | 'early-help';

export const assessments = pgTable('assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  referralId: uuid('referral_id'),
  episodeId: uuid('episode_id'),
  carriedFromId: uuid('carried_from_id'),
  variant: text('variant').$type<AssessmentVariant>().notNull(),
  status: text('status').$type<AssessmentStatus>().notNull().default('in-progress'),
  referralDate: day('referral_date').notNull(),
  startedOn: day('started_on').notNull(),
  dueOn: day('due_on').notNull(),
  workerId: uuid('worker_id'),
  teamId: uuid('team_id'),
  content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
  revision: integer('revision').notNull().default(0),
  lateReason: text('late_reason'),
  submittedAt: ts('submitted_at'),
  authorisedOn: day('authorised_on'),
  authorisedBy: uuid('authorised_by'),
  /** When the manager authorised, and the revision they authorised (migration 012): a later revision is "updated since authorisation". */
  authorisedAt: ts('authorised_at'),
  authorisedRevision: integer('authorised_revision'),
  reviewDueOn: day('review_due_on'),
  /** A closed assessment (migration 016): when, by whom, why ('stepped-up') and into which assessment. */
  closedOn: day('closed_on'),
  closedBy: uuid('closed_by'),
  closedReason: text('closed_reason').$type<ClosedReason>(),
  closedIntoId: uuid('closed_into_id'),
  /** Closed by the manager's decision at a checkpoint (migration 020): the outcome for the child and the checkpoint's working day. */
  closedOutcome: text('closed_outcome').$type<CheckpointCloseOutcome>(),
  closedAtDay: integer('closed_at_day'),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const assessmentRevisions = pgTable(
  'assessment_revisions',
  {
    assessmentId: uuid('assessment_id').notNull(),
    revision: integer('revision').notNull(),
    section: text('section').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    changedFields: text('changed_fields').array().notNull().default([]),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.revision] })],
);

export const assessmentCheckpoints = pgTable(
  'assessment_checkpoints',
  {
    assessmentId: uuid('assessment_id').notNull(),
    day: integer('day').notNull(),
    dueOn: day('due_on').notNull(),
    decision: text('decision'),
    reasons: text('reasons'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.day] })],
);

export const assessmentReviewPrompts = pgTable('assessment_review_prompts', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  reason: text('reason').notNull(),
  originType: text('origin_type'),
  originId: uuid('origin_id'),
  raisedAt: ts('raised_at').notNull().defaultNow(),
  resolvedAt: ts('resolved_at'),
  resolvedBy: uuid('resolved_by'),
  resolution: text('resolution').$type<'updated' | 'no-change'>(),
  note: text('note'),
});

export const assessmentFamilyVersions = pgTable(
  'assessment_family_versions',
  {
    assessmentId: uuid('assessment_id').notNull(),
    audience: text('audience').$type<'family' | 'child'>().notNull(),
    text: text('text').notNull(),
    language: text('language').notNull().default('English'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.audience] })],
);

/**
 * Every saved version of the family's or the child's version (migration 027): the text and language
 * as saved, never changed. assessmentFamilyVersions is the latest of them.
 */
export const assessmentFamilyVersionTexts = pgTable(
  'assessment_family_version_texts',
  {
    assessmentId: uuid('assessment_id').notNull(),
    audience: text('audience').$type<'family' | 'child'>().notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    language: text('language').notNull(),
    savedBy: uuid('saved_by'),
    savedAt: ts('saved_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.audience, t.version] })],
);

export const assessmentSharing = pgTable('assessment_sharing', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  audience: text('audience').$type<'family' | 'child' | 'referrer'>().notNull(),
  sharedOn: day('shared_on'),
  method: text('method'),
  sharedWith: text('shared_with'),
  language: text('language'),
  format: text('format'),
  notSharedReason: text('not_shared_reason'),
  /** The saved version that was shared (migration 027): which one of assessmentFamilyVersionTexts, so which exact text. Empty when no written version was. */
  versionAudience: text('version_audience').$type<'family' | 'child'>(),
  versionNumber: integer('version_number'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Each time the reasons an assessment is late were recorded or changed (migration 027); assessments.lateReason is the latest. */
export const assessmentLateReasons = pgTable('assessment_late_reasons', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  reasons: text('reasons').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Each annual review of an authorised assessment (A10, migration 016). */
export const assessmentAnnualReviews = pgTable('assessment_annual_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  reviewedOn: day('reviewed_on').notNull(),
  reviewedBy: uuid('reviewed_by').notNull(),
  reviewedAt: ts('reviewed_at').notNull().defaultNow(),
  outcome: text('outcome').$type<'no-change' | 'changed'>().notNull(),
  changes: text('changes'),
  revision: integer('revision').notNull(),
  reviewWasDueOn: day('review_was_due_on'),
  nextReviewDueOn: day('next_review_due_on').notNull(),
});
