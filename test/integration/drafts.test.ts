import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, type TestApp } from '../helpers/app';

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
    // Shown once: the draft is taken as the form shows it again.
    expect(await t.services.drafts.get(userId, '/people')).toBeNull();
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
