/**
 * `npm run bench`: loads (or reuses) a large synthetic council and measures the pages a worker uses
 * all day, with 50 signed-in users at once, beside the same queries run as bare SQL.
 *
 *   npm run bench                      PostgreSQL at 50,000 children (DATABASE_URL's server) and PGlite at 5,000
 *   npm run bench -- --only postgres   one of them
 *   npm run bench -- --seconds 20      time per page (default 15)
 *   npm run bench -- --think 2000      each user's mean pause between pages in ms (default 2000)
 *   npm run bench -- --pages search,team-work   only these pages, written to bench/results/pages-*.json (latest.json is kept)
 *
 * Each page is driven twice: by 50 signed-in users who each pause a moment between pages (on average
 * --think ms: far busier than social workers reading and typing, who open a page every half minute or
 * so), which is what the p50/p95/p99 figures report; and by 50 loops with no pause at all, which
 * measures what two cores can do flat out (the `saturation` figures: latency there is queueing, 50
 * divided by the throughput).
 *
 * It is not a test: nothing here passes or fails. Results go to bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { openDatabase, rows, toNumber, type Database, type DatabaseKind, type QueryStore } from '../../src/platform/db';
import { migrate } from '../../src/platform/migrate';
import { createServices } from '../../src/services';
import { buildApp } from '../../src/app';
import { seedScale } from '../../cli/seed/scale';
import { drive, driveSql, percentiles } from './load';
import { benchPages, type BenchUser } from './pages';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('only') as DatabaseKind | undefined;
const seconds = Number(flag('seconds') ?? 15);
const thinkMs = Number(flag('think') ?? 2000);
const onlyPages = flag('pages')?.split(',').map((p) => p.trim()).filter(Boolean);
const unknownPages = (onlyPages ?? []).filter((name) => !benchPages.some((p) => p.name === name));
if (unknownPages.length > 0) throw new Error(`No such bench page: ${unknownPages.join(', ')}. Pages: ${benchPages.map((p) => p.name).join(', ')}`);
const CONCURRENCY = 50;

function benchDatabaseUrl(children: number): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/hearth_bench_${children}`;
  return url.toString();
}

async function openBenchDatabase(kind: DatabaseKind, children: number): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ dataDir: path.resolve(`bench/data/pglite-${children}`) });
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'hearth_bench_${children}'`);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE hearth_bench_${children}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/hearth_bench_${children}`;
  return openDatabase({ databaseUrl: url.toString() });
}

async function ensureData(database: Database, children: number): Promise<void> {
  await migrate(database);
  const found = await rows<{ n: unknown }>(database.db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`);
  const have = toNumber(found[0]?.n);
  if (have >= children) {
    console.log(`Reusing ${have} children already loaded.`);
    return;
  }
  if (have > 0) throw new Error(`The bench database has ${have} children, fewer than ${children}: drop it and run again.`);
  const started = Date.now();
  await seedScale(database, { children, seed: 42, log: (m) => console.log(`  ${m}`) });
  console.log(`Loaded ${children} children in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** 50 workers with caseloads, each with a session and the children they may open. */
