import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { formatDate } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { createAssessment } from '../helpers/factories';
import { decideCheckpoint } from '../../src/features/assessments/checkpointService';
import { assessmentsOf, count, grantToPartner, makeFamily, today, workingDay } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

/** The form's button as govukButton renders it (its text on a line of its own). */
const RECORD_BUTTON = /<button[^>]*>\s*Record the decision\s*<\/button>/;

describeEachDb('checkpoint decisions and reasons for lateness (A2)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  async function started(referralDate: string) {
    const f = await makeFamily(t, { births: ['2015-05-05'], referralDate });
    const child = f.children[0]!;
    const res = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! });
    expect(res.statusCode).toBe(303);
    const a = (await assessmentsOf(t, child.id))[0]!;
    return { child, a, base: `/people/${child.id}/assessments/${a.id}` };
  }

  it('lets the team manager record a decision at a checkpoint, once, with reasons, in the chronology', async () => {
    const { child, a, base } = await started(workingDay(-11));
    const page = await as.manager.get(`${base}/checkpoints/10`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Working day 10 checkpoint');
    const empty = await as.manager.post(`${base}/checkpoints/10`, { reasons: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#decision"');
    expect(empty.body).toContain('href="#reasons"');
    const hostile = await as.manager.post(`${base}/checkpoints/10`, { decision: ['close', 'escalate'], reasons: 'x'.repeat(5001) });
    expect(hostile.statusCode).toBe(400);
    expect(bodyText(hostile.body)).toContain('Your reasons must be 5,000 characters or fewer');
    const ok = await as.manager.post(`${base}/checkpoints/10`, { decision: 'full-assessment', reasons: 'Several worries about neglect need a full picture' });
    expect(ok.statusCode).toBe(303);
    const [cp] = await rows<{ decision: string; reasons: string; decided_by: string }>(t.database.db, sql`SELECT decision, reasons, decided_by FROM assessment_checkpoints WHERE assessment_id = ${a.id} AND day = 10`);
    expect(cp).toMatchObject({ decision: 'full-assessment', reasons: 'Several worries about neglect need a full picture', decided_by: t.users.get(EMAILS.manager) });
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${child.id} AND e.origin_type = 'assessment-checkpoint'`)).toBe(1);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-checkpoint-decided' AND subject_id = ${a.id}`)).toBe(1);
    // Decided once: a second decision is refused, showing both.
    const again = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'nfa', reasons: 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(bodyText(again.body)).toContain('a decision was already recorded for this checkpoint');
    expect(bodyText(again.body)).toContain('Changed my mind');
    const overview = await as.worker.get(base);
    expect(bodyText(overview.body)).toContain('Go on to a full assessment');
  });

  it('opens a checkpoint for a decision 5 working days before it is due, not earlier, and says so', async () => {
    const early = await started(workingDay(-2));
    const page = await as.manager.get(`${early.base}/checkpoints/10`);
    expect(page.statusCode).toBe(200);
    const opensOn = formatDate(workingDay(3));
    expect(bodyText(page.body)).toContain(`You can record the decision at this checkpoint from ${opensOn}: 5 working days before it is due`);
    expect(page.body).not.toMatch(RECORD_BUTTON);
    expect(page.body).not.toContain(`action="${early.base}/checkpoints/10"`);
    const refused = await as.manager.post(`${early.base}/checkpoints/10`, { decision: 'full-assessment', reasons: 'A full assessment from the outset' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('govuk-error-summary');
    expect(bodyText(refused.body)).toContain(`You can record the decision at this checkpoint from ${opensOn}, 5 working days before it is due`);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_checkpoints WHERE assessment_id = ${early.a.id} AND decision IS NOT NULL`)).toBe(0);
    const overview = bodyText((await as.manager.get(early.base)).body);
    expect(overview).toContain(`Not due yet: the decision can be recorded from ${opensOn}`);
    expect(overview).toContain('The decision can be recorded from 5 working days before the checkpoint is due');
    // On the first day of the window it opens.
    const open = await started(workingDay(-5));
    expect(bodyText((await as.manager.get(open.base)).body)).toMatch(/Working day 10.*Decision needed.*Record the decision/);
    const form = await as.manager.get(`${open.base}/checkpoints/10`);
    expect(form.body).toMatch(RECORD_BUTTON);
    expect(form.body).toContain(`action="${open.base}/checkpoints/10"`);
    expect((await as.manager.post(`${open.base}/checkpoints/10`, { decision: 'full-assessment', reasons: 'A full assessment from the outset' })).statusCode).toBe(303);
  });

  it('closes the assessment when the manager decides to close it: outcome, read-only, chronology and audit', async () => {
    const { child, a, base } = await started(workingDay(-11));
    const noOutcome = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', reasons: 'The family has the help it needs from school' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain('href="#closeOutcome"');
    expect(bodyText(noOutcome.body)).toContain('Choose what happens for the child now the assessment closes');
    const badOutcome = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'cin-plan', reasons: 'x' });
    expect(badOutcome.statusCode).toBe(400);
    const ok = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'early-help', reasons: 'The school’s family support worker will help with routines' });
    expect(ok.statusCode).toBe(303);
    const [row] = await rows<{ status: string; closed_reason: string; closed_outcome: string; closed_at_day: number; closed_on: string; closed_by: string }>(
      t.database.db,
      sql`SELECT status, closed_reason, closed_outcome, closed_at_day, closed_on::text AS closed_on, closed_by FROM assessments WHERE id = ${a.id}`,
    );
    expect(row).toEqual({ status: 'closed', closed_reason: 'checkpoint', closed_outcome: 'early-help', closed_at_day: 10, closed_on: today(), closed_by: t.users.get(EMAILS.manager) });
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-closed' AND subject_id = ${a.id}`)).toBe(1);
    const [entry] = await rows<{ summary: string; significance: string }>(
      t.database.db,
      sql`SELECT e.summary, e.significance FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${child.id} AND e.origin_type = 'assessment-checkpoint'`,
    );
    expect(entry!.significance).toBe('significant');
    expect(entry!.summary).toMatch(/^Assessment closed at the day 10 checkpoint by .*, team manager\. Outcome: universal or early help services\. Reasons: The school’s family support worker/);
    // The overview: closed, how long it took, the next step, and nothing to change.
    const overview = await as.worker.get(base);
    const text = bodyText(overview.body);
    expect(text).toContain('Closed at the working day 10 checkpoint');
    expect(text).toContain('Universal or early help services');
    expect(text).toContain('Case closed after assessment, referred to early help');
    expect(text).toMatch(/Completed on time.*Completed in 11 working days: closed within the timescale/);
    expect(text).not.toContain('Today is working day');
    expect(text).toContain('This assessment was closed by the team manager at a checkpoint, so it cannot be changed');
    expect(overview.body).not.toContain('/late-reasons"');
    expect(overview.body).not.toContain(`${base}/checkpoints/30"`);
    // Every change is refused with the reason; nothing is saved.
    const revisions = await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`);
    const section = await as.worker.post(`${base}/sections/identity`, { version: '2', action: 'save', history: 'Moved twice' });
    expect(section.statusCode).toBe(409);
    expect(bodyText(section.body)).toContain('This assessment was closed by the team manager at a checkpoint, so it cannot be changed');
    const plan = await as.worker.post(`${base}/sections/plan`, { version: '2', aims: 'New aims' });
    expect(plan.statusCode).toBe(409);
    expect(plan.body).toContain('href="#read-only"');
    const approval = await as.manager.get(`${base}/sections/plan/interpreter-approval`);
    expect(bodyText(approval.body)).toContain('This assessment was closed by the team manager at a checkpoint, so it cannot be changed');
    expect(approval.body).not.toMatch(/<button[^>]*>\s*Approve the decision\s*<\/button>/);
    expect(approval.body).not.toContain(`action="${base}/sections/plan/interpreter-approval"`);
    expect((await as.manager.post(`${base}/sections/plan/interpreter-approval`, { version: '3', reasons: 'Approved' })).statusCode).toBe(409);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(revisions);
    const later = await as.manager.post(`${base}/checkpoints/30`, { decision: 'continue', reasons: 'Carry on' });
    expect(later.statusCode).toBe(409);
    expect(bodyText(later.body)).toContain('Nothing was saved: the assessment was closed at a checkpoint');
    const version = (await rows<{ version: number }>(t.database.db, sql`SELECT version FROM assessments WHERE id = ${a.id}`))[0]!.version;
    const submit = await as.worker.post(`${base}/submit`, { version: String(version) });
    expect(submit.statusCode).toBe(409);
    expect(bodyText(submit.body)).toContain('This assessment was closed by the team manager at a checkpoint, so it cannot be sent or authorised');
    // The child has no open assessment now: a new one can be started from a new referral.
    expect(await count(t, sql`SELECT count(*) AS n FROM assessments WHERE child_id = ${child.id} AND status IN ('in-progress','awaiting-authorisation')`)).toBe(0);
  });

  it('escalates: a strategy discussion task for the manager, due by the next working day, shown on the assessment', async () => {
    const { child, a, base } = await started(workingDay(-11));
    const ok = await as.manager.post(`${base}/checkpoints/10`, { decision: 'escalate', reasons: 'Jade told her teacher she was hit with a belt' });
    expect(ok.statusCode).toBe(303);
    const tasks = await rows<{ kind: string; title: string; owner_id: string; due_on: string; origin_type: string; origin_id: string; details: string }>(
      t.database.db,
      sql`SELECT kind, title, owner_id, due_on::text AS due_on, origin_type, origin_id, details FROM tasks WHERE person_id = ${child.id}`,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'strategy-discussion', title: 'Hold a strategy discussion', owner_id: t.users.get(EMAILS.manager), due_on: workingDay(1), origin_type: 'assessment-checkpoint', origin_id: a.id });
    expect(tasks[0]!.details).toContain('Jade told her teacher she was hit with a belt');
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${child.id} AND e.origin_type = 'assessment-checkpoint' AND e.significance = 'significant'`)).toBe(1);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'task-created' AND child_id = ${child.id}`)).toBe(1);
    // The assessment goes on, and shows the task.
    const overview = bodyText((await as.worker.get(base)).body);
    expect(overview).toContain('A strategy discussion was raised as a task');
    expect(overview).toMatch(/Safeguarding actions and tasks.*Hold a strategy discussion.*Open/);
    expect((await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${a.id}`))[0]!.status).toBe('in-progress');
    // It is on the manager's own list.
    expect(bodyText((await as.manager.get('/tasks')).body)).toContain('Hold a strategy discussion');
  });

  it('refuses checkpoint decisions by anyone but the child’s team manager, and unknown checkpoints', async () => {
    const { child, base } = await started(workingDay(-11));
    await grantToPartner(t, child.id);
    for (const role of ['worker', 'early-help', 'manager2', 'worker2', 'partner', 'qa', 'admin'] as const) {
      expect((await as[role].get(`${base}/checkpoints/10`)).statusCode, role).toBe(403);
      expect((await as[role].post(`${base}/checkpoints/10`, { decision: 'close', reasons: 'No' })).statusCode, role).toBe(403);
    }
    expect((await as.manager.get(`${base}/checkpoints/11`)).statusCode).toBe(404);
    expect((await as.manager.post(`${base}/checkpoints/abc`, { decision: 'close', reasons: 'No' })).statusCode).toBe(404);
  });

  it('refuses a manager of another team the decision on a child allocated to no team, whom every manager may open', async () => {
    const { child, a, base } = await started(workingDay(-11));
    // The case was closed: the child is allocated to no team; the assessment is still the team's.
    await t.database.db.execute(sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id = ${child.id}`);
    const overview = await as.manager2.get(base);
    expect(overview.statusCode).toBe(200);
    // The overview does not offer them the decision (the assessment's own manager is offered it, below).
    expect(overview.body).not.toContain(`href="${base}/checkpoints/10"`);
    expect((await as.manager.get(base)).body).toContain(`href="${base}/checkpoints/10"`);
    const refusals = () => count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND subject_id = ${a.id} AND actor_id = ${t.users.get(EMAILS.manager2)!}`);
    const views = () => count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-checkpoint-viewed' AND subject_id = ${a.id}`);
    const page = await as.manager2.get(`${base}/checkpoints/10`);
    expect(page.statusCode).toBe(403);
    expect(bodyText(page.body)).toContain('Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it');
    expect(page.body).not.toMatch(RECORD_BUTTON);
    const closed = await as.manager2.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'nfa', reasons: 'Closing another team’s assessment' });
    expect(closed.statusCode).toBe(403);
    expect(await refusals()).toBe(2);
    expect(await views()).toBe(0);
    // Nothing changed, and the decision is still there for the assessment's own team.
    const [row] = await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${a.id}`);
    expect(row!.status).toBe('in-progress');
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_checkpoints WHERE assessment_id = ${a.id} AND decision IS NOT NULL`)).toBe(0);
    // The service refuses it too, whatever route it is called from.
    const actor = { id: t.users.get(EMAILS.manager2)!, name: 'Alex Byrne', email: EMAILS.manager2, role: 'team-manager' as const, teamId: t.teams.get('Children in Need North')! };
    const settings = await t.services.assessments.timescaleSettings();
    const result = await decideCheckpoint(t.database.db, { actor, requestId: null }, { childId: child.id, assessmentId: a.id }, 10, { decision: 'close', reasons: 'No', outcome: 'nfa' }, { today: today(), windowDays: settings.dueSoonDays, calendar: settings.calendar });
    expect(result).toEqual({ ok: false, reason: 'not-your-team' });
    const page2 = await as.manager.get(`${base}/checkpoints/10`);
    expect(page2.statusCode).toBe(200);
    expect(page2.body).toMatch(RECORD_BUTTON);
    expect((await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'nfa', reasons: 'No further action: the family has moved away' })).statusCode).toBe(303);
    // A child moved to another team takes the decisions with them: that team's manager may decide.
    const moved = await started(workingDay(-11));
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${moved.child.id}`);
    expect((await as.manager2.post(`${moved.base}/checkpoints/10`, { decision: 'full-assessment', reasons: 'The new team goes on with it' })).statusCode).toBe(303);
  });

  it('asks the worker for reasons past the final date, and keeps a stale save from overwriting them', async () => {
    const { a, base } = await started(workingDay(-47));
    const form = await as.worker.get(`${base}/late-reasons`);
    expect(form.statusCode).toBe(200);
    const basedOn = /name="basedOn" value="([^"]+)"/.exec(form.body)![1]!;
    const empty = await as.worker.post(`${base}/late-reasons`, { reasons: ' ', basedOn });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reasons"');
    expect((await as.worker.post(`${base}/late-reasons`, { reasons: 'The family were abroad for three weeks', basedOn })).statusCode).toBe(303);
    const [row] = await rows<{ late_reason: string }>(t.database.db, sql`SELECT late_reason FROM assessments WHERE id = ${a.id}`);
    expect(row!.late_reason).toBe('The family were abroad for three weeks');
    const overview = await as.worker.get(base);
    expect(bodyText(overview.body)).not.toContain('The reasons must be recorded');
    expect(bodyText(overview.body)).toContain('The family were abroad for three weeks');
    // The manager had the old page open: nothing is overwritten.
    const stale = await as.manager.post(`${base}/late-reasons`, { reasons: 'Waiting for a hospital report', basedOn });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('What is saved now: The family were abroad for three weeks');
    expect(stale.body).toContain('Waiting for a hospital report');
  });

  it('keeps the reasons for lateness of an authorised assessment as they are, but lets missing ones be recorded', async () => {
    const f = await makeFamily(t, { births: ['2015-05-05'], referralDate: workingDay(-80) });
    const child = f.children[0]!;
    const authorisedLate = { status: 'authorised' as const, referralDate: workingDay(-80), startedOn: workingDay(-80), dueOn: workingDay(-35), authorisedOn: workingDay(-30), authorisedBy: t.users.get(EMAILS.manager)!, authorisedRevision: 0, reviewDueOn: addDays(today(), 300), workerId: f.workerId, teamId: f.teamId };
    const withReasons = await createAssessment(t.database.db, child.id, { ...authorisedLate, lateReason: 'The family were abroad' });
    const base = `/people/${child.id}/assessments/${withReasons.id}`;
    const page = await as.worker.get(`${base}/late-reasons`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(base);
    const refused = await as.worker.post(`${base}/late-reasons`, { reasons: 'Changed afterwards', basedOn: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(bodyText(refused.body)).toContain('This assessment is authorised, so it cannot be changed now');
    expect((await rows<{ late_reason: string }>(t.database.db, sql`SELECT late_reason FROM assessments WHERE id = ${withReasons.id}`))[0]!.late_reason).toBe('The family were abroad');
    const overview = await as.worker.get(base);
    expect(overview.body).not.toContain(`${base}/late-reasons"`);
    // Authorised late with no reasons (recorded before the rule): the missing reasons can still be recorded.
    const other = await makeFamily(t, { births: ['2015-05-05'], referralDate: workingDay(-80), surname: 'Missing' });
    const without = await createAssessment(t.database.db, other.children[0]!.id, { ...authorisedLate, workerId: other.workerId, teamId: other.teamId });
    const otherBase = `/people/${other.children[0]!.id}/assessments/${without.id}`;
    const form = await as.worker.get(`${otherBase}/late-reasons`);
    expect(form.statusCode).toBe(200);
    const basedOn = /name="basedOn" value="([^"]+)"/.exec(form.body)![1]!;
    expect((await as.worker.post(`${otherBase}/late-reasons`, { reasons: 'A hospital report took six weeks', basedOn })).statusCode).toBe(303);
  });

  it('has no reasons to record before the final date, and refuses other teams and readers', async () => {
    const { child, base } = await started(workingDay(-2));
    const res = await as.worker.get(`${base}/late-reasons`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(base);
    expect((await as.worker.post(`${base}/late-reasons`, { reasons: 'Early', basedOn: 'x' })).statusCode).toBe(400);
    await grantToPartner(t, child.id);
    for (const role of ['worker2', 'partner', 'qa', 'cp-chair', 'admin'] as const) {
      expect((await as[role].get(`${base}/late-reasons`)).statusCode, role).toBe(403);
      expect((await as[role].post(`${base}/late-reasons`, { reasons: 'x', basedOn: 'x' })).statusCode, role).toBe(403);
    }
  });
});
