/**
 * One short journey per role, in Chromium, with axe on every page: early help, partner agency, child
 * protection chair, quality assurance, administrator, and a restricted record. The records each journey
 * needs (allocations to other teams, a partner's grant, a restriction) are made directly, as a team
 * would have made them earlier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/platform/access';
import type { Role } from '../../src/domain/roles';
import { browserAvailable, expectErrorSummary, fillDate, follow, signIn, signOut, startE2E, step, type E2E } from './harness';
import { EMAILS } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';

describe.runIf(browserAvailable)('each role, in a real browser', () => {
  let e: E2E;
  const ids = { earlyHelp: '', childInNeed: '', restricted: '' };

  async function actor(email: string): Promise<Actor> {
    const user = await e.t.services.users.repo.findByEmail(email);
    if (!user) throw new Error(`no demo user ${email}`);
    return { id: user.id, name: user.name, email: user.email, role: user.role as Role, teamId: user.teamId };
  }

  beforeAll(async () => {
    e = await startE2E();
    const db = e.t.database.db;
    const team = (name: string) => e.t.teams.get(name)!;
    const user = (email: string) => e.t.users.get(email)!;

    // Early Help East works with Ruby; Children in Need North with Tyler.
    const ruby = await createChild(db, { firstName: 'Ruby', lastName: 'Ashworth', dateOfBirth: '2020-01-09', sex: 'F', ethnicity: 'WBRI' });
    await createEpisode(db, ruby.id, { type: 'early-help' });
    await createAllocation(db, ruby.id, team('Early Help East'), user(EMAILS['early-help']));
    const tyler = await createChild(db, { firstName: 'Tyler', lastName: 'Brennan', dateOfBirth: '2013-08-21', sex: 'M', ethnicity: 'WBRI' });
    await createEpisode(db, tyler.id, { type: 'child-in-need' });
    await createAllocation(db, tyler.id, team('Children in Need North'), user(EMAILS.worker2));
    // A restricted record, naming the Front Door team manager.
    const nova = await createChild(db, { firstName: 'Nova', lastName: 'Castellan', dateOfBirth: '2015-04-30', sex: 'F', ethnicity: 'WBRI' });
    const restricted = await e.t.services.people.restriction.set({ actor: await actor(EMAILS.manager), requestId: null }, nova.id, true, []);
    expect(restricted.ok).toBe(true);
    Object.assign(ids, { earlyHelp: ruby.id, childInNeed: tyler.id, restricted: nova.id });
  });
  afterAll(() => e?.close());

  const page = () => e.page;
  const main = () => page().locator('main');

  async function search(q: string): Promise<void> {
    await follow(e, page().getByRole('link', { name: 'Find a person' }).first());
    await page().getByLabel('Name, date of birth, NHS number or postcode').fill(q);
    await follow(e, page().getByRole('button', { name: 'Search' }), `search for ${q}`);
  }

  /** Opens a URL the user should not reach: the "no access" page, which must be accessible too. */
  async function expectRefused(path: string): Promise<void> {
    let status = 0;
    await step(e, async () => {
      status = (await page().goto(e.baseUrl + path))?.status() ?? 0;
    }, `refused ${path}`);
    expect(status).toBe(403);
    await expect.poll(() => page().locator('h1').innerText()).toMatch(/You do not have access/);
  }

  it('an early help practitioner finds and opens a child their team works with, and not another team’s child', async () => {
    await signIn(e, EMAILS['early-help']);
    await search('Ruby Ashworth');
    const results = page().getByRole('table', { name: /found/ });
    await expect.poll(() => results.innerText()).toContain('Early Help East');
    await follow(e, results.getByRole('link', { name: 'Ruby Ashworth' }));
    await expect.poll(() => page().locator('h1').innerText()).toBe('Ruby Ashworth');
    await expect.poll(() => main().innerText()).toContain('Allocated to Jo Fletcher, Early Help East');
    await follow(e, page().getByRole('link', { name: 'Contacts, episodes and workers' }));
    await expect.poll(() => main().innerText()).toContain('Early help');

    await search('Tyler Brennan');
    await expect.poll(() => main().innerText()).toContain('No one you have access to matches “Tyler Brennan”');
    await expectRefused(`/people/${ids.childInNeed}`);
    await signOut(e);
  });

  it('a team manager shares a record with the police; the officer sees only that record', async () => {
    await signIn(e, EMAILS.manager2);
    await search('Tyler Brennan');
    await follow(e, page().getByRole('table', { name: /found/ }).getByRole('link', { name: 'Tyler Brennan' }));
    await follow(e, page().getByRole('link', { name: 'Give a partner agency access to this record' }));
    await page().getByLabel('Who needs access').selectOption({ label: 'DC Dee Harper (Police)' });
    await page().getByLabel('Why they need access').fill('Joint section 47 enquiry with the police');
    const lastDay = new Date(Date.now() + 30 * 86_400_000);
    await fillDate(page(), 'Last day they can see this record', { day: String(lastDay.getUTCDate()), month: String(lastDay.getUTCMonth() + 1), year: String(lastDay.getUTCFullYear()) });
    await follow(e, page().getByRole('button', { name: 'Give access' }), 'access given');
    await expect.poll(() => main().innerText()).toContain('Access was given');
    await expect.poll(() => page().getByRole('table', { name: 'Current access' }).innerText()).toContain('DC Dee Harper');
    await signOut(e);

    await signIn(e, EMAILS.partner);
    const shared = page().getByRole('table', { name: 'Records shared with you' });
    await expect.poll(() => shared.innerText()).toContain('Tyler Brennan');
    expect(await shared.innerText()).not.toContain('Ruby Ashworth');
    await expect.poll(() => page().getByRole('link', { name: 'Find a person' }).count()).toBe(0);
    await follow(e, shared.getByRole('link', { name: 'Tyler Brennan' }));
    await expect.poll(() => page().locator('h1').innerText()).toBe('Tyler Brennan');
    await expectRefused(`/people/${ids.earlyHelp}`);
    await expectRefused(`/people/${ids.restricted}`);
    await signOut(e);
  });

  it('a child protection chair opens any child; quality assurance sees who has opened the record', async () => {
    await signIn(e, EMAILS['cp-chair']);
    await search('Tyler Brenan');
    await follow(e, page().getByRole('table', { name: /found/ }).getByRole('link', { name: 'Tyler Brennan' }));
    await expect.poll(() => main().innerText()).toContain('Allocated to Priya Shah, Children in Need North');
    await search('Nova Castellan');
    await expect.poll(() => main().innerText()).toContain('No one you have access to matches “Nova Castellan”');
    await signOut(e);

    await signIn(e, EMAILS.qa);
    await search('Ruby Ashworth');
    await follow(e, page().getByRole('table', { name: /found/ }).getByRole('link', { name: 'Ruby Ashworth' }));
    await search('Tyler Brennan');
    await follow(e, page().getByRole('table', { name: /found/ }).getByRole('link', { name: 'Tyler Brennan' }));
    await follow(e, page().getByRole('link', { name: 'Who has seen this record' }));
    const log = page().getByRole('table', { name: 'Log of this record' });
    await expect.poll(() => log.innerText()).toContain('Lee Nakamura');
    const text = await log.innerText();
    expect(text).toContain('Chris Adeyemi');
    expect(text).toContain('DC Dee Harper');
    expect(text).toContain('Opened the record');
    await signOut(e);
  });

  it('an administrator adds a user and cannot open a child’s record', async () => {
    await signIn(e, EMAILS.admin);
    await expect.poll(() => page().getByRole('link', { name: 'Find a person' }).count()).toBe(0);
    await follow(e, page().getByRole('link', { name: 'Users' }).first());
    await follow(e, page().getByRole('button', { name: 'Add a user' }));
    await follow(e, page().getByRole('button', { name: 'Add user' }), 'add a user with errors');
    await expectErrorSummary(page(), [
      { text: /email address/i, focuses: 'email' },
      { text: 'Enter their full name', focuses: 'name' },
    ]);
    await page().getByLabel('Email address').fill('alex.newstarter@demo.hearth.test');
    await page().getByLabel('Full name').fill('Alex Newstarter');
    await page().getByRole('radio', { name: 'Social worker' }).check();
    await page().getByLabel('Team', { exact: true }).selectOption({ label: 'Children in Need North' });
    await page().getByRole('radio', { name: 'With a Hearth password' }).check();
    await page().getByLabel('First password').fill('correct horse battery staple');
    await follow(e, page().getByRole('button', { name: 'Add user' }), 'user added');
    await expect.poll(() => main().innerText()).toContain('The user was added. They can sign in now.');
    await follow(e, page().getByRole('link', { name: 'Users' }).first());
    await expect.poll(() => main().innerText()).toContain('Alex Newstarter');
    await expectRefused(`/people/${ids.childInNeed}`);

    // A team added by mistake is closed, then reopened when it is wanted after all.
    await follow(e, page().getByRole('link', { name: 'Teams' }).first());
    await follow(e, page().getByRole('button', { name: 'Add a team' }));
    await page().getByLabel('Team name').fill('Adoption Support');
    await page().getByRole('radio', { name: /Children in care/ }).check();
    await follow(e, page().getByRole('button', { name: 'Add team' }), 'team added');
    await follow(e, page().getByRole('link', { name: 'Close Adoption Support' }));
    await follow(e, page().getByRole('button', { name: 'Close the team' }), 'team closed');
    await expect.poll(() => main().innerText()).toContain('The team is closed.');
    await follow(e, page().getByRole('link', { name: 'Reopen Adoption Support' }));
    await follow(e, page().getByRole('button', { name: 'Reopen the team' }), 'team reopened');
    await expect.poll(() => main().innerText()).toContain('The team is open again.');
    await signOut(e);
  });

  it('a restricted record: the named manager gives a reason and opens it; a worker is refused', async () => {
    await signIn(e, EMAILS.manager);
    await search('Nova Castellan');
    const results = page().getByRole('table', { name: /found/ });
    await expect.poll(() => results.innerText()).toContain('Restricted');
    await follow(e, results.getByRole('link', { name: 'Nova Castellan' }), 'restricted: reason asked');
    await expect.poll(() => page().locator('h1').innerText()).toBe('This record is restricted');
    await follow(e, page().getByRole('button', { name: 'Open the record' }), 'restricted: no reason');
    await expectErrorSummary(page(), [{ text: 'Enter why you need to open this record', focuses: 'reason' }]);
    await page().getByLabel('Why do you need to open this record?').fill('Checking the plan before the strategy discussion this afternoon');
    await follow(e, page().getByRole('button', { name: 'Open the record' }), 'restricted record');
    await expect.poll(() => page().locator('h1').innerText()).toBe('Nova Castellan');
    await expect.poll(() => main().innerText()).toContain('restricted record');
    await follow(e, page().getByRole('link', { name: 'Who has seen this record' }));
    await expect.poll(() => page().getByRole('table', { name: 'Log of this record' }).innerText()).toContain('Checking the plan before the strategy discussion');
    await signOut(e);

    await signIn(e, EMAILS.worker);
    await search('Nova Castellan');
    await expect.poll(() => main().innerText()).toContain('No one you have access to matches “Nova Castellan”');
    await expectRefused(`/people/${ids.restricted}`);
    await signOut(e);
  });
});
