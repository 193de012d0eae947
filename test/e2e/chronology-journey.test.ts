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
import { browserAvailable, expectAccessible, expectErrorSummary, fillDate, follow, signIn, signOut, startE2E, stopAfterFirstFailure, visit, type E2E } from './harness';
import { EMAILS, type TestApp } from '../helpers/app';
import { pdfText } from '../helpers/pdf';
import { createAdult, createAllocation, createChild, createChronologyEntry, createEpisode, createHousehold } from '../helpers/factories';
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
  // In active words: a passive 'were called' would keep the worker on the form with wording suggestions (plain language check).
  summary: 'A neighbour heard screaming and called the police at 11.40pm. Ryan had pushed Gemma against the kitchen door and the glass broke. The officers arrested Ryan and took him away.',
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
const NEW_IMPACT = 'Maya saw her mum bleeding and now checks the door locks every night. Leo and Isla were woken by the shouting and were crying when the officers arrived.';
const NEW_NEXT_STEPS = 'Core group meeting on Thursday; Gemma has an appointment with the domestic abuse service on Monday.';
const NOTE_ADDED = ' Mrs Patel will ring again after half term.';
const NOAH_ENTRIES = 55;

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
  // Another of Sam's children on a plan, never visited since it started: overdue on the visits lists.
  const noah = await createChild(db, { firstName: 'Noah', lastName: 'Price', sex: 'M', dateOfBirth: '2016-02-14' });
  await createEpisode(db, noah.id, { type: 'child-protection', startDate: daysAgo(60) });
  await createAllocation(db, noah.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!, { fromDate: daysAgo(60) });
  // A long history: more than the 50 entries a page of the chronology shows.
  for (let i = 0; i < NOAH_ENTRIES; i += 1) {
    await createChronologyEntry(db, [noah.id], { occurredOn: daysAgo(70 + 7 * i), category: 'education', summary: `Weekly school report ${NOAH_ENTRIES - i}: Noah was in school every day.`, sourceAgency: 'Hillside Primary School' });
  }
  return { maya, leo, isla, gemma, ryan, noah, children: [maya, leo, isla] };
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

  it('changes the incident’s impact on the child, and sees both versions in its history', async () => {
    await visit(e, `/people/${f.maya.id}/chronology`);
    await follow(e, rowsSaying(INCIDENT.summary).getByRole('link', { name: `Change the entry of ${formatDate(INCIDENT.occurredOn)}` }), 'changing the incident');
    await expect.poll(() => page().locator('h2.govuk-heading-l').innerText()).toBe('Change an event in the chronology');
    await expectUniqueIds();
    expect(await page().getByLabel('What happened?').inputValue()).toBe(INCIDENT.summary);
    await page().getByLabel('What did it mean for the child?').fill(NEW_IMPACT);
    await follow(e, page().getByRole('button', { name: /^Save/ }), 'Maya’s chronology, the incident changed');
    await expect.poll(() => banner().innerText()).toContain('Changes saved. The earlier version is kept in the entry’s history');
    await expect.poll(() => rowsSaying(INCIDENT.summary).innerText()).toContain(`Impact on the child: ${NEW_IMPACT}`);

    await follow(e, rowsSaying(INCIDENT.summary).getByRole('link', { name: `Earlier versions of the entry of ${formatDate(INCIDENT.occurredOn)}` }), 'the incident’s history');
    await expect.poll(() => page().getByRole('heading', { name: 'History of this entry' }).count()).toBe(1);
    await expect.poll(() => page().getByRole('heading', { name: 'Version 2 (current)' }).count()).toBe(1);
    await expect.poll(() => page().getByRole('heading', { name: 'Version 1', exact: true }).count()).toBe(1);
    const main = await page().locator('main').innerText();
    expect(main).toMatch(/Changed .* by Sam Okafor\. Changed: impact on the child\./);
    // The new words in the current version, the old ones kept in the first.
    expect(main.indexOf(NEW_IMPACT)).toBeGreaterThan(-1);
    expect(main.indexOf(INCIDENT.impact)).toBeGreaterThan(main.indexOf(NEW_IMPACT));
  });

  it('shares the incident with the police officer given access to Maya’s record', async () => {
    const manager = await actorFor(e.t, EMAILS.manager);
    const grant = await e.t.services.grants.add({ actor: manager, requestId: null }, f.maya.id, { partner: e.t.users.get(EMAILS.partner)!, purpose: 'Joint section 47 enquiry', lastDay: addDays(todayInLondon(), 30) });
    expect(grant.outcome).toBe('added');
    await visit(e, `/people/${f.maya.id}/chronology`);
    await follow(e, rowsSaying(INCIDENT.summary).getByRole('link', { name: `Share with a partner agency (entry of ${formatDate(INCIDENT.occurredOn)})` }), 'sharing the incident');
    await expect.poll(() => page().getByRole('heading', { name: 'Share this entry with a partner agency' }).count()).toBe(1);
    expect(await page().locator('main').innerText()).toContain(INCIDENT.summary);
    const who = page().getByRole('group', { name: 'Who may see this entry?' });
    await who.getByRole('checkbox', { name: 'DC Dee Harper' }).check();
    await follow(e, page().getByRole('button', { name: 'Save who may see it' }), 'Maya’s chronology, the incident shared');
    await expect.poll(() => banner().innerText()).toContain('Who this entry is shared with has been saved');
    // Open again, the choice is kept.
    await follow(e, rowsSaying(INCIDENT.summary).getByRole('link', { name: /^Share with a partner agency/ }), 'sharing the incident again');
    expect(await page().getByRole('checkbox', { name: 'DC Dee Harper' }).isChecked()).toBe(true);
  });

  it('opens the patterns in Maya’s chronology and the family’s: charts described in words, their numbers in tables, and the timeline', async () => {
    await visit(e, `/people/${f.maya.id}/chronology`);
    await follow(e, page().getByRole('link', { name: 'Patterns and timeline' }), 'Maya’s patterns');
    await expect.poll(() => page().getByRole('heading', { name: 'Patterns in the chronology' }).count()).toBe(1);
    // Maya: the incident, the school letter, the house move, the visit and the case note.
    expect(await page().locator('main').innerText()).toContain('From 5 entries in Maya Hartley’s chronology.');

    const quarters = page().getByRole('img', { name: /^Entries of each kind per quarter/ });
    await expect.poll(() => quarters.count()).toBe(1);
    expect(await quarters.locator('desc').textContent()).toMatch(/^Bars show how many entries of each kind happened in each quarter from .+\. The table gives every number\.$/);
    const quarterTable = page().getByRole('region', { name: 'Entries of each kind per quarter, as a table' }).locator('table');
    const incidentRow = quarterTable.locator('tbody tr').filter({ has: page().getByRole('rowheader', { name: 'Domestic abuse incident' }) });
    await expect.poll(() => incidentRow.count()).toBe(1);
    expect((await incidentRow.locator('td').last().innerText()).trim()).toBe('1');

    // The plan started 60 days ago: the incident is after it.
    expect(await page().locator('main').innerText()).toContain(`The current plan: Child protection, from ${formatDate(daysAgo(60))}, open now.`);
    const beforeAfter = page().getByRole('img', { name: /^Incidents per quarter before and after the plan started/ });
    await expect.poll(() => beforeAfter.count()).toBe(1);
    const planRow = page().locator('table').filter({ has: page().locator('caption', { hasText: 'Incidents before and after the plan started' }) }).locator('tbody tr').first();
    expect((await planRow.locator('th, td').allInnerTexts()).map((c) => c.trim()).filter((_, i) => i === 0 || i === 1 || i === 3)).toEqual(['Domestic abuse incident', '0', '1']);

    const timeline = page().getByRole('img', { name: /^Timeline of significant events/ });
    await expect.poll(() => timeline.count()).toBe(1);
    expect(await timeline.locator('desc').textContent()).toMatch(/^1 significant events? from /);
    const timelineRow = page().locator('table').filter({ has: page().locator('caption', { hasText: 'Significant events, oldest first' }) }).locator('tbody tr');
    await expect.poll(() => timelineRow.count()).toBe(1);
    const [when, kind, what] = await timelineRow.locator('td').allInnerTexts();
    expect([when, kind]).toEqual([formatDate(INCIDENT.occurredOn), 'Domestic abuse incident']);
    expect(what).toBe(INCIDENT.summary);

    await follow(e, page().getByRole('link', { name: 'Patterns for the whole family' }), 'the family’s patterns');
    await expect.poll(() => page().getByRole('heading', { name: 'Patterns in the family chronology' }).count()).toBe(1);
    expect(await page().locator('main').innerText()).toContain('entries in the family’s chronology.');
    await expect.poll(() => page().getByRole('img', { name: /^Timeline of significant events/ }).count()).toBe(1);
    await expect.poll(() => page().locator('table').filter({ has: page().locator('caption', { hasText: 'Significant events, oldest first' }) }).locator('tbody tr').filter({ hasText: INCIDENT.summary }).count()).toBe(1);
    await follow(e, page().getByRole('link', { name: 'Family chronology' }), 'the family chronology from the patterns');
  });

  it('changes what happens next on the visit, and sees the change in the visit’s history', async () => {
    await visit(e, `/people/${f.maya.id}/visits`);
    await follow(e, page().getByRole('link', { name: formatDate(daysAgo(1)) }), 'the visit');
    await follow(e, page().getByRole('button', { name: 'Change this visit' }), 'changing the visit');
    await expectUniqueIds();
    expect(await page().getByLabel('What did you see and hear?').inputValue()).toBe(VISIT.observed);
    await page().getByLabel('What happens next?').fill(NEW_NEXT_STEPS);
    await follow(e, page().getByRole('button', { name: /^Save/ }), 'the visit, changed');
    await expect.poll(() => banner().innerText()).toContain('Visit changed. The earlier version is kept');
    expect(await page().locator('main').innerText()).toContain(NEW_NEXT_STEPS);
    const history = page().locator('table').filter({ has: page().locator('caption', { hasText: 'History of this visit' }) });
    const rows = await history.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('First saved');
    expect(rows[1]).toContain('Version 2');
    expect(rows[1]).toContain('Sam Okafor');
    expect(rows[1]?.toLowerCase()).toContain('what happens next');
  });

  it('adds a line to the case note, and sees its history', async () => {
    await visit(e, `/people/${f.maya.id}/notes`);
    await follow(e, page().getByRole('link', { name: /: Discussion with another professional$/ }), 'the case note');
    await follow(e, page().getByRole('button', { name: 'Change this note' }), 'changing the case note');
    await expectUniqueIds();
    expect(await page().getByLabel('What happened?').inputValue()).toBe(NOTE);
    await page().getByLabel('What happened?').fill(NOTE + NOTE_ADDED);
    await follow(e, page().getByRole('button', { name: /^Save/ }), 'the case note, changed');
    await expect.poll(() => banner().innerText()).toContain('Case note changed. The earlier version is kept');
    expect(await page().locator('main').innerText()).toContain(NOTE + NOTE_ADDED);
    const history = page().locator('table').filter({ has: page().locator('caption', { hasText: 'History of this note' }) });
    const rows = await history.locator('tbody tr').allInnerTexts();
    // Newest first.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Version 2');
    expect(rows[0]).toContain('Sam Okafor');
    expect(rows[1]).toContain('Version 1');
    // The chronology line made from the note follows it.
    await visit(e, `/people/${f.leo.id}/chronology`);
    await expect.poll(() => rowsSaying(NOTE_ADDED.trim()).count()).toBe(1);
  });

  it('prints Noah’s whole chronology, not only the 50 entries on screen; printed, the page keeps the entries and leaves out the menus, filters and links', async () => {
    await visit(e, `/people/${f.noah.id}/chronology`);
    await expect.poll(() => table().locator('tbody tr').count()).toBe(50);
    const shown = async (what: Locator) => (await what.count()) > 0 && (await what.first().isVisible());
    // This page printed: its 50 entries, without the navigation, the filters or the print and download form.
    await page().emulateMedia({ media: 'print' });
    try {
      for (const [name, what] of [
        ['service navigation', page().locator('.govuk-service-navigation')],
        ['record tabs', page().locator('.moj-sub-navigation')],
        ['views of the chronology', page().getByRole('navigation', { name: 'Views of the chronology' })],
        ['filters', page().getByText('Filter the chronology')],
        ['print and download', page().getByRole('heading', { name: 'Print or download' })],
        ['paging', page().getByRole('navigation', { name: 'Pages of the chronology' })],
      ] as const) {
        expect(await shown(what), `${name} printed`).toBe(false);
      }
      expect(await shown(table())).toBe(true);
      expect(await shown(page().getByRole('heading', { name: 'Noah Price', level: 1 }))).toBe(true);
    } finally {
      await page().emulateMedia({ media: 'screen' });
    }

    await page().getByLabel('What is it for?').selectOption({ label: 'Court proceedings' });
    await follow(e, page().getByRole('button', { name: 'Print the whole chronology' }), 'Noah’s chronology to print');
    expect(new URL(page().url()).pathname).toBe(`/people/${f.noah.id}/chronology/print`);
    await expect.poll(() => table().locator('tbody tr').count()).toBe(NOAH_ENTRIES);
    const main = await page().locator('main').innerText();
    expect(main).toContain(`Produced on ${formatDate(todayInLondon())} by Sam Okafor for court proceedings.`);
    expect(main).toContain(`Every entry, unfiltered. ${NOAH_ENTRIES} entries, newest first`);
    expect(await shown(page().getByText('Use your browser’s print command'))).toBe(true);

    await page().emulateMedia({ media: 'print' });
    try {
      await expectAccessible(page(), 'Noah’s chronology, printed');
      for (const [name, what] of [
        ['service navigation', page().locator('.govuk-service-navigation')],
        ['record tabs', page().locator('.moj-sub-navigation')],
        ['how to print', page().getByText('Use your browser’s print command')],
        ['back link', page().getByRole('link', { name: 'Back to the chronology' })],
        ['sign out', page().getByRole('button', { name: 'Sign out' })],
        ['footer', page().locator('.govuk-footer')],
      ] as const) {
        expect(await shown(what), `${name} printed`).toBe(false);
      }
      expect(await shown(page().getByText('OFFICIAL-SENSITIVE'))).toBe(true);
      expect(await shown(page().getByText(`${NOAH_ENTRIES} entries, newest first`))).toBe(true);
      // Every entry, the oldest too, and no links to change or share one.
      const rows = table().locator('tbody tr');
      expect(await rows.count()).toBe(NOAH_ENTRIES);
      expect(await rows.first().isVisible()).toBe(true);
      expect(await rows.last().isVisible()).toBe(true);
      expect(await rows.last().innerText()).toContain('Weekly school report 1: Noah was in school every day.');
      expect(await table().getByRole('link').count()).toBe(0);
    } finally {
      await page().emulateMedia({ media: 'screen' });
    }
  });

  /** The row of a visits-due table for this child. */
  const dueRow = (name: string) => page().locator('table').locator('tbody tr').filter({ has: page().getByRole('link', { name, exact: true }) });

  it('the worker’s visits due: Noah is overdue, the Hartleys were seen yesterday', async () => {
    await follow(e, page().getByRole('link', { name: 'Visits due' }), 'the worker’s visits due');
    await expect.poll(() => page().getByRole('heading', { level: 1 }).innerText()).toMatch(/visits/i);
    const noah = await dueRow('Noah Price').innerText();
    expect(noah).toContain('Not since the episode started');
    expect(noah).toContain('Overdue');
    const maya = await dueRow('Maya Hartley').innerText();
    expect(maya).toContain(formatDate(daysAgo(1)));
    expect(maya).toContain('Not due yet');
    // Overdue first.
    const names = await page().locator('table tbody tr td:first-child a').allInnerTexts();
    expect(names[0]).toBe('Noah Price');
    expect([...names].sort()).toEqual(['Isla Hartley', 'Leo Hartley', 'Maya Hartley', 'Noah Price']);
  });

  it('the team manager’s visits: Sam’s counts, and Noah overdue', async () => {
    await signOut(e);
    await signIn(e, EMAILS.manager);
    await follow(e, page().getByRole('link', { name: 'Visits due' }), 'the manager’s own visits due');
    await follow(e, page().getByRole('link', { name: 'Your team’s visits' }), 'the team’s visits');
    const sam = page().getByRole('table', { name: 'Visits by worker' }).locator('tbody tr').filter({ hasText: 'Sam Okafor' });
    const [, overdue, dueSoon, notYet] = (await sam.locator('th, td').allInnerTexts()).map((c) => c.trim());
    // Noah overdue; the Hartleys, seen yesterday on a child protection visit, are not due for two weeks.
    expect([overdue, dueSoon, notYet]).toEqual(['1', '0', '3']);
    const noah = await dueRow('Noah Price').innerText();
    expect(noah).toContain('Sam Okafor');
    expect(noah).toContain('Overdue');
    await expect.poll(() => dueRow('Maya Hartley').count()).toBe(0);
    await follow(e, sam.getByRole('link', { name: /^Sam Okafor/ }), 'the team’s visits, Sam’s children');
    await expect.poll(() => page().getByRole('heading', { name: 'Sam Okafor: children with a visit overdue or due soon' }).count()).toBe(1);
    await expect.poll(() => dueRow('Noah Price').count()).toBe(1);
  });
});
