import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, type TestApp } from '../helpers/app';
import { createAllocation, createChild } from '../helpers/factories';

describeEachDb('drafts: nothing typed is lost', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('autosaves what is typed into a form, for that person only', async () => {
    const agent = await t.signIn(EMAILS.worker);
    const res = await agent.post('/drafts?form=%2Fpeople%2Fnew', { firstName: 'Amira', concern: 'Long text being typed' });
    expect(res.statusCode).toBe(200);
    const userId = t.users.get(EMAILS.worker)!;
    expect(await t.services.drafts.get(userId, '/people/new')).toEqual({ firstName: 'Amira', concern: 'Long text being typed' });
    expect(await t.services.drafts.get(t.users.get(EMAILS.worker2)!, '/people/new')).toBeNull();
  });

  it('refuses an autosave without a CSRF token or without signing in', async () => {
    const agent = await t.signIn(EMAILS.worker2);
    expect((await agent.post('/drafts?form=%2Fx', { a: 'b' }, { csrf: false })).statusCode).toBe(403);
    const anon = t.anonymous();
    expect((await anon.post('/drafts?form=%2Fx', { a: 'b' })).statusCode).toBe(401);
  });

  it('keeps a form posted after the session timed out, and asks the person to sign in again', async () => {
    const agent = await t.signIn(EMAILS.manager);
    const userId = t.users.get(EMAILS.manager)!;
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    const res = await agent.post('/account/two-factor', { concern: 'Typed for forty minutes', receivedOn: 'x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Faccount%2Ftwo-factor');
    expect(await t.services.drafts.get(userId, '/account/two-factor')).toEqual({ concern: 'Typed for forty minutes', receivedOn: 'x' });
  });

  it('keeps an autosave that arrives after the timeout under its form, and says so instead of claiming it saved', async () => {
    const agent = await t.signIn(EMAILS.worker2);
    const userId = t.users.get(EMAILS.worker2)!;
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    const res = await agent.post('/drafts?form=%2Fcontacts', { concern: 'Typed just before the timeout' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ saved: true, signedOut: true });
    expect(await t.services.drafts.get(userId, '/contacts')).toEqual({ concern: 'Typed just before the timeout' });
  });

  it('brings someone whose session timed out back to the form they were filling in, with what they typed', async () => {
    const agent = await t.signIn(EMAILS.worker);
    const userId = t.users.get(EMAILS.worker)!;
    await t.services.drafts.discard(userId, '/people');
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    // The add-a-person form lives at /people/new and posts to /people.
    const posted = await agent.post('/people', { kind: 'child', firstName: 'Tomasz', lastName: 'Draftkeeper' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/sign-in?returnTo=%2Fpeople%2Fnew');
    const signedIn = await agent.post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD, returnTo: '/people/new' });
    expect(signedIn.headers.location).toBe('/people/new');
    const form = await agent.get('/people/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Tomasz"');
    expect(form.body).toContain('value="Draftkeeper"');
    // Kept until the form is sent: showing it loses nothing, even without JavaScript.
    expect(await t.services.drafts.get(userId, '/people')).toMatchObject({ firstName: 'Tomasz' });
    expect((await agent.get('/people/new')).body).toContain('value="Tomasz"');
  });

  it('says on any form that shows a kept draft that it was kept, and removes it when asked, going back to the form', async () => {
    const agent = await t.signIn(EMAILS.worker2);
    const userId = t.users.get(EMAILS.worker2)!;
    expect((await agent.post('/drafts?form=%2Fpeople', { kind: 'child', firstName: 'Keptina' })).statusCode).toBe(200);
    const form = await agent.get('/people/new');
    expect(bodyText(form.body)).toContain('We kept what you typed last time.');
    expect(form.body).toContain('<input type="hidden" name="form" value="/people">');
    expect(form.body).toContain('<input type="hidden" name="returnTo" value="/people/new">');
    const removed = await agent.post('/drafts/discard', { form: '/people', returnTo: '/people/new' });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/people/new');
    expect(await t.services.drafts.get(userId, '/people')).toBeNull();
    const after = await agent.get('/people/new');
    expect(after.body).not.toContain('Keptina');
    expect(bodyText(after.body)).not.toContain('We kept what you typed last time.');
    // Only the poster's own drafts, and never away from Hearth.
    await t.services.drafts.save(t.users.get(EMAILS.worker)!, '/people', { firstName: 'Not yours' });
    expect((await agent.post('/drafts/discard', { form: '/people', returnTo: '//evil.example' })).headers.location).toBe('/');
    expect(await t.services.drafts.get(t.users.get(EMAILS.worker)!, '/people')).toMatchObject({ firstName: 'Not yours' });
  });

  it('a form that does not word it itself gets the note from the page layout (a case note)', async () => {
    const agent = await t.signIn(EMAILS.worker);
    const child = await createChild(t.database.db, { firstName: 'Noted' });
    await createAllocation(t.database.db, child.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    const form = `/people/${child.id}/notes/new`;
    expect((await agent.post(`/drafts?form=${encodeURIComponent(form)}`, { summary: 'Rang Mum about the school meeting. Typed before lunch.' })).statusCode).toBe(200);
    const page = await agent.get(form);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Typed before lunch.');
    expect(bodyText(page.body)).toContain('We kept what you typed last time. It is not saved yet: check it, then save it.');
    expect(page.body).toContain(`<input type="hidden" name="form" value="${form}">`);
  });

  it('sends someone whose session timed out on a button with no page of its own to the home page, not to a missing page', async () => {
    const agent = await t.signIn(EMAILS.manager2);
    const userId = t.users.get(EMAILS.manager2)!;
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    const res = await agent.post('/people/00000000-0000-4000-8000-000000000000/notes/new/discard', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2F');
  });
});
