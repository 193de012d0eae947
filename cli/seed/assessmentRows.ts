import { sql } from 'drizzle-orm';
import type { Random } from '../../src/domain/random';
import { ASSESSMENT_SECTIONS } from '../../src/domain/assessmentSections';
import { assessmentSchedule, needsLateReasons, type AssessmentSchedule } from '../../src/domain/timescales';
import { formatDate } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { dueOn, STRATEGY_DISCUSSION } from '../../src/features/tasks/kinds';
import type { PlanSection } from '../../src/features/assessments/planValues';
import { assessmentCheckpoints, assessmentLateReasons, assessmentReviewPrompts, assessmentRevisions, assessments, type AssessmentVariant, type CheckpointCloseOutcome } from '../../src/features/assessments/tables';
import { closeOutcomeLabel } from '../../src/features/assessments/timescaleView';
import type { Db } from '../../src/platform/db';
import { seededContent, type ContentAbout } from './assessmentContent';
import { LATE_REASONS } from './assessmentTexts';
import { arrayLiteral, insertMany } from './bulk';
import { addYears, isoDay, toDay } from './days';
import { addTaskRows, emptyTaskRows, insertTaskRows, type TaskRows } from './tasks';

/** The rows the seeders write for assessments: the same shapes the app writes when a worker starts one. */
export type AssessmentRows = {
  assessments: (typeof assessments.$inferInsert & { id: string })[];
  checkpoints: (typeof assessmentCheckpoints.$inferInsert)[];
  revisions: (typeof assessmentRevisions.$inferInsert)[];
  prompts: (typeof assessmentReviewPrompts.$inferInsert)[];
  /** The reasons it is late, kept as the app keeps each wording (assessment_late_reasons). */
  lateReasons: (typeof assessmentLateReasons.$inferInsert)[];
  /** The strategy discussions that escalations at a checkpoint raise, with their chronology lines. */
  tasks: TaskRows;
};

export function emptyAssessmentRows(): AssessmentRows {
  return { assessments: [], checkpoints: [], revisions: [], prompts: [], lateReasons: [], tasks: emptyTaskRows() };
}

export type SeedAssessment = {
  childId: string;
  referralId: string | null;
  episodeId: string | null;
  variant: AssessmentVariant;
  dayZero: string;
  startedOn: string;
  expectedDeliveryDate: string | null;
  workerId: string | null;
  teamId: string | null;
  /** Authorised on a day by a manager, closed by the manager at a checkpoint, or still open (in progress, or sent to the manager). */
  outcome: { kind: 'authorised'; on: string; by: string } | { kind: 'closed'; day: number; by: string; byName: string; outcome: CheckpointCloseOutcome } | { kind: 'open'; submitted: boolean };
  /** Who records checkpoint decisions (null: nobody has, as in a team without a manager). */
  managerId: string | null;
  plan: PlanSection | null;
  /** The child and family, for the sections beyond the plan (none without a plan, or without this). */
  about?: ContentAbout | null;
  lateReason: string | null;
  prompts: string[];
  /** Leave the latest checkpoint that has come due without a decision (a decision waiting). */
  leaveWaiting: boolean;
  today: string;
  checkpoints?: number[];
  /** The schedule when the caller has it already (the scale seeder works each day's out once). */
  schedule?: AssessmentSchedule;
};

const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);

