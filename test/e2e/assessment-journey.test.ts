/**
 * Issue 3, end to end in Chromium. A social worker assesses two brothers and sisters, Jade (9) and
 * Kai (6): she starts both assessments from their referrals on one page, writes each child's plan,
 * the three sides of the assessment triangle (every statement a fact or an opinion, with where it
 * came from), the child's voice and the family's and teacher's views, identity and history, the
 * analysis and the decision with its DfE factor codes, and sends each to her manager. The team
 * manager records the day 10 checkpoint decisions, is refused authorisation while the checklist is
 * not answered, then authorises both. The worker starts a pre-birth assessment for an unborn baby
 * (due 4 weeks before the expected delivery date), and a 16 or 17-year-old homelessness assessment
 * for Leah (16), whose Homelessness section she saves empty (the error summary's links focus the
 * fields), then fills in and completes; and shares the family's version of Jade's assessment as a
 * PDF. Every page on the way is scanned with axe.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, expectErrorSummary, fillDate, follow, signIn, signOut, startE2E, step, stopAfterFirstFailure, type E2E } from './harness';
import { EMAILS, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode, createHousehold, createReferral, createRelationship } from '../helpers/factories';
import { pdfText } from '../helpers/pdf';
import { formatDate, todayInLondon } from '../../src/domain/dates';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { contacts } from '../../src/features/referrals/tables';
import { rows } from '../../src/platform/db';

const today = todayInLondon();
/** Day 0, eight working days ago: the day 10 checkpoint is coming up and waits for the manager. */
const REFERRAL_DATE = addWorkingDays(today, -8);
/** The unborn baby is due 12 working days and 4 weeks from now: sooner than day 45, so that is the final date. */
const PRE_BIRTH_DUE = addWorkingDays(today, 12);
const EXPECTED_DELIVERY = addDays(PRE_BIRTH_DUE, 28);

type Child = {
  first: string;
  name: string;
  pronoun: 'her' | 'his';
  sibling: string;
  words: string;
  seenAlone: { yes: true } | { yes: false; why: string };
  tool: string;
  checkpoint: { decision: string; reasons: string };
};

const JADE: Child = {
  first: 'Jade',
  name: 'Jade Okonjo',
  pronoun: 'her',
  sibling: 'Kai',
  words: '“I like it when Nan picks us up. I don’t like it when Mum and Dad shout, I go under my bed.”',
  seenAlone: { yes: true },
  tool: 'Three houses',
  checkpoint: { decision: 'Go on to a full assessment', reasons: 'Two police call-outs and Jade’s words about hiding: we need the school, the GP and Dad’s views before deciding.' },
};
const KAI: Child = {
  first: 'Kai',
  name: 'Kai Okonjo',
  pronoun: 'his',
  sibling: 'Jade',
  words: '“Mum gives the best cuddles. Dad broke the window.”',
  seenAlone: { yes: false, why: 'Kai would not leave his sister, so he was seen with Jade in the school library.' },
  tool: 'Play or drawing',
  checkpoint: { decision: 'Continue the assessment', reasons: 'Assess Kai alongside Jade: the same worries at home, and he needs to be seen alone next time.' },
};

type Statement = { dimension: string; kind: 'strength' | 'worry'; text: string; is: 'Fact' | 'Opinion'; source: string; about?: string };

/** What the worker found, dimension by dimension, for a child of the household. */
function triangle(c: Child): Record<'Child’s developmental needs' | 'Parenting capacity' | 'Family and environmental factors', Statement[]> {
  return {
    'Child’s developmental needs': [
      { dimension: 'Health', kind: 'strength', is: 'Fact', source: 'GP letter of 3 February', text: `${c.first} is up to date with ${c.pronoun} immunisations and dental checks.` },
      { dimension: 'Education', kind: 'worry', is: 'Fact', source: 'Hillside Primary School attendance record', text: `${c.first}’s attendance is 86% this term; most absences are on Mondays.` },
      { dimension: 'Emotional and behavioural development', kind: 'worry', is: 'Opinion', source: 'Ms Patel, class teacher', text: `${c.first} seems tired and quiet on Monday mornings after weekends when Dad visits.` },
      { dimension: 'Identity', kind: 'strength', is: 'Opinion', source: `${c.first}, seen at school`, text: `${c.first} is proud of ${c.pronoun} Nigerian family and goes to Yoruba club with Nan.` },
      { dimension: 'Family and social relationships', kind: 'strength', is: 'Fact', source: 'Home visit on the day of the referral', text: `${c.first} and ${c.sibling} played together and both ran to Nan when she arrived.` },
      { dimension: 'Social presentation', kind: 'strength', is: 'Fact', source: 'Home visit and school', text: `${c.first} was clean and dressed for the weather at every visit.` },
      { dimension: 'Self-care skills', kind: 'strength', is: 'Opinion', source: 'Grace Okonjo, mother', text: `${c.first} gets dressed and makes ${c.pronoun} own breakfast most days.`, about: `${c.name} (the child)` },
    ],
    'Parenting capacity': [
      { dimension: 'Basic care', kind: 'strength', is: 'Fact', source: 'Home visit', text: 'There was food in the fridge and the children’s beds were clean.' },
      { dimension: 'Ensuring safety', kind: 'worry', is: 'Fact', source: 'Police notification of 12 January', text: 'Police were called when Dad shouted at Mum and broke the front window; the children were upstairs.', about: 'Dan Okonjo (father)' },
      { dimension: 'Emotional warmth', kind: 'strength', is: 'Opinion', source: 'Home visit observation', text: `Mum comforted ${c.first} gently when ${c.pronoun === 'her' ? 'she' : 'he'} was upset.`, about: 'Grace Okonjo (mother)' },
      { dimension: 'Stimulation', kind: 'strength', is: 'Fact', source: 'Ms Patel, class teacher', text: 'Mum reads the children’s school books with them most evenings.' },
      { dimension: 'Guidance and boundaries', kind: 'worry', is: 'Opinion', source: 'Grace Okonjo, mother', text: 'Mum says bedtimes slip on the evenings she has been drinking.', about: 'Grace Okonjo (mother)' },
      { dimension: 'Stability', kind: 'strength', is: 'Fact', source: 'Housing records', text: 'The family have lived at the same address for five years.' },
    ],
    'Family and environmental factors': [
      { dimension: 'Family history and functioning', kind: 'worry', is: 'Fact', source: 'Police and children’s services records', text: 'Mum and Dad separated in 2023 after Dad hit Mum in the kitchen; he still visits at weekends.' },
      { dimension: 'Wider family', kind: 'strength', is: 'Fact', source: 'Pat Okonjo, grandmother', text: 'Nan lives two streets away and has the children after school twice a week.' },
      { dimension: 'Housing', kind: 'strength', is: 'Fact', source: 'Home visit', text: 'A three-bedroom council house in good repair; each child has a bedroom.' },
      { dimension: 'Employment', kind: 'strength', is: 'Fact', source: 'Grace Okonjo, mother', text: 'Mum works part time as a care assistant, in school hours.' },
      { dimension: 'Income', kind: 'worry', is: 'Fact', source: 'Grace Okonjo, mother', text: 'Rent arrears of £640 since Dad left; Mum is worried about being evicted.' },
      { dimension: 'Family’s social integration', kind: 'strength', is: 'Opinion', source: 'Grace Okonjo, mother', text: 'Mum has friends at church who help with lifts.' },
      { dimension: 'Community resources', kind: 'strength', is: 'Fact', source: 'Northfield family hub', text: 'The children go to the family hub’s Saturday club.' },
    ],
  };
}

