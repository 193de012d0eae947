import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { saveApproval } from '../../src/features/assessments/approvalService';
import { planFromContent } from '../../src/features/assessments/planValues';
import { addresses } from '../../src/features/people/tables';
import { assessmentsOf, count, grantToPartner, makeFamily } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

const filled = (version: number, extra: Record<string, string | string[]> = {}) => ({
  version: String(version),
  aims: 'Understand what life is like for Jade at home and what help Grace needs',
  'seen-0-who': 'Jade',
  'seen-0-grouping': 'alone',
  'seen-0-where': 'at school',
  'seen-0-order': '1',
  'seen-1-who': 'Grace, Jade’s mother',
  'seen-1-grouping': 'with-parent',
  'seen-1-where': 'at home',
  'seen-1-order': '2',
  communicationNeeds: 'Jade prefers drawing to talking about feelings',
  interpreter: 'not-needed',
  consent: 'given',
  informationHeld: 'Two earlier referrals from school about attendance',
  'agencies-0-agency': 'Leeds children’s services',
  'agencies-0-reason': 'Lived in Leeds until 2022',
  'services-0-service': 'Parenting group',
  'services-0-offeredOn-day': '3',
  'services-0-offeredOn-month': '3',
  'services-0-offeredOn-year': '2025',
  completed: 'no',
  ...extra,
});

