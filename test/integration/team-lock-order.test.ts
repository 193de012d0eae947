/**
 * Lock order (docs/architecture.md): audit() holds the audit chain's head until the transaction
 * ends, so every other row lock (the child, the team) is taken before a transaction's first audit
 * row. A team rename or close takes the team's row and then audits; anything that put a child or a
 * user in the team and took the team's row only after auditing could deadlock with it on PostgreSQL
 * (40P01, a server error for one of the two people).
 *
 * On every database: the statements each change sends lock the team (and the child) before the
 * first audit statement. On PostgreSQL: the real operations, made to meet in the worst order, all
 * finish without an error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, DEMO_USERS, EMAILS, randomSuffix, type Agent, type TestApp } from '../helpers/app';
import { createChild, createEpisode } from '../helpers/factories';
import { holdTransaction, waitForLockWaiters } from '../helpers/concurrency';
import { queryCounter, rows, type QueryStore } from '../../src/platform/db';
import type { Actor } from '../../src/platform/access';
import { todayInLondon } from '../../src/domain/dates';

const ctx = { actor: null, actorLabel: 'lock order test', requestId: null };
const [year, month, day] = todayInLondon().split('-');
const startForm = (fields: Record<string, string>) => ({
  type: 'child-in-need',
  'startDate-day': day!,
  'startDate-month': month!,
  'startDate-year': year!,
  reason: 'Referred by the school after a disclosure',
  ...fields,
});
const allocateForm = (fields: Record<string, string>) => ({ 'fromDate-day': day!, 'fromDate-month': month!, 'fromDate-year': year!, ...fields });

/** The statements `run` sends, in order. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const store: QueryStore = { count: 0, upkeep: 0, captured: [] };
  await queryCounter.run(store, run);
  return store.captured!.map((q) => q.sql.replace(/\s+/g, ' '));
}

/** Where the first statement matching `pattern` is (-1 if none). */
const first = (statements: string[], pattern: RegExp) => statements.findIndex((s) => pattern.test(s));
const TEAM_LOCK = /FROM teams WHERE id = \$\d+ FOR SHARE/;
const PERSON_LOCK = /FROM people WHERE id = \$\d+ (AND merged_into IS NULL )?FOR UPDATE/;
const AUDIT = /audit_chain_head/;

