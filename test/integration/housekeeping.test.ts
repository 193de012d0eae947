import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { housekeeping } from '../../src/platform/housekeeping';

describeEachDb('housekeeping: ended sessions and forgotten drafts do not pile up', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('removes sessions that ended over a day ago and drafts untouched for 30 days, and keeps everything still in use', async () => {
    const db = t.database.db;
    const live = await t.signIn(EMAILS.worker);
    const idle = await t.signIn(EMAILS.worker2);
    const over = await t.signIn(EMAILS.manager);
    const justTimedOut = await t.signIn(EMAILS.manager2);
    const justUser = t.users.get(EMAILS.manager2)!;
    await db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${justUser}`);
    const idleUser = t.users.get(EMAILS.worker2)!;
    const overUser = t.users.get(EMAILS.manager)!;
    await db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '25 hours' WHERE user_id = ${idleUser}`);
    await db.execute(sql`UPDATE sessions SET expires_at = now() - interval '25 hours' WHERE user_id = ${overUser}`);
    const worker = t.users.get(EMAILS.worker)!;
    await t.services.drafts.save(worker, '/people/new', { firstName: 'Recent' });
    await t.services.drafts.save(worker, '/contacts', { concern: 'Forgotten' });
    await db.execute(sql`UPDATE drafts SET updated_at = now() - interval '31 days' WHERE user_id = ${worker} AND form_key = '/contacts'`);

    const removed = await housekeeping(db, { idleMinutes: 30 });
    expect(removed.sessions).toBeGreaterThanOrEqual(2);
    expect(removed.drafts).toBe(1);
    const left = async (userId: string) => toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM sessions WHERE user_id = ${userId}`))[0]?.n);
    expect(await left(idleUser)).toBe(0);
    expect(await left(overUser)).toBe(0);
    expect((await live.get('/')).statusCode).toBe(200);
    expect((await idle.get('/')).statusCode).toBe(303);
    expect((await over.get('/')).statusCode).toBe(303);
    // Timed out two hours ago: unusable, but kept for a day so a form posted on it is still kept as a draft.
    expect(await left(justUser)).toBe(1);
    expect((await justTimedOut.post('/contacts', { concern: 'Typed over lunch' })).headers.location).toBe('/sign-in?returnTo=%2Fcontacts%2Fnew');
    expect(await t.services.drafts.get(justUser, '/contacts')).toEqual({ concern: 'Typed over lunch' });
    expect(await t.services.drafts.get(worker, '/people/new')).toEqual({ firstName: 'Recent' });
    expect(await t.services.drafts.get(worker, '/contacts')).toBeNull();
  });
});
