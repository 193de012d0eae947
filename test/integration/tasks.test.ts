import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild } from '../helpers/factories';
import { todayInLondon } from '../../src/domain/dates';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { rows, toNumber } from '../../src/platform/db';
import { tasks } from '../../src/features/tasks/tables';
import { count, livingFamily } from './assessments-living.fixture';

type Role = keyof typeof EMAILS;

const tasksOf = (t: TestApp, personId: string) =>
  rows<{ id: string; kind: string; title: string; owner_id: string; due_on: string; status: string; origin_type: string; version: unknown }>(
    t.database.db,
    sql`SELECT id, kind, title, owner_id, due_on::text AS due_on, status, origin_type, version FROM tasks WHERE person_id = ${personId} ORDER BY due_on, kind`,
  );

describeEachDb('safeguarding actions from an assessment (A13)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('creates a task for each action ticked, owned by the child’s worker, due today or in 2 working days, audited and in the chronology', async () => {
    const f = await livingFamily(t, { workerEmail: EMAILS.worker });
    expect((await as.manager.get(`${f.base}/safeguarding`)).statusCode).toBe(200);
    const res = await as.manager.post(`${f.base}/safeguarding`, { actions: ['tell-police', 'education-service', 'nrm-referral'], details: 'Ellie said an older boy makes her carry parcels to a flat in town.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${f.ellie.id}/tasks`);
    const today = todayInLondon();
    const calendar = await t.services.settings.calendar();
    const made = await tasksOf(t, f.ellie.id);
    expect(made.map((m) => [m.title, m.due_on, m.owner_id, m.origin_type])).toEqual(
      [
        ['Tell the police now', today, f.workerId, 'assessment'],
        ['Contact the education service', addWorkingDays(today, 2, calendar), f.workerId, 'assessment'],
        ['Make a National Referral Mechanism referral', addWorkingDays(today, 2, calendar), f.workerId, 'assessment'],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!) || 0),
    );
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${f.ellie.id} AND e.category = 'task'`)).toBe(3);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'task-created' AND child_id = ${f.ellie.id}`)).toBe(3);
    const page = bodyText((await as.manager.get(`/people/${f.ellie.id}/tasks`)).body);
    expect(page).toContain('Safeguarding actions: Tell the police now (due today)');
    // Ticking the same again raises nothing new.
    await as.manager.post(`${f.base}/safeguarding`, { actions: ['tell-police'], details: 'Again.' });
    expect(await tasksOf(t, f.ellie.id)).toHaveLength(3);
  });

  it('refuses the education action for a child under school age, and validates the form', async () => {
    const f = await livingFamily(t);
    const tomBase = `/people/${f.tom.id}/assessments/${f.tomsAssessment.id}`;
    const toddler = await as.worker.post(`${tomBase}/safeguarding`, { actions: 'education-service', details: 'Not at nursery.' });
    expect(toddler.statusCode).toBe(400);
    expect(bodyText(toddler.body)).toContain('is not of school age, so the education service action does not apply');
    const none = await as.worker.post(`${f.base}/safeguarding`, { details: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('href="#actions"');
    expect(none.body).toContain('href="#details"');
    const hostile = await as.worker.post(`${f.base}/safeguarding`, { actions: ['<script>', 'drop table'], details: 'x'.repeat(3000) });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>');
    expect(await tasksOf(t, f.tom.id)).toHaveLength(0);
    expect(await tasksOf(t, f.ellie.id)).toHaveLength(0);
  });

  it('refuses other teams, chairs, quality assurance, partners and administrators', async () => {
    const f = await livingFamily(t);
    for (const role of ['worker2', 'manager2', 'partner', 'admin', 'cp-chair', 'qa'] as const) {
      expect((await as[role].get(`${f.base}/safeguarding`)).statusCode, role).toBe(403);
      expect((await as[role].post(`${f.base}/safeguarding`, { actions: 'tell-police', details: 'x' })).statusCode, role).toBe(403);
    }
    expect(await tasksOf(t, f.ellie.id)).toHaveLength(0);
  });
});

