/**
 * The plain-language check (A12) on the analysis answers written for the family: what is going
 * well, what we are worried about, what needs to happen, each score's reason, each danger statement
 * and safety goal.
 * Without JavaScript, saving checks them and the page shows the findings beside each field, never
 * blocking the save; the live check (data-plain-language) uses the same panels.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { readContent } from '../../src/domain/assessmentContent';
import { familyWithAssessment, saveSection } from './assessments-sections.fixture';

const PASSIVE = 'Lily was hit by mum’s partner when he had been drinking.';
const JARGON = 'Mum needs to engage with services.';
const VAGUE = 'There were three incidents of domestic abuse.';
const BLAMING = 'Mum is showing disguised compliance.';

/** The text of the wording panel of one field, or '' when it is empty. */
function panel(html: string, id: string): string {
  const m = new RegExp(`<div class="hearth-plain-language" id="${id}-plain-language" aria-live="polite">([\\s\\S]*?)</div>`).exec(html);
  if (!m) throw new Error(`No wording panel for ${id}`);
  return bodyText(m[1]!).replace(/&quot;/g, '"').replace(/ :/g, ':').trim();
}

describeEachDb('plain language checked on the analysis answers written for the family (A12)', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  it('saves an analysis with passive, jargon, vague and blaming wording, and shows each finding with its plain suggestion beside its field', async () => {
    const g = await familyWithAssessment(t);
    const res = await saveSection(worker, g, 'analysis', {
      riskFactors: 'There were three incidents of domestic abuse.',
      goingWell: 'Lily goes to school every day and has made friends.',
      worried: PASSIVE,
      needsToHappen: JARGON,
      'dangerStatements-0-text': VAGUE,
      'safetyGoals-0-text': BLAMING,
    });
    expect(res.statusCode).toBe(303);
    const saved = await rows<{ content: unknown }>(t.database.db, sql`SELECT content FROM assessments WHERE id = ${g.assessment.id}`);
    const analysis = readContent(saved[0]!.content).analysis!;
    expect(analysis.worried).toBe(PASSIVE);
    expect(analysis.safetyGoals).toEqual([{ text: BLAMING }]);

    const page = await worker.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Look at the 4 wording suggestions beside the answers written for the family');
    const worried = panel(page.body, 'worried');
    expect(worried).toContain('Passive voice: “was hit”');
    expect(worried).toContain('Say who did it');
    const needs = panel(page.body, 'needsToHappen');
    expect(needs).toContain('Jargon: “engage”');
    expect(needs).toContain('Say "work with" or "talk to"');
    const danger = panel(page.body, 'dangerStatements-0-text');
    expect(danger).toContain('Does not say what happened: “three incidents of domestic abuse”');
    expect(danger).toContain('Say what happened each time');
    const goal = panel(page.body, 'safetyGoals-0-text');
    expect(goal).toContain('Blaming or labelling: “disguised compliance”');
    expect(goal).toContain('Say what was agreed and what happened');
    expect(panel(page.body, 'goingWell')).toMatch(/^Check your wording (Reading age about \d+\. Aim for 13 or under\. )?No problems found in the wording\.$/);
    // Each family-facing field opts in to the live check, into its own panel; the professional analysis does not.
    for (const id of ['goingWell', 'worried', 'needsToHappen', 'dangerStatements-0-text', 'safetyGoals-0-text']) {
      expect(page.body).toMatch(new RegExp(`id="${id}"[^>]*data-plain-language="${id}-plain-language"|data-plain-language="${id}-plain-language"[^>]*id="${id}"`));
    }
    expect(page.body).not.toContain('id="riskFactors-plain-language"');
    expect(page.body).not.toMatch(/id="riskFactors"[^>]*data-plain-language/);

    // A form shown again with an error checks what was typed, not what is saved.
    const wrong = await saveSection(worker, g, 'analysis', { worried: BLAMING, 'scaling-0-who': 'worker', 'scaling-0-name': 'Sam', 'scaling-0-score': '11' });
    expect(wrong.statusCode).toBe(400);
    expect(panel(wrong.body, 'worried')).toContain('“disguised compliance”');
  });

  it('checks the reason given for each score, which the family’s version quotes; saved and gone back to the assessment, the message says where the suggestions are', async () => {
    const g = await familyWithAssessment(t);
    const res = await saveSection(worker, g, 'analysis', {
      'scaling-0-who': 'worker',
      'scaling-0-name': 'Sam Patel',
      'scaling-0-score': '4',
      'scaling-0-reason': BLAMING,
      'scaling-1-who': 'family',
      'scaling-1-name': 'Mum',
      'scaling-1-score': '7',
      'scaling-1-reason': 'Things are calmer since he moved out.',
      action: 'save-return',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(g.base);
    const overview = bodyText((await worker.get(g.base)).body);
    expect(overview).toContain('Analysis has 1 wording suggestion for the answers written for the family: open it to see it beside the answers');
    const page = (await worker.get(`${g.base}/sections/analysis`)).body;
    expect(panel(page, 'scaling-0-reason')).toContain('Blaming or labelling: “disguised compliance”');
    expect(panel(page, 'scaling-1-reason')).toMatch(/No problems found in the wording\.$/);
    expect(page).toMatch(/id="scaling-0-reason"[^>]*data-plain-language="scaling-0-reason-plain-language"|data-plain-language="scaling-0-reason-plain-language"[^>]*id="scaling-0-reason"/);
  });

  it('shows no findings on a plain analysis, and says only that it is saved', async () => {
    const g = await familyWithAssessment(t);
    const res = await saveSection(worker, g, 'analysis', {
      goingWell: 'Lily goes to school every day and has made friends.',
      worried: 'Mum’s partner hit Lily on 3 March when he had been drinking. Lily had a bruise on her arm.',
      needsToHappen: 'Mum will see the drug and alcohol worker every week.',
      'dangerStatements-0-text': 'We are worried that mum’s partner will hit Lily again when he drinks.',
      'safetyGoals-0-text': 'Lily is safe and calm at home at night.',
    });
    expect(res.statusCode).toBe(303);
    const page = await worker.get(res.headers.location as string);
    const text = bodyText(page.body);
    expect(text).toContain('Saved. This change is kept as a new revision of the assessment');
    expect(text).not.toContain('wording suggestion');
    for (const id of ['goingWell', 'worried', 'needsToHappen', 'dangerStatements-0-text', 'safetyGoals-0-text']) {
      expect(panel(page.body, id)).toMatch(/^Check your wording (Reading age about \d+\. Aim for 13 or under\. )?No problems found in the wording\.$/);
    }
    // A blank field has nothing to check yet: its panel is empty until the worker types.
    const blank = await familyWithAssessment(t);
    const empty = (await worker.get(`${blank.base}/sections/analysis`)).body;
    expect(panel(empty, 'worried')).toBe('');
  });
});
