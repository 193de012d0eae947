import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { STARTER_LIST, STARTER_TERMS } from '../../src/domain/plainLanguageTerms';
import { ADDED_TERMS, up as addCommenced } from '../../migrations/025_plain_language_commenced';

type Role = keyof typeof EMAILS;

/** Posts JSON as the live check does: the session cookie and the CSRF token in a header. */
async function postJson(t: TestApp, agent: Agent, body: unknown, opts: { csrf?: boolean } = {}) {
  const page = await agent.get('/plain-language/check');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url: '/plain-language/check',
    cookies: agent.cookies,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts.csrf === false ? {} : { 'x-csrf-token': token }) },
    payload: JSON.stringify(body),
  });
}

async function termId(t: TestApp, term: string): Promise<{ id: string; version: number }> {
  const found = await rows<{ id: string; version: unknown }>(t.database.db, sql`SELECT id, version FROM plain_language_terms WHERE lower(term) = lower(${term})`);
  return { id: found[0]!.id, version: toNumber(found[0]!.version) };
}

describeEachDb('plain language: the live check (A12)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('answers the live check with findings for each real-sounding sentence, from the council’s list in the database', async () => {
    const res = await postJson(t, as.worker, { text: 'Mum has shown disguised compliance. There have been three incidents of domestic abuse. Ruby is LAC and her placement is going well. Jayden was taken to hospital.' });
    expect(res.statusCode).toBe(200);
    const report = res.json() as { findings: { kind: string; text: string; label: string; suggestion: string; start: number; end: number }[]; readingAge: number };
    expect(report.readingAge).toBe(13);
    expect(report.findings.map((f) => [f.kind, f.text])).toEqual(
      expect.arrayContaining([
        ['blaming', 'disguised compliance'],
        ['vague-severity', 'three incidents of domestic abuse'],
        ['jargon', 'LAC'],
        ['jargon', 'placement'],
        ['passive', 'was taken'],
      ]),
    );
    expect(report.findings.find((f) => f.text === 'LAC')?.label).toBe('Jargon');
    const child = await postJson(t, as.manager, { text: 'Your social worker talked to your teachers and your mum about what happens at home.', readingAge: 8 });
    expect((child.json() as { readingAge: number }).readingAge).toBe(8);
  });

  it('works without JavaScript: a posted form gets a page with the same findings, and errors in the GOV.UK summary', async () => {
    expect((await as['cp-chair'].get('/plain-language/check')).statusCode).toBe(200);
    const res = await as.worker.post('/plain-language/check', { text: 'Dad failed to attend the core group.', readingAge: '' });
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Blaming or labelling : “failed to attend”');
    expect(text).toContain('Jargon : “core group”');
    const tooLong = await as.worker.post('/plain-language/check', { text: 'a'.repeat(20_001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#text"');
    const badAge = await as.worker.post('/plain-language/check', { text: 'Fine.', readingAge: 'forty' });
    expect(badAge.body).toContain('href="#readingAge"');
    const hostile = await as.worker.post('/plain-language/check', { text: ['<script>alert(1)</script>', 'two'] });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    const json = await postJson(t, as.worker, { text: { nested: true } });
    expect(json.statusCode).toBe(400);
    expect((json.json() as { errors: { href: string }[] }).errors[0]!.href).toBe('#text');
  });

  it('needs a signed-in practitioner and a CSRF token', async () => {
    expect((await postJson(t, as.worker, { text: 'Hello' }, { csrf: false })).statusCode).toBe(403);
    const anonymous = await t.anonymous().post('/plain-language/check', { text: 'Hello' });
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/sign-in\?returnTo=/);
    for (const role of ['admin', 'partner', 'qa'] as const) expect((await postJson(t, as[role], { text: 'Hello' })).statusCode, role).toBe(403);
  });
});

