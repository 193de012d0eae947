/**
 * The plain-language check on the server for chronology entries and case notes (A12): without
 * JavaScript, saving still checks what happened and shows the suggestions, and never blocks the save.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { noteForm, siblings } from './visits.fixture';

const BLAMING = 'Mum is showing disguised compliance with the plan.';

describeEachDb('plain language checked on save for chronology entries and case notes (A12)', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  const entry = (summary: string, overrides: Record<string, string> = {}) => ({
    'occurred-day': '3', 'occurred-month': '3', 'occurred-year': '2025', precision: 'day', category: 'health', summary,
    sourceKind: 'agency', sourceAgency: 'Riverside Health Centre', significance: 'routine', ...overrides,
  });

  it('a chronology entry with a blaming word is saved, and its form shows the finding with the plain suggestion', async () => {
    const family = await siblings(t);
    const id = family.ids[0]!;
    const res = await worker.post(`/people/${id}/chronology/new`, entry(BLAMING));
    expect(res.statusCode).toBe(303);
    const saved = await rows<{ id: string }>(t.database.db, sql`SELECT e.id FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${id} AND e.summary = ${BLAMING}`);
    expect(saved).toHaveLength(1);
    expect(res.headers.location).toBe(`/people/${id}/chronology/${saved[0]!.id}/edit?done=added`);
    const page = await worker.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    const text = bodyText(page.body);
    expect(text).toContain('The event is added to the chronology');
    expect(text).toContain('Check your wording');
    expect(text).toContain('Blaming or labelling');
    expect(text).toContain('“disguised compliance”');
    expect(text).toContain('Say what was agreed and what happened');
    expect(page.body).toContain('id="summary-plain-language"');
    // Plain wording goes straight back to the chronology, as before.
    const plain = await worker.post(`/people/${id}/chronology/new`, entry('Ellie saw the nurse about her asthma.'));
    expect(plain.headers.location).toBe(`/people/${id}/chronology?done=added`);
    // A form shown again with an error checks what was typed too.
    const wrong = await worker.post(`/people/${id}/chronology/new`, entry(BLAMING, { 'occurred-year': '2099' }));
    expect(wrong.statusCode).toBe(400);
    expect(bodyText(wrong.body)).toContain('“disguised compliance”');
  });

  it('a case note with a blaming word is saved, and the note is shown with the finding and its plain suggestion', async () => {
    const family = await siblings(t);
    const id = family.ids[0]!;
    const res = await worker.post(`/people/${id}/notes/new`, noteForm([id], { summary: BLAMING }));
    expect(res.statusCode).toBe(303);
    const note = (await rows<{ id: string }>(t.database.db, sql`SELECT n.id FROM case_notes n JOIN case_note_people p ON p.note_id = n.id WHERE p.person_id = ${id} AND n.summary = ${BLAMING}`))[0]!;
    expect(res.headers.location).toBe(`/people/${id}/notes/${note.id}?wording=check`);
    const text = bodyText((await worker.get(res.headers.location as string)).body);
    expect(text).toContain('Case note added');
    expect(text).toContain('Blaming or labelling');
    expect(text).toContain('“disguised compliance”');
    expect(text).toContain('Say what was agreed and what happened');
    // The note read later, without having just saved it, is shown without the panel.
    expect(bodyText((await worker.get(`/people/${id}/notes/${note.id}`)).body)).not.toContain('Check your wording');
    const plain = await worker.post(`/people/${id}/notes/new`, noteForm([id], { summary: 'We talked about the school trip.' }));
    expect(plain.headers.location).toBe(`/people/${id}/notes`);
  });
});
