/**
 * The analytical view (H2) on known data: what counts as professional contact, which plan's start
 * is compared before and after (the current one, or one chosen), escalation within the period
 * chosen, and entries whose date is known only to the month or year.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createChronologyEntry, createEpisode, createHousehold } from '../helpers/factories';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { dateFields } from './visits.fixture';

const daysAgo = (n: number) => addDays(todayInLondon(), -n);

describeEachDb('patterns in the chronology', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let families = 0;

  /** A child of their own household, allocated to Sam, and a younger brother. */
  async function child() {
    const db = t.database.db;
    families += 1;
    const surname = `Patternfamily${families}`;
    const c = await createChild(db, { firstName: 'Nia', lastName: surname, dateOfBirth: '2015-03-03' });
    const brother = await createChild(db, { firstName: 'Olu', lastName: surname, dateOfBirth: '2018-03-03' });
    for (const p of [c, brother]) await createAllocation(db, p.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    await createHousehold(db, `${surname} household`, [c.id, brother.id]);
    return { child: c, brother };
  }

  const note = async (personId: string, on: string, type: string) => {
    const res = await worker.post(`/people/${personId}/notes/new`, { ...dateFields('occurredOn', on), type, participants: 'Someone', summary: `A ${type} note.` });
    expect(res.statusCode).toBe(303);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('counts as professional contact only a professional with the child or family: not a front-door contact, a message or a discussion between professionals', async () => {
    const f = await child();
    const db = t.database.db;
    await createEpisode(db, f.child.id, { type: 'child-in-need', startDate: daysAgo(300) });
    await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(250), category: 'visit', summary: 'Visit', originType: 'visit' });
    await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(200), category: 'contact', summary: 'A neighbour rang the front door' });
    await note(f.child.id, daysAgo(150), 'professional-discussion');
    await note(f.child.id, daysAgo(100), 'message');
    const url = `/people/${f.child.id}/chronology/patterns`;
    const before = bodyText((await worker.get(url)).body);
    expect(before).toContain(`${formatDate(daysAgo(250))} Today: still no contact 35`);
    expect(before).toContain('no case note of a phone call, a meeting or a home visit');

    // A phone call with the family is contact: the gap ends there.
    await note(f.child.id, daysAgo(60), 'phone-call');
    const after = bodyText((await worker.get(url)).body);
    expect(after).toContain(`${formatDate(daysAgo(250))} ${formatDate(daysAgo(60))} 27`);
    expect(after).not.toContain('Today: still no contact');
  });

  it('compares before and after the current plan, or the plan chosen from the list', async () => {
    const f = await child();
    const db = t.database.db;
    const cin = await createEpisode(db, f.child.id, { type: 'child-in-need', startDate: daysAgo(700), endDate: daysAgo(400), closureReason: 'RC1' });
    await createEpisode(db, f.child.id, { type: 'child-protection', startDate: daysAgo(100) });
    await createEpisode(db, f.brother.id, { type: 'looked-after', startDate: daysAgo(30) });
    for (const days of [800, 600, 150, 120, 50]) await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(days), category: 'police-incident', summary: `PI-${days}` });
    const url = `/people/${f.child.id}/chronology/patterns`;

    const current = await worker.get(url);
    expect(current.statusCode).toBe(200);
    const text = bodyText(current.body);
    expect(text).toContain(`The current plan: Child protection, from ${formatDate(daysAgo(100))}, open now.`);
    expect(text).toMatch(/Police incident 2 [\d.]+ 1 [\d.]+/);
    expect(current.body).toMatch(/<option value="[0-9a-f-]{36}" selected>Child protection, from/);
    expect(current.body).toContain(`<option value="${cin.id}">Child in need, from ${formatDate(daysAgo(700))}, ended ${formatDate(daysAgo(400))}</option>`);
    // The brother's plan is his, not Nia's.
    expect(current.body).not.toContain('Looked after, from');

    const chosen = bodyText((await worker.get(`${url}?planEpisode=${cin.id}`)).body);
    expect(chosen).toContain(`The plan you chose: Child in need, from ${formatDate(daysAgo(700))}, ended ${formatDate(daysAgo(400))}.`);
    expect(chosen).toMatch(/Police incident 1 [\d.]+ 1 [\d.]+/);

    // On the family's view, each plan says whose it is, and the most recent open one is the current plan.
    const family = await worker.get(`${url}?family=1`);
    expect(bodyText(family.body)).toContain(`The current plan: Olu Patternfamily${families}: Looked after, from ${formatDate(daysAgo(30))}, open now.`);
    expect(family.body).toContain(`Nia Patternfamily${families}: Child in need, from`);

    for (const bad of [randomUUID(), 'not-a-plan']) {
      const res = await worker.get(`${url}?planEpisode=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(bodyText(res.body)).toContain('Choose a plan from the list');
    }
    // Sent twice, it is not read at all: the current plan.
    expect(bodyText((await worker.get(`${url}?planEpisode=${cin.id}&planEpisode=${cin.id}`)).body)).toContain('The current plan: Child protection');
  });

  it('looks for escalation at the end of the period chosen, and counts entries known only to the year apart from the quarters', async () => {
    const f = await child();
    const db = t.database.db;
    for (const on of ['2023-08-10', '2023-10-05', '2023-11-05', '2023-12-20', '2024-02-01', '2024-02-02']) {
      await createChronologyEntry(db, [f.child.id], { occurredOn: on, category: 'missing', summary: `Missing ${on}` });
    }
    // Some time in October 2023: across the boundary of the last 13 weeks, so not counted either side.
    await createChronologyEntry(db, [f.child.id], { occurredOn: '2023-10-01', occurredPrecision: 'month', category: 'missing', summary: 'Missing in October' });
    // Some time in 2023: it cannot be put in a quarter.
    await createChronologyEntry(db, [f.child.id], { occurredOn: '2023-01-01', occurredPrecision: 'year', category: 'health', summary: 'A stay in hospital' });

    const res = await worker.get(`/people/${f.child.id}/chronology/patterns?from-day=1&from-month=1&from-year=2023&to-day=31&to-month=12&to-year=2023`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('in the last 13 weeks of the period (2 October 2023 to 31 December 2023), against the 13 weeks before (from 3 July 2023)');
    expect(text).toContain('Missing from home or care 1 3 More often');
    // October, and the stay in hospital some time in 2023: it is not known which side of the boundary they fall.
    expect(text).toContain('2 incidents are not counted');
    // The quarter table has no health row: the year-only entry is in its own table, under 2023.
    const quarters = res.body.slice(res.body.indexOf('Entries of each kind per quarter</caption>'), res.body.indexOf('Date known only to the year'));
    expect(quarters).toContain('Missing from home or care');
    expect(quarters).not.toContain('Health');
    expect(text).toMatch(/Date known only to the year Kind of event 2023 Total Health: hospital, GP or health visitor 1 1/);
    // The month entry counts in October to December.
    expect(text).toMatch(/Missing from home or care 0 0 1 4 5/);

    // With no period chosen, the last 13 weeks are up to today, and none of this happened then.
    expect(bodyText((await worker.get(`/people/${f.child.id}/chronology/patterns`)).body)).toContain('No incidents in these 13 weeks or the 13 weeks before');
  });
});
