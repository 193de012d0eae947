import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type TestApp } from '../helpers/app';
import { createAdult, createChild, createRelationship } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { auditActions, createBrownFamily, grant, type BrownFamily } from './families.fixture';

type Row = { person_id: string; related_person_id: string; type: string; pair_id: string; from_date: string | null; to_date: string | null };

describeEachDb('adding and ending relationships', (kind) => {
  let t: TestApp;
  let f: BrownFamily;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createBrownFamily(t);
  });
  afterAll(() => t.close());

  const between = (a: string, b: string) =>
    rows<Row>(
      t.database.db,
      sql`SELECT person_id, related_person_id, type, pair_id, from_date::text AS from_date, to_date::text AS to_date FROM relationships
          WHERE (person_id = ${a} AND related_person_id = ${b}) OR (person_id = ${b} AND related_person_id = ${a}) ORDER BY created_at, type`,
    );

  it('finds only people the user may see when choosing the related person', async () => {
    const otherTeamChild = await createChild(t.database.db, { firstName: 'Hidden', lastName: 'Brown', currentTeamId: t.teams.get('Children in Need North')! });
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.get(`/people/${f.jade.id}/relationships/new?q=brown`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`relatedId=${f.kelly.id}`);
    expect(res.body).toContain(`relatedId=${f.tyler.id}`);
    expect(res.body).not.toContain('Hidden');
    expect(res.body).not.toContain(`relatedId=${otherTeamChild.id}`);
    expect(res.body).not.toContain(`relatedId=${f.jade.id}`);
    const none = await worker.get(`/people/${f.jade.id}/relationships/new?q=${encodeURIComponent('zzzz%_')}`);
    expect(bodyText(none.body)).toContain('No one you have access to matches');
    const short = await worker.get(`/people/${f.jade.id}/relationships/new?q=b`);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('govuk-error-summary');
    expect(short.body).toContain('Enter at least 2 letters of their name');
    expect(await auditActions(t, f.jade.id)).toContain('relationship-form-viewed');
  });

  it('records a relationship both ways, in one pair, audited on both records', async () => {
    const aunt = await createAdult(t.database.db, { firstName: 'Donna', lastName: 'Brown', sex: 'F' });
    const worker = await t.signIn(EMAILS.worker);
    const form = await worker.get(`/people/${f.jade.id}/relationships/new?relatedId=${aunt.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('What is Donna Brown to Jade Brown?');
    const res = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: aunt.id, type: 'aunt-uncle', 'fromDate-day': '1', 'fromDate-month': '3', 'fromDate-year': '2016' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${f.jade.id}/family?done=relationship-added`);
    const stored = await between(f.jade.id, aunt.id);
    expect(stored).toHaveLength(2);
    expect(stored[0]!.pair_id).toBe(stored[1]!.pair_id);
    expect(stored.map((r) => [r.person_id, r.type]).sort()).toEqual([[f.jade.id, 'aunt-uncle'], [aunt.id, 'niece-nephew']].sort());
    expect(stored.every((r) => r.from_date === '2016-03-01')).toBe(true);
    expect(await auditActions(t, f.jade.id)).toContain('relationship-added');
    expect(await auditActions(t, aunt.id)).toContain('relationship-added');
    // It reads correctly from both people.
    const jadePage = bodyText((await worker.get(`/people/${f.jade.id}/family?done=relationship-added`)).body);
    expect(jadePage).toContain('Relationship recorded');
    expect(jadePage).toMatch(/Donna Brown\s+Aunt/);
    const auntPage = bodyText((await worker.get(`/people/${aunt.id}/family`)).body);
    expect(auntPage).toMatch(/Jade Brown\s+Niece/);
  });

  it('shows the GOV.UK error summary and keeps what was typed', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: f.dean.id, type: '', 'fromDate-day': '31', 'fromDate-month': '2', 'fromDate-year': '2020' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#type"');
    expect(res.body).toContain('Choose how they are related');
    expect(res.body).toContain('href="#fromDate-day"');
    expect(res.body).toContain('The date the relationship started must be a real date');
    expect(res.body).toContain('value="31"');
    const future = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: f.dean.id, type: 'friend', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2199' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('must be today or in the past');
    const partial = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: f.dean.id, type: 'friend', 'fromDate-month': '1', 'fromDate-year': '2020' });
    expect(partial.body).toContain('must include a day');
  });

  it('never fails on hostile input, and stores nothing', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const before = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM relationships`);
    const attempts: Record<string, string | string[]>[] = [
      { relatedId: '<script>alert(1)</script>', type: 'mother' },
      { relatedId: [f.dean.id, f.sue.id], type: 'friend' },
      { relatedId: f.dean.id, type: ['friend', 'other'] },
      { relatedId: f.dean.id, type: 'x'.repeat(100_000) },
      { relatedId: f.dean.id, type: 'friend', 'fromDate-day': ['1', '2'], 'fromDate-month': '1', 'fromDate-year': '2020' },
      { relatedId: f.dean.id, type: 'friend\u0000', 'fromDate-day': '\u0007', 'fromDate-month': '1', 'fromDate-year': '2020' },
      { relatedId: f.jade.id, type: 'sibling' },
      {},
    ];
    for (const form of attempts) {
      const res = await worker.post(`/people/${f.jade.id}/relationships/new`, form);
      expect(res.statusCode, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).not.toContain('<script>alert');
    }
    const search = await worker.get(`/people/${f.jade.id}/relationships/new?q=${encodeURIComponent('<script>x</script>')}&relatedId=nope`);
    expect(search.statusCode).toBe(400);
    expect(search.body).not.toContain('<script>x');
    const after = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM relationships`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses a relationship with someone the user may not see, and a duplicate', async () => {
    const hidden = await createChild(t.database.db, { firstName: 'Secret', currentTeamId: t.teams.get('Children in Need North')! });
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: hidden.id, type: 'sibling' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose a person from the search results');
    expect(await between(f.jade.id, hidden.id)).toHaveLength(0);
    const again = await worker.post(`/people/${f.jade.id}/relationships/new`, { relatedId: f.kelly.id, type: 'mother' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This relationship with Kelly Brown is already recorded');
  });

  it('refuses changes by a worker in another team, a partner and a chair', async () => {
    await grant(t, EMAILS.partner, f.jade.id);
    for (const email of [EMAILS.worker2, EMAILS.partner, EMAILS['cp-chair']]) {
      const agent = await t.signIn(email);
      expect((await agent.get(`/people/${f.jade.id}/relationships/new`)).statusCode).toBe(403);
      const res = await agent.post(`/people/${f.jade.id}/relationships/new`, { relatedId: f.dean.id, type: 'friend' });
      expect(res.statusCode).toBe(403);
    }
    expect((await between(f.jade.id, f.dean.id)).filter((r) => r.type === 'friend')).toHaveLength(0);
  });

  it('ends a relationship on both rows, keeps it as history, and audits it', async () => {
    const pairId = await createRelationship(t.database.db, f.jade.id, f.dean.id, 'other', { fromDate: '2020-05-01' });
    const worker = await t.signIn(EMAILS.worker);
    const form = await worker.get(`/people/${f.jade.id}/relationships/${pairId}/end`);
    expect(form.statusCode).toBe(200);
    const missing = await worker.post(`/people/${f.jade.id}/relationships/${pairId}/end`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the date the relationship ended');
    expect(missing.body).toContain('href="#toDate-day"');
    const early = await worker.post(`/people/${f.jade.id}/relationships/${pairId}/end`, { 'toDate-day': '1', 'toDate-month': '1', 'toDate-year': '2020' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('must be on or after the date it started');
    const res = await worker.post(`/people/${f.jade.id}/relationships/${pairId}/end`, { 'toDate-day': '2', 'toDate-month': '6', 'toDate-year': '2024' });
    expect(res.statusCode).toBe(303);
    const stored = (await between(f.jade.id, f.dean.id)).filter((r) => r.pair_id === pairId);
    expect(stored.map((r) => r.to_date)).toEqual(['2024-06-02', '2024-06-02']);
    expect(await auditActions(t, f.dean.id)).toContain('relationship-ended');
    const page = await worker.get(`/people/${f.dean.id}/family`);
    const ended = bodyText(page.body.slice(page.body.indexOf('id="ended-heading"')));
    expect(ended).toMatch(/Jade Brown\s+Other relationship\s+\d+ years\s+1 May 2020 to 2 June 2024/);
    const twice = await worker.post(`/people/${f.jade.id}/relationships/${pairId}/end`, { 'toDate-day': '3', 'toDate-month': '6', 'toDate-year': '2024' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('This relationship has already ended');
  });

  it('refuses to end a relationship with someone the user may not see, or one that is not this person’s', async () => {
    const pairId = await createRelationship(t.database.db, f.kelly.id, f.jade.id, 'child');
    const other = await t.signIn(EMAILS.worker2);
    expect((await other.get(`/people/${f.kelly.id}/relationships/${pairId}/end`)).statusCode).toBe(403);
    const res = await other.post(`/people/${f.kelly.id}/relationships/${pairId}/end`, { 'toDate-day': '1', 'toDate-month': '1', 'toDate-year': '2024' });
    expect(res.statusCode).toBe(403);
    expect((await between(f.kelly.id, f.jade.id)).filter((r) => r.pair_id === pairId).every((r) => r.to_date === null)).toBe(true);
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.get(`/people/${f.sue.id}/relationships/${pairId}/end`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${f.kelly.id}/relationships/not-a-pair/end`)).statusCode).toBe(404);
  });
});
