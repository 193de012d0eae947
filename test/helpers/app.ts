import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe } from 'vitest';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database, type DatabaseKind } from '../../src/platform/db';
import { migrate } from '../../src/platform/migrate';
import { createServices, type Services } from '../../src/services';
import { buildApp } from '../../src/app';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../cli/seed/demo';

export { DEMO_PASSWORD, DEMO_USERS };

/** The databases this run tests against: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const DATABASES: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Runs a suite once per database. */
export function describeEachDb(name: string, fn: (kind: DatabaseKind) => void): void {
  for (const kind of DATABASES) describe(`${name} [${kind}]`, () => fn(kind));
}

/** A fresh, migrated, empty database of the given kind. PostgreSQL gets a throwaway database per call. */
export async function freshDatabase(kind: DatabaseKind): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is needed for PostgreSQL tests');
  const name = `hearth_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrate(database);
  return {
    database,
    async drop() {
      await database.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  database: Database;
  config: Config;
  /** Ids of the demo teams, by name. */
  teams: Map<string, string>;
  /** Ids of the demo users, by email. */
  users: Map<string, string>;
  signIn(email: string): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
};

/** A migrated database with the demo teams and users, and the app on top. No port is opened. */
export async function createTestApp(kind: DatabaseKind = 'pglite', overrides: Partial<Config> = {}): Promise<TestApp> {
  const { database, drop } = await freshDatabase(kind);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }, overrides);
  const services = createServices(database, config);
  await seedDemo(services, { onlyIfEmpty: false, accountsOnly: true });
  const app = await buildApp(config, services);
  const teams = new Map((await services.users.repo.teams()).map((t) => [t.name, t.id]));
  const users = new Map((await services.users.repo.list()).map((u) => [u.email, u.id]));
  const testApp: TestApp = {
    app,
    services,
    database,
    config,
    teams,
    users,
    async signIn(email: string) {
      const agent = new Agent(app);
      const res = await agent.post('/sign-in', { email, password: DEMO_PASSWORD });
      if (res.statusCode !== 303) throw new Error(`Sign-in as ${email} failed with ${res.statusCode}`);
      return agent;
    },
    anonymous: () => new Agent(app),
    async close() {
      await app.close();
      await drop();
    },
  };
  return testApp;
}

/** A browser-like client over app.inject: keeps cookies and sends the CSRF token with every form. */
export class Agent {
  cookies: Record<string, string> = {};
  private csrf: string | null = null;
  /** Queries the last request issued (sessions, access checks, the page itself). */
  lastQueryCount = 0;

  constructor(private readonly app: FastifyInstance) {}

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrf = token[1];
  }

  private async counted(run: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
    const res = await run();
    const header = res.headers['x-hearth-queries'];
    if (header === undefined) throw new Error('The app did not report its query count (x-hearth-queries)');
    this.lastQueryCount = Number(header);
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.counted(() => this.app.inject({ method: 'GET', url, cookies: this.cookies }));
    this.keep(res);
    return res;
  }

  /** Posts a form as a browser would (urlencoded, arrays as repeated fields), with a valid CSRF token. */
  async post(url: string, form: Record<string, string | string[] | undefined>, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (opts.csrf !== false && !this.csrf) await this.get('/sign-in');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    if (opts.csrf !== false && this.csrf) params.set('_csrf', this.csrf);
    const res = await this.counted(() =>
      this.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      }),
    );
    this.keep(res);
    return res;
  }
}

/**
 * The ids the tests use for demo users. The second team's manager is Children in Need North's: the
 * demo's other team managers (Early Help East's) have no id of their own here.
 */
const MANAGER_TEAMS = new Set(['Front Door and Assessment', 'Children in Need North']);
export const EMAILS = Object.fromEntries(DEMO_USERS.filter((u) => u.role !== 'team-manager' || MANAGER_TEAMS.has(u.team ?? '')).map((u) => [u.role === 'social-worker' ? (u.team === 'Front Door and Assessment' ? 'worker' : 'worker2') : u.role === 'team-manager' ? (u.team === 'Front Door and Assessment' ? 'manager' : 'manager2') : u.role, u.email])) as Record<
  'worker' | 'worker2' | 'early-help' | 'manager' | 'manager2' | 'partner' | 'cp-chair' | 'qa' | 'admin',
  string
>;

export function randomSuffix(): string {
  return randomBytes(3).toString('hex');
}

export function newRandomToken(): string {
  return randomBytes(8).toString('hex');
}

/** A fresh agent per role, all signed in. */
export async function signInAll(t: TestApp): Promise<Record<keyof typeof EMAILS, Agent>> {
  const entries = await Promise.all(Object.entries(EMAILS).map(async ([key, email]) => [key, await t.signIn(email)] as const));
  return Object.fromEntries(entries) as Record<keyof typeof EMAILS, Agent>;
}

export function bodyText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