/** Two children living with their mother, a father who lives elsewhere and a grandmother nearby, referred by the school. */
async function okonjoFamily(t: TestApp) {
  const db = t.database.db;
  const jade = await createChild(db, { firstName: 'Jade', lastName: 'Okonjo', sex: 'F', dateOfBirth: '2016-04-02', ethnicity: 'BAFR' });
  const kai = await createChild(db, { firstName: 'Kai', lastName: 'Okonjo', sex: 'M', dateOfBirth: '2019-09-30', ethnicity: 'BAFR' });
  const mum = await createAdult(db, { firstName: 'Grace', lastName: 'Okonjo', sex: 'F' });
  const dad = await createAdult(db, { firstName: 'Dan', lastName: 'Okonjo', sex: 'M' });
  const nan = await createAdult(db, { firstName: 'Pat', lastName: 'Okonjo', sex: 'F', dateOfBirth: '1961-08-19' });
  await createHousehold(db, 'Okonjo household', [jade.id, kai.id, mum.id]);
  for (const child of [jade, kai]) {
    await createRelationship(db, child.id, mum.id, 'mother');
    await createRelationship(db, child.id, dad.id, 'father');
    await createRelationship(db, child.id, nan.id, 'grandparent');
  }
  await createRelationship(db, jade.id, kai.id, 'sibling');
  await refer(t, [jade.id, kai.id], 'Jade told her teacher she hides under her bed when Mum and Dad shout. Police were called to the house on 12 January.');
  await homeVisit(t, [
    { id: jade.id, alone: true, words: 'I go under my bed when they shout' },
    { id: kai.id, alone: false, words: null },
  ]);
  return { jade, kai };
}

/**
 * The home visit of three working days ago, as the visits feature stores it: both children seen and
 * their bedrooms seen, Jade alone. The manager's checklist finds it (A9).
 */
async function homeVisit(t: TestApp, children: { id: string; alone: boolean; words: string | null }[]): Promise<void> {
  const on = addWorkingDays(today, -3);
  const [visit] = await rows<{ id: string }>(
    t.database.db,
    sql`INSERT INTO visits (visit_date, type, analysis, recorded_by) VALUES (${on}, 'child-in-need', 'The children are frightened by the shouting but close to Mum and Nan', ${t.users.get(EMAILS.worker)!}) RETURNING id`,
  );
  for (const c of children) {
    await t.database.db.execute(
      sql`INSERT INTO visit_children (visit_id, person_id, visit_date, seen, seen_alone, not_seen_alone_reason, bedroom_seen, child_words, counts_for_schedule)
          VALUES (${visit!.id}, ${c.id}, ${on}, true, ${c.alone}, ${c.alone ? null : 'He would not leave his sister'}, 'yes', ${c.words}, true)`,
    );
  }
}

/** An unborn baby (with an expected delivery date) and the mother, referred by the midwife. */
async function hartleyPregnancy(t: TestApp) {
  const db = t.database.db;
  const baby = await createChild(db, { firstName: 'Baby', lastName: 'Hartley', sex: 'U', dateOfBirth: null, expectedDeliveryDate: EXPECTED_DELIVERY });
  const mum = await createAdult(db, { firstName: 'Chloe', lastName: 'Hartley', sex: 'F', dateOfBirth: '2006-01-11' });
  await createHousehold(db, 'Hartley household', [baby.id, mum.id]);
  await createRelationship(db, baby.id, mum.id, 'mother');
  await refer(t, [baby.id], 'Chloe is 20 weeks pregnant and was in care herself; the midwife is worried about support after the birth.');
  return { baby };
}

/** A young person of 16, told to leave home, referred on her own. */
async function leahMensah(t: TestApp) {
  const db = t.database.db;
  const leah = await createChild(db, { firstName: 'Leah', lastName: 'Mensah', sex: 'F', dateOfBirth: addDays(today, -(16 * 365 + 100)) });
  await refer(t, [leah.id], 'Leah, 16, came to the council offices: her stepfather told her to leave and she has been sleeping at friends’ houses.');
  return { leah };
}

