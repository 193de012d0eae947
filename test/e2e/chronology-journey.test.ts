/**
 * The chronology in a real browser (issue 4; H1-H3, V1, V2): a worker adds a police report of a
 * domestic abuse incident for a household of three children, entered once on one child's chronology
 * and linked to the others and the parents; sees it in each child's chronology and once in the
 * family's; filters to significant events and downloads that as a PDF; then records one visit and
 * one case note for the three siblings and sees each in every child's chronology. Every page on the
 * way is scanned with axe.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectErrorSummary, fillDate, follow, signIn, startE2E, stopAfterFirstFailure, visit, type E2E } from './harness';
import { EMAILS, type TestApp } from '../helpers/app';
import { pdfText } from '../helpers/pdf';
import { createAdult, createAllocation, createChild, createEpisode, createHousehold } from '../helpers/factories';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { addDays } from '../../src/domain/workingDays';
import { actorFor } from '../integration/security.fixture';

const daysAgo = (n: number) => addDays(todayInLondon(), -n);
const dateParts = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

const INCIDENT = {
  occurredOn: daysAgo(9),
  summary: 'Police were called at 11.40pm after a neighbour heard screaming. Ryan had pushed Gemma against the kitchen door and the glass broke. Ryan was arrested and taken away.',
  agency: 'West Mercia Police',
  officer: 'PC Dana Lewis, response officer',
  impact: 'Maya came downstairs and saw her mum bleeding. Leo and Isla were woken by the shouting and were crying when the officers arrived.',
};
const SCHOOL = 'Hillside Primary School letter: Maya and Leo have both been in school every day this half term.';
const MOVE = 'The family moved to 14 Ash Grove, a three-bedroom council house.';
const VISIT = {
  observed: 'The kitchen door has been boarded up. Gemma was calm and the children were playing in the front room.',
  analysis: 'The children are safe at home while Ryan stays away; Maya is carrying a lot of worry for her mum.',
};
const NOTE = 'Mrs Patel said Maya has been quiet and tearful since the incident and Leo has been in fights at playtime. School will give them both time with the learning mentor.';

/** The Hartleys: three children and their parents in one household, each child on a child protection plan and allocated to Sam. */
async function hartleyFamily(t: TestApp) {
  const db = t.database.db;
  const maya = await createChild(db, { firstName: 'Maya', lastName: 'Hartley', sex: 'F', dateOfBirth: '2015-04-12' });
  const leo = await createChild(db, { firstName: 'Leo', lastName: 'Hartley', sex: 'M', dateOfBirth: '2018-09-03' });
  const isla = await createChild(db, { firstName: 'Isla', lastName: 'Hartley', sex: 'F', dateOfBirth: '2022-01-20' });
  const gemma = await createAdult(db, { firstName: 'Gemma', lastName: 'Hartley', sex: 'F', dateOfBirth: '1991-06-02' });
  const ryan = await createAdult(db, { firstName: 'Ryan', lastName: 'Hartley', sex: 'M', dateOfBirth: '1988-11-17' });
  await createHousehold(db, 'Hartley household', [maya.id, leo.id, isla.id, gemma.id, ryan.id]);
  for (const child of [maya, leo, isla]) {
    await createEpisode(db, child.id, { type: 'child-protection', startDate: daysAgo(60) });
    await createAllocation(db, child.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!, { fromDate: daysAgo(60) });
  }
  // Routine entries already on the chronology, for the significance filter to take away.
  const actor = await actorFor(t, EMAILS.worker);
  await db.transaction(async (tx) => {
    const ctx = { actor, requestId: null };
    await recordChronologyEntry(tx, ctx, { occurredOn: daysAgo(20), category: 'education', summary: SCHOOL, sourceKind: 'agency', sourceAgency: 'Hillside Primary School', personIds: [maya.id, leo.id] });
    await recordChronologyEntry(tx, ctx, { occurredOn: daysAgo(50), occurredPrecision: 'month', category: 'house-move', summary: MOVE, sourceKind: 'person', sourceName: 'Gemma Hartley, mother', personIds: [maya.id, leo.id, isla.id, gemma.id, ryan.id] });
  });
  return { maya, leo, isla, gemma, ryan, children: [maya, leo, isla] };
}

