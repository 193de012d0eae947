import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';

/** A complete, valid contact form about these children. */
export function contactForm(children: string[], overrides: Record<string, string | string[] | undefined> = {}) {
  return {
    child: children,
    'receivedOn-day': '3',
    'receivedOn-month': '2',
    'receivedOn-year': '2026',
    source: '2A',
    referrerName: 'Ms Pat Reed',
    referrerAgency: 'Hillside Primary School',
    referrerPhone: '01632 960 001',
    concern: 'The children came to school hungry three days running and said there was no food at home.',
    consent: 'given',
    ...overrides,
  };
}

describeEachDb('contacts: recording what came in at the front door', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let count: () => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    count = async () => toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM contacts`))[0]?.n);
  });
  afterAll(() => t.close());

  it('records one contact about three siblings, audited for each child, and shows it', async () => {
    const db = t.database.db;
    const [a, b, c] = [await createChild(db, { firstName: 'Amara', lastName: 'Okoro' }), await createChild(db, { firstName: 'Bode', lastName: 'Okoro' }), await createChild(db, { firstName: 'Chidi', lastName: 'Okoro' })];
    const ids = [a!.id, b!.id, c!.id];
    const form = await worker.get(`/contacts/new?child=${ids[0]}&child=${ids[1]}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Amara Okoro');
    expect(form.body).toContain('Bode Okoro');
    expect(form.body).toContain(`/search?pick=${encodeURIComponent(`/contacts/new?child=${ids[0]}&child=${ids[1]}`)}`);

    const saved = await worker.post('/contacts', contactForm(ids));
    expect(saved.statusCode).toBe(303);
    const contactId = /^\/contacts\/([0-9a-f-]{36})$/.exec(String(saved.headers.location))?.[1];
    expect(contactId).toBeDefined();
    const linked = await rows<{ person_id: string }>(db, sql`SELECT person_id FROM contact_children WHERE contact_id = ${contactId!}`);
    expect(linked.map((r) => r.person_id).sort()).toEqual([...ids].sort());
    const stored = await rows<{ received_on: string; source_code: string; consent: string; decision: string | null }>(db, sql`SELECT received_on::text, source_code, consent, decision FROM contacts WHERE id = ${contactId!}`);
    expect(stored[0]).toEqual({ received_on: '2026-02-03', source_code: '2A', consent: 'given', decision: null });

    const view = await worker.get(`/contacts/${contactId}`);
    expect(view.statusCode).toBe(200);
    const text = bodyText(view.body);
    expect(text).toContain('Contact recorded about Amara Okoro, Bode Okoro, Chidi Okoro');
    expect(text).toContain('came to school hungry');
    expect(text).toContain('Schools');
    expect(text).toContain('Waiting for a decision');
    expect(text).toContain('A team manager decides what happens next');

    const audit = await rows<{ action: string; child_id: string }>(db, sql`SELECT action, child_id FROM audit_log WHERE subject_id = ${contactId!} ORDER BY seq`);
    expect(audit.filter((r) => r.action === 'contact-recorded').map((r) => r.child_id).sort()).toEqual([...ids].sort());
    expect(audit.filter((r) => r.action === 'contact-viewed').map((r) => r.child_id).sort()).toEqual([...ids].sort());

    const list = await worker.get('/contacts');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/contacts/${contactId}`);
  });

  it('asks who the contact is about when no child is chosen yet', async () => {
    const res = await worker.get('/contacts/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Who is the contact about?');
    expect(res.body).toContain(`/search?pick=${encodeURIComponent('/contacts/new')}`);
  });

  it('shows every problem in a GOV.UK error summary, keeps what was typed and stores nothing', async () => {
    const child = await createChild(t.database.db);
    const before = await count();
    const res = await worker.post('/contacts', { child: child.id, concern: '  <b>typed text</b>  ', 'receivedOn-day': '31', 'receivedOn-month': '2', 'receivedOn-year': '2026' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    const text = bodyText(res.body);
    expect(text).toContain('Date the contact was received must be a real date');
    expect(text).toContain('Select who the contact came from');
    expect(text).toContain('Select whether consent to share with other agencies was given');
    expect(res.body).toContain('href="#receivedOn-day"');
    expect(res.body).toContain('href="#source"');
    expect(res.body).toContain('id="source"');
    expect(res.body).toContain('&lt;b&gt;typed text&lt;/b&gt;');
    expect(res.body).toContain('value="31"');
    expect(await count()).toBe(before);

    const empty = await worker.post('/contacts', { child: child.id });
    expect(empty.statusCode).toBe(400);
    expect(bodyText(empty.body)).toContain('Enter the date the contact was received');
    expect(bodyText(empty.body)).toContain('Describe the concern in plain words');
    expect(await count()).toBe(before);
  });

  it('never fails on hostile input: long text, control characters, scripts, arrays, future and impossible dates', async () => {
    const child = await createChild(t.database.db);
    const before = await count();
    const hostile: Record<string, string | string[]>[] = [
      { concern: 'x'.repeat(5001) },
      { concern: '\u0000\u0001\u0002' },
      { source: ['2A', '6'] },
      { concern: ['a', 'b'] },
      { 'receivedOn-year': '3026' },
      { 'receivedOn-day': 'x'.repeat(10000) },
      { 'receivedOn-month': ['1', '2'] },
      { referrerName: 'x'.repeat(201) },
      { referrerPhone: '<script>alert(1)</script>' },
      { consent: 'maybe' },
      { source: '99' },
    ];
    for (const override of hostile) {
      const res = await worker.post('/contacts', contactForm([child.id], override));
      expect(res.statusCode, JSON.stringify(override).slice(0, 80)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    expect(await count()).toBe(before);
    const tooMany = await worker.post('/contacts', contactForm(Array.from({ length: 21 }, () => crypto.randomUUID())));
    expect(tooMany.statusCode).toBe(400);
    expect(bodyText(tooMany.body)).toContain('A contact can be about at most 20 children');
    const garbage = await worker.post('/contacts', contactForm(['not-a-child']));
    expect(garbage.statusCode).toBe(400);
    expect(bodyText(garbage.body)).toContain('could not be found');
    expect(await count()).toBe(before);
  });

  it('stores scripts and control characters harmlessly: cleaned, and escaped when shown', async () => {
    const child = await createChild(t.database.db);
    const res = await worker.post('/contacts', contactForm([child.id], { concern: 'Mum said <script>alert("x")</script>\u0007 and left.' }));
    expect(res.statusCode).toBe(303);
    const view = await worker.get(String(res.headers.location));
    expect(view.body).toContain('Mum said &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and left.');
    expect(view.body).not.toContain('<script>alert');
  });

  it('refuses consent not sought without a reason, and asks a manager to authorise it when there is one', async () => {
    const child = await createChild(t.database.db);
    const before = await count();
    const refused = await worker.post('/contacts', contactForm([child.id], { consent: 'not-sought' }));
    expect(refused.statusCode).toBe(400);
    expect(bodyText(refused.body)).toContain('Explain why asking for consent could put the child at risk');
    expect(refused.body).toContain('href="#consentNotSoughtReason"');
    expect(await count()).toBe(before);
    const saved = await worker.post('/contacts', contactForm([child.id], { consent: 'not-sought', consentNotSoughtReason: 'Father is the alleged abuser; asking him would warn him.' }));
    expect(saved.statusCode).toBe(303);
    const view = await worker.get(String(saved.headers.location));
    expect(bodyText(view.body)).toContain('Waiting for a team manager');
    expect(view.body).not.toContain('consent-authorisation');
  });

  it('keeps the reason only when consent was not sought', async () => {
    const child = await createChild(t.database.db);
    const saved = await worker.post('/contacts', contactForm([child.id], { consent: 'refused', consentNotSoughtReason: 'left over from a change of mind' }));
    const id = String(saved.headers.location).split('/').pop()!;
    const stored = await rows<{ consent_not_sought_reason: string | null }>(t.database.db, sql`SELECT consent_not_sought_reason FROM contacts WHERE id = ${id}`);
    expect(stored[0]?.consent_not_sought_reason).toBeNull();
  });

  it('checks every child with the access module: another team’s child is refused and the refusal audited', async () => {
    const db = t.database.db;
    const mine = await createChild(db);
    const theirs = await createChild(db);
    await createEpisode(db, theirs.id);
    await createAllocation(db, theirs.id, t.teams.get('Children in Need North')!, t.users.get(EMAILS.worker2)!);
    const before = await count();
    const form = await worker.get(`/contacts/new?child=${mine.id}&child=${theirs.id}`);
    expect(form.statusCode).toBe(403);
    const post = await worker.post('/contacts', contactForm([mine.id, theirs.id]));
    expect(post.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const refusals = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND child_id = ${theirs.id}`);
    expect(toNumber(refusals[0]?.n)).toBe(2);

    // A contact about both, recorded by the team that holds the second child, is hidden from the first team.
    const other = await t.signIn(EMAILS.worker2);
    const saved = await other.post('/contacts', contactForm([mine.id, theirs.id]));
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers.location);
    expect((await worker.get(location)).statusCode).toBe(403);
    expect((await worker.get('/contacts')).body).not.toContain(location);
    expect((await other.get('/contacts')).body).toContain(location);
  });

  it('asks for a reason before a restricted child is used, and refuses people not named on the record', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Private', restricted: true });
    const userId = t.users.get(EMAILS.worker)!;
    expect((await worker.get(`/contacts/new?child=${child.id}`)).statusCode).toBe(403);
    await db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${child.id}, ${userId})`);
    const asked = await worker.get(`/contacts/new?child=${child.id}`);
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe(`/people/${child.id}/restricted?returnTo=${encodeURIComponent(`/contacts/new?child=${child.id}`)}`);
    await db.execute(
      sql`UPDATE sessions SET data = jsonb_set(data, '{restrictedReasons}', jsonb_build_object(${child.id}::text, 'Duty worker taking the call'::text)) WHERE user_id = ${userId}`,
    );
    expect((await worker.get(`/contacts/new?child=${child.id}`)).statusCode).toBe(200);
    const saved = await worker.post('/contacts', contactForm([child.id]));
    expect(saved.statusCode).toBe(303);
    const audit = await rows<{ reason: string }>(db, sql`SELECT reason FROM audit_log WHERE action = 'contact-recorded' AND child_id = ${child.id}`);
    expect(audit[0]?.reason).toBe('Duty worker taking the call');
  });

  it('refuses an adult as the subject of a contact, and unknown children', async () => {
    const adult = await createAdult(t.database.db, { firstName: 'Grace' });
    const res = await worker.get(`/contacts/new?child=${adult.id}`);
    expect(res.statusCode).toBe(400);
    expect(bodyText(res.body)).toContain('is an adult. A contact is about children');
    expect((await worker.post('/contacts', contactForm([adult.id]))).statusCode).toBe(400);
    expect((await worker.get(`/contacts/new?child=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await worker.get(`/contacts/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await worker.get('/contacts/not-an-id')).statusCode).toBe(404);
  });

  it('lists newest first, 25 at a time with keyset paging, and lets managers see only those waiting', async () => {
    const child = await createChild(t.database.db, { firstName: 'Paged' });
    for (let day = 1; day <= 27; day += 1) {
      const res = await worker.post('/contacts', contactForm([child.id], { 'receivedOn-day': String(day), 'receivedOn-month': '1', 'receivedOn-year': '2020', concern: `Paging contact ${day}` }));
      expect(res.statusCode).toBe(303);
    }
    const manager = await t.signIn(EMAILS.manager);
    const first = await manager.get('/contacts');
    expect(first.statusCode).toBe(200);
    const older = /href="(\/contacts\?before=[^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    let page = await manager.get(older!);
    const seen: string[] = [];
    for (let guard = 0; guard < 10; guard += 1) {
      seen.push(...[...page.body.matchAll(/Paging contact (\d+)/g)].map((m) => m[1]!));
      const next = /href="(\/contacts\?before=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
      if (!next) break;
      page = await manager.get(next);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));

    const waiting = await manager.get('/contacts?waiting=yes');
    expect(waiting.body).toContain('Contacts waiting for a decision');
    expect(bodyText(waiting.body)).not.toMatch(/\bNo further action\b/);
    expect((await worker.get('/contacts?waiting=yes')).body).not.toContain('Contacts waiting for a decision');
    expect((await manager.get('/contacts?before=nonsense')).statusCode).toBe(200);
    expect((await manager.get(`/contacts?before=2026-13-45_${crypto.randomUUID()}`)).statusCode).toBe(200);
    expect((await manager.get('/contacts?before=2026-01-01_x&before=y')).statusCode).toBe(200);
  });

  it('is only for practitioners and managers', async () => {
    for (const role of ['partner', 'admin'] as const) {
      const agent = await t.signIn(EMAILS[role]);
      expect((await agent.get('/contacts')).statusCode).toBe(403);
      expect((await agent.get('/contacts/new')).statusCode).toBe(403);
      expect((await agent.post('/contacts', contactForm([]))).statusCode).toBe(403);
    }
    const qa = await t.signIn(EMAILS.qa);
    expect((await qa.get('/contacts')).statusCode).toBe(403);
    expect((await t.anonymous().get('/contacts')).statusCode).toBe(303);
  });

  it('keeps a half-written contact after the session timed out, and offers it back', async () => {
    const child = await createChild(t.database.db);
    const agent = await t.signIn(EMAILS['early-help']);
    const userId = t.users.get(EMAILS['early-help'])!;
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${userId}`);
    const lost = await agent.post('/contacts', contactForm([child.id], { concern: 'Typed for forty minutes before the session ended' }));
    expect(lost.statusCode).toBe(303);
    const again = await t.signIn(EMAILS['early-help']);
    const list = await again.get('/contacts');
    expect(list.body).toContain('/contacts/new?resume=1');
    const resumed = await again.get('/contacts/new?resume=1');
    expect(resumed.statusCode).toBe(200);
    expect(resumed.body).toContain('Typed for forty minutes before the session ended');
    expect(resumed.body).toContain(child.id);
    const saved = await again.post('/contacts', contactForm([child.id], { concern: 'Typed for forty minutes before the session ended' }));
    expect(saved.statusCode).toBe(303);
    expect((await again.get('/contacts')).body).not.toContain('/contacts/new?resume=1');
  });
});
