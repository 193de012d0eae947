/**
 * The decision is agreed by the worker and the manager, two people (A8, domain/decisionAgreement.ts):
 * only the worker who holds the assessment (or the child's allocated worker now) can tick "I agree";
 * anyone else ticking it is refused with the error summary and nothing is saved; a manager who
 * changes the decision clears the worker's agreement; and the manager who agreed as the worker
 * cannot authorise, told why on the checklist page and when they try, while another manager can.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import type { DecisionContent } from '../../src/domain/assessmentContent';
import { completeDecision, completeEverything, familyWithAssessment, openForm, revisionCount, saveSection, tickedChecklist, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

const summaryLinks = (html: string) => {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.replace(/&#39;/g, '’') }));
};
const CHECKBOX = 'name="workerAgrees"';
const TWO_PEOPLE = 'You agreed with this decision as the worker, so another team manager must authorise the assessment: the worker and the manager who agree it must be two people';

describeEachDb('the worker’s and the manager’s agreement on the decision (A8)', (kind) => {
  let t: TestApp;
  let as: Agents;
  let names: { worker: string; manager: string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    names = { worker: (await t.services.users.repo.findByEmail(EMAILS.worker))!.name, manager: (await t.services.users.repo.findByEmail(EMAILS.manager))!.name };
  });
  afterAll(() => t.close());

  const decisionOf = async (f: Family): Promise<DecisionContent> =>
    (await rows<{ d: DecisionContent }>(t.database.db, sql`SELECT content->'decision' AS d FROM assessments WHERE id = ${f.assessment.id}`))[0]!.d;
  const statusOf = async (f: Family) => (await rows<{ status: string; authorised_by: string | null }>(t.database.db, sql`SELECT status, authorised_by FROM assessments WHERE id = ${f.assessment.id}`))[0]!;
  const { workerAgrees: _ticked, ...decisionUnticked } = completeDecision;

  it('records the agreement only for the worker: a manager ticking it is refused with the error summary, and nothing is saved', async () => {
    const f = await familyWithAssessment(t);
    const page = await as.manager.get(`${f.base}/sections/decision`);
    expect(page.statusCode).toBe(200);
    // The manager has no box to tick: the page says whose agreement it is.
    expect(page.body).not.toContain(CHECKBOX);
    expect(bodyText(page.body)).toContain(`The worker’s agreement Not agreed yet. Only ${names.worker}, the worker for this assessment, can agree with the decision.`);
    const refused = await saveSection(as.manager, f, 'decision', completeDecision);
    expect(refused.statusCode).toBe(400);
    expect(summaryLinks(refused.body)).toEqual([{ href: '#workerAgrees', text: `Only ${names.worker}, the worker for this assessment, can agree with the decision` }]);
    expect(refused.body).toContain('id="workerAgrees"');
    expect(await revisionCount(t, f.assessment.id)).toBe(0);
    // What the manager typed is kept as their draft, not lost.
    expect((await t.services.drafts.get(t.users.get(EMAILS.manager)!, `${f.base}/sections/decision`))?.reasons).toBe(completeDecision.reasons);

    // The worker sees the box, and their agreement is recorded with the date.
    expect((await as.worker.get(`${f.base}/sections/decision`)).body).toContain(CHECKBOX);
    expect((await saveSection(as.worker, f, 'decision', completeDecision)).statusCode).toBe(303);
    expect((await decisionOf(f)).workerAgreed).toMatchObject({ userId: t.users.get(EMAILS.worker), name: names.worker });
  });

  it('keeps the worker’s agreement when the manager saves the decision unchanged, and clears it when the manager changes it', async () => {
    const f = await familyWithAssessment(t);
    expect((await saveSection(as.worker, f, 'decision', completeDecision)).statusCode).toBe(303);
    const agreed = (await decisionOf(f)).workerAgreed!;
    const shown = bodyText((await as.manager.get(`${f.base}/sections/decision`)).body);
    expect(shown).toMatch(new RegExp(`The worker’s agreement Agreed by ${names.worker} on \\d+ \\w+ \\d{4}\\. If you change the decision, ${names.worker} will need to agree with it again\\.`));

    // Saved unchanged by the manager (the page posts no box): the agreement stands.
    expect((await saveSection(as.manager, f, 'decision', decisionUnticked)).statusCode).toBe(303);
    expect((await decisionOf(f)).workerAgreed).toEqual(agreed);

    // Changed and still marked completed: refused, saying why; nothing changes.
    const revisions = await revisionCount(t, f.assessment.id);
    const changed = { ...decisionUnticked, reasons: 'Lily needs help at home, and her mother needs help with drinking' };
    const completed = await saveSection(as.manager, f, 'decision', changed);
    expect(completed.statusCode).toBe(400);
    expect(summaryLinks(completed.body)).toEqual([
      { href: '#completed', text: `You changed the decision, so ${names.worker} needs to agree with it again before this section is marked as completed. Untick ‘completed’ to save your changes` },
    ]);
    expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
    // Ticking the worker's agreement to the changed decision is refused too.
    const ticked = await saveSection(as.manager, f, 'decision', { ...changed, workerAgrees: 'yes', completed: '' });
    expect(ticked.statusCode).toBe(400);
    expect(summaryLinks(ticked.body)).toEqual([{ href: '#workerAgrees', text: `Only ${names.worker}, the worker for this assessment, can agree with the decision` }]);

    // Changed, not completed: saved, and the worker's agreement is cleared (they agreed to something else).
    expect((await saveSection(as.manager, f, 'decision', { ...changed, completed: '' })).statusCode).toBe(303);
    const cleared = await decisionOf(f);
    expect(cleared).toMatchObject({ reasons: changed.reasons, workerAgreed: null, completed: false });
    expect(bodyText((await as.manager.get(`${f.base}/sections/decision`)).body)).toContain(`Not agreed yet. Only ${names.worker}, the worker for this assessment, can agree with the decision.`);
    const workerPage = await as.worker.get(`${f.base}/sections/decision`);
    expect(workerPage.body).toMatch(/name="workerAgrees" type="checkbox" value="yes"(?! checked)/);
    expect(bodyText(workerPage.body)).not.toContain('Agreed by');

    // The worker agrees to the changed decision.
    expect((await saveSection(as.worker, f, 'decision', { ...changed, workerAgrees: 'yes' })).statusCode).toBe(303);
    expect((await decisionOf(f)).workerAgreed).toMatchObject({ userId: t.users.get(EMAILS.worker) });
  });

  it('lets the child’s allocated worker now agree, after the child moved to them', async () => {
    const f = await familyWithAssessment(t);
    const team = (await rows<{ team_id: string }>(t.database.db, sql`SELECT team_id FROM users WHERE id = ${t.users.get(EMAILS.worker2)!}`))[0]!.team_id;
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${team}, current_worker_id = ${t.users.get(EMAILS.worker2)!} WHERE id = ${f.child.id}`);
    expect((await as.worker2.get(`${f.base}/sections/decision`)).body).toContain(CHECKBOX);
    expect((await saveSection(as.worker2, f, 'decision', completeDecision)).statusCode).toBe(303);
    expect((await decisionOf(f)).workerAgreed).toMatchObject({ userId: t.users.get(EMAILS.worker2) });
  });

  it('refuses authorisation by the manager who agreed as the worker, saying why; another team manager authorises', async () => {
    const g = await familyWithAssessment(t);
    // The manager holds the assessment (they started it for a child with no allocated worker).
    await t.database.db.execute(sql`UPDATE assessments SET worker_id = ${t.users.get(EMAILS.manager)!} WHERE id = ${g.assessment.id}`);
    await t.database.db.execute(sql`UPDATE people SET current_worker_id = NULL WHERE id = ${g.child.id}`);
    // Now the social worker is not the worker for this assessment: they cannot agree.
    const notTheirs = await saveSection(as.worker, g, 'decision', completeDecision);
    expect(notTheirs.statusCode).toBe(400);
    expect(summaryLinks(notTheirs.body)).toEqual([{ href: '#workerAgrees', text: `Only ${names.manager}, the worker for this assessment, can agree with the decision` }]);

    await completeEverything(as.manager, g);
    expect((await decisionOf(g)).workerAgreed).toMatchObject({ userId: t.users.get(EMAILS.manager) });
    const submit = await openForm(as.manager, `${g.base}/submit`);
    expect((await as.manager.post(`${g.base}/submit`, { version: submit.version })).statusCode).toBe(303);

    // The checklist page says what stops this manager authorising, linking to the agreement.
    const page = await openForm(as.manager, `${g.base}/sections/checklist`);
    expect(bodyText(page.body)).toContain(`Still needed before you can authorise Decision and outcome ${TWO_PEOPLE}`);
    expect(page.body).toContain(`href="${g.base}/sections/decision#workerAgrees"`);
    const refused = await as.manager.post(`${g.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist });
    expect(refused.statusCode).toBe(400);
    expect(summaryLinks(refused.body)).toEqual([{ href: `${g.base}/sections/decision#workerAgrees`, text: `Decision and outcome: ${TWO_PEOPLE.charAt(0).toLowerCase()}${TWO_PEOPLE.slice(1)}` }]);
    expect(await statusOf(g)).toEqual({ status: 'awaiting-authorisation', authorised_by: null });
    const authorisedRows = await rows(t.database.db, sql`SELECT 1 FROM audit_log WHERE action = 'assessment-authorised' AND subject_id = ${g.assessment.id}`);
    expect(authorisedRows).toHaveLength(0);

    // Another team manager (the child moved to their team) authorises it.
    const otherTeam = (await rows<{ team_id: string }>(t.database.db, sql`SELECT team_id FROM users WHERE id = ${t.users.get(EMAILS.manager2)!}`))[0]!.team_id;
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${otherTeam} WHERE id = ${g.child.id}`);
    const other = await openForm(as.manager2, `${g.base}/sections/checklist`);
    expect(bodyText(other.body)).not.toContain(TWO_PEOPLE);
    expect((await as.manager2.post(`${g.base}/authorise`, { version: other.version, base: other.base, ...tickedChecklist })).statusCode).toBe(303);
    expect(await statusOf(g)).toEqual({ status: 'authorised', authorised_by: t.users.get(EMAILS.manager2) });
  });
});
