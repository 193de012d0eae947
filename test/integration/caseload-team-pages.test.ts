import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createAssessment, createChild, createEpisode } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { addDays, addWorkingDays, workingCalendar, workingDaysBetween } from '../../src/domain/workingDays';
import { TEAM_PAGE_SIZE, WAITING_PAGE_SIZE } from '../../src/features/caseload/lists';

const PASSWORD = 'a long enough test passphrase';
const ctx = { actor: null, actorLabel: 'team pages test', requestId: null };
const CHILDREN = 2050;

describeEachDb('team work for a big team, a page at a time; the day of an open assessment', (kind) => {
  let t: TestApp;
  let teamId: string;
  let manager: Agent;
  let worker: Agent;
  const workers: { id: string; name: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    teamId = (await t.services.teams.add(ctx, { name: 'Children in Need Big', kind: 'child-in-need' }))!;
    await t.services.users.add(ctx, { email: 'big.manager@council.example', name: 'Bea Manager', role: 'team-manager', teamId, password: PASSWORD });
    for (const [email, name] of [['ann@council.example', 'Ann Able'], ['bob@council.example', 'Bob Baker'], ['cat@council.example', 'Cat Cole']] as const) {
      const user = await t.services.users.add(ctx, { email, name, role: 'social-worker', teamId, password: PASSWORD });
      workers.push({ id: user.id, name });
    }
    // 2,050 children in one team, shared unevenly between three workers, loaded in bulk as the app would store them.
    const [ann, bob, cat] = workers.map((w) => w.id);
    await t.database.db.execute(sql`
      INSERT INTO people (kind, first_name, last_name, date_of_birth, current_team_id, current_worker_id)
      SELECT 'child', 'Bulk', 'Child' || lpad(n::text, 4, '0'), DATE '2016-01-01' + n, ${teamId}::uuid,
             CASE WHEN n <= 120 THEN ${ann}::uuid WHEN n <= 1900 THEN ${bob}::uuid ELSE ${cat}::uuid END
      FROM generate_series(1, ${CHILDREN}) AS n`);
    await t.database.db.execute(sql`
      INSERT INTO allocations (person_id, team_id, worker_id, from_date)
      SELECT id, current_team_id, current_worker_id, DATE '2025-01-06' FROM people WHERE current_team_id = ${teamId}::uuid`);
    await t.database.db.execute(sql`
      INSERT INTO episodes (person_id, type, start_date)
      SELECT id, 'child-in-need', DATE '2025-01-06' FROM people WHERE current_team_id = ${teamId}::uuid`);
    manager = await signIn('big.manager@council.example');
    worker = await signIn('ann@council.example');
  });
  afterAll(() => t.close());

  async function signIn(email: string): Promise<Agent> {
    const agent = t.anonymous();
    const res = await agent.post('/sign-in', { email, password: PASSWORD });
    if (res.statusCode !== 303) throw new Error(`Sign-in as ${email} failed with ${res.statusCode}`);
    return agent;
  }

  const idsOn = (html: string) => [...html.matchAll(/href="\/people\/([0-9a-f-]{36})\/involvement"/g)].map((m) => m[1]!);

  it('lists every child allocated in the team across pages, none twice, with the total and GOV.UK pagination', async () => {
    const first = await manager.get('/team');
    expect(first.statusCode).toBe(200);
    const text = bodyText(first.body);
    expect(text).toContain('2050 children allocated to workers in the team');
    expect(text).toContain('Showing 1 to 100 of 2,050 children');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/team?page=2#allocated"');
    expect(first.body).toContain('href="/team?page=21#allocated"');
    const queries = manager.lastQueryCount;

    const seen: string[] = [];
    const pages = Math.ceil(CHILDREN / TEAM_PAGE_SIZE);
    for (let page = 1; page <= pages; page += 1) {
      const res = await manager.get(`/team?page=${page}`);
      expect(res.statusCode).toBe(200);
      expect(manager.lastQueryCount, `queries on page ${page}`).toBe(queries);
      seen.push(...idsOn(res.body));
    }
    expect(seen).toHaveLength(CHILDREN);
    expect(new Set(seen).size).toBe(CHILDREN);
    const all = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM people WHERE current_team_id = ${teamId}`);
    expect(new Set(seen)).toEqual(new Set(all.map((r) => r.id)));

    const last = bodyText((await manager.get(`/team?page=${pages}`)).body);
    expect(last).toContain('Showing 2,001 to 2,050 of 2,050 children');
    expect(last).toContain('Cat Cole: 150 children (continued)');
  });

  it('orders the list by worker, and links each worker in the counts to the page where their children start', async () => {
    const page1 = await manager.get('/team');
    const [ann, bob, cat] = workers;
    expect(bodyText(page1.body)).toContain('Showing 1 to 100 of 2,050 children. Listed by worker, then by the child’s surname.');
    // Ann's children (Child0001 to Child0120 by surname) come first, in that order.
    const ordered = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM people WHERE current_worker_id = ${ann!.id} ORDER BY last_name, first_name, id LIMIT 100`);
    expect(idsOn(page1.body)).toEqual(ordered.map((r) => r.id));
    // Ann holds the first 120 children, Bob the next 1,780, Cat the last 150.
    expect(bodyText(page1.body)).toContain('Ann Able: 120 children');
    expect(page1.body).not.toContain(`id="worker-${bob!.id}"`);
    expect(page1.body).toContain(`href="#worker-${ann!.id}"`);
    expect(page1.body).toContain(`href="/team?page=2#worker-${bob!.id}"`);
    expect(page1.body).toContain(`href="/team?page=20#worker-${cat!.id}"`);
    const page2 = await manager.get('/team?page=2');
    expect(page2.body.indexOf('Ann Able: 120 children (continued)')).toBeLessThan(page2.body.indexOf('Bob Baker: 1780 children'));
    expect(page2.body).toContain(`href="/team?page=1#worker-${ann!.id}"`);
    expect(page2.body).toContain(`href="#worker-${bob!.id}"`);
    const page19 = bodyText((await manager.get('/team?page=19')).body);
    expect(page19).toContain('Bob Baker: 1780 children (continued)');
    expect(page19).not.toContain('Cat Cole: 150 children');
    const page20 = await manager.get('/team?page=20');
    expect(page20.body).toContain(`id="worker-${cat!.id}"`);
    expect(bodyText(page20.body)).toContain('Cat Cole: 150 children Children allocated');
  });

  it('keeps a page asked for within the list, whatever is asked', async () => {
    for (const [asked, shows] of [['999', 'Showing 2,001 to 2,050'], ['0', 'Showing 1 to 100'], ['abc', 'Showing 1 to 100'], ['-3', 'Showing 1 to 100'], ['2.5', 'Showing 1 to 100']] as const) {
      const res = await manager.get(`/team?page=${asked}`);
      expect(res.statusCode, asked).toBe(200);
      expect(bodyText(res.body), asked).toContain(shows);
    }
    expect((await manager.get('/team?page=2&page=3')).statusCode).toBe(200);
  });

  it('says which working day of the assessment it is for a child with one open, on the caseload and team work pages', async () => {
    const today = todayInLondon();
    const db = t.database.db;
    const referralDate = addDays(today, -30);
    const dueOn = addWorkingDays(referralDate, 45);
    const child = await createChild(db, { firstName: 'Ada', lastName: 'Assessed' });
    await createEpisode(db, child.id, { startDate: referralDate });
    await createAllocation(db, child.id, teamId, workers[0]!.id, { fromDate: '2024-01-08' });
    await createAssessment(db, child.id, { referralDate, startedOn: referralDate, dueOn, teamId, workerId: workers[0]!.id });
    const done = await createChild(db, { firstName: 'Dora', lastName: 'Authorised' });
    await createEpisode(db, done.id, { startDate: referralDate });
    await createAllocation(db, done.id, teamId, workers[0]!.id, { fromDate: '2024-01-08' });
    await createAssessment(db, done.id, { referralDate, startedOn: referralDate, dueOn, status: 'authorised', authorisedOn: today, authorisedBy: workers[0]!.id });
    const lateChild = await createChild(db, { firstName: 'Lola', lastName: 'Late' });
    await createEpisode(db, lateChild.id, { startDate: '2025-01-06' });
    await createAllocation(db, lateChild.id, teamId, workers[0]!.id, { fromDate: '2024-01-08' });
    await createAssessment(db, lateChild.id, { referralDate: '2025-01-06', startedOn: '2025-01-06', dueOn: '2025-03-10', status: 'awaiting-authorisation' });

    const day = workingDaysBetween(referralDate, today);
    const caseload = bodyText((await worker.get('/caseload')).body);
    expect(caseload).toMatch(new RegExp(`Ada Assessed .*?Assessment, day ${day} of 45`));
    expect(caseload).toMatch(/Dora Authorised .*?Child in need/);
    expect(caseload).toMatch(new RegExp(`Lola Late .*?Assessment, day ${workingDaysBetween('2025-01-06', today)} of 45 \\(late\\)`));
    expect(bodyText((await manager.get('/team')).body)).toMatch(new RegExp(`Ada Assessed Assessment, day ${day} of 45`));

    // A closure day the council adds in the assessment's time is not a working day: the count follows the settings.
    const closure = [addDays(today, -1), addDays(today, -2), addDays(today, -3)].find((d) => workingCalendar().isWorkingDay(d))!;
    await t.services.settings.set(ctx, 'calendar.closureDays', [{ date: closure, name: 'Council closure day' }]);
    const closed = workingDaysBetween(referralDate, today, workingCalendar([closure]));
    expect(closed).toBe(day - 1);
    expect(bodyText((await worker.get('/caseload')).body)).toMatch(new RegExp(`Ada Assessed .*?Assessment, day ${closed} of`));
  });
});

