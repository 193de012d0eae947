/**
 * The visits-due lists at any size: more children than a page holds, ordered and counted by the
 * database, and the same order and counts as working each child's next visit out one by one
 * (visitDueForChild), across plan types, several plans at once, statutory visits and closure days.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { createRandom } from '../../src/domain/random';
import { todayInLondon } from '../../src/domain/dates';
import { byMostOverdue, DEFAULT_FREQUENCIES, visitDueForChild } from '../../src/domain/visitSchedule';
import { addDays, addWorkingDays, workingCalendar } from '../../src/domain/workingDays';
import { DUE_PAGE_SIZE } from '../../src/features/visits/dueList';
import { dateFields, visitForm } from './visits.fixture';

describeEachDb('visits due: lists longer than a page, ordered and counted by the database', (kind) => {
  let t: TestApp;
  const today = todayInLondon();
  const ctx = { actor: null, actorLabel: 'test', requestId: null };

  /** A user of Early Help East (a team no other test here uses), signed in. */
  async function user(email: string, name: string, role: 'social-worker' | 'team-manager'): Promise<{ agent: Agent; id: string }> {
    const added = await t.services.users.add(ctx, { email, name, role, teamId: t.teams.get('Early Help East')!, password: DEMO_PASSWORD });
    return { agent: await t.signIn(email), id: added.id };
  }

  /** The children's names on a list page, top to bottom. */
  const names = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/people\/[0-9a-f-]{36}\/visits">([^<]+)<\/a>/g)].map((m) => m[1]!);

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('pages a list of more children than a page holds, the most overdue first, with how many there are in all', async () => {
    const { agent: worker, id: workerId } = await user('pat.pager@example.org', 'Pat Pager', 'social-worker');
    const { agent: manager } = await user('mo.pager@example.org', 'Mo Pager', 'team-manager');
    const count = DUE_PAGE_SIZE * 2 + 20;
    const db = t.database.db;
    // Child protection plans started one working day apart: the older the start, the more overdue.
    for (let i = 0; i < count; i++) {
      const child = await createChild(db, { firstName: 'Pager', lastName: `Child${String(i).padStart(3, '0')}`, dateOfBirth: '2015-01-01' });
      await createEpisode(db, child.id, { type: 'child-protection', startDate: addWorkingDays(today, -(i + 1)) });
      await createAllocation(db, child.id, t.teams.get('Early Help East')!, workerId);
    }
    const expected = Array.from({ length: count }, (_, i) => `Pager Child${String(count - 1 - i).padStart(3, '0')}`);
    const overdue = expected.filter((_, i) => count - 1 - i + 1 > 10).length;

    const first = await worker.get('/visits');
    expect(first.statusCode).toBe(200);
    const queries = worker.lastQueryCount;
    expect(names(first.body)).toEqual(expected.slice(0, DUE_PAGE_SIZE));
    const text = bodyText(first.body);
    expect(text).toContain(`${overdue} visits are overdue`);
    expect(text).toContain(`Page 1 of 3: ${count} children in all`);
    const pages = [names(first.body)];
    for (const page of [2, 3]) {
      const res = await worker.get(`/visits?page=${page}`);
      expect(worker.lastQueryCount).toBe(queries);
      pages.push(names(res.body));
    }
    expect(pages.flat()).toEqual(expected);
    expect(pages[2]).toHaveLength(20);
    // Past the last page: the last page. Not a page number: the first.
    expect(names((await worker.get('/visits?page=99')).body)).toEqual(pages[2]);
    expect(names((await worker.get('/visits?page=x')).body)).toEqual(pages[0]);
    expect(first.body).toContain('href="/visits?page=2"');

    // The manager's list pages the team's children needing attention the same way.
    const team = await manager.get('/visits/team');
    expect(names(team.body)).toEqual(expected.slice(0, DUE_PAGE_SIZE));
    // Child n is due in 9 - n working days: 6 to 9 are due soon, 0 to 5 not due yet.
    expect(bodyText(team.body)).toMatch(new RegExp(`Pat Pager\\s*: show only their children ${overdue} 4 6`));
    const last = await manager.get('/visits/team?page=3');
    expect(names(last.body)).toEqual(expected.slice(2 * DUE_PAGE_SIZE, overdue + 4));
    expect(names(last.body).at(-1)).toBe('Pager Child006');
  });

  it('orders and counts as working out each child’s next visit does, across plans, visits and closure days', async () => {
    const { agent: worker, id: workerId } = await user('ray.random@example.org', 'Ray Random', 'social-worker');
    const closures = [addWorkingDays(today, -7), addWorkingDays(today, 2), addWorkingDays(today, -30)];
    expect(await t.services.settings.set(ctx, 'calendar.closureDays', closures)).toEqual({ ok: true });
    const calendar = workingCalendar(closures);
    const db = t.database.db;
    const r = createRandom('visits-due-order');
    const facts: { name: string; episodes: { type: string; startDate: string }[]; lastSeenOn: string | null }[] = [];
    for (let i = 0; i < 45; i++) {
      const name = `Random${String(i).padStart(3, '0')}`;
      const child = await createChild(db, { firstName: 'Ray', lastName: name, dateOfBirth: '2014-06-01' });
      await createAllocation(db, child.id, t.teams.get('Early Help East')!, workerId);
      const types = (['child-protection', 'child-in-need', 'looked-after', 'early-help'] as const).filter(() => r.chance(0.45));
      if (types.length === 0) types.push('child-in-need');
      const episodes = [];
      for (const type of types) {
        const startDate = addDays(today, -r.int(0, 120));
        await createEpisode(db, child.id, { type, startDate });
        episodes.push({ type, startDate });
      }
      let lastSeenOn: string | null = null;
      if (r.chance(0.5)) {
        const on = addDays(today, -r.int(0, 60));
        const counts = r.chance(0.7);
        const res = await worker.post(`/people/${child.id}/visits/new`, visitForm([child.id], { ...dateFields('visitDate', on), type: counts ? 'child-in-need' : 'other' }));
        expect(res.statusCode).toBe(303);
        if (counts) lastSeenOn = on;
      }
      facts.push({ name: `Ray ${name}`, episodes, lastSeenOn });
    }
    const worked = facts
      .map((f) => ({ name: f.name, due: visitDueForChild({ openEpisodes: f.episodes, lastSeenOn: f.lastSeenOn, frequencies: DEFAULT_FREQUENCIES, today, calendar }) }))
      .filter((f) => f.due !== null)
      .sort(byMostOverdue);
    const shown = [...names((await worker.get('/visits')).body)];
    expect(shown).toEqual(worked.map((w) => w.name));
    const text = bodyText((await worker.get('/visits')).body);
    const n = (status: string) => worked.filter((w) => w.due!.status === status).length;
    expect(text).toContain(`${n('overdue')} ${n('overdue') === 1 ? 'visit is' : 'visits are'} overdue, ${n('due-soon')} ${n('due-soon') === 1 ? 'is' : 'are'} due soon and ${n('due')} ${n('due') === 1 ? 'is' : 'are'} not due yet`);
    expect(await t.services.settings.set(ctx, 'calendar.closureDays', [])).toEqual({ ok: true });
  });
});
