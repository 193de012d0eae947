import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db';
import { runCli } from '../../cli/commands';
import type { Io } from '../../cli/commands/context';

/** Runs a `hearth` command in this process, capturing what it prints. */
export async function hearth(
  env: NodeJS.ProcessEnv,
  args: string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    env,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readLine: async () => stdin.split(/\r?\n/)[0] ?? '',
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export type Scratch = { env: NodeJS.ProcessEnv; open(): Promise<Database>; drop(): Promise<void> };

/** A throwaway place for the command's data: a PGlite folder, or a fresh PostgreSQL database. */
export async function scratchDatabase(kind: 'pglite' | 'postgres'): Promise<Scratch> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-cli-'));
    const env = { NODE_ENV: 'test', DATA_DIR: path.join(dir, 'data') };
    return {
      env,
      open: () => openDatabase({ dataDir: env.DATA_DIR }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `hearth_cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const env = { NODE_ENV: 'test', DATABASE_URL: url.toString() };
  return {
    env,
    open: () => openDatabase({ databaseUrl: env.DATABASE_URL }),
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
