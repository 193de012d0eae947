import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { auditRows, count, dateFields, daysAgo, noteForm, siblings } from './visits.fixture';

describeEachDb('case notes: one quick note for one or several children', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  /** The notes on a list page, top to bottom: "date: type" of each. */
  const listed = (html: string) => [...html.matchAll(/notes\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]!.trim());

  it('is one screen: today’s date, the type, who took part, what happened, significance and the other children, autosaved', async () => {
    const family = await siblings(t);
    const res = await worker.get(`/people/${family.ids[0]}/notes/new`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    for (const words of ['When did it happen?', 'What was it?', 'Phone call', 'Discussion with another professional', 'Who took part? (optional)', 'What happened?', 'This is significant for the child', 'Is it also about other children living with Amara?']) {
      expect(text).toContain(words);
    }
    expect(res.body).toContain('data-autosave');
    expect(res.body).toContain(`value="${family.ids[1]}"`);
    const [year, month, day] = daysAgo(0).split('-');
    expect(res.body).toContain(`name="occurredOn-day" type="text" value="${Number(day)}"`);
    expect(res.body).toContain(`value="${Number(month)}"`);
    expect(res.body).toContain(`value="${year}"`);
  });

  it('records a note for three siblings once: one note, three links, one chronology entry linked to all three', async () => {
    const db = t.database.db;
    const family = await siblings(t);
    const before = { notes: await count(t, 'case_notes'), entries: await count(t, 'chronology_entries') };
    const res = await worker.post(`/people/${family.ids[0]}/notes/new`, noteForm(family.ids, { significant: 'yes', summary: 'Police called: a fight between the adults last night. The children were upstairs.' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${family.ids[0]}/notes`);
    expect(bodyText((await worker.get(`/people/${family.ids[0]}/notes`)).body)).toContain('Case note added for 3 children');
    expect(await count(t, 'case_notes')).toBe(before.notes + 1);
    expect(await count(t, 'chronology_entries')).toBe(before.entries + 1);
    const note = (await rows<{ id: string; significant: boolean; chronology_entry_id: string; version: number }>(db, sql`SELECT id, significant, chronology_entry_id, version FROM case_notes ORDER BY created_at DESC LIMIT 1`))[0]!;
    expect(note.significant).toBe(true);
    const links = await rows<{ person_id: string }>(db, sql`SELECT person_id FROM case_note_people WHERE note_id = ${note.id}`);
    expect(links.map((l) => l.person_id).sort()).toEqual([...family.ids].sort());
    const entry = (await rows<{ category: string; significance: string; summary: string; origin_type: string; origin_id: string }>(db, sql`SELECT category, significance, summary, origin_type, origin_id FROM chronology_entries WHERE id = ${note.chronology_entry_id}`))[0]!;
    expect(entry).toEqual({ category: 'case-note', significance: 'significant', summary: 'Phone call with Ms Reed (class teacher): Police called: a fight between the adults last night. The children were upstairs.', origin_type: 'case-note', origin_id: note.id });
    const chronologyLinks = await rows<{ person_id: string }>(db, sql`SELECT person_id FROM chronology_links WHERE entry_id = ${note.chronology_entry_id}`);
    expect(chronologyLinks.map((l) => l.person_id).sort()).toEqual([...family.ids].sort());
    expect((await rows(db, sql`SELECT version FROM case_note_revisions WHERE note_id = ${note.id}`)).length).toBe(1);
    expect((await auditRows(t, note.id)).filter((r) => r.action === 'case-note-recorded').map((r) => r.child_id).sort()).toEqual([...family.ids].sort());

    // Shown on each child's notes page; opening it is audited.
    for (const id of family.ids) {
      const list = await worker.get(`/people/${id}/notes`);
      expect(list.body).toContain(`/people/${id}/notes/${note.id}`);
    }
    const view = await worker.get(`/people/${family.ids[2]}/notes/${note.id}`);
    expect(view.statusCode).toBe(200);
    expect(bodyText(view.body)).toContain('Amara Visitfamily');
    expect(bodyText(view.body)).toContain('a fight between the adults');
    // Audited for every child the note is shown as being about, not only the one whose page it is.
    const viewed = (await auditRows(t, note.id)).filter((r) => r.action === 'case-note-viewed').map((r) => r.child_id);
    expect(viewed[0]).toBe(family.ids[2]);
    expect([...viewed].sort()).toEqual([...family.ids].sort());
    const listedAudit = await rows(db, sql`SELECT 1 FROM audit_log WHERE action = 'case-notes-viewed' AND child_id = ${family.ids[1]!}`);
    expect(listedAudit.length).toBe(1);
  });

  it('pages notes newest first by the date they happened, 25 a page, ties in the order they were written, and filters significant ones', async () => {
    const family = await siblings(t, { count: 1 });
    const id = family.ids[0]!;
    await worker.post(`/people/${id}/notes/new`, noteForm([id], { summary: 'The first note' }));
    await worker.get(`/people/${id}/notes`);
    const forOne = worker.lastQueryCount;
    // 30 notes on three days, typed out of order; every fifth significant.
    for (let i = 0; i < 30; i++) {
      const day = daysAgo(10 + (i % 3));
      await worker.post(`/people/${id}/notes/new`, noteForm([id], { ...dateFields('occurredOn', day), summary: `Note ${i}`, significant: i % 5 === 0 ? 'yes' : undefined }));
    }
    const first = await worker.get(`/people/${id}/notes`);
    expect(worker.lastQueryCount).toBe(forOne);
    const older = /href="(\/people\/[^"]+\/notes\?before=[^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const second = await worker.get(older!);
    expect(worker.lastQueryCount).toBe(forOne);
    const summaries = (html: string) => [...html.matchAll(/<p class="govuk-body hearth-pre-wrap">([^<]*)<\/p>/g)].map((m) => m[1]!);
    const all = [...summaries(first.body), ...summaries(second.body)];
    expect(summaries(first.body)).toHaveLength(25);
    expect(all).toHaveLength(31);
    // Newest first by date happened; on the same day, the one written last first.
    const expected = ['The first note', ...[0, 1, 2].flatMap((d) => Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 === d).reverse().map((i) => `Note ${i}`))];
    expect(all).toEqual(expected);
    expect(listed(first.body)[0]).toMatch(/^\d+ \w+ \d{4}: Phone call$/);

    const significant = await worker.get(`/people/${id}/notes?significant=yes`);
    expect(summaries(significant.body)).toEqual(['Note 15', 'Note 0', 'Note 25', 'Note 10', 'Note 20', 'Note 5']);
    expect(significant.body).toMatch(/value="yes"[^>]*checked/);
    // A made-up position is ignored, never an error.
    for (const junk of ['x', '2026-02-30_2026-01-01T00:00:00.000000Z_00000000-0000-0000-0000-000000000000', '2026-01-01_2026-13-01T99:00:00.000000Z_00000000-0000-0000-0000-000000000000']) {
      expect((await worker.get(`/people/${id}/notes?before=${encodeURIComponent(junk)}`)).statusCode).toBe(200);
    }
  });

  it('opens a note about three children in the same queries as one about one child, with an audit row for each child shown', async () => {
    const idOf = async (personId: string) => (await rows<{ note_id: string }>(t.database.db, sql`SELECT note_id FROM case_note_people WHERE person_id = ${personId}`))[0]!.note_id;
    const queries: number[] = [];
    const families = [];
    for (const size of [1, 2, 3]) {
      const family = await siblings(t, { count: size });
      families.push(family);
      await worker.post(`/people/${family.ids[0]}/notes/new`, noteForm(family.ids));
      const noteId = await idOf(family.ids[0]!);
      expect((await worker.get(`/people/${family.ids[0]}/notes/${noteId}`)).statusCode).toBe(200);
      queries.push(worker.lastQueryCount);
      expect((await auditRows(t, noteId)).filter((r) => r.action === 'case-note-viewed')).toHaveLength(size);
    }
    // The audit rows of every child shown are written together: the same statements for one child or three.
    expect(queries[0]).toBeGreaterThan(0);
    expect(queries[1]).toBe(queries[0]);
    expect(queries[2]).toBe(queries[0]);
    const [one, , three] = families as [(typeof families)[0], unknown, (typeof families)[0]];
    expect((await worker.get(`/people/${three.ids[0]}/notes/${await idOf(one.ids[0]!)}`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${three.ids[0]}/notes/not-a-note`)).statusCode).toBe(404);
  });

  it('keeps the autosaved draft and shows it again, also after the session timed out, until saved or discarded', async () => {
    const family = await siblings(t, { count: 1 });
    const id = family.ids[0]!;
    const path = `/people/${id}/notes/new`;
    const autosave = await worker.post(`/drafts?form=${encodeURIComponent(path)}`, { summary: 'Half a note typed in the car', type: 'meeting' });
    expect(autosave.statusCode).toBe(200);
    const shown = await worker.get(path);
    expect(bodyText(shown.body)).toContain('This is the note you started and did not save');
    expect(shown.body).toContain('Half a note typed in the car');
    expect(shown.body).toMatch(/value="meeting"[^>]*checked/);
    await worker.post(`${path}/discard`, {});
    expect((await worker.get(path)).body).not.toContain('Half a note typed in the car');

    const managerId = t.users.get(EMAILS.manager)!;
    const manager = await t.signIn(EMAILS.manager);
    await manager.get(path);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${managerId}`);
    const late = await manager.post(path, noteForm([id], { summary: 'Typed while the session ran out' }));
    expect(String(late.headers.location)).toContain('/sign-in');
    const again = await t.signIn(EMAILS.manager);
    expect((await again.get(path)).body).toContain('Typed while the session ran out');
    expect((await again.post(path, noteForm([id], { summary: 'Typed while the session ran out' }))).statusCode).toBe(303);
    expect(await t.services.drafts.get(managerId, path)).toBeNull();
  });
});
