import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';

describeEachDb('restricted records and who has seen a record', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const auditOf = (childId: string) =>
    rows<{ action: string; actor_id: string | null; reason: string | null; details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT action, actor_id, reason, details FROM audit_log WHERE child_id = ${childId} ORDER BY seq`,
    );

  it('lets a team manager restrict a record and name who may see it, audited; others may not', async () => {
    const child = await createChild(t.database.db, { firstName: 'Staff', lastName: 'Child' });
    expect((await as.worker.get(`/people/${child.id}/restriction`)).statusCode).toBe(403);
    expect((await as.worker.post(`/people/${child.id}/restriction`, { restricted: 'yes', emails: EMAILS.worker })).statusCode).toBe(403);
    expect((await as.manager.get(`/people/${child.id}/restriction`)).statusCode).toBe(200);

    const wrong = await as.manager.post(`/people/${child.id}/restriction`, { restricted: 'yes', emails: `nobody@example.org\n${EMAILS.partner}` });
    expect(wrong.statusCode).toBe(400);
    expect(bodyText(wrong.body)).toContain('There is no active Hearth account for nobody@example.org');
    expect(bodyText(wrong.body)).toContain('cannot be named');
    expect((await as.manager.post(`/people/${child.id}/restriction`, { restricted: 'maybe', emails: 'x' })).statusCode).toBe(400);

    const saved = await as.manager.post(`/people/${child.id}/restriction`, { restricted: 'yes', emails: EMAILS.worker.toUpperCase() });
    expect(saved.statusCode).toBe(303);
    const named = await rows<{ user_id: string }>(t.database.db, sql`SELECT user_id FROM restricted_access WHERE person_id = ${child.id} ORDER BY user_id`);
    expect(named.map((n) => n.user_id).sort()).toEqual([t.users.get(EMAILS.manager)!, t.users.get(EMAILS.worker)!].sort());
    const changes = (await auditOf(child.id)).filter((a) => a.action === 'restriction-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.details.restricted).toBe(true);
  });

  it('asks a named person for a reason before opening a restricted record, audits it, and remembers it for the session', async () => {
    const child = await createChild(t.database.db, { firstName: 'Quiet', lastName: 'Record', restricted: true });
    await t.database.db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${child.id}, ${t.users.get(EMAILS.worker)!})`);

    const first = await as.worker.get(`/people/${child.id}`);
    expect(first.statusCode).toBe(303);
    const asked = String(first.headers.location);
    expect(asked).toBe(`/people/${child.id}/restricted?returnTo=${encodeURIComponent(`/people/${child.id}`)}`);
    const form = await as.worker.get(asked);
    expect(form.statusCode).toBe(200);
    expect(bodyText(form.body)).toContain('Why do you need to open this record?');
    expect(form.body).not.toContain('Quiet Record');

    const empty = await as.worker.post(`/people/${child.id}/restricted`, { reason: '  ', returnTo: `/people/${child.id}` });
    expect(empty.statusCode).toBe(400);
    expect(bodyText(empty.body)).toContain('Enter why you need to open this record');
    const long = await as.worker.post(`/people/${child.id}/restricted`, { reason: 'x'.repeat(501), returnTo: `/people/${child.id}` });
    expect(long.statusCode).toBe(400);
    expect(bodyText(long.body)).toContain('The reason must be 500 characters or fewer');

    const given = await as.worker.post(`/people/${child.id}/restricted`, { reason: 'Preparing for the strategy meeting', returnTo: `/people/${child.id}` });
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe(`/people/${child.id}`);
    const page = await as.worker.get(`/people/${child.id}`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Quiet Record');
    const audit = await auditOf(child.id);
    expect(audit.map((a) => a.action)).toEqual(['restricted-record-opened', 'viewed']);
    expect(audit[0]?.reason).toBe('Preparing for the strategy meeting');

    // Another page of the same record in the same session does not ask again; a new session does.
    expect((await as.worker.get(`/people/${child.id}/edit`)).statusCode).toBe(200);
    const fresh = await t.signIn(EMAILS.worker);
    expect((await fresh.get(`/people/${child.id}`)).statusCode).toBe(303);
  });

  it('refuses everyone not named, whatever their role, and never sends them to another site', async () => {
    const child = await createChild(t.database.db, { firstName: 'Locked', lastName: 'Away', restricted: true });
    await t.database.db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${child.id}, ${t.users.get(EMAILS.worker)!})`);
    for (const agent of [as.manager, as['cp-chair'], as.qa, as.worker2]) {
      expect((await agent.get(`/people/${child.id}`)).statusCode).toBe(403);
      expect((await agent.get(`/people/${child.id}/restricted`)).statusCode).toBe(403);
      expect((await agent.post(`/people/${child.id}/restricted`, { reason: 'Curious' })).statusCode).toBe(403);
    }
    const search = await as.manager.get('/search?q=Locked%20Away');
    expect(search.body).not.toContain(child.id);
    const away = await as.worker.post(`/people/${child.id}/restricted`, { reason: 'Visit today', returnTo: '//evil.example/' });
    expect(away.headers.location).toBe(`/people/${child.id}`);
    const audit = await auditOf(child.id);
    expect(audit.filter((a) => a.action === 'access-refused').length).toBeGreaterThanOrEqual(4);
    const notRestricted = await createChild(t.database.db, { firstName: 'Open', lastName: 'Record' });
    const straight = await as.worker.get(`/people/${notRestricted.id}/restricted?returnTo=${encodeURIComponent(`/people/${notRestricted.id}/edit`)}`);
    expect(straight.headers.location).toBe(`/people/${notRestricted.id}/edit`);
  });

  it('shows a manager who has seen the record, newest first, a page at a time; workers may not see it', async () => {
    const child = await createChild(t.database.db, { firstName: 'Much', lastName: 'Viewed' });
    for (let i = 0; i < 3; i += 1) await as['cp-chair'].get(`/people/${child.id}`);
    await as.worker.get(`/people/${child.id}`);
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    const { audit } = await import('../../src/platform/audit');
    for (let i = 0; i < 55; i += 1) await audit(t.database.db, ctx, { action: 'viewed', subjectType: 'person', subjectId: child.id, childId: child.id });

    expect((await as.worker.get(`/people/${child.id}/audit`)).statusCode).toBe(403);
    const first = await as.manager.get(`/people/${child.id}/audit`);
    expect(first.statusCode).toBe(200);
    const rowsOnPage = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;
    expect(rowsOnPage(first.body)).toBe(50);
    const older = /href="(\/people\/[^"]+\/audit\?before=\d+)"/.exec(first.body)?.[1];
    expect(older).toBeTruthy();
    const second = await as.manager.get(older!.replace(/&amp;/g, '&'));
    expect(rowsOnPage(second.body)).toBe(9);
    const text = bodyText(second.body);
    expect(text).toContain('Chris Adeyemi');
    expect(text).toContain('Sam Okafor');
    expect(text).toContain('Opened the record');
    expect(bodyText(second.body)).toContain('Newest entries');
    const qa = await as.qa.get(`/people/${child.id}/audit`);
    expect(qa.statusCode).toBe(200);
    const viewedAudit = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE child_id = ${child.id} AND action = 'audit-viewed'`);
    expect(viewedAudit[0]?.n).toBe(3);
    expect((await as.manager.get(`/people/${child.id}/audit?before=abc`)).statusCode).toBe(200);
  });
});