describe.runIf(browserAvailable)('the chronology of a household, in a real browser', () => {
  let e: E2E;
  let f: Awaited<ReturnType<typeof hartleyFamily>>;
  /** The London day the incident was saved on (read just before and after saving, so midnight cannot flake). */
  let recordedDays: string[] = [];
  stopAfterFirstFailure();

  beforeAll(async () => {
    e = await startE2E();
    f = await hartleyFamily(e.t);
  });
  afterAll(() => e?.close());

  const page = () => e.page;
  const table = () => page().locator('table.hearth-chronology__table');
  /** The chronology rows that say `words`. */
  const rowsSaying = (words: string): Locator => table().locator('tbody tr').filter({ hasText: words });
  const banner = () => page().locator('.govuk-notification-banner');
  /** No id is used twice on the page: a label or an error summary link points at the first element with its id, so a second one is unreachable. */
  const expectUniqueIds = async () => {
    const ids = await page().evaluate(() => Array.from(document.querySelectorAll('[id]'), (el) => el.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids used twice').toEqual([]);
  };

  it('the worker opens Maya’s chronology and adds the police report, linked to her brother, her sister and both parents', async () => {
    await signIn(e, EMAILS.worker);
    await visit(e, `/people/${f.maya.id}`);
    await follow(e, page().getByRole('link', { name: 'Chronology', exact: true }));
    await expect.poll(() => rowsSaying(SCHOOL).count()).toBe(1);
    await expect.poll(() => rowsSaying(MOVE).count()).toBe(1);

    await follow(e, page().getByRole('button', { name: 'Add an event' }));
    await expectUniqueIds();
    await fillDate(page(), 'When did it happen?', dateParts(INCIDENT.occurredOn));
    await page().getByRole('radio', { name: 'The exact day' }).check();
    await page().getByLabel('What kind of event was it?').selectOption({ label: 'Domestic abuse incident' });
    await page().getByLabel('What happened?').fill(INCIDENT.summary);
    await page().getByRole('radio', { name: 'An agency' }).check();
    await page().getByLabel('Which agency?').fill(INCIDENT.agency);
    await page().getByLabel('Their name and role').fill(INCIDENT.officer);
    await page().getByRole('radio', { name: 'Yes, significant' }).check();
    const concerns = page().getByRole('group', { name: 'Who else does it concern?' });
    for (const name of ['Leo Hartley', 'Isla Hartley', 'Gemma Hartley', 'Ryan Hartley']) await concerns.getByRole('checkbox', { name, exact: true }).check();

    // Saved without the impact on the child: the form says what is missing and keeps everything typed.
    await follow(e, page().getByRole('button', { name: 'Add to the chronology' }), 'event form with errors');
    await expectErrorSummary(page(), [{ text: 'Say what this meant for the child: a significant event needs its impact', focuses: 'impact' }]);
    expect(await page().getByLabel('What happened?').inputValue()).toBe(INCIDENT.summary);
    expect(await page().getByLabel('Which agency?').inputValue()).toBe(INCIDENT.agency);
    expect(await page().getByLabel('What kind of event was it?').inputValue()).toBe('domestic-abuse');
    expect(await page().getByRole('radio', { name: 'Yes, significant' }).isChecked()).toBe(true);
    for (const name of ['Leo Hartley', 'Isla Hartley', 'Gemma Hartley', 'Ryan Hartley']) expect(await concerns.getByRole('checkbox', { name, exact: true }).isChecked(), name).toBe(true);

    await page().getByLabel('What did it mean for the child?').fill(INCIDENT.impact);
    recordedDays = [todayInLondon()];
    await follow(e, page().getByRole('button', { name: 'Add to the chronology' }), 'Maya’s chronology with the incident');
    recordedDays.push(todayInLondon());
    await expect.poll(() => banner().innerText()).toContain('Event added to the chronology');
    expect(new URL(page().url()).pathname).toBe(`/people/${f.maya.id}/chronology`);
  });

  /** The incident's row on the page shown: once, with what happened, its source, its impact and who recorded it when. */
  async function expectIncidentOnce() {
    const row = rowsSaying(INCIDENT.summary);
    await expect.poll(() => row.count()).toBe(1);
    const [when, what, recorded] = await row.locator('td').allInnerTexts();
    expect(when).toBe(formatDate(INCIDENT.occurredOn));
    expect(what).toContain('Domestic abuse incident');
    expect(what).toContain('Significant');
    expect(what).toContain(`Source: ${INCIDENT.agency} (${INCIDENT.officer})`);
    expect(what).toContain(`Impact on the child: ${INCIDENT.impact}`);
    // Everyone it concerns is named once, in one line.
    const concerns = /Concerns: (.+)/.exec(what ?? '')?.[1] ?? '';
    expect(concerns.split(/, | and /).sort()).toEqual(['Gemma Hartley', 'Isla Hartley', 'Leo Hartley', 'Maya Hartley', 'Ryan Hartley']);
    expect(recordedDays.some((day) => recorded?.includes(`${formatDate(day)} at `)), `recorded on ${recordedDays.join(' or ')}: ${recorded}`).toBe(true);
    expect(recorded).toContain('by Sam Okafor');
  }

  it('finds the incident once in each child’s chronology and once in the family chronology, with when it happened, when it was recorded and by whom', async () => {
    await expectIncidentOnce();
    for (const child of [f.leo, f.isla]) {
      await visit(e, `/people/${child.id}/chronology`);
      await expect.poll(() => page().locator('h1').innerText()).toContain(`${child.firstName} Hartley`);
      await expectIncidentOnce();
    }
    await follow(e, page().getByRole('link', { name: 'Family chronology' }));
    await expect.poll(() => page().locator('main').innerText()).toContain('Everything recorded about everyone who has lived in a household with Isla Hartley');
    await expectIncidentOnce();
    // The house move concerns all five too: also once.
    await expect.poll(() => rowsSaying(MOVE).count()).toBe(1);
    await expect.poll(() => rowsSaying(SCHOOL).count()).toBe(1);
  });

  it('filters Maya’s chronology to significant events only: the routine entries go and the incident stays', async () => {
    await visit(e, `/people/${f.maya.id}/chronology`);
    await page().getByText('Filter the chronology').click();
    await page().getByRole('group', { name: 'Significance' }).getByRole('radio', { name: 'Significant events only' }).check();
    await follow(e, page().getByRole('button', { name: 'Apply filters' }), 'Maya’s chronology, significant events only');
    expect(new URL(page().url()).searchParams.get('significance')).toBe('significant');
    await expectIncidentOnce();
    await expect.poll(() => rowsSaying(SCHOOL).count()).toBe(0);
    await expect.poll(() => rowsSaying(MOVE).count()).toBe(0);
    await expect.poll(() => page().locator('main').innerText()).toContain('1 of 3 entries match the filters.');
  });

  it('downloads the filtered chronology as a PDF for a conference: the incident is in it and the routine entries are not', async () => {
    await page().getByLabel('What is it for?').selectOption({ label: 'A child protection conference' });
    const downloading = page().waitForEvent('download');
    await page().getByRole('button', { name: 'Download as PDF' }).click();
    const download = await downloading;
    const address = new URL(download.url());
    expect(address.pathname).toBe(`/people/${f.maya.id}/chronology.pdf`);
    expect(address.searchParams.get('significance')).toBe('significant');
    expect(address.searchParams.get('purpose')).toBe('conference');
    expect(download.suggestedFilename()).toMatch(/^chronology-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = await download.path();
    const words = (await pdfText(await readFile(file))).replace(/\s+/g, ' ');
    expect(words).toContain('Chronology: Maya Hartley');
    expect(words).toContain('for a child protection conference');
    expect(words).toContain('Filtered: significant events only. 1 entry');
    expect(words).toContain(INCIDENT.summary);
    expect(words).toContain(`Impact on the child: ${INCIDENT.impact}`);
    expect(words).toContain(formatDate(INCIDENT.occurredOn));
    expect(words).not.toContain('Hillside Primary School letter');
    expect(words).not.toContain('14 Ash Grove');
  });

  /** Answers one child's part of the visit: seen (alone, or not and why), bedroom seen, their own words. */
  async function childPart(firstName: string, part: { seen: 'Yes, seen alone' | 'Yes, but not alone'; why?: string; words: string }) {
    await page().getByRole('group', { name: `Was ${firstName} seen?` }).getByRole('radio', { name: part.seen }).check();
    if (part.why) await page().getByLabel(`If ${firstName} was not seen alone, or not seen at all, why not?`).fill(part.why);
    await page().getByRole('group', { name: `Was ${firstName}’s bedroom seen?` }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await page().getByLabel(`What did ${firstName} say, in their own words?`).fill(part.words);
  }

  it('records one visit for the three siblings, each child’s part on the same form', async () => {
    await follow(e, page().getByRole('link', { name: 'Visits and case notes' }));
    await follow(e, page().getByRole('button', { name: 'Record a visit' }));
    await expectUniqueIds();
    await fillDate(page(), 'Date of the visit', dateParts(daysAgo(1)));
    await page().getByRole('group', { name: 'Type of visit' }).getByRole('radio', { name: 'Child protection' }).check();
    await childPart('Maya', { seen: 'Yes, seen alone', words: 'I don’t want Dad to come back until he stops shouting.' });
    const others = page().getByRole('group', { name: 'Was the visit about other children living with Maya?' });
    await others.getByRole('checkbox', { name: /^Leo Hartley/ }).check();
    await childPart('Leo', { seen: 'Yes, seen alone', words: 'I was scared but I looked after Isla.' });
    await others.getByRole('checkbox', { name: /^Isla Hartley/ }).check();
    await childPart('Isla', { seen: 'Yes, but not alone', why: 'Isla is four and would only talk sitting on her mum’s lap.', words: 'Daddy broke the door.' });
    await page().getByLabel('Who else was seen?').fill('Gemma (mum)');
    await page().getByLabel('What did you see and hear?').fill(VISIT.observed);
    await page().getByLabel('What does this mean for the child?').fill(VISIT.analysis);
    await page().getByLabel('What happens next?').fill('Core group meeting next week; referral to the domestic abuse service for Gemma.');
    await follow(e, page().getByRole('button', { name: 'Save visit' }), 'the visit');
    await expect.poll(() => banner().innerText()).toContain('Visit recorded for 3 children');
    const main = await page().locator('main').innerText();
    for (const name of ['Maya Hartley', 'Leo Hartley', 'Isla Hartley']) expect(main).toContain(name);
    expect(main).toContain('Isla is four and would only talk sitting on her mum’s lap.');
    expect(main).toContain('I was scared but I looked after Isla.');
  });

  it('adds one case note for the three children', async () => {
    await follow(e, page().getByRole('link', { name: 'Visits and case notes' }));
    await follow(e, page().getByRole('link', { name: 'Case notes', exact: true }));
    await follow(e, page().getByRole('button', { name: 'Add a case note' }));
    await expectUniqueIds();
    await page().getByRole('group', { name: 'What was it?' }).getByRole('radio', { name: 'Discussion with another professional' }).check();
    await page().getByLabel('Who took part? (optional)').fill('Mrs Patel (designated safeguarding lead)');
    await page().getByLabel('What happened?').fill(NOTE);
    const others = page().getByRole('group', { name: 'Is it also about other children living with Maya?' });
    await others.getByRole('checkbox', { name: /^Leo Hartley/ }).check();
    await others.getByRole('checkbox', { name: /^Isla Hartley/ }).check();
    await follow(e, page().getByRole('button', { name: 'Save case note' }), 'Maya’s case notes');
    await expect.poll(() => banner().innerText()).toContain('Case note added for 3 children');
  });

  it('sees the visit and the case note once in each child’s chronology and once in the family’s', async () => {
    for (const child of f.children) {
      await visit(e, `/people/${child.id}/chronology`);
      await expect.poll(() => page().locator('h1').innerText()).toContain(`${child.firstName} Hartley`);
      const visitRow = rowsSaying(VISIT.observed);
      await expect.poll(() => visitRow.count()).toBe(1);
      const visitText = await visitRow.innerText();
      expect(visitText).toContain('Visit');
      expect(visitText).toContain('Maya was seen alone. Leo was seen alone. Isla was seen, not alone (Isla is four and would only talk sitting on her mum’s lap.)');
      expect(visitText).toContain(`Impact on the child: ${VISIT.analysis}`);
      expect(visitText).toContain(formatDate(daysAgo(1)));
      const noteRow = rowsSaying(NOTE);
      await expect.poll(() => noteRow.count()).toBe(1);
      const noteText = await noteRow.innerText();
      expect(noteText).toContain('Case note');
      expect(noteText).toContain('Discussion with another professional with Mrs Patel (designated safeguarding lead)');
      await expectIncidentOnce();
    }
    await follow(e, page().getByRole('link', { name: 'Family chronology' }));
    await expect.poll(() => rowsSaying(VISIT.observed).count()).toBe(1);
    await expect.poll(() => rowsSaying(NOTE).count()).toBe(1);
    await expectIncidentOnce();
  });
});
