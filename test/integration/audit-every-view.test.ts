/**
 * Every view of a child's record is audited (DESIGN.md: "Audit in the same transaction"). The routes
 * come from the app itself (app.routeList): every GET route that names a person (`personParam`) and
 * that the child's worker or manager may open is requested for a real child, and the request must
 * write at least one audit row about that child, with the request's id. A new record page that
 * forgets to audit fails here without anyone adding it to a list.
 *
 * The pages about a contact name its children the same way (through the contact, not the address):
 * each is walked too, and must audit a view of each child.
 *
 * Then the same walk over a restricted record, as the manager named on it after giving a reason:
 * every row those views write carries the reason, so "who has seen this record" says why.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { actorFor, childWithEverything, createSecurityFixture, fillRoute, routeIds, type SecurityFixture } from './security.fixture';
import { ACTIONS, type Action } from '../../src/platform/access';

type Role = keyof typeof EMAILS;

/**
 * GET routes under a child that show no personal data, so write no audit row. Each needs a reason;
 * keep this list short. (None today: every record page shows at least the child's header.)
 */
const SHOW_NO_PERSONAL_DATA: Record<string, string> = {};

type AuditRow = { action: string; child_id: string | null; actor_id: string | null; reason: string | null; request_id: string | null };

describeEachDb('every view of a child’s record writes an audit row', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  let fx: SecurityFixture;

  beforeAll(async () => {
    t = await createTestApp(kind);
    fx = await createSecurityFixture(t);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const getRoutes = () => t.app.routeList.filter((r) => r.method === 'GET').map((r) => ({ key: `GET ${r.url}`, url: r.url, config: r.config, action: r.config.action as Action | undefined }));
  /** GET routes that name a person, from the app: none is listed by hand. */
  const recordPages = () => getRoutes().filter((r) => r.config.personParam);
  /** GET routes about one contact, whose children the page shows. */
  const contactPages = () => getRoutes().filter((r) => r.url.includes(':contactId'));

  /**
   * The child's worker and manager, where the route's declared action lets their role open it (the
   * fixture's child is in their team, so the person check lets them in): from access.ts, so a route
   * is walked from the day it is added.
   */
  const ROLE_OF = { worker: 'social-worker', manager: 'team-manager' } as const;
  const rolesFor = (route: { action?: Action }): ('worker' | 'manager')[] =>
    (['worker', 'manager'] as const).filter((who) => !route.action || (ACTIONS[route.action] as readonly string[]).includes(ROLE_OF[who]));

  const lastSeq = async (): Promise<number> => toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT coalesce(max(seq), 0) AS n FROM audit_log`))[0]?.n);

  const writtenSince = (seq: number) =>
    rows<AuditRow>(t.database.db, sql`SELECT action, child_id, actor_id, reason, request_id FROM audit_log WHERE seq > ${seq} ORDER BY seq`);

  /** Opens a page and returns the problems with its audit rows (none when it audited the view of this child, once per request). */
  async function check(agent: Agent, role: Role, url: string, childId: string, reason: string | null = null): Promise<string[]> {
    const before = await lastSeq();
    const res = await agent.get(url);
    if (res.statusCode !== 200) return [`${role} GET ${url}: expected the page (200), got ${res.statusCode} ${String(res.headers.location ?? '')}`];
    const written = await writtenSince(before);
    const aboutChild = written.filter((a) => a.child_id === childId && a.actor_id === t.users.get(EMAILS[role]));
    if (aboutChild.length === 0) return [`${role} GET ${url}: no audit row about the child (wrote ${written.map((a) => a.action).join(', ') || 'nothing'})`];
    const problems: string[] = [];
    const requestIds = new Set(aboutChild.map((a) => a.request_id));
    if (requestIds.size !== 1 || requestIds.has(null)) problems.push(`${role} GET ${url}: audit rows without one request id`);
    if (reason !== null) {
      const without = aboutChild.filter((a) => a.reason !== reason);
      if (without.length) problems.push(`${role} GET ${url}: ${without.map((a) => a.action).join(', ')} written without the reason given for the restricted record`);
    }
    return problems;
  }

  it('finds the record pages in the app, and every exception is still a route it serves', () => {
    const keys = recordPages().map((r) => r.key);
    // A sanity floor: the walk below must not pass by walking nothing.
    expect(keys.length).toBeGreaterThan(40);
    expect(Object.keys(SHOW_NO_PERSONAL_DATA).filter((k) => !keys.includes(k)), 'exceptions for routes the app no longer serves').toEqual([]);
    expect(recordPages().filter((r) => rolesFor(r).length === 0).map((r) => r.key), 'record pages neither the worker nor the manager may open').toEqual([]);
  });

  it('audits every view of every record page, for the child’s worker and manager', async () => {
    const ids = routeIds(fx, fx.target);
    const problems: string[] = [];
    let walked = 0;
    for (const route of recordPages()) {
      if (route.key in SHOW_NO_PERSONAL_DATA) continue;
      for (const role of rolesFor(route)) {
        walked += 1;
        problems.push(...(await check(as[role], role, fillRoute(route.url, ids), fx.target.child.id)));
      }
    }
    expect(walked).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it('audits every view of a contact’s pages, and of the new contact form, for each child they show', async () => {
    // The fixture's contact is about the target child only, has no decision and did not seek consent: every form on it is open.
    const ids = routeIds(fx, fx.target);
    const problems: string[] = [];
    const pages = contactPages();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const route of pages) {
      for (const role of rolesFor(route)) problems.push(...(await check(as[role], role, fillRoute(route.url, ids), fx.target.child.id)));
    }
    for (const role of ['worker', 'manager'] as const) problems.push(...(await check(as[role], role, `/contacts/new?child=${fx.target.child.id}`, fx.target.child.id)));
    expect(problems).toEqual([]);
  });

  it('carries the reason given for a restricted record on every view of it', async () => {
    const manager = await actorFor(t, EMAILS.manager);
    const hidden = await childWithEverything(t, manager, { team: 'Front Door and Assessment', workerEmail: EMAILS.worker, firstName: 'Hester' });
    const restrict = await as.manager.post(`/people/${hidden.child.id}/restriction`, { restricted: 'yes', emails: '' });
    expect(restrict.statusCode).toBe(303);
    const reason = 'Covering the duty rota for the allocated worker';
    // A fresh session of the manager named on the record: sent to say why first, then let in.
    const named = await t.signIn(EMAILS.manager);
    expect((await named.get(`/people/${hidden.child.id}`)).statusCode).toBe(303);
    expect((await named.post(`/people/${hidden.child.id}/restricted`, { reason, returnTo: `/people/${hidden.child.id}` })).statusCode).toBe(303);

    const ids = routeIds(fx, hidden);
    const problems: string[] = [];
    for (const route of recordPages()) {
      if (route.key in SHOW_NO_PERSONAL_DATA || !rolesFor(route).includes('manager')) continue;
      problems.push(...(await check(named, 'manager', fillRoute(route.url, ids), hidden.child.id, reason)));
    }
    expect(problems).toEqual([]);
  });
});
