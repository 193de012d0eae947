/**
 * What authorisation refuses beyond the content sections (A2, A3): an assessment plan not agreed, a
 * decision not to use an interpreter without a team manager's approval, no reasons recorded past the
 * final date, and checkpoint decisions that have come due and are not recorded. Each is listed in the
 * GOV.UK error summary linking to the page that puts it right, and once put right the manager authorises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { agreedPlan, completeEverything, familyWithAssessment, openForm, recordLateReasons, savePlan, tickedChecklist, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

const summaryLinks = (html: string) => {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), text: m[2]! }));
};

describeEachDb('what authorisation needs beyond the sections (A2, A3)', (kind) => {
  let t: TestApp;
  let as: Agents;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${id}`))[0]!.status;
  const authorise = async (f: Family) => {
    const page = await openForm(as.manager, `${f.base}/sections/checklist`);
    return as.manager.post(`${f.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist });
  };

  describe('the assessment plan', () => {
    it('refuses authorisation and sending while the plan is not agreed, linking to the plan', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f, ['plan']);
      expect((await savePlan(as.worker, f, { ...agreedPlan, completed: 'no' })).statusCode).toBe(303);
      const res = await authorise(f);
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body)).toEqual([{ href: `${f.base}/sections/plan#completed`, text: 'Assessment plan: mark this section as completed' }]);
      const form = await openForm(as.worker, `${f.base}/submit`);
      expect(bodyText(form.body)).toContain('Before your manager can authorise it, these need doing');
      const sent = await as.worker.post(`${f.base}/submit`, { version: form.version });
      expect(sent.statusCode).toBe(400);
      expect(summaryLinks(sent.body).map((l) => l.href)).toEqual([`${f.base}/sections/plan#completed`]);
      expect(await status(f.assessment.id)).toBe('in-progress');
    });

    it('lists every answer a plan that was never written lacks', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f, ['plan']);
      const res = await authorise(f);
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body).map((l) => l.href)).toEqual(['aims', 'seen-0-who', 'interpreter', 'consent', 'completed'].map((field) => `${f.base}/sections/plan#${field}`));
      expect(bodyText(res.body)).toContain('Assessment plan: enter the aims agreed with the family');
    });

    it('refuses a decision not to use an interpreter until a team manager approves it, then authorises', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f, ['plan']);
      const notUsing = { ...agreedPlan, interpreter: 'not-using', interpreterNotUsedReasons: 'Her aunt interprets and the family prefers it', completed: 'no' };
      expect((await savePlan(as.worker, f, notUsing)).statusCode).toBe(303);
      const refused = await authorise(f);
      expect(refused.statusCode).toBe(400);
      expect(summaryLinks(refused.body)).toEqual([
        { href: `${f.base}/sections/plan/interpreter-approval#reasons`, text: 'Assessment plan: a team manager must approve the decision not to use an interpreter, with their reasons' },
        { href: `${f.base}/sections/plan#completed`, text: 'Assessment plan: mark this section as completed' },
      ]);
      // A plan stored as completed without the approval (carried in, or written before the rule) is refused all the same.
      await t.database.db.execute(sql`UPDATE assessments SET content = jsonb_set(content, '{plan,completed}', 'true') WHERE id = ${f.assessment.id}`);
      expect(summaryLinks((await authorise(f)).body).map((l) => l.href)).toEqual([`${f.base}/sections/plan/interpreter-approval#reasons`]);
      const approval = await openForm(as.manager, `${f.base}/sections/plan/interpreter-approval`);
      expect((await as.manager.post(`${f.base}/sections/plan/interpreter-approval`, { version: approval.version, reasons: 'Her aunt is a trained interpreter' })).statusCode).toBe(303);
      expect((await savePlan(as.worker, f, { ...notUsing, completed: 'yes' })).statusCode).toBe(303);
      expect((await authorise(f)).statusCode).toBe(303);
      expect(await status(f.assessment.id)).toBe('authorised');
    });
  });

  describe('timescales', () => {
    it('refuses authorisation past the final date until the reasons are recorded, linking to them', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f, ['late-reasons']);
      const res = await authorise(f);
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body)).toEqual([{ href: `${f.base}/late-reasons#reasons`, text: 'Timescale: record why the assessment went past its final date (10 March 2025)' }]);
      const sent = await as.worker.post(`${f.base}/submit`, { version: (await openForm(as.worker, `${f.base}/submit`)).version });
      expect(summaryLinks(sent.body).map((l) => l.href)).toEqual([`${f.base}/late-reasons#reasons`]);
      expect((await recordLateReasons(as.manager, f)).statusCode).toBe(303);
      expect((await authorise(f)).statusCode).toBe(303);
    });

    it('refuses authorisation while a checkpoint that has come due has no decision, listing each; the worker may still send it', async () => {
      const f = await familyWithAssessment(t);
      await t.database.db.execute(
        sql`INSERT INTO assessment_checkpoints (assessment_id, day, due_on) VALUES (${f.assessment.id}, 10, '2025-01-20'), (${f.assessment.id}, 30, '2025-02-17'), (${f.assessment.id}, 45, '2025-03-10')`,
      );
      await completeEverything(as.worker, f);
      const form = await openForm(as.worker, `${f.base}/submit`);
      expect(bodyText(form.body)).toContain('Every section is complete');
      expect((await as.worker.post(`${f.base}/submit`, { version: form.version })).statusCode).toBe(303);
      const checklist = await as.manager.get(`${f.base}/sections/checklist`);
      expect(bodyText(checklist.body)).toContain('Checkpoint decisions');
      expect(checklist.body).toContain(`href="${f.base}/checkpoints/10#decision"`);
      const res = await authorise(f);
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body)).toEqual([
        { href: `${f.base}/checkpoints/10#decision`, text: 'Checkpoint decisions: record the manager’s decision at the working day 10 checkpoint, due on 20 January 2025' },
        { href: `${f.base}/checkpoints/30#decision`, text: 'Checkpoint decisions: record the manager’s decision at the working day 30 checkpoint, due on 17 February 2025' },
        { href: `${f.base}/checkpoints/45#decision`, text: 'Checkpoint decisions: record the manager’s decision at the working day 45 checkpoint, due on 10 March 2025' },
      ]);
      expect(await status(f.assessment.id)).toBe('awaiting-authorisation');
      for (const day of [10, 30, 45]) {
        const decided = await as.manager.post(`${f.base}/checkpoints/${day}`, { decision: day === 10 ? 'full-assessment' : 'continue', reasons: 'The assessment needs the full 45 days' });
        expect(decided.statusCode, `day ${day}`).toBe(303);
      }
      expect((await authorise(f)).statusCode).toBe(303);
      expect(await status(f.assessment.id)).toBe('authorised');
    });

    it('needs no more decisions after a manager decided to close the assessment', async () => {
      const f = await familyWithAssessment(t);
      await t.database.db.execute(
        sql`INSERT INTO assessment_checkpoints (assessment_id, day, due_on, decision, reasons, decided_by) VALUES
              (${f.assessment.id}, 10, '2025-01-20', 'close', 'Needs met by school', ${t.users.get(EMAILS.manager)!}), (${f.assessment.id}, 30, '2025-02-17', NULL, NULL, NULL)`,
      );
      await completeEverything(as.worker, f);
      expect((await authorise(f)).statusCode).toBe(303);
    });
  });
});
