import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAllocation, createAssessment, createChild } from '../helpers/factories';
import { pdfText } from '../helpers/pdf';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { analysis, count, decision, livingFamily, saveSection } from './assessments-living.fixture';

type Role = keyof typeof EMAILS;

const voices = () => ({
  child: { words: 'I don’t like it when Dad shouts. I hide under my bed with my rabbit.', observations: null, heardOn: '2026-02-01', heardBy: 'Sam', seenAlone: 'yes', notSeenAloneReason: null, tools: ['three-houses'], toolsOther: null },
  adults: [],
  wider: [],
  widerNotSoughtReason: null,
  professionals: [],
  completed: true,
});

describeEachDb('the family’s and the child’s versions of an assessment (A11, A12)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  async function family() {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    await saveSection(t, f.assessment.id, 'decision', decision());
    await saveSection(t, f.assessment.id, 'voices', voices());
    return f;
  }

  it('starts from a plain draft made from the analysis and the decision, not the professional text, with the wording check beside it', async () => {
    const f = await family();
    const res = await as.worker.get(`${f.base}/family-version`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('This is a starting draft made from the assessment. It has not been saved.');
    expect(text).toContain('What is going well Ellie goes to school every day');
    expect(text).toContain('We are worried that: - Ellie could be hurt or very frightened');
    expect(text).toContain('We think Ellie needs extra help to be safe and well. We will make a child in need plan with you.');
    expect(text).toContain('- We said 4, because Dad still comes to the house.');
    // The decision's reasons are written for professionals: the worker writes why in the family's words.
    expect(text).not.toContain('Ellie needs help to stay safe while Mum and Dad make changes.');
    expect(text).toContain('[Write why we decided this in words the family will understand]');
    expect(text).not.toContain('Domestic abuse by father');
    expect(text).not.toContain('Maternal grandmother nearby');
    expect(text).toContain('Check your wording');
    expect(res.body).toContain('aria-live="polite"');
    expect(res.body).toContain('data-plain-language="text-plain-language"');
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-family-version-viewed' AND child_id = ${f.ellie.id}`)).toBe(1);
  });

  it('saves the worker’s text, shows the wording findings after saving without blocking it, and refuses a stale save', async () => {
    const f = await family();
    const url = `${f.base}/family-version`;
    const first = 'What we are worried about\n\nMum has shown disguised compliance and was uncooperative. There have been three incidents of domestic abuse.';
    const saved = await as.worker.post(url, { text: first, language: 'English', version: '0' });
    expect(saved.statusCode).toBe(303);
    const page = bodyText((await as.worker.get(url)).body);
    expect(page).toMatch(/The family’s version is saved. Look at the \d+ wording suggestions beside it before you share it./);
    expect(page).toContain('Blaming or labelling : “disguised compliance”');
    expect(page).toContain('Does not say what happened : “three incidents of domestic abuse”');
    expect(page).toContain('Version 1, last saved');
    const audited = await rows<{ details: { wordingFindings: number; version: number } }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'assessment-family-version-saved' AND child_id = ${f.ellie.id}`);
    expect(audited[0]!.details).toMatchObject({ version: 1 });
    expect(audited[0]!.details.wordingFindings).toBeGreaterThanOrEqual(3);

    // Someone else saves first: the second save is refused with both texts shown and nothing lost.
    expect((await as.manager.post(url, { text: 'The manager’s rewrite.', language: 'English', version: '1' })).statusCode).toBe(303);
    const stale = await as.worker.post(url, { text: 'My careful rewrite.', language: 'English', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone else saved this version while you were writing');
    expect(stale.body).toContain('The manager’s rewrite.');
    expect(stale.body).toContain('My careful rewrite.');
    expect(stale.body).toContain('name="version" value="2"');
    expect((await as.worker.post(url, { text: 'My careful rewrite.', language: 'English', version: '2' })).statusCode).toBe(303);
    const stored = await rows<{ text: string; version: number }>(t.database.db, sql`SELECT text, version FROM assessment_family_versions WHERE assessment_id = ${f.assessment.id} AND audience = 'family'`);
    expect(stored[0]).toMatchObject({ text: 'My careful rewrite.', version: 3 });
  });

  it('validates with the GOV.UK error summary, keeping what was typed, and never echoes markup', async () => {
    const f = await family();
    const url = `${f.base}/family-version`;
    const empty = await as.worker.post(url, { text: '  ', language: '', version: '0' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#text"');
    expect(empty.body).toContain('href="#language"');
    const long = await as.worker.post(url, { text: 'a'.repeat(20_001), language: 'English', version: '0' });
    expect(long.statusCode).toBe(400);
    expect(bodyText(long.body)).toContain('The text must be 20,000 characters or fewer');
    expect((await as.worker.post(url, { text: ['one', 'two'], language: 'English', version: '0' })).statusCode).toBe(400);
    expect((await as.worker.post(url, { text: 'Fine', language: 'English', version: 'minus one' })).statusCode).toBe(400);
    const script = await as.worker.post(url, { text: '<script>alert(1)</script>\u0007 We will help.', language: 'English', version: '0' });
    expect(script.statusCode).toBe(303);
    const shown = await as.worker.get(url);
    expect(shown.body).not.toContain('<script>alert(1)</script>');
    expect(shown.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; We will help.');
  });

  it('downloads the saved version as a real PDF, audited as a disclosure', async () => {
    const f = await family();
    const before = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(before.statusCode).toBe(303);
    expect(before.headers.location).toBe(`${f.base}/family-version`);
    const text = 'What is going well\n\nEllie goes to school every day. Nan helps after school.\n\nWhat needs to happen\n\n- Dad lives somewhere else for now\n- Mum keeps Ellie safe\n\nŁucja, Ellie’s nan, will read this with you.';
    expect((await as.worker.post(`${f.base}/family-version`, { text, language: 'Polish', version: '0' })).statusCode).toBe(303);
    const res = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="family-version-ellie-brennan\w+\.pdf"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const words = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(words).toContain('What we found: our assessment of Ellie’s needs');
    expect(words).toContain('Ellie goes to school every day. Nan helps after school.');
    expect(words).toContain('Dad lives somewhere else for now');
    expect(words).toContain('Łucja, Ellie’s nan, will read this with you.');
    expect(words).toContain('Private: for Ellie’s family');
    const disclosed = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'assessment-disclosed' AND child_id = ${f.ellie.id}`);
    expect(disclosed.map((d) => d.details)).toEqual([{ audience: 'family', version: 1, format: 'pdf', language: 'Polish' }]);
  });

  it('makes the PDF in Bengali, in Urdu (right to left), in Chinese, in Korean and in Tibetan, in their own fonts, recorded as shared in that language', async () => {
    const f = await family();
    const text = 'আমরা যা পেয়েছি\n\nএলি প্রতিদিন স্কুলে যায়।';
    expect((await as.worker.post(`${f.base}/family-version`, { text, language: 'Bengali', version: '0' })).statusCode).toBe(303);
    const versionPage = bodyText((await as.worker.get(`${f.base}/family-version`)).body);
    expect(versionPage).toContain('Download the saved version as a PDF');
    expect(versionPage).not.toContain('A PDF cannot show');
    const res = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansBengali-Bold/);
    expect(res.rawPayload.toString('latin1')).toContain('/Lang (bn)');
    const words = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(words).toContain('আমরা');
    expect(words).toContain('What we found: our assessment of Ellie’s needs');

    expect((await as.worker.post(`${f.base}/child-version`, { text: 'ہم نے کیا پایا', language: 'Urdu', version: '0' })).statusCode).toBe(303);
    const urdu = await as.worker.get(`${f.base}/child-version.pdf`);
    expect(urdu.statusCode).toBe(200);
    expect(urdu.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Bold/);

    // Cantonese, written in traditional Chinese characters.
    expect((await as.worker.post(`${f.base}/family-version`, { text: '我們的發現\n\n艾莉每天都去上學。', language: 'Cantonese', version: '1' })).statusCode).toBe(303);
    const chinese = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(chinese.statusCode).toBe(200);
    expect(chinese.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(chinese.rawPayload.toString('latin1')).toContain('/Lang (zh-HK)');
    expect(await pdfText(chinese.rawPayload)).toContain('艾莉每天都去上學。');
    expect((await as.worker.post(`${f.base}/child-version`, { text: '우리가 발견한 것\n\n엘리는 매일 학교에 갑니다.', language: 'Korean', version: '1' })).statusCode).toBe(303);
    const korean = await as.worker.get(`${f.base}/child-version.pdf`);
    expect(korean.statusCode).toBe(200);
    expect(korean.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR-Bold/);
    expect(korean.rawPayload.toString('latin1')).toContain('/Lang (ko)');
    expect(await pdfText(korean.rawPayload)).toContain('엘리는 매일 학교에 갑니다.');
    expect((await as.worker.post(`${f.base}/family-version`, { text: 'ང་ཚོས་རྙེད་པ།\n\nཨེ་ལི་ཉིན་རེ་སློབ་གྲྭར་འགྲོ།', language: 'Tibetan', version: '2' })).statusCode).toBe(303);
    const tibetan = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(tibetan.statusCode).toBe(200);
    expect(tibetan.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifTibetan-Bold/);
    expect(tibetan.rawPayload.toString('latin1')).toContain('/Lang (bo)');
    expect((await pdfText(tibetan.rawPayload)).replace(/\s+/g, '')).toContain('ཨེ་ལི་ཉིན་རེ་སློབ་གྲྭར་འགྲོ།');
    const disclosed = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'assessment-disclosed' AND child_id = ${f.ellie.id} ORDER BY seq`);
    expect(disclosed.map((d) => d.details)).toEqual([
      { audience: 'family', version: 1, format: 'pdf', language: 'Bengali' },
      { audience: 'child', version: 1, format: 'pdf', language: 'Urdu' },
      { audience: 'family', version: 2, format: 'pdf', language: 'Cantonese' },
      { audience: 'child', version: 2, format: 'pdf', language: 'Korean' },
      { audience: 'family', version: 3, format: 'pdf', language: 'Tibetan' },
    ]);
  });

  it('makes no PDF of writing it has no font for (Mongolian), says why and what to do instead, and records no disclosure', async () => {
    const f = await family();
    expect((await as.worker.post(`${f.base}/family-version`, { text: 'ᠪᠢᠳᠡ ᠶᠠᠭᠤ ᠣᠯᠪᠠ\n\nᠡᠯᠯᠢ ᠡᠳᠦᠷ ᠪᠦᠷ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠳᠤ ᠶᠠᠪᠤᠳᠠᠭ', language: 'Mongolian', version: '0' })).statusCode).toBe(303);
    const versionPage = bodyText((await as.worker.get(`${f.base}/family-version`)).body);
    expect(versionPage).toContain('A PDF cannot show some of the writing in the saved version (Mongolian)');
    expect(versionPage).not.toContain('Download the saved version as a PDF');
    const res = await as.worker.get(`${f.base}/family-version.pdf`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const page = bodyText(res.body);
    expect(page).toContain('The family’s version cannot be made into a PDF yet');
    expect(page).toContain('It has writing a PDF from Hearth cannot show properly: Mongolian.');
    expect(page).toContain('a printed copy of the saved version, written in Mongolian');
    expect(res.body).toContain(`href="${f.base}/sharing?audience=family"`);
    const disclosed = await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-disclosed' AND child_id = ${f.ellie.id}`);
    expect(Number(disclosed[0]?.n)).toBe(0);
  });

  it('makes the child’s version simpler for a younger child, and none for an unborn baby', async () => {
    const f = await family();
    const ellie = bodyText((await as.worker.get(`${f.base}/child-version`)).body);
    expect(ellie).toContain('Hello Ellie');
    expect(ellie).toContain('You told me: “I don’t like it when Dad shouts. I hide under my bed with my rabbit.”');
    expect(ellie).toContain('The grown-ups are going to work on these things:');
    expect(ellie).toContain('(age group: 8 to 11)');
    await saveSection(t, f.tomsAssessment.id, 'decision', decision());
    const tomBase = `/people/${f.tom.id}/assessments/${f.tomsAssessment.id}`;
    const tom = bodyText((await as.worker.get(`${tomBase}/child-version`)).body);
    expect(tom).toContain('Hello Tom');
    expect(tom).toContain('Your family is going to get some extra help. I will keep coming to see you.');
    expect(tom).not.toContain('The grown-ups are going to work on');
    expect((await as.worker.post(`${tomBase}/child-version`, { text: 'Hello Tom\n\nI am Sam. I help children be safe.', language: 'English', version: '0' })).statusCode).toBe(303);
    const pdf = await as.worker.get(`${tomBase}/child-version.pdf`);
    expect(pdf.statusCode).toBe(200);
    const words = await pdfText(pdf.rawPayload);
    expect(words).toContain('For Tom');
    expect(words).toContain('I am Sam. I help children be safe.');

    const unborn = await createChild(t.database.db, { firstName: 'Baby', lastName: 'Brennan', dateOfBirth: null, expectedDeliveryDate: '2030-01-01' });
    await createAllocation(t.database.db, unborn.id, f.teamId, f.workerId);
    const pre = await createAssessment(t.database.db, unborn.id, { variant: 'pre-birth', workerId: f.workerId, teamId: f.teamId });
    const preBase = `/people/${unborn.id}/assessments/${pre.id}`;
    expect(bodyText((await as.worker.get(`${preBase}/child-version`)).body)).toContain('There is no child’s version for an unborn baby');
    expect((await as.worker.post(`${preBase}/child-version`, { text: 'Hello', language: 'English', version: '0' })).statusCode).toBe(400);
  });

  it('refuses the versions and their PDFs to other teams, chairs, quality assurance, partners and administrators', async () => {
    const f = await family();
    expect((await as.worker.post(`${f.base}/family-version`, { text: 'Saved.', language: 'English', version: '0' })).statusCode).toBe(303);
    for (const role of ['worker2', 'manager2', 'partner', 'admin', 'cp-chair', 'qa'] as const) {
      for (const path of ['family-version', 'child-version', 'family-version.pdf', 'sharing']) {
        expect((await as[role].get(`${f.base}/${path}`)).statusCode, `${role} ${path}`).toBe(403);
      }
      expect((await as[role].post(`${f.base}/family-version`, { text: 'Taken over', language: 'English', version: '1' })).statusCode, role).toBe(403);
      expect((await as[role].post(`${f.base}/sharing`, { audience: 'family', shared: 'no', notSharedReason: 'other', notSharedDetails: 'x' })).statusCode, role).toBe(403);
    }
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_family_versions WHERE assessment_id = ${f.assessment.id} AND text = 'Taken over'`)).toBe(0);
    expect((await as.worker.get(`/people/${f.tom.id}/assessments/${f.assessment.id}/family-version.pdf`)).statusCode).toBe(404);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-disclosed' AND child_id = ${f.ellie.id}`)).toBe(0);
  });
});

