import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createChronologyEntry, createHousehold } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';

/** The three Nowak children and their mother, in one household, allocated to Front Door and Assessment (Sam). */
async function household(t: TestApp, surname: string) {
  const db = t.database.db;
  const [a, b, c] = [
    await createChild(db, { firstName: 'Amelia', lastName: surname, dateOfBirth: '2014-02-01' }),
    await createChild(db, { firstName: 'Bartek', lastName: surname, dateOfBirth: '2016-06-01' }),
    await createChild(db, { firstName: 'Celina', lastName: surname, dateOfBirth: '2019-09-01' }),
  ];
  const mother = await createAdult(db, { firstName: 'Marta', lastName: surname, sex: 'F' });
  for (const child of [a!, b!, c!]) await createAllocation(db, child.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
  await createHousehold(db, `${surname} household`, [a!.id, b!.id, c!.id, mother.id]);
  return { a: a!, b: b!, c: c!, mother };
}

const incident = (people: string[], overrides: Record<string, string | string[]> = {}) => ({
  'occurred-day': '14',
  'occurred-month': '2',
  'occurred-year': '2025',
  precision: 'day',
  category: 'domestic-abuse',
  summary: 'Police called at 11pm: Marta’s partner shouted and threw a chair. The children were upstairs.',
  sourceKind: 'agency',
  sourceAgency: 'West Yorkshire Police',
  sourceName: 'PC Amir Khan',
  significance: 'significant',
  impact: 'Amelia heard it and was frightened; Celina woke and cried.',
  people,
  ...overrides,
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

describeEachDb('the chronology: entered once, shown everywhere, in the order events happened', (kind) => {
  let t: TestApp;
  let worker: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('records a domestic abuse incident for a household of three children once, and shows it in each child’s chronology and once in the family’s', async () => {
    const f = await household(t, 'Nowak');
    const form = await worker.get(`/people/${f.a.id}/chronology/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Bartek Nowak');
    expect(form.body).toContain('Marta Nowak');

    const res = await worker.post(`/people/${f.a.id}/chronology/new`, incident([f.b.id, f.c.id, f.mother.id]));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${f.a.id}/chronology?done=added`);

    const entries = await rows<{ id: string; n: unknown }>(
      t.database.db,
      sql`SELECT e.id, (SELECT count(*) FROM chronology_links l WHERE l.entry_id = e.id) AS n FROM chronology_entries e WHERE e.summary LIKE 'Police called at 11pm%'`,
    );
    expect(entries).toHaveLength(1);
    expect(toNumber(entries[0]!.n)).toBe(4);

    for (const child of [f.a, f.b, f.c]) {
      const page = await worker.get(`/people/${child.id}/chronology`);
      expect(page.statusCode).toBe(200);
      const text = bodyText(page.body);
      expect(count(text, 'Police called at 11pm')).toBe(1);
      expect(text).toContain('Domestic abuse incident');
      expect(text).toContain('Significant');
      expect(text).toContain('West Yorkshire Police (PC Amir Khan)');
      expect(text).toContain('Impact on the child: Amelia heard it');
      expect(text).toContain('14 February 2025');
      expect(text).toContain('Sam Okafor');
    }
    const family = await worker.get(`/people/${f.b.id}/family-chronology`);
    expect(family.statusCode).toBe(200);
    const text = bodyText(family.body);
    expect(count(text, 'Police called at 11pm')).toBe(1);
    expect(text).toContain('Concerns: Amelia Nowak, Bartek Nowak, Celina Nowak and Marta Nowak');

    const audited = await rows<{ action: string; child_id: string }>(t.database.db, sql`SELECT action, child_id FROM audit_log WHERE subject_id = ${entries[0]!.id} OR (action LIKE '%chronology-viewed' AND child_id = ${f.b.id})`);
    expect(audited.filter((r) => r.action === 'chronology-entry-added').map((r) => r.child_id).sort()).toEqual([f.a.id, f.b.id, f.c.id, f.mother.id].sort());
    expect(audited.filter((r) => r.action === 'chronology-viewed' || r.action === 'family-chronology-viewed')).toHaveLength(2);
    for (const html of [family.body, (await worker.get(`/people/${f.b.id}/chronology`)).body, (await worker.get(`/people/${f.b.id}/chronology/patterns?family=1`)).body, form.body]) {
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids used twice on a page').toEqual([]);
      expect(html).not.toMatch(/\sstyle="/);
    }
  });

  it('audits a view of the family’s chronology, its patterns and its export for every member whose record it shows', async () => {
    const f = await household(t, 'Auditfamily');
    // Celina moves to another team's caseload: Sam may no longer open her record, so the family's pages leave her out.
    await rows(t.database.db, sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${f.c.id}`);
    await createChronologyEntry(t.database.db, [f.a.id, f.b.id, f.c.id, f.mother.id], { summary: 'Everyone moved to a new flat.' });
    const shown = [f.a.id, f.b.id, f.mother.id].sort();
    const audited = async (action: string) => (await rows<{ child_id: string; subject_id: string }>(t.database.db, sql`SELECT child_id, subject_id FROM audit_log WHERE action = ${action} AND subject_id = ${f.b.id} ORDER BY seq`));
    for (const [url, action] of [
      [`/people/${f.b.id}/family-chronology`, 'family-chronology-viewed'],
      [`/people/${f.b.id}/chronology/patterns?family=1`, 'chronology-patterns-viewed'],
      [`/people/${f.b.id}/chronology.csv?family=1&purpose=conference`, 'chronology-disclosed'],
    ] as const) {
      expect((await worker.get(url)).statusCode, url).toBe(200);
      expect((await audited(action)).map((r) => r.child_id).sort(), url).toEqual(shown);
    }
    // A child's own chronology is about that child alone.
    await worker.get(`/people/${f.a.id}/chronology`);
    expect((await rows<{ child_id: string }>(t.database.db, sql`SELECT child_id FROM audit_log WHERE action = 'chronology-viewed' AND subject_id = ${f.a.id}`)).map((r) => r.child_id)).toEqual([f.a.id]);
  });

  it('keeps what was typed and shows every problem when the form is wrong, whatever is sent', async () => {
    const f = await household(t, 'Errorfield');
    const empty = await worker.post(`/people/${f.a.id}/chronology/new`, {});
    expect(empty.statusCode).toBe(400);
    const text = bodyText(empty.body);
    for (const message of ['Enter the date it happened', 'Select how exactly you know the date', 'Select what kind of event it was', 'Describe what happened, in plain words', 'Select whether a person or an agency told us', 'Select whether this is a significant event']) {
      expect(text).toContain(message);
    }
    expect(empty.body).toContain('href="#occurred-day"');

    const hostile = await worker.post(`/people/${f.a.id}/chronology/new`, {
      ...incident([f.b.id]),
      'occurred-day': '31',
      'occurred-month': '2',
      summary: ['<script>alert(1)</script>', 'second'],
      impact: 'x'.repeat(5000),
      category: 'visit',
      people: [f.b.id, '00000000-0000-4000-8000-000000000000'],
      sourceAgency: '\u0000\u0007Police',
    });
    expect(hostile.statusCode).toBe(400);
    const h = bodyText(hostile.body);
    expect(h).toContain('The date it happened must be a real date');
    expect(h).toContain('Select what kind of event it was');
    expect(h).toContain('The impact on the child must be 2,000 characters or fewer');
    expect(h).toContain('Choose people from the list');
    expect(hostile.body).not.toContain('<script>alert(1)</script>');

    const future = await worker.post(`/people/${f.a.id}/chronology/new`, incident([], { 'occurred-year': '2099', summary: 'Kept when the form comes back' }));
    expect(future.statusCode).toBe(400);
    expect(bodyText(future.body)).toContain('The date it happened must be today or in the past');
    expect(future.body).toContain('Kept when the form comes back');

    const noImpact = await worker.post(`/people/${f.a.id}/chronology/new`, incident([], { impact: '' }));
    expect(bodyText(noImpact.body)).toContain('Say what this meant for the child');
    const noAgency = await worker.post(`/people/${f.a.id}/chronology/new`, incident([], { sourceAgency: '' }));
    expect(bodyText(noAgency.body)).toContain('Enter the agency that told us');

    const monthOnly = await worker.post(`/people/${f.a.id}/chronology/new`, incident([], { precision: 'month', 'occurred-day': '', summary: 'Moved to a refuge in Bradford', category: 'house-move', significance: 'routine', impact: '' }));
    expect(monthOnly.statusCode).toBe(303);
    const page = bodyText((await worker.get(`/people/${f.a.id}/chronology`)).body);
    expect(page).toContain('February 2025 House move or change in household Moved to a refuge');
  });

  it('orders by the date it happened, newest or oldest first, ties by the time recorded, and marks entries typed late', async () => {
    const f = await household(t, 'Order');
    const db = t.database.db;
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2024-05-01', summary: 'ENTRY-B same day, recorded first', recordedAt: new Date('2024-05-01T09:00:00Z') });
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2023-01-10', summary: 'ENTRY-A oldest, typed last', recordedAt: new Date('2023-08-01T09:00:00Z') });
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2024-05-01', summary: 'ENTRY-C same day, recorded second', recordedAt: new Date('2024-05-01T09:00:00.000Z'.replace('09:00', '10:00')) });
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2025-01-01', summary: 'ENTRY-D newest', recordedAt: new Date('2025-01-02T12:00:00Z') });
    const positions = (html: string) => ['ENTRY-A', 'ENTRY-B', 'ENTRY-C', 'ENTRY-D'].map((k) => html.indexOf(k));

    const newest = (await worker.get(`/people/${f.a.id}/chronology`)).body;
    const [a, b, c, d] = positions(newest);
    expect(d).toBeLessThan(c!);
    expect(c).toBeLessThan(b!);
    expect(b).toBeLessThan(a!);
    const oldest = await worker.get(`/people/${f.a.id}/chronology?order=oldest`);
    const [a2, b2, c2, d2] = positions(oldest.body);
    expect(a2).toBeLessThan(b2!);
    expect(b2).toBeLessThan(c2!);
    expect(c2).toBeLessThan(d2!);
    expect(oldest.body).toContain('Show newest first');

    // ENTRY-A was recorded 203 days after it happened; ENTRY-D one day after.
    const text = bodyText(newest);
    expect(text).toMatch(/ENTRY-A oldest, typed last.*Typed late 203 days after/);
    expect(text.match(/Typed late \d+ days after/g)).toHaveLength(1);
    expect(await t.services.settings.set({ actor: null, requestId: null }, 'chronology.lateDays', 365)).toEqual({ ok: true });
    expect(bodyText((await worker.get(`/people/${f.a.id}/chronology`)).body)).not.toMatch(/Typed late \d+ days after/);
    await t.services.settings.set({ actor: null, requestId: null }, 'chronology.lateDays', 7);
  });

  it('filters by kind, significance, person, source and dates, and refuses a date that is not real', async () => {
    const f = await household(t, 'Filter');
    const db = t.database.db;
    await createChronologyEntry(db, [f.a.id, f.mother.id], { occurredOn: '2022-03-01', category: 'police-incident', significance: 'significant', summary: 'F-POLICE with mum', sourceAgency: 'Police' });
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2023-03-01', category: 'education', summary: 'F-SCHOOL exclusion', sourceAgency: 'Oakfield Primary School' });
    await createChronologyEntry(db, [f.a.id], { occurredOn: '2024-03-01', category: 'health', summary: 'F-HEALTH told by gran', sourceKind: 'person', sourceAgency: null, sourceName: 'Grandmother' });
    const get = async (query: string) => bodyText((await worker.get(`/people/${f.a.id}/chronology?${query}`)).body);

    let text = await get('category=education');
    expect(text).toContain('F-SCHOOL');
    expect(text).not.toContain('F-POLICE');
    text = await get('category=education&category=health');
    expect(text).toContain('F-HEALTH');
    expect(text).toContain('2 of 3 entries match');
    text = await get('significance=significant');
    expect(text).toContain('F-POLICE');
    expect(text).not.toContain('F-SCHOOL');
    text = await get(`person=${f.mother.id}`);
    expect(text).toContain('F-POLICE');
    expect(text).not.toContain('F-HEALTH');
    text = await get('source=oakfield');
    expect(text).toContain('F-SCHOOL');
    expect(text).not.toContain('F-POLICE');
    text = await get('source=Grandmother');
    expect(text).toContain('F-HEALTH');
    expect(text).not.toContain('F-SCHOOL');
    text = await get('source=%25');
    expect(text).toContain('No entries match these filters');
    text = await get('from-day=&from-month=&from-year=2023&to-day=&to-month=&to-year=2023');
    expect(text).toContain('F-SCHOOL');
    expect(text).not.toContain('F-POLICE');
    expect(text).not.toContain('F-HEALTH');

    const bad = await worker.get(`/people/${f.a.id}/chronology?from-day=31&from-month=2&from-year=2023&category[]=x&person=nope&after=garbage&source=%00`);
    expect(bad.statusCode).toBe(400);
    expect(bodyText(bad.body)).toContain('The date from must be a real date');
    const backwards = await worker.get(`/people/${f.a.id}/chronology?from-year=2024&to-year=2023`);
    expect(bodyText(backwards.body)).toContain('The date to must be the same as or after the date from');
  });

  it('pages a long history by keyset, 50 at a time, without repeating or missing an entry, in a fixed number of queries', async () => {
    const f = await household(t, 'Paged');
    const db = t.database.db;
    for (let i = 0; i < 120; i += 1) {
      // Several on each day, so the keyset must follow the tie-break.
      await createChronologyEntry(db, [f.a.id, f.b.id], { occurredOn: `2020-01-${String(1 + Math.floor(i / 6)).padStart(2, '0')}`, summary: `PAGED-${String(i).padStart(3, '0')}.`, recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i % 3)) });
    }
    const seen: string[] = [];
    let url: string | null = `/people/${f.a.id}/chronology`;
    const pages: number[] = [];
    const queryCounts: number[] = [];
    while (url) {
      const res = await worker.get(url);
      expect(res.statusCode).toBe(200);
      queryCounts.push(worker.lastQueryCount);
      const found = [...res.body.matchAll(/PAGED-(\d{3})\./g)].map((m) => m[1]!);
      pages.push(found.length);
      seen.push(...found);
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"/.exec(res.body);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(new Set(queryCounts).size).toBe(1);

    // The family page of two children with 120 shared entries reads them once each, in as many queries as one child's.
    const family = await worker.get(`/people/${f.b.id}/family-chronology`);
    expect([...family.body.matchAll(/PAGED-(\d{3})\./g)]).toHaveLength(50);
    const familyQueries = worker.lastQueryCount;
    const small = await household(t, 'Small');
    await createChronologyEntry(db, [small.a.id], { summary: 'Just one' });
    await worker.get(`/people/${small.a.id}/family-chronology`);
    expect(worker.lastQueryCount).toBe(familyQueries);

    // Previous from the second page gives the first page again.
    const first = await worker.get(`/people/${f.a.id}/chronology`);
    const nextUrl = /href="([^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await worker.get(nextUrl);
    const prevUrl = /href="([^"]+)" rel="prev"/.exec(second.body)![1]!.replace(/&amp;/g, '&');
    const back = await worker.get(prevUrl);
    expect([...back.body.matchAll(/PAGED-(\d{3})\./g)].map((m) => m[1])).toEqual([...first.body.matchAll(/PAGED-(\d{3})\./g)].map((m) => m[1]));
  });

  it('refuses another team, an administrator and a partner without a grant, and audits each refusal', async () => {
    const f = await household(t, 'Refused');
    await createChronologyEntry(t.database.db, [f.a.id], { summary: 'Not for them' });
    for (const email of [EMAILS.worker2, EMAILS.manager2, EMAILS.partner]) {
      const agent = await t.signIn(email);
      const res = await agent.get(`/people/${f.a.id}/chronology`);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Not for them');
      expect((await agent.get(`/people/${f.a.id}/family-chronology`)).statusCode).toBe(403);
      expect((await agent.post(`/people/${f.a.id}/chronology/new`, incident([]))).statusCode).toBe(403);
    }
    const admin = await t.signIn(EMAILS.admin);
    expect((await admin.get(`/people/${f.a.id}/chronology`)).statusCode).toBe(403);
    const chair = await t.signIn(EMAILS['cp-chair']);
    expect((await chair.get(`/people/${f.a.id}/chronology`)).statusCode).toBe(200);
    expect((await chair.get(`/people/${f.a.id}/chronology/new`)).statusCode).toBe(403);
    const refusals = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND (child_id = ${f.a.id} OR subject_id LIKE '/people/:personId/chronology%')`);
    expect(toNumber(refusals[0]!.n)).toBeGreaterThanOrEqual(11);
    const stored = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM chronology_links WHERE person_id = ${f.a.id}`);
    expect(toNumber(stored[0]!.n)).toBe(1);
  });
});
