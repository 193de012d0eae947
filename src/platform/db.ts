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
  /** Runs one statement with its parameters, bypassing the app (the benchmark's bare-SQL baseline). */
  queryRaw(text: string, params: unknown[]): Promise<unknown>;
  close(): Promise<void>;
};

/**
 * Counts the queries issued while handling one request (tests assert a fixed number per page), and
 * can keep them (the benchmark replays a page's own queries as bare SQL to measure the app's overhead).
 */
export type QueryStore = {
  count: number;
  /** Of those, the session's own upkeep (a touch at most once a minute, a message taken): they come and go with time, not with the page. */
  upkeep: number;
  captured?: { sql: string; params: unknown[] }[];
};
export const queryCounter = new AsyncLocalStorage<QueryStore>();

/** Runs the session's own upkeep, counted apart so that a page's query count does not depend on the clock. */
export async function asUpkeep<T>(run: () => Promise<T>): Promise<T> {
  const store = queryCounter.getStore();
  const before = store?.count ?? 0;
  try {
    return await run();
  } finally {
    if (store) store.upkeep += store.count - before;
  }
}

const logger = {
  logQuery(query: string, params: unknown[]): void {
    const store = queryCounter.getStore();
    if (!store) return;
    store.count += 1;
    store.captured?.push({ sql: query, params });
  },
};

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir?: string }): Promise<Database> {
  if (opts.databaseUrl) {
    // Hearth's queries are short, and PostgreSQL's JIT compiler, which starts on any query its
    // planner costs high (a search for a common surname), spent 50 ms compiling to save 5: it is
    // turned off for Hearth's own connections (a connection setting, sent when each one opens).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20, options: '-c jit=off' });
    // An idle connection dropped by the server (a restart, a failover) must not crash the app:
    // the pool replaces it, and the next query reports any real problem.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
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
    const queryRaw = (text: string, params: unknown[]) => pool.query(text, params);
    return { db, kind: 'postgres', runScript, queryRaw, close: () => pool.end() };
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
  const queryRaw = (text: string, params: unknown[]) => client.query(text, params);
  return { db, kind: 'pglite', runScript, queryRaw, close: () => client.close() };
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
