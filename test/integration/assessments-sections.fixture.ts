/**
 * A family for the assessment section tests: a child allocated to Front Door and Assessment with her
 * mother and younger brother at home, a father who lives elsewhere and a grandmother, an assessment
 * of her (and one of her brother), and the forms that complete every section through HTTP.
 */
import { sql } from 'drizzle-orm';
import { EMAILS, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createAssessment, createChild, createHousehold, createRelationship } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import type { AssessmentVariant } from '../../src/features/assessments/tables';

let made = 0;

/**
 * A visit as the visits feature stores it (V1), for the manager's checklist to find (A9): each child
 * seen or not, seen alone, their bedroom seen, their own words.
 */
export async function recordVisit(t: TestApp, on: string, children: { id: string; seen?: boolean; alone?: boolean; bedroom?: boolean; words?: string | null }[]): Promise<string> {
  const found = await rows<{ id: string }>(
    t.database.db,
    sql`INSERT INTO visits (visit_date, type, analysis, recorded_by) VALUES (${on}, 'child-in-need', 'The children are settled at home', ${t.users.get(EMAILS.worker)!}) RETURNING id`,
  );
  const visitId = found[0]!.id;
  for (const c of children) {
    const seen = c.seen ?? true;
    const alone = seen ? (c.alone ?? false) : null;
    await t.database.db.execute(
      sql`INSERT INTO visit_children (visit_id, person_id, visit_date, seen, seen_alone, not_seen_alone_reason, bedroom_seen, child_words, counts_for_schedule)
          VALUES (${visitId}, ${c.id}, ${on}, ${seen}, ${alone}, ${alone === false || !seen ? 'Asleep when we called' : null}, ${c.bedroom ? 'yes' : 'no'}, ${c.words ?? null}, ${seen})`,
    );
  }
  return visitId;
}

export async function familyWithAssessment(t: TestApp, opts: { variant?: AssessmentVariant; team?: string; workerEmail?: string; visited?: boolean } = {}) {
  const db = t.database.db;
  made += 1;
  const teamId = t.teams.get(opts.team ?? 'Front Door and Assessment')!;
  const workerId = t.users.get(opts.workerEmail ?? EMAILS.worker)!;
  const child = await createChild(db, { firstName: `Lily${made}`, lastName: 'Sections', sex: 'F', dateOfBirth: '2017-05-14', ethnicity: 'MWBC', religion: 'Christian', firstLanguage: 'English', disabilities: ['NONE'] });
  const sibling = await createChild(db, { firstName: `Kai${made}`, lastName: 'Sections', sex: 'M', dateOfBirth: '2019-02-01' });
  const mother = await createAdult(db, { firstName: `Jo${made}`, lastName: 'Sections', sex: 'F' });
  const father = await createAdult(db, { firstName: `Dan${made}`, lastName: 'Elsewhere', sex: 'M' });
  const grandmother = await createAdult(db, { firstName: `Pat${made}`, lastName: 'Sections', sex: 'F' });
  for (const c of [child, sibling]) await createAllocation(db, c.id, teamId, workerId);
  await createRelationship(db, child.id, mother.id, 'mother');
  await createRelationship(db, child.id, father.id, 'father');
  await createRelationship(db, child.id, grandmother.id, 'grandparent');
  await createRelationship(db, child.id, sibling.id, 'sibling');
  await createHousehold(db, `Sections household ${made}`, [child.id, mother.id, sibling.id]);
  const assessment = await createAssessment(db, child.id, { workerId, teamId, variant: opts.variant ?? 'standard' });
  const siblingAssessment = await createAssessment(db, sibling.id, { workerId, teamId });
  // Visited during the assessment (from 6 January 2025): Lily seen alone with her bedroom seen and her words written down, Kai seen.
  if (opts.visited !== false) await recordVisit(t, '2025-02-03', [{ id: child.id, alone: true, bedroom: true, words: 'I hide under my bed when they shout' }, { id: sibling.id }]);
  return { child, sibling, mother, father, grandmother, assessment, siblingAssessment, base: `/people/${child.id}/assessments/${assessment.id}` };
}

