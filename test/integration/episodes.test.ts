import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { referrals } from '../../src/features/referrals/tables';

const closeForm = (version: number, overrides: Record<string, string | string[]> = {}) => ({
  'endDate-day': '20',
  'endDate-month': '3',
  'endDate-year': '2026',
  closureReason: 'RC8',
  version: String(version),
  ...overrides,
});

describeEachDb('episodes: involvement, closing with a DfE reason', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let frontDoor: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    frontDoor = t.teams.get('Front Door and Assessment')!;
  });
  afterAll(() => t.close());

  it('shows contacts, referrals (marking re-referrals within 12 months), episodes and allocation history, audited', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Rhys' });
    const closed = await createEpisode(db, child.id, { startDate: '2024-03-01', endDate: '2024-09-01', closureReason: 'RC7' });
    const open = await createEpisode(db, child.id, { startDate: '2025-04-01' });
    await db.insert(referrals).values([
      { personId: child.id, referralDate: '2024-03-01', sourceCode: '2A', episodeId: closed.id },
      { personId: child.id, referralDate: '2025-04-01', sourceCode: '6', episodeId: open.id },
      { personId: child.id, referralDate: '2025-12-01', sourceCode: '3A', episodeId: open.id },
    ]);
    await createAllocation(db, child.id, frontDoor, null, { fromDate: '2025-04-02', toDate: '2025-05-01' });
    await createAllocation(db, child.id, frontDoor, t.users.get(EMAILS.worker)!, { fromDate: '2025-05-01' });
    const contact = await worker.post('/contacts', {
      child: child.id, 'receivedOn-day': '1', 'receivedOn-month': '12', 'receivedOn-year': '2025', source: '3A', concern: 'GP worried about weight loss.', consent: 'given',
    });
    expect(contact.statusCode).toBe(303);

    const res = await worker.get(`/people/${child.id}/involvement`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Rhys');
    expect(text).toContain('Closed 1 September 2024: RC7 Services ended for any other reason');
    expect(text).toContain('Re-referral within 12 months of the referral on 1 April 2025');
    expect(text).not.toContain('within 12 months of the referral on 1 March 2024');
    expect(text).toContain('Health: GP');
    expect(text).toContain('No worker (waiting in the team)');
    expect(text).toContain('Sam Okafor');
    expect(text).toContain('Workers in the last 12 months 1');
    expect(res.body).toContain(String(contact.headers.location));
    expect(res.body).toContain(`/people/${child.id}/episodes/${open.id}/close`);
    expect(res.body).not.toContain(`/people/${child.id}/episodes/${closed.id}/close`);
    expect(res.body).not.toContain(`/people/${child.id}/allocate`);
    const audit = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'involvement-viewed' AND child_id = ${child.id}`);
    expect(toNumber(audit[0]?.n)).toBe(1);
    const manager = await t.signIn(EMAILS.manager);
    expect((await manager.get(`/people/${child.id}/involvement`)).body).toContain(`/people/${child.id}/allocate`);
  });

  it('issues the same number of queries for a short and a long history', async () => {
    const db = t.database.db;
    const short = await createChild(db);
    await createEpisode(db, short.id);
    const long = await createChild(db);
    for (let i = 0; i < 12; i += 1) {
      const e = await createEpisode(db, long.id, { startDate: `20${10 + i}-01-01`, endDate: `20${10 + i}-06-01`, closureReason: 'RC7' });
      await db.insert(referrals).values({ personId: long.id, referralDate: `20${10 + i}-01-01`, sourceCode: '6', episodeId: e.id });
      await createAllocation(db, long.id, frontDoor, null, { fromDate: `20${10 + i}-01-02`, toDate: `20${10 + i}-06-01` });
    }
    await worker.get(`/people/${short.id}/involvement`);
    const few = worker.lastQueryCount;
    await worker.get(`/people/${long.id}/involvement`);
    expect(worker.lastQueryCount).toBe(few);
  });

  it('needs a DfE closure reason and an end date not before the start or in the future, and stores nothing otherwise', async () => {
    const child = await createChild(t.database.db);
    const episode = await createEpisode(t.database.db, child.id, { startDate: '2026-03-01' });
    const url = `/people/${child.id}/episodes/${episode.id}/close`;
    expect((await worker.get(url)).statusCode).toBe(200);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ closureReason: '' }, 'Select the reason the episode ended'],
      [{ closureReason: 'RC10' }, 'Select the reason the episode ended'],
      [{ closureReason: ['RC1', 'RC2'] }, 'Select the reason the episode ended'],
      [{ 'endDate-day': '28' , 'endDate-month': '2' }, 'The end date must be on or after the date the episode started, 1 March 2026'],
      [{ 'endDate-year': '2100' }, 'Date the episode ended must be today or in the past'],
      [{ 'endDate-day': '32' }, 'Date the episode ended must be a real date'],
      [{ 'endDate-day': '', 'endDate-month': '', 'endDate-year': '' }, 'Enter the date the episode ended'],
    ];
    for (const [override, message] of cases) {
      const res = await worker.post(url, closeForm(episode.version, override));
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(bodyText(res.body)).toContain(message);
    }
    const stored = await rows<{ end_date: string | null }>(t.database.db, sql`SELECT end_date::text FROM episodes WHERE id = ${episode.id}`);
    expect(stored[0]?.end_date).toBeNull();
  });

  it('closing the last open episode ends the allocation and the child’s current team and worker, audited', async () => {
    const db = t.database.db;
    const child = await createChild(db);
    const episode = await createEpisode(db, child.id, { startDate: '2026-01-05' });
    await createAllocation(db, child.id, frontDoor, t.users.get(EMAILS.worker)!, { fromDate: '2026-01-06' });
    const res = await worker.post(`/people/${child.id}/episodes/${episode.id}/close`, closeForm(episode.version, { closureReason: 'RC9' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${child.id}/involvement`);
    const stored = await rows<{ end_date: string; closure_reason: string }>(db, sql`SELECT end_date::text, closure_reason FROM episodes WHERE id = ${episode.id}`);
    expect(stored[0]).toEqual({ end_date: '2026-03-20', closure_reason: 'RC9' });
    const allocation = await rows<{ to_date: string | null }>(db, sql`SELECT to_date::text FROM allocations WHERE person_id = ${child.id}`);
    expect(allocation.map((a) => a.to_date)).toEqual(['2026-03-20']);
    const person = await rows<{ current_team_id: string | null; current_worker_id: string | null }>(db, sql`SELECT current_team_id, current_worker_id FROM people WHERE id = ${child.id}`);
    expect(person[0]).toEqual({ current_team_id: null, current_worker_id: null });
    const audit = await rows<{ details: { closureReason: string } }>(db, sql`SELECT details FROM audit_log WHERE action = 'episode-closed' AND child_id = ${child.id}`);
    expect(audit[0]?.details.closureReason).toBe('RC9');
    const page = await worker.get(String(res.headers.location));
    expect(bodyText(page.body)).toContain('It was the last open episode, so the allocation to a team and worker has ended');
    expect((await worker.get(`/people/${child.id}/episodes/${episode.id}/close`)).statusCode).toBe(303);
  });

  it('keeps the allocation while another episode is open, and refuses a stale form', async () => {
    const db = t.database.db;
    const child = await createChild(db);
    const cin = await createEpisode(db, child.id, { startDate: '2026-01-05' });
    await createEpisode(db, child.id, { startDate: '2026-02-01', type: 'child-protection' });
    await createAllocation(db, child.id, frontDoor, t.users.get(EMAILS.worker)!, { fromDate: '2026-01-06' });
    const stale = await worker.post(`/people/${child.id}/episodes/${cin.id}/close`, closeForm(cin.version + 5));
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone else changed this episode');
    expect((await worker.post(`/people/${child.id}/episodes/${cin.id}/close`, closeForm(cin.version))).statusCode).toBe(303);
    const person = await rows<{ current_worker_id: string | null }>(db, sql`SELECT current_worker_id FROM people WHERE id = ${child.id}`);
    expect(person[0]?.current_worker_id).toBe(t.users.get(EMAILS.worker));
    const twice = await worker.post(`/people/${child.id}/episodes/${cin.id}/close`, closeForm(cin.version + 1));
    expect(twice.statusCode).toBe(409);
    expect(bodyText(twice.body)).toContain('Someone else closed this episode on 20 March 2026');
  });

  it('refuses people who may not see the child or may not manage episodes', async () => {
    const db = t.database.db;
    const child = await createChild(db);
    const episode = await createEpisode(db, child.id);
    await createAllocation(db, child.id, t.teams.get('Children in Need North')!, t.users.get(EMAILS.worker2)!);
    expect((await worker.get(`/people/${child.id}/involvement`)).statusCode).toBe(403);
    expect((await worker.post(`/people/${child.id}/episodes/${episode.id}/close`, closeForm(episode.version))).statusCode).toBe(403);
    const qa = await t.signIn(EMAILS.qa);
    expect((await qa.get(`/people/${child.id}/involvement`)).statusCode).toBe(200);
    expect((await qa.post(`/people/${child.id}/episodes/${episode.id}/close`, closeForm(episode.version))).statusCode).toBe(403);
    const admin = await t.signIn(EMAILS.admin);
    expect((await admin.get(`/people/${child.id}/involvement`)).statusCode).toBe(403);
    const other = await createChild(db);
    const owner = await t.signIn(EMAILS.worker2);
    expect((await owner.post(`/people/${other.id}/episodes/${episode.id}/close`, closeForm(episode.version))).statusCode).toBe(404);
    expect((await owner.get(`/people/${child.id}/episodes/not-an-id/close`)).statusCode).toBe(404);
    expect((await owner.get(`/people/${crypto.randomUUID()}/involvement`)).statusCode).toBe(404);
    const stored = await rows<{ end_date: string | null }>(db, sql`SELECT end_date::text FROM episodes WHERE id = ${episode.id}`);
    expect(stored[0]?.end_date).toBeNull();
  });
});
