/**
 * The family's and the child's version start from a draft that never copies the professional text
 * (A11): where the answers written for the family are blank it says what the worker still has to
 * write, and a version with such a placeholder left in it is refused with the GOV.UK error summary,
 * so it is never saved, downloaded or shared.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { todayInLondon } from '../../src/domain/dates';
import { analysis, count, decision, livingFamily, saveSection } from './assessments-living.fixture';

type Role = keyof typeof EMAILS;

/** The text of the version box, as the page shows it. */
const boxText = (html: string) =>
  (/<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '')
    .replace(/^\n/, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describeEachDb('the family’s version is the worker’s words, never a copy of the professional text (A11)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  /** Ellie's assessment with only the professional analysis written: the three columns for the family are blank. */
  async function professionalOnly() {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis({ goingWell: null, worried: null, needsToHappen: null, dangerStatements: [], safetyGoals: [], hypotheses: 'Mother may be minimising the risk.', capacityToChange: 'Limited within Ellie’s timescales.' }));
    await saveSection(t, f.assessment.id, 'decision', decision({ s47: 'no', accommodation: 's20', reasons: 'Section 17 threshold met; s20 agreed pending parenting assessment.' }));
    return f;
  }

  it('the draft says what the worker still has to write, instead of copying the risk and protective factors or the reasons', async () => {
    const f = await professionalOnly();
    const res = await as.worker.get(`${f.base}/family-version`);
    expect(res.statusCode).toBe(200);
    const draft = boxText(res.body);
    expect(draft).toContain('What is going well\n\n[Write what is going well in words the family will understand]');
    expect(draft).toContain('What we are worried about\n\n[Write what we are worried about in words the family will understand]');
    expect(draft).toContain('What needs to happen\n\n[Write what needs to happen in words the family will understand]');
    expect(draft).toContain('We will make a child in need plan with you.');
    expect(draft).toContain('This is called accommodation under section 20.');
    expect(draft).toContain('[Write why we decided this in words the family will understand]');
    for (const professional of ['Domestic abuse by father', 'Maternal grandmother nearby', 'minimising', 'Limited within', 'threshold', 'pending parenting assessment']) expect(draft).not.toContain(professional);
    expect(bodyText(res.body)).toContain('Replace each line in square brackets with what it asks for: the version cannot be saved or shared until you do.');
  });

  it('refuses to save a version with a placeholder left in, with the GOV.UK error summary, keeping what was typed; saved once the worker writes it', async () => {
    const f = await professionalOnly();
    const url = `${f.base}/family-version`;
    const draft = boxText((await as.worker.get(url)).body);
    const refused = await as.worker.post(url, { text: draft, language: 'English', version: '0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#text"');
    const message = 'Write what is going well, what we are worried about, what needs to happen and why we decided this in words the family will understand';
    expect(bodyText(refused.body)).toContain(message);
    expect(boxText(refused.body)).toBe(draft);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_family_versions WHERE assessment_id = ${f.assessment.id}`)).toBe(0);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-family-version-saved' AND child_id = ${f.ellie.id}`)).toBe(0);
    // Nothing saved, so nothing to download.
    const pdf = await as.worker.get(`${url}.pdf`);
    expect(pdf.statusCode).toBe(303);

    // One left: the error names only what is still to write.
    const most = draft
      .replace('[Write what is going well in words the family will understand]', 'Ellie goes to school every day. Nan helps after school.')
      .replace('[Write what needs to happen in words the family will understand]', 'Dad lives somewhere else for now.')
      .replace('[Write why we decided this in words the family will understand]', 'We decided this because Ellie was frightened at home and you asked us for help.');
    const oneLeft = await as.worker.post(url, { text: most, language: 'English', version: '0' });
    expect(oneLeft.statusCode).toBe(400);
    expect(bodyText(oneLeft.body)).toContain('Write what we are worried about in words the family will understand');
    expect(bodyText(oneLeft.body)).not.toContain('Write what is going well');

    const written = most.replace('[Write what we are worried about in words the family will understand]', 'Dad hit Mum in the kitchen in March while Ellie was upstairs.');
    expect((await as.worker.post(url, { text: written, language: 'English', version: '0' })).statusCode).toBe(303);
    expect((await as.worker.get(`${url}.pdf`)).statusCode).toBe(200);
    // Putting a placeholder back into a saved version is refused too, and the saved version stays as it was.
    const back = await as.worker.post(url, { text: `${written}\n\n[Write what needs to happen in words the family will understand]`, language: 'English', version: '1' });
    expect(back.statusCode).toBe(400);
    const stored = await count(t, sql`SELECT version AS n FROM assessment_family_versions WHERE assessment_id = ${f.assessment.id} AND audience = 'family'`);
    expect(stored).toBe(1);
  });

  it('the child’s version never copies the reasons; a teenager’s asks for what is going well, the worries and why, in words they will understand', async () => {
    const f = await professionalOnly();
    const url = `${f.base}/child-version`;
    // Ellie is 8: her version has the plain sentences and her own words only, so it saves as it is.
    const young = boxText((await as.worker.get(url)).body);
    expect(young).not.toContain('Section 17 threshold');
    expect(young).not.toContain('[Write');
    expect(young).toContain('For now, you are going to live somewhere safe');
    expect((await as.worker.post(url, { text: young, language: 'English', version: '0' })).statusCode).toBe(303);

    const older = await livingFamily(t);
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = ${`${Number(todayInLondon().slice(0, 4)) - 14}-01-01`} WHERE id = ${older.ellie.id}`);
    await saveSection(t, older.assessment.id, 'analysis', analysis({ goingWell: null, worried: null }));
    await saveSection(t, older.assessment.id, 'decision', decision());
    const teenUrl = `${older.base}/child-version`;
    const teen = boxText((await as.worker.get(teenUrl)).body);
    expect(teen).not.toContain('Ellie needs help to stay safe while Mum and Dad make changes.');
    expect(teen).toContain('[Write why we decided this in words Ellie will understand]');
    const refused = await as.worker.post(teenUrl, { text: teen, language: 'English', version: '0' });
    expect(refused.statusCode).toBe(400);
    expect(bodyText(refused.body)).toContain('Write what is going well, what we are worried about and why we decided this in words Ellie will understand');
    expect(refused.body).toContain('href="#text"');
  });
});
