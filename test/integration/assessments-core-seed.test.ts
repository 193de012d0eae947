import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Agent, bodyText, describeEachDb, freshDatabase } from '../helpers/app';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/app';
import { createServices, type Services } from '../../src/services';
import { rows, type Database } from '../../src/platform/db';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { assessmentSchedule } from '../../src/domain/timescales';
import { SETTINGS } from '../../src/domain/settings';
import { dueOn, STRATEGY_DISCUSSION } from '../../src/features/tasks/kinds';
import { DEMO_PASSWORD, seedDemo } from '../../cli/seed/demo';
import { seedScale } from '../../cli/seed/scale';
import { seedScaleAssessments } from '../../cli/seed/assessments';
import { countOf } from './seedChecks';
import { authorisationProblems, CONTENT_SECTIONS, decisionProblems, sectionProblems, submissionProblems } from '../../src/domain/assessmentChecks';
import { authorisationBlockers, submissionBlockers } from '../../src/domain/assessmentReadiness';
import { readinessFacts, type FamilyMember } from '../../src/features/assessments/sections/page';
import type { AssessmentVariant } from '../../src/features/assessments/tables';
import { CHECKLIST_ITEMS, readContent, SECTION_SCHEMAS, statementsOf, TRIANGLE_KEYS, type AssessmentContent } from '../../src/domain/assessmentContent';
import { checkFactors } from '../../src/domain/factorCodes';
import { createRandom } from '../../src/domain/random';
import { seededContent, type ContentAbout, type ContentWhen } from '../../cli/seed/assessmentContent';

type Stored = {
  id: string;
  status: string;
  variant: AssessmentVariant;
  content: Record<string, unknown> | string;
  first: Record<string, unknown> | string | null;
  due_on: string;
  late_reason: string | null;
  authorised_on: string | null;
};
const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const parsed = (v: Record<string, unknown> | string | null) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : v);

/**
 * Every seeded assessment, judged by the app's own rules: each section fits the schema the app reads
 * it with; an authorised one passes authorisationBlockers as the authorise route calls it (content,
 * plan, late reasons, checkpoint decisions and checklist) on the day it was authorised, one sent for
 * authorisation passes submissionBlockers today, and every section marked completed passes
 * sectionProblems; factor codes obey checkFactors; the first revision holds the content.
 */
async function expectContentTheAppAccepts(db: Database['db'], today: string): Promise<{ authorised: AssessmentContent[]; open: AssessmentContent[] }> {
  const found = await rows<Stored>(
    db,
    sql`SELECT a.id, a.status, a.variant, a.content, v.content AS first, a.due_on::text AS due_on, a.late_reason, a.authorised_on::text AS authorised_on
        FROM assessments a LEFT JOIN assessment_revisions v ON v.assessment_id = a.id AND v.revision = 1 ORDER BY a.id`,
  );
  const checkpoints = new Map<string, { day: number; dueOn: string; decision: string | null }[]>();
  for (const c of await rows<{ assessment_id: string; day: number; due_on: string; decision: string | null }>(db, sql`SELECT assessment_id, day, due_on::text AS due_on, decision FROM assessment_checkpoints`)) {
    checkpoints.set(c.assessment_id, [...(checkpoints.get(c.assessment_id) ?? []), { day: Number(c.day), dueOn: c.due_on, decision: c.decision }]);
  }
  const authorised: AssessmentContent[] = [];
  const open: AssessmentContent[] = [];
  for (const a of found) {
    const raw = parsed(a.content)!;
    if (a.first !== null) expect(parsed(a.first), `${a.id}: first revision`).toEqual(raw);
    for (const [key, schema] of Object.entries(SECTION_SCHEMAS)) {
      if (raw[key] !== undefined) expect(schema.safeParse(raw[key]).success, `${a.id}: ${key} fits the app's schema`).toBe(true);
    }
    const content = readContent(raw);
    const context = { variant: a.variant };
    const row = { variant: a.variant, content: raw, dueOn: a.due_on, lateReason: a.late_reason };
    if (a.status === 'authorised') {
      expect(authorisationBlockers(content, readinessFacts(row, checkpoints.get(a.id) ?? [], a.authorised_on!)), `${a.id} (${a.variant})`).toEqual([]);
      authorised.push(content);
    } else {
      if (a.status === 'awaiting-authorisation') expect(submissionBlockers(content, readinessFacts(row, [], today)), `${a.id} (${a.variant})`).toEqual([]);
      for (const key of CONTENT_SECTIONS) if (content[key]?.completed) expect(sectionProblems(key, content, context), `${a.id}: ${key}`).toEqual([]);
      open.push(content);
    }
    const d = content.decision;
    if (d) {
      expect(decisionProblems(d, { complete: false }), `${a.id}: decision`).toEqual([]);
      expect(checkFactors(d.factors, { outcome: d.outcome, complete: d.completed, otherFactor: d.otherFactor }), `${a.id}: factors ${d.factors.join(',')}`).toEqual([]);
    }
    for (const key of TRIANGLE_KEYS) for (const s of statementsOf(content[key], key)) expect(s.statement.source.length, `${a.id}: a source`).toBeGreaterThan(0);
  }
  // In progress is a mix: some only planned, some with sections completed, some part written.
  expect(open.filter((c) => CONTENT_SECTIONS.some((k) => c[k]?.completed)).length, 'open with sections completed').toBeGreaterThan(0);
  expect(open.filter((c) => CONTENT_SECTIONS.some((k) => c[k] && !c[k].completed)).length, 'open with a section part written').toBeGreaterThan(0);
  return { authorised, open };
}