describeEachDb('my tasks and the tasks on a child’s record (A13)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  async function task(personId: string, ownerEmail: string, dueOn: string, title = 'Tell the police now') {
    const inserted = await t.database.db.insert(tasks).values({ personId, kind: 'tell-police', title, ownerId: t.users.get(ownerEmail)!, dueOn }).returning({ id: tasks.id });
    return inserted[0]!.id;
  }

  it('lists my open tasks, overdue first, only on children I may see, in a fixed number of queries', async () => {
    const f = await livingFamily(t);
    const today = todayInLondon();
    await task(f.ellie.id, EMAILS.worker, addDays(today, 5), 'Later task');
    await task(f.tom.id, EMAILS.worker, addDays(today, -3), 'Overdue task');
    await task(f.ellie.id, EMAILS.manager, today, 'The manager’s task');
    const elsewhere = await createChild(t.database.db, { firstName: 'Hidden', lastName: 'Elsewhere' });
    await createAllocation(t.database.db, elsewhere.id, t.teams.get('Children in Need North')!, null);
    await task(elsewhere.id, EMAILS.worker, addDays(today, -10), 'Task on a child I cannot see');
    const res = await as.worker.get('/tasks');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('2 open tasks, 1 overdue');
    expect(text.indexOf('Overdue task')).toBeLessThan(text.indexOf('Later task'));
    expect(text).toContain('Overdue task Tom');
    expect(text).not.toContain('The manager’s task');
    expect(text).not.toContain('Task on a child I cannot see');
    const queries = as.worker.lastQueryCount;
    for (let i = 0; i < 4; i += 1) await task(f.ellie.id, EMAILS.worker, addDays(today, i));
    await as.worker.get('/tasks');
    expect(as.worker.lastQueryCount).toBe(queries);
    for (const role of ['admin', 'partner', 'qa', 'cp-chair'] as const) expect((await as[role].get('/tasks')).statusCode, role).toBe(403);
  });

  it('shows a child’s tasks to those who may read the record, and lets the team mark one done or cancel it', async () => {
    const f = await livingFamily(t);
    const id = await task(f.ellie.id, EMAILS.worker, todayInLondon());
    const list = await as.qa.get(`/people/${f.ellie.id}/tasks`);
    expect(list.statusCode).toBe(200);
    expect(bodyText(list.body)).toContain('Open tasks Task Owner Due State Tell the police now');
    for (const role of ['worker2', 'manager2', 'partner', 'admin'] as const) expect((await as[role].get(`/people/${f.ellie.id}/tasks`)).statusCode, role).toBe(403);
    const page = await as.worker.get(`/people/${f.ellie.id}/tasks/${id}`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Mark as done');
    expect(bodyText((await as['cp-chair'].get(`/people/${f.ellie.id}/tasks/${id}`)).body)).not.toContain('Mark as done');
    for (const role of ['cp-chair', 'qa', 'worker2', 'partner', 'admin'] as const) {
      expect((await as[role].post(`/people/${f.ellie.id}/tasks/${id}/complete`, { outcome: 'Done', version: '1' })).statusCode, role).toBe(403);
    }

    const empty = await as.worker.post(`/people/${f.ellie.id}/tasks/${id}/complete`, { outcome: ' ', version: '1' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#outcome"');
    const stale = await as.worker.post(`/people/${f.ellie.id}/tasks/${id}/complete`, { outcome: 'Rang 101', version: '7' });
    expect(stale.statusCode).toBe(409);
    const done = await as.worker.post(`/people/${f.ellie.id}/tasks/${id}/complete`, { outcome: 'Rang 101, reference 4471. Officer visiting today.', version: '1' });
    expect(done.statusCode).toBe(303);
    const again = await as.manager.post(`/people/${f.ellie.id}/tasks/${id}/complete`, { outcome: 'Twice', version: '1' });
    expect(again.statusCode).toBe(303);
    const [stored] = await tasksOf(t, f.ellie.id);
    expect(stored).toMatchObject({ status: 'done' });
    expect(toNumber(stored!.version)).toBe(2);
    expect(bodyText((await as.worker.get(`/people/${f.ellie.id}/tasks`)).body)).toContain('Finished tasks');
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_entries WHERE summary = 'Safeguarding action done: Tell the police now. Outcome: Rang 101, reference 4471. Officer visiting today.'`)).toBe(1);

    const other = await task(f.ellie.id, EMAILS.worker, todayInLondon());
    const noReason = await as.worker.post(`/people/${f.ellie.id}/tasks/${other}/cancel`, { version: '1' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect((await as.worker.post(`/people/${f.ellie.id}/tasks/${other}/cancel`, { reason: 'Police already knew: they made the referral.', version: '1' })).statusCode).toBe(303);
    expect(await count(t, sql`SELECT count(*) AS n FROM tasks WHERE id = ${other} AND status = 'cancelled'`)).toBe(1);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action IN ('task-completed', 'task-cancelled') AND child_id = ${f.ellie.id}`)).toBe(2);
    // A task reached through another child's address is not found.
    expect((await as.worker.get(`/people/${f.tom.id}/tasks/${other}`)).statusCode).toBe(404);
    expect((await as.worker.post(`/people/${f.tom.id}/tasks/${other}/complete`, { outcome: 'x', version: '2' })).statusCode).toBe(404);
  });
});
