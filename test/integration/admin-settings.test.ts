import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { todayInLondon, formatDate } from '../../src/domain/dates';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { assessmentSchedule } from '../../src/domain/timescales';
import { siblings, visitForm, dateFields } from './visits.fixture';

/** The whole settings form as the page shows it with the defaults, with some fields changed. */
const form = (version: string, changes: Record<string, string> = {}) => ({
  version,
  checkpoints: '10, 30, 45',
  dueSoonWorkingDays: '5',
  reviewNoticeDays: '30',
  gapWeeks: '12',
  lateDays: '7',
  'visits-child-protection-every': '10',
  'visits-child-protection-unit': 'working-days',
  'visits-child-in-need-every': '20',
  'visits-child-in-need-unit': 'working-days',
  'visits-looked-after-every': '6',
  'visits-looked-after-unit': 'weeks',
  'visits-early-help-every': '',
  'visits-care-leaver-every': '',
  ...changes,
});

describeEachDb('the council settings page', (kind) => {
  let t: TestApp;
  let admin: Agent;
  const today = todayInLondon();

  const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
  const currentVersion = async () => versionOn((await admin.get('/admin/settings')).body);
  const stored = async () => rows<{ key: string; value: unknown; version: number }>(t.database.db, sql`SELECT key, value, version FROM settings ORDER BY key`);
  const changesAudited = async () => rows<{ subject_id: string; details: { old: unknown; value: unknown } }>(t.database.db, sql`SELECT subject_id, details FROM audit_log WHERE action = 'setting-changed' ORDER BY seq`);

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(EMAILS.admin);
  });
  beforeEach(async () => {
    await t.database.db.execute(sql`DELETE FROM settings`);
  });
  afterAll(() => t.close());

  it('shows every setting with its value, its default and a hint, linked from the administrator’s navigation', async () => {
    const res = await admin.get('/admin/settings');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    for (const words of ['Assessment checkpoints', 'due soon', 'annual review', 'Closure days', 'Visit frequency', 'without professional contact', 'typed late']) expect(text).toContain(words);
    expect(text).toContain('Default: 10, 30, 45 working days');
    expect(text).toContain('Default: Child protection plan: every 10 working days; Child in need plan: every 20 working days; Looked after child: every 6 weeks');
    expect(text).toContain('Default: 12 weeks');
    expect(text).toContain('bank holidays in England and Wales');
    expect(res.body).toContain('href="/admin/settings"');
    expect((await (await t.signIn(EMAILS.manager)).get('/')).body).not.toContain('href="/admin/settings"');
  });

  it('saves a change in one go, with an audit row per changed setting holding the old and new value', async () => {
    const before = (await changesAudited()).length;
    const res = await admin.post('/admin/settings', form(await currentVersion(), { checkpoints: '10, 25, 40', gapWeeks: '8', 'visits-early-help-every': '4', 'visits-early-help-unit': 'weeks' }));
    expect(res.statusCode).toBe(303);
    expect(await t.services.settings.get('assessment.checkpoints')).toEqual([10, 25, 40]);
    expect(await t.services.settings.get('chronology.gapWeeks')).toBe(8);
    expect((await t.services.settings.get('visits.frequency'))['early-help']).toEqual({ every: 4, unit: 'weeks' });
    const audited = (await changesAudited()).slice(before);
    expect(audited.map((a) => a.subject_id).sort()).toEqual(['assessment.checkpoints', 'chronology.gapWeeks', 'visits.frequency']);
    expect(audited.find((a) => a.subject_id === 'assessment.checkpoints')!.details).toEqual({ old: [10, 30, 45], value: [10, 25, 40] });
    expect(audited.find((a) => a.subject_id === 'chronology.gapWeeks')!.details).toEqual({ old: 12, value: 8 });
    const page = await admin.get('/admin/settings');
    expect(bodyText(page.body)).toContain('Saved. 3 settings were changed.');
    expect(page.body).toContain('value="10, 25, 40"');
  });

  it('refuses bad input with the error summary and inline errors, and stores none of the form', async () => {
    const version = await currentVersion();
    const cases: [Record<string, string>, string, string][] = [
      [{ checkpoints: '10, 45, 30' }, 'checkpoints', 'Each checkpoint must be later than the one before it'],
      [{ checkpoints: 'ten' }, 'checkpoints', 'Enter each checkpoint as a whole number'],
      [{ gapWeeks: '-3' }, 'gapWeeks', 'it cannot be negative'],
      [{ gapWeeks: '0' }, 'gapWeeks', 'Enter 1 week or more'],
      [{ 'visits-child-in-need-every': '' }, 'visits-child-in-need-every', 'Enter how often a child with a child in need plan must be visited'],
      [{ 'visits-child-in-need-every': '500' }, 'visits-child-in-need-every', 'Enter 365 or fewer'],
      [{ 'visits-child-in-need-unit': 'fortnights' }, 'visits-child-in-need-unit', 'Choose working days or weeks'],
    ];
    for (const [change, field, message] of cases) {
      // A good change to another setting is posted with the bad one: neither is kept.
      const res = await admin.post('/admin/settings', form(version, { lateDays: '14', ...change }));
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain(`href="#${field}"`);
      expect(res.body).toContain(`id="${field}-error"`);
      expect(bodyText(res.body)).toContain(message);
    }
    expect(await stored()).toEqual([]);
    const repeated = await admin.post('/admin/settings', { ...form(version), gapWeeks: ['1', '2'] });
    expect(repeated.statusCode).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('refuses a save made on an out-of-date page (someone else saved first), keeping what was typed', async () => {
    const old = await currentVersion();
    expect((await admin.post('/admin/settings', form(old, { lateDays: '10' }))).statusCode).toBe(303);
    const stale = await admin.post('/admin/settings', form(old, { lateDays: '3' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(stale.body).toContain('Someone else changed the settings');
    expect(stale.body).toContain('value="3"');
    expect(await t.services.settings.get('chronology.lateDays')).toBe(10);
    expect((await admin.post('/admin/settings', form(versionOn(stale.body), { lateDays: '3' }))).statusCode).toBe(303);
    expect(await t.services.settings.get('chronology.lateDays')).toBe(3);
  });

  it('adds and removes closure days, each with a name, refusing dates that are not real', async () => {
    const add = (day: string, month: string, year: string, name: string) => admin.post('/admin/settings/closure-days', { 'date-day': day, 'date-month': month, 'date-year': year, name });
    expect((await add('27', '12', '2027', 'Council closure day')).statusCode).toBe(303);
    expect(await t.services.settings.get('calendar.closureDays')).toEqual([{ date: '2027-12-27', name: 'Council closure day' }]);
    const page = bodyText((await admin.get('/admin/settings')).body);
    expect(page).toContain('Council closure day');
    expect(page).toContain(formatDate('2027-12-27'));

    for (const [parts, message] of [
      [['31', '2', '2027', 'Closed'], 'must be a real date'],
      [['', '', '', 'Closed'], 'Enter the date the council is closed'],
      [['28', '12', '2027', ''], 'Enter a short name'],
      [['27', '12', '2027', 'Again'], 'That date is already a closure day'],
    ] as [string[], string][]) {
      const res = await add(parts[0]!, parts[1]!, parts[2]!, parts[3]!);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(bodyText(res.body)).toContain(message);
    }
    expect(await t.services.settings.get('calendar.closureDays')).toHaveLength(1);

    expect((await admin.post('/admin/settings/closure-days/remove', { date: '2027-12-27' })).statusCode).toBe(303);
    expect(await t.services.settings.get('calendar.closureDays')).toEqual([]);
    const again = await admin.post('/admin/settings/closure-days/remove', { date: '2027-12-27' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('govuk-error-summary');
    const audited = (await changesAudited()).filter((a) => a.subject_id === 'calendar.closureDays');
    expect(audited.map((a) => a.details)).toEqual([
      { old: [], value: [{ date: '2027-12-27', name: 'Council closure day' }] },
      { old: [{ date: '2027-12-27', name: 'Council closure day' }], value: [] },
    ]);
  });

  it('moves an assessment checkpoint worked out after a closure day is added', async () => {
    const referral = addWorkingDays(today, 1);
    const dueOn = async () => {
      const s = await t.services.assessments.timescaleSettings();
      return assessmentSchedule({ referralDate: referral, checkpoints: s.checkpoints, variant: 'standard', expectedDeliveryDate: null, calendar: s.calendar }).checkpoints[0]!.dueOn;
    };
    const before = await dueOn();
    expect(before).toBe(addWorkingDays(referral, 10));
    const closed = addWorkingDays(referral, 3);
    const [year, month, day] = closed.split('-');
    expect((await admin.post('/admin/settings/closure-days', { 'date-day': day!, 'date-month': month!, 'date-year': year!, name: 'Council closure day' })).statusCode).toBe(303);
    expect(await dueOn()).toBe(addWorkingDays(before, 1));
  });

  it('changes the visits due list when the council changes how often children in need are visited', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const family = await siblings(t, { count: 1, episodeType: 'child-in-need', episodeStart: addDays(today, -200), surname: 'Settingsvisit' });
    const id = family.ids[0]!;
    const seen = addWorkingDays(today, -5);
    const res = await worker.post(`/people/${id}/visits/new`, visitForm([id], { ...dateFields('visitDate', seen), type: 'child-in-need' }, { [id]: { [`seen-${id}`]: 'alone' } }));
    expect(res.statusCode).toBe(303);
    const row = async () => bodyText((await worker.get('/visits')).body).split('Settingsvisit')[1] ?? '';
    expect(await row()).toContain('15 working days left');
    expect((await admin.post('/admin/settings', form(await currentVersion(), { 'visits-child-in-need-every': '3' }))).statusCode).toBe(303);
    expect(await row()).toContain('2 working days overdue');
  });
});
