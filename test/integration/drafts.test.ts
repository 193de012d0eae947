import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, type TestApp } from '../helpers/app';

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
    expect((await anon.post('/drafts?form=%2Fx', { a: 'b' })).statusCode).toBe(303);
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
});
