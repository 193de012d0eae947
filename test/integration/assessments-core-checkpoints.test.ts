import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { assessmentsOf, count, grantToPartner, makeFamily, workingDay } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

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
    const again = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', reasons: 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(bodyText(again.body)).toContain('a decision was already recorded for this checkpoint');
    expect(bodyText(again.body)).toContain('Changed my mind');
    const overview = await as.worker.get(base);
    expect(bodyText(overview.body)).toContain('Go on to a full assessment');
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
