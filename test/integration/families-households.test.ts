import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type TestApp } from '../helpers/app';
import { createAdult, createChild, createHousehold } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { auditActions, createBrownFamily, grant, type BrownFamily } from './families.fixture';

type Member = { id: string; household_id: string; person_id: string; from_date: string | null; to_date: string | null };

describeEachDb('households over time', (kind) => {
  let t: TestApp;
  let f: BrownFamily;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createBrownFamily(t);
  });
  afterAll(() => t.close());

  const membersOf = (householdId: string) =>
    rows<Member>(
      t.database.db,
      sql`SELECT id, household_id, person_id, from_date::text AS from_date, to_date::text AS to_date FROM household_members WHERE household_id = ${householdId} ORDER BY created_at`,
    );
  const householdsOf = (personId: string) =>
    rows<{ id: string; name: string }>(
      t.database.db,
      sql`SELECT DISTINCT h.id, h.name FROM households h JOIN household_members m ON m.household_id = h.id WHERE m.person_id = ${personId}`,
    );

  it('creates a household from a person, with them as its first member, audited', async () => {
    const child = await createChild(t.database.db, { firstName: 'Mia', lastName: 'Patel' });
    const worker = await t.signIn(EMAILS.worker);
    const form = await worker.get(`/people/${child.id}/households/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Patel household"');
    const res = await worker.post(`/people/${child.id}/households/new`, { name: 'Patel household', 'fromDate-day': '4', 'fromDate-month': '9', 'fromDate-year': '2022' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${child.id}/family?done=household-created`);
    const [household] = await householdsOf(child.id);
    expect(household!.name).toBe('Patel household');
    const members = await membersOf(household!.id);
    expect(members.map((m) => [m.person_id, m.from_date, m.to_date])).toEqual([[child.id, '2022-09-04', null]]);
    expect(await auditActions(t, child.id)).toEqual(expect.arrayContaining(['household-form-viewed', 'household-created']));
    const page = bodyText((await worker.get(`/people/${child.id}/family`)).body);
    expect(page).toContain('Patel household Current');
    expect(page).toMatch(/Mia \(\d+\) is the only person recorded in their household./);
  });

  it('shows the GOV.UK error summary for bad household details, and never fails on hostile input', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const url = `/people/${f.kelly.id}/households/new`;
    const empty = await worker.post(url, { name: '  ', 'fromDate-day': '30', 'fromDate-month': '2', 'fromDate-year': '2021' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a name for the household');
    expect(empty.body).toContain('href="#name"');
    expect(empty.body).toContain('The date they started living here must be a real date');
    expect(empty.body).toContain('value="30"');
    const before = await householdsOf(f.kelly.id);
    for (const form of [{ name: 'x'.repeat(121) }, { name: ['a', 'b'] }, { name: 'Home\u0000' }, { name: '<script>alert(1)</script>', 'fromDate-year': ['2020'] }, {}]) {
      const res = await worker.post(url, form);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).not.toContain('<script>alert');
    }
    expect(await householdsOf(f.kelly.id)).toHaveLength(before.length);
  });

  it('adds a member the user may see, refuses one they may not, and refuses a second current membership', async () => {
    const lodger = await createAdult(t.database.db, { firstName: 'Mark', lastName: 'Jones', sex: 'M' });
    const hidden = await createChild(t.database.db, { firstName: 'Hidden', lastName: 'Jones', currentTeamId: t.teams.get('Children in Need North')! });
    const worker = await t.signIn(EMAILS.worker);
    const search = await worker.get(`/households/${f.home}/members/new?from=${f.jade.id}&q=jones`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`personId=${lodger.id}`);
    expect(search.body).not.toContain('Hidden');
    const chosen = await worker.get(`/households/${f.home}/members/new?from=${f.jade.id}&personId=${lodger.id}`);
    expect(chosen.body).toContain('Mark Jones');
    const res = await worker.post(`/households/${f.home}/members/new`, { personId: lodger.id, from: f.jade.id, 'fromDate-day': '1', 'fromDate-month': '2', 'fromDate-year': '2025' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${f.jade.id}/family?done=member-added`);
    expect((await membersOf(f.home)).some((m) => m.person_id === lodger.id && m.from_date === '2025-02-01')).toBe(true);
    expect(await auditActions(t, lodger.id)).toContain('household-member-added');
    const page = bodyText((await worker.get(`/people/${f.jade.id}/family`)).body);
    expect(page).toMatch(/Mark Jones\s+Not recorded/);
    expect(page).toContain('Mark Jones (no relationship recorded)');

    const again = await worker.post(`/households/${f.home}/members/new`, { personId: lodger.id, from: f.jade.id });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Mark Jones already lives in this household');
    const refused = await worker.post(`/households/${f.home}/members/new`, { personId: hidden.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose a person from the search results');
    const missing = await worker.post(`/households/${f.home}/members/new`, { personId: 'nope', 'fromDate-day': 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose the person who is joining the household');
    expect((await membersOf(f.home)).filter((m) => m.person_id === hidden.id)).toHaveLength(0);
  });

  it('records that a member left, keeping the household history, and lets a person move to another household', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const tylerRow = (await membersOf(f.home)).find((m) => m.person_id === f.tyler.id)!;
    const form = await worker.get(`/households/${f.home}/members/${tylerRow.id}/end?from=${f.jade.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Record that Tyler Brown left the household');
    const early = await worker.post(`/households/${f.home}/members/${tylerRow.id}/end`, { from: f.jade.id, 'toDate-day': '1', 'toDate-month': '1', 'toDate-year': '2020' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('must be on or after the date they joined');
    const none = await worker.post(`/households/${f.home}/members/${tylerRow.id}/end`, { from: f.jade.id });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Enter the date they left the household');
    const res = await worker.post(`/households/${f.home}/members/${tylerRow.id}/end`, { from: f.jade.id, 'toDate-day': '10', 'toDate-month': '1', 'toDate-year': '2025' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${f.jade.id}/family?done=member-ended`);
    expect((await membersOf(f.home)).find((m) => m.id === tylerRow.id)!.to_date).toBe('2025-01-10');
    expect(await auditActions(t, f.tyler.id)).toContain('household-member-ended');

    // Tyler now lives with his grandmother: a second household, the first kept as history.
    const create = await worker.post(`/people/${f.tyler.id}/households/new`, { name: 'Nan’s house', 'fromDate-day': '10', 'fromDate-month': '1', 'fromDate-year': '2025' });
    expect(create.statusCode).toBe(303);
    const nans = (await householdsOf(f.tyler.id)).find((h) => h.name === 'Nan’s house')!;
    expect((await worker.post(`/households/${nans.id}/members/new`, { personId: f.sue.id, from: f.tyler.id })).statusCode).toBe(303);
    const page = bodyText((await worker.get(`/people/${f.tyler.id}/family`)).body);
    expect(page).toContain('Nan’s house Current');
    expect(page).toContain('Brown household Past');
    expect(page).toContain('Tyler Brown lived here from 1 May 2021 until 10 January 2025.');
    expect(page).toMatch(/Sue Brown\s+Not recorded/);
    const jadePage = bodyText((await worker.get(`/people/${f.jade.id}/family`)).body);
    expect(jadePage).toMatch(/Tyler Brown\s+Half-brother\s+\d+ years\s+1 May 2021 to 10 January 2025 \(left\)/);
  });

  it('refuses to open or change a household whose current members the user may not all see, and audits it', async () => {
    // Kelly is visible to everyone; her household also holds children allocated to the Front Door team.
    const other = await t.signIn(EMAILS.worker2);
    const memberRow = (await membersOf(f.home)).find((m) => m.person_id === f.kelly.id)!;
    const stranger = await createAdult(t.database.db, { firstName: 'Stranger' });
    expect((await other.get(`/households/${f.home}/members/new`)).statusCode).toBe(403);
    expect((await other.post(`/households/${f.home}/members/new`, { personId: stranger.id })).statusCode).toBe(403);
    expect((await other.get(`/households/${f.home}/members/${memberRow.id}/end`)).statusCode).toBe(403);
    expect((await other.post(`/households/${f.home}/members/${memberRow.id}/end`, { 'toDate-day': '1', 'toDate-month': '1', 'toDate-year': '2025' })).statusCode).toBe(403);
    const members = await membersOf(f.home);
    expect(members.some((m) => m.person_id === stranger.id)).toBe(false);
    expect(members.find((m) => m.id === memberRow.id)!.to_date).toBeNull();
    const refusals = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access-refused' AND subject_type = 'household' AND subject_id = ${f.home}`);
    expect(refusals[0]!.n).toBe(4);
    const kellyPage = await other.get(`/people/${f.kelly.id}/family`);
    expect(kellyPage.body).toContain('You cannot change this household because it includes a person whose record you do not have access to');
  });

  it('refuses partners, chairs and administrators, and answers 404 for a household that does not exist', async () => {
    await grant(t, EMAILS.partner, f.jade.id);
    for (const email of [EMAILS.partner, EMAILS['cp-chair'], EMAILS.admin]) {
      const agent = await t.signIn(email);
      expect((await agent.get(`/households/${f.home}/members/new`)).statusCode).toBe(403);
      expect((await agent.post(`/households/${f.home}/members/new`, { personId: f.dean.id })).statusCode).toBe(403);
      expect((await agent.post(`/people/${f.jade.id}/households/new`, { name: 'Not allowed' })).statusCode).toBe(403);
    }
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.get('/households/00000000-0000-4000-8000-000000000000/members/new')).statusCode).toBe(404);
    expect((await worker.get('/households/not-a-uuid/members/new')).statusCode).toBe(404);
    expect((await worker.get(`/households/${f.home}/members/00000000-0000-4000-8000-000000000000/end`)).statusCode).toBe(404);
    const empty = await createHousehold(t.database.db, 'Empty', []);
    expect((await worker.get(`/households/${empty}/members/new`)).statusCode).toBe(404);
    expect(await householdsOf(f.jade.id)).not.toContainEqual(expect.objectContaining({ name: 'Not allowed' }));
  });
});