/** Adds one assessment, its checkpoints (decided where their day has come), its first revision, its late reasons' history and any open prompts. */
export function addAssessment(r: Random, into: AssessmentRows, a: SeedAssessment): string {
  const id = r.uuid();
  const schedule = a.schedule ?? assessmentSchedule({ referralDate: a.dayZero, checkpoints: a.checkpoints ?? [10, 30, 45], variant: a.variant, expectedDeliveryDate: a.expectedDeliveryDate });
  const authorised = a.outcome.kind === 'authorised' ? a.outcome : null;
  // Closed at a checkpoint: on the day it came due, by the manager who decided it.
  const closed = a.outcome.kind === 'closed' ? { ...a.outcome, on: schedule.checkpoints.find((c) => c.day === (a.outcome as { day: number }).day)!.dueOn } : null;
  const until = authorised ? authorised.on : closed ? closed.on : a.today;
  const stage = authorised ? 'authorised' : a.outcome.kind === 'open' && a.outcome.submitted ? 'submitted' : 'in-progress';
  const sections =
    a.plan && a.about ? seededContent(r.fork('content'), a.about, { variant: a.variant, stage, planCompleted: a.plan.completed, dayZero: a.dayZero, startedOn: a.startedOn, until }) : {};
  const content: Record<string, unknown> = a.plan ? { plan: a.plan, ...sections } : {};
  // The one revision holds the whole content, as if the last section written had been saved last.
  const last = ASSESSMENT_SECTIONS.map((s) => s.key).filter((k) => content[k] !== undefined).pop() ?? 'plan';
  // Open work with sections written was last saved today; a plan alone a few days after it started.
  const lastSaved = authorised ? authorised.on : closed ? closed.on : last !== 'plan' ? a.today : a.today < addDays(a.startedOn, 3) ? a.startedOn : addDays(a.startedOn, 3);
  const updated = at(lastSaved, 600 + r.int(0, 300));
  // Work past its final date goes to the manager only with the worker's reasons (A2).
  const late = stage !== 'in-progress' && needsLateReasons({ status: 'in-progress', dueOn: schedule.finalDueOn, today: until, authorisedOn: null, lateReason: a.lateReason });
  const lateReason = late ? r.fork('late').pick(LATE_REASONS) : a.lateReason;
  const submittedAt = a.outcome.kind === 'open' && a.outcome.submitted ? at(a.today, 540) : null;
  into.assessments.push({
    id,
    childId: a.childId,
    referralId: a.referralId,
    episodeId: a.episodeId,
    carriedFromId: null,
    variant: a.variant,
    status: closed ? 'closed' : stage === 'submitted' ? 'awaiting-authorisation' : stage,
    referralDate: a.dayZero,
    startedOn: a.startedOn,
    dueOn: schedule.finalDueOn,
    workerId: a.workerId,
    teamId: a.teamId,
    content,
    revision: a.plan ? 1 : 0,
    lateReason,
    submittedAt,
    authorisedOn: authorised?.on ?? null,
    authorisedBy: authorised?.by ?? null,
    authorisedAt: authorised ? updated : null,
    authorisedRevision: authorised && a.plan ? 1 : null,
    reviewDueOn: authorised ? isoDay(addYears(toDay(authorised.on), 1)) : null,
    // Every row has every column (the rows are written together, by the first row's columns).
    closedOn: closed?.on ?? null,
    closedBy: closed?.by ?? null,
    closedReason: closed ? 'checkpoint' : null,
    closedOutcome: closed?.outcome ?? null,
    closedAtDay: closed?.day ?? null,
    createdAt: at(a.startedOn, 540 + r.int(0, 400)),
    createdBy: a.workerId,
    updatedAt: updated,
    updatedBy: a.workerId,
    version: a.plan ? 2 : 1,
  });
  const due = schedule.checkpoints.filter((c) => c.dueOn <= until);
  const waiting = a.leaveWaiting && !authorised ? due[due.length - 1]?.day : undefined;
  // Authorisation needs a decision at every checkpoint that came due: without a manager, whoever authorised made them.
  const decider = closed?.by ?? a.managerId ?? authorised?.by ?? null;
  for (const c of schedule.checkpoints) {
    const decide = decider !== null && c.dueOn <= until && c.day !== waiting && (!closed || c.day <= closed.day);
    const decision = closed?.day === c.day ? 'close' : c.day === schedule.checkpoints[0]!.day ? r.weighted([['full-assessment', 55], ['continue', 38], ['escalate', 7]] as const) : 'continue';
    const decidedAt = decide ? at(c.dueOn, 900 + r.int(0, 120)) : null;
    into.checkpoints.push({
      assessmentId: id,
      day: c.day,
      dueOn: c.dueOn,
      decision: decide ? decision : null,
      reasons: decide ? (decision === 'close' ? CLOSE_REASONS[closed!.outcome] : CHECKPOINT_REASONS[decision]) : null,
      decidedBy: decide ? decider : null,
      decidedAt,
    });
    if (decidedAt && decision === 'escalate') {
      addStrategyDiscussion(r.fork('strategy-discussion', c.day), into.tasks, { assessmentId: id, childId: a.childId, teamId: a.teamId, day: c.day, decidedOn: c.dueOn, decidedAt, by: decider!, finished: !!authorised, today: a.today });
    }
  }
  if (closed) {
    addChronologyLine(r.fork('closed'), into.tasks, {
      personId: a.childId,
      day: closed.on,
      at: at(closed.on, 960),
      by: closed.by,
      originId: id,
      summary: `Assessment closed at the day ${closed.day} checkpoint by ${closed.byName}, team manager. Outcome: ${closeOutcomeLabel(closed.outcome).toLowerCase()}. Reasons: ${CLOSE_REASONS[closed.outcome]}`,
    });
  }
  if (a.plan) {
    into.revisions.push({ assessmentId: id, revision: 1, section: last, content, changedFields: Object.keys(content[last] as object).sort(), changedBy: a.workerId, changedAt: updated });
  }
  if (lateReason !== null) {
    // Recorded by the worker, as the app records them (service.ts), half an hour before the work went to the manager (or was last saved).
    const before = Math.min(updated.getTime(), submittedAt?.getTime() ?? Infinity);
    into.lateReasons.push({ assessmentId: id, reasons: lateReason, recordedBy: a.workerId, recordedAt: new Date(before - 30 * 60_000) });
  }
  for (const reason of a.prompts) into.prompts.push({ assessmentId: id, reason, originType: 'seed', raisedAt: at(a.today, 480 - r.int(60, 5000)) });
  return id;
}

