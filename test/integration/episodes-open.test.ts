import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';

const REASON = 'The child protection conference agreed a plan after bruises were seen at school';

const startForm = (overrides: Record<string, string | string[]> = {}) => ({
  type: 'child-protection',
  'startDate-day': '2',
  'startDate-month': '3',
  'startDate-year': '2026',
  reason: REASON,
  ...overrides,
});

describeEachDb('episodes: starting an episode of work of any type', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let manager: Agent;
  let frontDoor: string;
  let north: string;
  let sam: string;

  const episodesOf = (personId: string) =>
    rows<{ id: string; type: string; start_date: string; start_reason: string | null; created_by: string | null }>(
      t.database.db,
      sql`SELECT id, type, start_date::text, start_reason, created_by FROM episodes WHERE person_id = ${personId} ORDER BY created_at`,
    );
  const count = async (query: ReturnType<typeof sql>) => toNumber((await rows<{ n: unknown }>(t.database.db, query))[0]?.n);
  const url = (personId: string) => `/people/${personId}/episodes/new`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    manager = await t.signIn(EMAILS.manager);
    frontDoor = t.teams.get('Front Door and Assessment')!;
    north = t.teams.get('Children in Need North')!;
    sam = t.users.get(EMAILS.worker)!;
  });
  afterAll(() => t.close());

  it('opens each type of episode, with its reason, and shows it on the child’s involvement page', async () => {
    const db = t.database.db;
    const cases: [string, Record<string, string>][] = [
      ['early-help', {}],
      ['child-in-need', {}],
      ['child-protection', {}],
      ['looked-after', {}],
      ['care-leaver', { dateOfBirth: '2009-01-10' }],
    ];
    for (const [type, person] of cases) {
      const child = await createChild(db, person);
      const page = await worker.get(url(child.id));
      expect(page.statusCode, type).toBe(200);
      const res = await worker.post(url(child.id), startForm({ type, reason: `Reason for ${type}` }));
      expect(res.statusCode, `${type}: ${bodyText(res.body).slice(0, 300)}`).toBe(303);
      expect(res.headers.location).toBe(`/people/${child.id}/involvement`);
      expect(await episodesOf(child.id)).toEqual([{ id: expect.any(String), type, start_date: '2026-03-02', start_reason: `Reason for ${type}`, created_by: sam }]);
      const involvement = bodyText((await worker.get(String(res.headers.location))).body);
      expect(involvement).toContain('episode started on 2 March 2026');
      expect(involvement).toContain(`Reason for ${type}`);
    }
  });

  it('writes the episode’s chronology entry and audit row with it, and links to the form from the involvement page', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Nia' });
    const before = await worker.get(`/people/${child.id}/involvement`);
    expect(before.body).toContain(`href="${url(child.id)}"`);
    const page = await worker.get(url(child.id));
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'episode-start-viewed' AND child_id = ${child.id}`)).toBe(1);
    for (const type of ['early-help', 'child-in-need', 'child-protection', 'looked-after', 'care-leaver']) expect(page.body).toContain(`value="${type}"`);
    expect(page.body).not.toContain('name="team"');

    expect((await worker.post(url(child.id), startForm())).statusCode).toBe(303);
    const [episode] = await episodesOf(child.id);
    const entries = await rows<{ id: string; category: string; summary: string; significance: string; occurred_on: string; origin_type: string; origin_id: string }>(
      db,
      sql`SELECT e.id, e.category, e.summary, e.significance, e.occurred_on::text, e.origin_type, e.origin_id
          FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${child.id}`,
    );
    expect(entries).toEqual([
      {
        id: expect.any(String),
        category: 'episode',
        summary: `Child protection episode started. Reason: ${REASON}`,
        significance: 'significant',
        occurred_on: '2026-03-02',
        origin_type: 'episode',
        origin_id: episode!.id,
      },
    ]);
    const audit = await rows<{ actor_id: string; subject_id: string; details: { type: string; startDate: string } }>(
      db,
      sql`SELECT actor_id, subject_id, details FROM audit_log WHERE action = 'episode-opened' AND child_id = ${child.id}`,
    );
    expect(audit).toEqual([{ actor_id: sam, subject_id: episode!.id, details: { type: 'child-protection', startDate: '2026-03-02', allocate: null } }]);
    const chronology = bodyText((await worker.get(`/people/${child.id}/chronology`)).body);
    expect(chronology).toContain('Child protection episode started');
    const qa = await t.signIn(EMAILS.qa);
    expect((await qa.get(`/people/${child.id}/involvement`)).body).not.toContain(`href="${url(child.id)}"`);
  });

  it('refuses a second open episode of the same type, but not one of another type or after the first closed', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Ola', lastName: 'Twice' });
    await createEpisode(db, child.id, { type: 'child-in-need', startDate: '2025-01-06' });
    await createEpisode(db, child.id, { type: 'child-protection', startDate: '2024-01-06', endDate: '2024-09-01', closureReason: 'RC7' });
    expect(bodyText((await worker.get(url(child.id))).body)).toContain('Open now, since 6 January 2025');
    const twice = await worker.post(url(child.id), startForm({ type: 'child-in-need' }));
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('govuk-error-summary');
    expect(bodyText(twice.body)).toContain('Ola Twice already has an open child in need episode, started 6 January 2025. Record this work on it, or close it first');
    expect(twice.body).toContain('href="#type"');
    expect((await episodesOf(child.id)).length).toBe(2);
    expect((await worker.post(url(child.id), startForm({ type: 'child-protection' }))).statusCode).toBe(303);
    expect((await worker.post(url(child.id), startForm({ type: 'child-protection' }))).statusCode).toBe(400);
    expect((await episodesOf(child.id)).map((e) => e.type)).toEqual(['child-in-need', 'child-protection', 'child-protection']);
  });

  it('validates every field with the GOV.UK error summary, and stores nothing', async () => {
    const db = t.database.db;
    const child = await createChild(db, { dateOfBirth: '2017-05-14' });
    const cases: [Record<string, string | string[]>, string][] = [
      [{ type: '' }, 'Select the type of episode'],
      [{ type: 'adoption' }, 'Select the type of episode'],
      [{ type: ['child-in-need', 'early-help'] }, 'Select the type of episode'],
      [{ reason: '  ' }, 'Give the reason for starting this work and its legal basis, in plain words'],
      [{ reason: ['One', 'Two'] }, 'Give the reason for starting this work and its legal basis, in plain words'],
      [{ reason: 'x'.repeat(2001) }, 'The reason must be 2,000 characters or fewer'],
      [{ 'startDate-day': '', 'startDate-month': '', 'startDate-year': '' }, 'Enter the date the episode started'],
      [{ 'startDate-day': '31', 'startDate-month': '2' }, 'Date the episode started must be a real date'],
      [{ 'startDate-month': '' }, 'Date the episode started must include a month'],
      [{ 'startDate-year': '2100' }, 'Date the episode started must be today or in the past'],
      [{ 'startDate-year': '2016' }, 'The start date must be on or after 14 May 2017, the date of birth on'],
      [{ type: 'care-leaver' }, 'was 8 on the start date: care leaver support starts at 16'],
    ];
    for (const [override, message] of cases) {
      const res = await worker.post(url(child.id), startForm(override));
      expect(res.statusCode, message).toBe(400);
      expect(res.body, message).toContain('govuk-error-summary');
      expect(bodyText(res.body), message).toContain(message);
    }
    expect(await episodesOf(child.id)).toEqual([]);
    const adult = await createAdult(db);
    const refused = await worker.post(url(adult.id), startForm({ type: 'child-in-need' }));
    expect(bodyText(refused.body)).toContain('is recorded as an adult: only a care leaver episode can start for an adult');
    const eighteen = await createChild(db, { dateOfBirth: '2007-06-01' });
    expect(bodyText((await worker.post(url(eighteen.id), startForm({ type: 'looked-after' }))).body)).toContain('was 18 on the start date: a child is looked after only until their 18th birthday');
  });

  it('lets pre-birth work start for an unborn baby, and only pre-birth work', async () => {
    const db = t.database.db;
    const baby = await createChild(db, { firstName: 'Baby', lastName: 'Unborn', dateOfBirth: null, expectedDeliveryDate: '2027-02-01' });
    expect(bodyText((await worker.get(url(baby.id))).body)).toContain('is not born yet: only early help, child in need or child protection work can start before birth');
    const early = startForm({ 'startDate-day': '1', 'startDate-month': '4', 'startDate-year': '2026' });
    expect(bodyText((await worker.post(url(baby.id), early)).body)).toContain('The start date must be on or after 27 April 2026, 40 weeks before the expected delivery date');
    expect(bodyText((await worker.post(url(baby.id), startForm({ type: 'looked-after', 'startDate-month': '11' }))).body)).toContain('A looked after episode cannot start before the baby is born');
    expect((await worker.post(url(baby.id), startForm({ 'startDate-month': '11' }))).statusCode).toBe(303);
    expect((await episodesOf(baby.id)).map((e) => [e.type, e.start_date])).toEqual([['child-protection', '2026-11-02']]);
  });

  it('allocates from the start of the episode when a manager asks, in the same transaction', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Ayo' });
    const page = await manager.get(url(child.id));
    expect(page.body).toContain('name="team"');
    expect(page.body).toContain(`value="${sam}"`);
    const res = await manager.post(url(child.id), startForm({ team: frontDoor, worker: sam, currentAllocation: '' }));
    expect(res.statusCode, bodyText(res.body).slice(0, 300)).toBe(303);
    const [episode] = await episodesOf(child.id);
    const allocation = await rows<{ episode_id: string; team_id: string; worker_id: string; from_date: string; reason: string }>(
      db,
      sql`SELECT episode_id, team_id, worker_id, from_date::text, reason FROM allocations WHERE person_id = ${child.id}`,
    );
    expect(allocation).toEqual([{ episode_id: episode!.id, team_id: frontDoor, worker_id: sam, from_date: '2026-03-02', reason: 'Start of the child protection episode' }]);
    const person = await rows<{ current_team_id: string; current_worker_id: string }>(db, sql`SELECT current_team_id, current_worker_id FROM people WHERE id = ${child.id}`);
    expect(person[0]).toEqual({ current_team_id: frontDoor, current_worker_id: sam });
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action IN ('episode-opened', 'allocated') AND child_id = ${child.id}`)).toBe(2);
    expect(await count(sql`SELECT count(*) AS n FROM chronology_links WHERE person_id = ${child.id} AND category IN ('episode', 'allocation')`)).toBe(2);
    expect(bodyText((await manager.get(String(res.headers.location))).body)).toContain('Child protection episode started on 2 March 2026. Allocated to Sam Okafor in Front Door and Assessment.');
  });

  it('undoes the episode when the allocation asked for is refused, and ignores allocation fields from those who may not allocate', async () => {
    const db = t.database.db;
    const child = await createChild(db);
    const priya = t.users.get(EMAILS.worker2)!;
    const wrongTeam = await manager.post(url(child.id), startForm({ team: frontDoor, worker: priya, currentAllocation: '' }));
    expect(wrongTeam.statusCode).toBe(400);
    expect(bodyText(wrongTeam.body)).toContain('Select a worker who is in Front Door and Assessment now');
    const stale = await manager.post(url(child.id), startForm({ team: north, worker: 'none', currentAllocation: crypto.randomUUID() }));
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone else changed this child’s allocation');
    const allocated = await createChild(db);
    const current = await createAllocation(db, allocated.id, frontDoor, sam, { fromDate: '2026-05-01' });
    const early = await manager.post(url(allocated.id), startForm({ team: north, worker: 'none', currentAllocation: current.id }));
    expect(bodyText(early.body)).toContain('To allocate from the start of this episode, the date must be on or after 1 May 2026, when the current allocation started');
    for (const id of [child.id, allocated.id]) {
      expect(await episodesOf(id)).toEqual([]);
      expect(await count(sql`SELECT count(*) AS n FROM chronology_links WHERE person_id = ${id}`)).toBe(0);
      expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action IN ('episode-opened', 'allocated') AND child_id = ${id}`)).toBe(0);
    }
    expect(await count(sql`SELECT count(*) AS n FROM allocations WHERE person_id IN (${child.id}, ${allocated.id})`)).toBe(1);
    expect((await worker.post(url(child.id), startForm({ team: north, worker: priya, currentAllocation: '' }))).statusCode).toBe(303);
    expect(await count(sql`SELECT count(*) AS n FROM allocations WHERE person_id = ${child.id}`)).toBe(0);
  });

  it('shows the new episode as the child’s current stage on the record and the worker’s caseload', async () => {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Kemi', lastName: 'Stage' });
    await createEpisode(db, child.id, { type: 'child-in-need', startDate: '2025-01-06' });
    await createAllocation(db, child.id, frontDoor, sam, { fromDate: '2025-01-06' });
    expect((await worker.post(url(child.id), startForm())).statusCode).toBe(303);
    const record = await worker.get(`/people/${child.id}`);
    expect(bodyText(record.body)).toContain('Child protection');
    const caseload = bodyText((await worker.get('/caseload')).body);
    const at = caseload.indexOf('Kemi Stage');
    expect(at).toBeGreaterThan(-1);
    expect(caseload.slice(at, at + 200)).toContain('Child protection');
    expect(caseload.slice(at, at + 200)).not.toContain('Child in need');
  });

  it("refuses another team's child, and roles that may not manage episodes, storing nothing", async () => {
    const db = t.database.db;
    const child = await createChild(db);
    await createEpisode(db, child.id);
    await createAllocation(db, child.id, north, t.users.get(EMAILS.worker2)!);
    expect((await worker.get(url(child.id))).statusCode).toBe(403);
    expect((await worker.post(url(child.id), startForm())).statusCode).toBe(403);
    expect((await manager.post(url(child.id), startForm())).statusCode).toBe(403);
    const qa = await t.signIn(EMAILS.qa);
    expect((await qa.post(url(child.id), startForm())).statusCode).toBe(403);
    const owner = await t.signIn(EMAILS.worker2);
    expect((await owner.get(url(crypto.randomUUID()))).statusCode).toBe(404);
    expect((await episodesOf(child.id)).map((e) => e.type)).toEqual(['child-in-need']);
    expect((await owner.post(url(child.id), startForm())).statusCode).toBe(303);
  });
});
