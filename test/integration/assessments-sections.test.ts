/**
 * The assessment's content sections (A4-A8) through HTTP: who may open them, saving (each save a
 * revision, audited), "add another" without JavaScript, validation with the GOV.UK error summary and
 * hostile input (never a 500, nothing stored), completeness before "completed", drafts and conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { readContent, type AssessmentContent } from '../../src/domain/assessmentContent';
import { createAssessment, createChild } from '../helpers/factories';
import { completeTriangle, DIMENSION_KEYS, familyWithAssessment, openForm, revisionCount, saveSection, statement, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;
const CONTENT_SECTIONS = ['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'decision'];

/** The assessment's content as stored, read through the schemas every reader uses. */
async function content(t: TestApp, assessmentId: string): Promise<AssessmentContent> {
  const found = await rows<{ content: unknown }>(t.database.db, sql`SELECT content FROM assessments WHERE id = ${assessmentId}`);
  return readContent(found[0]!.content);
}
const errorLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]!.replace(/&#39;|&rsquo;/g, '’')}`);

describeEachDb('assessment sections', (kind) => {
  let t: TestApp;
  let as: Agents;
  let f: Family;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    f = await familyWithAssessment(t);
  });
  afterAll(() => t.close());

  describe('who may open and change a section', () => {
    it('lets the child’s team open every section, and audits each view', async () => {
      for (const section of CONTENT_SECTIONS) {
        for (const who of [as.worker, as.manager]) {
          const res = await who.get(`${f.base}/sections/${section}`);
          expect(res.statusCode, section).toBe(200);
          expect(res.body).toContain('data-autosave');
        }
      }
      const audited = await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-section-viewed' AND subject_id = ${f.assessment.id}`);
      expect(Number(audited[0]!.n)).toBe(CONTENT_SECTIONS.length * 2);
    });

    it('refuses another team, partners, chairs, quality assurance and administrators, and logs the refusal', async () => {
      const url = `${f.base}/sections/voices`;
      for (const who of ['worker2', 'manager2', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
        expect((await as[who].get(url)).statusCode, who).toBe(403);
        expect((await as[who].post(url, { version: '1', action: 'save', 'child-words': 'x' })).statusCode, who).toBe(403);
      }
      const refused = await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND (subject_id = ${f.child.id} OR subject_id LIKE '%/sections/voices')`);
      expect(Number(refused[0]!.n)).toBeGreaterThanOrEqual(12);
      expect((await t.anonymous().get(url)).statusCode).toBe(303);
    });

    it('finds no assessment through another child’s address, or with a malformed id', async () => {
      const other = await createChild(t.database.db);
      expect((await as.worker.get(`/people/${other.id}/assessments/${f.assessment.id}/sections/voices`)).statusCode).toBe(404);
      expect((await as.worker.get(`/people/${f.child.id}/assessments/not-a-uuid/sections/voices`)).statusCode).toBe(404);
      expect((await as.worker.get(`/people/${f.child.id}/assessments/${f.siblingAssessment.id}/sections/voices`)).statusCode).toBe(404);
    });

    it('issues a fixed number of queries whatever the size of the family', async () => {
      await as.worker.get(`${f.base}/sections/voices`);
      const before = as.worker.lastQueryCount;
      const bigger = await familyWithAssessment(t);
      const { createAdult, createRelationship } = await import('../helpers/factories');
      for (let i = 0; i < 6; i += 1) await createRelationship(t.database.db, bigger.child.id, (await createAdult(t.database.db)).id, 'aunt-uncle');
      await as.worker.get(`${bigger.base}/sections/voices`);
      expect(as.worker.lastQueryCount).toBe(before);
    });
  });

  describe('the triangle (A4)', () => {
    it('adds another statement without JavaScript, keeping what was typed and saving nothing', async () => {
      const url = `${f.base}/sections/developmental-needs`;
      const form = await openForm(as.worker, url);
      const revisions = await revisionCount(t, f.assessment.id);
      const res = await as.worker.post(url, { version: form.version, base: form.base, action: 'add:dimensions-health-strengths', ...statement('dimensions-education-worries-0', 'Missed 12 days this term') });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="dimensions-health-strengths-0-text"');
      expect(res.body).toContain('Missed 12 days this term');
      expect(res.body).toContain(`formaction="${url}#dimensions-health-strengths-1-text"`);
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
      // What was typed is kept as a draft, and the page shows it again once.
      const again = await as.worker.get(url);
      expect(again.body).toContain('We kept what you typed last time');
      expect(again.body).toContain('Missed 12 days this term');
    });

    it('removes a row', async () => {
      const url = `${f.base}/sections/developmental-needs`;
      const res = await as.worker.post(url, { version: '1', action: 'remove:dimensions-health-strengths:0', ...statement('dimensions-health-strengths-0', 'First'), ...statement('dimensions-health-strengths-1', 'Second') });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('>First<');
      expect(res.body).toContain('Second');
    });

    it('saves statements as a new revision, each with fact or opinion, its source and who it is about', async () => {
      const revisions = await revisionCount(t, f.assessment.id);
      const res = await saveSection(as.worker, f, 'developmental-needs', {
        ...statement('dimensions-health-strengths-0', 'Up to date with immunisations', { 'dimensions-health-strengths-0-person': f.child.id }),
        ...statement('dimensions-education-worries-0', 'Mum says Lily is bullied', { 'dimensions-education-worries-0-kind': 'opinion', 'dimensions-education-worries-0-source': 'Jo, mother', 'dimensions-education-worries-0-person': f.mother.id }),
        'dimensions-health-worries-0-text': '',
        'dimensions-health-worries-0-source': '',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${f.base}/sections/developmental-needs`);
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions + 1);
      const saved = (await content(t, f.assessment.id))['developmental-needs']!;
      expect(saved.dimensions.health).toEqual({ strengths: [{ text: 'Up to date with immunisations', kind: 'fact', source: 'Health visitor, home visit', personId: f.child.id }], worries: [], notAssessedReason: null });
      expect(saved.dimensions.education!.worries[0]).toMatchObject({ kind: 'opinion', source: 'Jo, mother', personId: f.mother.id });
      expect(saved.completed).toBe(false);
      const page = await as.worker.get(res.headers.location as string);
      expect(page.body).toContain('Saved. This change is kept as a new revision');
      expect(page.body).toContain('Up to date with immunisations');
      const audit = await rows<{ details: { section: string } }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'assessment-section-saved' AND subject_id = ${f.assessment.id} ORDER BY seq DESC LIMIT 1`);
      expect(audit[0]!.details.section).toBe('developmental-needs');
    });

    it('shows each problem in the GOV.UK error summary, linked to its field, and stores nothing', async () => {
      const revisions = await revisionCount(t, f.assessment.id);
      const res = await saveSection(as.worker, f, 'developmental-needs', { 'dimensions-health-strengths-0-text': 'Has asthma', 'dimensions-selfCare-worries-0-source': 'School' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(errorLinks(res.body)).toEqual([
        '#dimensions-health-strengths-0-kind Health, strength 1: say whether this is a fact or an opinion',
        '#dimensions-health-strengths-0-source Health, strength 1: say who said this or where it came from',
        '#dimensions-selfCare-worries-0-text Self-care skills, worry 1: write what was found',
        '#dimensions-selfCare-worries-0-kind Self-care skills, worry 1: say whether this is a fact or an opinion',
      ]);
      expect(res.body).toContain('id="dimensions-health-strengths-0-source"');
      expect(res.body).toContain('Has asthma');
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
    });

    it('will not mark a section completed while a dimension has nothing and no reason', async () => {
      const fields = completeTriangle(DIMENSION_KEYS['family-environment'].filter((d) => d !== 'income'));
      const res = await saveSection(as.worker, f, 'family-environment', fields);
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toContain('#dimensions-income Income: add a strength or a worry, or say why it was not assessed');
      expect(bodyText(res.body)).toContain('This section cannot be marked as completed yet');
      const ok = await saveSection(as.worker, f, 'family-environment', { ...fields, 'dimensions-income-notAssessedReason': 'The family did not want to discuss money yet' });
      expect(ok.statusCode).toBe(303);
      expect((await content(t, f.assessment.id))['family-environment']!.completed).toBe(true);
    });

    it('records parenting capacity for each parent or carer in a specialist assessment', async () => {
      const s = await familyWithAssessment(t, { variant: 'specialist' });
      const url = `${s.base}/sections/parenting-capacity`;
      const form = await openForm(as.worker, url);
      expect(form.body).toMatch(new RegExp(`name="adults-\\d-personId" value="${s.mother.id}"`));
      expect(form.body).toMatch(new RegExp(`name="adults-\\d-personId" value="${s.father.id}"`));
      expect(form.body).toContain(`value="add:adults:${s.grandmother.id}"`);
      const added = await as.worker.post(url, { version: form.version, base: form.base, action: `add:adults:${s.grandmother.id}`, 'adults-0-personId': s.mother.id, 'adults-0-name': 'x' });
      expect(added.body).toContain(`name="adults-1-personId" value="${s.grandmother.id}"`);
      const res = await as.worker.post(url, {
        version: form.version,
        base: form.base,
        action: 'save',
        'adults-0-personId': s.mother.id,
        'adults-0-name': 'typed over',
        ...statement('adults-0-dimensions-basicCare-strengths-0', 'Meals every day'),
        'adults-1-personId': s.father.id,
        'adults-1-name': 'Dan',
        ...statement('adults-1-dimensions-stability-worries-0', 'Visits stopped in May'),
        completed: 'yes',
      });
      expect(res.statusCode).toBe(303);
      const saved = (await content(t, s.assessment.id))['parenting-capacity']!;
      expect(saved.adults!.map((a) => [a.personId, a.name])).toEqual([
        [s.mother.id, `${s.mother.firstName} Sections`],
        [s.father.id, `${s.father.firstName} Elsewhere`],
      ]);
      expect(saved.adults![1]!.dimensions.stability!.worries[0]!.text).toBe('Visits stopped in May');
      const stranger = await as.worker.post(url, { version: String(form.version), action: 'save', 'adults-0-personId': f.mother.id, 'adults-0-name': 'Someone' });
      expect(stranger.statusCode).toBe(400);
      expect(errorLinks(stranger.body)[0]).toContain('choose a parent or carer from the family');
    });

    it('records what affects each parent’s parenting in a specialist assessment, refuses anything else, and shows a change in words', async () => {
      const s = await familyWithAssessment(t, { variant: 'specialist' });
      const url = `${s.base}/sections/parenting-capacity`;
      const mother = `${s.mother.firstName} Sections`;
      const adults = (mum: string[], dad: string[]) => ({ 'adults-0-personId': s.mother.id, 'adults-0-name': mother, 'adults-0-affectedBy': mum, 'adults-1-personId': s.father.id, 'adults-1-name': 'Dan', 'adults-1-affectedBy': dad });
      const form = await openForm(as.worker, url);
      expect(bodyText(form.body)).toContain(`What affects ${mother}’s parenting?`);
      expect(bodyText(form.body)).toContain('Substance misuse (drugs or alcohol)');
      expect(form.body).not.toMatch(/name="adults-0-affectedBy"[^>]*checked/);
      const first = await saveSection(as.worker, s, 'parenting-capacity', adults(['mental-ill-health', 'domestic-abuse'], []));
      expect(first.statusCode).toBe(303);
      const saved = (await content(t, s.assessment.id))['parenting-capacity']!;
      expect(saved.adults!.map((a) => a.affectedBy)).toEqual([['mental-ill-health', 'domestic-abuse'], []]);
      const shown = await as.worker.get(url);
      expect(shown.body).toMatch(/name="adults-0-affectedBy" type="checkbox" value="mental-ill-health" checked/);
      expect(shown.body).toMatch(/name="adults-0-affectedBy" type="checkbox" value="domestic-abuse" checked/);
      expect(shown.body).not.toMatch(/name="adults-1-affectedBy" type="checkbox" value="[a-z-]+" checked/);
      // Only the four are accepted: anything else is refused with the error summary, and nothing is saved.
      const revisions = await revisionCount(t, s.assessment.id);
      for (const unknown of [['poverty'], ['mental-ill-health', 'MENTAL-ILL-HEALTH']]) {
        const refused = await saveSection(as.worker, s, 'parenting-capacity', adults(unknown, []));
        expect(refused.statusCode).toBe(400);
        expect(refused.body).toContain('govuk-error-summary');
        expect(errorLinks(refused.body)).toContain(`#adults-0-affectedBy Parent or carer 1: choose what affects their parenting from the list`);
      }
      expect(await revisionCount(t, s.assessment.id)).toBe(revisions);
      expect((await content(t, s.assessment.id))['parenting-capacity']!.adults![0]!.affectedBy).toEqual(['mental-ill-health', 'domestic-abuse']);
      // A change shows in the comparison of two revisions in the words of the form.
      expect((await saveSection(as.worker, s, 'parenting-capacity', adults(['mental-ill-health'], ['substance-misuse']))).statusCode).toBe(303);
      const compared = bodyText((await as.manager.get(`${s.base}/revisions/compare`)).body);
      expect(compared).toContain('What affects their parenting');
      expect(compared).toContain('Substance misuse (drugs or alcohol)');
      expect(compared).toContain('Domestic abuse');
      expect(compared).not.toMatch(/substance-misuse|domestic-abuse|affectedBy/);
      // Read only once the assessment is closed: still shown, as saved.
      await t.database.db.execute(sql`UPDATE assessments SET status = 'closed', closed_on = '2025-01-20', closed_reason = 'checkpoint', closed_outcome = 'nfa', closed_at_day = 10 WHERE id = ${s.assessment.id}`);
      const locked = await as.worker.get(url);
      expect(locked.body).toContain('Nothing on this page can be changed');
      expect(locked.body).toMatch(/name="adults-1-affectedBy" type="checkbox" value="substance-misuse" checked/);
      expect(bodyText(locked.body)).toContain(`What affects ${mother}’s parenting?`);
    });
  });

  describe('nothing typed is lost', () => {
    it('keeps a section posted after the session timed out, and shows it again after signing in', async () => {
      const g = await familyWithAssessment(t);
      const url = `${g.base}/sections/identity`;
      const agent = await t.signIn(EMAILS.worker);
      const form = await openForm(agent, url);
      await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = ${t.users.get(EMAILS.worker)!}`);
      const res = await agent.post(url, { version: form.version, base: form.base, action: 'save', history: 'Typed for forty minutes' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
      const again = await t.signIn(EMAILS.worker);
      const page = await again.get(url);
      expect(page.body).toContain('We kept what you typed last time');
      expect(page.body).toContain('Typed for forty minutes');
      expect(page.body).toContain(`name="version" value="${form.version}"`);
      as = await signInAll(t);
    });

    it('shows an autosaved draft when the section is opened again', async () => {
      const g = await familyWithAssessment(t);
      const url = `${g.base}/sections/analysis`;
      const form = await openForm(as.worker, url);
      const saved = await as.worker.post(`/drafts?form=${encodeURIComponent(url)}`, { version: form.version, base: form.base, riskFactors: 'Typed on a visit' });
      expect(saved.statusCode).toBe(200);
      const page = await as.worker.get(url);
      expect(page.body).toContain('We kept what you typed last time');
      expect(page.body).toContain('Typed on a visit');
    });
  });

  describe('hostile input', () => {
    const url = () => `${f.base}/sections/developmental-needs`;
    it('refuses, without a 500 and without storing anything, what no form sends', async () => {
      const revisions = await revisionCount(t, f.assessment.id);
      const payloads: Record<string, string | string[]>[] = [
        { 'dimensions-health-strengths-0-text': 'x'.repeat(2001), 'dimensions-health-strengths-0-kind': 'fact', 'dimensions-health-strengths-0-source': 'GP' },
        { 'dimensions-health-strengths-0-text': ['two', 'values'], 'dimensions-health-strengths-0-kind': 'fact', 'dimensions-health-strengths-0-source': 'GP' },
        { 'dimensions-health-strengths-0-text': 'x', 'dimensions-health-strengths-0-kind': 'rumour', 'dimensions-health-strengths-0-source': 'GP' },
        { 'dimensions-health-strengths-0-text': 'x', 'dimensions-health-strengths-0-kind': 'fact', 'dimensions-health-strengths-0-source': 'GP', 'dimensions-health-strengths-0-person': f.siblingAssessment.id },
        { 'dimensions-health-strengths-0-text': 'x', 'dimensions-health-strengths-0-kind': ['fact', 'opinion'], 'dimensions-health-strengths-0-source': 'GP' },
      ];
      for (const payload of payloads) {
        const res = await as.worker.post(url(), { version: '999', action: 'save', ...payload });
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.body).toContain('govuk-error-summary');
      }
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
    });

    it('ignores odd field names and absurd row numbers, strips control characters and escapes markup', async () => {
      const res = await saveSection(as.worker, f, 'developmental-needs', {
        '__proto__-polluted': 'yes',
        'constructor-prototype-x': 'y',
        'dimensions-health-strengths-99999-text': 'far away',
        ['a'.repeat(300)]: 'long name',
        ...statement('dimensions-health-strengths-0', '<script>alert("x")</script>\u0007 bell'),
      });
      expect(res.statusCode).toBe(303);
      const saved = (await content(t, f.assessment.id))['developmental-needs']!;
      expect(saved.dimensions.health!.strengths).toHaveLength(1);
      expect(saved.dimensions.health!.strengths[0]!.text).toBe('<script>alert("x")</script> bell');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const page = await as.worker.get(url());
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).toContain('&lt;script&gt;alert');
    });

    it('refuses impossible and future dates, and unknown choices, in the voices section', async () => {
      const revisions = await revisionCount(t, f.assessment.id);
      const cases: [Record<string, string>, string][] = [
        [{ 'child-heardOn-day': '31', 'child-heardOn-month': '2', 'child-heardOn-year': '2025' }, '#child-heardOn-day Date the child was heard must be a real date'],
        [{ 'child-heardOn-day': '1', 'child-heardOn-month': '1', 'child-heardOn-year': String(new Date().getFullYear() + 1) }, '#child-heardOn-day Date the child was heard must be today or in the past'],
        [{ 'child-seenAlone': 'maybe' }, '#child-seenAlone Say whether the child was seen alone'],
        [{ 'child-tools': 'thumbscrews' }, '#child-tools Choose the ways the child was heard from the list'],
        [{ 'adults-0-name': 'Someone', 'adults-0-personId': f.siblingAssessment.id }, '#adults-0-personId Parent or carer 1: choose a person from the family'],
      ];
      for (const [fields, expected] of cases) {
        const res = await saveSection(as.worker, f, 'voices', fields);
        expect(res.statusCode).toBe(400);
        expect(errorLinks(res.body), JSON.stringify(errorLinks(res.body))).toContain(expected);
      }
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
    });
  });

  describe('conflicts', () => {
    it('shows both versions when someone else saved the same section, keeps what was typed, and saves it when confirmed', async () => {
      const url = `${f.base}/sections/identity`;
      const mine = await openForm(as.worker, url);
      const theirs = await openForm(as.manager, url);
      expect((await as.manager.post(url, { version: theirs.version, base: theirs.base, action: 'save', ethnicity: 'WBRI', history: 'Written by the manager' })).statusCode).toBe(303);
      const clash = await as.worker.post(url, { version: mine.version, base: mine.base, action: 'save', ethnicity: 'MWBC', history: 'Written by the worker' });
      expect(clash.statusCode).toBe(409);
      const text = bodyText(clash.body);
      expect(text).toContain('Someone else saved this section while you were editing it');
      expect(text).toContain('Morgan Ellis saved it');
      expect(text).toContain('Written by the manager');
      expect(text).toContain('History Written by the manager Written by the worker');
      // A choice is shown in the words the form showed, not its code.
      expect(text).toMatch(/Ethnicity\)? White British White and Black Caribbean/);
      expect(text).not.toContain('WBRI');
      expect(text).not.toMatch(/Version|Base [0-9a-f]/);
      expect(clash.body).toContain('>Written by the worker</textarea>');
      expect((await content(t, f.assessment.id)).identity!.history).toBe('Written by the manager');
      const newVersion = /name="version" value="(\d+)"/.exec(clash.body)![1]!;
      const newBase = /name="base" value="([0-9a-f]+)"/.exec(clash.body)![1]!;
      const confirmed = await as.worker.post(url, { version: newVersion, base: newBase, action: 'save', ethnicity: 'MWBC', history: 'Written by the worker' });
      expect(confirmed.statusCode).toBe(303);
      expect((await content(t, f.assessment.id)).identity!.history).toBe('Written by the worker');
    });

    it('lets a person keep what is saved and discard their draft', async () => {
      const url = `${f.base}/sections/identity`;
      await t.services.drafts.save(t.users.get(EMAILS.worker)!, url, { history: 'A draft' });
      const res = await as.worker.post(url, { action: 'discard' });
      expect(res.statusCode).toBe(303);
      expect(await t.services.drafts.get(t.users.get(EMAILS.worker)!, url)).toBeNull();
    });

    it('saves a section without a clash when someone else saved a different section meanwhile', async () => {
      const g = await familyWithAssessment(t);
      const mine = await openForm(as.worker, `${g.base}/sections/analysis`);
      expect((await saveSection(as.manager, g, 'identity', { history: 'Meanwhile' })).statusCode).toBe(303);
      const res = await as.worker.post(`${g.base}/sections/analysis`, { version: mine.version, base: mine.base, action: 'save', riskFactors: 'Shouting at night' });
      expect(res.statusCode).toBe(303);
      const saved = await content(t, g.assessment.id);
      expect(saved.analysis!.riskFactors).toBe('Shouting at night');
      expect(saved.identity!.history).toBe('Meanwhile');
    });
  });

  it('never lets a worker reach the manager’s checklist', async () => {
    expect((await as.worker.get(`${f.base}/sections/checklist`)).statusCode).toBe(403);
    expect((await as['early-help'].get(`${f.base}/sections/checklist`)).statusCode).toBe(403);
    expect((await as.manager.get(`${f.base}/sections/checklist`)).statusCode).toBe(200);
  });

  it('keeps another child’s assessment apart', async () => {
    const other = await createChild(t.database.db);
    const theirs = await createAssessment(t.database.db, other.id);
    expect((await as.worker.post(`/people/${f.child.id}/assessments/${theirs.id}/sections/identity`, { version: '1', action: 'save', history: 'x' })).statusCode).toBe(404);
  });
});