/** A contact the manager made a referral (one per child), each child allocated to the worker, as the front door leaves it. */
async function refer(t: TestApp, childIds: string[], concern: string): Promise<void> {
  const db = t.database.db;
  const teamId = t.teams.get('Front Door and Assessment')!;
  const workerId = t.users.get(EMAILS.worker)!;
  const [contact] = await db
    .insert(contacts)
    .values({ receivedOn: REFERRAL_DATE, sourceCode: '2A', concern, consent: 'given', decision: 'referral', decisionReason: 'Needs a child and family assessment' })
    .returning({ id: contacts.id });
  for (const childId of childIds) {
    await createAllocation(db, childId, teamId, workerId, { fromDate: REFERRAL_DATE });
    const episode = await createEpisode(db, childId, { startDate: REFERRAL_DATE });
    await createReferral(db, childId, { referralDate: REFERRAL_DATE, contactId: contact!.id, episodeId: episode.id });
  }
}

describe.runIf(browserAvailable)('a child and family assessment of two siblings, in a real browser', () => {
  let e: E2E;
  let family: Awaited<ReturnType<typeof okonjoFamily>>;
  let pregnancy: Awaited<ReturnType<typeof hartleyPregnancy>>;
  let youngPerson: Awaited<ReturnType<typeof leahMensah>>;
  /** Each child's assessment overview, once started. */
  const overview: Record<string, string> = {};
  stopAfterFirstFailure();

  beforeAll(async () => {
    e = await startE2E();
    family = await okonjoFamily(e.t);
    pregnancy = await hartleyPregnancy(e.t);
    youngPerson = await leahMensah(e.t);
  });
  afterAll(() => e?.close());

  const page = () => e.page;
  const main = () => page().locator('main');
  /** The green banner saying what was just done. */
  const banner = () => page().locator('.govuk-notification-banner--success');
  const question = (scope: Page | Locator, legend: string | RegExp) => scope.getByRole('group', { name: legend, exact: typeof legend === 'string' });
  const answer = (scope: Page | Locator, legend: string | RegExp, choice: string) => question(scope, legend).getByRole('radio', { name: choice, exact: true }).check();
  const [year, month, day] = today.split('-') as [string, string, string];
  async function fillToday(scope: Page | Locator, legend: string) {
    const group = question(scope, legend);
    await group.getByLabel('Day').fill(String(Number(day)));
    await group.getByLabel('Month').fill(String(Number(month)));
    await group.getByLabel('Year').fill(year);
  }
  const task = (section: string) => page().locator('.govuk-task-list__item', { has: page().getByRole('link', { name: section, exact: true }) });

  /** Opens a section from the assessment's task list (going back to the assessment first when not on it). */
  async function openSection(c: Child, section: string) {
    if (new URL(page().url()).pathname !== overview[c.first]) await step(e, () => page().goto(e.baseUrl + overview[c.first]!), `${c.first}’s assessment`);
    await follow(e, page().getByRole('link', { name: section, exact: true }), `${c.first}: ${section}`);
  }

  /** Ticks "completed", saves and goes back to the overview, where the task list shows it completed. */
  async function completeAndGoBack(c: Child, section: string) {
    await page().getByLabel('Mark this section as completed').check();
    await follow(e, page().getByRole('button', { name: 'Save and go back to the assessment' }), `${c.first}: ${section} saved`);
    await expect.poll(() => banner().innerText()).toContain('Saved. This change is kept as a new revision of the assessment');
    await expect.poll(() => task(section).innerText()).toContain('Completed');
  }

  /** As completeAndGoBack, for an assessment not of the Okonjo children (the already-ticked box left as it is). */
  async function completeAndGoBackTo(overviewPath: string, section: string) {
    await page().getByLabel('Mark this section as completed').check();
    await follow(e, page().getByRole('button', { name: 'Save and go back to the assessment' }), `${section} saved`);
    await expect.poll(() => new URL(page().url()).pathname).toBe(overviewPath);
    await expect.poll(() => banner().innerText()).toContain('Saved. This change is kept as a new revision of the assessment');
    await expect.poll(() => task(section).innerText()).toContain('Completed');
  }

  async function writePlan(c: Child) {
    await openSection(c, 'Assessment plan');
    await page().getByLabel('Aims agreed with the family').fill(`Find out why ${c.first} is frightened at home at weekends and what help Mum needs in the evenings.`);
    const first = question(page(), 'Person 1');
    await first.getByLabel('Who').fill(c.first);
    await first.getByLabel('How they will be seen').selectOption({ label: 'Alone' });
    await first.getByLabel('Where').fill('At school');
    await first.getByLabel('Order').fill('1');
    // Adding a row sends the form: what was typed in the first row must come back.
    await follow(e, page().getByRole('button', { name: 'Add another person' }), `${c.first}: plan with a second person`);
    await expect.poll(() => first.getByLabel('Who').inputValue()).toBe(c.first);
    const second = question(page(), 'Person 2');
    await second.getByLabel('Who').fill('Grace Okonjo, mother');
    await second.getByLabel('How they will be seen').selectOption({ label: 'With a parent or carer' });
    await second.getByLabel('Where').fill('At home');
    await second.getByLabel('Order').fill('2');
    await page().getByLabel('Communication needs').fill('English at home. Nan also speaks Yoruba with the children.');
    await answer(page(), 'Is an interpreter needed?', 'No, an interpreter is not needed');
    await answer(page(), 'Consent to contact other agencies', 'The family agreed to us contacting other agencies');
    await page().getByLabel('Information already held').fill('Police notification of 12 January; the school’s referral; no earlier involvement.');
    const agency = question(page(), 'Agency 1');
    await agency.getByLabel('Agency').fill('Hillside Primary School');
    await agency.getByLabel('What to ask them').fill(`${c.first}’s attendance and how ${c.pronoun === 'her' ? 'she' : 'he'} seems on Mondays`);
    const help = question(page(), 'Help or service 1');
    await help.getByLabel('Help or service').fill('Family hub parenting group');
    await fillToday(help, 'Offered on');
    await answer(page(), 'Have you completed this section?', 'Yes, I have completed this section');
    await follow(e, page().getByRole('button', { name: 'Save the plan' }), `${c.first}: plan saved`);
    await expect.poll(() => banner().innerText()).toContain('Assessment plan saved and marked as completed');
  }

  /**
   * One section of the triangle: a statement for every dimension. Each dimension opens with an empty
   * strength and worry ready to fill; a second one of a kind is added with "Add a strength" or "Add a worry".
   */
  async function writeTriangle(c: Child, section: keyof ReturnType<typeof triangle>) {
    await openSection(c, section);
    const statements = triangle(c)[section];
    const written = new Map<string, number>();
    for (const s of statements) {
      const n = (written.get(`${s.dimension}:${s.kind}`) ?? 0) + 1;
      written.set(`${s.dimension}:${s.kind}`, n);
      if (n > 1) {
        const dimension = page().locator('.hearth-dimension', { has: page().getByRole('heading', { name: s.dimension, exact: true }) });
        await follow(e, dimension.getByRole('button', { name: `Add a ${s.kind}`, exact: true }), `${c.first}: ${s.dimension}, add a ${s.kind}`);
      }
      const row = question(page(), `${s.dimension}: ${s.kind} ${n}`);
      await row.getByLabel('What was found').fill(s.text);
      await answer(row, 'Is this a fact or an opinion?', s.is);
      await row.getByLabel('Who said it, or where it came from').fill(s.source);
      if (s.about) await row.getByLabel('Who it is about (optional)').selectOption({ label: s.about });
    }
    const earliest = statements[0]!;
    await expect.poll(() => question(page(), `${earliest.dimension}: ${earliest.kind} 1`).getByLabel('What was found').inputValue()).toBe(earliest.text);
    await completeAndGoBack(c, section);
  }

  async function writeVoices(c: Child) {
    const section = 'The child’s voice and the views of family and professionals';
    await openSection(c, section);
    await page().getByLabel('The child’s own words').fill(c.words);
    await fillToday(page(), 'When the child was heard');
    await expect.poll(() => page().getByLabel('Who heard the child').inputValue()).toBe('Sam Okafor');
    if (c.seenAlone.yes) await answer(page(), 'Was the child seen alone?', 'Yes');
    else {
      await answer(page(), 'Was the child seen alone?', 'No');
      await page().getByLabel('Why the child was not seen alone').fill(c.seenAlone.why);
    }
    await question(page(), 'How the child was helped to give their views').getByRole('checkbox', { name: c.tool, exact: true }).check();
    // Each child is assessed on their own: the brother or sister is listed with their own assessment.
    await expect.poll(() => page().getByRole('link', { name: `Open assessment of ${c.sibling} Okonjo` }).count()).toBe(1);

    // The parents and the grandmother come from the family's records.
    const mum = question(page(), 'Grace Okonjo (mother)');
    await answer(mum, 'Were their views heard?', 'Yes');
    await mum.getByLabel('What they said, in their words').fill('“I know the drinking has to stop. I want help with the evenings.”');
    await fillToday(mum, 'When their views were heard');
    const dad = question(page(), 'Dan Okonjo (father)');
    await expect.poll(() => dad.innerText()).toContain('Does not live with the child');
    await answer(dad, 'Were their views heard?', 'No');
    await dad.getByLabel('Why their views were not heard').fill('He did not answer three calls or a letter; his probation officer has passed on a message.');
    const nan = question(page(), 'Pat Okonjo (grandmother)');
    await answer(nan, 'Were their views heard?', 'Yes');
    await nan.getByLabel('What they said, in their words').fill('“I can have the children more often, and stay over on Fridays.”');
    await fillToday(nan, 'When their views were heard');

    const teacher = question(page(), 'Professional 1');
    await teacher.getByLabel('Name').fill('Anita Patel');
    await teacher.getByLabel('Agency').fill('Hillside Primary School');
    await teacher.getByLabel('Role (optional)').fill('Class teacher');
    await teacher.getByLabel('What they said').fill(`${c.first} is doing well in class but is tired and quiet on Mondays.`);
    await fillToday(teacher, 'When they gave their views');
    await completeAndGoBack(c, section);
  }

  async function writeIdentity(c: Child) {
    const section = 'Identity, culture and history';
    await openSection(c, section);
    // Filled in from the child's record.
    await expect.poll(() => page().getByLabel('Ethnicity').inputValue()).toBe('BAFR');
    await page().getByLabel('Culture and heritage').fill('Mum’s family came from Lagos in the 1990s. Nan keeps Nigerian traditions and cooks for family gatherings.');
    await page().getByLabel('Religion or belief').fill('Christian: goes to church with Nan on Sundays.');
    await page().getByLabel('Language and communication').fill('English at home and school; some Yoruba with Nan.');
    await page().getByRole('checkbox', { name: 'No disability', exact: true }).check();
    await page().getByLabel('The child’s history').fill(`${c.first} has lived at the same address since birth. Mum and Dad separated in 2023 after police were called.`);
    await page().getByLabel('How these were considered in the analysis and the plan').fill(`Nan and church are part of ${c.first}’s safety plan; the plan keeps ${c.first} at Hillside and at Yoruba club.`);
    await completeAndGoBack(c, section);
  }

  async function writeAnalysis(c: Child) {
    const section = 'Analysis';
    await openSection(c, section);
    await page().getByLabel('Risk factors').fill('Mum drinks most evenings; Dad’s anger when he visits; rent arrears.');
    await page().getByLabel('Protective factors').fill(`Nan nearby; a warm relationship with Mum; good school attendance apart from Mondays.`);
    await page().getByLabel('What is going well?').fill(`${c.first} goes to school, is well cared for and has Nan close by.`);
    await page().getByLabel('What are we worried about?').fill(`On 12 January Dad shouted at Mum and broke the front window while ${c.first} was upstairs. ${c.first} hides under the bed when they shout.`);
    await page().getByLabel('What needs to happen?').fill('Dad’s visits happen at Nan’s house; Mum gets help with drinking from the alcohol service; a plan for evenings.');
    await page().getByLabel('Explanations considered (hypotheses)').fill('Stress from debt and the separation; drinking as a way of coping; Dad’s behaviour as control.');
    await page().getByLabel('The family’s capacity to change').fill('Mum asked for help herself and has kept every appointment so far.');
    // A score row is ready for the worker (named), the family and another professional.
    const scores = [
      { row: 'Score 1', name: null, score: '5' },
      { row: 'Score 2', name: 'Grace Okonjo', score: '7' },
      { row: 'Score 3', name: 'Anita Patel', score: '6' },
    ];
    await expect.poll(() => question(page(), 'Score 1').getByLabel('Who gave it').inputValue()).toBe('Sam Okafor');
    for (const s of scores) {
      const row = question(page(), s.row);
      if (s.name) await row.getByLabel('Who gave it').fill(s.name);
      await row.getByLabel('Score from 0 to 10').fill(s.score);
    }
    await completeAndGoBack(c, section);
  }

  async function writeDecisionAndSend(c: Child) {
    const section = 'Decision and outcome';
    await openSection(c, section);
    await answer(page(), 'Is the child a child in need (section 17)?', 'Yes');
    await answer(page(), /reasonable cause to suspect the child is suffering/, 'No');
    await answer(page(), 'Does the child need to be accommodated?', 'No');
    await answer(page(), 'Outcome of the assessment', 'Child in need plan');
    await page().getByLabel('Reasons for the decision').fill(`${c.first} is safe day to day but is frightened at home when Dad visits and Mum has been drinking. A child in need plan gives Mum help and keeps Dad’s visits at Nan’s.`);
    await page().getByRole('checkbox', { name: 'Alcohol misuse: a parent or carer (1B)', exact: true }).check();
    await page().getByRole('checkbox', { name: 'Domestic abuse: a parent or carer (3B)', exact: true }).check();
    await answer(page(), 'The child’s main need', 'Family in acute stress (N4)');
    await page().getByLabel('I agree with this decision').check();
    await page().getByLabel('Mark this section as completed').check();
    await follow(e, page().getByRole('button', { name: 'Save', exact: true }), `${c.first}: decision saved`);
    await expect.poll(() => banner().innerText()).toContain('Saved. This change is kept as a new revision of the assessment');
    await expect.poll(() => question(page(), 'Your agreement').innerText()).toContain(`Agreed by Sam Okafor on ${formatDate(today)}`);

    await follow(e, page().getByRole('link', { name: 'Send the assessment to your manager for authorisation' }));
    await expect.poll(() => main().innerText()).toContain('Every section is complete.');
    await follow(e, page().getByRole('button', { name: 'Send for authorisation' }), `${c.first}: sent to the manager`);
    await expect.poll(() => banner().innerText()).toContain('Sent to your manager for authorisation');
    await expect.poll(() => main().innerText()).toContain('Waiting for a manager to authorise');
  }

  /** Everything the worker writes in one child's assessment, section by section, then sending it to the manager. */
  async function assess(c: Child) {
    await writePlan(c);
    await writeTriangle(c, 'Child’s developmental needs');
    await writeTriangle(c, 'Parenting capacity');
    await writeTriangle(c, 'Family and environmental factors');
    await writeVoices(c);
    await writeIdentity(c);
    await writeAnalysis(c);
    await writeDecisionAndSend(c);
  }

  it('the worker starts an assessment from the referral for each child in the household', async () => {
    await signIn(e, EMAILS.worker);
    await follow(e, page().getByRole('link', { name: 'My caseload' }).first());
    await follow(e, page().getByRole('table', { name: /Children allocated to you/ }).getByRole('link', { name: 'Jade Okonjo' }));
    await follow(e, page().getByRole('navigation', { name: 'Sections of this record' }).getByRole('link', { name: 'Assessments' }));
    await follow(e, page().getByRole('button', { name: 'Start an assessment' }));

    await follow(e, page().getByRole('button', { name: 'Start the assessment' }), 'start an assessment with errors');
    await expectErrorSummary(page(), [
      { text: 'Choose the kind of assessment', focuses: 'variant' },
      { text: 'Choose the referral this assessment starts from', focuses: 'referral' },
    ]);
    await answer(page(), 'What kind of assessment?', 'Child and family assessment');
    await answer(page(), 'Which referral is it for?', `Referral received on ${formatDate(REFERRAL_DATE)}`);
    await question(page(), 'Also start one for the other children living with Jade?').getByRole('checkbox', { name: 'Kai Okonjo' }).check();
    await follow(e, page().getByRole('button', { name: 'Start the assessment' }), 'assessments started');
    await expect.poll(() => banner().innerText()).toContain('Assessment started, and 1 more for the other child in the household');
    overview.Jade = new URL(page().url()).pathname;
    await expect.poll(() => main().innerText()).toContain(`The date of the referral from schools`);
    await expect.poll(() => main().innerText()).toContain(formatDate(REFERRAL_DATE));

    // Kai's own assessment, from the same referral date, is linked from Jade's.
    await follow(e, page().getByRole('link', { name: 'Kai Okonjo' }), 'Kai’s assessment');
    overview.Kai = new URL(page().url()).pathname;
    expect(overview.Kai).toContain(`/people/${family.kai.id}/assessments/`);
    await expect.poll(() => main().innerText()).toContain(`Working day 45`);
  });

  it('the worker completes Jade’s assessment, section by section, and sends it to the manager', { timeout: 240_000 }, async () => {
    await assess(JADE);
  });

  it('the worker completes Kai’s assessment, section by section, and sends it to the manager', { timeout: 240_000 }, async () => {
    await assess(KAI);
    // What was typed in the triangle is kept, each statement with whether it is a fact and where it came from.
    const [saved] = await rows<{ content: { 'parenting-capacity': { dimensions: Record<string, { worries: { text: string; kind: string; source: string; personId: string | null }[] }> } } }>(
      e.t.database.db,
      sql`SELECT content FROM assessments WHERE child_id = ${family.kai.id}`,
    );
    expect(saved!.content['parenting-capacity'].dimensions.ensuringSafety!.worries).toEqual([
      { text: 'Police were called when Dad shouted at Mum and broke the front window; the children were upstairs.', kind: 'fact', source: 'Police notification of 12 January', personId: expect.any(String) },
    ]);
    await signOut(e);
  });

  it('the team manager records the day 10 checkpoint decision for each child', async () => {
    await signIn(e, EMAILS.manager);
    await follow(e, page().getByRole('link', { name: 'Open assessments in your team: late, due soon and waiting for you' }));
    for (const c of [JADE, KAI]) {
      await follow(e, page().getByRole('link', { name: `Decide at working day 10 for ${c.name}` }));
      if (c === JADE) {
        await follow(e, page().getByRole('button', { name: 'Record the decision' }), 'checkpoint with errors');
        await expectErrorSummary(page(), [
          { text: 'Choose what happens next', focuses: 'decision' },
          { text: 'Enter the reasons for your decision', focuses: 'reasons' },
        ]);
      }
      await answer(page(), 'What happens next?', c.checkpoint.decision);
      await page().getByLabel('Your reasons').fill(c.checkpoint.reasons);
      await follow(e, page().getByRole('button', { name: 'Record the decision' }), `${c.first}: checkpoint decided`);
      await expect.poll(() => banner().innerText()).toContain(`Decision recorded for the working day 10 checkpoint: ${c.checkpoint.decision.toLowerCase()}`);
      const day10 = page().getByRole('table', { name: 'Checkpoints' }).getByRole('row', { name: /Working day 10/ });
      await expect.poll(() => day10.innerText()).toContain(`${c.checkpoint.decision}, Morgan Ellis`);
      await follow(e, page().getByRole('link', { name: 'Home' }).first());
      await follow(e, page().getByRole('link', { name: 'Open assessments in your team: late, due soon and waiting for you' }));
    }
    await expect.poll(() => main().innerText()).toContain('No checkpoint is waiting for a decision.');
  });

  it('the manager is refused authorisation of Jade’s assessment while a checklist item is unanswered, then authorises it', async () => {
    await step(e, () => page().goto(e.baseUrl + overview.Jade!), 'Jade’s assessment');
    await follow(e, page().getByRole('link', { name: 'Manager’s checklist', exact: true }));
    await expect.poll(() => main().innerText()).toContain('Every section is complete and the worker has sent the assessment to you. The decision is: Child in need plan.');
    for (const item of ['The child was seen alone and their views recorded', 'All children in the household were seen', 'Parents were seen and their views recorded', 'The analysis is complete', 'The evidence supports the decision']) {
      await answer(page(), item, 'Yes');
    }
    // What the record says is beside each item: Dad's views were not heard, so ticking "parents seen" needs a reason.
    await expect.poll(() => question(page(), 'Parents were seen and their views recorded').innerText()).toContain('Dan Okonjo (father): views not heard');
    await follow(e, page().getByRole('button', { name: 'Authorise this assessment' }), 'authorisation refused');
    await expectErrorSummary(page(), [
      { text: 'Checklist: answer ‘The home was visited and the child’s bedroom seen’', focuses: 'items-homeVisited-ticked' },
      { text: /Checklist: you ticked ‘Parents were seen and their views recorded’, but the views of Dan Okonjo are not recorded/, focuses: 'items-parentsSeen-override' },
    ]);
    await expect.poll(() => question(page(), 'The home was visited and the child’s bedroom seen').innerText()).toContain('Checklist: answer ‘The home was visited and the child’s bedroom seen’');
    await answer(page(), 'The home was visited and the child’s bedroom seen', 'Yes');
    await question(page(), 'Parents were seen and their views recorded').getByLabel('The record does not show this. Why are you satisfied?').fill('Mum was seen twice; Dad would not answer calls or a letter, and his probation officer passed on his views.');
    await follow(e, page().getByRole('button', { name: 'Authorise this assessment' }), 'Jade’s assessment authorised');
    await expect.poll(() => banner().innerText()).toContain('Assessment authorised: Child in need plan');
    await expect.poll(() => main().innerText()).toContain(`Authorised, on ${formatDate(today)} by Morgan Ellis`);
    await expect.poll(() => main().innerText()).toContain('Completed on time');
  });

  it('the manager authorises Kai’s assessment, giving a reason for an item not ticked', async () => {
    await step(e, () => page().goto(e.baseUrl + overview.Kai!), 'Kai’s assessment');
    await follow(e, page().getByRole('link', { name: 'Manager’s checklist', exact: true }));
    await answer(page(), 'The child was seen alone and their views recorded', 'No');
    for (const item of ['All children in the household were seen', 'The home was visited and the child’s bedroom seen', 'Parents were seen and their views recorded', 'The analysis is complete', 'The evidence supports the decision']) {
      await answer(page(), item, 'Yes');
    }
    await follow(e, page().getByRole('button', { name: 'Authorise this assessment' }), 'authorisation refused');
    await expectErrorSummary(page(), [
      { text: 'Checklist: give your reason for not ticking ‘The child was seen alone and their views recorded’', focuses: 'items-childSeenAlone-reason' },
      { text: /Checklist: you ticked ‘Parents were seen and their views recorded’/, focuses: 'items-parentsSeen-override' },
    ]);
    await expect.poll(() => question(page(), 'The child was seen alone and their views recorded').innerText()).toContain('Checklist: give your reason for not ticking');
    await question(page(), 'The child was seen alone and their views recorded').getByLabel('Why this is not ticked').fill('Kai is 6 and would not leave Jade; his words are recorded. He is to be seen alone at the first child in need visit.');
    await question(page(), 'Parents were seen and their views recorded').getByLabel('The record does not show this. Why are you satisfied?').fill('As for Jade: Dad’s views came through his probation officer.');
    await page().getByLabel('Your comments (optional)').fill('A clear assessment. Make sure Kai is seen alone at the first child in need visit.');
    await follow(e, page().getByRole('button', { name: 'Authorise this assessment' }), 'Kai’s assessment authorised');
    await expect.poll(() => banner().innerText()).toContain('Assessment authorised: Child in need plan');
    await expect.poll(() => main().innerText()).toContain(`Authorised, on ${formatDate(today)} by Morgan Ellis`);
    await signOut(e);
  });

  it('the worker starts a pre-birth assessment, due 4 weeks before the expected delivery date', async () => {
    await signIn(e, EMAILS.worker);
    await follow(e, page().getByRole('link', { name: 'My caseload' }).first());
    await follow(e, page().getByRole('table', { name: /Children allocated to you/ }).getByRole('link', { name: 'Baby Hartley' }));
    await follow(e, page().getByRole('navigation', { name: 'Sections of this record' }).getByRole('link', { name: 'Assessments' }));
    await follow(e, page().getByRole('button', { name: 'Start an assessment' }));
    const kinds = question(page(), 'What kind of assessment?');
    await expect.poll(() => kinds.innerText()).toContain('For an unborn baby: due at least 4 weeks before the expected delivery date when that is sooner than day 45');
    await answer(page(), 'What kind of assessment?', 'Pre-birth assessment');
    await answer(page(), 'Which referral is it for?', `Referral received on ${formatDate(REFERRAL_DATE)}`);
    await follow(e, page().getByRole('button', { name: 'Start the assessment' }), 'pre-birth assessment started');
    await expect.poll(() => banner().innerText()).toContain('Assessment started');
    expect(page().url()).toContain(`/people/${pregnancy.baby.id}/assessments/`);
    await expect.poll(() => page().locator('h2.govuk-heading-l').innerText()).toContain('Pre-birth assessment');
    const dueBy = page().locator('.govuk-summary-list__row', { has: page().getByText('Due by', { exact: true }) });
    await expect.poll(() => dueBy.innerText()).toContain(formatDate(PRE_BIRTH_DUE));
    await expect.poll(() => dueBy.innerText()).toContain(`4 weeks before the expected delivery date (${formatDate(EXPECTED_DELIVERY)}), sooner than working day 45`);
    // The baby's needs are recorded as for any child, with no question about school.
    await follow(e, page().getByRole('link', { name: 'Child’s developmental needs', exact: true }), 'pre-birth: developmental needs');
    expect(await page().getByRole('group', { name: /Is the child in education/ }).count()).toBe(0);
    await follow(e, page().getByRole('button', { name: 'Save', exact: true }), 'pre-birth: developmental needs saved');
    await expect.poll(() => banner().innerText()).toContain('Saved.');
  });

  it('the worker assesses a homeless 16-year-old: the Homelessness section refused empty, then completed', { timeout: 120_000 }, async () => {
    // Signed in since the pre-birth assessment (or, run on its own, signs in).
    if (!(await page().getByRole('button', { name: 'Sign out' }).count())) await signIn(e, EMAILS.worker);
    await follow(e, page().getByRole('link', { name: 'My caseload' }).first());
    await follow(e, page().getByRole('table', { name: /Children allocated to you/ }).getByRole('link', { name: 'Leah Mensah' }));
    await follow(e, page().getByRole('navigation', { name: 'Sections of this record' }).getByRole('link', { name: 'Assessments' }));
    await follow(e, page().getByRole('button', { name: 'Start an assessment' }));
    await answer(page(), 'What kind of assessment?', '16 or 17-year-old homelessness assessment');
    await answer(page(), 'Which referral is it for?', `Referral received on ${formatDate(REFERRAL_DATE)}`);
    await follow(e, page().getByRole('button', { name: 'Start the assessment' }), 'homelessness assessment started');
    await expect.poll(() => banner().innerText()).toContain('Assessment started');
    expect(page().url()).toContain(`/people/${youngPerson.leah.id}/assessments/`);
    const leahOverview = new URL(page().url()).pathname;
    await expect.poll(() => page().locator('h2.govuk-heading-l').innerText()).toContain('16 or 17-year-old homelessness assessment');
    const section = 'Homelessness and the duties owed';
    await expect.poll(() => task(section).innerText()).not.toContain('Completed');
    await follow(e, page().getByRole('link', { name: section, exact: true }), 'Leah: homelessness');

    // Saved empty, marked completed: every answer it still needs is listed, each link on its field (a date on its day box).
    await page().getByLabel('Mark this section as completed').check();
    await follow(e, page().getByRole('button', { name: 'Save', exact: true }), 'Leah: homelessness saved empty');
    await expectErrorSummary(page(), [
      { text: /^Describe the young person’s circumstances/, focuses: 'circumstances' },
      { text: 'Say whether the young person is homeless or at risk of becoming homeless', focuses: 'housingSituation' },
      { text: 'Say whether you did this assessment together with the housing authority', focuses: 'housingInvolved' },
      { text: 'Record that the young person was told what accommodation under section 20 would mean for them', focuses: 'toldAboutAccommodation' },
      { text: 'Record that the young person was told what help the housing authority could give', focuses: 'toldAboutHousingHelp' },
      { text: 'Enter the date the young person was told about their options', focuses: 'toldOn-day' },
      { text: 'Say whether the young person had an advocate', focuses: 'advocate' },
      { text: 'Choose the duty owed to the young person', focuses: 'duty' },
      { text: 'Give the reasons for the decision on the duty owed', focuses: 'dutyReasons' },
    ]);
    const stored = async () => {
      const [found] = await rows<{ section: Record<string, unknown> | string | null }>(e.t.database.db, sql`SELECT content -> 'homelessness' AS section FROM assessments WHERE child_id = ${youngPerson.leah.id}`);
      const value = found?.section ?? null;
      return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value;
    };
    expect(await stored()).toBeNull();

    const told = addDays(today, -2);
    const [ty, tm, td] = told.split('-') as [string, string, string];
    const parts = { day: String(Number(td)), month: String(Number(tm)), year: ty };
    await page().getByLabel('The young person’s circumstances').fill('Her stepfather told her to leave after an argument. She has slept at three friends’ houses this week and has nowhere to go tonight.');
    await answer(page(), 'Is the young person homeless, or at risk of becoming homeless?', 'Homeless now');
    await answer(page(), 'Did you do this assessment together with the housing authority?', 'Yes');
    await page().getByLabel('Name of the housing officer').fill('Amir Shah');
    await page().getByLabel('Housing authority or team (optional)').fill('Housing Options');
    await fillDate(page(), 'When you first worked with them on this', parts);
    await page().getByLabel('What you did together').fill('We saw Leah together at the civic centre and agreed that we lead, with housing finding her a room tonight.');
    await page().getByRole('checkbox', { name: 'The young person was told what accommodation under section 20 would mean for them' }).check();
    await page().getByRole('checkbox', { name: 'The young person was told what help the housing authority could give instead' }).check();
    await fillDate(page(), 'When they were told', parts);
    await page().getByLabel('How you explained it so they understood').fill('We went through the leaflet for young people with her advocate, and Leah told it back in her own words.');
    await answer(page(), 'Did the young person have an advocate?', 'Yes, an advocate supported them');
    await page().getByLabel('The advocate’s name and who they work for').fill('Kim Lee, Coram Voice');
    await page().getByLabel('What the young person wants, in their own words').fill('“I want somewhere safe to live, and help when I am 18.”');
    await answer(page(), 'Does the young person want to be accommodated under section 20?', 'Yes, they want to be accommodated under section 20');
    await answer(page(), 'What duty is owed to the young person?', 'Accommodation under section 20');
    await page().getByLabel('Reasons for the decision on the duty owed').fill('Leah is a child in need who needs accommodation: she cannot go home, no relative can have her, and she wants to be looked after.');
    // The answers shown under "Yes" (the housing officer, the advocate) are scanned too, as filled in.
    await expectAccessible(page(), 'Leah: homelessness filled in');
    await completeAndGoBackTo(leahOverview, section);
    expect(await stored()).toMatchObject({ duty: 's20', toldOn: told, housingContactedOn: told, advocateName: 'Kim Lee, Coram Voice', completed: true });
  });

  it('the worker writes the family’s version of Jade’s assessment, downloads it as a PDF and records sharing it', async () => {
    await step(e, () => page().goto(e.baseUrl + overview.Jade!), 'Jade’s authorised assessment');
    await follow(e, page().getByRole('link', { name: 'Write the family’s version' }));
    const words = [
      'What is going well',
      'Jade goes to school every day and you read with her most evenings. Nan lives close by and helps.',
      'What we are worried about',
      'On 12 January Dad shouted at you and broke the front window while Jade was upstairs. Jade told us she hides under her bed when you argue.',
      'What needs to happen',
      '- Dad sees the children at Nan’s house for now',
      '- You get help from the alcohol service for the evenings',
    ];
    await page().getByLabel('What you will share').fill(words.join('\n\n'));
    await follow(e, page().getByRole('button', { name: 'Save family’s version' }), 'family’s version saved');
    await expect.poll(() => banner().innerText()).toContain('The family’s version is saved.');

    const downloading = page().waitForEvent('download');
    await page().getByRole('link', { name: 'Download the saved version as a PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('family-version-jade-okonjo.pdf');
    const text = (await pdfText(readFileSync(await download.path()))).replace(/\s+/g, ' ');
    expect(text).toContain('What we found: our assessment of Jade’s needs');
    for (const line of words) expect(text).toContain(line.replace(/^- /, ''));

    await follow(e, page().getByRole('link', { name: 'Record that you shared it, or why not' }));
    await expect.poll(() => question(page(), 'Who was it for?').getByLabel('The parents or carers').isChecked()).toBe(true);
    await answer(page(), 'Was it shared?', 'Yes');
    await fillToday(page(), 'When was it shared?');
    await answer(page(), 'How?', 'In person');
    await page().getByLabel('With whom?').fill('Grace Okonjo (mother)');
    await follow(e, page().getByRole('button', { name: 'Save' }), 'sharing recorded');
    await expect.poll(() => banner().innerText()).toContain('Sharing recorded.');
    await expect.poll(() => page().getByRole('table', { name: 'Sharing recorded so far' }).innerText()).toContain('Grace Okonjo (mother), In person, English, Standard print');
  });
});
