import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { checkPerson, type Actor } from '../../src/platform/access';
import { todayInLondon } from '../../src/domain/dates';
import { grantSchema, oneYearOn } from '../../src/features/admin/grants';

const parts = (iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return { 'expiry-day': String(Number(d)), 'expiry-month': String(Number(m)), 'expiry-year': y };
};
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the last day of a partner grant', () => {
  it('is at most one year on, and 29 February becomes 28 February', () => {
    expect(oneYearOn('2025-06-30')).toBe('2026-06-30');
    expect(oneYearOn('2028-02-29')).toBe('2029-02-28');
  });

  it('must be a real date from today to a year away', () => {
    const today = '2026-03-10';
    const check = (fields: Record<string, unknown>) =>
      grantSchema(today).safeParse({
        partner: '00000000-0000-4000-8000-000000000000',
        purpose: 'Joint enquiry',
        ...fields,
      });
    expect(check(parts('2026-03-10')).success).toBe(true);
    expect(check(parts('2027-03-10')).success).toBe(true);
    expect(check(parts('2027-03-11')).error?.issues[0]?.message).toContain(
      'within a year, on or before 10 March 2027',
    );
    expect(check(parts('2026-03-09')).error?.issues[0]?.message).toBe(
      'The last day of access must be today or in the future',
    );
    expect(
      check({ 'expiry-day': '31', 'expiry-month': '2', 'expiry-year': '2027' }).error?.issues[0]?.message,
    ).toContain('must be a real date');
    expect(check({}).error?.issues[0]?.message).toBe('Enter the last day they can see this record');
  });
});

