import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { todayInLondon, formatDate } from '../../src/domain/dates';
import { addDays, addWorkingDays, workingCalendar, workingDaysBetween } from '../../src/domain/workingDays';
import { dateFields, siblings, visitForm } from './visits.fixture';

describeEachDb('visits due: the worker’s and the manager’s lists', (kind) => {
  let t: TestApp;
  let worker: Agent;
  const today = todayInLondon();
  const child: Record<string, string> = {};

  /** One child of their own family, with an episode of this type from `start`, allocated to Sam unless said otherwise. */
  const oneChild = async (name: string, type: 'child-in-need' | 'child-protection' | 'looked-after' | 'early-help', start: string, workerEmail: string | null = EMAILS.worker) => {
    const family = await siblings(t, { count: 1, episodeType: type, episodeStart: start, surname: name, workerEmail });
    child[name] = family.ids[0]!;
    return family.ids[0]!;
  };
  const visit = async (id: string, on: string, seen: 'alone' | 'not-seen' = 'alone', type = 'child-protection') => {
    const res = await worker.post(`/people/${id}/visits/new`, visitForm([id], { ...dateFields('visitDate', on), type }, { [id]: { [`seen-${id}`]: seen, [`reason-${id}`]: seen === 'not-seen' ? 'Nobody answered the door' : '' } }));
    expect(res.statusCode).toBe(303);
  };
  /** The rows of the list, top to bottom: each child's surname and the row's text. */
  const listed = (html: string) =>
    [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].filter((m) => m[1]!.includes('govuk-table__cell')).map((m) => bodyText(m[1]!).trim());

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    // Overdue: a child protection plan from 30 working days ago, never visited.
    await oneChild('Overdueplan', 'child-protection', addWorkingDays(today, -30));
    // Seen 15 working days ago; a visit 12 working days ago did not see the child, so it does not count.
    const notSeen = await oneChild('Notseen', 'child-protection', addWorkingDays(today, -40));
    await visit(notSeen, addWorkingDays(today, -15));
    await visit(notSeen, addWorkingDays(today, -12), 'not-seen');
    // Looked after, seen 40 days ago: due in 2 days.
    const looked = await oneChild('Lookedafter', 'looked-after', addDays(today, -300));
    await visit(looked, addDays(today, -40), 'alone', 'looked-after');
    // Child in need, seen 5 working days ago: 15 working days left.
    const cin = await oneChild('Childinneed', 'child-in-need', addDays(today, -200));
    await visit(cin, addWorkingDays(today, -5), 'alone', 'child-in-need');
    // Early help only: no visit frequency by default.
    await oneChild('Earlyhelp', 'early-help', addDays(today, -50));
    // In the team, no worker yet.
    await oneChild('Waiting', 'child-protection', addWorkingDays(today, -11), null);
  });
  afterAll(() => t.close());

  it('lists the worker’s children most overdue first, in working days or weeks as their plan counts', async () => {
    const res = await worker.get('/visits');
    expect(res.statusCode).toBe(200);
    const rows = listed(res.body);
    expect(rows.map((r) => r.split(' ')[1])).toEqual(['Overdueplan', 'Notseen', 'Lookedafter', 'Childinneed']);
    const overdue = workingDaysBetween(addWorkingDays(addWorkingDays(today, -30), 10), today);
    expect(rows[0]).toContain(`${overdue} working days overdue`);
    expect(rows[0]).toContain('Overdue');
    expect(rows[0]).toContain('Not since the episode started');
    expect(rows[1]).toContain('5 working days overdue');
    expect(rows[1]).toContain(formatDate(addWorkingDays(today, -15)));
    expect(rows[2]).toContain('2 days left');
    expect(rows[2]).toContain('Due soon');
    expect(rows[2]).toContain('every 6 weeks');
    expect(rows[3]).toContain('15 working days left');
    expect(rows[3]).toContain('Not due yet');
    expect(bodyText(res.body)).toContain('2 visits are overdue, 1 is due soon and 1 is not due yet');
    expect(res.body).not.toContain('Earlyhelp');
    expect(res.body).not.toContain('Waiting');
    expect(res.body).toContain(`/people/${child.Overdueplan}/visits/new`);
  });

  it('counts the council’s closure days, and lists early help once the council sets a frequency for it', async () => {
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    const closed = addWorkingDays(today, 1);
    await t.services.settings.set(ctx, 'calendar.closureDays', [closed]);
    const res = await worker.get('/visits');
    const row = listed(res.body).find((r) => r.includes('Childinneed'))!;
    const seen = addWorkingDays(today, -5);
    expect(row).toContain(formatDate(addWorkingDays(seen, 20, workingCalendar([closed]))));
    expect(row).toContain('15 working days left');
    await t.services.settings.set(ctx, 'calendar.closureDays', []);

    const everyType = { 'child-protection': { every: 10, unit: 'working-days' }, 'child-in-need': { every: 20, unit: 'working-days' }, 'looked-after': { every: 6, unit: 'weeks' }, 'care-leaver': { every: 8, unit: 'weeks' } };
    expect(await t.services.settings.set(ctx, 'visits.frequency', { ...everyType, 'early-help': { every: 4, unit: 'weeks' } })).toEqual({ ok: true });
    const withEarlyHelp = listed((await worker.get('/visits')).body);
    const early = withEarlyHelp.find((r) => r.includes('Earlyhelp'));
    // From the start 50 days ago, due 28 days later: 22 days overdue.
    expect(early).toContain('3 weeks and 1 day overdue');
    await t.database.db.execute(sql`DELETE FROM settings WHERE key = 'visits.frequency'`);
  });

  it('shows the manager the team’s counts by worker and the children needing attention, most overdue first, and nobody else’s', async () => {
    const manager = await t.signIn(EMAILS.manager);
    const res = await manager.get('/visits/team');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Across the team, 3 visits are overdue, 1 is due soon and 1 is not due yet');
    expect(text).toMatch(/Sam Okafor\s*: show only their children 2 1 1/);
    expect(text).toMatch(/No worker yet\s*: show only their children 1 0 0/);
    expect(text.indexOf('Sam Okafor')).toBeLessThan(text.indexOf('No worker yet'));
    // Overdue and due soon, most overdue first, whoever holds them; the child not due yet is only counted.
    expect(listed(res.body).filter((r) => r.includes('Amara')).map((r) => r.split(' ')[1])).toEqual(['Overdueplan', 'Notseen', 'Waiting', 'Lookedafter']);
    expect(res.body).not.toContain('Childinneed');
    const waiting = await manager.get('/visits/team?worker=none');
    expect(listed(waiting.body).filter((r) => r.includes('Amara')).map((r) => r.split(' ')[1])).toEqual(['Waiting']);
    expect(bodyText(waiting.body)).toContain('No worker yet: children with a visit overdue or due soon');
    const sams = await manager.get(`/visits/team?worker=${t.users.get(EMAILS.worker)}`);
    expect(listed(sams.body).filter((r) => r.includes('Amara')).map((r) => r.split(' ')[1])).toEqual(['Overdueplan', 'Notseen', 'Lookedafter']);
    // A made-up worker or page is no error: nobody's children, or the first page.
    expect((await manager.get('/visits/team?worker=nobody&page=-3')).statusCode).toBe(200);
    const other = await t.signIn(EMAILS.manager2);
    const theirs = await other.get('/visits/team');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('Overdueplan');
    expect(bodyText(theirs.body)).toContain('No child in your team has a visit due');
  });

  it('refuses the lists to those who hold no caseload or team', async () => {
    expect((await worker.get('/visits/team')).statusCode).toBe(403);
    for (const email of [EMAILS.partner, EMAILS.admin, EMAILS['cp-chair'], EMAILS.qa]) {
      const agent = await t.signIn(email);
      expect((await agent.get('/visits')).statusCode, email).toBe(403);
      expect((await agent.get('/visits/team')).statusCode, email).toBe(403);
    }
    const other = await t.signIn(EMAILS.worker2);
    const res = await other.get('/visits');
    expect(res.statusCode).toBe(200);
    expect(bodyText(res.body)).toContain('None of the children allocated to you has a visit due');
  });

  it('answers with the same number of queries for a bigger caseload', async () => {
    const jo = await t.signIn(EMAILS['early-help']);
    const manager = await t.signIn(EMAILS.manager);
    await jo.get('/visits');
    const workerBefore = jo.lastQueryCount;
    await manager.get('/visits/team');
    const teamBefore = manager.lastQueryCount;
    for (let i = 0; i < 8; i++) await oneChild(`More${i}`, 'child-protection', addWorkingDays(today, -3 - i), EMAILS.worker);
    const joFamily = await siblings(t, { count: 5, episodeType: 'child-in-need', team: 'Early Help East', workerEmail: EMAILS['early-help'] });
    await jo.post(`/people/${joFamily.ids[0]}/visits/new`, visitForm(joFamily.ids));
    const mine = await jo.get('/visits');
    expect(listed(mine.body)).toHaveLength(5);
    expect(jo.lastQueryCount).toBe(workerBefore);
    await manager.get('/visits/team');
    expect(manager.lastQueryCount).toBe(teamBefore);
  });
});
