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
      'audit verify',
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