async function benchUsers(database: Database, issue: (userId: string) => Promise<string>): Promise<BenchUser[]> {
  const workers = await rows<{ id: string; team_id: string }>(
    database.db,
    sql`SELECT u.id, u.team_id FROM users u
        WHERE u.role = 'social-worker' AND u.active AND EXISTS (SELECT 1 FROM people p WHERE p.current_worker_id = u.id)
        ORDER BY u.id LIMIT ${CONCURRENCY}`,
  );
  if (workers.length === 0) throw new Error('No workers with caseloads in the bench data');
  const users: BenchUser[] = [];
  const managerCookies = new Map<string, string>();
  // Children of the long family histories (about 2,000 chronology entries for the family), found once.
  const longFamilies = await rows<{ id: string; team_id: string | null; worker_id: string | null }>(
    database.db,
    sql`SELECT p.id, p.current_team_id AS team_id, p.current_worker_id AS worker_id FROM people p
        WHERE p.kind = 'child' AND NOT p.restricted AND p.merged_into IS NULL
          AND p.id IN (SELECT person_id FROM chronology_links GROUP BY person_id HAVING count(*) >= 800)
        ORDER BY p.id LIMIT 2000`,
  );
  for (const w of workers) {
    const children = await rows<{ id: string; last_name: string }>(
      database.db,
      sql`SELECT id, last_name FROM people WHERE current_worker_id = ${w.id} AND kind = 'child' AND NOT restricted ORDER BY id LIMIT 50`,
    );
    const assessments = await rows<{ child_id: string; id: string }>(
      database.db,
      sql`SELECT DISTINCT ON (a.child_id) a.child_id, a.id FROM assessments a
          WHERE a.child_id IN (SELECT id FROM people WHERE current_worker_id = ${w.id} AND kind = 'child' AND NOT restricted)
          ORDER BY a.child_id, a.started_on DESC LIMIT 50`,
    );
    const manager = (await rows<{ id: string }>(database.db, sql`SELECT id FROM users WHERE team_id = ${w.team_id} AND role = 'team-manager' AND active ORDER BY id LIMIT 1`))[0];
    if (manager && !managerCookies.has(manager.id)) managerCookies.set(manager.id, `hearth_session=${await issue(manager.id)}`);
    users.push({
      userId: w.id,
      cookie: `hearth_session=${await issue(w.id)}`,
      children: children.map((c) => c.id),
      surnames: children.map((c) => c.last_name),
      assessments: assessments.map((a) => `/people/${a.child_id}/assessments/${a.id}`),
      managerCookie: manager ? managerCookies.get(manager.id)! : '',
      longFamilyChildren: longFamilies.filter((c) => c.team_id === null || c.team_id === w.team_id || c.worker_id === w.id).map((c) => c.id),
    });
  }
  return users;
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/**
 * Replays a page's own statements as bare SQL, in order, on one connection each time (as the page
 * ran them), each on its own: the database's share of the page without the app around it. The
 * transaction statements are left out, so a replay never holds locks the way an unfinished
 * transaction would; a statement that fails (a unique key a replayed insert met again) is passed over.
 */
type Replay = { run: (queries: { sql: string; params: unknown[] }[]) => Promise<void>; close: () => Promise<void> };

function bareReplay(kind: DatabaseKind, database: Database, url: string | null): Replay {
  const statements = (queries: { sql: string; params: unknown[] }[]) => queries.filter((q) => !TRANSACTION_CONTROL.test(q.sql));
  if (kind === 'pglite' || !url) {
    return {
      run: async (queries) => {
        for (const q of statements(queries)) await database.queryRaw(q.sql, q.params).catch(() => undefined);
      },
      close: async () => undefined,
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  return {
    run: async (queries) => {
      const client = await pool.connect();
      try {
        for (const q of statements(queries)) await client.query(q.sql, q.params).catch(() => undefined);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function benchOne(kind: DatabaseKind, children: number) {
  console.log(`\n== ${kind}, ${children} children ==`);
  const database = await openBenchDatabase(kind, children);
  const benchUrl = kind === 'postgres' ? benchDatabaseUrl(children) : null;
  await ensureData(database, children);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const services = createServices(database, config);
  const app = await buildApp(config, services);
  // The app keeps the statements of a request sent with x-hearth-capture-queries: take them as it answers.
  const last: { captured: QueryStore['captured'] } = { captured: undefined };
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.queries?.captured) last.captured = request.queries.captured;
    done();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const users = await benchUsers(database, async (userId) => (await services.sessions.issue(userId, {})).id);
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
  const replay = bareReplay(kind, database, benchUrl);
  type Figures = { p50: number; p95: number; p99: number; rps: number };
  const pages: Record<string, Figures & { sqlP95: number; sqlP50: number; queries: number; errors: number; saturation: Figures & { sqlP95: number } }> = {};
  for (const page of benchPages.filter((p) => !onlyPages || onlyPages.includes(p.name))) {
    const next = () => {
      const user = pick(users);
      return { path: page.path(user, pick), cookie: page.as === 'manager' ? user.managerCookie : user.cookie };
    };
    // Capture the queries of some real requests, to replay them as bare SQL.
    const captures: { sql: string; params: unknown[] }[][] = [];
    for (let i = 0; i < 30; i += 1) {
      const { path: p, cookie } = next();
      last.captured = undefined;
      const res = await app.inject({ method: 'GET', url: p, headers: { cookie, 'x-hearth-capture-queries': '1' } });
      if (res.statusCode !== 200) throw new Error(`${page.name}: ${p} answered ${res.statusCode}`);
      const captured = last.captured as QueryStore['captured'];
      if (!captured || captured.length === 0) throw new Error(`${page.name}: no queries were captured for ${p}`);
      captures.push(captured);
    }
    await drive({ baseUrl, concurrency: CONCURRENCY, seconds: 2, next }); // warm up
    const withPauses = await drive({ baseUrl, concurrency: CONCURRENCY, seconds, next, thinkMs });
    const http = percentiles(withPauses.samples, seconds, withPauses.errors);
    const sqlSeconds = Math.max(5, Math.round(seconds / 2));
    const bare = percentiles(await driveSql({ concurrency: CONCURRENCY, seconds: sqlSeconds, next: () => pick(captures), runPage: replay.run, thinkMs }), sqlSeconds);
    const flatOut = await drive({ baseUrl, concurrency: CONCURRENCY, seconds: sqlSeconds, next });
    const saturated = percentiles(flatOut.samples, sqlSeconds, flatOut.errors);
    const bareFlatOut = percentiles(await driveSql({ concurrency: CONCURRENCY, seconds: sqlSeconds, next: () => pick(captures), runPage: replay.run }), sqlSeconds);
    pages[page.name] = {
      p50: http.p50,
      p95: http.p95,
      p99: http.p99,
      rps: http.rps,
      sqlP50: bare.p50,
      sqlP95: bare.p95,
      queries: captures[0]!.length,
      errors: withPauses.errors + flatOut.errors,
      saturation: { p50: saturated.p50, p95: saturated.p95, p99: saturated.p99, rps: saturated.rps, sqlP95: bareFlatOut.p95 },
    };
    console.log(
      `${page.name.padEnd(18)} users: p50 ${http.p50} p95 ${http.p95} p99 ${http.p99} ms, ${http.rps} req/s, bare SQL p95 ${bare.p95} ms (${captures[0]!.length} queries) | flat out: ${saturated.rps} req/s, p95 ${saturated.p95} ms, bare SQL p95 ${bareFlatOut.p95} ms | errors ${withPauses.errors + flatOut.errors}`,
    );
  }
  await replay.close();
  await app.close();
  await database.close();
  return { dataset: { children }, database: kind, concurrency: CONCURRENCY, thinkMs, seconds, cores: os.cpus().length, measuredAt: new Date().toISOString(), pages };
}

async function main(): Promise<void> {
  mkdirSync('bench/results', { recursive: true });
  if (!only || only === 'postgres') {
    const result = await benchOne('postgres', Number(flag('children') ?? 50_000));
    writeFileSync(onlyPages ? 'bench/results/pages-postgres.json' : 'bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  }
  if (!only || only === 'pglite') {
    const result = await benchOne('pglite', Number(flag('pglite-children') ?? 5_000));
    writeFileSync(onlyPages ? 'bench/results/pages-pglite.json' : 'bench/results/latest-pglite.json', JSON.stringify(result, null, 2) + '\n');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
