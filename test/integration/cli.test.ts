import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../src/platform/db';
import { createServices } from '../../src/services';
import { loadConfig } from '../../src/config';
import { verifyPassword } from '../../src/platform/auth/passwords';
import { DATABASES } from '../helpers/app';
import { hearth, scratchDatabase } from './cli-scratch';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { holdTransaction, waitForLockWaiters } from '../helpers/concurrency';
import { teamsRepository } from '../../src/features/admin/teamsRepository';

const PASSWORD = 'a long enough first password';

describe('hearth help', () => {
  it('explains every command in plain English', async () => {
    const res = await hearth({}, ['help']);
    expect(res.code).toBe(0);
    for (const text of [
      'migrate',
      'seed --demo',
      'seed --scale N',
      'user add --email E --name N --role ROLE',
      'user disable',
      'user reset-password',
      'user change EMAIL [--role ROLE] [--team TEAM | --no-team]',
      'team list',
      'team add NAME [--kind KIND]',
      'team rename OLD-NAME NEW-NAME',
      'team close NAME',
      'team reopen NAME',
      'audit verify [--expect-head HASH]',
      'DATABASE_URL',
      'DATA_DIR',
    ]) {
      expect(res.out).toContain(text);
    }
  });

  it('refuses unknown commands and options with exit code 2', async () => {
    expect((await hearth({}, ['frobnicate'])).err).toContain('There is no command called "frobnicate"');
    expect((await hearth({}, ['frobnicate'])).code).toBe(2);
    expect((await hearth({}, [])).code).toBe(2);
    const badOption = await hearth({}, ['seed', '--demo', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain('hearth help');
    expect((await hearth({}, ['seed', '--scale', 'lots'])).err).toContain('--scale needs a whole number');
    expect((await hearth({}, ['audit', 'fix'])).code).toBe(2);
  });

  it('runs as the installed binary, reading the password from standard input', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-bin-'));
    try {
      const env = { ...process.env, NODE_ENV: 'test', DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
      const help = spawnSync(process.execPath, ['bin/hearth.js', 'help'], { env, encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Use: hearth COMMAND');
      const add = spawnSync(
        process.execPath,
        [
          'bin/hearth.js',
          'user',
          'add',
          '--email',
          'first.admin@council.example',
          '--name',
          'First Admin',
          '--role',
          'admin',
          '--password-stdin',
        ],
        {
          env,
          input: `${PASSWORD}\n`,
          encoding: 'utf8',
        },
      );
      expect(add.stderr).toBe('');
      expect(add.stdout).toContain('Added First Admin <first.admin@council.example> as administrator.');
      expect(add.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const kind of DATABASES) {
  describe(`hearth commands [${kind}]`, () => {
    let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
    });
    afterAll(() => scratch.drop());

    /** Looks at the database between commands (and closes it again, so the next command can open it). */
    async function look<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = await scratch.open();
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    }
    const findUser = (email: string) =>
      look((d) => createServices(d, loadConfig({ NODE_ENV: 'test' })).users.repo.findByEmail(email));

    it('migrates, and says so when there is nothing to do', async () => {
      const first = await hearth(scratch.env, ['migrate']);
      expect(first.code).toBe(0);
      expect(first.out).toContain('001_platform');
      const again = await hearth(scratch.env, ['migrate']);
      expect(again.out).toContain('The database is up to date');
    });

    it('adds the first administrator, audited as the command line', async () => {
      const res = await hearth(
        scratch.env,
        [
          'user',
          'add',
          '--email',
          'Robin@Council.example',
          '--name',
          'Robin Clarke',
          '--role',
          'admin',
          '--password-stdin',
        ],
        `${PASSWORD}\n`,
      );
      expect(res).toMatchObject({ code: 0, err: '' });
      const user = await findUser('robin@council.example');
      expect(user).toMatchObject({ role: 'admin', active: true, isDemo: false, teamId: null });
      expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
      const audit = await look((d) =>
        rows<{ action: string; actor_label: string }>(
          d.db,
          sql`SELECT action, actor_label FROM audit_log WHERE subject_id = ${user!.id}`,
        ),
      );
      expect(audit[0]?.action).toBe('user-added');
      expect(audit[0]?.actor_label).toMatch(/^hearth user add \(command line, run by .+\)$/);
    });

    it('explains what is wrong with an account it cannot add', async () => {
      const add = (extra: string[], stdin = `${PASSWORD}\n`) =>
        hearth(
          scratch.env,
          ['user', 'add', '--email', 'sw@council.example', '--name', 'Sam Worker', ...extra],
          stdin,
        );
      expect((await add(['--role', 'wizard'])).err).toContain(
        '--role must be one of: social-worker, early-help, team-manager, partner, cp-chair, qa, admin',
      );
      expect((await add(['--role', 'social-worker'])).err).toContain('must belong to a team');
      expect((await add(['--role', 'partner'])).err).toContain('needs --agency');
      const noTeam = await add(['--role', 'social-worker', '--team', 'Nowhere']);
      expect(noTeam.code).toBe(1);
      expect(noTeam.err).toContain('There is no team called "Nowhere"');
      const short = await add(['--role', 'qa', '--password-stdin'], 'short\n');
      expect(short).toMatchObject({ code: 1, err: 'Enter a password of at least 12 characters' });
      expect((await add(['--role', 'qa', '--password-stdin'], '')).err).toContain(
        'No password arrived on standard input',
      );
      const duplicate = await hearth(scratch.env, [
        'user',
        'add',
        '--email',
        'robin@council.example',
        '--name',
        'Again',
        '--role',
        'qa',
      ]);
      expect(duplicate).toMatchObject({ code: 1, err: 'An account with this email address already exists' });
      expect(await findUser('sw@council.example')).toBeNull();
    });

    it('adds people to a team by its name, and partners with their agency', async () => {
      await look(async (d) => {
        await createServices(d, loadConfig({ NODE_ENV: 'test' })).users.repo.insertTeam({
          name: 'Children in Need South',
          kind: 'child-in-need',
        });
      });
      const worker = await hearth(
        scratch.env,
        [
          'user',
          'add',
          '--email',
          'sw@council.example',
          '--name',
          'Sam Worker',
          '--role',
          'social-worker',
          '--team',
          'children in need south',
          '--password-stdin',
        ],
        `${PASSWORD}\n`,
      );
      expect(worker.out).toContain('as social worker in Children in Need South');
      expect(await findUser('sw@council.example')).toMatchObject({ role: 'social-worker' });
      const partner = await hearth(scratch.env, [
        'user',
        'add',
        '--email',
        'pc@police.example',
        '--name',
        'PC Lee',
        '--role',
        'partner',
        '--agency',
        'Police',
      ]);
      expect(partner.code).toBe(0);
      expect(partner.out).toContain('can only sign in with their council account');
      expect(await findUser('pc@police.example')).toMatchObject({ agency: 'Police', passwordHash: null });
    });

    it('switches an account off and on, and sets a new password that also unlocks it', async () => {
      const off = await hearth(scratch.env, ['user', 'disable', '--email', 'sw@council.example']);
      expect(off.out).toContain('Switched off Sam Worker');
      expect(await findUser('sw@council.example')).toMatchObject({ active: false });
      expect((await hearth(scratch.env, ['user', 'disable', '--email', 'sw@council.example'])).out).toContain(
        'already switched off',
      );
      expect((await hearth(scratch.env, ['user', 'disable', '--email', 'nobody@council.example'])).code).toBe(
        1,
      );
      expect((await hearth(scratch.env, ['user', 'enable', '--email', 'sw@council.example'])).code).toBe(0);
      expect(await findUser('sw@council.example')).toMatchObject({ active: true });

      await look((d) =>
        d.db.execute(
          sql`UPDATE users SET failed_attempts = 5, locked_until = now() + interval '1 hour' WHERE email = 'sw@council.example'`,
        ),
      );
      expect(
        (await hearth(scratch.env, ['user', 'reset-password', '--email', 'sw@council.example'])).code,
      ).toBe(2);
      const reset = await hearth(
        scratch.env,
        ['user', 'reset-password', '--email', 'sw@council.example', '--password-stdin'],
        'another long password\n',
      );
      expect(reset.code).toBe(0);
      const user = await findUser('sw@council.example');
      expect(user).toMatchObject({ failedAttempts: 0, lockedUntil: null });
      expect(await verifyPassword(user!.passwordHash, 'another long password')).toBe(true);
    });

    it('adds a synthetic authority of N children, and will not add to one by accident', async () => {
      const res = await hearth(scratch.env, [
        'seed',
        '--scale',
        '12',
        '--seed',
        '7',
        '--today',
        '2026-03-31',
      ]);
      expect(res.err).not.toContain('Something went wrong');
      expect(res.code).toBe(0);
      expect(res.out).toContain('12 children');
      const children = await look((d) =>
        rows<{ n: number }>(d.db, sql`SELECT count(*)::int AS n FROM people WHERE kind = 'child'`),
      );
      expect(children[0]!.n).toBe(12);
      const again = await hearth(scratch.env, ['seed', '--scale', '12']);
      expect(again.code).toBe(1);
      expect(again.err).toContain('already has');
      expect((await hearth(scratch.env, ['seed', '--scale', '5', '--today', '2026-02-30'])).code).toBe(2);
      expect((await hearth(scratch.env, ['seed', '--demo', '--seed', '3'])).code).toBe(2);
    });

    it('refuses demo data in production, and adds it otherwise', async () => {
      const refused = await hearth({ ...scratch.env, NODE_ENV: 'production', SECRET_KEY: 'a'.repeat(64) }, ['seed', '--demo']);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('Refusing to add fictional data: NODE_ENV is production');
      expect((await hearth({ ...scratch.env, NODE_ENV: 'production', SECRET_KEY: 'a'.repeat(64) }, ['seed', '--scale', '10'])).code).toBe(
        1,
      );
      expect(
        await look((d) => createServices(d, loadConfig({ NODE_ENV: 'test' })).users.repo.countDemoAccounts()),
      ).toBe(0);
      const seeded = await hearth(scratch.env, ['seed', '--demo']);
      expect(seeded.code).toBe(0);
      expect(
        await look((d) => createServices(d, loadConfig({ NODE_ENV: 'test' })).users.repo.countDemoAccounts()),
      ).toBeGreaterThan(5);
    });

    it('checks the audit log', async () => {
      const res = await hearth(scratch.env, ['audit', 'verify']);
      expect(res.code).toBe(0);
      expect(res.out.split('\n')[0]).toMatch(/^The audit log is intact: \d+ rows$/);
      expect(res.out).toMatch(/^Head: row \d+, hash [0-9a-f]{64}$/m);
    });
  });
}

for (const kind of DATABASES) {
  describe(`hearth team and hearth user change [${kind}]`, () => {
    let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
      expect((await hearth(scratch.env, ['migrate'])).code).toBe(0);
    });
    afterAll(() => scratch.drop());

    async function look<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = await scratch.open();
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    }
    const run = (...args: string[]) => hearth(scratch.env, args);
    const auditRows = (subjectType: string) =>
      look((d) => rows<{ action: string; actor_label: string; details: Record<string, unknown> }>(d.db, sql`SELECT action, actor_label, details FROM audit_log WHERE subject_type = ${subjectType} ORDER BY seq`));
    const account = (email: string) => look((d) => createServices(d, loadConfig({ NODE_ENV: 'test' })).users.repo.findByEmail(email));
    const teamNamed = (name: string) => look((d) => createServices(d, loadConfig({ NODE_ENV: 'test' })).teams.repo.findByName(name));

    it('adds teams, refusing a name already used, an unknown kind and a name the Teams page would refuse', async () => {
      expect(await run('team', 'add', 'Children in Need South', '--kind', 'child-in-need')).toMatchObject({ code: 0, err: '' });
      expect((await run('team', 'add', 'Front Door')).out).toContain('Added the team Front Door (Other social work team)');
      const again = await run('team', 'add', 'children in need SOUTH');
      expect(again).toMatchObject({ code: 1, err: 'There is already a team called "children in need SOUTH" (open or closed): choose a different name' });
      const kindWrong = await run('team', 'add', 'Wizards', '--kind', 'magic');
      expect(kindWrong.code).toBe(2);
      expect(kindWrong.err).toContain('--kind must be one of: front-door, child-in-need');
      expect(await run('team', 'add', 'x'.repeat(121))).toMatchObject({ code: 2, err: 'Team name must be 120 characters or fewer' });
      expect((await run('team', 'add')).code).toBe(2);
      expect((await run('team', 'frobnicate')).code).toBe(2);
      const audit = await auditRows('team');
      expect(audit.map((a) => a.action)).toEqual(['team-added', 'team-added']);
      expect(audit[0]!.actor_label).toMatch(/^hearth team add \(command line, run by .+\)$/);
    });

    it('renames a team, audited, and refuses an unknown team or a name already used', async () => {
      const renamed = await run('team', 'rename', 'front door', 'Front Door and Assessment');
      expect(renamed).toMatchObject({ code: 0, out: 'Renamed Front Door to Front Door and Assessment. Its people, children and history are under the new name.' });
      expect(await teamNamed('Front Door and Assessment')).toMatchObject({ name: 'Front Door and Assessment', version: 2 });
      const audit = (await auditRows('team')).at(-1)!;
      expect(audit).toMatchObject({ action: 'team-renamed', details: { from: 'Front Door', to: 'Front Door and Assessment' } });
      expect(audit.actor_label).toMatch(/^hearth team rename \(command line/);
      const unknown = await run('team', 'rename', 'Nowhere', 'Somewhere');
      expect(unknown.code).toBe(1);
      expect(unknown.err).toBe('There is no team called "Nowhere". Teams: Children in Need South, Front Door and Assessment.');
      expect((await run('team', 'rename', 'Children in Need South', 'FRONT DOOR AND ASSESSMENT')).code).toBe(1);
      expect((await run('team', 'rename', 'Children in Need South')).code).toBe(2);
    });

    it('changes a role and a team, audited as the command line, and refuses unknown roles and teams plainly', async () => {
      const add = await hearth(scratch.env, ['user', 'add', '--email', 'sam@council.example', '--name', 'Sam Worker', '--role', 'social-worker', '--team', 'Front Door and Assessment']);
      expect(add.code).toBe(0);
      const promoted = await run('user', 'change', 'SAM@council.example', '--role', 'team-manager', '--team', 'children in need south');
      expect(promoted).toMatchObject({ code: 0, err: '' });
      expect(promoted.out).toBe('Changed Sam Worker <sam@council.example>: role social worker → team manager; team Front Door and Assessment → Children in Need South.');
      const sam = await account('sam@council.example');
      const south = await teamNamed('Children in Need South');
      expect(sam).toMatchObject({ role: 'team-manager', teamId: south!.id });
      const audit = (await auditRows('user')).filter((a) => a.action === 'user-changed');
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_label).toMatch(/^hearth user change \(command line, run by .+\)$/);
      expect(audit[0]!.details).toEqual({ changed: { role: { from: 'social-worker', to: 'team-manager' }, teamId: { from: (await teamNamed('Front Door and Assessment'))!.id, to: south!.id } } });

      expect((await run('user', 'change', 'sam@council.example', '--role', 'team-manager')).out).toContain('Nothing changed');
      const role = await run('user', 'change', 'sam@council.example', '--role', 'boss');
      expect(role).toMatchObject({ code: 2, err: '--role must be one of: social-worker, early-help, team-manager, partner, cp-chair, qa, admin' });
      const team = await run('user', 'change', 'sam@council.example', '--team', 'Atlantis');
      expect(team.code).toBe(1);
      expect(team.err).toBe('There is no team called "Atlantis". Open teams: Children in Need South, Front Door and Assessment.');
      expect((await run('user', 'change', 'nobody@council.example', '--role', 'qa'))).toMatchObject({ code: 1, err: 'There is no account with the email address nobody@council.example' });
      expect((await run('user', 'change', 'sam@council.example')).code).toBe(2);
      expect((await run('user', 'change', '--role', 'qa')).code).toBe(2);
      expect((await run('user', 'change', 'sam@council.example', '--no-team')).err).toContain('A team manager must belong to a team');
      expect((await run('user', 'change', 'sam@council.example', '--role', 'partner')).err).toContain('add --no-team');
      expect((await run('user', 'change', 'sam@council.example', '--role', 'partner', '--no-team')).err).toContain('needs --agency');
      const partner = await run('user', 'change', 'sam@council.example', '--role', 'partner', '--no-team', '--agency', 'Police');
      expect(partner.out).toContain('role team manager → partner agency professional; team Children in Need South → none; agency none → Police');
      expect(await account('sam@council.example')).toMatchObject({ role: 'partner', teamId: null, agency: 'Police' });
      expect((await run('user', 'change', 'sam@council.example', '--role', 'social-worker', '--team', 'Front Door and Assessment')).code).toBe(0);
      expect(await account('sam@council.example')).toMatchObject({ role: 'social-worker', agency: null });
    });

    it('will not close a team with active users or allocated children, saying how many; closed, it is offered to nobody', async () => {
      const frontDoor = (await teamNamed('Front Door and Assessment'))!;
      const childId = await look(async (d) => {
        const child = await createChild(d.db);
        await createEpisode(d.db, child.id);
        await createAllocation(d.db, child.id, frontDoor.id, null);
        return child.id;
      });
      const refused = await run('team', 'close', 'Front Door and Assessment');
      expect(refused.code).toBe(1);
      expect(refused.err).toBe(
        'Front Door and Assessment cannot be closed: it still has 1 active user and 1 allocated child. First move each user to another team (or switch off their account), and allocate each child to another team.',
      );
      expect((await run('user', 'change', 'sam@council.example', '--team', 'Children in Need South')).code).toBe(0);
      expect((await run('team', 'close', 'Front Door and Assessment')).err).toContain('it still has 1 allocated child.');
      await look((d) => d.db.execute(sql`UPDATE people SET current_team_id = NULL WHERE id = ${childId}`));
      const closed = await run('team', 'close', 'front door and assessment');
      expect(closed).toMatchObject({ code: 0, out: 'Closed Front Door and Assessment. It is no longer offered when adding users or allocating children; its history is kept.' });
      expect((await teamNamed('Front Door and Assessment'))!.closedAt).toBeInstanceOf(Date);
      expect((await auditRows('team')).at(-1)).toMatchObject({ action: 'team-closed', details: { name: 'Front Door and Assessment' } });
      expect((await run('team', 'close', 'Front Door and Assessment')).out).toContain('is already closed. Nothing changed.');
      expect((await run('team', 'close', 'Nowhere')).code).toBe(1);

      const list = await run('team', 'list');
      expect(list.out).toContain('Open teams:\n  Children in Need South (child-in-need): 1 active member, 0 allocated children');
      expect(list.out).toMatch(/Closed teams:\n {2}Front Door and Assessment \(social-work\), closed on \d{4}-\d{2}-\d{2}/);
      const moveIn = await run('user', 'change', 'sam@council.example', '--team', 'Front Door and Assessment');
      expect(moveIn).toMatchObject({ code: 1, err: 'Front Door and Assessment is closed: choose an open team. Open teams: Children in Need South.' });
      const addIn = await hearth(scratch.env, ['user', 'add', '--email', 'late@council.example', '--name', 'Late Joiner', '--role', 'social-worker', '--team', 'Front Door and Assessment']);
      expect(addIn).toMatchObject({ code: 1, err: 'That team is closed: choose an open team' });
      expect(await account('late@council.example')).toBeNull();

      const reopened = await run('team', 'reopen', 'FRONT DOOR AND ASSESSMENT');
      expect(reopened).toMatchObject({ code: 0, out: 'Reopened Front Door and Assessment. It is offered again when adding users and allocating children.' });
      expect((await teamNamed('Front Door and Assessment'))!.closedAt).toBeNull();
      expect((await auditRows('team')).at(-1)).toMatchObject({ action: 'team-reopened', details: { name: 'Front Door and Assessment' } });
      expect(reopened.err).toBe('');
      expect((await run('team', 'reopen', 'Front Door and Assessment')).out).toBe('Front Door and Assessment is open. Nothing changed.');
      expect((await run('user', 'change', 'sam@council.example', '--team', 'Front Door and Assessment')).code).toBe(0);
    });

    it('will not switch an account back on in a closed team', async () => {
      expect((await run('team', 'add', 'Closing Soon')).code).toBe(0);
      const add = await hearth(scratch.env, ['user', 'add', '--email', 'leaver@council.example', '--name', 'Lee Leaver', '--role', 'social-worker', '--team', 'Closing Soon']);
      expect(add.code).toBe(0);
      expect((await run('user', 'disable', '--email', 'leaver@council.example')).code).toBe(0);
      expect((await run('team', 'close', 'Closing Soon')).code).toBe(0);
      const enabled = await run('user', 'enable', '--email', 'leaver@council.example');
      expect(enabled).toMatchObject({
        code: 1,
        err: 'Lee Leaver <leaver@council.example> is in Closing Soon, which is closed, so their account stays switched off. Move them to an open team first, for example: hearth user change leaver@council.example --team "Team name"',
      });
      expect(await account('leaver@council.example')).toMatchObject({ active: false });
      expect((await auditRows('user')).map((a) => a.action)).not.toContain('user-enabled');
      // Moved to an open team, they can be switched on.
      expect((await run('user', 'change', 'leaver@council.example', '--team', 'Children in Need South')).code).toBe(0);
      expect(await run('user', 'enable', '--email', 'leaver@council.example')).toMatchObject({ code: 0, out: 'Lee Leaver <leaver@council.example> can sign in again.' });
      expect(await account('leaver@council.example')).toMatchObject({ active: true });
    });

    if (kind === 'postgres')
      it('refuses a name another administrator takes at the same moment as a name already used', async () => {
        const database = await scratch.open();
        try {
          // The other team is written but not yet committed, so the command's check finds nothing.
          const racing = async (name: string, args: string[]) => {
            const other = await holdTransaction(database.db, async (tx) => {
              await teamsRepository(tx).insert({ name, kind: 'early-help' });
            });
            const pending = run(...args);
            await waitForLockWaiters(database.db);
            await other.commit();
            return pending;
          };
          expect(await racing('Early Help West', ['team', 'add', 'early help west'])).toMatchObject({
            code: 1,
            err: 'There is already a team called "early help west" (open or closed): choose a different name',
          });
          expect(await racing('Early Help Central', ['team', 'rename', 'Children in Need South', 'EARLY HELP CENTRAL'])).toMatchObject({
            code: 1,
            err: 'There is already a team called "EARLY HELP CENTRAL" (open or closed): choose a different name',
          });
          expect(await teamNamed('Children in Need South')).toMatchObject({ name: 'Children in Need South' });
        } finally {
          await database.close();
        }
      });
  });
}