describeEachDb('the assessment plan (A3)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  async function assessment(opts: { previousAddress?: boolean } = {}) {
    const f = await makeFamily(t, { births: ['2016-04-02'] });
    const child = f.children[0]!;
    if (opts.previousAddress) {
      await t.database.db.insert(addresses).values({ personId: child.id, line1: '4 Canal Street', town: 'Bradford', postcode: 'BD1 1AA', postcodeKey: 'BD11AA', fromDate: '2019-02-01', toDate: '2022-07-31' });
    }
    const a = await createAssessment(t.database.db, child.id, { teamId: f.teamId, workerId: f.workerId });
    return { child, a, url: `/people/${child.id}/assessments/${a.id}/sections/plan` };
  }

  const plan = async (childId: string) => (await assessmentsOf(t, childId))[0]!;

  it('suggests agencies at the child’s previous addresses in a new plan', async () => {
    const { url } = await assessment({ previousAddress: true });
    const res = await as.worker.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-autosave');
    expect(res.body).toContain('name="version" value="1"');
    expect(res.body).toContain('value="Children’s services, school and health visitor for Bradford"');
    expect(bodyText(res.body)).toContain('Where Jade Okonjo lived before');
  });

  it('saves the plan as a revision, and marks it completed when asked', async () => {
    const { child, url } = await assessment();
    const res = await as.worker.post(url, filled(1));
    expect(res.statusCode).toBe(303);
    const saved = await plan(child.id);
    expect(saved.version).toBe(2);
    expect(saved.content.plan).toMatchObject({
      aims: 'Understand what life is like for Jade at home and what help Grace needs',
      seen: [
        { who: 'Jade', grouping: 'alone', where: 'at school', order: 1 },
        { who: 'Grace, Jade’s mother', grouping: 'with-parent', where: 'at home', order: 2 },
      ],
      interpreter: 'not-needed',
      agencies: [{ agency: 'Leeds children’s services', reason: 'Lived in Leeds until 2022' }],
      services: [{ service: 'Parenting group', offeredOn: '2025-03-03', startedOn: null }],
      completed: false,
    });
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${saved.id} AND section = 'plan'`)).toBe(1);
    expect((await as.worker.post(url, filled(2, { completed: 'yes' }))).statusCode).toBe(303);
    expect((await plan(child.id)).content.plan).toMatchObject({ completed: true });
    const overview = await as.worker.get(`/people/${child.id}/assessments/${saved.id}`);
    expect(bodyText(overview.body)).toMatch(/Assessment plan\s+Completed/);
  });

  it('validates with the GOV.UK error summary, linking to each field, and keeps what was typed', async () => {
    const { child, url } = await assessment();
    const res = await as.worker.post(url, filled(1, {
      aims: '',
      completed: 'yes',
      'seen-0-order': 'first',
      'services-0-offeredOn-day': '31',
      'services-0-offeredOn-month': '2',
      'services-0-startedOn-day': '1',
      'services-0-startedOn-month': '1',
      'services-0-startedOn-year': '2020',
      interpreter: 'needed',
      consent: 'refused',
      informationHeld: 'x'.repeat(10_001),
    }));
    expect(res.statusCode).toBe(400);
    const text = bodyText(res.body);
    expect(text).toContain('There is a problem');
    for (const href of ['#aims', '#seen-0-order', '#interpreterLanguage', '#consentDetails', '#informationHeld', '#services-0-offeredOn-day']) expect(res.body).toContain(`href="${href}"`);
    expect(text).toContain('Enter the aims agreed with the family before you mark this section as completed');
    expect(text).toContain('The order must be a number, like 1 or 2');
    expect(text).toContain('The date it was offered must be a real date');
    expect(res.body).toContain('value="Grace, Jade’s mother"');
    expect((await plan(child.id)).version).toBe(1);
    // Hostile: arrays, control characters, script.
    const hostile = await as.worker.post(url, { version: '1', aims: ['a', 'b'], 'seen-0-who': '<script>alert(1)</script>\u0007', 'seen-0-grouping': 'on-the-moon', completed: 'maybe', interpreter: 'perhaps' });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    expect(hostile.body).toContain('href="#seen-0-grouping"');
    expect(hostile.body).toContain('href="#completed"');
    expect(hostile.body).toContain('href="#interpreter"');
  });

  it('adds and removes rows without JavaScript, keeping what was typed as a draft', async () => {
    const { child, a, url } = await assessment();
    const res = await as.worker.post(url, { ...filled(1), add: 'seen' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="seen-2-who"');
    expect(res.body).toContain('value="Grace, Jade’s mother"');
    expect(await count(t, sql`SELECT count(*) AS n FROM drafts WHERE form_key = ${url}`)).toBe(1);
    const removed = await as.worker.post(url, { ...filled(1), remove: 'seen-0' });
    expect(removed.body).not.toContain('name="seen-1-who"');
    expect(removed.body).toContain('value="Grace, Jade’s mother"');
    expect((await plan(child.id)).version).toBe(a.version);
    // The draft is shown again next time (a timeout, or a closed laptop).
    const again = await as.worker.get(url);
    expect(bodyText(again.body)).toContain('We kept what you typed last time');
    expect(again.body).toContain('value="Grace, Jade’s mother"');
  });

  it('shows a conflict when someone saved first, and lets the worker choose field by field', async () => {
    const { child, url } = await assessment();
    expect((await as.worker.post(url, filled(1))).statusCode).toBe(303);
    // The manager had the same version open and saves different aims and consent.
    const stale = await as.manager.post(url, filled(1, { aims: 'Find out why Jade is missing school', consent: 'not-sought', consentDetails: 'Asking now could put Jade at risk' }));
    expect(stale.statusCode).toBe(409);
    const text = bodyText(stale.body);
    expect(text).toContain('Someone else saved this plan while you were typing');
    expect(text).toContain('What you typed: Find out why Jade is missing school');
    expect(text).toContain('What is saved now: Understand what life is like for Jade');
    expect(stale.body).toContain('name="keep-aims"');
    expect(stale.body).toContain('name="keep-consent"');
    // Nothing chosen: an error for each field.
    const form = stale.body.slice(stale.body.indexOf(`action="${url}"`), stale.body.indexOf('</form>', stale.body.indexOf(`action="${url}"`)));
    const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&')]));
    const noChoice = await as.manager.post(url, hidden);
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.body).toContain('href="#keep-aims"');
    // Keep the saved aims, their own consent.
    const resolved = await as.manager.post(url, { ...hidden, 'keep-aims': 'saved', 'keep-consent': 'typed', 'keep-consentDetails': 'typed' });
    expect(resolved.statusCode).toBe(303);
    const saved = (await plan(child.id)).content.plan as Record<string, unknown>;
    expect(saved).toMatchObject({ aims: 'Understand what life is like for Jade at home and what help Grace needs', consent: 'not-sought', consentDetails: 'Asking now could put Jade at risk' });
  });

  it('needs a team manager’s recorded approval for not using an interpreter', async () => {
    const { child, a, url } = await assessment();
    const notUsing = { interpreter: 'not-using', interpreterNotUsedReasons: 'Grace asked for her sister to interpret and Jade speaks English' };
    const refused = await as.worker.post(url, filled(1, { ...notUsing, completed: 'yes' }));
    expect(refused.statusCode).toBe(400);
    expect(bodyText(refused.body)).toContain('A team manager must approve the decision not to use an interpreter');
    expect((await as.worker.post(url, filled(1, notUsing))).statusCode).toBe(303);
    const approvalUrl = `${url}/interpreter-approval`;
    expect((await as.worker.get(approvalUrl)).statusCode).toBe(403);
    expect((await as.worker.post(approvalUrl, { version: '2', reasons: 'Fine' })).statusCode).toBe(403);
    const page = await as.manager.get(approvalUrl);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Grace asked for her sister to interpret');
    // The same pattern the closed assessment's page is checked against (assessments-core-checkpoints.test.ts), seen to match here.
    expect(page.body).toMatch(/<button[^>]*>\s*Approve the decision\s*<\/button>/);
    expect(page.body).toContain(`action="${approvalUrl}"`);
    const empty = await as.manager.post(approvalUrl, { version: '2', reasons: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reasons"');
    const staleApproval = await as.manager.post(approvalUrl, { version: '1', reasons: 'Agreed' });
    expect(staleApproval.statusCode).toBe(409);
    expect((await as.manager.post(approvalUrl, { version: '2', reasons: 'Agreed: the aunt is not involved in the concerns' })).statusCode).toBe(303);
    const approved = (await plan(child.id)).content.plan as Record<string, unknown>;
    expect(approved.interpreterApproval).toMatchObject({ approvedBy: t.users.get(EMAILS.manager), reasons: 'Agreed: the aunt is not involved in the concerns' });
    // Now the worker can complete it; the approval stays while the decision and reasons stay the same.
    expect((await as.worker.post(url, filled(3, { ...notUsing, completed: 'yes' }))).statusCode).toBe(303);
    expect(((await plan(child.id)).content.plan as Record<string, unknown>).interpreterApproval).not.toBeNull();
    // Changing the reasons needs a new approval.
    expect((await as.worker.post(url, filled(4, { ...notUsing, interpreterNotUsedReasons: 'Changed reasons' }))).statusCode).toBe(303);
    expect(((await plan(child.id)).content.plan as Record<string, unknown>).interpreterApproval).toBeNull();
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(4);
  });

  it('lets only a manager of the assessment’s or the child’s team approve not using an interpreter, as for checkpoint decisions', async () => {
    const { child, a, url } = await assessment();
    const notUsing = { interpreter: 'not-using', interpreterNotUsedReasons: 'Grace asked for her sister to interpret and Jade speaks English' };
    expect((await as.worker.post(url, filled(1, notUsing))).statusCode).toBe(303);
    // The case was closed: the child is allocated to no team, so every manager may open them; the assessment is still the team's.
    await t.database.db.execute(sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id = ${child.id}`);
    const approvalUrl = `${url}/interpreter-approval`;
    const manager2 = t.users.get(EMAILS.manager2)!;
    const refusals = () => count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND subject_id = ${a.id} AND actor_id = ${manager2}`);
    const views = () => count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'interpreter-approval-viewed' AND subject_id = ${a.id} AND actor_id = ${manager2}`);
    const page = await as.manager2.get(approvalUrl);
    expect(page.statusCode).toBe(403);
    expect(bodyText(page.body)).toContain('Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it');
    expect(bodyText(page.body)).not.toContain('Grace asked for her sister to interpret');
    expect(page.body).not.toMatch(/<button[^>]*>\s*Approve the decision\s*<\/button>/);
    const posted = await as.manager2.post(approvalUrl, { version: '2', reasons: 'Approving another team’s plan' });
    expect(posted.statusCode).toBe(403);
    expect(bodyText(posted.body)).toContain('Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it');
    expect(await refusals()).toBe(2);
    expect(await views()).toBe(0);
    const [refused] = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'access-refused' AND subject_id = ${a.id} AND actor_id = ${manager2} ORDER BY seq DESC LIMIT 1`);
    expect(refused!.details).toMatchObject({ method: 'POST', need: 'manager of the assessment’s or the child’s team' });
    // Nothing saved.
    expect(await plan(child.id)).toMatchObject({ version: 2 });
    expect(((await plan(child.id)).content.plan as Record<string, unknown>).interpreterApproval).toBeNull();
    // The service refuses it too, whatever route it is called from, and writes nothing.
    const actor = { id: manager2, name: 'Alex Byrne', email: EMAILS.manager2, role: 'team-manager' as const, teamId: t.teams.get('Children in Need North')! };
    const approval = { approvedBy: manager2, approvedByName: 'Alex Byrne', approvedOn: '2025-03-03', reasons: 'No' };
    const saved = await saveApproval(t.database.db, { actor, requestId: null }, { assessmentId: a.id, childId: child.id }, planFromContent((await plan(child.id)).content.plan), approval, 2);
    expect(saved).toEqual({ ok: false, reason: 'not-your-team' });
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(1);
    // The assessment's own team's manager sees the link on the plan, and approves.
    expect((await as.manager.get(url)).body).toContain(`href="${approvalUrl}"`);
    const own = await as.manager.get(approvalUrl);
    expect(own.statusCode).toBe(200);
    expect(own.body).toMatch(/<button[^>]*>\s*Approve the decision\s*<\/button>/);
    expect((await as.manager.post(approvalUrl, { version: '2', reasons: 'Agreed: the aunt is not involved in the concerns' })).statusCode).toBe(303);
    expect(((await plan(child.id)).content.plan as Record<string, unknown>).interpreterApproval).toMatchObject({ approvedBy: t.users.get(EMAILS.manager) });
    // A child moved to another team takes the decision with them: that team's manager approves.
    const moved = await assessment();
    expect((await as.worker.post(moved.url, filled(1, notUsing))).statusCode).toBe(303);
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${moved.child.id}`);
    expect((await as.manager2.post(`${moved.url}/interpreter-approval`, { version: '2', reasons: 'The new team agrees: her aunt interprets' })).statusCode).toBe(303);
    expect(((await plan(moved.child.id)).content.plan as Record<string, unknown>).interpreterApproval).toMatchObject({ approvedBy: manager2 });
  });

  it('keeps the plan typed when the session timed out, and shows it again after signing in', async () => {
    const { child, url } = await assessment();
    const userId = t.users.get(EMAILS.worker)!;
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    const res = await as.worker.post(url, filled(1, { aims: 'Typed for forty minutes on a visit' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
    as.worker = await t.signIn(EMAILS.worker);
    const again = await as.worker.get(url);
    expect(bodyText(again.body)).toContain('We kept what you typed last time');
    expect(again.body).toContain('Typed for forty minutes on a visit');
    expect((await as.worker.post(url, filled(1, { aims: 'Typed for forty minutes on a visit' }))).statusCode).toBe(303);
    expect(((await plan(child.id)).content.plan as Record<string, unknown>).aims).toBe('Typed for forty minutes on a visit');
  });

  it('refuses other teams, partners, chairs and administrators', async () => {
    const { child, url } = await assessment();
    await grantToPartner(t, child.id);
    for (const role of ['worker2', 'manager2', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
      expect((await as[role].get(url)).statusCode, role).toBe(403);
      expect((await as[role].post(url, filled(1))).statusCode, role).toBe(403);
    }
    expect((await as.worker.get(`/people/${child.id}/assessments/00000000-0000-4000-8000-000000000000/sections/plan`)).statusCode).toBe(404);
    expect((await plan(child.id)).version).toBe(1);
  });
});
