import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';

/** The edit form's fields, as the page fills them for a child made by the factory. */
const formOf = (html: string): Record<string, string | string[]> => {
  const form: Record<string, string | string[]> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>/g)) {
    const [tag, name, value] = m as unknown as [string, string, string];
    if (name === '_csrf') continue;
    if (/type="(radio|checkbox)"/.test(tag) && !/\bchecked\b/.test(tag)) continue;
    const existing = form[name];
    form[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) form[m[1]!] = m[2]!.trim();
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  }
  return form;
};

describeEachDb('changing a person’s details safely', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const person = async (id: string) =>
    (await rows<{ first_name: string; last_name: string; religion: string | null; version: number; nhs_number: string | null }>(
      t.database.db,
      sql`SELECT first_name, last_name, religion, version, nhs_number FROM people WHERE id = ${id}`,
    ))[0]!;

  it('opens the form with the record filled in and saves a change, with the version moved on and an audit row', async () => {
    const child = await createChild(t.database.db, { firstName: 'Maisie', lastName: 'Penhallow', ethnicity: 'WBRI', sex: 'F' });
    const page = await as.worker.get(`/people/${child.id}/edit`);
    expect(page.statusCode).toBe(200);
    const form = formOf(page.body);
    expect(form).toMatchObject({ firstName: 'Maisie', lastName: 'Penhallow', version: '1', 'dateOfBirth-day': '14', 'dateOfBirth-month': '5', 'dateOfBirth-year': '2017', sex: 'F', ethnicity: 'WBRI' });
    const saved = await as.worker.post(`/people/${child.id}/edit`, { ...form, religion: 'Methodist', nhsNumber: '401 023 2137' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/people/${child.id}?done=saved`);
    expect(await person(child.id)).toMatchObject({ religion: 'Methodist', version: 2, nhs_number: '4010232137' });
    const audit = await rows<{ details: { fields: string[] } }>(t.database.db, sql`SELECT details FROM audit_log WHERE child_id = ${child.id} AND action = 'person-updated'`);
    expect(audit[0]?.details.fields).toEqual(['religion', 'nhsNumber']);
  });

  it('refuses roles that may not change records, and shows errors without saving', async () => {
    const child = await createChild(t.database.db, { firstName: 'Ivo', lastName: 'Strand', ethnicity: 'WBRI' });
    expect((await as.qa.get(`/people/${child.id}/edit`)).statusCode).toBe(403);
    const form = formOf((await as.worker.get(`/people/${child.id}/edit`)).body);
    const bad = await as.worker.post(`/people/${child.id}/edit`, { ...form, firstName: '', nhsNumber: '1234567890' });
    expect(bad.statusCode).toBe(400);
    expect(bodyText(bad.body)).toContain('Enter the first name');
    expect(bodyText(bad.body)).toContain('Enter a real NHS number');
    const stale = await as.worker.post(`/people/${child.id}/edit`, { ...form, version: 'x' });
    expect(stale.statusCode).toBe(400);
    expect(await person(child.id)).toMatchObject({ first_name: 'Ivo', version: 1 });
  });

  it('shows a conflict with both versions when someone saved first, and never overwrites silently', async () => {
    const child = await createChild(t.database.db, { firstName: 'Tamsin', lastName: 'Oakes', ethnicity: 'WBRI', religion: 'Quaker' });
    const mine = formOf((await as.worker.get(`/people/${child.id}/edit`)).body);
    const theirs = formOf((await as.manager.get(`/people/${child.id}/edit`)).body);
    expect((await as.manager.post(`/people/${child.id}/edit`, { ...theirs, lastName: 'Oakes-Berry', religion: 'Buddhist' })).statusCode).toBe(303);

    const conflict = await as.worker.post(`/people/${child.id}/edit`, { ...mine, religion: 'Church of England', knownAs: 'Tam' });
    expect(conflict.statusCode).toBe(409);
    const text = bodyText(conflict.body);
    expect(text).toContain('Someone else changed this record while you were editing');
    expect(text).toContain('What you typed: Church of England');
    expect(text).toContain('What is saved now: Buddhist');
    expect(text).toContain('What you typed: Oakes');
    expect(text).toContain('What is saved now: Oakes-Berry');
    expect(text).toContain('What you typed: Tam');
    expect(await person(child.id)).toMatchObject({ last_name: 'Oakes-Berry', religion: 'Buddhist', version: 2 });
    // What was typed is kept as a draft until it is saved.
    expect(await t.services.drafts.get(t.users.get(EMAILS.worker)!, `/people/${child.id}/edit`)).toMatchObject({ religion: 'Church of England' });

    const resolve = formOf(conflict.body);
    expect(resolve).toMatchObject({ resolving: 'yes', version: '2' });
    const missing = await as.worker.post(`/people/${child.id}/edit`, { ...resolve, 'keep-religion': 'typed' });
    expect(missing.statusCode).toBe(400);
    expect(bodyText(missing.body)).toContain('Choose which last name to keep');

    const done = await as.worker.post(`/people/${child.id}/edit`, { ...resolve, 'keep-religion': 'typed', 'keep-lastName': 'saved', 'keep-knownAs': 'typed' });
    expect(done.statusCode).toBe(303);
    const after = (await rows<{ last_name: string; religion: string; known_as: string; version: number }>(
      t.database.db,
      sql`SELECT last_name, religion, known_as, version FROM people WHERE id = ${child.id}`,
    ))[0];
    expect(after).toEqual({ last_name: 'Oakes-Berry', religion: 'Church of England', known_as: 'Tam', version: 3 });
    expect(await t.services.drafts.get(t.users.get(EMAILS.worker)!, `/people/${child.id}/edit`)).toBeNull();
  });

  it('shows the conflict again if the record changed once more before the choice was saved', async () => {
    const child = await createChild(t.database.db, { firstName: 'Rhys', lastName: 'Vaughan', ethnicity: 'WBRI' });
    const mine = formOf((await as.worker.get(`/people/${child.id}/edit`)).body);
    const theirs = formOf((await as.manager.get(`/people/${child.id}/edit`)).body);
    await as.manager.post(`/people/${child.id}/edit`, { ...theirs, religion: 'Catholic' });
    const conflict = await as.worker.post(`/people/${child.id}/edit`, { ...mine, religion: 'Baptist' });
    expect(conflict.statusCode).toBe(409);
    const again = formOf((await as.manager.get(`/people/${child.id}/edit`)).body);
    await as.manager.post(`/people/${child.id}/edit`, { ...again, religion: 'Anglican' });
    const second = await as.worker.post(`/people/${child.id}/edit`, { ...formOf(conflict.body), 'keep-religion': 'typed' });
    expect(second.statusCode).toBe(409);
    expect(bodyText(second.body)).toContain('What is saved now: Anglican');
    expect((await person(child.id)).religion).toBe('Anglican');
  });

  it('shows typed text kept from a timed-out session when the form is opened again', async () => {
    const child = await createChild(t.database.db, { firstName: 'Noor', lastName: 'Haddad', ethnicity: 'WBRI' });
    const form = formOf((await as.worker.get(`/people/${child.id}/edit`)).body);
    await t.services.drafts.save(t.users.get(EMAILS.worker)!, `/people/${child.id}/edit`, { ...form, religion: 'Typed before the timeout' });
    const page = await as.worker.get(`/people/${child.id}/edit`);
    expect(bodyText(page.body)).toContain('We kept what you typed last time');
    expect(page.body).toContain('value="Typed before the timeout"');
  });
});
