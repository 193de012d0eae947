/**
 * The 16 or 17-year-old homelessness assessment's own section (A1, domain/homelessness.ts), through
 * HTTP on both databases: on the task list of that kind of assessment only; bad input refused with
 * the GOV.UK error summary, never a 500, what was typed kept as a draft; a save is a revision the
 * comparison page reads; authorisation refused while the duty owed or the record that the young
 * person was told about section 20 is missing, then allowed; the young person's and family's versions
 * start with where they will live; and another kind of assessment has no such section to save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { completeEverything, familyWithAssessment, openForm, revisionCount, saveSection, tickedChecklist, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

/** Every answer, for a young person told to leave home who wants and gets section 20 accommodation. */
const complete: Record<string, string> = {
  circumstances: 'Told to leave by her stepfather after an argument; sleeping at friends’ houses this week',
  housingSituation: 'homeless',
  housingInvolved: 'yes',
  housingOfficer: 'Amir Shah',
  housingTeam: 'Housing Options',
  'housingContactedOn-day': '3',
  'housingContactedOn-month': '3',
  'housingContactedOn-year': '2025',
  jointWork: 'We met her together at the civic centre and agreed who does what',
  toldAboutAccommodation: 'yes',
  toldAboutHousingHelp: 'yes',
  'toldOn-day': '4',
  'toldOn-month': '3',
  'toldOn-year': '2025',
  howExplained: 'We went through the leaflet for young people with her advocate there, and she told it back in her own words',
  advocate: 'used',
  advocateName: 'Kim Lee, Coram Voice',
  wishes: '“I want somewhere safe to live and help when I am 18”',
  wantsAccommodation: 'yes',
  duty: 's20',
  dutyReasons: 'She is a child in need who needs accommodation: she cannot go home and no relative can have her',
  completed: 'yes',
};

