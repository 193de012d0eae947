import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBeforeStart, StartupRefused } from '../../src/platform/startupChecks';
import { migrate } from '../../src/platform/migrate';
import { useAuditKey } from '../../src/platform/audit';
import { createServices } from '../../src/services';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../cli/seed/demo';
import { DATABASES } from '../helpers/app';
import { scratchDatabase, type Scratch } from './cli-scratch';

const counting = (n: number) => ({ countDemoAccounts: async () => n });
/** The council's own key, the one its audit log is written with from the first migration. */
const PRODUCTION_KEY = randomBytes(32).toString('base64');

function envFor(scratch: Scratch, nodeEnv: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: nodeEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: scratch.env.DATA_DIR ?? '',
    DATABASE_URL: scratch.env.DATABASE_URL ?? '',
    SECRET_KEY: nodeEnv === 'production' ? PRODUCTION_KEY : '',
  };
}

/** Starts Hearth as `npm start` does, waits until it says it is running (or exits), then stops it. */
function startHearth(
  env: NodeJS.ProcessEnv,
): Promise<{ running: boolean; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Hearth is running')) child.kill('SIGTERM');
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ running: output.includes('Hearth is running'), code, output });
    });
  });
}

describe('the production start-up check', () => {
  it('refuses production when any demo account exists, and allows everything else', async () => {
    await expect(checkBeforeStart({ env: 'production' }, counting(1))).rejects.toThrow(StartupRefused);
    await expect(checkBeforeStart({ env: 'production' }, counting(9))).rejects.toThrow(
      'this database has 9 demo accounts',
    );
    await expect(checkBeforeStart({ env: 'production' }, counting(0))).resolves.toBeUndefined();
    await expect(checkBeforeStart({ env: 'development' }, counting(9))).resolves.toBeUndefined();
    await expect(checkBeforeStart({ env: 'test' }, counting(9))).resolves.toBeUndefined();
  });
});

for (const kind of DATABASES) {
  describe(`starting Hearth in production [${kind}]`, () => {
    let scratch: Scratch;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
      const database = await scratch.open();
      useAuditKey(Buffer.from(PRODUCTION_KEY, 'base64'));
      await migrate(database);
      await database.close();
    });
    afterAll(() => scratch.drop());

    it('starts on a database without demo accounts', async () => {
      const started = await startHearth(envFor(scratch, 'production'));
      expect(started.output).toContain('Hearth is running');
      expect(started.running).toBe(true);
    });

    it('refuses to start without its own SECRET_KEY, saying how to make one', async () => {
      const started = await startHearth({ ...envFor(scratch, 'production'), SECRET_KEY: '' });
      expect(started.running).toBe(false);
      expect(started.output).toContain('SECRET_KEY is needed');
      const weak = await startHearth({ ...envFor(scratch, 'production'), SECRET_KEY: 'password123' });
      expect(weak.running).toBe(false);
      expect(weak.output).toContain('SECRET_KEY must be 32 random bytes');
    });

    it('refuses to start once demo accounts exist, even switched off, and hearth seed --demo is refused too', async () => {
      const seed = spawnSync(process.execPath, ['bin/hearth.js', 'seed', '--demo'], {
        env: envFor(scratch, 'production'),
        encoding: 'utf8',
      });
      expect(seed.status).toBe(1);
      expect(seed.stderr).toContain('NODE_ENV is production');
      const database = await scratch.open();
      const services = createServices(database, loadConfig({ NODE_ENV: 'test', SECRET_KEY: PRODUCTION_KEY }));
      await seedDemo(services, { onlyIfEmpty: false, accountsOnly: true });
      for (const user of await services.users.repo.list())
        await services.users.setActive({ actor: null, requestId: null }, user.id, false);
      await database.close();
      const started = await startHearth(envFor(scratch, 'production'));
      expect(started.running).toBe(false);
      expect(started.code).toBe(1);
      expect(started.output).toMatch(/Refusing to start in production: this database has \d+ demo accounts/);
    });
  });
}
