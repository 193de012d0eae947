/**
 * The authorisation matrix (DESIGN.md: "a test enumerates every route for every role and asserts
 * allow or deny"). The table (authorisation.expected.ts) is written by hand, on purpose apart from
 * ACTIONS in src/platform/access.ts: it says who may do what to one child's records, and the app must agree.
 * A route the app has and the table lacks (or the other way round) fails the first test, so no new
 * route can skip this. Then the guessing attacks: another team's child, a restricted record, ids
 * that do not exist, malformed ids and a merged record, on every route that takes an id; and, on
 * every route under a child, another child's record (or a made-up one) reached through this child's
 * address, where only the route's own lookup can refuse it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { createSecurityFixture, fillRoute, routeIds, type RouteIds, type SecurityFixture } from './security.fixture';
import { EXPECTED, ROLES, type Role } from './authorisation.expected';

/**
 * Routes that change or end something even when posted empty: they get their own throwaway records
 * or agents. (Starting council sign-in does not end a signed-in session: it sends the person home.)
 */
const SIGNS_OUT = new Set(['POST /sign-out']);
const USES_SPARE_CHILD = new Set([
  'POST /people/:personId/grants/:grantId/revoke',
  // Posted empty, it stops sharing the entry with the partner (who then no longer sees its history).
  'POST /people/:personId/chronology/:entryId/sharing',
]);

