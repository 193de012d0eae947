import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createAssessment, createChild, createChronologyEntry, createHousehold } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';

const form = (overrides: Record<string, string | string[]> = {}) => ({
  'occurred-day': '3',
  'occurred-month': '6',
  'occurred-year': '2024',
  precision: 'day',
  category: 'education',
  summary: 'Excluded from school for two days after a fight.',
  sourceKind: 'agency',
  sourceAgency: 'Oakfield Primary School',
  sourceName: 'Mrs Green, head teacher',
  significance: 'routine',
  impact: '',
  ...overrides,
});

describeEachDb('changing a chronology entry: optimistic locking and history', (kind) => {
  let t: TestApp;
  let worker: Agent;
  let manager: Agent;

  const links = (entryId: string) =>
    rows<{ person_id: string; occurred_on: string; category: string; significant: boolean }>(
      t.database.db,
      sql`SELECT person_id, occurred_on::text AS occurred_on, category, significant FROM chronology_links WHERE entry_id = ${entryId} ORDER BY person_id`,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
    manager = await t.signIn(EMAILS.manager);
  });
  afterAll(() => t.close());

  async function family() {
    const db = t.database.db;
    const child = await createChild(db, { firstName: 'Dara', lastName: 'Quinlan' });
    const sister = await createChild(db, { firstName: 'Eve', lastName: 'Quinlan' });
    const dad = await createAdult(db, { firstName: 'Fionn', lastName: 'Quinlan', sex: 'M' });
    for (const c of [child, sister]) await createAllocation(db, c.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
    await createHousehold(db, 'Quinlan household', [child.id, sister.id, dad.id]);
    return { child, sister, dad };
  }

  it('saves a change, moves the links with it, keeps every version, and shows a conflict to the one who saved second', async () => {
    const f = await family();
    expect((await worker.post(`/people/${f.child.id}/chronology/new`, form({ people: [f.sister.id] }))).statusCode).toBe(303);
    const [entry] = await rows<{ id: string }>(t.database.db, sql`SELECT entry_id AS id FROM chronology_links WHERE person_id = ${f.child.id}`);
    const id = entry!.id;

    const edit = await worker.get(`/people/${f.child.id}/chronology/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="version" value="1"');
    expect(edit.body).toContain('Excluded from school for two days');

    const saved = await worker.post(`/people/${f.child.id}/chronology/${id}/edit`, form({ version: '1', category: 'police-incident', 'occurred-day': '4', significance: 'significant', impact: 'Dara was scared to go back.', people: [f.sister.id, f.dad.id] }));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/people/${f.child.id}/chronology?done=saved`);
    expect((await links(id)).map((l) => ({ ...l, person_id: undefined }))).toEqual(Array(3).fill({ person_id: undefined, occurred_on: '2024-06-04', category: 'police-incident', significant: true }));

    // A manager opened the form at version 2 and saves; the worker, still at version 2, saves after.
    const managerSave = await manager.post(`/people/${f.child.id}/chronology/${id}/edit`, form({ version: '2', summary: 'Excluded for two days: the manager’s wording.', category: 'police-incident', people: [f.sister.id] }));
    expect(managerSave.statusCode).toBe(303);
    const stale = await worker.post(`/people/${f.child.id}/chronology/${id}/edit`, form({ version: '2', summary: 'The worker’s wording, typed at the same time.' }));
    expect(stale.statusCode).toBe(409);
    const text = bodyText(stale.body);
    expect(text).toContain('Someone else changed this entry');
    expect(text).toContain('Excluded for two days: the manager’s wording.');
    expect(text).toContain('The worker’s wording, typed at the same time.');
    expect(stale.body).toContain('name="version" value="3"');
    const current = await rows<{ summary: string; version: number }>(t.database.db, sql`SELECT summary, version FROM chronology_entries WHERE id = ${id}`);
    expect(current[0]).toEqual({ summary: 'Excluded for two days: the manager’s wording.', version: 3 });

    // The worker chooses to keep what they typed: the conflict page posts it again at version 3.
    const hidden = Object.fromEntries([...stale.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== 'people' && m[1] !== '_csrf').map((m) => [m[1]!, m[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&')]));
    const resolved = await worker.post(`/people/${f.child.id}/chronology/${id}/edit`, hidden);
    expect(resolved.statusCode).toBe(303);

    const history = await worker.get(`/people/${f.child.id}/chronology/${id}/history`);
    expect(history.statusCode).toBe(200);
    const h = bodyText(history.body);
    expect(h).toContain('Version 4 (current)');
    expect(h).toContain('Version 1');
    expect(h).toContain('Changed: when it happened, kind of event, significance, impact on the child, who it concerns');
    expect(h).toContain('Excluded from school for two days after a fight.');
    expect(h).toContain('The worker’s wording, typed at the same time.');
    const revisions = await rows<{ version: number }>(t.database.db, sql`SELECT version FROM chronology_revisions WHERE entry_id = ${id} ORDER BY version`);
    expect(revisions.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    const audit = await rows<{ child_id: string }>(t.database.db, sql`SELECT child_id FROM audit_log WHERE action = 'chronology-entry-changed' AND subject_id = ${id}`);
    expect(audit.length).toBeGreaterThanOrEqual(8);
    const page = bodyText((await worker.get(`/people/${f.child.id}/chronology`)).body);
    expect(page).toContain('Earlier versions');
  });

  it('sends entries made from other records to their source, and refuses a change with no version or for an entry of another child', async () => {
    const f = await family();
    const other = await family();
    const made = await createChronologyEntry(t.database.db, [f.child.id], { category: 'contact', originType: 'contact', originId: '8d3c5f7e-0000-4000-8000-000000000001', summary: 'Contact from school' });
    const edit = await worker.get(`/people/${f.child.id}/chronology/${made.id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(bodyText(edit.body)).toContain('This entry is changed where it was recorded');
    expect(edit.body).toContain('/contacts/8d3c5f7e-0000-4000-8000-000000000001');
    expect((await worker.post(`/people/${f.child.id}/chronology/${made.id}/edit`, form({ version: '1' }))).statusCode).toBe(409);

    const typed = await createChronologyEntry(t.database.db, [other.child.id], { summary: 'Someone else’s' });
    expect((await worker.get(`/people/${f.child.id}/chronology/${typed.id}/edit`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${f.child.id}/chronology/${typed.id}/history`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${f.child.id}/chronology/not-a-uuid/edit`)).statusCode).toBe(404);
    const own = await createChronologyEntry(t.database.db, [f.child.id], { summary: 'Ours' });
    const noVersion = await worker.post(`/people/${f.child.id}/chronology/${own.id}/edit`, form());
    expect(noVersion.statusCode).toBe(400);
    expect(bodyText(noVersion.body)).toContain('Reload the page and make your change again');

    const history = await worker.get(`/people/${f.child.id}/chronology/${own.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(bodyText(history.body)).toContain('Version 1 (current)');
  });

  it('asks for each child’s assessment to be reviewed when a change makes the entry significant, as adding it so would; not when it stays routine or was significant already', async () => {
    const db = t.database.db;
    const f = await family();
    const assessments = [await createAssessment(db, f.child.id), await createAssessment(db, f.sister.id)];
    const concerned = { people: [f.sister.id, f.dad.id] };
    expect((await worker.post(`/people/${f.child.id}/chronology/new`, form(concerned))).statusCode).toBe(303);
    const id = (await rows<{ id: string }>(db, sql`SELECT entry_id AS id FROM chronology_links WHERE person_id = ${f.child.id}`))[0]!.id;
    const url = `/people/${f.child.id}/chronology/${id}/edit`;
    const prompts = () =>
      rows<{ assessment_id: string; origin_type: string; origin_id: string; reason: string }>(
        db,
        sql`SELECT assessment_id, origin_type, origin_id, reason FROM assessment_review_prompts WHERE assessment_id IN (${assessments[0]!.id}, ${assessments[1]!.id}) ORDER BY assessment_id`,
      );
    const raisedAudit = async () => toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-raised' AND subject_id IN (${assessments[0]!.id}, ${assessments[1]!.id})`))[0]?.n);
    // Changed but still routine: no prompt.
    expect((await worker.post(url, form({ ...concerned, summary: 'Excluded from school for two days after a fight in the playground.', version: '1' }))).statusCode).toBe(303);
    expect(await prompts()).toEqual([]);
    // Now significant: a prompt on each child's assessment (their dad has none), from this entry.
    const significant = { ...concerned, significance: 'significant', summary: 'Excluded from school for five days after hitting a teacher.', impact: 'Dara is missing school.' };
    expect((await worker.post(url, form({ ...significant, version: '2' }))).statusCode).toBe(303);
    const raised = await prompts();
    expect(raised.map((p) => p.assessment_id).sort()).toEqual(assessments.map((a) => a.id).sort());
    for (const p of raised) {
      expect(p).toEqual({ assessment_id: p.assessment_id, origin_type: 'chronology-entry', origin_id: id, reason: 'Significant event on 3 June 2024: Excluded from school for five days after hitting a teacher.' });
    }
    expect(await raisedAudit()).toBe(2);
    // Someone has looked at the prompts: changed again, still significant, it raises none.
    await db.execute(sql`UPDATE assessment_review_prompts SET resolved_at = now(), resolution = 'no-change', note = 'Seen' WHERE origin_id = ${id}`);
    expect((await worker.post(url, form({ ...significant, impact: 'Dara is missing school and is angry at home.', version: '3' }))).statusCode).toBe(303);
    expect(await prompts()).toHaveLength(2);
    expect(await raisedAudit()).toBe(2);
  });

  it('does not let anyone change an entry that also concerns a person whose record they cannot open', async () => {
    const f = await family();
    const elsewhere = await createChild(t.database.db, { firstName: 'Hidden', lastName: 'Elsewhere' });
    await createAllocation(t.database.db, elsewhere.id, t.teams.get('Children in Need North')!, t.users.get(EMAILS.worker2)!);
    const shared = await createChronologyEntry(t.database.db, [f.child.id, elsewhere.id], { summary: 'Shared with a child in another team' });
    const page = bodyText((await worker.get(`/people/${f.child.id}/chronology`)).body);
    expect(page).toContain('Concerns: Dara Quinlan and 1 person whose record you cannot open');
    expect(page).not.toContain('Hidden Elsewhere');
    expect((await worker.get(`/people/${f.child.id}/chronology/${shared.id}/edit`)).statusCode).toBe(403);
    expect((await worker.post(`/people/${f.child.id}/chronology/${shared.id}/edit`, form({ version: '1' }))).statusCode).toBe(403);
  });
});