describeEachDb('row locks are taken before the audit chain head', (kind) => {
  let t: TestApp;
  let manager: Agent;
  let admin: Agent;
  let actor: Actor;

  beforeAll(async () => {
    t = await createTestApp(kind);
    manager = await t.signIn(EMAILS.manager);
    admin = await t.signIn(EMAILS.admin);
    const morgan = DEMO_USERS.find((u) => u.email === EMAILS.manager)!;
    actor = { id: t.users.get(EMAILS.manager)!, name: morgan.name, email: morgan.email, role: 'team-manager', teamId: t.teams.get('Front Door and Assessment')! };
  });
  afterAll(() => t.close());

  const newTeam = async () => (await t.services.teams.add(ctx, { name: `Lock Order ${randomSuffix()}`, kind: 'child-in-need' }))!;
  const versionOf = async (teamId: string) => String((await t.services.teams.repo.find(teamId))!.version);

  it('opening an episode with an allocation locks the child and the team before its first audit row', async () => {
    const teamId = await newTeam();
    const child = await createChild(t.database.db);
    const statements = await statementsOf(async () => {
      const result = await t.services.caseload.openEpisode({ actor, requestId: null }, child.id, {
        type: 'child-in-need',
        startDate: todayInLondon(),
        reason: 'Referred by the school',
        allocation: { teamId, workerId: null, currentAllocationId: null },
      });
      expect(result.outcome).toBe('ok');
    });
    const audit = first(statements, AUDIT);
    expect(audit).toBeGreaterThan(-1);
    expect(first(statements, PERSON_LOCK)).toBeGreaterThan(-1);
    expect(first(statements, PERSON_LOCK)).toBeLessThan(audit);
    expect(first(statements, TEAM_LOCK)).toBeGreaterThan(-1);
    expect(first(statements, TEAM_LOCK)).toBeLessThan(audit);
  });

  it('allocating, adding a user, moving one and switching one on lock the team before their first audit row', async () => {
    const teamId = await newTeam();
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const changes: [string, () => Promise<unknown>][] = [
      ['allocate', () => t.services.caseload.allocate({ actor, requestId: null }, child.id, { teamId, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: null })],
      ['add a user', () => t.services.users.add(ctx, { email: `joiner.${randomSuffix()}@council.example`, name: 'Jo Joiner', role: 'social-worker', teamId })],
    ];
    const mover = await t.services.users.add(ctx, { email: `mover.${randomSuffix()}@council.example`, name: 'Mo Mover', role: 'social-worker', teamId: null });
    changes.push(['move a user', () => t.services.admin.editAccount(ctx, mover.id, 1, { name: 'Mo Mover', role: 'social-worker', teamId, agency: null, active: true })]);
    const leaver = await t.services.users.add(ctx, { email: `leaver.${randomSuffix()}@council.example`, name: 'Lee Leaver', role: 'social-worker', teamId });
    await t.services.users.setActive(ctx, leaver.id, false);
    changes.push(['switch a user on', () => t.services.users.setActive(ctx, leaver.id, true)]);
    for (const [what, change] of changes) {
      const statements = await statementsOf(change);
      const audit = first(statements, AUDIT);
      expect(audit, what).toBeGreaterThan(-1);
      expect(first(statements, TEAM_LOCK), what).toBeGreaterThan(-1);
      expect(first(statements, TEAM_LOCK), what).toBeLessThan(audit);
    }
  });

  if (kind !== 'postgres') return;

  /**
   * Holds the audit chain's head (as a slow audited request would), starts `change`, waits until it
   * is queued for a lock, starts `teamChange`, waits until both are queued, then lets them go.
   */
  async function meet<A, B>(change: () => Promise<A>, teamChange: () => Promise<B>): Promise<[A, B]> {
    const head = await holdTransaction(t.database.db, async (tx) => {
      await tx.execute(sql`SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
    });
    const changing = change();
    await waitForLockWaiters(t.database.db, 1);
    const teamChanging = teamChange();
    await waitForLockWaiters(t.database.db, 2);
    await head.commit();
    return Promise.all([changing, teamChanging]);
  }

  it('a team renamed while a child is allocated to it from the start of a new episode: both finish, neither is a server error', async () => {
    const teamId = await newTeam();
    const child = await createChild(t.database.db);
    const version = await versionOf(teamId);
    const [opened, renamed] = await meet(
      () => manager.post(`/people/${child.id}/episodes/new`, startForm({ team: teamId, worker: 'none', currentAllocation: '' })),
      () => admin.post(`/admin/teams/${teamId}/rename`, { name: `Renamed ${randomSuffix()}`, version }),
    );
    expect(opened.statusCode, bodyText(opened.body).slice(0, 300)).toBe(303);
    expect(renamed.statusCode, bodyText(renamed.body).slice(0, 300)).toBe(303);
    const person = await rows<{ current_team_id: string }>(t.database.db, sql`SELECT current_team_id FROM people WHERE id = ${child.id}`);
    expect(person).toEqual([{ current_team_id: teamId }]);
  });

  it('a team closed while a child is being allocated to it waits for the allocation, then refuses, saying why', async () => {
    const teamId = await newTeam();
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const version = await versionOf(teamId);
    const [allocated, closed] = await meet(
      () => manager.post(`/people/${child.id}/allocate`, allocateForm({ team: teamId, worker: 'none', currentAllocation: '' })),
      () => admin.post(`/admin/teams/${teamId}/close`, { version }),
    );
    expect(allocated.statusCode, bodyText(allocated.body).slice(0, 300)).toBe(303);
    expect(closed.statusCode).toBe(400);
    expect(bodyText(closed.body)).toContain('it still has 1 allocated child');
    expect((await t.services.teams.repo.find(teamId))!.closedAt).toBeNull();
  });

  it('a team closed while an account in it is switched back on waits for it, then refuses, saying why', async () => {
    const teamId = await newTeam();
    const leaver = await t.services.users.add(ctx, { email: `leaver.${randomSuffix()}@council.example`, name: 'Lee Leaver', role: 'social-worker', teamId });
    await t.services.users.setActive(ctx, leaver.id, false);
    const version = await versionOf(teamId);
    const [, closed] = await meet(
      () => t.services.users.setActive(ctx, leaver.id, true),
      () => admin.post(`/admin/teams/${teamId}/close`, { version }),
    );
    expect(closed.statusCode).toBe(400);
    expect(bodyText(closed.body)).toContain('it still has 1 active user');
    expect(await t.services.users.repo.findById(leaver.id)).toMatchObject({ active: true });
  });
});
