/**
 * Nothing typed is lost when an assessment can no longer be changed: a worker who saves a section or
 * the plan after the manager closed (or authorised) the assessment is told why, sees what is saved,
 * and sees what they typed beside it, in full, to copy; it is kept as their draft (also one autosaved
 * before) until they remove it, and the assessment is not changed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { assessmentsOf, count, makeFamily, workingDay } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

const CLOSED = 'This assessment was closed by the team manager at a checkpoint, so it cannot be changed';

describeEachDb('typed text kept when an assessment becomes read-only', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  /** An assessment the worker has open, then closed by the manager at the day 10 checkpoint. */
  async function closedWhileOpen() {
    const f = await makeFamily(t, { births: ['2015-05-05'], referralDate: workingDay(-11), surname: 'Readonly' });
    const child = f.children[0]!;
    expect((await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! })).statusCode).toBe(303);
    const a = (await assessmentsOf(t, child.id))[0]!;
    const base = `/people/${child.id}/assessments/${a.id}`;
    const section = await as.worker.get(`${base}/sections/identity`);
    const version = /name="version" value="(\d+)"/.exec(section.body)![1]!;
    const fingerprint = /name="base" value="([0-9a-f]*)"/.exec(section.body)?.[1] ?? '';
    const closed = await as.manager.post(`${base}/checkpoints/10`, { decision: 'close', closeOutcome: 'nfa', reasons: 'No further action: the worries were not borne out' });
    expect(closed.statusCode).toBe(303);
    return { child, a, base, version, fingerprint };
  }

  const draftOf = async (formKey: string) =>
    (await t.services.drafts.get(t.users.get(EMAILS.worker)!, formKey)) as Record<string, unknown> | null;

  it('keeps a section typed after the assessment closed, shows it beside what is saved, until the worker removes it', async () => {
    const { a, base, version, fingerprint } = await closedWhileOpen();
    const url = `${base}/sections/identity`;
    const revisions = await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`);
    const history = 'Moved three times since 2022.\nNow living with her nan, who walks her to school.';
    const res = await as.worker.post(url, { version, base: fingerprint, action: 'save', history, considered: 'Her moves shape the plan' });
    expect(res.statusCode).toBe(409);
    const text = bodyText(res.body);
    expect(text).toContain(CLOSED);
    expect(res.body).toContain('href="#read-only"');
    expect(text).toContain('What you typed was not saved, because the assessment can no longer be changed');
    expect(text).toContain('What you typed, not saved');
    // In full, as typed, to copy (not inside the disabled form).
    expect(res.body).toContain('Moved three times since 2022.\nNow living with her nan, who walks her to school.');
    expect(text).toContain('Her moves shape the plan');
    expect(res.body).toContain('<fieldset class="govuk-fieldset hearth-read-only" disabled>');
    // Nothing saved to the assessment; kept as the worker's draft.
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(revisions);
    expect((await draftOf(url))?.history).toBe(history);

    // Opening the page again shows it again: the draft is not thrown away.
    const again = await as.worker.get(url);
    expect(again.statusCode).toBe(200);
    expect(bodyText(again.body)).toContain(CLOSED);
    expect(again.body).toContain('Now living with her nan, who walks her to school.');
    expect(await draftOf(url)).not.toBeNull();

    // Once copied, the worker removes it; the assessment is still not changed.
    const removed = await as.worker.post(url, { action: 'discard' });
    expect(removed.statusCode).toBe(303);
    expect(await draftOf(url)).toBeNull();
    const after = await as.worker.get(url);
    expect(bodyText(after.body)).toContain('What you typed was removed');
    expect(after.body).not.toContain('Now living with her nan');
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(revisions);
  });

  it('shows a section’s draft autosaved before the assessment closed, and keeps it', async () => {
    const { base } = await closedWhileOpen();
    const url = `${base}/sections/identity`;
    await t.services.drafts.save(t.users.get(EMAILS.worker)!, url, { version: '1', history: 'Autosaved on the visit, before the manager closed it' });
    for (let i = 0; i < 2; i++) {
      const page = await as.worker.get(url);
      expect(page.statusCode).toBe(200);
      expect(bodyText(page.body)).toContain(CLOSED);
      expect(bodyText(page.body)).toContain('Autosaved on the visit, before the manager closed it');
    }
    expect(await draftOf(url)).not.toBeNull();
  });

  it('keeps the plan typed after the assessment closed, and an autosaved one, shown beside the plan as saved', async () => {
    const { a, base } = await closedWhileOpen();
    const url = `${base}/sections/plan`;
    const res = await as.worker.post(url, { version: '1', aims: 'Find out what evenings are like at home, in Jade’s words', 'seen-0-who': 'Jade', 'seen-0-grouping': 'alone', 'seen-0-where': 'School', 'seen-0-order': '1' });
    expect(res.statusCode).toBe(409);
    const text = bodyText(res.body);
    expect(text).toContain(CLOSED);
    expect(res.body).toContain('href="#read-only"');
    expect(text).toMatch(/What you typed, not saved.*Aims agreed with the family.*Find out what evenings are like at home, in Jade’s words/);
    expect(text).toMatch(/Who will be seen .*1\. Jade alone at School/);
    expect((await draftOf(url))?.aims).toBe('Find out what evenings are like at home, in Jade’s words');
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE assessment_id = ${a.id}`)).toBe(0);
    // Shown again on opening the plan, and kept.
    expect(bodyText((await as.worker.get(url)).body)).toContain('Find out what evenings are like at home, in Jade’s words');
    expect(await draftOf(url)).not.toBeNull();
    // Removed when the worker says so.
    expect((await as.worker.post(url, { action: 'discard' })).statusCode).toBe(303);
    expect(await draftOf(url)).toBeNull();
    expect(bodyText((await as.worker.get(url)).body)).not.toContain('Find out what evenings are like');

    // A plan autosaved before it closed is shown too.
    await t.services.drafts.save(t.users.get(EMAILS.worker)!, url, { version: '1', aims: 'Autosaved aims, typed before it closed' });
    const page = await as.worker.get(url);
    expect(bodyText(page.body)).toContain('Autosaved aims, typed before it closed');
    expect(await draftOf(url)).not.toBeNull();
  });
});
