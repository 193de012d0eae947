import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, freshDatabase } from '../helpers/app';
import { loadConfig } from '../../src/config';
import { createServices, type Services } from '../../src/services';
import { rows, type Database } from '../../src/platform/db';
import { peopleScope, type Actor } from '../../src/platform/access';
import { verifyAuditChain } from '../../src/platform/audit';
import { todayInLondon } from '../../src/domain/dates';
import { DEMO_USERS, seedDemo } from '../../cli/seed/demo';
import { countOf, expectConsistentSeed } from './seedChecks';

describeEachDb('the demo authority', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let services: Services;
  let ids: Map<string, string>;

  const actor = async (email: string): Promise<Actor> => {
    const user = await services.users.repo.findByEmail(email);
    if (!user) throw new Error(`no ${email}`);
    return { id: user.id, name: user.name, email: user.email, role: user.role as Actor['role'], teamId: user.teamId };
  };
  const visibleTo = async (email: string, where = sql`true`): Promise<string[]> => {
    const found = await rows<{ id: string }>(database.db, sql`SELECT p.id FROM people p WHERE ${peopleScope(await actor(email), 'p')} AND ${where}`);
    return found.map((r) => r.id);
  };

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
    services = createServices(database, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, {}));
    expect(await seedDemo(services, { onlyIfEmpty: true })).toBe(true);
    ids = new Map((await services.users.repo.list()).map((u) => [u.email, u.id]));
  });
  afterAll(() => drop());

  it('makes about sixty families with children of every age, some known for years', async () => {
    const audit = await rows<{ details: { families: number; children: number } }>(database.db, sql`SELECT details FROM audit_log WHERE action = 'demo-seeded'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details.families).toBe(60);
    const children = await countOf(database.db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`);
    expect(children).toBe(audit[0]!.details.children);
    expect(children).toBeGreaterThan(90);
    expect(children).toBeLessThan(250);
    const ages = await rows<{ age: number | null }>(
      database.db,
      sql`SELECT DISTINCT (date_part('year', age(${todayInLondon()}::date, date_of_birth)))::int AS age FROM people WHERE kind = 'child'`,
    );
    const known = ages.map((a) => a.age).filter((a): a is number => a !== null);
    for (const band of [[0, 1], [2, 4], [5, 10], [11, 15], [16, 17]] as const) expect(known.some((a) => a >= band[0] && a <= band[1]), `a child aged ${band[0]}-${band[1]}`).toBe(true);
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM episodes WHERE end_date IS NOT NULL`)).toBeGreaterThan(50);
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM households`)).toBeGreaterThanOrEqual(60);
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM addresses WHERE to_date IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('gives Sam, Priya and Jo real caseloads of 8 to 15 children', async () => {
    for (const email of ['sam.worker@demo.hearth.test', 'priya.worker@demo.hearth.test', 'jo.earlyhelp@demo.hearth.test']) {
      const held = await countOf(database.db, sql`SELECT count(*) AS n FROM people WHERE current_worker_id = ${ids.get(email)!} AND kind = 'child'`);
      expect(held, email).toBeGreaterThanOrEqual(8);
      expect(held, email).toBeLessThanOrEqual(15);
    }
    const stages = await rows<{ type: string }>(
      database.db,
      sql`SELECT DISTINCT e.type FROM allocations a JOIN episodes e ON e.id = a.episode_id WHERE a.to_date IS NULL AND a.worker_id = ${ids.get('priya.worker@demo.hearth.test')!}`,
    );
    expect(stages.map((s) => s.type)).toContain('child-in-need');
    const onPlan = await countOf(database.db, sql`SELECT count(*) AS n FROM episodes WHERE end_date IS NULL AND type IN ('child-protection', 'looked-after')`);
    expect(onPlan).toBeGreaterThan(0);
    // Some children had several workers, including people who have since left.
    const changed = await countOf(database.db, sql`SELECT count(*) AS n FROM (SELECT person_id FROM allocations WHERE worker_id IS NOT NULL GROUP BY person_id HAVING count(DISTINCT worker_id) > 1) x`);
    expect(changed).toBeGreaterThan(0);
    const leavers = await countOf(database.db, sql`SELECT count(*) AS n FROM allocations a JOIN users u ON u.id = a.worker_id WHERE NOT u.active`);
    expect(leavers).toBeGreaterThan(0);
  });

  it('leaves some children waiting for a worker and some contacts waiting for a decision', async () => {
    const frontDoor = (await services.users.repo.findTeamByName('Front Door and Assessment'))!.id;
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM people WHERE current_team_id = ${frontDoor} AND current_worker_id IS NULL`)).toBeGreaterThan(0);
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM contacts WHERE decision IS NULL`)).toBeGreaterThan(0);
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM contacts c WHERE decision IS NULL AND NOT EXISTS (SELECT 1 FROM contact_children cc WHERE cc.contact_id = c.id)`)).toBe(0);
  });

  it('restricts one record, a staff member’s child, to Morgan only', async () => {
    const restricted = await rows<{ id: string; kind: string }>(database.db, sql`SELECT id, kind FROM people WHERE restricted`);
    expect(restricted).toHaveLength(1);
    expect(restricted[0]!.kind).toBe('child');
    const id = restricted[0]!.id;
    const named = await rows<{ user_id: string }>(database.db, sql`SELECT user_id FROM restricted_access WHERE person_id = ${id}`);
    expect(named.map((n) => n.user_id)).toEqual([ids.get('morgan.manager@demo.hearth.test')]);
    expect(await visibleTo('morgan.manager@demo.hearth.test', sql`p.id = ${id}`)).toEqual([id]);
    for (const other of ['sam.worker@demo.hearth.test', 'alex.manager@demo.hearth.test', 'lee.qa@demo.hearth.test', 'chris.chair@demo.hearth.test']) {
      expect(await visibleTo(other, sql`p.id = ${id}`), other).toEqual([]);
    }
  });

  it('shares two children with DC Dee Harper until a year from today, and nobody else with her', async () => {
    const grants = await rows<{ person_id: string; expires_at: Date | string; revoked_at: Date | null }>(
      database.db,
      sql`SELECT person_id, expires_at, revoked_at FROM access_grants WHERE user_id = ${ids.get('dee.police@demo.hearth.test')!}`,
    );
    expect(grants).toHaveLength(2);
    for (const g of grants) {
      const days = (new Date(g.expires_at).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(360);
      expect(days).toBeLessThan(368);
      expect(g.revoked_at).toBeNull();
    }
    expect((await visibleTo('dee.police@demo.hearth.test')).sort()).toEqual(grants.map((g) => g.person_id).sort());
  });

  it('keeps every record consistent and the audit chain clean', async () => {
    await expectConsistentSeed(database.db);
    const chain = await verifyAuditChain(database.db);
    expect(chain.ok).toBe(true);
    const last = await rows<{ action: string }>(database.db, sql`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(last[0]!.action).toBe('demo-seeded');
    const demoAccounts = await countOf(database.db, sql`SELECT count(*) AS n FROM users WHERE is_demo`);
    expect(demoAccounts).toBe(DEMO_USERS.length + 3);
  });

  it('adds nothing when run again', async () => {
    const before = await countOf(database.db, sql`SELECT count(*) AS n FROM people`);
    expect(await seedDemo(services, { onlyIfEmpty: true })).toBe(false);
    await seedDemo(services, { onlyIfEmpty: false });
    expect(await countOf(database.db, sql`SELECT count(*) AS n FROM people`)).toBe(before);
  });
});
