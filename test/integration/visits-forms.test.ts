import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { createChild, createHousehold, createAllocation, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { count, daysAgo, siblings, visitForm } from './visits.fixture';

describeEachDb('visits: validation, hostile input, drafts and who is refused', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  const refusals = async (email: string) =>
    toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND actor_id = ${t.users.get(email)!}`))[0]?.n);

  it('shows every problem in the GOV.UK error summary, linked to its field, keeps what was typed and stores nothing', async () => {
    const family = await siblings(t, { count: 2 });
    const [a, b] = family.ids as [string, string];
    const before = await count(t, 'visits');
    const res = await worker.post(`/people/${a}/visits/new`, { children: [b], [`seen-${a}`]: 'not-alone', [`words-${a}`]: '<script>alert(1)</script> said hello', 'visitDate-day': '31', 'visitDate-month': '2', 'visitDate-year': '2026' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    const text = bodyText(res.body);
    for (const message of [
      'Date of the visit must be a real date',
      'Select the type of visit',
      'Explain why Amara was not seen alone',
      'Select whether Amara’s bedroom was seen',
      'Select whether Bode was seen',
      'Select whether Bode’s bedroom was seen',
      'Write what the visit means for the child',
    ]) {
      expect(text).toContain(message);
    }
    for (const href of ['#visitDate-day', '#type', `#reason-${a}`, `#bedroom-${a}`, `#seen-${b}`, `#bedroom-${b}`, '#analysis']) {
      expect(res.body).toContain(`href="${href}"`);
      expect(res.body).toContain(`id="${href.slice(1)}"`);
    }
    // In page order: the date first, then the type, then Amara's part, then Bode's, then the analysis.
    const order = ['#visitDate-day', '#type', `#reason-${a}`, `#seen-${b}`, '#analysis'].map((h) => res.body.indexOf(`href="${h}"`));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; said hello');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('value="31"');
    expect(res.body).toMatch(new RegExp(`value="${b}"[^>]*checked`));
    expect(await count(t, 'visits')).toBe(before);
  });

  it('never fails on hostile input and stores nothing it refuses', async () => {
    const family = await siblings(t, { count: 2 });
    const [a, b] = family.ids as [string, string];
    const stranger = await createChild(t.database.db, { firstName: 'Stranger' });
    const before = await count(t, 'visits');
    const hostile: Record<string, string | string[]>[] = [
      { analysis: 'x'.repeat(10_001) },
      { analysis: '\u0000\u0001\u0002' },
      { analysis: ['a', 'b'] },
      { observed: 'x'.repeat(10_001) },
      { othersSeen: 'x'.repeat(2001) },
      { othersSeen: '\u0000'.repeat(25_000) },
      { nextSteps: 'x'.repeat(5001) },
      { [`words-${a}`]: 'x'.repeat(5001) },
      { [`reason-${a}`]: 'x'.repeat(2001), [`seen-${a}`]: 'not-seen' },
      { [`seen-${a}`]: ['alone', 'not-seen'] },
      { [`seen-${a}`]: 'maybe' },
      { [`bedroom-${a}`]: 'sometimes' },
      { type: 'secret' },
      { type: ['other', 'child-in-need'] },
      { 'visitDate-year': String(Number(daysAgo(0).slice(0, 4)) + 1) },
      { 'visitDate-day': '0' },
      { 'visitDate-day': 'x'.repeat(10_000) },
      { 'visitDate-month': ['1', '2'] },
      { children: [b, stranger.id] },
      { children: 'not-a-uuid' },
      { children: '00000000-0000-0000-0000-000000000000' },
    ];
    for (const override of hostile) {
      const res = await worker.post(`/people/${a}/visits/new`, visitForm([a, b], override));
      expect(res.statusCode, JSON.stringify(override).slice(0, 80)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
    }
    expect(await count(t, 'visits')).toBe(before);
    // Script tags are text: stored as typed, shown escaped.
    const ok = await worker.post(`/people/${a}/visits/new`, visitForm([a], { analysis: '<script>alert("x")</script> is what the child drew' }));
    expect(ok.statusCode).toBe(303);
    const page = await worker.get(String(ok.headers.location));
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; is what the child drew');
  });

  it('offers only the children this worker may see, and refuses a child from outside the household', async () => {
    const db = t.database.db;
    const family = await siblings(t, { count: 1 });
    const otherTeamSibling = await createChild(db, { firstName: 'Otherteam', lastName: family.surname });
    await createEpisode(db, otherTeamSibling.id);
    await createAllocation(db, otherTeamSibling.id, t.teams.get('Children in Need North')!, t.users.get(EMAILS.worker2)!);
    const restrictedSibling = await createChild(db, { firstName: 'Hidden', lastName: family.surname, restricted: true });
    const movedOut = await createChild(db, { firstName: 'Movedout', lastName: family.surname });
    await createHousehold(db, 'shared', [family.ids[0]!, otherTeamSibling.id, restrictedSibling.id, { personId: movedOut.id, toDate: '2024-01-01' }]);
    const form = await worker.get(`/people/${family.ids[0]}/visits/new`);
    expect(form.statusCode).toBe(200);
    for (const hidden of [otherTeamSibling, restrictedSibling, movedOut]) {
      expect(form.body).not.toContain(hidden.id);
      expect(form.body).not.toContain(hidden.firstName);
    }
    const before = await count(t, 'visits');
    for (const child of [otherTeamSibling, restrictedSibling, movedOut]) {
      const res = await worker.post(`/people/${family.ids[0]}/visits/new`, visitForm([family.ids[0]!, child.id]));
      expect(res.statusCode).toBe(400);
      expect(bodyText(res.body)).toContain('One of the children ticked no longer lives with this child');
    }
    expect(await count(t, 'visits')).toBe(before);
  });

  it('refuses another team, a partner agency (even one granted the child), an administrator, and recording by chairs', async () => {
    const db = t.database.db;
    const family = await siblings(t, { count: 1 });
    const id = family.ids[0]!;
    const saved = await worker.post(`/people/${id}/visits/new`, visitForm([id]));
    const visitPath = String(saved.headers.location);
    await db.execute(sql`INSERT INTO access_grants (user_id, person_id, purpose, expires_at) VALUES (${t.users.get(EMAILS.partner)!}, ${id}, 'Joint visit', now() + interval '30 days')`);
    const before = await count(t, 'visits');
    for (const email of [EMAILS.worker2, EMAILS.manager2, EMAILS['early-help'], EMAILS.partner, EMAILS.admin]) {
      const agent = await t.signIn(email);
      const refusedBefore = await refusals(email);
      for (const path of [`/people/${id}/visits`, visitPath, `/people/${id}/visits/new`]) {
        expect((await agent.get(path)).statusCode, `${email} GET ${path}`).toBe(403);
      }
      expect((await agent.post(`/people/${id}/visits/new`, visitForm([id]))).statusCode, `${email} POST`).toBe(403);
      expect(await refusals(email)).toBe(refusedBefore + 4);
    }
    for (const email of [EMAILS['cp-chair'], EMAILS.qa]) {
      const agent = await t.signIn(email);
      expect((await agent.get(`/people/${id}/visits`)).statusCode).toBe(200);
      expect((await agent.get(visitPath)).statusCode).toBe(200);
      expect((await agent.get(`/people/${id}/visits/new`)).statusCode).toBe(403);
      expect((await agent.post(`/people/${id}/visits/new`, visitForm([id]))).statusCode).toBe(403);
    }
    const manager = await t.signIn(EMAILS.manager);
    expect((await manager.post(`/people/${id}/visits/new`, visitForm([id]))).statusCode).toBe(303);
    expect(await count(t, 'visits')).toBe(before + 1);
    const anonymous = await t.anonymous().get(`/people/${id}/visits`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in');
  });

  it('keeps a draft: shown again on the form (autosaved or kept after a timeout) until saved or discarded', async () => {
    const family = await siblings(t, { count: 1 });
    const id = family.ids[0]!;
    const path = `/people/${id}/visits/new`;
    await worker.post(`/drafts?form=${encodeURIComponent(path)}`, { analysis: 'Typed on the doorstep', type: 'other' });
    const shown = await worker.get(path);
    expect(bodyText(shown.body)).toContain('This is the visit you started and did not save');
    expect(shown.body).toContain('Typed on the doorstep');
    expect((await worker.post(`${path}/discard`, {})).statusCode).toBe(303);
    expect((await worker.get(path)).body).not.toContain('Typed on the doorstep');

    const agent = await t.signIn(EMAILS.manager);
    const managerId = t.users.get(EMAILS.manager)!;
    await agent.get(path);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${managerId}`);
    const late = await agent.post(path, visitForm([id], { analysis: 'Written for an hour before the session ran out' }));
    expect(late.statusCode).toBe(303);
    expect(String(late.headers.location)).toContain('/sign-in');
    const again = await t.signIn(EMAILS.manager);
    const restored = await again.get(path);
    expect(restored.body).toContain('Written for an hour before the session ran out');
    const saved = await again.post(path, visitForm([id], { analysis: 'Written for an hour before the session ran out' }));
    expect(saved.statusCode).toBe(303);
    expect(await t.services.drafts.get(managerId, path)).toBeNull();
  });
});
