import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const extensions = { pg_trgm, fuzzystrmatch, unaccent };

/** Copies the whole embedded database into one compressed file. Hearth must be stopped first. */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  if (!existsSync(dataDir)) throw new Error(`There is no embedded database in ${dataDir}`);
  const client = await PGlite.create(dataDir, { extensions });
  try {
    await client.query('CHECKPOINT');
    const dump = await client.dumpDataDir('gzip');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    writeFileSync(file, bytes);
    return bytes.length;
  } finally {
    await client.close();
  }
}

/** Makes a new embedded database from a backup file. Refuses to write over a folder that has data. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: restore into a new folder, then point DATA_DIR at it`);
  }
  const blob = new Blob([readFileSync(file)]);
  const client = await PGlite.create(dataDir, { extensions, loadDataDir: blob });
  try {
    await client.query('SELECT 1 FROM schema_migrations LIMIT 1');
  } finally {
    await client.close();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`Could not run ${command}: ${error.message}. Install the PostgreSQL client tools.`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.trim().slice(0, 500)}`))));
  });
}

/** A PostgreSQL backup is PostgreSQL's own: pg_dump's custom format, restorable with pg_restore. */
export function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  return run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', databaseUrl]);
}

/** Restores into an empty PostgreSQL database (create it first). */
export function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  return run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', databaseUrl, file]);
}
