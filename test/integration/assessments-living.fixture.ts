/**
 * A family for the living-assessment, family-version and task tests: Ellie (8) and her brother Tom (3)
 * living with their mum, allocated to Front Door and Assessment and the demo worker, each with an
 * assessment in progress; content saved the way the app saves it (saveAssessmentSection).
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { EMAILS, randomSuffix } from '../helpers/app';
import { createAdult, createAllocation, createAssessment, createChild, createHousehold } from '../helpers/factories';
import { saveAssessmentSection } from '../../src/features/assessments/store';
import type { AssessmentSectionKey } from '../../src/domain/assessmentSections';
import type { AnalysisContent, DecisionContent } from '../../src/domain/assessmentContent';
import { rows, toNumber } from '../../src/platform/db';
import { actorFor } from './security.fixture';

export async function livingFamily(t: TestApp, opts: { team?: string; workerEmail?: string } = {}) {
  const db = t.database.db;
  const teamId = t.teams.get(opts.team ?? 'Front Door and Assessment')!;
  const workerId = t.users.get(opts.workerEmail ?? EMAILS.worker)!;
  const surname = `Brennan${randomSuffix()}`;
  const ellie = await createChild(db, { firstName: 'Ellie', lastName: surname, dateOfBirth: '2017-05-14', sex: 'F' });
  const tom = await createChild(db, { firstName: 'Tom', lastName: surname, dateOfBirth: '2022-08-01', sex: 'M' });
  const mum = await createAdult(db, { firstName: 'Sarah', lastName: surname, sex: 'F' });
  const householdId = await createHousehold(db, `${surname} household`, [ellie.id, tom.id, mum.id]);
  for (const child of [ellie, tom]) await createAllocation(db, child.id, teamId, workerId);
  const assessment = await createAssessment(db, ellie.id, { workerId, teamId });
  const tomsAssessment = await createAssessment(db, tom.id, { workerId, teamId });
  return {
    ellie,
    tom,
    mum,
    householdId,
    teamId,
    workerId,
    assessment,
    tomsAssessment,
    base: `/people/${ellie.id}/assessments/${assessment.id}`,
  };
}

export function analysis(overrides: Partial<AnalysisContent> = {}): AnalysisContent {
  return {
    riskFactors: 'Domestic abuse by father; mother’s low mood.',
    protectiveFactors: 'Maternal grandmother nearby; good school attendance.',
    goingWell: 'Ellie goes to school every day and her teacher says she is doing well. Nan lives nearby and helps after school.',
    worried: 'We are worried because Dad hit Mum in the kitchen in March while Ellie was upstairs. Ellie heard it and was frightened.',
    needsToHappen: 'Dad needs to live somewhere else until he has finished a course about how he treats Mum. Mum needs to keep Ellie away from Dad until then.',
    scaling: [
      { who: 'worker', name: 'Sam Patel', score: 4, reason: 'Dad still comes to the house' },
      { who: 'family', name: 'Mum', score: 7, reason: null },
    ],
    dangerStatements: [{ text: 'Ellie could be hurt or very frightened if Dad hits Mum again when she is at home' }],
    safetyGoals: [{ text: 'Ellie lives in a home where the grown-ups do not hurt each other' }],
    hypotheses: null,
    capacityToChange: null,
    completed: true,
    ...overrides,
  };
}

export function decision(overrides: Partial<DecisionContent> = {}): DecisionContent {
  return {
    childInNeed: 'yes',
    s47: 'no',
    accommodation: 'no',
    outcome: 'cin-plan',
    reasons: 'Ellie needs help to stay safe while Mum and Dad make changes.',
    factors: [],
    otherFactor: null,
    primaryNeed: null,
    workerAgreed: null,
    completed: true,
    ...overrides,
  };
}

/** Saves a section as the worker would, based on the current version. */
export async function saveSection(t: TestApp, assessmentId: string, section: AssessmentSectionKey, data: unknown, email = EMAILS.worker) {
  const actor = await actorFor(t, email);
  const current = await rows<{ version: unknown }>(t.database.db, sql`SELECT version FROM assessments WHERE id = ${assessmentId}`);
  const result = await saveAssessmentSection(t.database.db, { actor, requestId: null }, { assessmentId, section, data, expectedVersion: toNumber(current[0]!.version) });
  if (!result.ok) throw new Error(`saving ${section} failed: ${result.reason}`);
  return result;
}

export async function count(t: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  const found = await rows<{ n: unknown }>(t.database.db, query);
  return toNumber(found[0]?.n);
}

export async function openPrompts(t: TestApp, assessmentId: string) {
  return rows<{ id: string; reason: string; origin_type: string; resolution: string | null }>(
    t.database.db,
    sql`SELECT id, reason, origin_type, resolution FROM assessment_review_prompts WHERE assessment_id = ${assessmentId} AND resolved_at IS NULL ORDER BY raised_at`,
  );
}
