import type { Random } from '../../src/domain/random';
import { assessmentSchedule, type AssessmentSchedule } from '../../src/domain/timescales';
import { addDays } from '../../src/domain/workingDays';
import type { PlanSection } from '../../src/features/assessments/planValues';
import { assessmentCheckpoints, assessmentReviewPrompts, assessmentRevisions, assessments, type AssessmentVariant } from '../../src/features/assessments/tables';
import type { Db } from '../../src/platform/db';
import { insertMany } from './bulk';
import { addYears, isoDay, toDay } from './days';

/** The rows the seeders write for assessments: the same shapes the app writes when a worker starts one. */
export type AssessmentRows = {
  assessments: (typeof assessments.$inferInsert & { id: string })[];
  checkpoints: (typeof assessmentCheckpoints.$inferInsert)[];
  revisions: (typeof assessmentRevisions.$inferInsert)[];
  prompts: (typeof assessmentReviewPrompts.$inferInsert)[];
};

export function emptyAssessmentRows(): AssessmentRows {
  return { assessments: [], checkpoints: [], revisions: [], prompts: [] };
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
  /** Authorised on a day by a manager, or still open (in progress, or sent to the manager). */
  outcome: { kind: 'authorised'; on: string; by: string } | { kind: 'open'; submitted: boolean };
  /** Who records checkpoint decisions (null: nobody has, as in a team without a manager). */
  managerId: string | null;
  plan: PlanSection | null;
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

/** Adds one assessment, its checkpoints (decided where their day has come), its first revision and any open prompts. */
export function addAssessment(r: Random, into: AssessmentRows, a: SeedAssessment): string {
  const id = r.uuid();
  const schedule = a.schedule ?? assessmentSchedule({ referralDate: a.dayZero, checkpoints: a.checkpoints ?? [10, 30, 45], variant: a.variant, expectedDeliveryDate: a.expectedDeliveryDate });
  const authorised = a.outcome.kind === 'authorised' ? a.outcome : null;
  const until = authorised ? authorised.on : a.today;
  const content: Record<string, unknown> = a.plan ? { plan: a.plan } : {};
  const updated = at(authorised?.on ?? (a.today < addDays(a.startedOn, 3) ? a.startedOn : addDays(a.startedOn, 3)), 600 + r.int(0, 300));
  into.assessments.push({
    id,
    childId: a.childId,
    referralId: a.referralId,
    episodeId: a.episodeId,
    carriedFromId: null,
    variant: a.variant,
    status: authorised ? 'authorised' : a.outcome.kind === 'open' && a.outcome.submitted ? 'awaiting-authorisation' : 'in-progress',
    referralDate: a.dayZero,
    startedOn: a.startedOn,
    dueOn: schedule.finalDueOn,
    workerId: a.workerId,
    teamId: a.teamId,
    content,
    revision: a.plan ? 1 : 0,
    lateReason: a.lateReason,
    submittedAt: a.outcome.kind === 'open' && a.outcome.submitted ? at(a.today, 540) : null,
    authorisedOn: authorised?.on ?? null,
    authorisedBy: authorised?.by ?? null,
    reviewDueOn: authorised ? isoDay(addYears(toDay(authorised.on), 1)) : null,
    createdAt: at(a.startedOn, 540 + r.int(0, 400)),
    createdBy: a.workerId,
    updatedAt: updated,
    updatedBy: a.workerId,
    version: a.plan ? 2 : 1,
  });
  const due = schedule.checkpoints.filter((c) => c.dueOn <= until);
  const waiting = a.leaveWaiting && !authorised ? due[due.length - 1]?.day : undefined;
  for (const c of schedule.checkpoints) {
    const decide = a.managerId !== null && c.dueOn <= until && c.day !== waiting;
    const decision = c.day === schedule.checkpoints[0]!.day ? r.weighted([['full-assessment', 55], ['continue', 38], ['escalate', 7]] as const) : 'continue';
    into.checkpoints.push({
      assessmentId: id,
      day: c.day,
      dueOn: c.dueOn,
      decision: decide ? decision : null,
      reasons: decide ? CHECKPOINT_REASONS[decision] : null,
      decidedBy: decide ? a.managerId : null,
      decidedAt: decide ? at(c.dueOn, 900 + r.int(0, 120)) : null,
    });
  }
  if (a.plan) {
    into.revisions.push({ assessmentId: id, revision: 1, section: 'plan', content, changedFields: Object.keys(a.plan).sort(), changedBy: a.workerId, changedAt: updated });
  }
  for (const reason of a.prompts) into.prompts.push({ assessmentId: id, reason, originType: 'seed', raisedAt: at(a.today, 480 - r.int(60, 5000)) });
  return id;
}

const CHECKPOINT_REASONS: Record<string, string> = {
  'full-assessment': 'The first visits confirm the worries in the referral. A full assessment is needed to understand the impact on the children.',
  continue: 'Progressing as planned: the child has been seen alone and agencies have replied. Continue to the next checkpoint.',
  escalate: 'New information from the police suggests a risk of significant harm. Strategy discussion arranged for tomorrow.',
};

/** Writes the rows in one transaction, in the order the foreign keys need. */
export async function insertAssessmentRows(db: Db, made: AssessmentRows): Promise<void> {
  await db.transaction(async (tx) => {
    await insertMany(tx, assessments, made.assessments as Record<string, unknown>[]);
    await insertMany(tx, assessmentCheckpoints, made.checkpoints as Record<string, unknown>[]);
    await insertMany(tx, assessmentRevisions, made.revisions as Record<string, unknown>[]);
    await insertMany(tx, assessmentReviewPrompts, made.prompts as Record<string, unknown>[]);
  });
}