export type Family = Awaited<ReturnType<typeof familyWithAssessment>>;

/** Opens a form page and reads the version and fingerprint it carries. */
export async function openForm(agent: Agent, url: string): Promise<{ version: string; base: string; body: string }> {
  const res = await agent.get(url);
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
  const version = /name="version" value="(\d+)"/.exec(res.body)?.[1];
  if (!version) throw new Error(`GET ${url} has no version field`);
  return { version, base: /name="base" value="([0-9a-f]*)"/.exec(res.body)?.[1] ?? '', body: res.body };
}

/** Opens a section and posts the fields with the version it was opened at. */
export async function saveSection(agent: Agent, family: Family, section: string, fields: Record<string, string | string[]>) {
  const url = `${family.base}/sections/${section}`;
  const form = await openForm(agent, url);
  return agent.post(url, { version: form.version, base: form.base, action: 'save', ...fields });
}

export const statement = (prefix: string, text: string, extra: Record<string, string> = {}) => ({
  [`${prefix}-text`]: text,
  [`${prefix}-kind`]: 'fact',
  [`${prefix}-source`]: 'Health visitor, home visit',
  ...extra,
});

/** One statement in every dimension of a triangle section, marked completed. */
export function completeTriangle(dimensions: string[]): Record<string, string> {
  return Object.assign({ completed: 'yes' }, ...dimensions.map((d) => statement(`dimensions-${d}-strengths-0`, `A strength about ${d}`)));
}

export const DIMENSION_KEYS = {
  'developmental-needs': ['health', 'education', 'emotionalBehavioural', 'identity', 'familySocial', 'socialPresentation', 'selfCare'],
  'parenting-capacity': ['basicCare', 'ensuringSafety', 'emotionalWarmth', 'stimulation', 'guidanceBoundaries', 'stability'],
  'family-environment': ['familyHistory', 'widerFamily', 'housing', 'employment', 'income', 'socialIntegration', 'communityResources'],
};

const date = { day: '4', month: '3', year: '2025' };
const dated = (prefix: string) => ({ [`${prefix}-day`]: date.day, [`${prefix}-month`]: date.month, [`${prefix}-year`]: date.year });

/** The voices section, complete: the family rows come from the page (prefilled), so their hidden fields are read from it. */
export function completeVoices(page: string): Record<string, string> {
  const fields: Record<string, string> = {
    'child-words': '“I like it when mum walks me to school”',
    ...dated('child-heardOn'),
    'child-heardBy': 'Sam Okafor',
    'child-seenAlone': 'yes',
    'child-tools': 'three-houses',
    'professionals-0-name': 'Ann Teacher',
    'professionals-0-agency': 'Hill Primary School',
    'professionals-0-view': 'Attendance has improved since January',
    ...dated('professionals-0-heardOn'),
    completed: 'yes',
  };
  for (const match of page.matchAll(/<input type="hidden" name="((adults|wider)-\d+-(personId|name|relationship|livesWithChild))" value="([^"]*)">/g)) {
    fields[match[1]!] = match[4]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  }
  for (const row of new Set([...page.matchAll(/name="((?:adults|wider)-\d+)-personId"/g)].map((m) => m[1]!))) {
    Object.assign(fields, { [`${row}-heard`]: 'yes', [`${row}-view`]: 'I want things to be calmer at home', ...dated(`${row}-heardOn`) });
  }
  return fields;
}

export const completeIdentity = { ethnicity: 'MWBC', history: 'Moved twice in 2023; father left in 2022', considered: 'The plan keeps Lily at Hill Primary and links her with her father’s family', completed: 'yes' };

