import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';

describeEachDb('finding people with one search box', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    const db = t.database.db;
    ids.john = (await createChild(db, { firstName: 'John', lastName: 'Smith', dateOfBirth: '2015-03-04', nhsNumber: '9434765919' })).id;
    ids.johnOther = (await createChild(db, { firstName: 'John', lastName: 'Smith', dateOfBirth: '2011-07-19' })).id;
    ids.amy = (await createChild(db, { firstName: 'Amy', lastName: 'Smith-Jones', dateOfBirth: '2012-11-30' })).id;
    ids.william = (await createAdult(db, { firstName: 'William', lastName: 'Parkinson', dateOfBirth: '1980-01-02' })).id;
    ids.elizabeth = (await createChild(db, { firstName: 'Elizabeth', lastName: 'Okoro', dateOfBirth: '2019-05-06' })).id;
    ids.former = (await createChild(db, { firstName: 'Kacper', lastName: 'Nowak', formerNames: ['Kacper Wiśniewski'], dateOfBirth: '2014-02-02' })).id;
    ids.other = (await createChild(db, { firstName: 'Jonah', lastName: 'Smithers', dateOfBirth: '2013-08-08', currentTeamId: t.teams.get('Children in Need North')! })).id;
    ids.merged = (await createChild(db, { firstName: 'John', lastName: 'Smith', dateOfBirth: '2015-03-04', mergedInto: ids.john })).id;
    await db.execute(sql`INSERT INTO addresses (person_id, line1, postcode, postcode_key, from_date, to_date) VALUES
      (${ids.elizabeth}, '3 Mill Lane', 'LS1 4AB', 'LS14AB', '2019-05-06', NULL),
      (${ids.william}, '9 Old Road', 'M60 1NW', 'M601NW', '2001-01-01', '2010-01-01')`);
  });
  afterAll(() => t.close());

  const idsIn = (html: string) => [...html.matchAll(/href="\/people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const search = async (agent: Agent, q: string) => {
    const res = await agent.get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return idsIn(res.body);
  };

  it('shows the search box to everyone who searches, and refuses partners and administrators', async () => {
    expect((await as.worker.get('/search')).statusCode).toBe(200);
    expect((await as.qa.get('/search')).statusCode).toBe(200);
    expect((await as.partner.get('/search?q=smith')).statusCode).toBe(403);
    expect((await as.admin.get('/search?q=smith')).statusCode).toBe(403);
  });

  it('finds names with typos and names that sound alike', async () => {
    const found = await search(as.worker, 'Jon Smyth');
    expect(found).toContain(ids.john);
    expect(found).toContain(ids.johnOther);
    expect(await search(as.worker, 'jhon smiht')).toContain(ids.john);
  });

  it('finds reordered and hyphenated names', async () => {
    expect(await search(as.worker, 'Jones Smith')).toContain(ids.amy);
    expect(await search(as.worker, 'Smith-Jones Amy')).toContain(ids.amy);
    expect(await search(as.worker, 'amy jones')).toContain(ids.amy);
  });

  it('finds nicknames and former names', async () => {
    expect(await search(as.worker, 'Bill Parkinson')).toContain(ids.william);
    expect(await search(as.worker, 'Liz Okoro')).toContain(ids.elizabeth);
    expect(await search(as.worker, 'kacper wisniewski')).toContain(ids.former);
  });

  it('matches a nickname by its exact word and the typed word by sound, not the sound of a nickname', async () => {
    // "bill" has the nickname "will", whose sound code (AL) is also Ali's: Ali is not a William.
    const ali = (await createAdult(t.database.db, { firstName: 'Ali', lastName: 'Parkinson', dateOfBirth: '1982-04-05' })).id;
    const found = await search(as.worker, 'bill parkinson');
    expect(found).toContain(ids.william);
    expect(found).not.toContain(ali);
    expect(await search(as.worker, 'ali parkinson')).toContain(ali);
  });

  it('finds by date of birth, NHS number with spaces, and postcode, current or previous', async () => {
    expect(await search(as.worker, '04/03/2015')).toEqual([ids.john]);
    expect(await search(as.worker, '2012-11-30')).toEqual([ids.amy]);
    expect(await search(as.worker, '943 476 5919')).toEqual([ids.john]);
    expect(await search(as.worker, 'ls14ab')).toEqual([ids.elizabeth]);
    expect(await search(as.worker, 'M60 1NW')).toEqual([ids.william]);
  });

  it('ranks an exact NHS number first, then the name with the same date of birth', async () => {
    const found = await search(as.worker, 'John Smith 2011-07-19');
    expect(found[0]).toBe(ids.johnOther);
    expect(found).toContain(ids.john);
    const byNhs = await search(as.worker, 'Jonah Smith 9434765919');
    expect(byNhs[0]).toBe(ids.john);
  });

  it('shows name, date of birth and age, postcode, kind and team', async () => {
    const res = await as.worker.get('/search?q=elizabeth%20okoro');
    const text = bodyText(res.body);
    expect(text).toContain('Elizabeth Okoro');
    expect(text).toContain('6 May 2019');
    expect(text).toMatch(/6 May 2019, \d+ years/);
    expect(text).toContain('LS1 4AB');
    expect(text).toContain('Child');
    expect(text).toContain('Not allocated');
  });

  it('never shows merged records, and never shows a child allocated to another team', async () => {
    expect(await search(as.worker, 'John Smith')).not.toContain(ids.merged);
    expect(await search(as.worker, 'Jonah Smithers')).not.toContain(ids.other);
    expect(await search(as.worker, '2013-08-08')).toEqual([]);
    const theirs = await as.worker2.get('/search?q=Jonah%20Smithers');
    expect(idsIn(theirs.body)).toContain(ids.other);
    expect(bodyText(theirs.body)).toContain('Children in Need North');
    expect(await search(as['cp-chair'], 'Jonah Smithers')).toContain(ids.other);
  });

  it('offers a Choose link back to a local form in pick mode, and ignores other sites', async () => {
    const pick = encodeURIComponent('/contacts/new?child=abc');
    const res = await as.worker.get(`/search?q=elizabeth%20okoro&pick=${pick}`);
    expect(res.body).toContain(`href="/contacts/new?child=abc&amp;child=${ids.elizabeth}"`);
    expect(res.body).toContain('name="pick" value="/contacts/new?child=abc"');
    const plain = await as.worker.get(`/search?q=elizabeth%20okoro&pick=${encodeURIComponent('/contacts/new')}`);
    expect(plain.body).toContain(`href="/contacts/new?child=${ids.elizabeth}"`);
    for (const bad of ['//evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '/\\evil.example']) {
      const res2 = await as.worker.get(`/search?q=elizabeth%20okoro&pick=${encodeURIComponent(bad)}`);
      expect(res2.statusCode).toBe(200);
      expect(res2.body).not.toContain('evil.example');
      expect(res2.body).not.toContain('javascript:');
    }
  });

  it('answers nonsense and hostile input with the error summary, never a 500', async () => {
    for (const q of ['x'.repeat(201), '%00abc', '!!! ???']) {
      const res = await as.worker.get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
    }
    const script = await as.worker.get(`/search?q=${encodeURIComponent('Smith <script>alert(1)</script>')}`);
    expect(script.statusCode).toBe(200);
    expect(script.body).not.toContain('<script>alert(1)');
    expect(script.body).toContain('&lt;script&gt;alert(1)');
    expect((await as.worker.get('/search?q=a&q=b')).statusCode).toBe(200);
  });

  it('logs each search', async () => {
    await as.qa.get('/search?q=okoro');
    const logged = await rows<{ action: string; details: { results: number } }>(
      t.database.db,
      sql`SELECT action, details FROM audit_log WHERE actor_id = ${t.users.get(EMAILS.qa)!} AND action = 'searched' ORDER BY seq DESC LIMIT 1`,
    );
    expect(logged[0]?.details.results).toBe(1);
  });

  it('for a common name, shows a page of people with that whole name first, and still finds the typo when there are fewer', async () => {
    const db = t.database.db;
    const cartwrights: string[] = [];
    for (let i = 0; i < 50; i++) {
      const first = `Child${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
      cartwrights.push((await createChild(db, { firstName: first, lastName: 'Cartwright', dateOfBirth: '2016-01-01' })).id);
    }
    const hyphenated = (await createChild(db, { firstName: 'Zoe', lastName: 'Cartwright-Lee', dateOfBirth: '2017-02-02' })).id;
    const misspelt = (await createChild(db, { firstName: 'Abel', lastName: 'Cartwrite', dateOfBirth: '2016-01-01' })).id;

    // Fifty people named Cartwright fill the page, in name order, as equal best matches are.
    const page = await search(as.worker, 'cartwright');
    expect(page).toHaveLength(50);
    expect(new Set(page)).toEqual(new Set(cartwrights));
    expect(page[0]).toBe(cartwrights[0]);
    // Half of a hyphenated name is a whole word of it too: Ashby-Cartwright comes first by name.
    const doubleBarrelled = (await createChild(db, { firstName: 'Ada', lastName: 'Ashby-Cartwright', dateOfBirth: '2016-01-01' })).id;
    const withHer = await search(as.worker, 'cartwright');
    expect(withHer).toHaveLength(50);
    expect(withHer[0]).toBe(doubleBarrelled);
    expect(withHer.slice(1)).toEqual(page.slice(0, 49));
    // A word that is nobody's whole name still finds them by spelling.
    expect(await search(as.worker, 'cartwrigt')).toHaveLength(50);
    expect(await search(as.worker, 'abel cartwrigt')).toContain(misspelt);
    // With a date of birth the fuzzy search ranks everyone: the hyphenated name with that birthday comes first.
    expect((await search(as.worker, 'cartwright 2/2/2017'))[0]).toBe(hyphenated);
    // Two words that are whole words of fewer than a page of names: the fuzzy search runs as before.
    expect(await search(as.worker, 'abel cartwright')).toContain(misspelt);
  });

  it('issues the same number of queries for one result or fifty, and fewer when a page of whole-name matches answers', async () => {
    const okoro = await as.worker.get('/search?q=okoro');
    const forOne = as.worker.lastQueryCount;
    expect(idsIn(okoro.body)).toHaveLength(1);
    const typo = await as.worker.get('/search?q=cartwrigt');
    expect(idsIn(typo.body)).toHaveLength(50);
    expect(as.worker.lastQueryCount).toBe(forOne);
    const withBirthday = await as.worker.get('/search?q=okoro%206%2F5%2F2019');
    expect(idsIn(withBirthday.body)).toEqual([ids.elizabeth]);
    expect(as.worker.lastQueryCount).toBe(forOne - 1);
    // A page of people whose name has the word: one query finds and ranks them, and the sound codes are not needed.
    await as.worker.get('/search?q=cartwright');
    expect(as.worker.lastQueryCount).toBe(forOne - 2);
  });
});

