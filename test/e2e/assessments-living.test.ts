/**
 * The living assessment in a real browser: the worker writes the family's version with the live
 * plain-language check beside it, downloads it as a PDF and records sharing it; compares two
 * versions of the assessment, closes a review prompt, raises safeguarding actions and finishes one;
 * the administrator keeps the word list. Every page on the way is scanned with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectErrorSummary, fillDate, follow, signIn, signOut, startE2E, step, stopAfterFirstFailure, visit, type E2E } from './harness';
import { EMAILS } from '../helpers/app';
import { pdfText } from '../helpers/pdf';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { actorFor } from '../integration/security.fixture';
import { analysis, decision, livingFamily, openPrompts, saveSection } from '../integration/assessments-living.fixture';

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
  });
});
