import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDb, EMAILS, type TestApp } from '../helpers/app';

// The "same number of queries whatever the family size" tests elsewhere rely on this count being real.
describeEachDb('the per-request query count', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('reports the queries a page really issued, the same each time', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.get('/caseload');
    expect(res.statusCode).toBe(200);
    // At least the session and the caseload itself.
    expect(worker.lastQueryCount).toBeGreaterThanOrEqual(2);
    const again = await worker.get('/caseload');
    expect(again.statusCode).toBe(200);
    expect(worker.lastQueryCount).toBe(Number(res.headers['x-hearth-queries']));
  });

  it('says nothing about queries in production', async () => {
    const production = await createTestApp(kind, { env: 'production' });
    try {
      const res = await production.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-hearth-queries']).toBeUndefined();
    } finally {
      await production.close();
    }
  });
});