const ASSET_PREFIXES = ['/assets/', '/moj/assets/', '/public/', '/stylesheets/', '/javascripts/'];
// The guard sends people to sign in; an autosave (a script's request, not a page) is answered 401 instead.
const isGuardSignIn = (res: LightMyRequestResponse) =>
  (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in?returnTo=')) || (res.statusCode === 401 && res.body.includes('"signedOut":true'));

/**
 * Just enough of an identity provider for council sign-in to start: its discovery document. The
 * matrix runs with council sign-in set up, so its routes are served and must be in the table.
 */
let provider: http.Server;
let issuer: string;
beforeAll(async () => {
  provider = http.createServer((request, response) => {
    if (request.url !== '/.well-known/openid-configuration') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

describeEachDb('authorisation matrix', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  let fx: SecurityFixture;

  beforeAll(async () => {
    t = await createTestApp(kind, {
      oidc: { issuer, clientId: 'hearth-matrix', clientSecret: 'a client secret for the matrix only', redirectUri: 'http://localhost:3000/sign-in/oidc/callback', label: 'Sign in with your council account' },
    });
    fx = await createSecurityFixture(t);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const appRoutes = () =>
    t.app.routeList
      .filter((r) => r.method !== 'HEAD' && !ASSET_PREFIXES.some((p) => r.url.startsWith(p)))
      .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url, config: r.config }));

  const refusals = async (email: string): Promise<number> => {
    const found = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND actor_id = ${t.users.get(email)!}`);
    return toNumber(found[0]?.n);
  };

  const send = (agent: Agent, method: string, url: string) => (method === 'GET' ? agent.get(url) : agent.post(url, {}));

  const idsFor = (key: string): RouteIds => routeIds(fx, USES_SPARE_CHILD.has(key) ? fx.spare : fx.target);

  it('has an expectation for every route the app serves, and no expectation for a route that is gone', () => {
    const served = new Set(appRoutes().map((r) => r.key));
    // Council sign-in is set up here, so its routes are among those checked.
    expect([...served].filter((k) => k.startsWith('GET /sign-in/oidc')).sort()).toEqual(['GET /sign-in/oidc', 'GET /sign-in/oidc/callback']);
    expect([...served].filter((k) => !(k in EXPECTED)), 'routes with no row in the authorisation table').toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !served.has(k)), 'rows for routes the app no longer serves').toEqual([]);
  });

  it('lets anyone start council sign-in, sends someone signed in home still signed in, and refuses a callback that no sign-in started', async () => {
    const started = await t.anonymous().get('/sign-in/oidc');
    expect(started.statusCode).toBe(303);
    expect(String(started.headers.location)).toMatch(new RegExp(`^${issuer}/authorize\\?`));
    const signedIn = await t.signIn(EMAILS.worker);
    const home = await signedIn.get('/sign-in/oidc?returnTo=%2Fsearch');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/');
    expect((await signedIn.get('/')).statusCode).toBe(200);
    for (const agent of [t.anonymous(), await t.signIn(EMAILS.worker)]) {
      const callback = await agent.get('/sign-in/oidc/callback?code=made-up&state=made-up');
      expect(callback.statusCode).toBe(400);
      expect(callback.body).toContain('Your sign-in took too long');
    }
  });

  it('declares access on every route: public, an action or a person check (nothing is open by accident)', () => {
    const undeclared = appRoutes().filter((r) => !r.config.public && !r.config.action && !r.config.personParam);
    // Pages for any signed-in person, about themselves only.
    expect(undeclared.map((r) => r.key).sort()).toEqual(['GET /', 'GET /account/two-factor', 'POST /account/two-factor', 'POST /drafts', 'POST /drafts/discard']);
    for (const r of appRoutes()) expect(!!r.config.public, `${r.key} public in the app and the table`).toBe(!!EXPECTED[r.key]?.public);
  });

  describe('every route, every role', () => {
    it.each(Object.keys(EXPECTED))('%s', async (key) => {
      const expectation = EXPECTED[key]!;
      const [method, pattern] = key.split(' ') as [string, string];
      const url = fillRoute(pattern, idsFor(key));
      const problems: string[] = [];

      const anonymous = await send(t.anonymous(), method, url);
      if (expectation.public) {
        if (anonymous.statusCode === 403 || isGuardSignIn(anonymous)) problems.push(`anonymous: expected allow, got ${anonymous.statusCode}`);
      } else if (!isGuardSignIn(anonymous)) {
        problems.push(`anonymous: expected a redirect to sign in, got ${anonymous.statusCode} ${String(anonymous.headers.location ?? '')}`);
      }

      for (const role of ROLES) {
        const agent = SIGNS_OUT.has(key) ? await t.signIn(EMAILS[role]) : as[role];
        const before = await refusals(EMAILS[role]);
        const res = await send(agent, method, url);
        const allowed = expectation.allow.includes(role);
        if (res.statusCode >= 500) problems.push(`${role}: server error ${res.statusCode}`);
        // The fixture's ids are real, so an allowed request is never "not found" either.
        if (allowed && (res.statusCode === 403 || res.statusCode === 404 || isGuardSignIn(res))) problems.push(`${role}: expected allow, got ${res.statusCode}`);
        if (!allowed) {
          if (res.statusCode !== 403) problems.push(`${role}: expected 403, got ${res.statusCode} ${String(res.headers.location ?? '')}`);
          else if ((await refusals(EMAILS[role])) <= before) problems.push(`${role}: refused without an access-refused audit row`);
        }
      }
      expect(problems, `${key} as ${url}`).toEqual([]);
    });
  });

  describe('guessing addresses', () => {
    // Routes missing from the table fail the first test; here only the routes the table knows are tried.
    const withIds = () => appRoutes().filter((r) => r.url.includes(':') && r.key in EXPECTED);
    const randomIds = (): RouteIds => ({
      personId: randomUUID(),
      contactId: randomUUID(),
      householdId: randomUUID(),
      memberId: randomUUID(),
      pairId: randomUUID(),
      episodeId: randomUUID(),
      addressId: randomUUID(),
      grantId: randomUUID(),
      assessmentId: randomUUID(),
      day: '999',
      version: '999',
      promptId: randomUUID(),
      taskId: randomUUID(),
      visitId: randomUUID(),
      noteId: randomUUID(),
      entryId: randomUUID(),
      duplicateId: randomUUID(),
      userId: randomUUID(),
      teamId: randomUUID(),
      termId: randomUUID(),
    });
    /** The first role the table allows on a route: the one to try a guessed id with. */
    const allowedRole = (key: string): Role => EXPECTED[key]!.allow[0]!;

    it("refuses another team's child on every route that takes an id, for a worker and a manager, and audits it", async () => {
      const ids = { ...routeIds(fx, fx.otherTeam), grantId: randomUUID() };
      const problems: string[] = [];
      for (const route of withIds()) {
        if (route.url.startsWith('/admin/')) continue;
        const url = fillRoute(route.url, ids);
        for (const role of ['worker', 'manager'] as const) {
          const before = await refusals(EMAILS[role]);
          const res = await send(as[role], route.method, url);
          if (res.statusCode !== 403) problems.push(`${role} ${route.method} ${url}: expected 403, got ${res.statusCode}`);
          else if ((await refusals(EMAILS[role])) <= before) problems.push(`${role} ${route.method} ${url}: no access-refused audit row`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('refuses a restricted record to someone not named on it, and asks the named manager for a reason first', async () => {
      const personRoutes = withIds().filter((r) => r.url.startsWith('/people/:personId'));
      const problems: string[] = [];
      for (const route of personRoutes) {
        const url = fillRoute(route.url, { ...randomIds(), personId: fx.restricted.id });
        const worker = await send(as.worker, route.method, url);
        if (worker.statusCode !== 403) problems.push(`worker ${route.method} ${url}: expected 403, got ${worker.statusCode}`);
        const manager = await send(as.manager, route.method, url);
        if (route.url === '/people/:personId/restricted') {
          const expected = route.method === 'GET' ? 200 : 400;
          if (manager.statusCode !== expected) problems.push(`manager ${route.method} ${url}: expected the reason page (${expected}), got ${manager.statusCode}`);
        } else if (manager.statusCode !== 303 || !String(manager.headers.location).startsWith(`/people/${fx.restricted.id}/restricted?returnTo=`)) {
          problems.push(`manager ${route.method} ${url}: expected a redirect to the reason page, got ${manager.statusCode} ${String(manager.headers.location ?? '')}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('answers "not found" for ids that do not exist and for malformed ids, on every route that takes an id', async () => {
      const malformed = ['not-a-uuid', encodeURIComponent("1' OR '1'='1"), 'ffffffff-ffff-ffff-ffff-fffffffffffff', '..%2Fadmin'];
      const problems: string[] = [];
      for (const route of withIds()) {
        const role = allowedRole(`${route.method} ${route.url}`);
        const attempts = [fillRoute(route.url, randomIds()), ...malformed.map((bad) => route.url.replace(/:(\w+)/g, bad))];
        for (const url of attempts) {
          const res = await send(as[role], route.method, url);
          if (res.statusCode !== 404) problems.push(`${role} ${route.method} ${url}: expected 404, got ${res.statusCode}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("answers \"not found\" for another child's record, a made-up id or a malformed id reached through this child's address", async () => {
      // Each id after the child's is swapped in turn, the others kept real: the guard has passed (the
      // child is in sight), so only the route's own lookup can tell that the record is not this child's.
      const malformed = ['not-a-uuid', encodeURIComponent("1' OR '1'='1"), '..%2Fadmin'];
      const real = routeIds(fx, fx.target);
      const sameTeam = routeIds(fx, fx.spare);
      const problems: string[] = [];
      for (const route of withIds().filter((r) => r.url.startsWith('/people/:personId/'))) {
        const key = `${route.method} ${route.url}`;
        const role = allowedRole(key);
        const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as keyof RouteIds).filter((name) => name !== 'personId');
        for (const name of params) {
          // A checkpoint's day and a saved version's number are numbers, the same on every child's record: not swapped for another's.
          const swaps = [...(name === 'day' || name === 'version' || name === 'duplicateId' ? [] : [sameTeam[name]]), randomIds()[name], ...malformed];
          for (const swap of swaps) {
            const url = fillRoute(route.url, { ...real, [name]: swap });
            const res = await send(as[role], route.method, url);
            // Ending a grant is idempotent: one this child does not have "had already ended", and nothing is ended.
            const alreadyEnded = key === 'POST /people/:personId/grants/:grantId/revoke' && res.statusCode === 303 && String(res.headers.location).endsWith('/grants?done=gone');
            if (res.statusCode !== 404 && !alreadyEnded) problems.push(`${role} ${route.method} ${url} (${name}): expected 404, got ${res.statusCode} ${String(res.headers.location ?? '')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('sends a merged record to the record it was merged into, and refuses changes to it', async () => {
      const problems: string[] = [];
      for (const route of withIds().filter((r) => r.url.startsWith('/people/:personId'))) {
        const url = fillRoute(route.url, { ...randomIds(), personId: fx.merged.id });
        const res = await send(as.manager, route.method, url);
        const expected =
          route.url === '/people/:personId/restricted'
            ? { status: 303, location: `/people/${fx.kept.id}` }
            : route.method === 'GET'
              ? { status: 303, location: url.replace(fx.merged.id, fx.kept.id) }
              : { status: 409, location: undefined };
        if (res.statusCode !== expected.status || res.headers.location !== expected.location) {
          problems.push(`manager ${route.method} ${url}: expected ${expected.status} ${expected.location ?? ''}, got ${res.statusCode} ${String(res.headers.location ?? '')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
