/**
 * Safeguarding actions raised by what a record says (A13): a decision that identifies trafficking
 * raises a National Referral Mechanism task, and a chronology entry of a suspected crime a police
 * task, in the transaction of the record, owned by the child's worker, once while one is open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { addWorkingDays } from '../../src/domain/workingDays';
import { familyWithAssessment, saveSection } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

const tasksOf = (t: TestApp, personId: string) =>
  rows<{ kind: string; title: string; owner_id: string; due_on: string; status: string; origin_type: string; origin_id: string; details: string }>(
    t.database.db,
    sql`SELECT kind, title, owner_id, due_on::text AS due_on, status, origin_type, origin_id, details FROM tasks WHERE person_id = ${personId} ORDER BY created_at`,
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

  it('a decision that identifies trafficking raises one NRM task, on the child and on the worker’s list; saving again does not duplicate', async () => {
    const g = await familyWithAssessment(t);
    const decision = { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'cin-plan', factors: ['12A', '13A'] };
    const res = await saveSection(as.worker, g, 'decision', decision);
    expect(res.statusCode).toBe(303);
    const today = todayInLondon();
    const made = await tasksOf(t, g.child.id);
    expect(made.map((m) => [m.kind, m.title, m.owner_id, m.due_on, m.origin_type, m.origin_id])).toEqual([
      ['nrm-referral', 'Make a National Referral Mechanism referral', t.users.get(EMAILS.worker), addWorkingDays(today, 2, await t.services.settings.calendar()), 'assessment', g.assessment.id],
    ]);
    expect(made[0]!.details).toContain('trafficking (DfE factor 12A)');
    const child = bodyText((await as.worker.get(`/people/${g.child.id}/tasks`)).body);
    expect(child).toContain('Make a National Referral Mechanism referral');
    const mine = bodyText((await as.worker.get('/tasks')).body);
    expect(mine).toContain('Make a National Referral Mechanism referral');
    expect(mine).toContain(g.child.firstName);

    expect((await saveSection(as.worker, g, 'decision', { ...decision, reasons: 'Changed the reasons.' })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { ...decision, factors: ['24A'] })).statusCode).toBe(303);
    expect(await tasksOf(t, g.child.id)).toHaveLength(1);
    // The chronology and audit say it once too.
    const lines = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${g.child.id} AND e.category = 'task'`);
    expect(Number(lines[0]!.n)).toBe(1);
  });

  it('a decision without trafficking or exploitation, or one that is refused, raises nothing', async () => {
    const g = await familyWithAssessment(t);
    expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', outcome: 'cin-plan', factors: ['11A', '3B'] })).statusCode).toBe(303);
    expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', outcome: 'cin-plan', factors: ['12A', '21'] })).statusCode).toBe(400);
    expect(await tasksOf(t, g.child.id)).toHaveLength(0);
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