export const completeAnalysis = {
  riskFactors: 'Arguments at night when mum has been drinking',
  protectiveFactors: 'Grandmother lives nearby and Lily goes to her',
  goingWell: 'School attendance is good',
  worried: 'Lily hears shouting at night and hides under her bed',
  needsToHappen: 'Mum gets help with drinking; a plan for nights',
  hypotheses: 'Stress from debt; drinking as a way of coping',
  capacityToChange: 'Mum asked for help before and used it',
  'scaling-0-who': 'worker',
  'scaling-0-name': 'Sam Okafor',
  'scaling-0-score': '6',
  'scaling-1-who': 'family',
  'scaling-1-name': 'Jo Sections',
  'scaling-1-score': '8',
  'scaling-2-who': 'professional',
  'scaling-2-name': 'Ann Teacher',
  'scaling-2-score': '6',
  completed: 'yes',
};

export const completeDecision = { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'cin-plan', reasons: 'Lily needs help at home', factors: ['1B', '3B'], primaryNeed: 'N4', workerAgrees: 'yes', completed: 'yes' };

export const tickedChecklist = Object.fromEntries(['childSeenAlone', 'allChildrenSeen', 'homeVisited', 'parentsSeen', 'analysisComplete', 'evidenceSupports'].map((k) => [`items-${k}-ticked`, 'yes']));

/** An agreed assessment plan (A3), marked completed. */
export const agreedPlan = { aims: 'Understand what nights at home are like for Lily', 'seen-0-who': 'Lily', 'seen-0-grouping': 'alone', 'seen-0-where': 'School', 'seen-0-order': '1', interpreter: 'not-needed', consent: 'given', completed: 'yes' };

/** Saves the plan through its page. */
export async function savePlan(agent: Agent, family: Family, fields: Record<string, string> = agreedPlan) {
  const form = await openForm(agent, `${family.base}/sections/plan`);
  return agent.post(`${family.base}/sections/plan`, { version: form.version, ...fields });
}

/** Records why the assessment is late (the fixture's assessment went past its final date in 2025). */
export async function recordLateReasons(agent: Agent, family: Family, reasons = 'Lily was in hospital for two weeks') {
  const page = await agent.get(`${family.base}/late-reasons`);
  const basedOn = /name="basedOn" value="([0-9a-f]*)"/.exec(page.body)?.[1] ?? '';
  return agent.post(`${family.base}/late-reasons`, { reasons, basedOn });
}

/** Completes the plan and every content section through the pages, as a worker would, and records why it is late (unless told to leave some out). */
export async function completeEverything(agent: Agent, family: Family, leaveOut: ('plan' | 'late-reasons')[] = []): Promise<void> {
  if (!leaveOut.includes('plan')) expectSaved(await savePlan(agent, family), 'plan');
  if (!leaveOut.includes('late-reasons')) expectSaved(await recordLateReasons(agent, family), 'late reasons');
  for (const [section, keys] of Object.entries(DIMENSION_KEYS)) expectSaved(await saveSection(agent, family, section, completeTriangle(keys)), section);
  const voices = await openForm(agent, `${family.base}/sections/voices`);
  expectSaved(await agent.post(`${family.base}/sections/voices`, { version: voices.version, base: voices.base, action: 'save', ...completeVoices(voices.body) }), 'voices');
  expectSaved(await saveSection(agent, family, 'identity', completeIdentity), 'identity');
  expectSaved(await saveSection(agent, family, 'decision', completeDecision), 'decision');
  expectSaved(await saveSection(agent, family, 'analysis', completeAnalysis), 'analysis');
}

function expectSaved(res: { statusCode: number; body: string }, section: string): void {
  if (res.statusCode !== 303) throw new Error(`Saving ${section} answered ${res.statusCode}: ${/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(res.body)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? ''}`);
}

export async function revisionCount(t: TestApp, assessmentId: string): Promise<number> {
  const found = await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${assessmentId}`);
  return Number(found[0]!.n);
}
