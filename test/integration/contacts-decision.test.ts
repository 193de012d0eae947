import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { referrals } from '../../src/features/referrals/tables';

function contactForm(children: string[], overrides: Record<string, string> = {}) {
  return {
    child: children,
    'receivedOn-day': '3',
    'receivedOn-month': '2',
    'receivedOn-year': '2026',
    source: '6',
    concern: 'Police were called to the home after neighbours heard shouting and a child crying late at night.',
    consent: 'given',
    ...overrides,
  };
}

describeEachDb('contacts: the team manager’s decision and consent authorisation', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let manager: Agent;

  /** Records a contact about new children through the app; returns its id and the children. */
  async function newContact(n: number, overrides: Record<string, string> = {}) {
    const children = [];
    for (let i = 0; i < n; i += 1) children.push(await createChild(t.database.db, { lastName: 'Decided' }));
    const res = await worker.post('/contacts', contactForm(children.map((c) => c.id), overrides));
    expect(res.statusCode).toBe(303);
    return { id: String(res.headers.location).split('/').pop()!, children: children.map((c) => c.id) };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    manager = await t.signIn(EMAILS.manager);
  });
  afterAll(() => t.close());

  it('only a team manager may decide: a worker is refused and nothing changes', async () => {
    const contact = await newContact(1);
    expect((await worker.get(`/contacts/${contact.id}/decision`)).statusCode).toBe(403);
    const res = await worker.post(`/contacts/${contact.id}/decision`, { decision: 'referral', decisionReason: 'Needs an assessment' });
    expect(res.statusCode).toBe(403);
    const stored = await rows<{ decision: string | null }>(t.database.db, sql`SELECT decision FROM contacts WHERE id = ${contact.id}`);
    expect(stored[0]?.decision).toBeNull();
    const refused = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND subject_id = '/contacts/:contactId/decision'`);
    expect(toNumber(refused[0]?.n)).toBeGreaterThan(0);
  });

  it('a referral opens a child in need episode and a referral for each child, in one transaction, audited per child', async () => {
    const contact = await newContact(3);
    const page = await manager.get(`/contacts/${contact.id}/decision`);
    expect(page.statusCode).toBe(200);
    const res = await manager.post(`/contacts/${contact.id}/decision`, { decision: 'referral', decisionReason: 'Three children, repeated police call-outs: needs a child and family assessment.' });
    expect(res.statusCode).toBe(303);
    const db = t.database.db;
    const episodes = await rows<{ person_id: string; type: string; start_date: string; end_date: string | null }>(db, sql`SELECT person_id, type, start_date::text, end_date::text FROM episodes WHERE person_id IN (${sql.join(contact.children.map((c) => sql`${c}::uuid`), sql`, `)})`);
    expect(episodes).toHaveLength(3);
    for (const e of episodes) expect(e).toMatchObject({ type: 'child-in-need', start_date: '2026-02-03', end_date: null });
    const made = await db.select().from(referrals).where(sql`${referrals.contactId} = ${contact.id}`);
    expect(made.map((r) => r.personId).sort()).toEqual([...contact.children].sort());
    for (const r of made) expect(r).toMatchObject({ referralDate: '2026-02-03', sourceCode: '6' });
    const audit = await rows<{ child_id: string; details: unknown }>(db, sql`SELECT child_id, details FROM audit_log WHERE action = 'contact-decided' AND subject_id = ${contact.id}`);
    expect(audit.map((a) => a.child_id).sort()).toEqual([...contact.children].sort());

    const view = await manager.get(`/contacts/${contact.id}`);
    const text = bodyText(view.body);
    expect(text).toContain('Decision recorded: referral to children’s social care. 3 new child in need episodes opened.');
    expect(text).toContain('Three children, repeated police call-outs');
    expect(text).toContain('Decided by Morgan Ellis');
    expect(text).not.toContain('Record the decision');
  });

  it('early help opens an early help episode and makes no referral; no further action opens nothing', async () => {
    const early = await newContact(1);
    expect((await manager.post(`/contacts/${early.id}/decision`, { decision: 'early-help', decisionReason: 'Family asked for help with routines.' })).statusCode).toBe(303);
    const db = t.database.db;
    const eh = await rows<{ type: string }>(db, sql`SELECT type FROM episodes WHERE person_id = ${early.children[0]!}`);
    expect(eh.map((e) => e.type)).toEqual(['early-help']);
    expect(await db.select().from(referrals).where(sql`${referrals.contactId} = ${early.id}`)).toHaveLength(0);

    const nfa = await newContact(1);
    expect((await manager.post(`/contacts/${nfa.id}/decision`, { decision: 'nfa', decisionReason: 'Information shared was already known; no concern.' })).statusCode).toBe(303);
    expect(await rows(db, sql`SELECT 1 FROM episodes WHERE person_id = ${nfa.children[0]!}`)).toHaveLength(0);
  });

  it('a child already open to children’s social care keeps their episode: the referral is linked to it', async () => {
    const child = await createChild(t.database.db);
    const open = await createEpisode(t.database.db, child.id, { startDate: '2025-11-01' });
    const res = await worker.post('/contacts', contactForm([child.id]));
    const id = String(res.headers.location).split('/').pop()!;
    expect((await manager.post(`/contacts/${id}/decision`, { decision: 'referral', decisionReason: 'New incident while open.' })).statusCode).toBe(303);
    const episodes = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM episodes WHERE person_id = ${child.id}`);
    expect(episodes.map((e) => e.id)).toEqual([open.id]);
    const made = await t.database.db.select().from(referrals).where(sql`${referrals.personId} = ${child.id}`);
    expect(made[0]?.episodeId).toBe(open.id);
  });

  it('shows a re-referral within 12 months to the manager deciding', async () => {
    const child = await createChild(t.database.db);
    const first = await worker.post('/contacts', contactForm([child.id], { 'receivedOn-day': '10', 'receivedOn-month': '6', 'receivedOn-year': '2025' }));
    await manager.post(`${String(first.headers.location)}/decision`, { decision: 'referral', decisionReason: 'First referral.' });
    const second = await worker.post('/contacts', contactForm([child.id]));
    const page = await manager.get(`${String(second.headers.location)}/decision`);
    const text = bodyText(page.body);
    expect(text).toContain('Re-referral within 12 months');
    expect(text).toContain('Previous referral 10 June 2025');
  });

  it('validates the decision, keeps what was typed, and never decides twice', async () => {
    const contact = await newContact(1);
    const bad = await manager.post(`/contacts/${contact.id}/decision`, { decision: 'maybe', decisionReason: ' typed reasons ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bodyText(bad.body)).toContain('Select the decision');
    expect(bad.body).toContain('typed reasons');
    const missing = await manager.post(`/contacts/${contact.id}/decision`, { decision: ['nfa', 'referral'] });
    expect(missing.statusCode).toBe(400);
    expect(bodyText(missing.body)).toContain('Give the reasons for the decision');
    expect((await manager.post(`/contacts/${contact.id}/decision`, { decision: 'nfa', decisionReason: 'x'.repeat(5001) })).statusCode).toBe(400);

    expect((await manager.post(`/contacts/${contact.id}/decision`, { decision: 'nfa', decisionReason: 'No concern.' })).statusCode).toBe(303);
    const again = await manager.post(`/contacts/${contact.id}/decision`, { decision: 'referral', decisionReason: 'My late reasons' });
    expect(again.statusCode).toBe(409);
    expect(bodyText(again.body)).toContain('Another manager recorded a decision');
    expect(again.body).toContain('My late reasons');
    const stored = await rows<{ decision: string }>(t.database.db, sql`SELECT decision FROM contacts WHERE id = ${contact.id}`);
    expect(stored[0]?.decision).toBe('nfa');
    expect((await manager.get(`/contacts/${contact.id}/decision`)).statusCode).toBe(303);
    expect((await manager.post(`/contacts/${crypto.randomUUID()}/decision`, { decision: 'nfa', decisionReason: 'x' })).statusCode).toBe(404);
  });

  it('a manager authorises, with reasons, that consent was not sought; a worker cannot', async () => {
    const contact = await newContact(2, { consent: 'not-sought', consentNotSoughtReason: 'Asking the mother’s partner would put the children at risk.' });
    expect((await worker.get(`/contacts/${contact.id}/consent-authorisation`)).statusCode).toBe(403);
    expect((await worker.post(`/contacts/${contact.id}/consent-authorisation`, { authorisationReason: 'I agree' })).statusCode).toBe(403);
    const view = await manager.get(`/contacts/${contact.id}`);
    expect(view.body).toContain(`/contacts/${contact.id}/consent-authorisation`);
    expect((await manager.get(`/contacts/${contact.id}/consent-authorisation`)).statusCode).toBe(200);
    const empty = await manager.post(`/contacts/${contact.id}/consent-authorisation`, { authorisationReason: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(bodyText(empty.body)).toContain('Give your reasons for authorising that consent was not sought');
    const ok = await manager.post(`/contacts/${contact.id}/consent-authorisation`, { authorisationReason: 'Risk of harm if the partner learns of the referral; sharing is proportionate.' });
    expect(ok.statusCode).toBe(303);
    const stored = await rows<{ consent_authorised_by: string; consent_authorisation_reason: string }>(t.database.db, sql`SELECT consent_authorised_by, consent_authorisation_reason FROM contacts WHERE id = ${contact.id}`);
    expect(stored[0]).toEqual({ consent_authorised_by: t.users.get(EMAILS.manager), consent_authorisation_reason: 'Risk of harm if the partner learns of the referral; sharing is proportionate.' });
    const audit = await rows<{ child_id: string }>(t.database.db, sql`SELECT child_id FROM audit_log WHERE action = 'consent-not-sought-authorised' AND subject_id = ${contact.id}`);
    expect(audit).toHaveLength(2);
    const shown = bodyText((await manager.get(`/contacts/${contact.id}`)).body);
    expect(shown).toContain('Authorised by Morgan Ellis');
    const twice = await manager.post(`/contacts/${contact.id}/consent-authorisation`, { authorisationReason: 'again' });
    expect(twice.statusCode).toBe(303);
    expect(bodyText((await manager.get(String(twice.headers.location))).body)).toContain('Nothing to authorise');

    const given = await newContact(1);
    expect((await manager.get(`/contacts/${given.id}/consent-authorisation`)).statusCode).toBe(303);
  });

  it('refuses a manager of another team a contact about a child their team cannot see', async () => {
    const contact = await newContact(1);
    // The child is allocated to the front door team: the Children in Need North manager may not see them.
    const child = contact.children[0]!;
    await createEpisode(t.database.db, child);
    await createAllocation(t.database.db, child, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    const other = await t.signIn(EMAILS.manager2);
    expect((await other.get(`/contacts/${contact.id}`)).statusCode).toBe(403);
    expect((await other.post(`/contacts/${contact.id}/decision`, { decision: 'nfa', decisionReason: 'x' })).statusCode).toBe(403);
    expect((await other.post(`/contacts/${contact.id}/consent-authorisation`, { authorisationReason: 'x' })).statusCode).toBe(403);
    const stored = await rows<{ decision: string | null }>(t.database.db, sql`SELECT decision FROM contacts WHERE id = ${contact.id}`);
    expect(stored[0]?.decision).toBeNull();
  });

  it('lets a reviewing officer and quality assurance read a contact, but not decide', async () => {
    const contact = await newContact(1);
    for (const role of ['cp-chair', 'qa'] as const) {
      const agent = await t.signIn(EMAILS[role]);
      expect((await agent.get(`/contacts/${contact.id}`)).statusCode).toBe(200);
      expect((await agent.post(`/contacts/${contact.id}/decision`, { decision: 'nfa', decisionReason: 'x' })).statusCode).toBe(403);
    }
    const partner = await t.signIn(EMAILS.partner);
    expect((await partner.get(`/contacts/${contact.id}`)).statusCode).toBe(403);
  });
});
