/**
 * Nothing typed is lost on the assessment's other forms (issue 3): the family's and the child's
 * versions, sharing, closing a review prompt, safeguarding actions, finishing a task and a chronology
 * entry. What is autosaved, or sent after the session timed out, comes back in the form with a note
 * saying so, and stays kept until it is saved (which removes the draft) or removed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { actorFor } from './security.fixture';
import { livingFamily, openPrompts } from './assessments-living.fixture';

describeEachDb('drafts of the assessment’s other forms: nothing typed is lost', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const workerId = () => t.users.get(EMAILS.worker)!;
  const autosave = (agent: Agent, form: string, body: Record<string, string | string[]>) => agent.post(`/drafts?form=${encodeURIComponent(form)}`, body);
  /** Ends every session of the worker, as a timeout does. */
  const timeOut = () => t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${workerId()}`);
  async function signInAgain(agent: Agent, returnTo: string) {
    const res = await agent.post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD, returnTo });
    expect(res.headers.location).toBe(returnTo);
  }

  it('the family’s version: an autosaved text comes back in the box, on the version it was typed on; saving it removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const form = `${f.base}/family-version`;
    const typed = 'What we found\n\nEllie told us she feels safe with her nan. We typed this before lunch.';
    expect((await autosave(worker, form, { text: typed, language: 'Polish', version: '0' })).statusCode).toBe(200);
    const page = await worker.get(form);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('We typed this before lunch.');
    expect(page.body).toContain('value="Polish"');
    expect(bodyText(page.body)).toContain('We kept what you typed last time. It has not been saved yet.');
    expect(bodyText(page.body)).not.toContain('This is a starting draft made from the assessment');
    expect(await t.services.drafts.get(workerId(), form)).toMatchObject({ text: typed }); // shown, and still kept

    // Saved: the draft goes, and the page shows what is saved.
    expect((await worker.post(form, { text: typed, language: 'Polish', version: '0' })).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), form)).toBeNull();
    const after = await worker.get(form);
    expect(bodyText(after.body)).not.toContain('We kept what you typed last time');
    expect(bodyText(after.body)).toContain('Version 1, last saved');
  });

  it('the child’s version: a draft typed before someone else saved is sent on its own version, so both texts are shown, neither lost', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const manager = await t.signIn(EMAILS.manager);
    const form = `${f.base}/child-version`;
    await autosave(worker, form, { text: 'Ellie, we listened to you. This is my draft.', language: 'English', version: '0' });
    expect((await manager.post(form, { text: 'Ellie, this is the manager’s text.', language: 'English', version: '0' })).statusCode).toBe(303);
    const page = await worker.get(form);
    expect(page.body).toContain('This is my draft.');
    expect(page.body).toContain('name="version" value="0"');
    const sent = await worker.post(form, { text: 'Ellie, we listened to you. This is my draft.', language: 'English', version: '0' });
    expect(sent.statusCode).toBe(409);
    expect(bodyText(sent.body)).toContain('Someone else saved this version while you were writing');
    expect(sent.body).toContain('This is my draft.');
    expect(sent.body).toContain('this is the manager’s text.');
  });

  it('sharing: a record sent after the session timed out comes back after signing in, and recording it removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const form = `${f.base}/sharing`;
    await timeOut();
    const body = { audience: 'family', shared: 'no', notSharedReason: 'other', notSharedDetails: 'Mum asked us to wait until Dad has moved out. Typed at the end of the visit.' };
    const posted = await worker.post(form, body);
    expect(posted.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(form)}`);
    await signInAgain(worker, form);
    const page = await worker.get(form);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Typed at the end of the visit.');
    expect(bodyText(page.body)).toContain('We kept what you typed last time. It is not saved yet.');
    expect(page.body).toContain('novalidate data-autosave>');
    expect((await worker.post(form, body)).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), form)).toBeNull();
    expect(bodyText((await worker.get(form)).body)).not.toContain('We kept what you typed last time');
  });

  it('a review prompt: the reason typed for no change comes back, and closing the prompt removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const actor = await actorFor(t, EMAILS.worker);
    await t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-11', category: 'missing', summary: 'Ellie missing overnight, found by police.', significance: 'significant', personIds: [f.ellie.id] }),
    );
    const [prompt] = await openPrompts(t, f.assessment.id);
    const form = `${f.base}/prompts/${prompt!.id}/resolve`;
    await autosave(worker, form, { resolution: 'no-change', note: 'The assessment already covers her going missing. Typed half way.' });
    const page = await worker.get(form);
    expect(page.body).toContain('Typed half way.');
    expect(page.body).toMatch(/value="no-change"\s+checked/);
    expect(bodyText(page.body)).toContain('We kept what you typed last time.');
    expect((await worker.post(form, { resolution: 'no-change', note: 'The assessment already covers her going missing.' })).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), form)).toBeNull();
  });

  it('safeguarding actions: what was ticked and typed before the timeout comes back, and creating the tasks removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const form = `${f.base}/safeguarding`;
    await timeOut();
    const body = { actions: ['nrm-referral'], details: 'Ellie said a man she met online told her to carry a parcel. Typed in the car.' };
    expect((await worker.post(form, body)).headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(form)}`);
    await signInAgain(worker, form);
    const page = await worker.get(form);
    expect(page.body).toContain('Typed in the car.');
    expect(page.body).toMatch(/value="nrm-referral"\s+checked/);
    expect(bodyText(page.body)).toContain('We kept what you ticked and typed last time. No tasks have been created yet.');
    expect(await rows(t.database.db, sql`SELECT id FROM tasks WHERE person_id = ${f.ellie.id}`)).toHaveLength(0);
    expect((await worker.post(form, body)).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), form)).toBeNull();
  });

  it('a task: "What was done?" sent after the timeout brings the worker back to the task, not the home page, with the text; marking it done removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.post(`${f.base}/safeguarding`, { actions: ['tell-police'], details: 'Ellie said Dad hit her.' })).statusCode).toBe(303);
    const [task] = await rows<{ id: string; version: number }>(t.database.db, sql`SELECT id, version FROM tasks WHERE person_id = ${f.ellie.id}`);
    const taskPage = `/people/${f.ellie.id}/tasks/${task!.id}`;
    await timeOut();
    const body = { outcome: 'Rang 101, reference 4471. PC Shah will visit school tomorrow.', version: String(task!.version) };
    expect((await worker.post(`${taskPage}/complete`, body)).headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(taskPage)}`);
    await signInAgain(worker, taskPage);
    const page = await worker.get(taskPage);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rang 101, reference 4471.');
    expect(bodyText(page.body)).toContain('We kept what you typed last time. Nothing is saved yet.');
    // "Remove what I typed" names both of the task's forms.
    expect(page.body).toContain(`<input type="hidden" name="form" value="${taskPage}/complete"><input type="hidden" name="form" value="${taskPage}/cancel">`);
    // Typing into "Why is it no longer needed?" is kept under its own form.
    await autosave(worker, `${taskPage}/cancel`, { reason: 'Police already knew. Typed but not sent.', version: String(task!.version) });
    const again = await worker.get(taskPage);
    expect(again.body).toContain('Police already knew. Typed but not sent.');
    expect((await worker.post(`${taskPage}/complete`, body)).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), `${taskPage}/complete`)).toBeNull();
    const [done] = await rows<{ status: string; outcome: string }>(t.database.db, sql`SELECT status, outcome FROM tasks WHERE id = ${task!.id}`);
    expect(done).toEqual({ status: 'done', outcome: 'Rang 101, reference 4471. PC Shah will visit school tomorrow.' });
  });

  it('a chronology entry: the form autosaves, an autosaved entry comes back, and adding it removes the draft', async () => {
    const f = await livingFamily(t);
    const worker = await t.signIn(EMAILS.worker);
    const form = `/people/${f.ellie.id}/chronology/new`;
    expect((await worker.get(form)).body).toContain('data-autosave');
    const body = {
      'occurred-day': '3',
      'occurred-month': '3',
      'occurred-year': '2025',
      precision: 'day',
      category: 'health',
      summary: 'Ellie went to A&E with a cut to her hand; the hospital told us. Typed before the phone rang.',
      sourceKind: 'agency',
      sourceAgency: 'City Hospital',
      sourceName: 'Nurse Patel, safeguarding team',
      significance: 'significant',
      impact: 'Ellie was frightened and did not want to go home.',
    };
    await autosave(worker, form, body);
    const page = await worker.get(form);
    expect(page.body).toContain('Typed before the phone rang.');
    expect(bodyText(page.body)).toContain('We kept what you typed last time.');
    expect((await worker.post(form, body)).statusCode).toBe(303);
    expect(await t.services.drafts.get(workerId(), form)).toBeNull();
    expect((await worker.get(form)).body).not.toContain('Typed before the phone rang.');
  });
});