describeEachDb('children waiting for a worker, or for a team, a page at a time', (kind) => {
  let t: TestApp;
  let teamId: string;
  let manager: Agent;
  const WAITING = 120;
  const NO_TEAM = 55;

  beforeAll(async () => {
    t = await createTestApp(kind);
    teamId = (await t.services.teams.add(ctx, { name: 'Children in Need Waiting', kind: 'child-in-need' }))!;
    await t.services.users.add(ctx, { email: 'waiting.manager@council.example', name: 'Wyn Manager', role: 'team-manager', teamId, password: PASSWORD });
    // Children in the team with no worker, and children in no team, each with an open episode; many started on the same day.
    await t.database.db.execute(sql`
      INSERT INTO people (kind, first_name, last_name, date_of_birth, current_team_id)
      SELECT 'child', 'Waiting', 'Child' || lpad(n::text, 4, '0'), DATE '2016-01-01' + n, CASE WHEN n <= ${WAITING} THEN ${teamId}::uuid END
      FROM generate_series(1, ${WAITING + NO_TEAM}) AS n`);
    await t.database.db.execute(sql`
      INSERT INTO episodes (person_id, type, start_date)
      SELECT id, 'child-in-need', DATE '2025-01-06' + (hashtext(last_name) & 15) FROM people WHERE first_name = 'Waiting'`);
    manager = t.anonymous();
    const res = await manager.post('/sign-in', { email: 'waiting.manager@council.example', password: PASSWORD });
    if (res.statusCode !== 303) throw new Error(`Sign-in failed with ${res.statusCode}`);
  });
  afterAll(() => t.close());

  /** The children linked in one section of the page, in order. */
  const section = (html: string, from: string, to: string | null) => {
    const start = html.indexOf(`id="${from}"`);
    const part = html.slice(start, to ? html.indexOf(`id="${to}"`, start) : undefined);
    return [...part.matchAll(/href="\/people\/([0-9a-f-]{36})\/involvement"/g)].map((m) => m[1]!);
  };
  const inOrder = (where: ReturnType<typeof sql>) =>
    rows<{ id: string }>(
      t.database.db,
      sql`SELECT p.id FROM people p JOIN episodes e ON e.person_id = p.id WHERE p.first_name = 'Waiting' AND ${where}
          ORDER BY e.start_date, p.last_name, p.first_name, p.id`,
    );

  it('lists every child waiting for a worker across pages, longest waiting first, with the total and GOV.UK pagination', async () => {
    const first = await manager.get('/team');
    expect(first.statusCode).toBe(200);
    const text = bodyText(first.body);
    expect(text).toContain(`${WAITING} children have an open episode and no worker. Longest waiting first. Showing 1 to 50 of ${WAITING} children.`);
    expect(first.body).toContain('aria-label="Pages of children waiting for a worker"');
    expect(first.body).toContain('href="/team?waitingPage=2#waiting"');
    expect(first.body).toContain('href="/team?waitingPage=3#waiting"');
    const queries = manager.lastQueryCount;

    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(WAITING / WAITING_PAGE_SIZE); page += 1) {
      const res = await manager.get(`/team?waitingPage=${page}`);
      expect(manager.lastQueryCount, `queries on page ${page}`).toBe(queries);
      const ids = section(res.body, 'waiting', 'caseloads');
      expect(ids.length, `page ${page}`).toBe(Math.min(WAITING_PAGE_SIZE, WAITING - seen.length));
      seen.push(...ids);
    }
    expect(seen).toEqual((await inOrder(sql`p.current_team_id = ${teamId}`)).map((r) => r.id));
    expect(bodyText((await manager.get('/team?waitingPage=3')).body)).toContain(`Showing 101 to ${WAITING} of ${WAITING} children.`);
  });

  it('pages the children waiting for a team in the same way, each list keeping its own page', async () => {
    const first = await manager.get('/team');
    expect(bodyText(first.body)).toContain(`${NO_TEAM} children have an open episode and no team yet. Longest waiting first. Showing 1 to 50 of ${NO_TEAM} children.`);
    expect(first.body).toContain('aria-label="Pages of children waiting for a team"');
    const both = await manager.get('/team?waitingPage=2&noTeamPage=2');
    const expected = (await inOrder(sql`p.current_team_id IS NULL`)).map((r) => r.id);
    expect(section(both.body, 'no-team', null)).toEqual(expected.slice(50));
    expect(bodyText(both.body)).toContain(`Showing 51 to ${NO_TEAM} of ${NO_TEAM} children.`);
    // Moving through one list keeps the other where it is.
    expect(both.body).toContain('href="/team?waitingPage=3&amp;noTeamPage=2#waiting"');
    expect(both.body).toContain('href="/team?noTeamPage=1&amp;waitingPage=2#no-team"');
    expect(section(both.body, 'waiting', 'caseloads')).toEqual((await inOrder(sql`p.current_team_id = ${teamId}`)).map((r) => r.id).slice(50, 100));
  });

  it('keeps a waiting list page asked for within the list, whatever is asked', async () => {
    for (const [asked, shows] of [['999', `Showing 101 to ${WAITING} of ${WAITING} children`], ['100000000000000', `Showing 101 to ${WAITING}`], ['0', 'Showing 1 to 50'], ['abc', 'Showing 1 to 50'], ['-3', 'Showing 1 to 50'], ['2.5', 'Showing 1 to 50']] as const) {
      const res = await manager.get(`/team?waitingPage=${asked}`);
      expect(res.statusCode, asked).toBe(200);
      expect(bodyText(res.body), asked).toContain(shows);
      expect(section(res.body, 'waiting', 'caseloads').length, asked).toBeGreaterThan(0);
    }
    expect((await manager.get('/team?waitingPage=2&waitingPage=3&noTeamPage=x')).statusCode).toBe(200);
  });
});
