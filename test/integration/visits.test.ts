import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { addWorkingDays } from '../../src/domain/workingDays';
import { auditRows, count, dateFields, daysAgo, siblings, visitForm } from './visits.fixture';

describeEachDb('visits: recording a visit for one or several children', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('offers the other children of the household, and starts with the type of the child’s open episode', async () => {
    const family = await siblings(t, { episodeType: 'looked-after' });
    const res = await worker.get(`/people/${family.ids[0]}/visits/new`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Was Amara seen?');
    expect(text).toContain('Was the visit about other children living with Amara?');
    expect(res.body).toContain(`value="${family.ids[1]}"`);
    expect(res.body).toContain(`value="${family.ids[2]}"`);
    expect(res.body).toMatch(/<input[^>]*value="looked-after"[^>]*checked/);
    expect(res.body).toContain('data-autosave');
    // Today's date to start with.
    const [year] = daysAgo(0).split('-');
    expect(res.body).toContain(`value="${year}"`);
  });

  it('records one visit for three siblings: one visit, a part for each child, one chronology entry linked to all three', async () => {
    const db = t.database.db;
    const family = await siblings(t);
    const [a, b, c] = family.ids as [string, string, string];
    const before = { visits: await count(t, 'visits'), entries: await count(t, 'chronology_entries') };
    const parts = {
      [b]: { [`seen-${b}`]: 'not-alone', [`reason-${b}`]: 'Bode wanted his mum to stay' },
      [c]: { [`seen-${c}`]: 'not-seen', [`reason-${c}`]: 'At a school trip', [`bedroom-${c}`]: 'no', [`words-${c}`]: '' },
    };
    const res = await worker.post(`/people/${a}/visits/new`, visitForm(family.ids, {}, parts));
    expect(res.statusCode).toBe(303);
    const visitId = /\/people\/[0-9a-f-]{36}\/visits\/([0-9a-f-]{36})$/.exec(String(res.headers.location))?.[1];
    expect(visitId).toBeDefined();
    expect(bodyText((await worker.get(String(res.headers.location))).body)).toContain('Visit recorded for 3 children');
    expect(await count(t, 'visits')).toBe(before.visits + 1);
    expect(await count(t, 'chronology_entries')).toBe(before.entries + 1);

    const stored = await rows<{ person_id: string; seen: boolean; seen_alone: boolean | null; not_seen_alone_reason: string | null; bedroom_seen: string; child_words: string | null }>(
      db,
      sql`SELECT person_id, seen, seen_alone, not_seen_alone_reason, bedroom_seen, child_words FROM visit_children WHERE visit_id = ${visitId!}`,
    );
    const byChild = new Map(stored.map((p) => [p.person_id, p]));
    expect(byChild.size).toBe(3);
    expect(byChild.get(a)).toMatchObject({ seen: true, seen_alone: true, not_seen_alone_reason: null, bedroom_seen: 'yes', child_words: 'I like my new bed.' });
    expect(byChild.get(b)).toMatchObject({ seen: true, seen_alone: false, not_seen_alone_reason: 'Bode wanted his mum to stay' });
    expect(byChild.get(c)).toMatchObject({ seen: false, seen_alone: null, not_seen_alone_reason: 'At a school trip', bedroom_seen: 'no', child_words: null });

    const entry = await rows<{ id: string; category: string; significance: string; summary: string; impact: string; origin_type: string; occurred_on: string }>(
      db,
      sql`SELECT id, category, significance, summary, impact, origin_type, occurred_on::text FROM chronology_entries WHERE origin_id = ${visitId!}`,
    );
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ category: 'visit', significance: 'significant', origin_type: 'visit', occurred_on: daysAgo(1), impact: expect.stringContaining('safe at home') });
    expect(entry[0]!.summary).toContain('Child protection visit. Amara was seen alone. Bode was seen, not alone (Bode wanted his mum to stay). Chidi was not seen (At a school trip).');
    const links = await rows<{ person_id: string }>(db, sql`SELECT person_id FROM chronology_links WHERE entry_id = ${entry[0]!.id}`);
    expect(links.map((l) => l.person_id).sort()).toEqual([...family.ids].sort());

    const audit = await auditRows(t, visitId!);
    expect(audit.filter((r) => r.action === 'visit-recorded').map((r) => r.child_id).sort()).toEqual([...family.ids].sort());

    // The visit shows on each child's record, and opening it is audited.
    for (const id of family.ids) {
      const list = await worker.get(`/people/${id}/visits`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`/people/${id}/visits/${visitId}`);
    }
    const view = await worker.get(`/people/${b}/visits/${visitId}`);
    expect(view.statusCode).toBe(200);
    const text = bodyText(view.body);
    expect(text).toContain('Bode wanted his mum to stay');
    expect(text).toContain('safe at home for now');
    // Each view is audited for every child whose part it shows: opened from Amara's record, then from Bode's.
    const viewed = (await auditRows(t, visitId!)).filter((r) => r.action === 'visit-viewed').map((r) => r.child_id);
    expect(viewed).toHaveLength(6);
    expect(viewed.slice(0, 3).sort()).toEqual([...family.ids].sort());
    expect(viewed.slice(3).sort()).toEqual([...family.ids].sort());
    const listed = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'visits-viewed' AND child_id = ${a}`);
    expect(Number(listed[0]!.n)).toBe(1);
  });

  it('records a visit for one child only when no other child is ticked, routine when the child was seen', async () => {
    const family = await siblings(t, { episodeType: 'child-in-need' });
    const res = await worker.post(`/people/${family.ids[1]}/visits/new`, visitForm([family.ids[1]!], { type: 'child-in-need' }));
    expect(res.statusCode).toBe(303);
    const visitId = String(res.headers.location).split('/').pop()!;
    const linked = await rows<{ person_id: string }>(t.database.db, sql`SELECT person_id FROM visit_children WHERE visit_id = ${visitId}`);
    expect(linked.map((r) => r.person_id)).toEqual([family.ids[1]]);
    const entry = await rows<{ significance: string }>(t.database.db, sql`SELECT significance FROM chronology_entries WHERE origin_id = ${visitId}`);
    expect(entry[0]?.significance).toBe('routine');
  });

  it('restarts the visit clock only on a statutory visit in which the child was seen: not on a visit of type “other”', async () => {
    const today = todayInLondon();
    const family = await siblings(t, { count: 1, episodeType: 'child-protection', episodeStart: addWorkingDays(today, -40) });
    const id = family.ids[0]!;
    const statutory = addWorkingDays(today, -15);
    const post = (on: string, type: string, seen = 'alone') =>
      worker.post(`/people/${id}/visits/new`, visitForm([id], { ...dateFields('visitDate', on), type }, { [id]: { [`seen-${id}`]: seen, [`reason-${id}`]: seen === 'alone' ? '' : 'Asleep upstairs' } }));
    expect((await post(statutory, 'child-protection')).statusCode).toBe(303);
    // Seen on a visit of type "other" two working days ago, and not seen on a statutory visit yesterday: neither counts.
    expect((await post(addWorkingDays(today, -2), 'other')).statusCode).toBe(303);
    expect((await post(addWorkingDays(today, -1), 'child-protection', 'not-seen')).statusCode).toBe(303);
    const parts = await rows<{ visit_date: string; counts_for_schedule: boolean }>(t.database.db, sql`SELECT visit_date::text, counts_for_schedule FROM visit_children WHERE person_id = ${id} ORDER BY visit_date`);
    expect(parts.map((p) => p.counts_for_schedule)).toEqual([true, false, false]);
    const text = bodyText((await worker.get(`/people/${id}/visits`)).body);
    expect(text).toContain(`Last seen on a statutory visit ${formatDate(statutory)}`);
    expect(text).toContain(`${formatDate(addWorkingDays(statutory, 10))} (5 working days overdue)`);
    const due = bodyText((await worker.get('/visits')).body);
    expect(due).toMatch(new RegExp(`Amara ${family.surname}[^]*?5 working days overdue`));
  });

  it('does not show a visit under a child it is not about', async () => {
    const family = await siblings(t);
    const other = await siblings(t);
    const res = await worker.post(`/people/${family.ids[0]}/visits/new`, visitForm([family.ids[0]!]));
    const visitId = String(res.headers.location).split('/').pop()!;
    expect((await worker.get(`/people/${other.ids[0]}/visits/${visitId}`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${family.ids[1]}/visits/${visitId}`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${family.ids[0]}/visits/not-a-uuid`)).statusCode).toBe(404);
  });

  it('pages a long list of visits newest first, 25 at a time, with a fixed number of queries', async () => {
    const family = await siblings(t, { count: 1 });
    const id = family.ids[0]!;
    await worker.post(`/people/${id}/visits/new`, visitForm([id]));
    await worker.get(`/people/${id}/visits`);
    const forOne = worker.lastQueryCount;
    for (let day = 2; day <= 31; day++) await worker.post(`/people/${id}/visits/new`, visitForm([id], { 'visitDate-day': String(day), 'visitDate-month': '1', 'visitDate-year': '2025' }));
    const first = await worker.get(`/people/${id}/visits`);
    expect(worker.lastQueryCount).toBe(forOne);
    const dates = [...first.body.matchAll(/visits\/[0-9a-f-]{36}">(\d+ \w+ \d{4})</g)].map((m) => m[1]);
    expect(dates).toHaveLength(25);
    expect(dates[0]).toBe(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${daysAgo(1)}T00:00:00Z`)));
    expect(dates[1]).toBe('31 January 2025');
    const older = /href="(\/people\/[^"]+\/visits\?before=[^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const second = await worker.get(older!);
    expect(worker.lastQueryCount).toBe(forOne);
    const rest = [...second.body.matchAll(/visits\/[0-9a-f-]{36}">(\d+ \w+ \d{4})</g)].map((m) => m[1]);
    expect(rest).toEqual(['7 January 2025', '6 January 2025', '5 January 2025', '4 January 2025', '3 January 2025', '2 January 2025']);
    // A made-up cursor is ignored, never an error.
    expect((await worker.get(`/people/${id}/visits?before=2026-02-31_x`)).statusCode).toBe(200);
  });

  it('opens a visit about three children in the same queries as one about one child, with an audit row for each child shown', async () => {
    const queries: number[] = [];
    for (const size of [1, 2, 3]) {
      const family = await siblings(t, { count: size });
      const url = String((await worker.post(`/people/${family.ids[0]}/visits/new`, visitForm(family.ids))).headers.location);
      const visitId = url.split('/').pop()!;
      await worker.get(url);
      queries.push(worker.lastQueryCount);
      expect((await auditRows(t, visitId)).filter((r) => r.action === 'visit-viewed')).toHaveLength(size);
    }
    // The audit rows of every child shown are written together: the same statements for one child or three.
    expect(queries[0]).toBeGreaterThan(0);
    expect(queries[1]).toBe(queries[0]);
    expect(queries[2]).toBe(queries[0]);
  });

  it('audits a view of a visit for the other children shown, not for a child whose record this user cannot open', async () => {
    const family = await siblings(t, { count: 2 });
    const [a, b] = family.ids as [string, string];
    const url = String((await worker.post(`/people/${a}/visits/new`, visitForm(family.ids))).headers.location);
    const visitId = url.split('/').pop()!;
    // Bode moves to another team's caseload: Sam may no longer open his record.
    await rows(t.database.db, sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${b}`);
    const res = await worker.get(url);
    expect(res.statusCode).toBe(200);
    expect(bodyText(res.body)).toContain('also about 1 child whose record you cannot open');
    expect((await auditRows(t, visitId)).filter((r) => r.action === 'visit-viewed').map((r) => r.child_id)).toEqual([a]);
  });
});
