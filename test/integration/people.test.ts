import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';

const dateParts = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y };
};
const inDays = (days: number) => new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A child with every P1 field filled in, as the form posts it. */
const fullChild = (overrides: Record<string, string | string[]> = {}) => ({
  kind: 'child',
  firstName: 'Poppy',
  middleNames: 'Rose',
  lastName: 'Quinlan-Harte',
  knownAs: 'Pops',
  formerNames: 'Poppy Harte\nPoppy Quinlan',
  ...dateParts('dateOfBirth', '2016-09-21'),
  dateOfBirthEstimated: 'yes',
  sex: 'F',
  genderIdentity: 'Girl',
  ethnicity: 'MWBC',
  religion: 'None',
  firstLanguage: 'English',
  interpreterNeeded: 'no',
  disabilities: ['LD', 'COMM'],
  immigrationStatus: 'British citizen',
  nhsNumber: '943 476 5919',
  upn: 'a123456789012',
  addressLine1: '14 Wharf Street',
  addressTown: 'Leeds',
  addressPostcode: 'ls2 7ef',
  ...dateParts('addressFrom', '2020-01-10'),
  confirmedNew: 'yes',
  ...overrides,
});

describeEachDb('people: adding, viewing and addresses', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const countPeople = async () => toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM people`))[0]?.n);
  const idFrom = (location: unknown) => /\/people\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
  const create = async (agent: Agent, form: Record<string, string | string[]>) => {
    const res = await agent.post('/people', form);
    expect(res.statusCode, bodyText(res.body).slice(0, 500)).toBe(303);
    return idFrom(res.headers.location);
  };

  it('shows the form to practitioners and managers, and refuses everyone else', async () => {
    for (const agent of [as.worker, as['early-help'], as.manager]) expect((await agent.get('/people/new')).statusCode).toBe(200);
    for (const agent of [as.partner, as['cp-chair'], as.qa, as.admin]) expect((await agent.get('/people/new')).statusCode).toBe(403);
    expect((await as.qa.post('/people', fullChild())).statusCode).toBe(403);
    const page = await as.worker.get('/people/new');
    expect(page.body).toContain('id="dateOfBirth-day"');
    expect(page.body).toContain('value="WBRI"');
  });

  it('adds a child with every field, their address, and an audit row', async () => {
    const id = await create(as.worker, fullChild());
    const [p] = await rows<Record<string, unknown>>(
      t.database.db,
      sql`SELECT kind, first_name, middle_names, last_name, known_as, former_names, date_of_birth::text AS dob, date_of_birth_estimated,
                 sex, gender_identity, ethnicity, religion, first_language, interpreter_needed, disabilities, immigration_status,
                 nhs_number, upn, search_name, created_by FROM people WHERE id = ${id}`,
    );
    expect(p).toMatchObject({
      kind: 'child', first_name: 'Poppy', middle_names: 'Rose', last_name: 'Quinlan-Harte', known_as: 'Pops',
      former_names: ['Poppy Harte', 'Poppy Quinlan'], dob: '2016-09-21', date_of_birth_estimated: true, sex: 'F',
      gender_identity: 'Girl', ethnicity: 'MWBC', religion: 'None', first_language: 'English', interpreter_needed: false,
      disabilities: ['LD', 'COMM'], immigration_status: 'British citizen', nhs_number: '9434765919', upn: 'A123456789012',
      created_by: t.users.get(EMAILS.worker),
    });
    expect(p?.search_name).toContain('quinlan-harte');
    const addresses = await rows<{ postcode: string; postcode_key: string; from_date: string; to_date: string | null }>(
      t.database.db,
      sql`SELECT postcode, postcode_key, from_date::text AS from_date, to_date FROM addresses WHERE person_id = ${id}`,
    );
    expect(addresses).toEqual([{ postcode: 'LS2 7EF', postcode_key: 'LS27EF', from_date: '2020-01-10', to_date: null }]);
    const audit = await rows<{ action: string; actor_id: string }>(t.database.db, sql`SELECT action, actor_id FROM audit_log WHERE child_id = ${id}`);
    expect(audit).toEqual([{ action: 'person-created', actor_id: t.users.get(EMAILS.worker) }]);

    const page = await as.worker.get(`/people/${id}?done=created`);
    const text = bodyText(page.body);
    expect(text).toContain('Person added');
    expect(text).toContain('Poppy Rose Quinlan-Harte');
    expect(text).toContain('943 476 5919');
    expect(text).toContain('White and Black Caribbean');
    expect(text).toContain('Learning, Communication');
    expect(text).toContain('14 Wharf Street, Leeds');
    expect(page.body).toContain(`href="/contacts/new?child=${id}"`);
  });

  it('adds an unborn child with an expected delivery date, recorded as sex unknown', async () => {
    const edd = inDays(60);
    const id = await create(as.worker, {
      kind: 'unborn', firstName: 'Unborn', lastName: 'Okonjo', ...dateParts('expectedDeliveryDate', edd), sex: 'F', ethnicity: 'NOBT', confirmedNew: 'yes',
    });
    const [p] = await rows<{ dob: string | null; edd: string; sex: string; kind: string }>(
      t.database.db,
      sql`SELECT date_of_birth AS dob, expected_delivery_date::text AS edd, sex, kind FROM people WHERE id = ${id}`,
    );
    expect(p).toEqual({ dob: null, edd, sex: 'U', kind: 'child' });
    expect(bodyText((await as.worker.get(`/people/${id}`)).body)).toContain('Unborn, expected');
  });

  it('adds an adult without a date of birth or ethnicity', async () => {
    const id = await create(as.manager, { kind: 'adult', firstName: 'Desmond', lastName: 'Achterberg', sex: 'M', confirmedNew: 'yes' });
    const [p] = await rows<{ kind: string; dob: string | null }>(t.database.db, sql`SELECT kind, date_of_birth AS dob FROM people WHERE id = ${id}`);
    expect(p).toEqual({ kind: 'adult', dob: null });
    const page = await as.manager.get(`/people/${id}`);
    expect(page.body).not.toContain('Record a contact about this child');
  });

  it('shows every problem at once in the GOV.UK error summary, keeps what was typed and stores nothing', async () => {
    const before = await countPeople();
    const res = await as.worker.post('/people', {
      kind: 'child', firstName: '', lastName: 'Keep<script>alert(1)</script>', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2016',
      sex: 'X', ethnicity: 'NOPE', disabilities: ['NONE', 'MOB'], nhsNumber: '943 476 5918', upn: 'A12345', addressPostcode: 'not a postcode',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    const text = bodyText(res.body);
    for (const message of [
      'Enter the first name',
      'Date of birth must be a real date',
      'Select the person’s sex',
      'Select an ethnicity from the list',
      'Select “No disability” or the disabilities the person has, not both',
      'Enter a real NHS number',
      'Enter the unique pupil number as 13 characters',
      'Enter the first line of the address',
      'Enter a real postcode',
    ]) expect(text).toContain(message);
    expect(res.body).toContain('href="#firstName"');
    expect(res.body).toContain('href="#dateOfBirth-day"');
    expect(res.body).toContain('value="Keep&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(await countPeople()).toBe(before);
  });

  it('answers hostile input with a 400 and the error summary, never a 500', async () => {
    const before = await countPeople();
    const attempts: Record<string, string | string[]>[] = [
      {},
      { kind: ['child', 'adult'], firstName: ['a', 'b'], lastName: 'x' },
      { ...fullChild(), firstName: 'x'.repeat(5000) },
      { ...fullChild(), lastName: 'Null\u0000Byte' },
      { ...fullChild(), ...dateParts('dateOfBirth', inDays(3)) },
      { ...fullChild(), 'dateOfBirth-year': '99999999999' },
      { ...fullChild(), disabilities: Array.from({ length: 40 }, () => 'MOB') },
      { kind: 'unborn', firstName: 'A', lastName: 'B' },
    ];
    for (const form of attempts) {
      const res = await as.worker.post('/people', form);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
    }
    expect(await countPeople()).toBe(before);
  });

  it('warns of likely duplicates first, and adds the person only after "this is a new person"', async () => {
    const existing = await createChild(t.database.db, { firstName: 'John', lastName: 'Smith', dateOfBirth: '2015-03-04' });
    const before = await countPeople();
    const typed = { kind: 'child', firstName: 'Jon', lastName: 'Smyth', ...dateParts('dateOfBirth', '2015-03-04'), sex: 'M', ethnicity: 'WBRI' };
    const warning = await as.worker.post('/people', typed);
    expect(warning.statusCode).toBe(200);
    const text = bodyText(warning.body);
    expect(text).toContain('Is Jon Smyth already on Hearth?');
    expect(warning.body).toContain(`href="/people/${existing.id}"`);
    expect(warning.body).toContain('name="firstName" value="Jon"');
    expect(await countPeople()).toBe(before);

    const change = await as.worker.post('/people', { ...typed, change: 'yes' });
    expect(change.statusCode).toBe(200);
    expect(change.body).toContain('value="Smyth"');

    const id = await create(as.worker, { ...typed, confirmedNew: 'yes' });
    expect(id).not.toBe(existing.id);
    expect(await countPeople()).toBe(before + 1);
  });

  it('warns of a likely duplicate another team holds, saying only which team, and never of a restricted record', async () => {
    const teamId = t.teams.get('Children in Need North')!;
    const held = await createChild(t.database.db, { firstName: 'Precious', lastName: 'Adeyemi-Clarke', dateOfBirth: '2016-07-09', nhsNumber: '9434765919', currentTeamId: teamId });
    await createChild(t.database.db, { firstName: 'Precious', lastName: 'Adeyemi-Clarke', dateOfBirth: '2016-07-09', restricted: true, currentTeamId: teamId });
    const before = await countPeople();
    const typed = { kind: 'child', firstName: 'Precious', lastName: 'Adeyemi Clarke', ...dateParts('dateOfBirth', '2016-07-09'), sex: 'F', ethnicity: 'BAFR' };
    const warning = await as.worker.post('/people', typed);
    expect(warning.statusCode).toBe(200);
    const text = bodyText(warning.body);
    expect(text).toContain('Records you cannot open');
    expect(text).toContain('A record held by Children in Need North');
    expect(text).not.toContain('2 records');
    expect(warning.body).not.toContain(held.id);
    expect(text).not.toContain('943 476 5919');
    expect(warning.body).not.toContain('9434765919');
    expect(await countPeople()).toBe(before);
    const audited = await rows<{ details: { elsewhere?: number } }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'duplicate-check' ORDER BY seq DESC LIMIT 1`);
    expect(audited[0]!.details.elsewhere).toBe(1);
    // Its own team sees the record itself, not a note about it.
    const own = bodyText((await as.worker2.post('/people', typed)).body);
    expect(own).toContain('Records that may be the same person');
    expect(own).not.toContain('Records you cannot open');
  });

  it('logs every view of the record, in the same transaction as the read', async () => {
    const child = await createChild(t.database.db, { firstName: 'Viewed', lastName: 'Often' });
    await as.worker.get(`/people/${child.id}`);
    await as['cp-chair'].get(`/people/${child.id}`);
    const audit = await rows<{ action: string; actor_id: string; subject_id: string }>(
      t.database.db,
      sql`SELECT action, actor_id, subject_id FROM audit_log WHERE child_id = ${child.id} ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'viewed', actor_id: t.users.get(EMAILS.worker), subject_id: child.id },
      { action: 'viewed', actor_id: t.users.get(EMAILS['cp-chair']), subject_id: child.id },
    ]);
  });

  it('issues the same number of queries for a person with one address or ten', async () => {
    const one = await createChild(t.database.db, { firstName: 'One', lastName: 'Address' });
    const ten = await createChild(t.database.db, { firstName: 'Ten', lastName: 'Addresses' });
    await t.database.db.execute(sql`INSERT INTO addresses (person_id, line1, postcode, postcode_key, from_date) VALUES (${one.id}, '1 Road', 'LS1 1AA', 'LS11AA', '2020-01-01')`);
    for (let i = 0; i < 10; i += 1) {
      await t.database.db.execute(sql`INSERT INTO addresses (person_id, line1, postcode, postcode_key, from_date, to_date) VALUES (${ten.id}, ${`${i} Road`}, 'LS1 1AA', 'LS11AA', ${`201${i}-01-01`}, ${`201${i}-12-31`})`);
    }
    await as.worker.get(`/people/${one.id}`);
    const res1 = await as.worker.get(`/people/${one.id}`);
    const countOne = as.worker.lastQueryCount;
    const res10 = await as.worker.get(`/people/${ten.id}`);
    expect(res1.statusCode).toBe(200);
    expect(res10.statusCode).toBe(200);
    expect(bodyText(res10.body)).toContain('9 Road');
    expect(as.worker.lastQueryCount).toBe(countOne);
  });

  it('adds addresses with date ranges, ends the previous one, and keeps previous addresses listed', async () => {
    const id = await create(as.worker, fullChild({ firstName: 'Mover', lastName: 'Addressworth', nhsNumber: '', upn: '' }));
    expect((await as.worker.get(`/people/${id}/addresses/new`)).statusCode).toBe(200);
    const moved = await as.worker.post(`/people/${id}/addresses`, {
      addressLine1: '2 Canal Row', addressPostcode: 'LS3 1AB', ...dateParts('addressFrom', '2023-06-01'), endPrevious: 'yes',
    });
    expect(moved.statusCode).toBe(303);
    const list = await rows<{ line1: string; from_date: string; to_date: string | null }>(
      t.database.db,
      sql`SELECT line1, from_date::text AS from_date, to_date::text AS to_date FROM addresses WHERE person_id = ${id} ORDER BY from_date`,
    );
    expect(list).toEqual([
      { line1: '14 Wharf Street', from_date: '2020-01-10', to_date: '2023-05-31' },
      { line1: '2 Canal Row', from_date: '2023-06-01', to_date: null },
    ]);
    const page = bodyText((await as.worker.get(`/people/${id}`)).body);
    expect(page).toContain('14 Wharf Street');
    expect(page).toContain('31 May 2023');
    expect(page).toContain('Lives here now');

    const bad = await as.worker.post(`/people/${id}/addresses`, { addressLine1: '', addressPostcode: 'ZZ', ...dateParts('addressFrom', '2023-06-01'), ...dateParts('addressTo', '2022-01-01') });
    expect(bad.statusCode).toBe(400);
    expect(bodyText(bad.body)).toContain('The date they moved out must be on or after the date they moved in');

    const current = list[1]!;
    const [{ id: addressId } = { id: '' }] = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM addresses WHERE person_id = ${id} AND line1 = ${current.line1}`);
    expect((await as.worker.get(`/people/${id}/addresses/${addressId}/end`)).statusCode).toBe(200);
    const early = await as.worker.post(`/people/${id}/addresses/${addressId}/end`, dateParts('addressTo', '2023-01-01'));
    expect(early.statusCode).toBe(400);
    const ended = await as.worker.post(`/people/${id}/addresses/${addressId}/end`, dateParts('addressTo', '2024-02-29'));
    expect(ended.statusCode).toBe(303);
    const actions = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE child_id = ${id} AND action LIKE 'address%' ORDER BY seq`);
    // Each form is a view of the record (audited), each save a change.
    expect(actions.map((a) => a.action)).toEqual(['address-form-viewed', 'address-added', 'address-end-viewed', 'address-ended']);
    expect((await as.worker.get(`/people/${id}/addresses/not-a-uuid/end`)).statusCode).toBe(404);
    expect((await as.qa.post(`/people/${id}/addresses`, { addressLine1: 'x', addressPostcode: 'LS1 1AA' })).statusCode).toBe(403);
  });

  it('refuses a worker in another team a child allocated to that team, and logs the refusal', async () => {
    const child = await createChild(t.database.db, { firstName: 'Elsewhere', lastName: 'Allocated', currentTeamId: t.teams.get('Children in Need North')! });
    const refused = await as.worker.get(`/people/${child.id}`);
    expect(refused.statusCode).toBe(403);
    expect((await as.worker.get(`/people/${child.id}/edit`)).statusCode).toBe(403);
    expect((await as.worker2.get(`/people/${child.id}`)).statusCode).toBe(200);
    const refusals = await rows<{ actor_id: string }>(t.database.db, sql`SELECT actor_id FROM audit_log WHERE child_id = ${child.id} AND action = 'access-refused'`);
    expect(refusals.map((r) => r.actor_id)).toContain(t.users.get(EMAILS.worker));
    expect((await as.worker.get('/people/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await as.worker.get('/people/not-a-uuid')).statusCode).toBe(404);
  });
});
