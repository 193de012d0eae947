/**
 * The living assessment in a real browser: the worker writes the family's version with the live
 * plain-language check beside it, downloads it as a PDF and records sharing it; compares two
 * versions of the assessment, closes a review prompt, raises safeguarding actions and finishes one;
 * the administrator keeps the word list. Then the worker finds the late assessment on "My
 * assessments", records why it is late, decides with the family not to use an interpreter, meets
 * a stale save of the plan and of the analysis (whose family-facing answers are checked as they are
 * typed); the manager approves not using an interpreter and records an annual review. Every page on
 * the way is scanned with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, expectErrorSummary, fillDate, follow, signIn, signOut, startE2E, step, stopAfterFirstFailure, visit, type E2E } from './harness';
import { EMAILS } from '../helpers/app';
import { pdfText } from '../helpers/pdf';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { actorFor } from '../integration/security.fixture';
import { analysis, decision, livingFamily, openPrompts, saveSection } from '../integration/assessments-living.fixture';
import { createAssessment } from '../helpers/factories';
import { familyWithAssessment } from '../integration/assessments-sections.fixture';
import { todayInLondon } from '../../src/domain/dates';

describe.runIf(browserAvailable)('the living assessment, in a real browser', () => {
  let e: E2E;
  let f: Awaited<ReturnType<typeof livingFamily>>;
  stopAfterFirstFailure();

  beforeAll(async () => {
    e = await startE2E();
    f = await livingFamily(e.t);
    await saveSection(e.t, f.assessment.id, 'analysis', analysis());
    await saveSection(e.t, f.assessment.id, 'decision', decision());
    await saveSection(e.t, f.assessment.id, 'analysis', analysis({ worried: 'We are worried because Dad hit Mum twice in March.' }));
  });
  afterAll(() => e?.close());

  const page = () => e.page;

  it('the worker writes the family’s version with the live wording check, and downloads it as a PDF', async () => {
    await signIn(e, EMAILS.worker);
    await visit(e, `${f.base}/family-version`);
    const box = page().getByLabel('What you will share');
    await box.fill('What we are worried about\n\nMum has shown disguised compliance. There have been three incidents of domestic abuse.');
    const panel = page().locator('#text-plain-language');
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain('Blaming or labelling: “disguised compliance”');
    expect(await panel.getAttribute('aria-live')).toBe('polite');
    await box.fill('What we are worried about\n\nDad hit Mum in the kitchen in March. Ellie heard it from upstairs and was scared.\n\nWhat needs to happen\n\n- Dad lives somewhere else for now\n- Mum keeps Ellie safe');
    await follow(e, page().getByRole('button', { name: 'Save family’s version' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('The family’s version is saved.');
    const pdf = await page().request.get(`${e.baseUrl}${f.base}/family-version.pdf`);
    expect(pdf.status()).toBe(200);
    const words = (await pdfText(await pdf.body())).replace(/\s+/g, ' ');
    expect(words).toContain('Dad hit Mum in the kitchen in March. Ellie heard it from upstairs and was scared.');
    expect(words).toContain('Dad lives somewhere else for now');
  });

  it('records sharing it, after the error summary for an empty form', async () => {
    await follow(e, page().getByRole('link', { name: 'Record that you shared it, or why not' }));
    await step(e, () => page().getByRole('button', { name: 'Save' }).click(), 'sharing errors');
    await expectErrorSummary(page(), [{ text: 'Choose whether it was shared', focuses: 'shared' }]);
    await page().getByRole('group', { name: 'Who was it for?' }).getByLabel('The parents or carers').check();
    await page().getByRole('group', { name: 'Was it shared?' }).getByLabel('Yes').check();
    await fillDate(page(), 'When was it shared?', { day: '2', month: '2', year: '2026' });
    await page().getByRole('group', { name: 'How?' }).getByLabel('In person').check();
    await page().getByLabel('With whom?').fill('Sarah (mother)');
    await page().getByLabel('Language').fill('Polish');
    await page().getByRole('group', { name: 'Format' }).getByLabel('Easy read').check();
    await follow(e, page().getByRole('button', { name: 'Save' }));
    expect(await page().locator('table').innerText()).toContain('Sarah (mother), In person, Polish, Easy read');
    // The version it came from was chosen for it; the text shared is kept and can be read again.
    expect(await page().locator('table').innerText()).toContain('Shared version 1 of the family’s version, in Polish (written in English), on 2 February 2026.');
    await follow(e, page().getByRole('link', { name: /^Read what was shared\W+version 1 of the family’s version$/ }), 'the version that was shared');
    expect(await page().locator('main').innerText()).toContain('Dad lives somewhere else for now');
  });

  it('writes the child’s version in Mongolian, and is told why no PDF can show it and what to do instead', async () => {
    await visit(e, `${f.base}/child-version`);
    await page().getByLabel('What you will share').fill('ᠪᠢᠳᠡ ᠶᠠᠭᠤ ᠣᠯᠪᠠ\n\nᠡᠯᠯᠢ ᠡᠳᠦᠷ ᠪᠦᠷ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠳᠤ ᠶᠠᠪᠤᠳᠠᠭ');
    await page().getByLabel('Language it is written in').fill('Mongolian');
    await follow(e, page().getByRole('button', { name: /^Save / }), 'child’s version saved');
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('saved');
    await follow(e, page().getByRole('link', { name: 'What you can do instead' }), 'no PDF of Mongolian');
    expect(await page().locator('h1').innerText()).toContain('cannot be made into a PDF yet');
    expect(await page().locator('main').innerText()).toContain('cannot show properly: Mongolian');
  });

  it('keeps what the worker types as they type it: the child’s version comes back after the page is closed, and stays kept until it is saved', async () => {
    const form = `${f.base}/child-version`;
    await visit(e, form);
    await page().getByLabel('What you will share').fill('Ellie, we listened to you. You said you like living with Mum. Not finished yet.');
    const status = page().locator('.hearth-autosave-status').first();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^Draft saved at \d\d:\d\d$/);
    await visit(e, `${f.base}`); // away, without saving
    await visit(e, form);
    expect(await page().getByLabel('What you will share').inputValue()).toContain('Not finished yet.');
    expect(await page().locator('main').innerText()).toContain('We kept what you typed last time. It has not been saved yet.');
    // Shown, it is still kept, so leaving a second time loses nothing either; "Remove what I typed" is offered.
    const userId = e.t.users.get(EMAILS.worker)!;
    expect(((await e.t.services.drafts.get(userId, form))?.text as string | undefined) ?? '').toContain('Not finished yet.');
    expect(await page().getByRole('button', { name: 'Remove what I typed' }).count()).toBe(1);
    await follow(e, page().getByRole('button', { name: /^Save / }), 'child’s version saved from a kept draft');
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('saved');
    expect(await e.t.services.drafts.get(userId, form)).toBeNull();
    // Each saved version can be read again.
    await follow(e, page().getByRole('link', { name: /^Read it\W+version 2$/ }), 'a saved child’s version');
    expect(await page().locator('main').innerText()).toContain('Not finished yet.');
  });

  it('records the parenting capacity of each parent in a specialist assessment, adding the grandmother', { timeout: 120_000 }, async () => {
    const s = await familyWithAssessment(e.t, { variant: 'specialist' });
    await visit(e, `${s.base}/sections/parenting-capacity`);
    const headings = page().locator('.hearth-adult h3');
    await expect.poll(() => headings.count()).toBe(2);
    expect((await headings.allInnerTexts()).join(' ')).toMatch(new RegExp(`(?=.*${s.mother.firstName})(?=.*${s.father.firstName})`));
    await follow(e, page().getByRole('button', { name: new RegExp(`^Add ${s.grandmother.firstName}`) }), 'grandmother added');
    await expect.poll(() => headings.count()).toBe(3);
    // What affects the mother's parenting: one of the four reasons for a specialist assessment.
    const affects = () => page().getByRole('group', { name: `What affects ${s.mother.firstName} Sections’s parenting?` }).getByLabel('Substance misuse (drugs or alcohol)');
    await affects().check();
    await follow(e, page().getByRole('button', { name: 'Save', exact: true }), 'parenting capacity saved');
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Saved.');
    expect(await affects().isChecked()).toBe(true);
  });

  it('compares two versions of the assessment side by side', async () => {
    await visit(e, `${f.base}/revisions`);
    await follow(e, page().getByRole('link', { name: 'What changed in version 3' }));
    expect(await page().locator('main').innerText()).toContain('We are worried because Dad hit Mum twice in March.');
  });

  it('closes a review prompt raised by a significant event', async () => {
    const actor = await actorFor(e.t, EMAILS.worker);
    await e.t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-11', category: 'missing', summary: 'Ellie missing overnight, found by police.', significance: 'significant', personIds: [f.ellie.id] }),
    );
    const [prompt] = await openPrompts(e.t, f.assessment.id);
    await visit(e, `${f.base}/prompts/${prompt!.id}/resolve`);
    await page().getByLabel('No change is needed').check();
    await page().getByLabel('Why does the assessment not need to change?').fill('She came home the same morning; nothing new about her needs.');
    await step(e, () => page().getByRole('button', { name: 'Close this prompt' }).click(), 'assessment overview after the prompt');
    expect(await openPrompts(e.t, f.assessment.id)).toEqual([]);
  });

  it('raises safeguarding actions, sees them on the child and on My tasks, and marks one done', async () => {
    await visit(e, `${f.base}/safeguarding`);
    await page().getByLabel('A crime may have been committed against the child').check();
    await page().getByLabel('The child may have been trafficked or be a victim of modern slavery').check();
    await page().getByLabel('What did you find out?').fill('Ellie said an older boy makes her carry parcels to a flat in town.');
    await follow(e, page().getByRole('button', { name: 'Create the tasks' }));
    expect(await page().locator('main').innerText()).toContain('Make a National Referral Mechanism referral');
    await visit(e, '/tasks');
    await follow(e, page().getByRole('link', { name: 'Tell the police now' }));
    await page().getByLabel('What was done?').fill('Rang 101, reference 4471. An officer is visiting today.');
    await follow(e, page().getByRole('button', { name: 'Mark as done' }));
    expect(await page().locator('main').innerText()).toContain('Finished tasks');
    await visit(e, '/plain-language/check');
    await signOut(e);
  });

  it('the administrator keeps the word list', async () => {
    await signIn(e, EMAILS.admin);
    await visit(e, '/admin/plain-language');
    await page().getByLabel('Word or phrase').fill('TAC meeting');
    await page().getByLabel('Jargon').check();
    await page().getByLabel('Plainer way to say it').fill('Say "team around the child meeting"');
    await page().getByLabel('Look for this word when workers write for families').check();
    await follow(e, page().getByRole('button', { name: 'Add to the list' }));
    await follow(e, page().getByRole('link', { name: 'Change TAC meeting' }));
    // The timescale settings: the checkpoints, and the council's closure days, refused with the error summary when not a real date.
    await visit(e, '/admin/settings');
    expect(await page().getByLabel('Assessment checkpoints (working days after the referral)').inputValue()).toBe('10, 30, 45');
    await fillDate(page(), 'Date', { day: '31', month: '2', year: '2030' });
    await page().getByLabel('Name', { exact: true }).fill('Council closure day');
    await step(e, () => page().getByRole('button', { name: 'Add closure day' }).click(), 'closure day errors');
    await expectErrorSummary(page(), [{ text: /real date/, focuses: 'date-day' }]);
    await fillDate(page(), 'Date', { day: '27', month: '12', year: '2030' });
    await follow(e, page().getByRole('button', { name: 'Add closure day' }), 'closure day added');
    expect(await page().getByRole('table', { name: /closure day/ }).innerText()).toContain('Council closure day');
    await follow(e, page().getByRole('button', { name: 'Remove 27 December 2030' }), 'closure day removed');
    expect(await page().locator('main').innerText()).toContain('There are no closure days.');
    await signOut(e);
  });

  it('the worker finds the late assessment on My assessments and records why it is late', async () => {
    await signIn(e, EMAILS.worker);
    await visit(e, '/assessments');
    const open = page().getByRole('table', { name: 'Open assessments' });
    const ellie = open.getByRole('row').filter({ has: page().getByRole('link', { name: `Ellie ${f.ellie.lastName}` }) });
    expect(await ellie.innerText()).toContain('Late');
    expect(await ellie.innerText()).toContain('Reasons for lateness needed');
    await follow(e, ellie.getByRole('link', { name: `Ellie ${f.ellie.lastName}` }));
    await follow(e, page().getByRole('link', { name: 'Record why the assessment is late' }));
    expect(await page().getByRole('heading', { level: 2 }).first().innerText()).toBe('Why the assessment is late');
    await step(e, () => page().getByRole('button', { name: 'Save the reasons' }).click(), 'late reasons errors');
    await expectErrorSummary(page(), [{ text: 'Enter why the assessment is late', focuses: 'reasons' }]);
    await page().getByLabel('Reasons', { exact: true }).fill('Ellie was in hospital for two weeks in February, and the school report came late.');
    await follow(e, page().getByRole('button', { name: 'Save the reasons' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Reasons for lateness recorded');
    expect(await page().locator('main').innerText()).toContain('Ellie was in hospital for two weeks in February');
  });

  it('the worker records not using an interpreter, and meets someone else’s save of the plan', async () => {
    await visit(e, `${f.base}/sections/plan`);
    await page().getByLabel('Aims agreed with the family').fill('Understand what evenings at home are like for Ellie');
    await page().getByLabel('An interpreter would help, but we have decided not to use one').check();
    await page().getByLabel('Why will an interpreter not be used?').fill('Mum speaks English well day to day and asked us not to bring an interpreter; we will check she has understood.');
    await page().getByLabel('No, I’ll come back to it later').check();
    await follow(e, page().getByRole('button', { name: 'Save the plan' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Assessment plan saved');

    // The plan is open in two tabs: the second saves first, so the first one's save is stale.
    await visit(e, `${f.base}/sections/plan`);
    const other = await e.context.newPage();
    await other.goto(`${e.baseUrl}${f.base}/sections/plan`);
    await other.getByLabel('Aims agreed with the family').fill('Understand what evenings and weekends are like for Ellie');
    await other.getByLabel('No, I’ll come back to it later').check();
    await Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: 'Save the plan' }).click()]);
    await other.close();
    await page().getByLabel('Aims agreed with the family').fill('Understand what evenings at home are like for Ellie and Tom');
    await page().getByLabel('No, I’ll come back to it later').check();
    await step(e, () => page().getByRole('button', { name: 'Save the plan' }).click(), 'plan conflict');
    expect(await page().getByRole('heading', { name: 'Someone else saved this plan while you were typing' }).count()).toBe(1);
    const aims = page().getByRole('group', { name: 'Aims agreed with the family' });
    await aims.getByLabel('What you typed: Understand what evenings at home are like for Ellie and Tom').check();
    expect(await aims.getByLabel('What is saved now: Understand what evenings and weekends are like for Ellie').count()).toBe(1);
    await follow(e, page().getByRole('button', { name: 'Save these choices' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Assessment plan saved');
  });

  it('the worker types the analysis with the live wording check, and meets someone else’s save of it', async () => {
    await visit(e, `${f.base}/sections/analysis`);
    const worried = page().getByLabel('What are we worried about?');
    await worried.fill('Mum was hit by Dad in the kitchen. Dad needs to engage with services.');
    const panel = page().locator('#worried-plain-language');
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain('Passive voice: “was hit”');
    expect(await panel.innerText()).toContain('Jargon: “engage”');
    expect(await panel.getAttribute('aria-live')).toBe('polite');
    await expectAccessible(page(), 'analysis with the live wording check');

    const other = await e.context.newPage();
    await other.goto(`${e.baseUrl}${f.base}/sections/analysis`);
    await other.getByLabel('What are we worried about?').fill('We are worried because Dad hit Mum twice in March.');
    // Saved as progress: the fixture's analysis has no hypotheses yet, so it cannot stay marked as completed.
    await other.getByLabel('Mark this section as completed').uncheck();
    await Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: 'Save', exact: true }).click()]);
    await other.close();
    await page().getByLabel('Mark this section as completed').uncheck();
    await step(e, () => page().getByRole('button', { name: 'Save', exact: true }).click(), 'analysis conflict');
    const conflict = page().locator('#conflict');
    expect(await conflict.innerText()).toContain('Someone else saved this section while you were editing it');
    const differences = await conflict.getByRole('table').innerText();
    expect(differences).toContain('We are worried because Dad hit Mum twice in March.');
    expect(differences).toContain('Mum was hit by Dad in the kitchen.');
    // Without waiting for the live check, the page shown again has the server's check of what was typed.
    expect(await page().locator('#worried-plain-language').innerText()).toContain('Passive voice: “was hit”');
    expect(await page().getByLabel('What are we worried about?').inputValue()).toBe('Mum was hit by Dad in the kitchen. Dad needs to engage with services.');
    await worried.fill('Dad hit Mum in the kitchen in March while Ellie was upstairs. Ellie heard it and was frightened.');
    await follow(e, page().getByRole('button', { name: 'Save', exact: true }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Saved. This change is kept as a new revision of the assessment');
    await signOut(e);
  });

  it('the manager approves not using an interpreter and records the annual review of Tom’s authorised assessment', async () => {
    const authorised = await createAssessment(e.t.database.db, f.tom.id, {
      workerId: f.workerId,
      teamId: f.teamId,
      status: 'authorised',
      authorisedOn: '2025-03-03',
      authorisedBy: e.t.users.get(EMAILS.manager)!,
      revision: 3,
      authorisedRevision: 3,
      reviewDueOn: todayInLondon(),
      content: { plan: { aims: 'Keep Tom safe at home', completed: true } },
    });
    await signIn(e, EMAILS.manager);
    await visit(e, `${f.base}/sections/plan`);
    await follow(e, page().getByRole('link', { name: 'Approve the decision not to use an interpreter' }));
    expect(await page().locator('main').innerText()).toContain('Mum speaks English well day to day and asked us not to bring an interpreter');
    await page().getByLabel('Your reasons for approving this decision').fill('Mum is fluent; the worker will check understanding at each visit and Ellie speaks only English.');
    await follow(e, page().getByRole('button', { name: 'Approve the decision' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('You approved the decision not to use an interpreter');

    await visit(e, '/assessments/team');
    await follow(e, page().getByRole('table', { name: 'Annual reviews due' }).getByRole('link', { name: `Tom ${f.tom.lastName}` }));
    expect(new URL(page().url()).pathname).toBe(`/people/${f.tom.id}/assessments/${authorised.id}`);
    await follow(e, page().getByRole('link', { name: 'Record the annual review' }));
    await page().getByLabel('Yes, it still reflects their situation').check();
    await follow(e, page().getByRole('button', { name: 'Record the annual review' }));
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Annual review recorded. The next one is due by');
  });
});
