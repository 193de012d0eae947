/**
 * The front door, end to end in Chromium: a social worker finds no one, adds a child (through the
 * duplicate check), the mother and a sibling, puts them in a household and records a contact; the team
 * manager makes it a referral and allocates a child; the worker finds the child on their caseload.
 * Every page on the way is scanned with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, expectErrorSummary, stopAfterFirstFailure, fillDate, follow, signIn, signOut, startE2E, step, type E2E } from './harness';
import { EMAILS } from '../helpers/app';
import { createChild } from '../helpers/factories';

const CHILD = { first: 'Kaiden', last: 'Thornbury', dob: { day: '14', month: '3', year: '2019' } };
const SIBLING = { first: 'Lacey', last: 'Thornbury', dob: { day: '2', month: '11', year: '2016' } };
const MOTHER = { first: 'Shannon', last: 'Thornbury', dob: { day: '20', month: '6', year: '1994' } };

describe.runIf(browserAvailable)('the front door, in a real browser', () => {
  let e: E2E;
  const ids: Record<'child' | 'sibling' | 'mother', string> = { child: '', sibling: '', mother: '' };
  stopAfterFirstFailure();

  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  const page = () => e.page;
  const idFromUrl = () => /\/people\/([0-9a-f-]{36})/.exec(page().url())?.[1] ?? '';

  /** Fills and sends the "Add a person" form, then (when asked) confirms a new person on the duplicate check. */
  async function addPerson(person: { first: string; last: string; dob: { day: string; month: string; year: string } }, kind: 'A child' | 'An adult', sex: 'Male' | 'Female') {
    await page().getByRole('radio', { name: kind, exact: true }).check();
    await page().getByLabel('First name', { exact: true }).fill(person.first);
    await page().getByLabel('Last name', { exact: true }).fill(person.last);
    await fillDate(page(), 'Date of birth', person.dob);
    await page().getByRole('group', { name: 'Sex' }).getByRole('radio', { name: sex, exact: true }).check();
    await page().getByLabel('Ethnicity').selectOption({ label: 'White British' });
    await follow(e, page().getByRole('button', { name: 'Continue' }));
  }

  /** Adds a person the duplicate check may or may not ask about, and returns their record's id. */
  async function addNewPerson(person: Parameters<typeof addPerson>[0], kind: 'A child' | 'An adult', sex: 'Male' | 'Female'): Promise<string> {
    await follow(e, page().getByRole('link', { name: 'Home' }));
    await follow(e, page().getByRole('link', { name: 'Add a child or adult' }));
    await addPerson(person, kind, sex);
    if (!idFromUrl()) await follow(e, page().getByRole('button', { name: 'This is a new person: add them' }));
    await expect.poll(() => page().locator('h1').innerText()).toBe(`${person.first} ${person.last}`);
    return idFromUrl();
  }

  it('a social worker searches, finds no one and adds the child, checking for duplicates', async () => {
    await signIn(e, EMAILS.worker);
    await follow(e, page().getByRole('link', { name: 'Find a person' }).first());
    await page().getByLabel('Name, date of birth, NHS number or postcode').fill('Kaidan Thornberry');
    await follow(e, page().getByRole('button', { name: 'Search' }), 'search with no results');
    await expect.poll(() => page().locator('main').innerText()).toContain('No one you have access to matches “Kaidan Thornberry”');

    // Meanwhile a colleague adds a cousin with a name like the child's: the duplicate check must show them.
    await createChild(e.t.database.db, { firstName: 'Kayden', lastName: 'Thornbury', dateOfBirth: '2012-07-02', sex: 'M', ethnicity: 'WBRI' });

    await follow(e, page().getByRole('link', { name: 'add a new person' }));
    await follow(e, page().getByRole('button', { name: 'Continue' }), 'add a person with errors');
    await expectErrorSummary(page(), [
      { text: 'Select whether this is a child, an unborn child or an adult', focuses: 'kind' },
      { text: 'Enter the first name', focuses: 'firstName' },
      { text: 'Select the person’s sex', focuses: 'sex' },
    ]);

    await addPerson(CHILD, 'A child', 'Male');
    await expect.poll(() => page().locator('h1').innerText()).toBe('Is Kaiden Thornbury already on Hearth?');
    await expect.poll(() => page().getByRole('table').innerText()).toContain('Kayden Thornbury');
    await follow(e, page().getByRole('button', { name: 'This is a new person: add them' }), 'new child record');
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Person added');
    await expect.poll(() => page().locator('h1').innerText()).toBe('Kaiden Thornbury');
    ids.child = idFromUrl();
    expect(ids.child).not.toBe('');
  });

  it('adds the mother and a sibling, a household with all three and a relationship, and sees the family', async () => {
    ids.mother = await addNewPerson(MOTHER, 'An adult', 'Female');
    ids.sibling = await addNewPerson(SIBLING, 'A child', 'Female');
    expect(ids.mother).not.toBe('');
    expect(ids.sibling).not.toBe('');

    // The household, from the child's family page.
    await step(e, () => page().goto(`${e.baseUrl}/people/${ids.child}`));
    await follow(e, page().getByRole('link', { name: 'Family and household' }));
    await follow(e, page().getByRole('button', { name: 'Add a household' }));
    await expect.poll(() => page().getByLabel('Name of the household').inputValue()).toBe('Thornbury household');
    await fillDate(page(), /When did Kaiden Thornbury start living here/, { day: '1', month: '9', year: '2021' });
    await follow(e, page().getByRole('button', { name: 'Save household' }));
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Household recorded');

    for (const [name, first] of [['Shannon Thornbury', 'Shannon'], ['Lacey Thornbury', 'Lacey']] as const) {
      await follow(e, page().getByRole('link', { name: 'Add a person to Thornbury household' }));
      await page().getByLabel('Search for the person joining the household by name').fill(`${first} Thornbury`);
      await follow(e, page().getByRole('button', { name: 'Search' }));
      await follow(e, page().getByRole('link', { name: `Choose ${name}` }));
      await follow(e, page().getByRole('button', { name: 'Add to household' }));
      await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Person added to the household');
    }

    // The relationship: Shannon is Kaiden's mother.
    await follow(e, page().getByRole('button', { name: 'Add a relationship' }));
    await page().getByLabel('Search for the related person by name').fill('Shannon');
    await follow(e, page().getByRole('button', { name: 'Search' }));
    await follow(e, page().getByRole('link', { name: 'Choose Shannon Thornbury' }));
    await follow(e, page().getByRole('button', { name: 'Save relationship' }), 'relationship with errors');
    await expectErrorSummary(page(), [{ text: 'Choose how they are related', focuses: 'type' }]);
    await page().getByLabel('What is Shannon Thornbury to Kaiden Thornbury?').selectOption({ label: 'Mother' });
    await follow(e, page().getByRole('button', { name: 'Save relationship' }), 'family view');
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Relationship recorded');

    // The family view: everyone in the household, the genogram and its description in words.
    const household = page().getByRole('table', { name: 'Everyone who has lived in Thornbury household' });
    for (const name of ['Kaiden Thornbury', 'Shannon Thornbury', 'Lacey Thornbury']) await expect.poll(() => household.innerText()).toContain(name);
    await expect.poll(() => household.innerText()).toContain('Mother');
    const drawing = page().getByRole('region', { name: 'Family tree drawing' });
    await expect.poll(() => drawing.locator('svg').count()).toBe(1);
    const drawn = (await drawing.locator('svg').textContent()) ?? '';
    for (const name of ['Kaiden Thornbury', 'Shannon Thornbury', 'Lacey Thornbury']) expect(drawn).toContain(name);
    const description = await page().locator('#family-description').innerText();
    expect(description).toContain('Shannon Thornbury');
    expect(description).toMatch(/mother/i);
    // The longest journey here (two people, a household, a relationship, axe on every page): 38 s on a
    // quiet machine, and past the usual 60 s once while the whole suite ran on two busy cores.
  }, 120_000);

  it('records a contact about both children with a source, the concern and consent', async () => {
    await follow(e, page().getByRole('link', { name: 'Details' }));
    await follow(e, page().getByRole('button', { name: 'Record a contact about this child' }));
    await follow(e, page().getByRole('link', { name: 'Add another child to this contact' }));
    await page().getByLabel('Name, date of birth, NHS number or postcode').fill('Lacey Thornbury');
    await follow(e, page().getByRole('button', { name: 'Search' }));
    await follow(e, page().getByRole('link', { name: 'Choose Lacey Thornbury' }));
    const children = page().locator('#children');
    await expect.poll(() => children.innerText()).toContain('Kaiden Thornbury');
    await expect.poll(() => children.innerText()).toContain('Lacey Thornbury');

    await follow(e, page().getByRole('button', { name: 'Save contact' }), 'contact with errors');
    await expectErrorSummary(page(), [
      { text: 'Enter the date the contact was received', focuses: 'receivedOn-day' },
      { text: 'Select who the contact came from', focuses: 'source' },
      { text: 'Describe the concern in plain words', focuses: 'concern' },
    ]);
    const today = new Date();
    await fillDate(page(), 'When was the contact received?', { day: String(today.getDate()), month: String(today.getMonth() + 1), year: String(today.getFullYear()) });
    await page().getByLabel('Where did the contact come from?').selectOption({ label: 'Schools' });
    await page().getByLabel('Their agency or organisation (optional)').fill('Hillside Primary School');
    await page().getByLabel('What is the concern?').fill('Kaiden came to school hungry three days this week and said his mum has not been getting up. Lacey has missed eight days this half term.');
    // The follow-up question a radio reveals appears, and the page stays accessible with it open.
    await page().getByRole('radio', { name: /Consent was not sought/ }).check();
    await expect.poll(() => page().getByLabel('Why could asking for consent put the child at risk?').isVisible()).toBe(true);
    await expectAccessible(page(), 'contact form with the consent question revealed');
    await page().getByRole('radio', { name: 'Consent to share was given' }).check();
    await expect.poll(() => page().getByLabel('Why could asking for consent put the child at risk?').isVisible()).toBe(false);
    await follow(e, page().getByRole('button', { name: 'Save contact' }), 'contact recorded');
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Contact recorded about Kaiden Thornbury, Lacey Thornbury');
    await expect.poll(() => page().locator('main').innerText()).toContain('Waiting for a decision');
  });

  it('the team manager makes it a referral and allocates a child to the worker', async () => {
    await signOut(e);
    await signIn(e, EMAILS.manager);
    await follow(e, page().getByRole('link', { name: 'Contacts' }));
    await follow(e, page().getByRole('link', { name: 'Show only contacts waiting for a decision' }));
    await follow(e, page().getByRole('link', { name: /contact about (Kaiden Thornbury, Lacey Thornbury|Lacey Thornbury, Kaiden Thornbury)/ }));
    await follow(e, page().getByRole('button', { name: 'Record the decision' }));
    await page().getByRole('radio', { name: 'Referral to children’s social care' }).check();
    await page().getByLabel('Your reasons').fill('Neglect concerns for two children and a mother who may be unwell: needs an assessment.');
    await follow(e, page().getByRole('button', { name: 'Record the decision' }), 'decision recorded');
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Decision recorded: referral to children’s social care. 2 new child in need episodes opened.');

    await follow(e, page().getByRole('link', { name: 'Team work' }));
    const waiting = page().getByRole('table', { name: 'Children with an open episode waiting for a team' });
    await expect.poll(() => waiting.innerText()).toContain('Kaiden Thornbury');
    await expect.poll(() => waiting.innerText()).toContain('Lacey Thornbury');
    await follow(e, waiting.getByRole('link', { name: 'Allocate Kaiden Thornbury' }));
    await page().getByLabel('Team', { exact: true }).selectOption({ label: 'Front Door and Assessment' });
    await follow(e, page().getByRole('button', { name: 'Show the workers in this team' }));
    await page().getByRole('radio', { name: 'Sam Okafor' }).check();
    const today = new Date();
    await fillDate(page(), 'From what date?', { day: String(today.getDate()), month: String(today.getMonth() + 1), year: String(today.getFullYear()) });
    await follow(e, page().getByRole('button', { name: 'Allocate' }), 'allocated');
    await expect.poll(() => page().locator('.govuk-notification-banner').innerText()).toContain('Kaiden Thornbury is now allocated to Sam Okafor in Front Door and Assessment');
  });

  it('the worker sees the child on My caseload', async () => {
    await signOut(e);
    await signIn(e, EMAILS.worker);
    await follow(e, page().getByRole('link', { name: 'My caseload' }).first());
    const table = page().getByRole('table', { name: /Children allocated to you/ });
    await expect.poll(() => table.innerText()).toContain('Kaiden Thornbury');
    await expect.poll(() => table.innerText()).toContain('Child in need');
    expect(await table.innerText()).not.toContain('Lacey Thornbury');
    await follow(e, table.getByRole('link', { name: 'Kaiden Thornbury' }));
    await expect.poll(() => page().locator('main').innerText()).toContain('Allocated to Sam Okafor, Front Door and Assessment');
  });
});
