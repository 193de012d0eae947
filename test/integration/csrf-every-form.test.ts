import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';

// CSRF (S5): every form Hearth takes, signed in or not, refuses a post without the form's token, before anything runs.
describeEachDb('every form refuses a post without its CSRF token', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.manager);
  });
  afterAll(() => t.close());

  it('answers 403 "This form has expired" for every POST route, and changes nothing', async () => {
    const posts = t.app.routeList.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(40);
    const auditBefore = toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log`))[0]?.n);
    const problems: string[] = [];
    for (const route of posts) {
      const url = route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000001');
      const res = await worker.post(url, { anything: 'x' }, { csrf: false });
      if (res.statusCode !== 403 || !res.body.includes('This form has expired')) problems.push(`${route.url}: ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
    const auditAfter = toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log`))[0]?.n);
    expect(auditAfter).toBe(auditBefore);
  });
});