describeEachDb('plain language: the word list an administrator keeps (A12)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('is seeded with our list and shown to administrators only', async () => {
    const res = await as.admin.get('/admin/plain-language');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain(`${STARTER_LIST.length} words and phrases`);
    expect(text).toContain('hit Says what happened Not pointed out');
    expect(text).toContain('worried Says how someone is Not pointed out');
    expect(text).toContain('disguised compliance Blaming or labelling');
    for (const role of ['worker', 'manager', 'qa', 'partner', 'cp-chair'] as const) {
      expect((await as[role].get('/admin/plain-language')).statusCode, role).toBe(403);
      expect((await as[role].post('/admin/plain-language', { term: 'TAC', kind: 'jargon', suggestion: 'Say team around the child', active: 'yes' })).statusCode, role).toBe(403);
    }
  });

  it('adds a term the check then finds, and refuses a duplicate or a bad form with the GOV.UK summary', async () => {
    const added = await as.admin.post('/admin/plain-language', { term: 'TAC meeting', kind: 'jargon', suggestion: 'Say "team around the child meeting"', active: 'yes' });
    expect(added.statusCode).toBe(303);
    expect(bodyText((await as.admin.get('/admin/plain-language?done=added')).body)).toContain('The word was added to the list.');
    const check = await postJson(t, as.worker, { text: 'The TAC meeting is on Monday.' });
    expect((check.json() as { findings: { text: string }[] }).findings.map((f) => f.text)).toContain('TAC meeting');
    const duplicate = await as.admin.post('/admin/plain-language', { term: 'Disguised Compliance', kind: 'blaming', suggestion: 'Again', active: 'yes' });
    expect(duplicate.statusCode).toBe(400);
    expect(bodyText(duplicate.body)).toContain('This word or phrase is already on the list');
    const empty = await as.admin.post('/admin/plain-language', {});
    expect(empty.statusCode).toBe(400);
    // The suggestion is asked for once the kind says the word is pointed out (see the next test).
    for (const href of ['#term', '#kind']) expect(empty.body).toContain(`href="${href}"`);
    const blamingWithout = await as.admin.post('/admin/plain-language', { term: 'TAC', kind: 'blaming' });
    expect(blamingWithout.statusCode).toBe(400);
    expect(blamingWithout.body).toContain('href="#suggestion"');
    const hostile = await as.admin.post('/admin/plain-language', { term: ['a', 'b'], kind: 'evil', suggestion: `<script>alert(1)</script>${'x'.repeat(600)}` });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    expect(toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'plain-language-term-added'`))[0]?.n)).toBe(1);
  });

  it('keeps the words that stop a finding: one added with no suggestion is used by the check at once', async () => {
    const findings = async (text: string) => ((await postJson(t, as.worker, { text })).json() as { findings: { kind: string; text: string }[] }).findings.map((f) => [f.kind, f.text]);
    const fainted = 'There have been several incidents. Mum passed out.';
    expect(await findings(fainted)).toEqual([['vague-severity', 'several incidents']]);
    expect((await as.admin.post('/admin/plain-language', { term: 'passed out', kind: 'describing', suggestion: '', active: 'yes' })).statusCode).toBe(303);
    expect(await findings(fainted)).toEqual([]);
    expect(await findings('Mum is done with him.')).toEqual([['passive', 'is done']]);
    expect((await as.admin.post('/admin/plain-language', { term: 'done', kind: 'state', active: 'yes' })).statusCode).toBe(303);
    expect(await findings('Mum is done with him.')).toEqual([]);
    // The check reads one word after "is" or "was": a phrase of that kind is refused, saying why.
    const phrase = await as.admin.post('/admin/plain-language', { term: 'fed up', kind: 'state', active: 'yes' });
    expect(phrase.statusCode).toBe(400);
    expect(bodyText(phrase.body)).toContain('A word that says how someone is must be one word, for example worried');
    // A word that is pointed out needs its plainer way to say it.
    const noSuggestion = await as.admin.post('/admin/plain-language', { term: 'TAC', kind: 'jargon', suggestion: '  ', active: 'yes' });
    expect(noSuggestion.statusCode).toBe(400);
    expect(bodyText(noSuggestion.body)).toContain('Enter a plainer way to say it');
    // "drunk" both says what happened and how someone is: once in each kind, and no more.
    const drunk = await rows<{ kind: string }>(t.database.db, sql`SELECT kind FROM plain_language_terms WHERE lower(term) = 'drunk' ORDER BY kind`);
    expect(drunk.map((d) => d.kind)).toEqual(['describing', 'state']);
    const again = await as.admin.post('/admin/plain-language', { term: 'Drunk', kind: 'state', active: 'yes' });
    expect(again.statusCode).toBe(400);
    expect(bodyText(again.body)).toContain('This word or phrase is already on the list');
  });

  it('gives a database seeded before "commenced" was on the starting list the term (migration 025), keeping a council’s own', async () => {
    // The starting list and the migration say the same, and a new database has the term once (from 013).
    for (const added of ADDED_TERMS) expect(STARTER_TERMS).toContainEqual(added);
    const commenced = () => rows<{ term: string; suggestion: string; active: boolean }>(t.database.db, sql`SELECT term, suggestion, active FROM plain_language_terms WHERE lower(term) = 'commenced'`);
    expect(await commenced()).toEqual([{ term: 'commenced', suggestion: 'Say "started" or "began"', active: true }]);
    await t.database.runScript(addCommenced);
    expect(await commenced()).toHaveLength(1);
    // A database from before: no such term. The migration adds it, and the live check finds it.
    await t.database.db.execute(sql`DELETE FROM plain_language_terms WHERE lower(term) = 'commenced'`);
    await t.database.runScript(addCommenced);
    expect(await commenced()).toEqual([{ term: 'commenced', suggestion: 'Say "started" or "began"', active: true }]);
    const check = await postJson(t, as.worker, { text: 'Work with the family commenced in May.' });
    expect((check.json() as { findings: { kind: string; text: string; suggestion: string }[] }).findings).toContainEqual(expect.objectContaining({ kind: 'jargon', text: 'commenced', suggestion: 'Say "started" or "began"' }));
    // A council that wrote its own (any capitals) or switched it off keeps it as it is.
    await t.database.db.execute(sql`UPDATE plain_language_terms SET term = 'Commenced', suggestion = 'Say "began"', active = false WHERE lower(term) = 'commenced'`);
    await t.database.runScript(addCommenced);
    expect(await commenced()).toEqual([{ term: 'Commenced', suggestion: 'Say "began"', active: false }]);
  });

  it('switches a term off so the check stops finding it, refusing a stale edit', async () => {
    const { id, version } = await termId(t, 'uncooperative');
    expect((await as.admin.get(`/admin/plain-language/${id}`)).statusCode).toBe(200);
    const off = await as.admin.post(`/admin/plain-language/${id}`, { term: 'uncooperative', kind: 'blaming', suggestion: 'Say what the person did', version: String(version) });
    expect(off.statusCode).toBe(303);
    const check = await postJson(t, as.worker, { text: 'Dad was uncooperative.' });
    expect((check.json() as { findings: { text: string }[] }).findings.map((f) => f.text)).not.toContain('uncooperative');
    const stale = await as.admin.post(`/admin/plain-language/${id}`, { term: 'uncooperative', kind: 'blaming', suggestion: 'Older edit', active: 'yes', version: String(version) });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone else changed this word while you were editing it');
    expect(stale.body).toContain('Older edit');
    expect((await as.admin.get('/admin/plain-language/not-an-id')).statusCode).toBe(404);
    expect((await as.admin.post('/admin/plain-language/00000000-0000-4000-8000-000000000000', { term: 'x', kind: 'jargon', suggestion: 'y', version: '1' })).statusCode).toBe(404);
    expect((await as.worker.get(`/admin/plain-language/${id}`)).statusCode).toBe(403);
  });
});
