import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bodyText,
  createTestApp,
  describeEachDb,
  freshDatabase,
  EMAILS,
  randomSuffix,
  signInAll,
  type TestApp,
} from '../helpers/app';
import { rows } from '../../src/platform/db';
import { teamNameClash } from '../../src/features/admin/teams';
import { teamsRepository } from '../../src/features/admin/teamsRepository';
import { up as teamNamesMigration } from '../../migrations/023_team_names_any_capitals';
import { holdTransaction, waitForLockWaiters } from '../helpers/concurrency';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { todayInLondon } from '../../src/domain/dates';

const [year, month, day] = todayInLondon().split('-');
const today = { 'fromDate-day': day!, 'fromDate-month': month!, 'fromDate-year': year! };
const ctx = { actor: null, actorLabel: 'admin teams test', requestId: null };

describeEachDb('administrators manage teams', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('lists the teams with how many people are in each', async () => {
    const res = await as.admin.get('/admin/teams');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Front Door and Assessment');
    expect(text).toContain('Front door (contacts, referrals and assessment)');
    expect(text).toContain('Early Help East');
  });

  it('adds a team, audited, which can then be chosen for a user', async () => {
    const name = `Children in Care ${randomSuffix()}`;
    const res = await as.admin.post('/admin/teams/new', { name, kind: 'children-in-care' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/teams?done=added');
    const team = await t.services.users.repo.findTeamByName(name);
    expect(team).toMatchObject({ name, kind: 'children-in-care' });
    const audit = await rows<{ action: string }>(
      t.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${team!.id}`,
    );
    expect(audit).toEqual([{ action: 'team-added' }]);
    expect((await as.admin.get('/admin/users/new')).body).toContain(`value="${team!.id}"`);
  });

  it('refuses a duplicate name, a missing name and an unknown kind with GOV.UK errors', async () => {
    const duplicate = await as.admin.post('/admin/teams/new', {
      name: 'front door and assessment',
      kind: 'front-door',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(bodyText(duplicate.body)).toContain('There is already a team with this name');
    expect(duplicate.body).toContain('value="front door and assessment"');
    const empty = await as.admin.post('/admin/teams/new', { name: ['a', 'b'], kind: '<b>x</b>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#name"');
    expect(empty.body).toContain('href="#kind"');
    expect(bodyText(empty.body)).toContain('Select what kind of team it is');
    const long = await as.admin.post('/admin/teams/new', { name: 'x'.repeat(121), kind: 'early-help' });
    expect(bodyText(long.body)).toContain('Team name must be 120 characters or fewer');
  });

  const addTeam = async (name: string) => (await t.services.teams.add(ctx, { name, kind: 'child-in-need' }))!;
  const auditOf = (teamId: string) =>
    rows<{ action: string; details: Record<string, unknown> }>(t.database.db, sql`SELECT action, details FROM audit_log WHERE subject_type = 'team' AND subject_id = ${teamId} ORDER BY seq`);
  const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

  it('renames a team, audited with the old and new name, and refuses a duplicate, an empty name and a stale form', async () => {
    const id = await addTeam(`Children in Need West ${randomSuffix()}`);
    const before = (await t.services.teams.repo.find(id))!;
    const form = await as.admin.get(`/admin/teams/${id}/rename`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${before.name}"`);
    const version = versionOn(form.body);
    expect(version).toBe('1');

    const duplicate = await as.admin.post(`/admin/teams/${id}/rename`, { name: 'FRONT DOOR AND ASSESSMENT', version });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('govuk-error-summary');
    expect(bodyText(duplicate.body)).toContain('There is already a team with this name');
    const empty = await as.admin.post(`/admin/teams/${id}/rename`, { name: '  ', version });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#name"');
    expect((await as.admin.post(`/admin/teams/${id}/rename`, { name: 'No version' })).statusCode).toBe(400);

    const newName = `Children in Need South West ${randomSuffix()}`;
    const saved = await as.admin.post(`/admin/teams/${id}/rename`, { name: ` ${newName} `, version });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/teams?done=renamed');
    expect(await t.services.teams.repo.find(id)).toMatchObject({ name: newName, version: 2 });
    expect(await auditOf(id)).toEqual([
      { action: 'team-added', details: { name: before.name, kind: 'child-in-need' } },
      { action: 'team-renamed', details: { from: before.name, to: newName } },
    ]);
    expect(bodyText((await as.admin.get('/admin/teams?done=renamed')).body)).toContain(newName);

    // A second administrator's form, read before the rename, does not overwrite it.
    const stale = await as.admin.post(`/admin/teams/${id}/rename`, { name: 'Stale Name', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(bodyText(stale.body)).toContain(`Someone else changed this team while you were looking at it. It is now called ${newName}`);
    expect((await t.services.teams.repo.find(id))!.name).toBe(newName);
  });

  it('keeps team names unique whatever their capitals in the database too, and numbers any teams that already clashed', async () => {
    const clash = await teamsRepository(t.database.db).insert({ name: 'FRONT DOOR and assessment', kind: 'front-door' }).catch((error: unknown) => error);
    expect(teamNameClash(clash)).toBe(true);

    // A database from before migration 023 may hold two teams whose names differ only in capitals.
    const { database, drop } = await freshDatabase(kind);
    try {
      await database.runScript(`DROP INDEX teams_name_lower_idx;
        INSERT INTO teams (name, kind, created_at) VALUES ('North', 'child-in-need', now() - interval '2 days'), ('north', 'child-in-need', now() - interval '1 day'), ('NORTH', 'early-help', now()), ('South', 'child-in-need', now() + interval '1 day')`);
      await database.runScript(teamNamesMigration);
      const names = await rows<{ name: string; version: number }>(database.db, sql`SELECT name, version FROM teams ORDER BY created_at`);
      expect(names).toEqual([{ name: 'North', version: 1 }, { name: 'north (2)', version: 2 }, { name: 'NORTH (3)', version: 2 }, { name: 'South', version: 1 }]);
      await expect(database.db.execute(sql`INSERT INTO teams (name) VALUES ('SOUTH')`)).rejects.toSatisfy(teamNameClash);
    } finally {
      await drop();
    }
  });

  if (kind === 'postgres') {
    // Two administrators at once: the other's team is written but not yet committed, so the check finds nothing.
    const racing = async (name: string, act: () => Promise<unknown>) => {
      const other = await holdTransaction(t.database.db, async (tx) => {
        await teamsRepository(tx).insert({ name, kind: 'child-in-need' });
      });
      const pending = act();
      await waitForLockWaiters(t.database.db);
      await other.commit();
      return pending;
    };

    it('refuses a name added at the same moment by someone else as a duplicate, not a server error', async () => {
      const name = `Race Team ${randomSuffix()}`;
      expect(await racing(name, () => t.services.teams.add(ctx, { name, kind: 'early-help' }))).toBeNull();
      const other = `Race Team ${randomSuffix()}`;
      const res = (await racing(other, () => as.admin.post('/admin/teams/new', { name: other.toLowerCase(), kind: 'early-help' }))) as Awaited<ReturnType<typeof as.admin.post>>;
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(bodyText(res.body)).toContain('There is already a team with this name');
      const same = await rows<{ name: string }>(t.database.db, sql`SELECT name FROM teams WHERE lower(name) = lower(${other})`);
      expect(same).toEqual([{ name: other }]);
    });

    it('refuses a rename to a name taken at the same moment as a duplicate, not a server error', async () => {
      const id = await addTeam(`Renamed In A Race ${randomSuffix()}`);
      const name = `Race Rename ${randomSuffix()}`;
      const res = (await racing(name, () => as.admin.post(`/admin/teams/${id}/rename`, { name: name.toUpperCase(), version: '1' }))) as Awaited<ReturnType<typeof as.admin.post>>;
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(bodyText(res.body)).toContain('There is already a team with this name');
      expect(await t.services.teams.repo.find(id)).toMatchObject({ version: 1 });
      expect((await auditOf(id)).map((a) => a.action)).toEqual(['team-added']);
    });
  }

  it('will not close a team with active users or allocated children, saying how many, with the error summary', async () => {
    const id = await addTeam(`Disabled Children ${randomSuffix()}`);
    const member = await t.services.users.add(ctx, { email: `member.${randomSuffix()}@council.example`, name: 'Team Member', role: 'social-worker', teamId: id });
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    await createAllocation(t.database.db, child.id, id, null);
    const page = await as.admin.get(`/admin/teams/${id}/close`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('cannot be closed: it still has 1 active user and 1 allocated child');
    const refused = await as.admin.post(`/admin/teams/${id}/close`, { version: versionOn(page.body) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#close"');
    expect(bodyText(refused.body)).toContain('it still has 1 active user and 1 allocated child. First move each user to another team (or switch off their account), and allocate each child to another team.');
    expect((await t.services.teams.repo.find(id))!.closedAt).toBeNull();

    await t.services.users.setActive(ctx, member.id, false);
    const childOnly = await as.admin.post(`/admin/teams/${id}/close`, { version: versionOn(page.body) });
    expect(bodyText(childOnly.body)).toContain('it still has 1 allocated child. First allocate each child to another team.');
    await t.database.db.execute(sql`UPDATE people SET current_team_id = NULL WHERE id = ${child.id}`);
    const closed = await as.admin.post(`/admin/teams/${id}/close`, { version: versionOn(page.body) });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe('/admin/teams?done=closed');
    expect((await t.services.teams.repo.find(id))!.closedAt).toBeInstanceOf(Date);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['team-added', 'team-closed']);
    expect((await as.admin.post(`/admin/teams/${id}/close`, { version: '1' })).headers.location).toBe('/admin/teams?done=closed');
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['team-added', 'team-closed']);
  });

  it('keeps a closed team in the list, apart, and offers it nowhere: not for a new user, a changed account or an allocation', async () => {
    const name = `Children in Care East ${randomSuffix()}`;
    const id = await addTeam(name);
    const page = await as.admin.get(`/admin/teams/${id}/close`);
    expect((await as.admin.post(`/admin/teams/${id}/close`, { version: versionOn(page.body) })).statusCode).toBe(303);
    const list = await as.admin.get('/admin/teams?done=closed');
    expect(bodyText(list.body)).toContain('The team is closed.');
    expect(list.body.indexOf(name)).toBeGreaterThan(list.body.indexOf('Closed teams'));
    expect(list.body).not.toContain(`/admin/teams/${id}/close`);

    expect((await as.admin.get('/admin/users/new')).body).not.toContain(`value="${id}"`);
    const joined = await as.admin.post('/admin/users/new', { email: `joiner.${randomSuffix()}@council.example`, name: 'Jo Joiner', role: 'social-worker', team: id, signIn: 'password', password: 'a long enough first password' });
    expect(joined.statusCode).toBe(400);
    expect(joined.body).toContain('href="#team"');
    await expect(t.services.users.add(ctx, { email: `direct.${randomSuffix()}@council.example`, name: 'Direct Add', role: 'qa', teamId: id })).rejects.toThrow('That team is closed');

    const qa = t.users.get(EMAILS.qa)!;
    const edit = await as.admin.get(`/admin/users/${qa}/edit`);
    expect(edit.body).not.toContain(`value="${id}"`);
    const moved = await as.admin.post(`/admin/users/${qa}/edit`, { name: 'Lee Quality', role: 'qa', team: id, active: 'yes', version: versionOn(edit.body) });
    expect(moved.statusCode).toBe(400);
    expect(bodyText(moved.body)).toContain('That team is closed: select an open team');

    const manager = await t.signIn(EMAILS.manager);
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    expect((await manager.get(`/people/${child.id}/allocate?team=${id}`)).body).not.toContain(`value="${id}"`);
    const allocated = await manager.post(`/people/${child.id}/allocate`, { team: id, worker: 'none', currentAllocation: '', ...today });
    expect(allocated.statusCode).toBe(400);
    expect(bodyText(allocated.body)).toContain(`${name} is closed: select an open team`);
  });

  it('reopens a closed team, offered again for users and allocations, audited once, and refuses a stale page', async () => {
    const name = `Disabled Children West ${randomSuffix()}`;
    const id = await addTeam(name);
    expect((await t.services.teams.close(ctx, id, null)).outcome).toBe('closed');
    const list = await as.admin.get('/admin/teams');
    expect(list.body).toContain(`href="/admin/teams/${id}/reopen"`);

    const page = await as.admin.get(`/admin/teams/${id}/reopen`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Reopen this team');
    const stale = await as.admin.post(`/admin/teams/${id}/reopen`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(bodyText(stale.body)).toContain('Someone else changed this team while you were looking at it');
    expect((await t.services.teams.repo.find(id))!.closedAt).toBeInstanceOf(Date);

    const reopened = await as.admin.post(`/admin/teams/${id}/reopen`, { version: versionOn(page.body) });
    expect(reopened.statusCode).toBe(303);
    expect(reopened.headers.location).toBe('/admin/teams?done=reopened');
    expect((await t.services.teams.repo.find(id))!.closedAt).toBeNull();
    expect(bodyText((await as.admin.get('/admin/teams?done=reopened')).body)).toContain('The team is open again.');
    expect((await as.admin.get('/admin/users/new')).body).toContain(`value="${id}"`);
    // Posted twice: nothing more happens.
    expect((await as.admin.post(`/admin/teams/${id}/reopen`, { version: versionOn(page.body) })).headers.location).toBe('/admin/teams?done=reopened');
    const audited = await auditOf(id);
    expect(audited.map((a) => a.action)).toEqual(['team-added', 'team-closed', 'team-reopened']);
    expect(bodyText((await as.admin.get(`/admin/teams/${id}/reopen`)).body)).toContain('This team is open.');
  });

  it('will not switch an account back on in a closed team, from the Users page or the service', async () => {
    const id = await addTeam(`Children in Need Closing ${randomSuffix()}`);
    const leaver = await t.services.users.add(ctx, { email: `leaver.${randomSuffix()}@council.example`, name: 'Lee Leaver', role: 'social-worker', teamId: id });
    await t.services.users.setActive(ctx, leaver.id, false);
    expect((await t.services.teams.close(ctx, id, null)).outcome).toBe('closed');

    const edit = await as.admin.get(`/admin/users/${leaver.id}/edit`);
    const switchedOn = await as.admin.post(`/admin/users/${leaver.id}/edit`, { name: 'Lee Leaver', role: 'social-worker', team: id, active: 'yes', version: versionOn(edit.body) });
    expect(switchedOn.statusCode).toBe(400);
    expect(switchedOn.body).toContain('govuk-error-summary');
    expect(bodyText(switchedOn.body)).toContain('That team is closed: select an open team');
    await expect(t.services.users.setActive(ctx, leaver.id, true)).rejects.toThrow(/Lee Leaver is in Children in Need Closing \w+, which is closed, so their account stays switched off/);
    expect(await t.services.users.repo.findById(leaver.id)).toMatchObject({ active: false });
    const audited = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE subject_id = ${leaver.id} ORDER BY seq`);
    expect(audited.map((a) => a.action).filter((a) => a !== 'user-viewed')).toEqual(['user-added', 'user-disabled']);
  });

  it('answers "not found" for a team that does not exist', async () => {
    for (const url of ['/admin/teams/00000000-0000-4000-8000-000000000001/rename', '/admin/teams/not-a-team/close'])
      expect((await as.admin.get(url)).statusCode).toBe(404);
    expect((await as.admin.post('/admin/teams/00000000-0000-4000-8000-000000000001/close', { version: '1' })).statusCode).toBe(404);
    expect((await as.admin.get('/admin/teams/not-a-team/reopen')).statusCode).toBe(404);
    expect((await as.admin.post('/admin/teams/00000000-0000-4000-8000-000000000001/reopen', { version: '1' })).statusCode).toBe(404);
  });

  it('refuses the team pages to everyone but administrators', async () => {
    for (const role of ['worker', 'early-help', 'manager', 'partner', 'cp-chair', 'qa'] as const) {
      expect((await as[role].get('/admin/teams')).statusCode).toBe(403);
      const frontDoor = t.teams.get('Front Door and Assessment')!;
      expect((await as[role].post(`/admin/teams/${frontDoor}/rename`, { name: 'Taken Over', version: '1' })).statusCode).toBe(403);
      expect((await as[role].post(`/admin/teams/${frontDoor}/close`, { version: '1' })).statusCode).toBe(403);
      expect((await as[role].post(`/admin/teams/${frontDoor}/reopen`, { version: '1' })).statusCode).toBe(403);
      expect(
        (await as[role].post('/admin/teams/new', { name: `Sneaky ${randomSuffix()}`, kind: 'early-help' }))
          .statusCode,
      ).toBe(403);
    }
    expect((await t.anonymous().get('/admin/teams/new')).statusCode).toBe(303);
  });
});
