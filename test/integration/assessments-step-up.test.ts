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

  describe('stepping up several children of a household at once', () => {
    const openIds = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

    /** Jade and Kai each in their own early help assessment (different content); Noor's early help assessment was authorised. */
    async function householdInEarlyHelp() {
      const f = await makeFamily(t, { births: ['2014-03-03', '2017-05-05', '2019-07-07'] });
      const [jade, kai, noor] = [f.children[0]!, f.children[1]!, f.children[2]!];
      const db = t.database.db;
      const jadeHelp = await createAssessment(db, jade.id, { variant: 'early-help', content: { plan: { aims: 'Help Jade settle at her new school', completed: true } } });
      const kaiHelp = await createAssessment(db, kai.id, { variant: 'early-help', content: { plan: { aims: 'Get Kai to nursery three mornings a week', completed: true }, analysis: { goingWell: 'Kai loves his grandad' } } });
      const noorHelp = await createAssessment(db, noor.id, {
        variant: 'early-help',
        status: 'authorised',
        authorisedOn: '2025-02-03',
        authorisedBy: t.users.get(EMAILS.manager)!,
        content: { analysis: { goingWell: 'Noor sleeps through the night now', completed: true } },
      });
      return { f, jade, kai, noor, jadeHelp, kaiHelp, noorHelp };
    }

    it('offers a brother or sister in early help, saying their early help assessment is stepped up too', async () => {
      const { jade, kai } = await householdInEarlyHelp();
      const page = await as.worker.get(`/people/${jade.id}/assessments/new`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(new RegExp(`value="${kai.id}"(?![^>]*disabled)`));
      expect(bodyText(page.body)).toContain('Has an early help assessment in progress');
    });

    it('carries each child’s own early help assessment in progress into their own new assessment and steps it up; a finished one nobody chose is not carried in', async () => {
      const { f, jade, kai, noor, jadeHelp, kaiHelp, noorHelp } = await householdInEarlyHelp();
      const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(jade.id)!, earlyHelp: jadeHelp.id, siblings: [kai.id, noor.id] });
      expect(res.statusCode).toBe(303);
      const [jadeNew] = await assessmentsOf(t, jade.id);
      const [kaiNew] = await assessmentsOf(t, kai.id);
      const [noorNew] = await assessmentsOf(t, noor.id);
      expect(jadeNew).toMatchObject({ variant: 'standard', status: 'in-progress', carried_from_id: jadeHelp.id, referral_id: f.referrals.get(jade.id), content: { plan: { aims: 'Help Jade settle at her new school', completed: false } } });
      expect(kaiNew).toMatchObject({ variant: 'standard', status: 'in-progress', carried_from_id: kaiHelp.id, referral_id: f.referrals.get(kai.id), content: { plan: { aims: 'Get Kai to nursery three mornings a week', completed: false }, analysis: { goingWell: 'Kai loves his grandad', completed: false } } });
      // Noor's early help assessment is finished: nobody chose to carry it in, so hers starts empty.
      expect(noorNew).toMatchObject({ variant: 'standard', status: 'in-progress', carried_from_id: null, content: {} });
      // Nobody's content went into another child's assessment.
      expect(JSON.stringify(kaiNew!.content)).not.toContain('Jade');
      expect(JSON.stringify(jadeNew!.content)).not.toContain('Kai');

      for (const [help, fresh, child] of [[jadeHelp, jadeNew!, jade], [kaiHelp, kaiNew!, kai]] as const) {
        const closed = await rows<{ status: string; closed_on: string; closed_by: string; closed_reason: string; closed_into_id: string; version: number }>(
          t.database.db,
          sql`SELECT status, closed_on::text AS closed_on, closed_by, closed_reason, closed_into_id, version FROM assessments WHERE id = ${help.id}`,
        );
        expect(closed[0]).toMatchObject({ status: 'closed', closed_by: t.users.get(EMAILS.worker), closed_reason: 'stepped-up', closed_into_id: fresh.id, version: help.version + 1 });
        expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-stepped-up' AND subject_id = ${help.id} AND child_id = ${child.id}`)).toBe(1);
        expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-started' AND subject_id = ${fresh.id} AND child_id = ${child.id} AND details->>'steppedUp' = ${help.id}`)).toBe(1);
        expect(await count(t, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${child.id} AND e.origin_id = ${fresh.id} AND e.summary LIKE '%stepping up from the early help assessment%'`)).toBe(1);
      }
      // Noor's was authorised: it stays as it was.
      const [noorOld] = await rows<{ status: string; closed_into_id: string | null; version: number }>(t.database.db, sql`SELECT status, closed_into_id, version FROM assessments WHERE id = ${noorHelp.id}`);
      expect(noorOld).toMatchObject({ status: 'authorised', closed_into_id: null, version: noorHelp.version });
      expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-stepped-up' AND child_id = ${noor.id}`)).toBe(0);
      expect(await count(t, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_id = ${noorNew!.id} AND summary LIKE '%early help assessment%'`)).toBe(0);
      // Each carried-in content is kept as revision 0 of its own assessment.
      expect(await count(t, sql`SELECT count(*) AS n FROM assessment_revisions WHERE revision = 0 AND section = 'carried-in' AND assessment_id IN (${openIds([jadeNew!.id, kaiNew!.id, noorNew!.id])})`)).toBe(2);
      expect(toNumber((await rows<{ n: unknown }>(t.database.db, OPEN_TWICE))[0]?.n)).toBe(0);
    });

    it('steps up a brother’s early help assessment in progress even when nothing is carried in for the child it starts from', async () => {
      const f = await makeFamily(t, { births: ['2014-03-03', '2017-05-05'] });
      const [jade, kai] = [f.children[0]!, f.children[1]!];
      const kaiHelp = await createAssessment(t.database.db, kai.id, { variant: 'early-help', content: { plan: { aims: 'Get Kai to nursery three mornings a week', completed: true } } });
      const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(jade.id)!, siblings: [kai.id] });
      expect(res.statusCode).toBe(303);
      const [jadeNew] = await assessmentsOf(t, jade.id);
      const [kaiNew, kaiOld] = await assessmentsOf(t, kai.id);
      expect(jadeNew).toMatchObject({ carried_from_id: null, content: {} });
      expect(kaiNew).toMatchObject({ status: 'in-progress', carried_from_id: kaiHelp.id, content: { plan: { aims: 'Get Kai to nursery three mornings a week', completed: false } } });
      expect(kaiOld).toMatchObject({ id: kaiHelp.id, status: 'closed' });
    });

    it('still refuses a brother or sister whose open assessment is not early help, with the error summary, starting nothing', async () => {
      const { f, jade, kai, noor, jadeHelp, kaiHelp } = await householdInEarlyHelp();
      await createAssessment(t.database.db, noor.id, { variant: 'standard' });
      const page = await as.worker.get(`/people/${jade.id}/assessments/new`);
      expect(page.body).toMatch(new RegExp(`value="${noor.id}"[^>]*disabled`));
      const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(jade.id)!, earlyHelp: jadeHelp.id, siblings: [kai.id, noor.id] });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('href="#siblings"');
      expect(bodyText(res.body)).toContain('Noor already has an assessment in progress');
      // Nothing started, nothing stepped up.
      expect(await count(t, sql`SELECT count(*) AS n FROM assessments WHERE child_id IN (${openIds([jade.id, kai.id, noor.id])}) AND variant = 'standard'`)).toBe(1);
      expect(await count(t, sql`SELECT count(*) AS n FROM assessments WHERE id IN (${openIds([jadeHelp.id, kaiHelp.id])}) AND status = 'in-progress'`)).toBe(2);
    });

    it('refuses a second early help assessment for a brother or sister already in one', async () => {
      const f = await makeFamily(t, { births: ['2014-03-03', '2017-05-05'] });
      const [jade, kai] = [f.children[0]!, f.children[1]!];
      await createAssessment(t.database.db, kai.id, { variant: 'early-help' });
      const res = await as.worker.post(`/people/${jade.id}/assessments/new`, { variant: 'early-help', referral: 'none', siblings: [kai.id] });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#siblings"');
      expect(bodyText(res.body)).toContain('Kai already has an early help assessment in progress');
      expect(await assessmentsOf(t, jade.id)).toHaveLength(0);
      expect(await assessmentsOf(t, kai.id)).toHaveLength(1);
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