const summary = (html: string) => {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.replace(/&#39;/g, '’') }));
};
const draftOf = (t: TestApp, f: Family) => t.services.drafts.get(t.users.get(EMAILS.worker)!, `${f.base}/sections/homelessness`);

async function storedSection(t: TestApp, f: Family): Promise<Record<string, unknown> | null> {
  const found = await rows<{ section: Record<string, unknown> | string | null }>(t.database.db, sql`SELECT content -> 'homelessness' AS section FROM assessments WHERE id = ${f.assessment.id}`);
  const value = found[0]?.section ?? null;
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value;
}

describeEachDb('the 16 or 17-year-old homelessness assessment', (kind) => {
  let t: TestApp;
  let as: Agents;
  let f: Family;
  let standard: Family;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    f = await familyWithAssessment(t, { variant: 'homelessness-16-17' });
    // A young person of 16.
    const [y, m, d] = todayInLondon().split('-');
    await t.database.db.execute(sql`UPDATE people SET date_of_birth = ${`${Number(y) - 16}-${m}-${d === '29' && m === '02' ? '28' : d}`} WHERE id = ${f.child.id}`);
    standard = await familyWithAssessment(t);
  });
  afterAll(() => t.close());

  it('has its own section on the task list, before the decision; a standard assessment does not', async () => {
    const page = await as.worker.get(f.base);
    expect(page.statusCode).toBe(200);
    const links = [...page.body.matchAll(/href="[^"]*\/sections\/([a-z-]+)"/g)].map((m) => m[1]);
    expect(links.slice(links.indexOf('analysis'), links.indexOf('analysis') + 3)).toEqual(['analysis', 'homelessness', 'decision']);
    expect(bodyText(page.body)).toContain('Homelessness and the duties owed');
    const other = await as.worker.get(standard.base);
    expect(other.body).not.toContain('/sections/homelessness');
  });

  it('shows the questions a joint assessment with housing answers', async () => {
    const res = await as.worker.get(`${f.base}/sections/homelessness`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    for (const words of [
      'Is the young person homeless, or at risk of becoming homeless?',
      'Did you do this assessment together with the housing authority?',
      'The young person was told what accommodation under section 20 would mean for them',
      'The young person was told what help the housing authority could give instead',
      'Did the young person have an advocate?',
      'What the young person wants, in their own words',
      'What duty is owed to the young person?',
      'Referral to the housing authority for help under Part 7 of the Housing Act 1996',
    ]) {
      expect(text).toContain(words);
    }
    // The decision page says whose agreement section 20 needs at 16 or 17.
    expect(bodyText((await as.worker.get(`${f.base}/sections/decision`)).body)).toContain('Yes, with the young person’s agreement (section 20)');
    expect(bodyText((await as.worker.get(`${standard.base}/sections/decision`)).body)).toContain('Yes, with the parents’ agreement (section 20)');
  });

  describe('refuses bad input with the error summary, keeps what was typed, saves nothing', () => {
    const hostile: [string, Record<string, string | string[]>, string][] = [
      ['a duty not on the list', { duty: 'rehouse-elsewhere' }, 'duty'],
      // A date's link goes to its day box, which can take focus (the date group cannot).
      ['a date that is not a date', { 'toldOn-day': '31', 'toldOn-month': '2', 'toldOn-year': '2025' }, 'toldOn-day'],
      ['a date in the future', { 'housingContactedOn-day': '1', 'housingContactedOn-month': '1', 'housingContactedOn-year': String(Number(todayInLondon().slice(0, 4)) + 2) }, 'housingContactedOn-day'],
      ['a tick that is not a tick', { toldAboutAccommodation: 'maybe' }, 'toldAboutAccommodation'],
      ['a tick sent twice', { toldAboutAccommodation: ['yes', 'yes'] }, 'toldAboutAccommodation'],
      ['circumstances far too long', { circumstances: 'x'.repeat(5001) }, 'circumstances'],
      ['an answer sent as a list', { housingSituation: ['homeless', 'at-risk'] }, 'housingSituation'],
      ['section 20 the young person does not want', { duty: 's20', wantsAccommodation: 'no' }, 'duty'],
      ['a homeless young person who wants accommodation sent to housing', { housingSituation: 'homeless', wantsAccommodation: 'yes', duty: 'housing-referral' }, 'duty'],
    ];
    for (const [name, fields, id] of hostile) {
      it(name, async () => {
        const revisions = await revisionCount(t, f.assessment.id);
        const res = await saveSection(as.worker, f, 'homelessness', { circumstances: 'Typed before the mistake', ...fields });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('govuk-error-summary');
        expect(summary(res.body).map((l) => l.href)).toContain(`#${id}`);
        expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
        // What was typed is kept as the worker's draft, and the page comes back with it.
        const typed = { circumstances: 'Typed before the mistake', ...fields }.circumstances;
        expect(await draftOf(t, f)).toMatchObject({ circumstances: typed });
        expect(res.body).toContain(typed);
      });
    }

    it('will not be marked completed while answers are missing, and lists each one', async () => {
      const res = await saveSection(as.worker, f, 'homelessness', { circumstances: 'Sleeping at a friend’s house', completed: 'yes' });
      expect(res.statusCode).toBe(400);
      const hrefs = summary(res.body).map((l) => l.href);
      for (const id of ['housingSituation', 'housingInvolved', 'toldAboutAccommodation', 'toldAboutHousingHelp', 'toldOn-day', 'howExplained', 'advocate', 'wishes', 'wantsAccommodation', 'duty', 'dutyReasons', 'completed']) {
        expect(hrefs, id).toContain(`#${id}`);
      }
      expect(await storedSection(t, f)).toBeNull();
    });
  });

  it('saves a part-written section as a revision, and keeps only what applies to the answers', async () => {
    const before = await revisionCount(t, f.assessment.id);
    const res = await saveSection(as.worker, f, 'homelessness', { circumstances: 'Sleeping at a friend’s house', housingInvolved: 'no', housingOfficer: 'Left over', housingNotInvolvedReason: 'Housing had no one free this week' });
    expect(res.statusCode).toBe(303);
    expect(await revisionCount(t, f.assessment.id)).toBe(before + 1);
    expect(await storedSection(t, f)).toMatchObject({ circumstances: 'Sleeping at a friend’s house', housingInvolved: 'no', housingOfficer: null, housingNotInvolvedReason: 'Housing had no one free this week', duty: null, completed: false });
    expect(await draftOf(t, f)).toBeNull();
  });

  it('is refused authorisation while the duty owed and the record of telling the young person about section 20 are missing, then authorised', async () => {
    await completeEverything(as.worker, f);
    const checklist = async () => {
      const form = await openForm(as.manager, `${f.base}/sections/checklist`);
      return as.manager.post(`${f.base}/authorise`, { version: form.version, base: form.base, ...tickedChecklist, 'items-homeVisited-ticked': 'no', 'items-homeVisited-reason': 'Seen at a friend’s house: she has no home now' });
    };
    const refused = await checklist();
    expect(refused.statusCode).toBe(400);
    const links = summary(refused.body);
    expect(links).toContainEqual({ href: `${f.base}/sections/homelessness#duty`, text: 'Homelessness and the duties owed: choose the duty owed to the young person' });
    expect(links).toContainEqual({
      href: `${f.base}/sections/homelessness#toldAboutAccommodation`,
      text: 'Homelessness and the duties owed: record that the young person was told what accommodation under section 20 would mean for them',
    });
    // A date's link goes to its day box on the section's page.
    expect(links).toContainEqual({ href: `${f.base}/sections/homelessness#toldOn-day`, text: 'Homelessness and the duties owed: enter the date the young person was told about their options' });
    expect((await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${f.assessment.id}`))[0]!.status).toBe('in-progress');

    // The decision says no accommodation: the section must agree with it before it is completed.
    const disagrees = await saveSection(as.worker, f, 'homelessness', complete);
    expect(disagrees.statusCode).toBe(400);
    expect(summary(disagrees.body)).toContainEqual({ href: '#duty', text: 'The decision section does not say the young person is to be accommodated under section 20. Change the duty owed or the decision so they agree' });
    const decision = await saveSection(as.worker, f, 'decision', { childInNeed: 'yes', s47: 'no', accommodation: 's20', outcome: 'cin-plan', reasons: 'She needs somewhere safe to live', factors: ['1B', '3B'], primaryNeed: 'N4', workerAgrees: 'yes', completed: 'yes' });
    expect(decision.statusCode).toBe(303);
    expect((await saveSection(as.worker, f, 'homelessness', complete)).statusCode).toBe(303);

    const authorised = await checklist();
    expect(authorised.statusCode, summary(authorised.body).map((l) => l.text).join('; ')).toBe(303);
    expect((await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${f.assessment.id}`))[0]!.status).toBe('authorised');
  });

  it('shows what changed in the section when two revisions are compared', async () => {
    const found = await rows<{ revision: number; section: string }>(t.database.db, sql`SELECT revision, section FROM assessment_revisions WHERE assessment_id = ${f.assessment.id} AND section = 'homelessness' ORDER BY revision`);
    const first = Number(found[0]!.revision);
    const last = Number(found.at(-1)!.revision);
    const res = await as.manager.get(`${f.base}/revisions/compare?from=${first}&to=${last}`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Homelessness and the duties owed');
    // Each field by the words of the form, not its stored name.
    for (const label of [
      'The young person’s circumstances',
      'Homeless or at risk of becoming homeless',
      'Assessed together with the housing authority',
      'Housing officer',
      'First worked with the housing authority on',
      'Why the housing authority was not involved',
      'Told what accommodation under section 20 would mean for them',
      'Told what help the housing authority could give',
      'Date told about their options',
      'How it was explained so they understood',
      'The advocate’s name and who they work for',
      'Wants to be accommodated under section 20',
      'Duty owed',
      'Reasons for the decision on the duty owed',
    ]) {
      expect(text).toContain(label);
    }
    for (const raw of ['Told about accommodation', 'Told about housing help', 'Housing not involved reason', 'Advocate name', 'Duty reasons', 'Housing contacted on', 'Wants accommodation']) {
      expect(text).not.toContain(raw);
    }
    expect(text).toContain('Kim Lee, Coram Voice');
    expect(text).toContain('Housing had no one free this week');
    // Each choice by the words the form showed, not its stored value.
    expect(text).toContain('Duty owed Added Accommodation under section 20');
    expect(text).toContain('Homeless or at risk of becoming homeless Added Homeless now');
    expect(text).not.toMatch(/Added (s20|homeless|yes|no)\b/);
    // Authorised, the section is shown as saved, to read.
    const page = await as.worker.get(`${f.base}/sections/homelessness`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hearth-read-only');
    expect(page.body).toContain('Kim Lee, Coram Voice');
  });

  it('starts the young person’s and the family’s versions with where the young person will live', async () => {
    const child = bodyText((await as.worker.get(`${f.base}/child-version`)).body);
    expect(child).toContain('Where you will live');
    expect(child).toContain('This is called accommodation under section 20');
    const family = bodyText((await as.worker.get(`${f.base}/family-version`)).body);
    expect(family).toContain(`Where ${f.child.firstName} will live`);
    expect(bodyText((await as.worker.get(`${standard.base}/child-version`)).body)).not.toContain('Where you will live');
  });

  it('has no homelessness section in another kind of assessment: the page says so, and a post saves nothing', async () => {
    const page = await as.worker.get(`${standard.base}/sections/homelessness`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Only a 16 or 17-year-old homelessness assessment has this section');
    expect(page.body).not.toContain('name="duty"');
    const before = await revisionCount(t, standard.assessment.id);
    const res = await saveSection(as.worker, standard, 'homelessness', complete);
    expect(res.statusCode).toBe(400);
    expect(summary(res.body)).toContainEqual({ href: '#form', text: 'This is a child and family assessment. Only a 16 or 17-year-old homelessness assessment has this section' });
    expect(await revisionCount(t, standard.assessment.id)).toBe(before);
  });
});
