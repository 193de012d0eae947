import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Agent, bodyText, describeEachDb, freshDatabase } from '../helpers/app';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/app';
import { createServices, type Services } from '../../src/services';
import { rows, type Database } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { DEMO_PASSWORD, seedDemo } from '../../cli/seed/demo';
import { seedScale } from '../../cli/seed/scale';
import { seedScaleAssessments } from '../../cli/seed/assessments';
import { countOf } from './seedChecks';

/** Rules every seeded set of assessments keeps: what the app itself would have written. */
async function expectConsistentAssessments(db: Database['db']): Promise<void> {
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE (SELECT count(*) FROM assessment_checkpoints c WHERE c.assessment_id = a.id) <> 3`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments a WHERE a.revision <> (SELECT count(*) FROM assessment_revisions v WHERE v.assessment_id = a.id)`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE due_on <= referral_date OR started_on < referral_date OR started_on > current_date + 1`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND (authorised_on < referral_date OR review_due_on IS NULL)`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_checkpoints c JOIN assessments a ON a.id = c.assessment_id WHERE c.due_on > a.due_on OR (c.decision IS NOT NULL AND c.decided_by IS NULL)`)).toBe(0);
  // One open assessment per child at most.
  expect(await countOf(db, sql`SELECT count(*) AS n FROM (SELECT child_id FROM assessments WHERE status <> 'authorised' GROUP BY child_id HAVING count(*) > 1) x`)).toBe(0);
  expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE revision > 0 AND content->'plan'->>'aims' IS NULL`)).toBe(0);
}

describeEachDb('assessments in the demo and the scale dataset', (kind) => {
  let demo: { database: Database; drop(): Promise<void> };
  let services: Services;
  let app: FastifyInstance;
  beforeAll(async () => {
    demo = await freshDatabase(kind);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, {});
    services = createServices(demo.database, config);
    await seedDemo(services, { onlyIfEmpty: true });
    app = await buildApp(config, services);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await demo.drop();
  });

  const signIn = async (email: string) => {
    const agent = new Agent(app);
    expect((await agent.post('/sign-in', { email, password: DEMO_PASSWORD })).statusCode).toBe(303);
    return agent;
  };

  it('gives the demo about 25 assessments in every state, some for brothers and sisters together', async () => {
    const db = demo.database.db;
    const today = todayInLondon();
    const total = await countOf(db, sql`SELECT count(*) AS n FROM assessments`);
    expect(total).toBeGreaterThanOrEqual(18);
    expect(total).toBeLessThanOrEqual(45);
    const states = await rows<{ status: string; variant: string }>(db, sql`SELECT DISTINCT status, variant FROM assessments`);
    for (const status of ['in-progress', 'authorised']) expect(states.map((s) => s.status)).toContain(status);
    for (const variant of ['standard', 'early-help']) expect(states.map((s) => s.variant)).toContain(variant);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status <> 'authorised' AND due_on < ${today}`), 'late').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_review_prompts WHERE resolved_at IS NULL`), 'under review').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND review_due_on <= ${addDays(today, 30)}`), 'annual review due').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM (SELECT r.contact_id FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE a.status <> 'authorised' GROUP BY r.contact_id, a.referral_date HAVING count(*) > 1) x`), 'siblings').toBeGreaterThan(0);
    expect(await countOf(db, sql`SELECT count(*) AS n FROM assessment_checkpoints WHERE decision IS NOT NULL`)).toBeGreaterThan(0);
    await expectConsistentAssessments(db);
  });

  it('shows them on the workers’ and managers’ lists', async () => {
    const sam = bodyText((await (await signIn('sam.worker@demo.hearth.test')).get('/assessments')).body);
    expect(sam).toMatch(/\d+ open/);
    expect(sam).toContain('Child and family assessment');
    const morgan = bodyText((await (await signIn('morgan.manager@demo.hearth.test')).get('/assessments/team')).body);
    expect(morgan).toContain('Checkpoint decisions waiting for you');
    const alex = await signIn('alex.manager@demo.hearth.test');
    const team = bodyText((await alex.get('/assessments/team')).body);
    expect(team.slice(team.indexOf('Late'), team.indexOf('Due soon'))).toMatch(/working days? late/);
    expect(team.slice(team.indexOf('Annual reviews due'))).toMatch(/Due|Overdue/);
  });

  it('adds nothing when the demo is seeded again', async () => {
    const before = await countOf(demo.database.db, sql`SELECT count(*) AS n FROM assessments`);
    await seedDemo(services, { onlyIfEmpty: false });
    expect(await countOf(demo.database.db, sql`SELECT count(*) AS n FROM assessments`)).toBe(before);
  });

  it('gives the scale dataset one assessment per referral, mostly authorised, the recent ones open', async () => {
    const scale = await freshDatabase(kind);
    try {
      const today = '2026-03-16';
      await seedScale(scale.database, { children: 250, seed: 11, today });
      const db = scale.database.db;
      const referrals = await countOf(db, sql`SELECT count(*) AS n FROM referrals`);
      const total = await countOf(db, sql`SELECT count(*) AS n FROM assessments`);
      expect(total).toBeGreaterThan(referrals * 0.95);
      expect(total).toBeLessThanOrEqual(referrals);
      const authorised = await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised'`);
      expect(authorised / total).toBeGreaterThan(0.8);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status <> 'authorised'`)).toBeGreaterThan(0);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status <> 'authorised' AND referral_date < ${addDays(today, -200)}`)).toBe(0);
      expect(await countOf(db, sql`SELECT count(*) AS n FROM assessments WHERE status = 'authorised' AND authorised_on > due_on`)).toBeGreaterThan(0);
      await expectConsistentAssessments(db);
      // Running it again adds nothing: each referral has its assessment.
      expect(await seedScaleAssessments(db, { today, seed: 11 })).toBe(0);
    } finally {
      await scale.drop();
    }
  }, 180_000);
});
