import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, freshDatabase } from '../helpers/app';
import { rows, type Database } from '../../src/platform/db';
import { SeedRefused, seedScale, type ScaleSummary } from '../../cli/seed/scale';
import { countOf, expectConsistentSeed } from './seedChecks';

const TODAY = '2026-03-02';

describeEachDb('the synthetic authority for the benchmark', (kind) => {
  const opened: { database: Database; drop: () => Promise<void> }[] = [];
  let first: Database;
  let second: Database;
  let summary: ScaleSummary;

  beforeAll(async () => {
    opened.push(await freshDatabase(kind), await freshDatabase(kind));
    [first, second] = opened.map((o) => o.database) as [Database, Database];
    summary = await seedScale(first, { children: 200, seed: 7, today: TODAY });
    await seedScale(second, { children: 200, seed: 7, today: TODAY });
  });
  afterAll(async () => {
    for (const o of opened) await o.drop();
  });

  const names = (db: Database) =>
    rows<{ id: string; first_name: string; last_name: string; date_of_birth: string | null }>(db.db, sql`SELECT id, first_name, last_name, date_of_birth FROM people ORDER BY id`);
  const referralDates = (db: Database) => rows<{ id: string; person_id: string; referral_date: string }>(db.db, sql`SELECT id, person_id, referral_date FROM referrals ORDER BY id`);

  it('makes exactly the children asked for, with adults and ten years of history', async () => {
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`)).toBe(200);
    expect(summary.children).toBe(200);
    expect(summary.adults).toBeGreaterThan(150);
    expect(summary.referrals).toBeGreaterThan(400);
    const span = await rows<{ first: string; last: string }>(first.db, sql`SELECT min(referral_date)::text AS first, max(referral_date)::text AS last FROM referrals`);
    expect(span[0]!.first < '2017-06-01').toBe(true);
    expect(span[0]!.last > '2025-06-01').toBe(true);
    // Many children referred once, some many times, and some re-referred within a year.
    const perChild = await rows<{ n: unknown }>(first.db, sql`SELECT count(*) AS n FROM referrals GROUP BY person_id`);
    const counts = perChild.map((p) => Number(p.n));
    expect(counts.filter((n) => n === 1).length).toBeGreaterThan(10);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(8);
    const rereferred = await countOf(
      first.db,
      sql`SELECT count(*) AS n FROM referrals r WHERE EXISTS (SELECT 1 FROM episodes e WHERE e.person_id = r.person_id AND e.type = 'child-in-need' AND e.end_date < r.referral_date AND e.end_date >= r.referral_date - 365)`,
    );
    expect(rereferred).toBeGreaterThan(0);
  });

  it('gives the same names, dates and ids for the same seed in another database', async () => {
    const [a, b] = [await names(first), await names(second)];
    expect(a.length).toBeGreaterThan(350);
    expect(b).toEqual(a);
    expect(await referralDates(second)).toEqual(await referralDates(first));
  });

  it('gives the same assessments, every section of their content included, for the same seed', async () => {
    const assessments = (db: Database) =>
      rows<{ id: string; status: string; variant: string; content: Record<string, unknown>; first: Record<string, unknown> }>(
        db.db,
        sql`SELECT a.id, a.status, a.variant, a.content, v.content AS first FROM assessments a JOIN assessment_revisions v ON v.assessment_id = a.id AND v.revision = 1 ORDER BY a.id`,
      );
    const [a, b] = [await assessments(first), await assessments(second)];
    expect(a.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
    // Authorised ones carry the plan, the seven sections a worker completes (eight for a 16 or 17-year-old's
    // homelessness assessment, with its homelessness section) and the manager's checklist.
    const sections = (variant: string) => (variant === 'homelessness-16-17' ? 10 : 9);
    const whole = a.filter((x) => x.status === 'authorised' && Object.keys(x.content).length === sections(x.variant));
    expect(a.some((x) => x.status === 'authorised' && x.variant === 'homelessness-16-17')).toBe(true);
    expect(whole.length).toBe(a.filter((x) => x.status === 'authorised').length);
  });

  it('draws families of every shape: households over time, relationships both ways, several workers', async () => {
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM households`)).toBeGreaterThan(80);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM household_members WHERE to_date IS NOT NULL`)).toBeGreaterThan(0);
    const types = await rows<{ type: string }>(first.db, sql`SELECT DISTINCT type FROM relationships`);
    for (const t of ['mother', 'father', 'child', 'sibling', 'half-sibling', 'grandparent', 'grandchild', 'partner']) expect(types.map((x) => x.type)).toContain(t);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE last_name LIKE '%-%'`)).toBeGreaterThan(0);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE cardinality(former_names) > 0`)).toBeGreaterThan(0);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE known_as IS NOT NULL`)).toBeGreaterThan(0);
    expect(await countOf(first.db, sql`SELECT count(DISTINCT ethnicity) AS n FROM people`)).toBeGreaterThan(5);
    const episodes = await rows<{ type: string; open: unknown }>(first.db, sql`SELECT type, count(*) FILTER (WHERE end_date IS NULL) AS open FROM episodes GROUP BY type`);
    for (const t of ['child-in-need', 'child-protection', 'early-help']) expect(episodes.map((e) => e.type)).toContain(t);
    expect(episodes.some((e) => Number(e.open) > 0)).toBe(true);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM (SELECT person_id FROM allocations GROUP BY person_id HAVING count(DISTINCT worker_id) > 1) x`)).toBeGreaterThan(0);
    await expectConsistentSeed(first.db);
  });

  it('makes teams of workers and managers who cannot sign in until given a password', async () => {
    const staff = await rows<{ role: string; has_password: boolean; is_demo: boolean; email: string }>(
      first.db,
      sql`SELECT role, password_hash IS NOT NULL AS has_password, is_demo, email FROM users`,
    );
    expect(staff.every((u) => u.email.endsWith('@scale.hearth.test') && !u.has_password && !u.is_demo)).toBe(true);
    expect(staff.filter((u) => u.role === 'team-manager').length).toBeGreaterThanOrEqual(4);
    expect(staff.filter((u) => u.role === 'social-worker').length).toBeGreaterThan(4);
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM teams`)).toBeGreaterThanOrEqual(4);
  });

  it('refuses a database that already has people, unless told to add, and then adds different people', async () => {
    await expect(seedScale(first, { children: 10, seed: 7, today: TODAY })).rejects.toBeInstanceOf(SeedRefused);
    await expect(seedScale(first, { children: 0, seed: 7, today: TODAY, add: true })).rejects.toBeInstanceOf(SeedRefused);
    const before = await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`);
    await seedScale(first, { children: 20, seed: 7, today: TODAY, add: true });
    expect(await countOf(first.db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`)).toBe(before + 20);
    await expectConsistentSeed(first.db);
  });
});