/**
 * What the app does when a manager escalates at a checkpoint (checkpointService.ts): a strategy
 * discussion for the manager who escalated, for the assessment's team, due by the next working day
 * (tasks/kinds.ts), with the decision's reasons. Held by then, unless the assessment is still open and
 * it is one of the few left overdue.
 */
function addStrategyDiscussion(
  r: Random,
  into: TaskRows,
  e: { assessmentId: string; childId: string; teamId: string | null; day: number; decidedOn: string; decidedAt: Date; by: string; finished: boolean; today: string },
): void {
  const due = dueOn(STRATEGY_DISCUSSION.kind, e.decidedOn);
  const held = due < e.today && (e.finished || r.chance(0.8));
  addTaskRows(into, {
    id: r.uuid(),
    entryId: r.uuid(),
    personId: e.childId,
    kind: STRATEGY_DISCUSSION.kind,
    details: `Escalated at the working day ${e.day} checkpoint of the assessment on ${formatDate(e.decidedOn)}: ${CHECKPOINT_REASONS.escalate}`,
    ownerId: e.by,
    teamId: e.teamId,
    raisedOn: e.decidedOn,
    createdAt: e.decidedAt,
    originType: 'assessment-checkpoint',
    originId: e.assessmentId,
    outcome: held ? r.pick(STRATEGY_OUTCOMES) : null,
    completedAt: held ? at(due, 660 + r.int(0, 240)) : null,
  });
}

const STRATEGY_OUTCOMES = [
  'Strategy discussion held with the police and the school nurse. We agreed to start child protection enquiries (section 47).',
  'Strategy discussion held with the police and health. The police will interview Mum; we will see the children at school tomorrow.',
  'Strategy discussion held. The worries do not need child protection enquiries: the assessment goes on, with a visit this week.',
];