describeEachDb('recording how an assessment was shared, or why not (A11)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('records sharing with the family in Polish and easy read, not sharing with the child, and telling the referrer the outcome', async () => {
    const f = await livingFamily(t);
    const url = `${f.base}/sharing`;
    expect((await as.worker.get(`${url}?audience=family`)).statusCode).toBe(200);
    const shared = await as.worker.post(url, { audience: 'family', shared: 'yes', 'sharedOn-day': '2', 'sharedOn-month': '2', 'sharedOn-year': '2026', method: 'in-person', sharedWith: 'Sarah (mother)', language: 'Polish', format: 'easy-read' });
    expect(shared.statusCode).toBe(303);
    const notShared = await as.worker.post(url, { audience: 'child', shared: 'no', notSharedReason: 'police-investigation', notSharedDetails: 'Police asked us to wait until Dad has been interviewed.' });
    expect(notShared.statusCode).toBe(303);
    const referrer = await as.worker.post(url, { audience: 'referrer', shared: 'yes', 'sharedOn-day': '3', 'sharedOn-month': '2', 'sharedOn-year': '2026', method: 'email', sharedWith: 'Mrs Khan, Oakfield Primary', language: '', format: 'standard' });
    expect(referrer.statusCode).toBe(303);
    const stored = await rows<{ audience: string; shared_on: string | null; method: string | null; language: string | null; format: string | null; not_shared_reason: string | null }>(
      t.database.db,
      sql`SELECT audience, shared_on::text AS shared_on, method, language, format, not_shared_reason FROM assessment_sharing WHERE assessment_id = ${f.assessment.id} ORDER BY recorded_at, audience`,
    );
    expect(stored).toEqual([
      { audience: 'family', shared_on: '2026-02-02', method: 'in-person', language: 'Polish', format: 'easy-read', not_shared_reason: null },
      { audience: 'child', shared_on: null, method: null, language: null, format: null, not_shared_reason: 'It would harm a police investigation: Police asked us to wait until Dad has been interviewed.' },
      { audience: 'referrer', shared_on: '2026-02-03', method: 'email', language: 'English', format: 'standard', not_shared_reason: null },
    ]);
    const page = bodyText((await as.worker.get(url)).body);
    expect(page).toContain('The parents or carers 2 February 2026 Sarah (mother), In person, Polish, Easy read');
    expect(page).toContain('The child Not shared It would harm a police investigation');
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${f.ellie.id} AND e.origin_type = 'assessment-sharing'`)).toBe(3);
    expect(await count(t, sql`SELECT count(*) AS n FROM chronology_entries WHERE summary = 'Outcome of the assessment told to the referrer (Mrs Khan, Oakfield Primary), by email'`)).toBe(1);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-sharing-recorded' AND child_id = ${f.ellie.id}`)).toBe(3);
  });

  it('validates every answer with the GOV.UK error summary and survives hostile input', async () => {
    const f = await livingFamily(t);
    const url = `${f.base}/sharing`;
    const nothing = await as.worker.post(url, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('href="#audience"');
    expect(nothing.body).toContain('href="#shared"');
    const missing = await as.worker.post(url, { audience: 'family', shared: 'yes', sharedWith: '' });
    expect(missing.statusCode).toBe(400);
    for (const href of ['#sharedOn-day', '#method', '#sharedWith', '#format']) expect(missing.body).toContain(`href="${href}"`);
    const nextYear = String(Number(todayInLondon().slice(0, 4)) + 1);
    const future = await as.worker.post(url, { audience: 'family', shared: 'yes', 'sharedOn-day': '1', 'sharedOn-month': '1', 'sharedOn-year': nextYear, method: 'post', sharedWith: 'Sarah', format: 'standard' });
    expect(bodyText(future.body)).toContain('must be today or in the past');
    const impossible = await as.worker.post(url, { audience: 'family', shared: 'yes', 'sharedOn-day': '31', 'sharedOn-month': '2', 'sharedOn-year': '2026', method: 'post', sharedWith: 'Sarah', format: 'standard' });
    expect(bodyText(impossible.body)).toContain('must be a real date');
    const other = await as.worker.post(url, { audience: 'child', shared: 'no', notSharedReason: 'other' });
    expect(other.body).toContain('href="#notSharedDetails"');
    const hostile = await as.worker.post(url, { audience: ['family', 'child'], shared: 'yes', method: '<script>', sharedWith: 'x'.repeat(300), format: 'gold-leaf' });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>');
    const longWho = await as.worker.post(url, { audience: 'family', shared: 'yes', 'sharedOn-day': '2', 'sharedOn-month': '2', 'sharedOn-year': '2026', method: 'post', sharedWith: 'x'.repeat(300), format: 'standard' });
    expect(longWho.body).toContain('href="#sharedWith"');
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_sharing WHERE assessment_id = ${f.assessment.id}`)).toBe(0);
  });

  it('shows the sharing page in a fixed number of queries however many records it has', async () => {
    const f = await livingFamily(t);
    const url = `${f.base}/sharing`;
    const record = () => as.worker.post(url, { audience: 'family', shared: 'yes', 'sharedOn-day': '2', 'sharedOn-month': '2', 'sharedOn-year': '2026', method: 'post', sharedWith: 'Sarah', format: 'large-print' });
    await record();
    await as.worker.get(url);
    const one = as.worker.lastQueryCount;
    for (let i = 0; i < 4; i += 1) await record();
    await as.worker.get(url);
    expect(as.worker.lastQueryCount).toBe(one);
  });
});
