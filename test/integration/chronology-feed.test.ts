import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';

type Row = { category: string; significance: string; summary: string; origin_type: string; occurred_on: string; source_kind: string; source_agency: string | null; people: string[] };

describeEachDb('the chronology is fed by what is recorded: contacts, decisions, allocations, episodes', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let manager: Agent;

  const entriesOf = async (personId: string): Promise<Row[]> => {
    const found = await rows<Omit<Row, 'people'> & { people: unknown }>(
      t.database.db,
      sql`SELECT e.category, e.significance, e.summary, e.origin_type, e.occurred_on::text AS occurred_on, e.source_kind, e.source_agency,
                 (SELECT json_agg(l2.person_id ORDER BY l2.person_id) FROM chronology_links l2 WHERE l2.entry_id = e.id) AS people
          FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id
          WHERE l.person_id = ${personId} ORDER BY e.recorded_at, e.id`,
    );
    return found.map((r) => ({ ...r, people: (typeof r.people === 'string' ? JSON.parse(r.people) : r.people) as string[] }));
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    manager = await t.signIn(EMAILS.manager);
  });
  afterAll(() => t.close());

  it('adds one entry per event, linked to every child it concerns, and shows them in each chronology', async () => {
    const db = t.database.db;
    const children = [await createChild(db, { firstName: 'Ola', lastName: 'Feed' }), await createChild(db, { firstName: 'Piotr', lastName: 'Feed' })];
    const ids = children.map((c) => c.id).sort();
    const contact = await worker.post('/contacts', {
      child: children.map((c) => c.id),
      'receivedOn-day': '3',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
      source: '6',
      referrerAgency: 'West Yorkshire Police',
      referrerName: 'PC Ellis',
      concern: 'Police were called to the home after neighbours heard shouting.',
      consent: 'given',
    });
    expect(contact.statusCode).toBe(303);
    const contactId = String(contact.headers.location).split('/').pop()!;

    let entries = await entriesOf(children[0]!.id);
    expect(entries).toEqual([
      {
        category: 'contact',
        significance: 'routine',
        summary: 'Contact to children’s services (Police). Police were called to the home after neighbours heard shouting.',
        origin_type: 'contact',
        occurred_on: '2026-02-03',
        source_kind: 'agency',
        source_agency: 'West Yorkshire Police',
        people: ids,
      },
    ]);

    const decided = await manager.post(`/contacts/${contactId}/decision`, { decision: 'referral', decisionReason: 'Needs a child and family assessment' });
    expect(decided.statusCode).toBe(303);
    entries = await entriesOf(children[1]!.id);
    const referral = entries.find((e) => e.origin_type === 'contact-decision')!;
    expect(referral).toMatchObject({ category: 'referral', significance: 'significant', occurred_on: todayInLondon(), source_kind: 'hearth', people: ids });
    expect(referral.summary).toBe('Decision on the contact of 3 February 2026: referral to children’s social care. Child in need episode opened for Ola Feed and Piotr Feed. Reasons: Needs a child and family assessment');

    const [year, month, day] = todayInLondon().split('-');
    const allocated = await manager.post(`/people/${children[0]!.id}/allocate`, {
      team: t.teams.get('Front Door and Assessment')!,
      worker: t.users.get(EMAILS.worker)!,
      currentAllocation: '',
      reason: 'Assessment',
      'fromDate-day': day!,
      'fromDate-month': month!,
      'fromDate-year': year!,
    });
    expect(allocated.statusCode).toBe(303);
    const allocation = (await entriesOf(children[0]!.id)).find((e) => e.origin_type === 'allocation')!;
    expect(allocation).toMatchObject({ category: 'allocation', significance: 'routine', summary: 'Allocated to Sam Okafor, Front Door and Assessment. Reason: Assessment', people: [children[0]!.id] });

    const episode = await rows<{ id: string; version: number }>(db, sql`SELECT id, version FROM episodes WHERE person_id = ${children[0]!.id}`);
    const closed = await worker.post(`/people/${children[0]!.id}/episodes/${episode[0]!.id}/close`, {
      'endDate-day': day!,
      'endDate-month': month!,
      'endDate-year': year!,
      closureReason: 'RC8',
      version: String(episode[0]!.version),
    });
    expect(closed.statusCode).toBe(303);
    const ended = (await entriesOf(children[0]!.id)).find((e) => e.origin_type === 'episode')!;
    expect(ended).toMatchObject({ category: 'episode', significance: 'routine', summary: 'Child in need episode closed: Case closed after assessment, no further action. No longer allocated to a team or worker.' });

    // The child is back at the front door (no team): the worker still sees the record, with everything in order.
    const page = await worker.get(`/people/${children[0]!.id}/chronology`);
    expect(page.statusCode).toBe(200);
    const text = bodyText(page.body);
    for (const words of ['Contact with children’s services', 'Referral', 'Worker or team changed', 'Involvement opened or closed', 'Made from the contact: change it there']) expect(text).toContain(words);
    expect(page.body).toContain(`/contacts/${contactId}`);
    expect(page.body).toContain(`/people/${children[0]!.id}/involvement`);
    const sibling = bodyText((await worker.get(`/people/${children[1]!.id}/chronology`)).body);
    expect(sibling).toContain('Police were called to the home');
    expect(sibling).not.toContain('Allocated to Sam Okafor');
  });

  it('records no further action as a routine contact entry and early help as an episode', async () => {
    const db = t.database.db;
    for (const [decision, category] of [['nfa', 'contact'], ['early-help', 'episode']] as const) {
      const child = await createChild(db, { firstName: decision, lastName: 'Decision' });
      const res = await worker.post('/contacts', { child: child.id, 'receivedOn-day': '1', 'receivedOn-month': '2', 'receivedOn-year': '2026', source: '2A', concern: 'Late to school most days.', consent: 'given' });
      const contactId = String(res.headers.location).split('/').pop()!;
      expect((await manager.post(`/contacts/${contactId}/decision`, { decision, decisionReason: 'Reasons given' })).statusCode).toBe(303);
      const decisionEntry = (await entriesOf(child.id)).find((e) => e.origin_type === 'contact-decision')!;
      expect(decisionEntry).toMatchObject({ category, significance: 'routine' });
      expect((await entriesOf(child.id)).find((e) => e.origin_type === 'contact')).toMatchObject({ source_kind: 'agency', source_agency: 'Schools' });
    }
  });
});
