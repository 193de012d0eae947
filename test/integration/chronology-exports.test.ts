import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createChronologyEntry, createEpisode, createHousehold } from '../helpers/factories';
import { pdfText } from '../helpers/pdf';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { isRole } from '../../src/domain/roles';
import type { Actor } from '../../src/platform/access';

const daysAgo = (n: number) => new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describeEachDb('the chronology for a conference or court, the analytical view, and partner agencies', (kind) => {
  let t: TestApp;
  let worker: Agent;

  async function actor(email: string): Promise<Actor> {
    const user = (await t.services.users.repo.findByEmail(email))!;
    if (!isRole(user.role)) throw new Error('no role');
    return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId };
  }

  async function family(surname: string) {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Grace', lastName: surname, dateOfBirth: '2015-03-03' });
    const brother = await createChild(db, { firstName: 'Hal', lastName: surname, dateOfBirth: '2017-03-03' });
    const mum = await createAdult(db, { firstName: 'Iris', lastName: surname });
    for (const c of [child, brother]) await createAllocation(db, c.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    await createHousehold(db, `${surname} household`, [child.id, brother.id, mum.id]);
    return { child, brother, mum };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('exports the filtered chronology as CSV with formula injection neutralised, audited as a disclosure', async () => {
    const f = await family('Csv');
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: '2024-02-02', summary: '=HYPERLINK("http://evil.example","Click")', sourceKind: 'person', sourceAgency: null, sourceName: '+44 7700 900982' });
    await createChronologyEntry(t.database.db, [f.child.id, f.brother.id], { occurredOn: '2024-03-03', category: 'health', summary: 'A&E visit, "burn" on hand', significance: 'significant', impact: '-', sourceAgency: 'St James’s Hospital' });
    const res = await worker.get(`/people/${f.child.id}/chronology.csv?purpose=court&order=oldest`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="chronology-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('"When it happened","Date","How exact the date is","Kind of event","What happened","Impact on the child","Significance","Source","Who it concerns","Recorded","Recorded by","Typed late"');
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil.example"",""Click"")"');
    expect(lines[1]).toContain('"\'+44 7700 900982"');
    expect(lines[2]).toContain('"A&E visit, ""burn"" on hand","\'-","Significant","St James’s Hospital","Grace Csv and Hal Csv"');
    const audit = await rows<{ details: { format: string; purpose: string; entries: number } }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'chronology-disclosed' AND child_id = ${f.child.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ format: 'csv', purpose: 'court', entries: 2 });

    const familyCsv = await worker.get(`/people/${f.brother.id}/chronology.csv?family=1&category=health`);
    expect(familyCsv.body).toContain('A&E visit');
    expect(familyCsv.body).not.toContain('HYPERLINK');
  });

  it('exports a PDF whose text holds the filtered entries, and offers it from the page', async () => {
    const f = await family('Pdf');
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: '2023-07-01', category: 'court', summary: 'Interim care order hearing adjourned', significance: 'significant', impact: 'Grace waited another month to know where she would live', sourceAgency: 'Family Court' });
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: '2023-08-01', summary: 'Routine check: nothing of note' });
    const page = await worker.get(`/people/${f.child.id}/chronology?significance=significant`);
    expect(page.body).toContain(`formaction="/people/${f.child.id}/chronology.pdf"`);
    expect(page.body).toContain('<input type="hidden" name="significance" value="significant">');
    const res = await worker.get(`/people/${f.child.id}/chronology.pdf?significance=significant&purpose=conference`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Chronology: Grace Pdf');
    expect(text).toContain('Filtered: significant events only.');
    expect(text).toContain('Interim care order hearing adjourned');
    expect(text).toContain('Impact on the child: Grace waited another month');
    expect(text).toContain('for a child protection conference');
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).not.toContain('Routine check');

    const chair = await t.signIn(EMAILS['cp-chair']);
    expect((await chair.get(`/people/${f.child.id}/chronology.pdf`)).statusCode).toBe(200);
    const partner = await t.signIn(EMAILS.partner);
    expect((await partner.get(`/people/${f.child.id}/chronology.pdf`)).statusCode).toBe(403);
    const other = await t.signIn(EMAILS.worker2);
    expect((await other.get(`/people/${f.child.id}/chronology.csv`)).statusCode).toBe(403);
  });

  it('shows a partner agency user only the entries shared with them, while their access lasts', async () => {
    const f = await family('Partner');
    const db = t.database.db;
    const shared = await createChronologyEntry(db, [f.child.id, f.brother.id], { occurredOn: '2025-05-05', summary: 'SHARED police attended the home', significance: 'significant' });
    await createChronologyEntry(db, [f.child.id], { occurredOn: '2025-06-06', category: 'health', summary: 'UNSHARED health visitor note' });
    await createEpisode(db, f.child.id, { type: 'child-in-need', startDate: '2025-01-10' });
    const partner = await t.signIn(EMAILS.partner);
    expect((await partner.get(`/people/${f.child.id}/chronology`)).statusCode).toBe(403);

    const manager = await actor(EMAILS.manager);
    const lastDay = daysAgo(-30);
    const grant = await t.services.grants.add({ actor: manager, requestId: null }, f.child.id, { partner: t.users.get(EMAILS.partner)!, purpose: 'Joint section 47 enquiry', lastDay });
    expect(grant.outcome).toBe('added');
    let page = await partner.get(`/people/${f.child.id}/chronology`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('No entries have been shared with you yet');
    expect(page.body).not.toContain('SHARED police');

    const sharing = await worker.get(`/people/${f.child.id}/chronology/${shared.id}/sharing`);
    expect(sharing.statusCode).toBe(200);
    expect(bodyText(sharing.body)).toContain('DC Dee Harper');
    const saved = await worker.post(`/people/${f.child.id}/chronology/${shared.id}/sharing`, { partners: t.users.get(EMAILS.partner)! });
    expect(saved.statusCode).toBe(303);
    const bad = await worker.post(`/people/${f.child.id}/chronology/${shared.id}/sharing`, { partners: t.users.get(EMAILS.worker2)! });
    expect(bad.statusCode).toBe(400);
    const disclosed = await rows<{ child_id: string }>(db, sql`SELECT child_id FROM audit_log WHERE action = 'chronology-entry-shared' AND subject_id = ${shared.id}`);
    expect(disclosed.map((r) => r.child_id).sort()).toEqual([f.child.id, f.brother.id].sort());

    page = await partner.get(`/people/${f.child.id}/chronology`);
    const text = bodyText(page.body);
    expect(text).toContain('SHARED police attended the home');
    expect(text).not.toContain('UNSHARED');
    expect(text).toContain('1 person whose record you cannot open');
    expect(text).not.toContain('Hal Partner');
    const familyPage = bodyText((await partner.get(`/people/${f.child.id}/family-chronology`)).body);
    expect(familyPage).toContain('SHARED police');
    expect(familyPage).not.toContain('UNSHARED');
    const patterns = bodyText((await partner.get(`/people/${f.child.id}/chronology/patterns`)).body);
    expect(patterns).toContain('From 1 entry');
    // When a plan started is the child's involvement history, not something shared with the partner.
    expect(patterns).not.toContain('from 10 January 2025');
    expect(bodyText((await worker.get(`/people/${f.child.id}/chronology/patterns`)).body)).toContain('The current plan: Child in need, from 10 January 2025');
    expect((await partner.get(`/people/${f.child.id}/involvement`)).statusCode).toBe(403);
    expect((await partner.get(`/people/${f.child.id}`)).body).not.toContain(`/people/${f.child.id}/involvement`);
    expect((await partner.get(`/people/${f.child.id}/chronology/${shared.id}/history`)).statusCode).toBe(200);
    const unshared = await rows<{ id: string }>(db, sql`SELECT entry_id AS id FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE l.person_id = ${f.child.id} AND e.summary LIKE 'UNSHARED%'`);
    expect((await partner.get(`/people/${f.child.id}/chronology/${unshared[0]!.id}/history`)).statusCode).toBe(404);
    expect((await partner.get(`/people/${f.child.id}/chronology/${shared.id}/sharing`)).statusCode).toBe(403);
    expect((await partner.get(`/people/${f.child.id}/chronology/${shared.id}/edit`)).statusCode).toBe(403);

    expect(await t.services.grants.revoke({ actor: manager, requestId: null }, f.child.id, (grant as { id: string }).id)).toBe(true);
    expect((await partner.get(`/people/${f.child.id}/chronology`)).statusCode).toBe(403);
  });

  it('draws the patterns: counts per quarter, escalation, gaps in professional contact, before and after help, as accessible charts with tables', async () => {
    const f = await family('Patterns');
    const db = t.database.db;
    await createEpisode(db, f.child.id, { type: 'child-in-need', startDate: daysAgo(200) });
    // Domestic abuse: one in the 13 weeks before the last 13, three in the last 13 weeks.
    for (const [days, summary] of [[120, 'DA-1'], [60, 'DA-2'], [30, 'DA-3'], [5, 'DA-4']] as const) {
      await createChronologyEntry(db, [f.child.id, f.brother.id], { occurredOn: daysAgo(days), category: 'domestic-abuse', significance: 'significant', summary });
    }
    // Before help started: two police incidents in the year before.
    await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(300), category: 'police-incident', summary: 'PI-1' });
    await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(250), category: 'police-incident', summary: 'PI-2' });
    // One visit soon after the episode opened, then nothing.
    await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(190), category: 'visit', summary: 'Visit', originType: 'visit' });

    const res = await worker.get(`/people/${f.child.id}/chronology/patterns`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/\sstyle="/);
    expect((res.body.match(/role="img"/g) ?? []).length).toBe(3);
    expect(res.body).toContain('<title id="quarters-title">');
    expect(res.body).toContain('<desc id="timeline-desc">');
    const text = bodyText(res.body);
    expect(text).toMatch(/Domestic abuse incident 1 3 More often/);
    expect(text).toMatch(/Today: still no contact 27/);
    expect(text).toContain(`The current plan: Child in need, from ${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${daysAgo(200)}T00:00:00Z`))}, open now.`);
    expect(text).toMatch(/Police incident 2 [\d.]+ 0 0/);
    expect(text).toContain('DA-4');

    const familyView = await worker.get(`/people/${f.brother.id}/chronology/patterns?family=1`);
    expect(familyView.statusCode).toBe(200);
    expect(bodyText(familyView.body)).toContain('Patterns in the family chronology');
    const chosen = await worker.get(`/people/${f.child.id}/chronology/patterns?plan-day=1&plan-month=1&plan-year=2020&from-day=31&from-month=2&from-year=2020`);
    expect(chosen.statusCode).toBe(400);
    expect(bodyText(chosen.body)).toContain('The date from must be a real date');
    expect(bodyText(chosen.body)).toContain('The date you chose: 1 January 2020');
    const audit = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'chronology-patterns-viewed' AND child_id = ${f.child.id}`);
    // Her own patterns twice, and the family's (opened from her brother's record, showing hers too).
    expect(audit[0]!.n).toBe(3);
  });

  it('answers hostile addresses with a page, never a server error', async () => {
    const f = await family('Hostile');
    const entry = await createChronologyEntry(t.database.db, [f.child.id], { summary: 'Something that happened' });
    const base = `/people/${f.child.id}`;
    for (const url of [
      `${base}/chronology.pdf?purpose[]=court&family[]=1&from-day=99&from-month=99&from-year=99999&category=%00`,
      `${base}/chronology.csv?order=sideways&source=${'%25'.repeat(300)}&person=${f.brother.id}&to-year=1899`,
      `${base}/chronology/patterns?plan-day=abc&plan-month=13&plan-year=2020&from-year=1900&family=yes`,
      `${base}/chronology?before=2025-01-01_2025-01-01T00:00:00.000000Z_${entry.id}&after[]=x&significance[]=significant`,
      `${base}/family-chronology?person=${'a'.repeat(5000)}&category=referral&category=referral`,
    ]) {
      const res = await worker.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect([200, 400], url).toContain(res.statusCode);
    }
    const sharing = await worker.get(`${base}/chronology/${entry.id}/sharing`);
    expect(bodyText(sharing.body)).toContain('No partner agency user has access to Grace Hostile’s record now');
    expect((await worker.post(`${base}/chronology/${entry.id}/sharing`, { partners: ['not-a-uuid', 'x'] })).statusCode).toBe(400);
    const print = await worker.get(`${base}/chronology/print?purpose[]=court&family[]=1&order=sideways&person=${'a'.repeat(5000)}`);
    expect(print.statusCode).toBe(200);
  });

  it('makes no PDF of entries with writing it cannot show, and offers the print view and the CSV with the same filters', async () => {
    const f = await family('Script');
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(10), summary: 'Grandmother’s note, in Mongolian: ᠪᠢᠳᠡ ᠰᠡᠳᠬᠢᠯ ᠵᠦᠷᠬᠡ ᠲᠡᠢ', significance: 'significant' });
    const res = await worker.get(`/people/${f.child.id}/chronology.pdf?significance=significant&purpose=court`);
    expect(res.statusCode).toBe(422);
    const text = bodyText(res.body);
    expect(text).toContain('This chronology cannot be made into a PDF yet');
    expect(text).toContain('writing a PDF from Hearth cannot show properly: Mongolian');
    expect(res.body).toContain(`href="/people/${f.child.id}/chronology/print?significance=significant&amp;purpose=court"`);
    expect(res.body).toContain(`href="/people/${f.child.id}/chronology.csv?significance=significant&amp;purpose=court"`);
    const print = await worker.get(`/people/${f.child.id}/chronology/print?significance=significant&purpose=court`);
    expect(print.statusCode).toBe(200);
    expect(bodyText(print.body)).toContain('ᠪᠢᠳᠡ ᠰᠡᠳᠬᠢᠯ ᠵᠦᠷᠬᠡ ᠲᠡᠢ');
    // The audit says a PDF was asked for and not made, and what for.
    const audited = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'chronology-disclosed' AND child_id = ${f.child.id} ORDER BY seq`);
    expect(audited.map((a) => [a.details.format, a.details.made, a.details.cannotShow])).toEqual([
      ['pdf', false, ['Mongolian']],
      ['print', undefined, undefined],
    ]);
  });

  it('makes the PDF of entries written in Bengali, Urdu, Chinese, Korean and Tibetan, each in its own font', async () => {
    const f = await family('Scripts');
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(12), summary: 'Grandmother’s note, in Bengali: আমরা চিন্তিত', significance: 'significant' });
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(11), summary: 'ماں نے پولیس کو فون کیا', significance: 'significant' });
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(10), summary: '外婆说：孩子昨天没有去上学。', significance: 'significant' });
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(9), summary: '할머니 말씀: 아이가 어제 학교에 가지 않았습니다.', significance: 'significant' });
    await createChronologyEntry(t.database.db, [f.child.id], { occurredOn: daysAgo(8), summary: 'Note from the grandfather, in Tibetan: ང་ཚོ་སེམས་ཁྲལ་ཡོད།', significance: 'significant' });
    const res = await worker.get(`/people/${f.child.id}/chronology.pdf?significance=significant&purpose=court`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const raw = res.rawPayload.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansBengali-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifTibetan-Regular/);
    const text = await pdfText(res.rawPayload);
    expect(text.replace(/\s+/g, ' ')).toContain('할머니 말씀: 아이가 어제 학교에 가지 않았습니다.'); // a narrow cell: the line breaks between words
    expect(text).toContain('Grandmother’s note, in Bengali: আমরা');
    expect(text).toContain('外婆说：孩子昨天没有去上学。');
    expect(text.replace(/\s+/g, '')).toContain('ང་ཚོ་སེམས་ཁྲལ་ཡོད།');
    const audited = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'chronology-disclosed' AND child_id = ${f.child.id} ORDER BY seq`);
    expect(audited.map((a) => [a.details.format, a.details.made ?? true])).toEqual([['pdf', true]]);
  });

  it('prints the whole filtered chronology, not only the page on screen, audited as a disclosure', async () => {
    const f = await family('Print');
    const db = t.database.db;
    for (let i = 0; i < 60; i += 1) {
      await createChronologyEntry(db, [f.child.id], { occurredOn: daysAgo(100 + i), summary: `Routine entry ${i + 1}`, sourceAgency: 'School' });
    }
    await createChronologyEntry(db, [f.child.id, f.brother.id], { occurredOn: daysAgo(5), category: 'health', summary: 'A&E visit after a fall', significance: 'significant', impact: 'Grace missed a week of school' });
    const page = await worker.get(`/people/${f.child.id}/chronology`);
    expect(entriesIn(page.body)).toBe(50);
    expect(page.body).toContain(`formaction="/people/${f.child.id}/chronology/print"`);
    expect(bodyText(page.body)).toContain('Print the whole chronology, not only the entries on this page, or download it for a conference or court (up to 5,000 entries).');
    expect(bodyText(page.body)).not.toContain('Print this page for a clean copy of the entries shown');

    const print = await worker.get(`/people/${f.child.id}/chronology/print?purpose=conference`);
    expect(print.statusCode).toBe(200);
    expect(entriesIn(print.body)).toBe(61);
    const text = bodyText(print.body);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Every entry, unfiltered. 61 entries, newest first, ordered by the date each event happened.');
    expect(text).toContain('for a child protection conference');
    expect(text).not.toContain('Only the first');
    // No links to change or share an entry on the paper copy.
    expect(print.body).not.toContain('/sharing"');
    const filtered = bodyText((await worker.get(`/people/${f.brother.id}/chronology/print?family=1&significance=significant&order=oldest`)).body);
    expect(filtered).toContain('Family chronology');
    expect(filtered).toContain('Filtered: significant events only. 1 entry, oldest first');
    expect(filtered).toContain('A&amp;E visit after a fall'); // bodyText leaves entities as they are
    expect(filtered).toContain('The family: Grace Print, Hal Print, Iris Print.');
    expect(filtered).not.toContain('Routine entry');

    const audit = await rows<{ details: { format: string; purpose: string; entries: number } }>(db, sql`SELECT details FROM audit_log WHERE action = 'chronology-disclosed' AND child_id = ${f.child.id} ORDER BY seq`);
    expect(audit.map((a) => [a.details.format, a.details.purpose, a.details.entries])).toEqual([
      ['print', 'conference', 61],
      ['print', 'not-given', 1],
    ]);
    const partner = await t.signIn(EMAILS.partner);
    expect((await partner.get(`/people/${f.child.id}/chronology/print`)).statusCode).toBe(403);
    expect((await (await t.signIn(EMAILS.worker2)).get(`/people/${f.child.id}/chronology/print`)).statusCode).toBe(403);
  });
});

