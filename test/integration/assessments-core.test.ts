import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment, createChild } from '../helpers/factories';
import { addDays, addWorkingDays, workingDaysBetween } from '../../src/domain/workingDays';
import { rows } from '../../src/platform/db';
import { assessmentReviewPrompts } from '../../src/features/assessments/tables';
import { assessmentsOf, count, grantToPartner, makeFamily, today, workingDay } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

describeEachDb('starting an assessment and its overview (A1, A2)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('offers the open referrals, the kinds that apply and the other children of the household', async () => {
    const f = await makeFamily(t);
    const res = await as.worker.get(`/people/${f.children[0]!.id}/assessments/new`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Which referral is it for?');
    expect(res.body).toContain(`value="${f.referrals.get(f.children[0]!.id)}"`);
    expect(text).toContain('Also start one for the other children living with Jade?');
    expect(res.body).toContain(`value="${f.children[1]!.id}"`);
    // Jade is 8 or more but not 16, and has no expected delivery date: neither of those kinds is offered.
    expect(res.body).not.toContain('value="pre-birth"');
    expect(res.body).not.toContain('value="homelessness-16-17"');
  });

  it('starts one assessment per child of the household, each with its own checkpoints, chronology entry and audit row', async () => {
    const f = await makeFamily(t, { referralDate: workingDay(-4) });
    const [jade, kai] = [f.children[0]!, f.children[1]!];
    const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(jade.id)!, siblings: [kai.id] });
    expect(res.statusCode).toBe(303);
    const [mine] = await assessmentsOf(t, jade.id);
    const [theirs] = await assessmentsOf(t, kai.id);
    expect(res.headers.location).toBe(`/people/${jade.id}/assessments/${mine!.id}`);
    for (const [a, child] of [[mine!, jade], [theirs!, kai]] as const) {
      expect(a).toMatchObject({ variant: 'standard', status: 'in-progress', referral_date: f.referralDate, due_on: addWorkingDays(f.referralDate, 45), referral_id: f.referrals.get(child.id), worker_id: f.workerId, team_id: f.teamId });
      const cps = await rows<{ day: number; due_on: string }>(t.database.db, sql`SELECT day, due_on::text AS due_on FROM assessment_checkpoints WHERE assessment_id = ${a.id} ORDER BY day`);
      expect(cps.map((c) => [Number(c.day), c.due_on])).toEqual([10, 30, 45].map((d) => [d, addWorkingDays(f.referralDate, d)]));
      expect(await count(t, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${child.id} AND e.origin_id = ${a.id} AND e.summary LIKE 'Assessment started%'`)).toBe(1);
      expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-started' AND subject_id = ${a.id} AND child_id = ${child.id}`)).toBe(1);
    }
    // The overview now shows the flash and the sibling.
    const page = await as.worker.get(res.headers.location as string);
    expect(bodyText(page.body)).toContain('Assessment started, and 1 more for the other child in the household');
    expect(bodyText(page.body)).toContain('Kai Okonjo');
  });

  it('refuses a second open assessment for the same child', async () => {
    const f = await makeFamily(t, { births: ['2015-01-01'] });
    const child = f.children[0]!;
    expect((await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! })).statusCode).toBe(303);
    const again = await as.worker.get(`/people/${child.id}/assessments/new`);
    expect(bodyText(again.body)).toContain('already has an assessment in progress');
    const post = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! });
    expect(post.statusCode).toBe(200);
    expect(await assessmentsOf(t, child.id)).toHaveLength(1);
  });

  it('validates the form with the GOV.UK error summary, keeping the choices', async () => {
    const f = await makeFamily(t);
    const jade = f.children[0]!;
    const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { referral: f.referrals.get(jade.id)! });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#variant"');
    expect(bodyText(res.body)).toContain('Choose the kind of assessment');
    expect(res.body).toMatch(new RegExp(`value="${f.referrals.get(jade.id)}" checked`));
    // Hostile input: arrays, ids not offered, a child from another family, script tags.
    const other = await makeFamily(t, { surname: 'Elsewhere' });
    const hostile = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: ['standard', 'pre-birth'], referral: '00000000-0000-4000-8000-000000000000', siblings: [other.children[0]!.id, '<script>alert(1)</script>'] });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).toContain('href="#referral"');
    expect(hostile.body).toContain('href="#siblings"');
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    const noSource = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'standard', referral: 'none' });
    expect(bodyText(noSource.body)).toContain('Choose the referral this assessment starts from, or an early help assessment to carry in');
    expect(await assessmentsOf(t, jade.id)).toHaveLength(0);
  });

  it('times a pre-birth assessment from the expected delivery date, and offers it only for an unborn baby', async () => {
    const referralDate = workingDay(-2);
    const edd = addDays(referralDate, 42);
    const f = await makeFamily(t, { referralDate, births: [null, '2018-02-02'], expectedDeliveryDate: edd });
    const [baby, brother] = [f.children[0]!, f.children[1]!];
    const refused = await as.worker.post(`/people/${brother.id}/assessments/new`, { variant: 'pre-birth', referral: f.referrals.get(brother.id)! });
    expect(bodyText(refused.body)).toContain('A pre-birth assessment needs an expected delivery date');
    const res = await as.worker.post(`/people/${baby.id}/assessments/new`, { variant: 'pre-birth', referral: f.referrals.get(baby.id)!, siblings: [brother.id] });
    expect(res.statusCode).toBe(303);
    const [a] = await assessmentsOf(t, baby.id);
    expect(a!.variant).toBe('pre-birth');
    expect(a!.due_on < addWorkingDays(referralDate, 45)).toBe(true);
    expect(a!.due_on <= addDays(edd, -28)).toBe(true);
    // The brother gets a child and family assessment, due on day 45.
    const [b] = await assessmentsOf(t, brother.id);
    expect(b).toMatchObject({ variant: 'standard', due_on: addWorkingDays(referralDate, 45) });
    const page = await as.worker.get(`/people/${baby.id}/assessments/${a!.id}`);
    expect(bodyText(page.body)).toContain('4 weeks before the expected delivery date');
  });

  it('offers the homelessness assessment only to a young person aged 16 or 17', async () => {
    const sixteen = addDays(today(), -(16 * 365 + 30));
    const f = await makeFamily(t, { births: [sixteen, '2015-06-01'] });
    const [older, younger] = [f.children[0]!, f.children[1]!];
    expect((await as.worker.get(`/people/${older.id}/assessments/new`)).body).toContain('value="homelessness-16-17"');
    const refused = await as.worker.post(`/people/${younger.id}/assessments/new`, { variant: 'homelessness-16-17', referral: f.referrals.get(younger.id)! });
    expect(refused.statusCode).toBe(400);
    expect(bodyText(refused.body)).toContain('A homelessness assessment is for a young person aged 16 or 17');
    expect((await as.worker.post(`/people/${older.id}/assessments/new`, { variant: 'homelessness-16-17', referral: f.referrals.get(older.id)! })).statusCode).toBe(303);
  });

  it('carries in an early help assessment’s content instead of retyping it', async () => {
    const f = await makeFamily(t, { births: ['2014-03-03'] });
    const child = f.children[0]!;
    const earlyHelp = await createAssessment(t.database.db, child.id, {
      variant: 'early-help',
      status: 'authorised',
      authorisedOn: workingDay(-30),
      authorisedBy: t.users.get(EMAILS.manager)!,
      content: { plan: { aims: 'Help Jade settle at her new school', completed: true }, analysis: { goingWell: 'Jade has a good friend' } },
    });
    const res = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)!, earlyHelp: earlyHelp.id });
    expect(res.statusCode).toBe(303);
    const [a] = await assessmentsOf(t, child.id);
    expect(a!.carried_from_id).toBe(earlyHelp.id);
    expect(a!.content).toMatchObject({ plan: { aims: 'Help Jade settle at her new school', completed: false }, analysis: { goingWell: 'Jade has a good friend' } });
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a!.id} AND revision = 0`)).toBe(1);
    const page = await as.worker.get(res.headers.location as string);
    expect(bodyText(page.body)).toContain('The early help assessment started on');
  });

  it('starts an early help assessment without a referral: day 0 is today', async () => {
    const child = await createChild(t.database.db, { firstName: 'Robin', lastName: 'Early' });
    const res = await as['early-help'].post(`/people/${child.id}/assessments/new`, { variant: 'early-help' });
    expect(res.statusCode).toBe(303);
    const [a] = await assessmentsOf(t, child.id);
    expect(a).toMatchObject({ variant: 'early-help', referral_date: today(), referral_id: null });
  });

  it('refuses other teams, partners, chairs and administrators', async () => {
    const f = await makeFamily(t);
    const child = f.children[0]!;
    await grantToPartner(t, child.id);
    for (const role of ['worker2', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
      expect((await as[role].get(`/people/${child.id}/assessments/new`)).statusCode, role).toBe(403);
      expect((await as[role].post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! })).statusCode, role).toBe(403);
    }
    expect((await t.anonymous().get(`/people/${child.id}/assessments/new`)).statusCode).toBe(303);
    expect(await assessmentsOf(t, child.id)).toHaveLength(0);
  });

  it('shows the overview: timescale, checkpoints, open review prompts and the sections with their status', async () => {
    const f = await makeFamily(t, { births: ['2013-05-05'], referralDate: workingDay(-12) });
    const child = f.children[0]!;
    await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! });
    const [a] = await assessmentsOf(t, child.id);
    await t.database.db.execute(sql`UPDATE assessments SET content = ${JSON.stringify({ plan: { aims: 'x', completed: true }, analysis: { goingWell: 'Mum is getting help' } })}::jsonb WHERE id = ${a!.id}`);
    await t.database.db.insert(assessmentReviewPrompts).values({ assessmentId: a!.id, reason: 'A new referral was received' });
    const res = await as.worker.get(`/people/${child.id}/assessments/${a!.id}`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('On track');
    expect(text).toContain(`${workingDaysBetween(today(), addWorkingDays(f.referralDate, 45))} working days left`);
    expect(text).toContain('Today is working day 12');
    expect(text).toContain('Working day 10');
    expect(text).toContain('Decision overdue');
    expect(text).toContain('Not due yet');
    expect(text).toContain('A new referral was received');
    expect(res.body).toContain(`href="/people/${child.id}/assessments/${a!.id}/sections/plan"`);
    expect(text).toMatch(/Assessment plan\s+Completed/);
    expect(text).toMatch(/Analysis\s+In progress/);
    expect(text).toMatch(/Parenting capacity\s+Not yet started/);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-viewed' AND subject_id = ${a!.id}`)).toBe(1);
    // The team manager can record the decision from the overview; the worker cannot.
    expect((await as.manager.get(`/people/${child.id}/assessments/${a!.id}`)).body).toContain(`/checkpoints/10"`);
    expect(res.body).not.toContain(`/checkpoints/10"`);
  });

  it('lists a child’s assessments newest first, and demands reasons once an assessment is late', async () => {
    const f = await makeFamily(t, { births: ['2012-01-01'], referralDate: workingDay(-50) });
    const child = f.children[0]!;
    const older = await createAssessment(t.database.db, child.id, { status: 'authorised', authorisedOn: '2023-03-01', authorisedBy: t.users.get(EMAILS.manager)!, referralDate: '2023-01-09', startedOn: '2023-01-09', dueOn: '2023-03-13' });
    await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! });
    const [late] = await assessmentsOf(t, child.id);
    const list = await as.worker.get(`/people/${child.id}/assessments`);
    expect(list.statusCode).toBe(200);
    const text = bodyText(list.body);
    expect(list.body.indexOf(late!.id)).toBeGreaterThan(-1);
    expect(list.body.indexOf(late!.id)).toBeLessThan(list.body.indexOf(older.id));
    expect(text).toMatch(/\d+ working days? late/);
    expect(text).toContain('Authorised in');
    const overview = await as.worker.get(`/people/${child.id}/assessments/${late!.id}`);
    expect(bodyText(overview.body)).toContain('This assessment went past its final date. The reasons must be recorded.');
    expect(overview.body).toContain(`/people/${child.id}/assessments/${late!.id}/late-reasons`);
  });

  it('answers 404 for an assessment reached through another child’s address, and refuses partners and other teams', async () => {
    const f = await makeFamily(t);
    const [jade, kai] = [f.children[0]!, f.children[1]!];
    const a = await createAssessment(t.database.db, jade.id);
    expect((await as.worker.get(`/people/${kai.id}/assessments/${a.id}`)).statusCode).toBe(404);
    expect((await as.worker.get(`/people/${jade.id}/assessments/not-an-id`)).statusCode).toBe(404);
    await grantToPartner(t, jade.id);
    for (const role of ['worker2', 'manager2', 'partner', 'admin'] as const) {
      expect((await as[role].get(`/people/${jade.id}/assessments/${a.id}`)).statusCode, role).toBe(403);
      expect((await as[role].get(`/people/${jade.id}/assessments`)).statusCode, role).toBe(403);
    }
    // Chairs and quality assurance read assessments.
    expect((await as.qa.get(`/people/${jade.id}/assessments/${a.id}`)).statusCode).toBe(200);
    expect((await as['cp-chair'].get(`/people/${jade.id}/assessments`)).statusCode).toBe(200);
  });

  it('reads the overview in a fixed number of queries, whatever the household and prompts', async () => {
    const small = await makeFamily(t, { births: ['2014-01-01'] });
    const big = await makeFamily(t, { births: ['2012-01-01', '2014-01-01', '2016-01-01', '2018-01-01'], surname: 'Large' });
    const a = await createAssessment(t.database.db, small.children[0]!.id);
    const b = await createAssessment(t.database.db, big.children[0]!.id);
    for (let i = 0; i < 5; i++) await t.database.db.insert(assessmentReviewPrompts).values({ assessmentId: b.id, reason: `New information ${i}` });
    await as.worker.get(`/people/${small.children[0]!.id}/assessments/${a.id}`);
    const few = as.worker.lastQueryCount;
    await as.worker.get(`/people/${big.children[0]!.id}/assessments/${b.id}`);
    expect(as.worker.lastQueryCount).toBe(few);
  });
});
