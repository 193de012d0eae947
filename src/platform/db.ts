import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';

/** The one database handle type used by repositories; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Runs a multi-statement script (migrations only) in one transaction. */
  runScript(script: string): Promise<void>;
  close(): Promise<void>;
};

/** Counts the queries issued while handling one request (tests assert a fixed number per page). */
export const queryCounter = new AsyncLocalStorage<{ count: number }>();

const logger = {
  logQuery(): void {
    const store = queryCounter.getStore();
    if (store) store.count += 1;
  },
};

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir?: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20 });
    // Dates (not timestamps) stay as 'YYYY-MM-DD' strings: they are calendar dates without a time zone.
    const db = drizzlePg({ client: pool, logger }) as unknown as Db;
    const runScript = async (script: string): Promise<void> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    return { db, kind: 'postgres', runScript, close: () => pool.end() };
  }
  const dir = opts.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm, fuzzystrmatch, unaccent } });
  const db = drizzlePglite({ client, logger }) as unknown as Db;
  const runScript = async (script: string): Promise<void> => {
    await client.transaction(async (tx) => {
      await tx.exec(script);
    });
  };
  return { db, kind: 'pglite', runScript, close: () => client.close() };
}

/** Runs raw SQL (built with drizzle's sql`` template, so always parameterised) and returns its rows. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** pg returns count(*) and bigint as strings, PGlite as numbers: normalise. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return 0;
}