/** How many entries a chronology page shows (each has its date cell). */
const entriesIn = (html: string) => html.split('class="hearth-chronology__date"').length - 1;

describeEachDb('an export at the limit (here 3 entries)', (kind) => {
  let t: TestApp;
  let worker: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { chronologyExportLimit: 3 });
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('says entries were left out only when there are more than the limit, not when there are exactly as many', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Lena', lastName: 'Limit', dateOfBirth: '2016-06-06' });
    await createAllocation(db, child.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    for (const day of ['2024-01-01', '2024-02-01', '2024-03-01']) await createChronologyEntry(db, [child.id], { occurredOn: day, summary: `Entry of ${day}` });
    const base = `/people/${child.id}`;

    // Exactly the limit: the export is whole.
    let pdf = (await pdfText((await worker.get(`${base}/chronology.pdf`)).rawPayload)).replace(/\s+/g, ' ');
    expect(pdf).toContain('Every entry, unfiltered. 3 entries, newest first');
    expect(pdf).toContain('Entry of 2024-01-01');
    expect(pdf).not.toContain('Only the first');
    let print = bodyText((await worker.get(`${base}/chronology/print`)).body);
    expect(print).toContain('3 entries, newest first');
    expect(print).not.toContain('Only the first');
    expect(bodyText((await worker.get(`${base}/chronology`)).body)).toContain('(up to 3 entries)');
    const whole = (await worker.get(`${base}/chronology.csv`)).body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(whole).toHaveLength(4);
    expect(whole.join('\n')).not.toContain('Only the first');

    // One more: the oldest is left out, and each export says so.
    await createChronologyEntry(db, [child.id], { occurredOn: '2023-12-01', summary: 'Entry of 2023-12-01' });
    pdf = (await pdfText((await worker.get(`${base}/chronology.pdf`)).rawPayload)).replace(/\s+/g, ' ');
    expect(pdf).toContain('3 entries, newest first');
    expect(pdf).toContain('Only the first 3 entries are included: narrow the filters for the rest.');
    expect(pdf).not.toContain('Entry of 2023-12-01');
    const printed = await worker.get(`${base}/chronology/print`);
    expect(entriesIn(printed.body)).toBe(3);
    print = bodyText(printed.body);
    expect(print).toContain('Only the first 3 entries are included: narrow the filters for the rest.');
    expect(print).not.toContain('Entry of 2023-12-01');
    const csv = (await worker.get(`${base}/chronology.csv`)).body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(5);
    // Padded to the file's twelve columns, so a spreadsheet reads it like any other row.
    expect(csv.at(-1)).toBe(`"Only the first 3 entries are included: narrow the filters for the rest."${',""'.repeat(11)}`);
    expect(csv.join('\n')).not.toContain('Entry of 2023-12-01');

    // Filtered back to three, whole again.
    pdf = (await pdfText((await worker.get(`${base}/chronology.pdf?from-day=1&from-month=1&from-year=2024`)).rawPayload)).replace(/\s+/g, ' ');
    expect(pdf).toContain('3 entries');
    expect(pdf).not.toContain('Only the first');
    expect((await worker.get(`${base}/chronology.csv?from-day=1&from-month=1&from-year=2024`)).body).not.toContain('Only the first');
  });
});

