/**
 * The voices, identity, analysis and decision sections (A5-A8) through HTTP: prefilled from the
 * family's records, each view attributed and dated, completeness before "completed", danger
 * statements when harm is suspected, and the factor code rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { readContent, type AssessmentContent } from '../../src/domain/assessmentContent';
import { completeAnalysis, familyWithAssessment, openForm, saveSection } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

async function content(t: TestApp, assessmentId: string): Promise<AssessmentContent> {
  const found = await rows<{ content: unknown }>(t.database.db, sql`SELECT content FROM assessments WHERE id = ${assessmentId}`);
  return readContent(found[0]!.content);
}
const errorLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]!.replace(/&#39;|&rsquo;/g, '’')}`);

describeEachDb('assessment content sections', (kind) => {
  let t: TestApp;
  let as: Agents;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  describe('voices, identity, analysis and decision (A5-A8)', () => {
    it('prefills the parents (including a father who lives elsewhere) and wider family, and lists the other children’s assessments', async () => {
      const g = await familyWithAssessment(t);
      const page = (await as.worker.get(`${g.base}/sections/voices`)).body;
      expect(page).toMatch(new RegExp(`name="adults-\\d-personId" value="${g.father.id}"`));
      expect(page).toMatch(new RegExp(`name="adults-\\d-personId" value="${g.mother.id}"`));
      expect(page).toContain('Does not live with the child');
      expect(page).toContain(`name="wider-0-personId" value="${g.grandmother.id}"`);
      expect(page).toContain(`href="/people/${g.sibling.id}/assessments/${g.siblingAssessment.id}"`);
    });

    it('saves each view attributed and dated, and needs a reason when a parent was not heard', async () => {
      const g = await familyWithAssessment(t);
      const fields = {
        'child-words': '“Dad doesn’t come any more”',
        'child-heardOn-day': '4',
        'child-heardOn-month': '3',
        'child-heardOn-year': '2025',
        'child-seenAlone': 'no',
        'adults-0-personId': g.father.id,
        'adults-0-name': 'x',
        'adults-0-heard': 'no',
        completed: 'yes',
      };
      const res = await saveSection(as.worker, g, 'voices', fields);
      expect(res.statusCode).toBe(400);
      const links = errorLinks(res.body);
      expect(links).toContain('#child-notSeenAloneReason Say why the child was not seen alone');
      expect(links.some((l) => l.startsWith('#adults-0-notHeardReason'))).toBe(true);
      expect(links).toContain('#wider Record the views of wider family, or say why they were not sought');
      const ok = await saveSection(as.worker, g, 'voices', { ...fields, 'child-notSeenAloneReason': 'Lily asked for her brother to stay', 'adults-0-notHeardReason': 'Refused to meet', completed: '' });
      expect(ok.statusCode).toBe(303);
      const voices = (await content(t, g.assessment.id)).voices!;
      expect(voices.child).toMatchObject({ words: '“Dad doesn’t come any more”', heardOn: '2025-03-04', seenAlone: 'no' });
      expect(voices.adults[0]).toMatchObject({ personId: g.father.id, name: `${g.father.firstName} Elsewhere`, relationship: 'father', livesWithChild: false, heard: 'no', notHeardReason: 'Refused to meet' });
    });

    it('prefills identity from the child’s record and needs how it was considered to complete', async () => {
      const g = await familyWithAssessment(t);
      const page = (await as.worker.get(`${g.base}/sections/identity`)).body;
      expect(page).toContain('<option value="MWBC" selected>');
      expect(page).toContain('Christian');
      const res = await saveSection(as.worker, g, 'identity', { ethnicity: 'MWBC', history: 'Moved in 2023', completed: 'yes' });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toContain('#considered Say how the child’s identity and history were considered in the analysis and the plan');
      expect((await saveSection(as.worker, g, 'identity', { ethnicity: 'MWBC', disabilities: ['NONE', 'VIS'] })).statusCode).toBe(400);
    });

    it('asks for danger statements and safety goals when the decision says section 47', async () => {
      const g = await familyWithAssessment(t);
      expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', factors: ['3B', '18C'] })).statusCode).toBe(303);
      const form = await openForm(as.worker, `${g.base}/sections/analysis`);
      expect(bodyText(form.body)).toContain('The decision says harm is suspected');
      const res = await saveSection(as.worker, g, 'analysis', completeAnalysis);
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual(expect.arrayContaining(['#dangerStatements Write at least one danger statement: harm is suspected', '#safetyGoals Write at least one safety goal: harm is suspected']));
      const ok = await saveSection(as.worker, g, 'analysis', { ...completeAnalysis, 'dangerStatements-0-text': 'Lily could be hurt when mum’s partner is drunk', 'safetyGoals-0-text': 'Lily is safe and calm at night' });
      expect(ok.statusCode).toBe(303);
      expect((await content(t, g.assessment.id)).analysis!.scaling).toHaveLength(3);
    });

    it('applies the factor code rules and keeps the decision consistent', async () => {
      const g = await familyWithAssessment(t);
      const base = { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'nfa', reasons: 'x' };
      const cases: [Record<string, string | string[]>, string][] = [
        [{ ...base, factors: ['21', '3B'] }, '‘No factors identified’ cannot be chosen with other factors'],
        [{ ...base, outcome: 'cin-plan', factors: ['21'] }, '‘No factors identified’ can only be chosen when the outcome is no further action'],
        [{ ...base, factors: ['18A'] }, 'Factor 18A (physical abuse) is no longer used. Choose 18B'],
        [{ ...base, factors: ['8B', '8C'] }, 'Choose one private fostering factor only'],
        [{ ...base, factors: ['3B', '3B'] }, 'Factor 3B is chosen more than once'],
        [{ ...base, factors: ['ZZZZZZ'] }, 'Choose factors from the list'],
        [{ ...base, s47: 'yes', outcome: 'cin-plan' }, 'the outcome must be a strategy discussion or emergency action'],
      ];
      for (const [fields, message] of cases) {
        const res = await saveSection(as.worker, g, 'decision', fields);
        expect(res.statusCode, message).toBe(400);
        expect(bodyText(res.body).replace(/&#39;/g, '’')).toContain(message);
      }
      const ok = await saveSection(as.worker, g, 'decision', { ...base, childInNeed: 'no', factors: ['21'], workerAgrees: 'yes', completed: 'yes' });
      expect(ok.statusCode).toBe(303);
      const decision = (await content(t, g.assessment.id)).decision;
      expect(decision).toMatchObject({ outcome: 'nfa', factors: ['21'], completed: true, workerAgreed: { userId: t.users.get(EMAILS.worker), name: 'Sam Okafor' } });
    });
  });

});
