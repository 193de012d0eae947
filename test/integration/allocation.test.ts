import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';

const [year, month, day] = todayInLondon().split('-');
const today = { 'fromDate-day': day!, 'fromDate-month': month!, 'fromDate-year': year! };

describeEachDb('allocation: a team and worker for a child, with history', (kind) => {
  let t: TestApp;
  let manager: Agent;
  let frontDoor: string;
  let north: string;
  let priya: string;
  let sam: string;

  const current = async (personId: string) =>
    (await rows<{ current_team_id: string | null; current_worker_id: string | null }>(t.database.db, sql`SELECT current_team_id, current_worker_id FROM people WHERE id = ${personId}`))[0];
  const history = async (personId: string) =>
    rows<{ team_id: string; worker_id: string | null; from_date: string; to_date: string | null }>(
      t.database.db,
      sql`SELECT team_id, worker_id, from_date::text, to_date::text FROM allocations WHERE person_id = ${personId} ORDER BY from_date, created_at`,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.signIn(EMAILS.manager);
    frontDoor = t.teams.get('Front Door and Assessment')!;
    north = t.teams.get('Children in Need North')!;
    priya = t.users.get(EMAILS.worker2)!;
    sam = t.users.get(EMAILS.worker)!;
  });
  afterAll(() => t.close());

  it('only a team manager may allocate: a worker is refused', async () => {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.get(`/people/${child.id}/allocate`)).statusCode).toBe(403);
    expect((await worker.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: '', ...today })).statusCode).toBe(403);
    expect(await history(child.id)).toEqual([]);
    expect(await current(child.id)).toEqual({ current_team_id: null, current_worker_id: null });
  });

  it('allocates to a worker of the chosen team, updates the child, audits it, and shows the workers of that team', async () => {
    const child = await createChild(t.database.db, { firstName: 'Esme' });
    await createEpisode(t.database.db, child.id, { startDate: '2025-12-01' });
    const form = await manager.get(`/people/${child.id}/allocate?team=${north}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Priya Shah');
    expect(form.body).not.toContain(`value="${sam}"`);

    const res = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: '', reason: 'Assessment', ...today });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${child.id}/involvement`);
    expect(await current(child.id)).toEqual({ current_team_id: frontDoor, current_worker_id: sam });
    expect(await history(child.id)).toEqual([{ team_id: frontDoor, worker_id: sam, from_date: todayInLondon(), to_date: null }]);
    const audit = await rows<{ details: { workerId: string } }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'allocated' AND child_id = ${child.id}`);
    expect(audit.map((a) => a.details.workerId)).toEqual([sam]);
    const page = await manager.get(String(res.headers.location));
    expect(bodyText(page.body)).toContain('Esme Testfamily is now allocated to Sam Okafor in Front Door and Assessment');
  });

  it('refuses a worker who is not in the chosen team or no longer active, and an allocation to the same worker again', async () => {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const wrongTeam = await manager.post(`/people/${child.id}/allocate`, { team: north, worker: sam, currentAllocation: '', ...today });
    expect(wrongTeam.statusCode).toBe(400);
    expect(bodyText(wrongTeam.body)).toContain('Select a worker who is in Children in Need North now');
    expect(wrongTeam.body).toContain('href="#worker"');

    const leaver = await t.services.users.repo.insert({ email: `leaver.${kind}@demo.hearth.test`, name: 'Lee Leaver', role: 'social-worker', teamId: frontDoor, active: false });
    const inactive = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: leaver.id, currentAllocation: '', ...today });
    expect(inactive.statusCode).toBe(400);

    const admin = t.users.get(EMAILS.admin)!;
    expect((await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: admin, currentAllocation: '', ...today })).statusCode).toBe(400);
    expect(await history(child.id)).toEqual([]);

    expect((await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: '', ...today })).statusCode).toBe(303);
    const allocationId = (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM allocations WHERE person_id = ${child.id}`))[0]!.id;
    const same = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: allocationId, ...today });
    expect(same.statusCode).toBe(400);
    expect(bodyText(same.body)).toContain('already allocated to this team and worker');
  });

  it('validates the form: every problem in the summary, never a 500, nothing stored', async () => {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const hostile: Record<string, string | string[]>[] = [
      {},
      { team: 'x', worker: 'y' },
      { team: [frontDoor, north], worker: sam, ...today },
      { team: frontDoor, worker: sam, 'fromDate-day': '31', 'fromDate-month': '2', 'fromDate-year': '2026' },
      { team: frontDoor, worker: sam, 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2100' },
      { team: frontDoor, worker: sam, reason: 'x'.repeat(501), ...today },
      { team: crypto.randomUUID(), worker: 'none', ...today },
    ];
    for (const form of hostile) {
      const res = await manager.post(`/people/${child.id}/allocate`, { currentAllocation: '', ...form });
      expect(res.statusCode, JSON.stringify(form).slice(0, 60)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
    }
    expect(await history(child.id)).toEqual([]);
  });

  it('keeps the history: a new allocation ends the one before on its start date, and counts worker changes', async () => {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id, { startDate: '2025-01-02' });
    await createAllocation(t.database.db, child.id, frontDoor, null, { fromDate: todayInLondon() });
    const first = (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM allocations WHERE person_id = ${child.id}`))[0]!.id;
    expect((await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: first, ...today })).statusCode).toBe(303);
    const second = (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM allocations WHERE person_id = ${child.id} AND to_date IS NULL`))[0]!.id;
    expect((await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: t.users.get(EMAILS.manager)!, currentAllocation: second, ...today })).statusCode).toBe(303);
    const all = await history(child.id);
    expect(all).toHaveLength(3);
    expect(all.map((a) => a.to_date)).toEqual([todayInLondon(), todayInLondon(), null]);
    const page = bodyText((await manager.get(`/people/${child.id}/involvement`)).body);
    expect(page).toContain('Workers in the last 12 months 2');
    expect(page).toContain('Changes of worker in the last 12 months 1');

    const stale = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: first, ...today });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone else changed this child’s allocation');
    const third = (await rows<{ id: string }>(t.database.db, sql`SELECT id FROM allocations WHERE person_id = ${child.id} AND to_date IS NULL`))[0]!.id;
    const early = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: third, 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2025' });
    expect(early.statusCode).toBe(400);
    expect(bodyText(early.body)).toContain('when the current allocation started');
  });

  it('moving a child to another team changes caseloads, team work and who may open the record', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Moved' });
    await createEpisode(db, child.id);
    const worker = await t.signIn(EMAILS.worker);
    const priyaAgent = await t.signIn(EMAILS.worker2);
    const manager2 = await t.signIn(EMAILS.manager2);
    expect((await priyaAgent.get(`/people/${child.id}/involvement`)).statusCode).toBe(200);

    expect((await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: '', ...today })).statusCode).toBe(303);
    expect((await worker.get('/caseload')).body).toContain('Moved Testfamily');
    expect((await manager.get('/team')).body).toContain('Moved Testfamily');
    expect((await priyaAgent.get(`/people/${child.id}/involvement`)).statusCode).toBe(403);

    const open = (await rows<{ id: string }>(db, sql`SELECT id FROM allocations WHERE person_id = ${child.id} AND to_date IS NULL`))[0]!.id;
    const moved = await manager.post(`/people/${child.id}/allocate`, { team: north, worker: priya, currentAllocation: open, ...today });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe('/team');
    expect(bodyText((await manager.get('/team')).body)).toContain('Moved Testfamily is now allocated to Priya Shah in Children in Need North');
    expect(await current(child.id)).toEqual({ current_team_id: north, current_worker_id: priya });
    expect((await worker.get('/caseload')).body).not.toContain('Moved Testfamily');
    expect((await worker.get(`/people/${child.id}/involvement`)).statusCode).toBe(403);
    expect((await manager.get(`/people/${child.id}/allocate`)).statusCode).toBe(403);
    expect((await priyaAgent.get(`/people/${child.id}/involvement`)).statusCode).toBe(200);
    expect((await priyaAgent.get('/caseload')).body).toContain('Moved Testfamily');
    expect((await manager2.get('/team')).body).toContain('Moved Testfamily');
  });

  it('explains that a child with no open episode cannot be allocated', async () => {
    const child = await createChild(t.database.db);
    const page = await manager.get(`/people/${child.id}/allocate`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('no open episode');
    const res = await manager.post(`/people/${child.id}/allocate`, { team: frontDoor, worker: sam, currentAllocation: '', ...today });
    expect(res.statusCode).toBe(400);
    expect(await history(child.id)).toEqual([]);
  });
});