/**
 * What only a child already born has: a pre-birth assessment never says it. The record of a baby
 * not born yet has the first name 'Unborn', so a text written about a child by name shows it.
 */
const AFTER_BIRTH = /\bUnborn\b|milestone|nursery|cot was clean|thriving|school|all their life|babbl|crawl|toddler|bedtime|\bkids\b/i;

/** Every text in a pre-birth assessment's content is about the pregnancy, the parents and the family, never about a child already born. */
function expectWrittenBeforeBirth(content: unknown, where: string): void {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(content);
  for (const text of texts) expect(text, where).not.toMatch(AFTER_BIRTH);
}

/** Rules every seeded set of assessments keeps: what the app itself would have written. */
async function expectConsistentAssessments(db: Database['db']): Promise<void> {
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE (SELECT count(*) FROM assessment_checkpoints c WHERE c.assessment_id = a.id) <> 3`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE a.revision <> (SELECT count(*) FROM assessment_revisions v WHERE v.assessment_id = a.id)`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE due_on <= referral_date OR started_on < referral_date OR started_on > current_date + 1`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND (authorised_on < referral_date OR review_due_on IS NULL)`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_checkpoints c JOIN assessments a ON a.id = c.assessment_id WHERE c.due_on > a.due_on OR (c.decision IS NOT NULL AND c.decided_by IS NULL)`)).toBe(0);
  // One open assessment per child at most.
  expect(await countOf(db, sql`SELECT count(*) AS n FROM (SELECT child_id FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation') GROUP BY child_id HAVING count(*) > 1) x`)).toBe(0);
  // Closed at a checkpoint as the app closes one: that checkpoint decided 'close' by whoever closed it, none after it decided, a line in the chronology.
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE a.status = 'closed' AND a.closed_reason = 'checkpoint' AND NOT (
    a.closed_outcome IS NOT NULL AND a.closed_by IS NOT NULL
    AND EXISTS (SELECT 1 FROM assessment_checkpoints c WHERE c.assessment_id = a.id AND c.day = a.closed_at_day AND c.decision = 'close' AND c.decided_by = a.closed_by AND c.due_on = a.closed_on)
    AND NOT EXISTS (SELECT 1 FROM assessment_checkpoints c WHERE c.assessment_id = a.id AND c.day > a.closed_at_day AND c.decision IS NOT NULL)
    AND EXISTS (SELECT 1 FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE e.origin_type = 'assessment-checkpoint' AND e.origin_id = a.id AND l.person_id = a.child_id AND e.significance = 'significant'))`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE revision > 0 AND content->'plan'->>'aims' IS NULL`)).toBe(0);
  // The reasons an assessment is late are kept as the app keeps them: the latest history row has the wording the assessment shows, and there is none without reasons.
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE late_reason IS NOT NULL`), 'late reasons seeded').toBeGreaterThan(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE a.late_reason IS NOT NULL AND a.late_reason IS DISTINCT FROM
    (SELECT h.reasons FROM assessment_late_reasons h WHERE h.assessment_id = a.id ORDER BY h.recorded_at DESC LIMIT 1)`), 'late reasons without their history row').toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_late_reasons h JOIN assessments a ON a.id = h.assessment_id WHERE a.late_reason IS NULL OR h.recorded_at > a.updated_at`)).toBe(0);
}

/**
 * Every escalation at a checkpoint has the strategy discussion the app raises with it
 * (checkpointService.ts): the same kind and title, for the manager who escalated, for the assessment's
 * team (or else the manager's), due by the next working day after the decision, with its line in the
 * child's chronology; and there is no such task without an escalation. Answers how many there are.
 */
async function expectStrategyDiscussions(db: Database['db']): Promise<number> {
  const found = await rows<{ assessment_id: string; day: number; decided_on: string; decided_by: string; team: string | null; task_id: string | null; title: string; owner_id: string; task_team: string | null; due_on: string; details: string; entries: unknown }>(
    db,
    sql`SELECT c.assessment_id, c.day, (c.decided_at AT TIME ZONE 'Europe/London')::date::text AS decided_on, c.decided_by, COALESCE(a.team_id, u.team_id) AS team,
               t.id AS task_id, t.title, t.owner_id, t.team_id AS task_team, t.due_on::text AS due_on, t.details,
               (SELECT count(*) FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE e.origin_type = 'task' AND e.origin_id = t.id AND l.person_id = a.child_id) AS entries
        FROM assessment_checkpoints c
        JOIN assessments a ON a.id = c.assessment_id
        LEFT JOIN users u ON u.id = c.decided_by
        LEFT JOIN tasks t ON t.kind = 'strategy-discussion' AND t.origin_type = 'assessment-checkpoint' AND t.origin_id = c.assessment_id AND t.person_id = a.child_id
        WHERE c.decision = 'escalate'`,
  );
  for (const f of found) {
    const where = `${f.assessment_id} day ${f.day}`;
    expect(f.task_id, `${where}: a strategy discussion`).not.toBeNull();
    expect({ title: f.title, owner: f.owner_id, team: f.task_team, due: f.due_on, entries: Number(f.entries) }, where).toEqual({
      title: STRATEGY_DISCUSSION.title,
      owner: f.decided_by,
      team: f.team,
      due: dueOn('strategy-discussion', f.decided_on),
      entries: 1,
    });
    expect(f.details, where).toContain(`Escalated at the working day ${f.day} checkpoint of the assessment on `);
  }
  expect(await countOf(db, sql`SELECT count(*) AS n FROM tasks WHERE kind = 'strategy-discussion'`), 'no strategy discussion without an escalation').toBe(found.length);
  return found.length;
}

describeEachDb('assessments in the demo and the scale dataset', (kind) => {
  let demo: { database: Database; drop(): Promise<void> };
  let services: Services;
  let app: FastifyInstance;
  beforeAll(async () => {
    demo = await freshDatabase(kind);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, {});
    services = createServices(demo.database, config);
    await seedDemo(services, { onlyIfEmpty: true });
    app = await buildApp(config, services);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await demo.drop();
  });

  const signIn = async (email: string) => {
    const agent = new Agent(app);
    expect((await agent.post('/sign-in', { email, password: DEMO_PASSWORD })).statusCode).toBe(303);
    return agent;
  };

  it('gives the demo about 25 assessments in every state, some for brothers and sisters together', async () => {
    const db = demo.database.db;
    const today = todayInLondon();
    const total = await countOf(db, sql`SELECT count(*) AS n FROM assessments`);
    expect(total).toBeGreaterThanOrEqual(18);
    expect(total).toBeLessThanOrEqual(45);
    const states = await rows<{ status: string; variant: string }>(db, sql`SELECT DISTINCT status, variant FROM assessments`);
    for (const status of ['in-progress', 'awaiting-authorisation', 'authorised', 'closed']) expect(states.map((s) => s.status)).toContain(status);
    for (const variant of ['standard', 'pre-birth', 'early-help', 'homelessness-16-17', 'specialist']) expect(states.map((s) => s.variant)).toContain(variant);
    // The specialist one records parenting capacity for each parent separately.
    const specialist = await rows<{ adults: number }>(db, sql`SELECT jsonb_array_length(content->'parenting-capacity'->'adults') AS adults FROM assessments WHERE variant = 'specialist'`);
    expect(specialist.length).toBe(1);
    expect(Number(specialist[0]!.adults)).toBeGreaterThan(0);
    // And what affects the first parent's parenting: one of the four reasons for a specialist assessment.
    const affected = await rows<{ issues: unknown }>(db, sql`SELECT content->'parenting-capacity'->'adults'->0->'affectedBy' AS issues FROM assessments WHERE variant = 'specialist'`);
    const issues = typeof affected[0]!.issues === 'string' ? JSON.parse(affected[0]!.issues) : affected[0]!.issues;
    expect(issues).toHaveLength(1);
    expect(['mental-ill-health', 'substance-misuse', 'domestic-abuse', 'learning-disability']).toContain(issues[0]);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status <> 'authorised' AND due_on < ${today}`), 'late').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_review_prompts WHERE resolved_at IS NULL`), 'under review').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND review_due_on <= ${addDays(today, 30)}`), 'annual review due').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM (SELECT r.contact_id FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE a.status <> 'authorised' GROUP BY r.contact_id, a.referral_date HAVING count(*) > 1) x`), 'siblings').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_checkpoints WHERE decision IS NOT NULL`)).toBeGreaterThan(0);
    await expectConsistentAssessments(db);
    // A young person of 16 or 17 assessed as homeless, with the section only that kind of assessment has (A1).
    const homeless = await rows<{ duty: string | null }>(db, sql`SELECT content->'homelessness'->>'duty' AS duty FROM assessments WHERE variant = 'homelessness-16-17' AND content ? 'homelessness'`);
    expect(homeless.length, 'homelessness assessments with their section').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE variant <> 'homelessness-16-17' AND content ? 'homelessness'`)).toBe(0);
    expect(await expectStrategyDiscussions(db), 'escalations in the demo').toBeGreaterThan(0);
    // The safeguarding tasks on children being assessed were seeded too, after the strategy discussions.
    expect(await countOf(db, sql`SELECT count(*) AS n FROM tasks WHERE kind <> 'strategy-discussion'`), 'safeguarding tasks').toBeGreaterThan(0);
  });

  it('gives the unborn baby in one family a pre-birth assessment in progress, due 4 weeks before the expected delivery date', async () => {
    const db = demo.database.db;
    const today = todayInLondon();
    // Recorded as the people form records an unborn child: a child with an expected delivery date, no date of birth, sex not known.
    const unborn = await rows<{ id: string; first_name: string; sex: string; expected_delivery_date: string; worker: string | null }>(
      db,
      sql`SELECT p.id, p.first_name, p.sex, p.expected_delivery_date::text AS expected_delivery_date, u.email AS worker
          FROM people p LEFT JOIN users u ON u.id = p.current_worker_id
          WHERE p.kind = 'child' AND p.date_of_birth IS NULL AND p.expected_delivery_date IS NOT NULL`,
    );
    expect(unborn).toHaveLength(1);
    const baby = unborn[0]!;
    expect({ firstName: baby.first_name, sex: baby.sex, worker: baby.worker }).toEqual({ firstName: 'Unborn', sex: 'U', worker: 'sam.worker@demo.hearth.test' });
    expect(baby.expected_delivery_date > today, 'not born yet').toBe(true);

    const found = await rows<{ id: string; status: string; variant: string; referral_date: string; due_on: string; contact_id: string }>(
      db,
      sql`SELECT a.id, a.status, a.variant, a.referral_date::text AS referral_date, a.due_on::text AS due_on, r.contact_id
          FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE a.child_id = ${baby.id}`,
    );
    expect(found).toHaveLength(1);
    const a = found[0]!;
    expect({ status: a.status, variant: a.variant }).toEqual({ status: 'in-progress', variant: 'pre-birth' });
    // Referred during the pregnancy (at most 40 weeks before the expected delivery date).
    expect(a.referral_date >= addDays(baby.expected_delivery_date, -280)).toBe(true);
    // Its dates are the domain's: due 4 weeks before the expected delivery date, sooner than day 45, and not late yet.
    const schedule = assessmentSchedule({ referralDate: a.referral_date, checkpoints: SETTINGS['assessment.checkpoints'].default, variant: 'pre-birth', expectedDeliveryDate: baby.expected_delivery_date });
    expect(schedule.rule).toBe('before-delivery');
    expect(a.due_on).toBe(schedule.finalDueOn);
    expect(a.due_on >= today, 'not late').toBe(true);
    const checkpoints = await rows<{ day: number; due_on: string }>(db, sql`SELECT day, due_on::text AS due_on FROM assessment_checkpoints WHERE assessment_id = ${a.id} ORDER BY day`);
    expect(checkpoints.map((c) => ({ day: Number(c.day), dueOn: c.due_on }))).toEqual(schedule.checkpoints.map((c) => ({ day: c.day, dueOn: c.dueOn })));

    // Assessed with the brothers and sisters referred with the baby: theirs are standard assessments, due on day 45.
    const siblings = await rows<{ variant: string; due_on: string }>(
      db,
      sql`SELECT a.variant, a.due_on::text AS due_on FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE r.contact_id = ${a.contact_id} AND a.child_id <> ${baby.id}`,
    );
    expect(siblings.length).toBeGreaterThan(0);
    for (const s of siblings) expect(s.variant).toBe('standard');
    const standard = assessmentSchedule({ referralDate: a.referral_date, checkpoints: SETTINGS['assessment.checkpoints'].default, variant: 'standard', expectedDeliveryDate: null });
    expect(siblings.map((s) => s.due_on)).toEqual(siblings.map(() => standard.finalDueOn));
    expect(a.due_on < standard.finalDueOn).toBe(true);

    // Nothing a baby not born yet cannot have: no safeguarding task, no visit, and the plan sees the baby after the birth.
    expect(await countOf(db, sql`SELECT count(*) AS n FROM tasks WHERE person_id = ${baby.id}`)).toBe(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM visit_children WHERE person_id = ${baby.id}`)).toBe(0);
    const [plan] = await rows<{ seen: string }>(db, sql`SELECT content->'plan'->>'seen' AS seen FROM assessments WHERE id = ${a.id}`);
    expect(plan!.seen).toContain('after the birth');
    // And all its content is written before the birth: about the pregnancy, the parents and the family.
    const [stored] = await rows<{ content: Record<string, unknown> | string }>(db, sql`SELECT content FROM assessments WHERE id = ${a.id}`);
    expectWrittenBeforeBirth(parsed(stored!.content), a.id);

    // Sam sees it as the app shows a pre-birth assessment, with its due date.
    const page = bodyText((await (await signIn('sam.worker@demo.hearth.test')).get(`/people/${baby.id}/assessments/${a.id}`)).body);
    expect(page).toContain('Pre-birth assessment');
    expect(page).toContain(formatDate(a.due_on));
  });

  it('fills every section of the authorised ones, as the app saves them, and part of the open ones', async () => {
    const db = demo.database.db;
    const { authorised, open } = await expectContentTheAppAccepts(db, todayInLondon());
    expect(authorised.length).toBeGreaterThan(5);
    expect(open.filter((c) => CONTENT_SECTIONS.every((k) => !c[k])).length, 'open with nothing past the plan').toBeGreaterThan(0);
    // Varied texts and decisions, each written about the child by name.
    expect(new Set(authorised.map((c) => c.analysis?.worried)).size).toBeGreaterThan(2);
    expect(new Set(authorised.map((c) => c.decision?.outcome)).size).toBeGreaterThan(1);
    const named = await rows<{ first_name: string; worried: string; words: string | null }>(
      db,
      sql`SELECT p.first_name, a.content->'analysis'->>'worried' AS worried, a.content->'voices'->'child'->>'words' AS words
          FROM assessments a JOIN people p ON p.id = a.child_id WHERE a.status = 'authorised'`,
    );
    for (const n of named) expect(n.worried).toContain(n.first_name);
    // Early help assessments are authorised by the early help worker; the others by a manager, each with the checklist answered.
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND (content->'checklist' IS NULL OR authorised_revision IS NULL)`)).toBe(0);
  });

  it('shows the sections of an authorised assessment on its pages', async () => {
    const db = demo.database.db;
    const [a] = await rows<{ id: string; child_id: string; content: Record<string, unknown> | string }>(
      db,
      sql`SELECT a.id, a.child_id, a.content FROM assessments a JOIN people p ON p.id = a.child_id JOIN users u ON u.id = p.current_worker_id
          WHERE a.status = 'authorised' AND u.email = 'priya.worker@demo.hearth.test' ORDER BY a.id LIMIT 1`,
    );
    expect(a).toBeDefined();
    const content = readContent(parsed(a!.content));
    const base = `/people/${a!.child_id}/assessments/${a!.id}`;
    const pageOf = (agent: Agent) => async (path: string) => {
      const res = await agent.get(`${base}${path}`);
      expect(res.statusCode, path).toBe(200);
      return bodyText(decode(res.body));
    };
    const page = pageOf(await signIn('priya.worker@demo.hearth.test'));
    expect((await page('')).match(/Completed/g)?.length ?? 0, 'the plan and every content section completed').toBeGreaterThanOrEqual(CONTENT_SECTIONS.length + 1);
    for (const key of TRIANGLE_KEYS) {
      const shown = await page(`/sections/${key}`);
      for (const s of statementsOf(content[key], key)) expect(shown, key).toContain(s.statement.text);
    }
    const voices = await page('/sections/voices');
    const child = content.voices!.child;
    expect(voices).toContain((child.words ?? child.observations)!);
    for (const p of content.voices!.professionals) expect(voices).toContain(p.view);
    for (const v of content.voices!.adults) expect(voices).toContain(v.view ?? v.notHeardReason!);
    const identity = await page('/sections/identity');
    expect(identity).toContain(content.identity!.history!);
    expect(identity).toContain(content.identity!.considered!);
    const analysis = await page('/sections/analysis');
    for (const text of [content.analysis!.riskFactors, content.analysis!.goingWell, content.analysis!.worried, content.analysis!.needsToHappen]) expect(analysis).toContain(text!);
    expect(await page('/sections/decision')).toContain(content.decision!.reasons!);
    // The manager sees it authorised, with nothing outstanding.
    const checklist = await pageOf(await signIn('alex.manager@demo.hearth.test'))('/sections/checklist');
    expect(checklist).toContain('Authorised on');
    expect(checklist).not.toContain('Still needed before you can authorise');
  });

  it('lets the manager authorise the one sent for authorisation, as seeded', async () => {
    const db = demo.database.db;
    const [a] = await rows<{ id: string; child_id: string; version: number }>(db, sql`SELECT id, child_id, version FROM assessments WHERE status = 'awaiting-authorisation' ORDER BY id LIMIT 1`);
    expect(a, 'an assessment waiting for authorisation').toBeDefined();
    const morgan = await signIn('morgan.manager@demo.hearth.test');
    const base = `/people/${a!.child_id}/assessments/${a!.id}`;
    const checklist = bodyText((await morgan.get(`${base}/sections/checklist`)).body);
    expect(checklist).toContain('Every section is complete');
    const items = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [`items-${i.value}-ticked`, 'yes']));
    const res = await morgan.post(`${base}/authorise`, { ...items, version: String(a!.version), base: '' });
    expect(res.statusCode, bodyText(res.body).slice(0, 400)).toBe(303);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE id = ${a!.id} AND status = 'authorised'`)).toBe(1);
  });

  it('shows them on the workers’ and managers’ lists', async () => {
    const sam = bodyText((await (await signIn('sam.worker@demo.hearth.test')).get('/assessments')).body);
    expect(sam).toMatch(/\d+ open/);
    expect(sam).toContain('Child and family assessment');
    const morgan = bodyText((await (await signIn('morgan.manager@demo.hearth.test')).get('/assessments/team')).body);
    expect(morgan).toContain('Checkpoint decisions waiting for you');
    const alex = await signIn('alex.manager@demo.hearth.test');
    const team = bodyText((await alex.get('/assessments/team')).body);
    // Each group's heading is followed by its table's (hidden) caption.
    expect(team.slice(team.indexOf('Late Late'), team.indexOf('Due soon', team.indexOf('Late Late')))).toMatch(/working days? late/);
    expect(team.slice(team.indexOf('Annual reviews due'))).toMatch(/Due|Overdue/);
    // The early help team has its own manager, who signs off Jo's early help assessments.
    const kit = bodyText((await (await signIn('kit.manager@demo.hearth.test')).get('/assessments/team')).body);
    expect(kit).toContain('Jo Fletcher');
    const signedOff = await rows<{ by: string }>(demo.database.db, sql`SELECT DISTINCT u.email AS by FROM assessments a JOIN users u ON u.id = a.authorised_by WHERE a.variant = 'early-help'`);
    expect(signedOff.map((s) => s.by)).toEqual(['kit.manager@demo.hearth.test']);
  });

  it('adds nothing when the demo is seeded again', async () => {
    const before = await countOf(demo.database.db, sql`SELECT count(*) AS n FROM assessments`);
    await seedDemo(services, { onlyIfEmpty: false });
    expect(await countOf(demo.database.db, sql`SELECT count(*) AS n FROM assessments`)).toBe(before);
  });

  it('gives the scale dataset one assessment per referral, mostly authorised, the recent ones open', async () => {
    const scale = await freshDatabase(kind);
    try {
      const today = '2026-03-16';
      await seedScale(scale.database, { children: 250, seed: 11, today });
      const db = scale.database.db;
      const referrals = await countOf(db, sql`SELECT count(*) AS n FROM referrals`);
      const total = await countOf(db, sql`SELECT count(*) AS n FROM assessments`);
      expect(total).toBeGreaterThan(referrals * 0.95);
      expect(total).toBeLessThanOrEqual(referrals);
      const authorised = await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised'`);
      expect(authorised / total).toBeGreaterThan(0.8);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation')`)).toBeGreaterThan(0);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation') AND referral_date < ${addDays(today, -200)}`)).toBe(0);
      // Some that ended with no further action or early help were closed at the day 10 checkpoint.
      const closed = await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'closed' AND closed_reason = 'checkpoint' AND closed_at_day = 10`);
      expect(closed).toBeGreaterThan(0);
      expect(closed / total).toBeLessThan(0.1);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND authorised_on > due_on`)).toBeGreaterThan(0);
      // A few still open after their final date (late), and a few under review: new information, with the prompt still open.
      const openLate = await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation') AND due_on < ${today}`);
      expect(openLate, 'open and late').toBeGreaterThan(0);
      expect(openLate / total).toBeLessThan(0.05);
      const underReview = await countOf(db, sql`SELECT count(DISTINCT assessment_id) AS n FROM assessment_review_prompts WHERE resolved_at IS NULL`);
      expect(underReview, 'under review').toBeGreaterThan(0);
      expect(underReview / total).toBeLessThan(0.05);
      await expectConsistentAssessments(db);
      expect(await expectStrategyDiscussions(db), 'escalations at scale').toBeGreaterThan(0);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM tasks WHERE kind <> 'strategy-discussion'`), 'safeguarding tasks').toBeGreaterThan(0);
      const seeded = await expectContentTheAppAccepts(db, today);
      for (const b of await rows<{ id: string; content: Record<string, unknown> | string }>(db, sql`SELECT id, content FROM assessments WHERE variant = 'pre-birth'`)) {
        expectWrittenBeforeBirth(parsed(b.content), b.id);
      }
      const variants = await rows<{ variant: string }>(db, sql`SELECT DISTINCT variant FROM assessments WHERE status = 'authorised'`);
      expect(variants.length, 'authorised assessments of several variants').toBeGreaterThan(1);
      expect(new Set(seeded.authorised.map((c) => c.decision?.factors.join(','))).size, 'varied factors').toBeGreaterThan(5);
      // Running it again adds nothing: each referral has its assessment.
      expect(await seedScaleAssessments(db, { today, seed: 11 })).toBe(0);
    } finally {
      await scale.drop();
    }
  }, 180_000);
});

describe('the content of a seeded assessment', () => {
  const about: ContentAbout = {
    childId: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
    firstName: 'Jade',
    dateOfBirth: '2016-05-04',
    family: [],
    ethnicity: 'WBRI',
    religion: 'No religion',
    firstLanguage: 'English',
    disabilities: [],
    referralNeed: 'N1',
    lean: null,
    worker: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Sam Okafor' },
  };
  const when: ContentWhen = { variant: 'standard', stage: 'authorised', planCompleted: true, dayZero: '2025-01-06', startedOn: '2025-01-07', until: '2025-02-28' };

  it('is the same for the same seed, and differs for another', () => {
    const first = seededContent(createRandom('jade', 1), about, when);
    expect(seededContent(createRandom('jade', 1), about, when)).toEqual(first);
    expect(authorisationProblems(first, { variant: 'standard' })).toEqual([]);
    const others = [2, 3, 4, 5].map((n) => JSON.stringify(seededContent(createRandom('jade', n), about, when)));
    expect(new Set([JSON.stringify(first), ...others]).size).toBe(5);
  });

  it('passes the authorisation checks for every variant and age, and dates everything within the assessment', () => {
    for (const variant of ['standard', 'pre-birth', 'homelessness-16-17', 'early-help', 'specialist'] as const) {
      for (let n = 0; n < 40; n++) {
        const r = createRandom('ages', variant, n);
        const dateOfBirth = variant === 'pre-birth' ? null : `${2024 - (variant === 'homelessness-16-17' ? 16 : r.int(0, 17))}-03-0${r.int(1, 9)}`;
        const family = variant === 'specialist' ? [{ id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', kind: 'adult' as const, name: 'Kelly Brown', relationship: 'mother', types: ['mother'], livesWithChild: true, visible: true, dateOfBirth: null, assessment: null }] : [];
        const content = seededContent(r, { ...about, dateOfBirth, family }, { ...when, variant });
        expect(authorisationProblems(content, { variant }), `${variant} ${dateOfBirth}`).toEqual([]);
        expect(!!content.homelessness, `${variant}: homelessness section`).toBe(variant === 'homelessness-16-17');
        const told = [content.homelessness?.toldOn, content.homelessness?.housingContactedOn];
        const dates = [content.voices?.child.heardOn, ...(content.voices?.professionals ?? []).map((p) => p.heardOn), content.decision?.workerAgreed?.on, ...told].filter((d): d is string => !!d);
        for (const d of dates) expect(d >= when.startedOn && d <= when.until, d).toBe(true);
      }
    }
  });

  it('writes a pre-birth assessment about the pregnancy, the parents and the plan before the birth: the baby is neither seen nor heard', () => {
    const family: FamilyMember[] = [
      { id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', kind: 'adult', name: 'Kelly Brown', relationship: 'mother', types: ['mother'], livesWithChild: true, visible: true, dateOfBirth: null, assessment: null },
      { id: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a', kind: 'adult', name: 'Dean Wright', relationship: 'father', types: ['father'], livesWithChild: false, visible: true, dateOfBirth: null, assessment: null },
      { id: '7c6b5a4f-3e2d-4c1b-8a0f-9e8d7c6b5a4f', kind: 'adult', name: 'Pat Brown', relationship: 'grandmother', types: ['grandparent'], livesWithChild: false, visible: true, dateOfBirth: null, assessment: null },
    ];
    const roles = new Set<string | null>();
    const outcomes = new Set<string | null>();
    for (const stage of ['authorised', 'submitted', 'in-progress'] as const) {
      for (let n = 0; n < 60; n++) {
        const r = createRandom('unborn', stage, n);
        const baby = { ...about, firstName: 'Unborn', dateOfBirth: null, family: n % 2 ? family : [], religion: n % 3 ? null : 'Christian', firstLanguage: n % 4 ? null : 'Polish', lean: n % 5 ? null : ('protection' as const) };
        const content = seededContent(r, baby, { ...when, variant: 'pre-birth', stage });
        const where = `${stage} ${n}`;
        if (stage === 'authorised') expect(authorisationProblems(content, { variant: 'pre-birth' }), where).toEqual([]);
        if (stage === 'submitted') expect(submissionProblems(content, { variant: 'pre-birth' }), where).toEqual([]);
        expectWrittenBeforeBirth(content, where);
        // As the voices page saves it for a baby not born yet: what the worker wrote about the baby and the pregnancy, nothing asked of a child.
        const child = content.voices?.child;
        if (child) {
          expect({ words: child.words, heardOn: child.heardOn, seenAlone: child.seenAlone, notSeenAloneReason: child.notSeenAloneReason, tools: child.tools }, where).toEqual({ words: null, heardOn: null, seenAlone: null, notSeenAloneReason: null, tools: [] });
          expect(child.observations, where).toContain('not born yet');
        }
        if (content.checklist) expect(content.checklist.items.childSeenAlone, where).toEqual({ ticked: false, reason: expect.stringContaining('not born yet') });
        for (const p of content.voices?.professionals ?? []) roles.add(p.role);
        const d = content.decision;
        if (d?.outcome) {
          outcomes.add(d.outcome);
          // Nothing can be done at once for a baby not born, nor can one be accommodated: the plan is made before the birth.
          expect(d.accommodation, where).toBe('no');
          if (d.outcome === 'strategy-discussion') expect(d.reasons, where).toMatch(/child protection conference/);
          if (d.outcome === 'cin-plan') expect(d.reasons, where).toMatch(/before the birth|pre-birth/);
        }
      }
    }
    expect(roles, 'the midwife is heard').toContain('Community midwife');
    expect([...outcomes].sort()).toEqual(['cin-plan', 'nfa', 'strategy-discussion']);
  });
});
