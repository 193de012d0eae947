/**
 * Safeguarding actions raised by what a record says (A13): a decision that identifies trafficking
 * raises a National Referral Mechanism task, one that identifies a crime against the child (FGM,
 * exploitation, sexual abuse …) a police task, developmental needs that say a school-age child is not
 * in education an education service task, and a chronology entry of a suspected crime a police task,
 * in the transaction of the record, owned by the child's worker, once while one is open; except that
 * a crime the decision names later, that no earlier police task of the assessment covered, tells the
 * police again, whatever police task is open, and an incident on the chronology tells them even while
 * the assessment's police task is open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { familyWithAssessment, saveSection, statement } from './assessments-sections.fixture';
import { backfill as taskFactorsBackfill } from '../../migrations/034_task_factors';

type Agents = Awaited<ReturnType<typeof signInAll>>;

const tasksOf = (t: TestApp, personId: string) =>
  rows<{ kind: string; title: string; owner_id: string; due_on: string; status: string; origin_type: string; origin_id: string; details: string }>(
    t.database.db,
    sql`SELECT kind, title, owner_id, due_on::text AS due_on, status, origin_type, origin_id, details FROM tasks WHERE person_id = ${personId} ORDER BY created_at, kind`,
  );

const entry = (overrides: Record<string, string | string[]> = {}) => ({
  'occurred-day': '3',
  'occurred-month': '3',
  'occurred-year': '2025',
  precision: 'day',
  category: 'domestic-abuse',
  summary: 'The school says Lily told her teacher that her mum’s partner hit her mum last night.',
  sourceKind: 'agency',
  sourceAgency: 'Riverside Primary School',
  sourceName: 'Ms Ahmed, designated safeguarding lead',
  significance: 'significant',
  impact: 'Lily was tearful and did not want to go home.',
  ...overrides,
});

describeEachDb('safeguarding actions raised by what a record says (A13)', (kind) => {
  let t: TestApp;
  let as: Agents;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('a decision that identifies trafficking raises one NRM task and one police task, on the child and on the worker’s list; saving again does not duplicate; criminal exploitation added later tells the police but makes no second NRM referral', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'cin-plan', factors: ['12A', '13A'] };
    const res = await saveSection(as.worker, g, 'decision', decision);
    expect(res.statusCode).toBe(303);
    const today = todayInLondon();
    const worker = t.users.get(EMAILS.worker);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.origin_type, m.origin_id])).toEqual([
      ['nrm-referral', 'Make a National Referral Mechanism referral', worker, addWorkingDays(today, 2, await t.services.settings.calendar()), 'assessment', g.assessment.id],
      ['tell-police', 'Tell the police now', worker, today, 'assessment', g.assessment.id],
    ]);
    expect(made[0]!.details).toContain('trafficking (DfE factor 12A)');
    expect(made[1]!.details).toContain('(DfE factor 12A)');
    expect(made[1]!.details).toContain('involved with gangs (DfE factor 13A)');
    const child = bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body);
    expect(child).toContain('Make a National Referral Mechanism referral');
    expect(child).toContain('Tell the police now');
    const mine = bodyText((await as.worker.get('/tasks')).body);
    expect(mine).toContain('Make a National Referral Mechanism referral');
    expect(mine).toContain(g.child.firstName);

    expect((await saveSection(as.worker, g, 'decision', { ...decision, reasons: 'Changed the reasons.' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(2);
    // 24A child criminal exploitation is a new crime for the police; for the NRM it is more about the same
    // referral (one referral of the child, whatever the forms of exploitation), so no second NRM task.
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['24A'] })).statusCode).toBe(303);
    const after = await tasksOf(t, g.child.id);
    expect(after.map((m) => m.kind)).toEqual(['nrm-referral', 'tell-police', 'tell-police']);
    expect(after[2]!.details).toBe('The assessment’s decision now names child criminal exploitation (DfE factor 24A).');
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['12A', '13A', '24A'] })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(3);
    // The chronology says each once too.
    const lines = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${g.child.id} AND e.category = 'task'`);
    expect(Number(lines[0]!.n)).toBe(3);
  });

  it('a decision that identifies FGM or sexual exploitation raises "tell the police now", due today, for the assessment’s worker; once, even when it is done and the same decision saved again', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['22A', '11A', '3B'] };
    expect((await saveSection(as.worker, g, 'decision', decision)).statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.origin_type, m.origin_id])).toEqual([['tell-police', 'Tell the police now', t.users.get(EMAILS.worker), todayInLondon(), 'assessment', g.assessment.id]]);
    expect(made[0]!.details).toBe(
      'The assessment identified child sexual exploitation (DfE factor 11A). The assessment identified female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty).',
    );
    const child = bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body);
    expect(child).toContain('Tell the police now');
    expect(bodyText((await as.worker.get('/tasks')).body)).toContain('Tell the police now');
    const audited = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'task-created' AND child_id = ${g.child.id}`);
    expect(Number(audited[0]!.n)).toBe(1);

    // Told the police; the decision saved again (the same crimes, or fewer) raises nothing new for this assessment.
    await t.database.db.execute(sql`UPDATE tasks SET status = 'done' WHERE person_id = ${g.child.id}`);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, reasons: 'More detail.' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['22A'], reasons: 'More detail.' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(1);
  });

  it('a crime the decision names later (FGM after physical and sexual abuse) raises a new "tell the police now" naming it, with its chronology line, even when the first is done; the same again, or a code taken away, raises nothing', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['18C', '19B'] };
    expect((await saveSection(as.worker, g, 'decision', decision)).statusCode).toBe(303);
    const first = await tasksOf(t, g.child.id);
    expect(first.map((m) => m.kind)).toEqual(['tell-police']);
    await t.database.db.execute(sql`UPDATE tasks SET status = 'done' WHERE person_id = ${g.child.id}`);

    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['18C', '19B', '22A'] })).statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.status, m.origin_type, m.origin_id])).toEqual([
      ['tell-police', 'Tell the police now', t.users.get(EMAILS.worker), todayInLondon(), 'done', 'assessment', g.assessment.id],
      ['tell-police', 'Tell the police now', t.users.get(EMAILS.worker), todayInLondon(), 'open', 'assessment', g.assessment.id],
    ]);
    const fgm = 'The assessment’s decision now names female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty).';
    expect(made[1]!.details).toBe(fgm);
    const chronology = await rows<{ summary: string }>(t.database.db, sql`SELECT e.summary FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${g.child.id} AND e.category = 'task' ORDER BY e.summary`);
    expect(chronology).toHaveLength(2);
    expect(chronology.map((c) => c.summary)).toContain(`Safeguarding action: Tell the police now (due today). ${fgm}`);
    const audited = await rows<{ factors: unknown }>(t.database.db, sql`SELECT details->'factors' AS factors FROM audit_log WHERE action = 'task-created' AND child_id = ${g.child.id} ORDER BY seq`);
    expect(audited.map((a) => (typeof a.factors === 'string' ? JSON.parse(a.factors) : a.factors))).toEqual([['18C', '19B'], ['22A']]);
    const kept = await rows<{ factors: string[] | null }>(t.database.db, sql`SELECT factors FROM tasks WHERE person_id = ${g.child.id} ORDER BY created_at`);
    expect(kept.map((k) => k.factors)).toEqual([['18C', '19B'], ['22A']]);
    const newTask = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM tasks WHERE person_id = ${g.child.id} AND status = 'open'`);
    expect(bodyText((await as.worker.get(`/people/${g.child.id}/tasks/${newTask[0]!.id}`)).body)).toContain('The assessment’s decision now names female genital mutilation (DfE factor 22A)');

    // Saved again, with a code taken away, or taken away and put back: nothing new.
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['18C', '19B', '22A'], reasons: 'Same crimes.' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['22A'] })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['18C', '22A'] })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(2);
  });

  it('migration 034 keeps the codes of police tasks raised before it, read from the rule’s own words; a task in anyone else’s words keeps none; the same decision saved after it raises nothing', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['18C', '19B'] };
    expect((await saveSection(as.worker, g, 'decision', decision)).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['18C', '19B', '22A'] })).statusCode).toBe(303);
    // As they were before the migration: no codes kept. And a task raised by hand that names a code in its own words.
    await t.database.db.execute(sql`UPDATE tasks SET factors = NULL WHERE person_id = ${g.child.id}`);
    const byHand = await rows<{ id: string }>(t.database.db, sql`
      INSERT INTO tasks (person_id, kind, title, details, owner_id, due_on, origin_type, origin_id)
      VALUES (${g.child.id}, 'tell-police', 'Tell the police now', 'Rang the police about the FGM (DfE factor 22A) and the gangs (DfE factor 13A).', ${t.users.get(EMAILS.worker)!}, ${todayInLondon()}, 'assessment', ${g.assessment.id})
      RETURNING id`);
    const handId = byHand[0]!.id;

    await t.database.runScript(taskFactorsBackfill);
    await t.database.runScript(taskFactorsBackfill); // run again, it changes nothing
    const kept = await rows<{ id: string; factors: string[] | null }>(t.database.db, sql`SELECT id, factors FROM tasks WHERE person_id = ${g.child.id} ORDER BY created_at, id`);
    expect(kept.filter((k) => k.id !== handId).map((k) => k.factors)).toEqual([['18C', '19B'], ['22A']]);
    expect(kept.find((k) => k.id === handId)!.factors).toBeNull();

    // The codes the backfill kept still count: the same crimes again raise nothing; gangs (13A), named only by hand, is told.
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['18C', '19B', '22A'], reasons: 'Same crimes.' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(3);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['13A', '18C', '19B', '22A'] })).statusCode).toBe(303);
    const after = await rows<{ factors: string[] | null }>(t.database.db, sql`SELECT factors FROM tasks WHERE person_id = ${g.child.id} ORDER BY created_at, id`);
    expect(after).toHaveLength(4);
    expect(after.map((a) => a.factors)).toContainEqual(['13A']);
  });

  it('an open police task from a chronology incident, or one raised by hand for the assessment, does not absorb the crimes the decision names: each raises the assessment’s own', async () => {
    const g = await familyWithAssessment(t);
    expect((await as.worker.post(`/people/${g.child.id}/chronology/new`, entry())).statusCode).toBe(303);
    expect((await tasksOf(t, g.child.id)).map((m) => [m.kind, m.status, m.origin_type])).toEqual([['tell-police', 'open', 'chronology-entry']]);

    const decision = { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['22A'] };
    expect((await saveSection(as.worker, g, 'decision', decision)).statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.status, m.origin_type, m.due_on])).toEqual([
      ['tell-police', 'open', 'chronology-entry', todayInLondon()],
      ['tell-police', 'open', 'assessment', todayInLondon()],
    ]);
    expect(made[1]!.details).toBe('The assessment identified female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty).');

    // A task to tell the police ticked by hand on the assessment (the worker's words cover no code) …
    const other = await familyWithAssessment(t);
    expect((await as.worker.post(`${other.base}/safeguarding`, { actions: ['tell-police'], details: 'Told the police about the FGM (DfE factor 22A) by phone.' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, other, 'decision', decision)).statusCode).toBe(303);
    const both = await tasksOf(t, other.child.id);
    expect(both.map((m) => [m.kind, m.origin_type, m.origin_id])).toEqual([
      ['tell-police', 'assessment', other.assessment.id],
      ['tell-police', 'assessment', other.assessment.id],
    ]);
    expect(both[1]!.details).toBe('The assessment’s decision now names female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty).');
    // … and with both open, sexual exploitation named later raises one more; the same again, nothing.
    expect((await saveSection(as.worker, other, 'decision', { ...decision, factors: ['11A', '22A'] })).statusCode).toBe(303);
    expect((await saveSection(as.worker, other, 'decision', { ...decision, factors: ['11A', '22A'] })).statusCode).toBe(303);
    const three = await tasksOf(t, other.child.id);
    expect(three).toHaveLength(3);
    expect(three[2]!.details).toBe('The assessment’s decision now names child sexual exploitation (DfE factor 11A).');
  });

  it('an open police task for the crimes a decision names does not absorb a new incident on the chronology: the incident tells the police too; a second incident is absorbed by the first incident’s task', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['22A'] };
    expect((await saveSection(as.worker, g, 'decision', decision)).statusCode).toBe(303);
    expect((await as.worker.post(`/people/${g.child.id}/chronology/new`, entry())).statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.status, m.origin_type])).toEqual([
      ['tell-police', 'open', 'assessment'],
      ['tell-police', 'open', 'chronology-entry'],
    ]);
    expect(made[1]!.details).toContain('A domestic abuse incident was recorded on the chronology');
    // A task to tell the police ticked by hand on the assessment is about what the worker wrote, not this incident either.
    const other = await familyWithAssessment(t);
    expect((await as.worker.post(`${other.base}/safeguarding`, { actions: ['tell-police'], details: 'Police to be told about the threats to Mum.' })).statusCode).toBe(303);
    expect((await as.worker.post(`/people/${other.child.id}/chronology/new`, entry())).statusCode).toBe(303);
    expect((await tasksOf(t, other.child.id)).map((m) => m.origin_type)).toEqual(['assessment', 'chronology-entry']);
    // While the incident's own task is open, a second incident is for the same call to the police.
    expect((await as.worker.post(`/people/${other.child.id}/chronology/new`, entry({ category: 'police-incident', summary: 'Another incident' }))).statusCode).toBe(303);
    expect(await tasksOf(t, other.child.id)).toHaveLength(2);
  });

  it('a decision without a crime, trafficking or exploitation, or one that is refused, raises nothing', async () => {
    const g = await familyWithAssessment(t);
    expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', outcome: 'cin-plan', factors: ['3B', '16A', '18B', '10A'] })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', outcome: 'cin-plan', factors: ['12A', '22A', '21'] })).statusCode).toBe(400);
    expect(await tasksOf(t, g.child.id)).toHaveLength(0);
  });

  it('developmental needs that say a school-age child is not in education raise "contact the education service"; once; not for "yes", nor for a child under school age', async () => {
    const g = await familyWithAssessment(t);
    const url = `${g.base}/sections/developmental-needs`;
    const form = bodyText((await as.worker.get(url)).body);
    expect(form).toContain('Is the child in education?');

    expect((await saveSection(as.worker, g, 'developmental-needs', { inEducation: 'yes' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(0);
    const saved = await rows<{ answer: string | null }>(t.database.db, sql`SELECT content->'developmental-needs'->>'inEducation' AS answer FROM assessments WHERE id = ${g.assessment.id}`);
    expect(saved[0]!.answer).toBe('yes');

    const no = await saveSection(as.worker, g, 'developmental-needs', { inEducation: 'no', ...statement('dimensions-education-worries-0', 'Lily has not been to school since October half term') });
    expect(no.statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.origin_type, m.origin_id])).toEqual([
      ['education-service', 'Contact the education service', t.users.get(EMAILS.worker), addWorkingDays(todayInLondon(), 2, await t.services.settings.calendar()), 'assessment', g.assessment.id],
    ]);
    expect(made[0]!.details).toBe('The assessment records that the child is not in education (developmental needs, education).');
    expect(bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body)).toContain('Contact the education service');
    expect(bodyText((await as.worker.get('/tasks')).body)).toContain('Contact the education service');
    // Saved again (still "no", or yes and back to no): not raised twice.
    expect((await saveSection(as.worker, g, 'developmental-needs', { inEducation: 'no' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'developmental-needs', { inEducation: 'yes' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'developmental-needs', { inEducation: 'no' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(1);

    // A child not yet of school age: the question says "no", but there is no education duty to tell.
    const young = await familyWithAssessment(t);
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = ${`${Number(todayInLondon().slice(0, 4)) - 2}-01-01`} WHERE id = ${young.child.id}`);
    expect((await saveSection(as.worker, young, 'developmental-needs', { inEducation: 'no' })).statusCode).toBe(303);
    expect(await tasksOf(t, young.child.id)).toHaveLength(0);
  });

  it('an unborn child is not asked "Is the child in education?", and an answer posted anyway is ignored: nothing saved, no task, not refused', async () => {
    const baby = await familyWithAssessment(t);
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = NULL, expected_delivery_date = ${addDays(todayInLondon(), 60)} WHERE id = ${baby.child.id}`);
    expect(bodyText((await as.worker.get(`${baby.base}/sections/developmental-needs`)).body)).not.toContain('Is the child in education?');
    for (const answer of ['no', 'maybe']) {
      expect((await saveSection(as.worker, baby, 'developmental-needs', { inEducation: answer })).statusCode, answer).toBe(303);
      const saved = await rows<{ answer: string | null }>(t.database.db, sql`SELECT content->'developmental-needs'->>'inEducation' AS answer FROM assessments WHERE id = ${baby.assessment.id}`);
      expect(saved[0]!.answer, answer).toBeNull();
    }
    // Nor can it be raised by hand for an unborn child.
    const byHand = await as.worker.post(`${baby.base}/safeguarding`, { actions: 'education-service', details: 'Not registered with a school.' });
    expect(byHand.statusCode).toBe(400);
    expect(bodyText(byHand.body)).toContain('is not born yet, so the education service action does not apply');
    expect(await tasksOf(t, baby.child.id)).toHaveLength(0);
    // A young person whose date of birth is not known may be of school age: the action is raised.
    const unknownAge = await familyWithAssessment(t);
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = NULL WHERE id = ${unknownAge.child.id}`);
    expect((await saveSection(as.worker, unknownAge, 'developmental-needs', { inEducation: 'no' })).statusCode).toBe(303);
    expect((await tasksOf(t, unknownAge.child.id)).length).toBe(1);
  });

  it('"Is the child in education?" is checked on the server: anything but yes, no or no answer is refused with the error summary and saves nothing', async () => {
    const g = await familyWithAssessment(t);
    for (const answer of ['maybe', ['no', 'yes']]) {
      const res = await saveSection(as.worker, g, 'developmental-needs', { inEducation: answer });
      expect(res.statusCode, String(answer)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain('href="#inEducation"');
      expect(bodyText(res.body)).toContain('Select yes if the child is in education, or no if they are not');
    }
    expect(await tasksOf(t, g.child.id)).toHaveLength(0);
    // No answer is fine: the question is for a child of school age.
    expect((await saveSection(as.worker, g, 'developmental-needs', {})).statusCode).toBe(303);
  });

  it('a chronology entry of a suspected crime raises "tell the police now" for the child, due today; not when the police told us', async () => {
    const g = await familyWithAssessment(t);
    const res = await as.worker.post(`/people/${g.child.id}/chronology/new`, entry({ people: [g.sibling.id] }));
    expect(res.statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.origin_type])).toEqual([['tell-police', 'Tell the police now', t.users.get(EMAILS.worker), todayInLondon(), 'chronology-entry']]);
    expect(made[0]!.details).toContain('A domestic abuse incident was recorded on the chronology: The school says Lily told her teacher');
    expect(bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body)).toContain('Tell the police now');
    expect(bodyText((await as.worker.get('/tasks')).body)).toContain('Tell the police now');
    // A second incident while the first task is open raises nothing new; nor does one the police reported.
    expect((await as.worker.post(`/people/${g.child.id}/chronology/new`, entry({ category: 'police-incident', summary: 'Another incident' }))).statusCode).toBe(303);
    expect((await as.worker.post(`/people/${g.sibling.id}/chronology/new`, entry({ sourceAgency: 'West Yorkshire Police', summary: 'Police attended' }))).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(1);
    expect(await tasksOf(t, g.sibling.id)).toHaveLength(0);
    // Other kinds of event raise nothing.
    expect((await as.worker.post(`/people/${g.sibling.id}/chronology/new`, entry({ category: 'health', summary: 'Seen at A&E for a sprained wrist' }))).statusCode).toBe(303);
    expect(await tasksOf(t, g.sibling.id)).toHaveLength(0);
  });

  it('a chronology entry of a child missing education raises "contact the education service" for a school-age child; not for a baby, nor when the education service told us', async () => {
    const g = await familyWithAssessment(t);
    const missing = entry({ category: 'missing-education', summary: 'Lily has not been at school since half term and the school has taken her off the roll.', significance: 'significant' });
    expect((await as.worker.post(`/people/${g.child.id}/chronology/new`, missing)).statusCode).toBe(303);
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.owner_id, m.origin_type])).toEqual([['education-service', t.users.get(EMAILS.worker), 'chronology-entry']]);
    expect(made[0]!.details).toBe('The chronology records that the child is missing education: Lily has not been at school since half term and the school has taken her off the roll.');
    expect(bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body)).toContain('Contact the education service');

    // The task is done; correcting the entry's words raises no new one (only a change into the category would).
    await t.database.db.execute(sql`UPDATE tasks SET status = 'done' WHERE person_id = ${g.child.id}`);
    const entryId = made[0]!.origin_id;
    const corrected = await as.worker.post(`/people/${g.child.id}/chronology/${entryId}/edit`, { ...missing, summary: 'Lily has not been at school since the October half term; the school took her off the roll.', version: '1' });
    expect(corrected.statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(1);

    // The sibling told about by the education service itself: they know already.
    expect((await as.worker.post(`/people/${g.sibling.id}/chronology/new`, { ...missing, sourceAgency: 'Children Missing Education team' })).statusCode).toBe(303);
    expect(await tasksOf(t, g.sibling.id)).toHaveLength(0);

    // Not school age: nothing to raise.
    const baby = `${todayInLondon().slice(0, 4)}-01-01`;
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = ${baby} WHERE id = ${g.sibling.id}`);
    expect((await as.worker.post(`/people/${g.sibling.id}/chronology/new`, missing)).statusCode).toBe(303);
    expect(await tasksOf(t, g.sibling.id)).toHaveLength(0);
  });
});

