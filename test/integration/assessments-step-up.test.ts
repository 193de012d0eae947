/**
 * Stepping up from an early help assessment still in progress (A1): the statutory assessment starts
 * with it carried in, and the early help one is closed as stepped up (audited), instead of the start
 * being refused because it is open. And one open assessment per child (migration 016): a second one
 * is refused by the database too, including two starts at the same moment, with the same friendly page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, freshDatabase, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { rows, toNumber, type Database } from '../../src/platform/db';
import { loadConfig } from '../../src/config';
import { createServices } from '../../src/services';
import { seedDemo } from '../../cli/seed/demo';
import { openAssessmentClash } from '../../src/features/assessments/startService';
import { assessmentsOf, count, makeFamily } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;
const OPEN_TWICE = sql`SELECT count(*) AS n FROM (SELECT child_id FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation') GROUP BY child_id HAVING count(*) > 1) x`;

describeEachDb('stepping up from early help, and one open assessment per child (A1)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  /** A referred child whose early help assessment is still in progress. */
  async function inEarlyHelp() {
    const f = await makeFamily(t, { births: ['2014-03-03'] });
    const child = f.children[0]!;
    const earlyHelp = await createAssessment(t.database.db, child.id, { variant: 'early-help', content: { plan: { aims: 'Help Jade settle at her new school', completed: true }, analysis: { goingWell: 'Jade has a good friend' } } });
    return { f, child, earlyHelp, referral: f.referrals.get(child.id)! };
  }

  describe('stepping up', () => {
    it('offers the statutory assessment, carrying in the early help one in progress', async () => {
      const { child, earlyHelp } = await inEarlyHelp();
      const page = await as.worker.get(`/people/${child.id}/assessments/new`);
      expect(page.statusCode).toBe(200);
      const text = bodyText(page.body);
      expect(text).not.toContain('already has an assessment in progress');
      expect(text).toContain('has an early help assessment in progress');
      expect(page.body).toContain(`value="${earlyHelp.id}"`);
    });

    it('refuses to leave the early help assessment open beside the new one, or to start a second early help one', async () => {
      const { child, referral } = await inEarlyHelp();
      const notCarried = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral, earlyHelp: 'none' });
      expect(notCarried.statusCode).toBe(400);
      expect(notCarried.body).toContain('href="#earlyHelp"');
      expect(bodyText(notCarried.body)).toContain('Carry in the early help assessment in progress');
      const another = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'early-help', referral: 'none', earlyHelp: 'none' });
      expect(another.statusCode).toBe(400);
      expect(another.body).toContain('href="#variant"');
      expect(await assessmentsOf(t, child.id)).toHaveLength(1);
    });

    it('starts the new assessment with the content carried in and closes the early help one as stepped up, audited', async () => {
      const { child, earlyHelp, referral } = await inEarlyHelp();
      const res = await as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral, earlyHelp: earlyHelp.id });
      expect(res.statusCode).toBe(303);
      const [fresh, old] = await assessmentsOf(t, child.id);
      expect(fresh).toMatchObject({ variant: 'standard', status: 'in-progress', carried_from_id: earlyHelp.id, content: { plan: { aims: 'Help Jade settle at her new school', completed: false } } });
      const closed = await rows<{ status: string; closed_on: string; closed_by: string; closed_reason: string; closed_into_id: string; version: number }>(
        t.database.db,
        sql`SELECT status, closed_on::text AS closed_on, closed_by, closed_reason, closed_into_id, version FROM assessments WHERE id = ${old!.id}`,
      );
      expect(closed[0]).toMatchObject({ status: 'closed', closed_by: t.users.get(EMAILS.worker), closed_reason: 'stepped-up', closed_into_id: fresh!.id, version: earlyHelp.version + 1 });
      expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-stepped-up' AND subject_id = ${earlyHelp.id} AND child_id = ${child.id}`)).toBe(1);
      expect(await count(t, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_id = ${fresh!.id} AND summary LIKE '%stepping up from the early help assessment%'`)).toBe(1);
      // The early help assessment says where the work went; it takes no more decisions and leaves the lists.
      const overview = bodyText((await as.worker.get(`/people/${child.id}/assessments/${earlyHelp.id}`)).body);
      expect(overview).toContain('Closed: stepped up');
      expect(overview).toContain('Stepped up into');
      expect(overview).not.toContain('The reasons must be recorded');
      expect(bodyText((await as.worker.get('/assessments')).body)).not.toContain(`/assessments/${earlyHelp.id}`);
      const submitted = await as.worker.post(`/people/${child.id}/assessments/${earlyHelp.id}/submit`, { version: String(closed[0]!.version) });
      expect(submitted.statusCode).toBe(409);
      expect(bodyText(submitted.body)).toContain('it was stepped up into a new assessment');
      // Now the new one is open: another start is refused.
      expect(bodyText((await as.worker.get(`/people/${child.id}/assessments/new`)).body)).toContain('already has an assessment in progress');
    });
  });

  describe('one open assessment per child', () => {
    it('is kept by the database itself, and its refusal is read as "already open"', async () => {
      const { child } = await inEarlyHelp();
      const error = await createAssessment(t.database.db, child.id).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(openAssessmentClash(error)).not.toBeNull();
      expect(openAssessmentClash(new Error('something else'))).toBeNull();
      // Authorised and closed assessments are not open.
      await createAssessment(t.database.db, child.id, { status: 'authorised', authorisedOn: '2025-03-03', authorisedBy: t.users.get(EMAILS.manager)! });
      expect(await assessmentsOf(t, child.id)).toHaveLength(2);
    });

    it('refuses two starts at the same moment: one starts, the other gets the "already in progress" page', async () => {
      const f = await makeFamily(t, { births: ['2015-01-01'] });
      const child = f.children[0]!;
      const form = { variant: 'standard', referral: f.referrals.get(child.id)! };
      const both = await Promise.all([as.worker.post(`/people/${child.id}/assessments/new`, form), as.manager.post(`/people/${child.id}/assessments/new`, form)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 303]);
      expect(bodyText(both.find((r) => r.statusCode === 200)!.body)).toContain('already has an assessment in progress');
      expect(await assessmentsOf(t, child.id)).toHaveLength(1);
    });

    it.runIf(kind === 'postgres')('turns the unique index’s refusal into the same page when the check could not see the other start', async () => {
      const f = await makeFamily(t, { births: ['2015-02-02'] });
      const child = f.children[0]!;
      let inserted!: () => void;
      let release!: () => void;
      const ready = new Promise<void>((resolve) => (inserted = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Another start, not yet committed: the request's check cannot see it, so only the index stops it.
      const holder = t.database.db.transaction(async (tx) => {
        await createAssessment(tx, child.id);
        inserted();
        await gate;
      });
      await ready;
      const post = as.worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! });
      // Wait until the request is blocked on the index (it has passed the check), then let the other start commit.
      let blocked = false;
      for (let i = 0; i < 200 && !blocked; i += 1) {
        const waiting = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        blocked = toNumber(waiting[0]?.n) > 0;
        if (!blocked) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      release();
      await holder;
      const res = await post;
      expect(blocked, 'the start waited on the unique index').toBe(true);
      expect(res.statusCode).toBe(200);
      expect(bodyText(res.body)).toContain('already has an assessment in progress');
      expect(await assessmentsOf(t, child.id)).toHaveLength(1);
    });
  });

  it('never gives a child of the demo authority two open assessments', async () => {
    let demo: { database: Database; drop(): Promise<void> } | null = null;
    try {
      demo = await freshDatabase(kind);
      await seedDemo(createServices(demo.database, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, {})), { onlyIfEmpty: true });
      const db = demo.database.db;
      expect(toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM assessments WHERE status IN ('in-progress', 'awaiting-authorisation')`))[0]?.n)).toBeGreaterThan(0);
      expect(toNumber((await rows<{ n: unknown }>(db, OPEN_TWICE))[0]?.n)).toBe(0);
      expect(toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM pg_indexes WHERE indexname = 'assessments_one_open_per_child'`))[0]?.n)).toBe(1);
    } finally {
      await demo?.drop();
    }
  }, 180_000);
});