describeEachDb('managers give partner agencies access to a child', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let childId: string;
  let partner: Actor;
  const today = todayInLondon();
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    const child = await createChild(t.database.db, {
      firstName: 'Ruby',
      lastName: 'Granted',
      currentTeamId: t.teams.get('Front Door and Assessment')!,
    });
    childId = child.id;
    partner = {
      id: t.users.get(EMAILS.partner)!,
      name: 'DC Dee Harper',
      email: EMAILS.partner,
      role: 'partner',
      teamId: null,
    };
  });
  afterAll(() => t.close());

  const grantsUrl = () => `/people/${childId}/grants`;
  const auditActions = async () =>
    (
      await rows<{ action: string }>(
        t.database.db,
        sql`SELECT action FROM audit_log WHERE child_id = ${childId} ORDER BY seq`,
      )
    ).map((r) => r.action);

  it('shows the record’s grants to a manager who can see the child, and logs the view', async () => {
    const res = await as.manager.get(grantsUrl());
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Ruby Granted');
    expect(text).toContain('No partner agency professional can see this record');
    expect(res.body).toContain('DC Dee Harper (Police)');
    expect(await auditActions()).toContain('grants-viewed');
  });

  it('refuses other roles, and a manager of another team', async () => {
    for (const role of ['worker', 'early-help', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
      expect((await as[role].get(grantsUrl())).statusCode, role).toBe(403);
      expect(
        (await as[role].post(grantsUrl(), { partner: partner.id, purpose: 'x', ...parts(today) })).statusCode,
        role,
      ).toBe(403);
    }
    expect((await as.manager2.get(grantsUrl())).statusCode).toBe(403);
    expect(
      (await as.manager2.post(grantsUrl(), { partner: partner.id, purpose: 'x', ...parts(today) }))
        .statusCode,
    ).toBe(403);
    expect((await as.manager.get('/people/00000000-0000-4000-8000-000000000000/grants')).statusCode).toBe(
      404,
    );
    expect(await checkPerson(t.database.db, partner, childId)).toEqual({ outcome: 'denied' });
  });

  it('shows every problem with the form at once, keeps what was typed and stores nothing', async () => {
    const empty = await as.manager.post(grantsUrl(), {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#partner"');
    expect(empty.body).toContain('href="#purpose"');
    expect(empty.body).toContain('href="#expiry-day"');
    const tooLate = await as.manager.post(grantsUrl(), {
      partner: partner.id,
      purpose: '<script>x</script> enquiry',
      ...parts(addDays(oneYearOn(today), 1)),
    });
    expect(tooLate.statusCode).toBe(400);
    expect(bodyText(tooLate.body)).toContain('The last day of access must be within a year');
    expect(tooLate.body).toContain('&lt;script&gt;x&lt;/script&gt; enquiry');
    const hostile = await as.manager.post(grantsUrl(), {
      partner: [partner.id, partner.id],
      purpose: 'p'.repeat(5000),
      'expiry-day': ['1', '2'],
      'expiry-month': '\u0000',
      'expiry-year': 'x'.repeat(100),
    });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body.match(/href="#expiry-day"/g)).toHaveLength(1);
    const notPartner = await as.manager.post(grantsUrl(), {
      partner: t.users.get(EMAILS.worker)!,
      purpose: 'Joint visit',
      ...parts(today),
    });
    expect(bodyText(notPartner.body)).toContain('Select who needs access from the list');
    const count = await rows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM access_grants WHERE person_id = ${childId}`,
    );
    expect(count[0]!.n).toBe(0);
  });

  it('gives access until the end of the chosen day, then ends it early', async () => {
    const lastDay = addDays(today, 30);
    const added = await as.manager.post(grantsUrl(), {
      partner: partner.id,
      purpose: 'Joint section 47 enquiry with police',
      ...parts(lastDay),
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${grantsUrl()}?done=added`);
    expect(await checkPerson(t.database.db, partner, childId)).toMatchObject({ outcome: 'allowed' });
    const page = await as.manager.get(String(added.headers.location));
    const text = bodyText(page.body);
    expect(text).toContain('Access was given');
    expect(text).toContain('Joint section 47 enquiry with police');
    const stored = await rows<{ expires_on: string; granted_by: string }>(
      t.database.db,
      sql`SELECT ((expires_at AT TIME ZONE 'Europe/London') - interval '1 microsecond')::date::text AS expires_on, granted_by FROM access_grants WHERE person_id = ${childId}`,
    );
    expect(stored).toEqual([{ expires_on: lastDay, granted_by: t.users.get(EMAILS.manager) }]);

    const twice = await as.manager.post(grantsUrl(), {
      partner: partner.id,
      purpose: 'Again',
      ...parts(lastDay),
    });
    expect(twice.statusCode).toBe(400);
    expect(bodyText(twice.body)).toContain('DC Dee Harper can already see this record until');

    const grantId = /\/grants\/([0-9a-f-]{36})\/revoke/.exec(page.body)?.[1];
    expect(grantId).toBeTruthy();
    expect((await as.worker.post(`${grantsUrl()}/${grantId}/revoke`, {})).statusCode).toBe(403);
    const revoked = await as.manager.post(`${grantsUrl()}/${grantId}/revoke`, {});
    expect(revoked.headers.location).toBe(`${grantsUrl()}?done=revoked`);
    expect(await checkPerson(t.database.db, partner, childId)).toEqual({ outcome: 'denied' });
    const again = await as.manager.post(`${grantsUrl()}/${grantId}/revoke`, {});
    expect(again.headers.location).toBe(`${grantsUrl()}?done=gone`);
    const after = bodyText((await as.manager.get(grantsUrl())).body);
    expect(after).toContain('Access that has ended');
    expect(after).toContain('Ended early on');
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'grant-added' || a === 'grant-revoked')).toEqual([
      'grant-added',
      'grant-revoked',
    ]);
  });

  it('stops access by itself after the last day', async () => {
    const added = await as.manager.post(grantsUrl(), {
      partner: partner.id,
      purpose: 'Health assessment',
      ...parts(today),
    });
    expect(added.statusCode).toBe(303);
    expect(await checkPerson(t.database.db, partner, childId)).toMatchObject({ outcome: 'allowed' });
    // The audit log cannot be changed, but grants can: pretend the day has passed.
    await t.database.db.execute(
      sql`UPDATE access_grants SET expires_at = now() - interval '1 minute' WHERE person_id = ${childId} AND revoked_at IS NULL`,
    );
    expect(await checkPerson(t.database.db, partner, childId)).toEqual({ outcome: 'denied' });
    expect(bodyText((await as.manager.get(grantsUrl())).body)).toContain('Ran until the end of');
  });

  it('uses the same number of queries whatever the number of grants', async () => {
    await as.manager.get(grantsUrl());
    const before = as.manager.lastQueryCount;
    for (let i = 0; i < 5; i += 1) {
      await t.database.db.execute(
        sql`INSERT INTO access_grants (user_id, person_id, purpose, granted_by, expires_at, revoked_at) VALUES (${partner.id}, ${childId}, ${`Old ${i}`}, ${t.users.get(EMAILS.manager)!}, now() + interval '1 day', now())`,
      );
    }
    await as.manager.get(grantsUrl());
    expect(as.manager.lastQueryCount).toBe(before);
  });
});