/** A significant line in the child's chronology, as the app writes when a manager closes an assessment at a checkpoint (checkpointService.ts). */
function addChronologyLine(r: Random, into: TaskRows, e: { personId: string; day: string; at: Date; by: string; originId: string; summary: string }): void {
  const entryId = r.uuid();
  const summary = e.summary.slice(0, 2000);
  into.entries.push({ id: entryId, occurredOn: e.day, category: 'assessment', summary, significance: 'significant', originType: 'assessment-checkpoint', originId: e.originId, recordedAt: e.at, recordedBy: e.by, updatedAt: e.at, updatedBy: e.by });
  into.links.push({ entryId, personId: e.personId, occurredOn: e.day, recordedAt: e.at, significant: true, category: 'assessment' });
  into.revisions.push({ entryId, version: 1, data: { occurredOn: e.day, category: 'assessment', summary, originType: 'assessment-checkpoint', originId: e.originId, personIds: [e.personId] }, changedBy: e.by, changedAt: e.at });
}

const CLOSE_REASONS: Record<CheckpointCloseOutcome, string> = {
  nfa: 'The first visits and agency checks found no worries about the children’s care. Mum agreed with the outcome. No further action.',
  'early-help': 'The worries are about routines and school attendance, not harm. The family want help: early help support from the family hub, which Mum has agreed to.',
};

const CHECKPOINT_REASONS: Record<string, string> = {
  'full-assessment': 'The first visits confirm the worries in the referral. A full assessment is needed to understand the impact on the children.',
  continue: 'Progressing as planned: the child has been seen alone and agencies have replied. Continue to the next checkpoint.',
  escalate: 'New information from the police suggests a risk of significant harm. Strategy discussion arranged for tomorrow.',
};

/**
 * First revisions that hold exactly their assessment's content take it from the assessment row in
 * the database: the same value, without sending and parsing every assessment twice.
 */
async function insertCopiedRevisions(db: Db, revisions: AssessmentRows['revisions']): Promise<void> {
  const chunk = 5000;
  for (let start = 0; start < revisions.length; start += chunk) {
    const part = revisions.slice(start, start + chunk);
    const column = (pick: (v: AssessmentRows['revisions'][number]) => unknown, type: string) => sql`CAST(CAST(${arrayLiteral(part.map(pick))} AS text) AS ${sql.raw(type)}[])`;
    await db.execute(
      sql`INSERT INTO assessment_revisions (assessment_id, revision, section, content, changed_fields, changed_by, changed_at)
          SELECT t.assessment_id, t.revision, t.section, a.content, t.changed_fields::text[], t.changed_by, t.changed_at
          FROM unnest(${column((v) => v.assessmentId, 'uuid')}, ${column((v) => v.revision, 'integer')}, ${column((v) => v.section, 'text')},
                      ${column((v) => arrayLiteral(v.changedFields ?? []), 'text')}, ${column((v) => v.changedBy, 'uuid')}, ${column((v) => v.changedAt, 'timestamptz')})
               AS t(assessment_id, revision, section, changed_fields, changed_by, changed_at)
          JOIN assessments a ON a.id = t.assessment_id`,
    );
  }
}

/** Writes the rows in one transaction, in the order the foreign keys need. */
export async function insertAssessmentRows(db: Db, made: AssessmentRows): Promise<void> {
  const contentOf = new Map(made.assessments.map((a) => [a.id, a.content]));
  const copied = made.revisions.filter((v) => v.content === contentOf.get(v.assessmentId));
  const others = made.revisions.filter((v) => v.content !== contentOf.get(v.assessmentId));
  await db.transaction(async (tx) => {
    // Whole assessments are several kilobytes each: smaller statements keep each one's text modest.
    await insertMany(tx, assessments, made.assessments as Record<string, unknown>[], { chunk: 1000 });
    await insertMany(tx, assessmentCheckpoints, made.checkpoints as Record<string, unknown>[]);
    await insertCopiedRevisions(tx, copied);
    await insertMany(tx, assessmentRevisions, others as Record<string, unknown>[], { chunk: 1000 });
    await insertMany(tx, assessmentReviewPrompts, made.prompts as Record<string, unknown>[]);
    await insertMany(tx, assessmentLateReasons, made.lateReasons as Record<string, unknown>[]);
    await insertTaskRows(tx, made.tasks);
  });
}
