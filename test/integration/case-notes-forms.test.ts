import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { createAssessment, createChild } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';
import { auditRows, count, dateFields, daysAgo, noteForm, siblings } from './visits.fixture';

describeEachDb('case notes: validation, hostile input, who is refused, and changing a note', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  const refusals = async (email: string) =>
    toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'access-refused' AND u.email = ${email}`))[0]?.n);

  /** A note about the first child of a new family, written by the Front Door worker: its id and the child's. */
  const aNote = async (overrides: Record<string, string> = {}) => {
    const family = await siblings(t, { count: 2 });
    await worker.post(`/people/${family.ids[0]}/notes/new`, noteForm(family.ids, overrides));
    const noteId = (await rows<{ note_id: string }>(t.database.db, sql`SELECT note_id FROM case_note_people WHERE person_id = ${family.ids[0]!}`))[0]!.note_id;
    return { family, noteId, childId: family.ids[0]! };
  };

  it('shows every problem in the GOV.UK error summary, linked to its field, keeps what was typed and stores nothing', async () => {
    const family = await siblings(t, { count: 1 });
    const before = await count(t, 'case_notes');
    const res = await worker.post(`/people/${family.ids[0]}/notes/new`, { participants: '<b>Mum</b>', 'occurredOn-day': '29', 'occurredOn-month': '2', 'occurredOn-year': '2025' });
    expect(res.statusCode).toBe(400);
    const text = bodyText(res.body);
    for (const message of ['Date it happened must be a real date', 'Select what kind of note this is', 'Write what happened']) expect(text).toContain(message);
    for (const id of ['occurredOn-day', 'type', 'summary']) {
      expect(res.body).toContain(`href="#${id}"`);
      expect(res.body).toContain(`id="${id}"`);
    }
    expect(res.body).toContain('&lt;b&gt;Mum&lt;/b&gt;');
    expect(res.body).toContain('value="29"');
    expect(await count(t, 'case_notes')).toBe(before);
  });

  it('never fails on hostile input and stores nothing it refuses', async () => {
    const family = await siblings(t, { count: 2 });
    const stranger = await createChild(t.database.db, { firstName: 'Stranger' });
    const before = await count(t, 'case_notes');
    const hostile: Record<string, string | string[]>[] = [
      { summary: 'x'.repeat(10_001) },
      { summary: '\u0000\u0007\u001f' },
      { summary: ['a', 'b'] },
      { participants: 'x'.repeat(1001) },
      { participants: '\u0000'.repeat(25_000) },
      { type: 'gossip' },
      { type: ['meeting', 'other'] },
      { significant: 'perhaps' },
      { significant: ['yes', 'yes'] },
      { 'occurredOn-year': String(Number(daysAgo(0).slice(0, 4)) + 1) },
      { 'occurredOn-month': '13' },
      { 'occurredOn-year': '99999' },
      { 'occurredOn-day': ['1', '2'] },
      { children: [stranger.id] },
      { children: 'robert"); DROP TABLE case_notes; --' },
    ];
    for (const override of hostile) {
      const res = await worker.post(`/people/${family.ids[0]}/notes/new`, noteForm(family.ids, override));
      expect(res.statusCode, JSON.stringify(override).slice(0, 80)).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
    }
    expect(await count(t, 'case_notes')).toBe(before);
  });

  it('refuses another team, a partner agency (even one granted the child) and an administrator; chairs and QA may read only', async () => {
    const { family, noteId, childId } = await aNote();
    await t.database.db.execute(sql`INSERT INTO access_grants (user_id, person_id, purpose, expires_at) VALUES (${t.users.get(EMAILS.partner)!}, ${childId}, 'Joint enquiry', now() + interval '30 days')`);
    const paths = [`/people/${childId}/notes`, `/people/${childId}/notes/${noteId}`, `/people/${childId}/notes/new`, `/people/${childId}/notes/${noteId}/edit`];
    const before = await count(t, 'case_notes');
    for (const email of [EMAILS.worker2, EMAILS.manager2, EMAILS['early-help'], EMAILS.partner, EMAILS.admin]) {
      const agent = await t.signIn(email);
      const refusedBefore = await refusals(email);
      for (const path of paths) expect((await agent.get(path)).statusCode, `${email} GET ${path}`).toBe(403);
      expect((await agent.post(`/people/${childId}/notes/new`, noteForm(family.ids))).statusCode).toBe(403);
      expect((await agent.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId]), version: '1' })).statusCode).toBe(403);
      expect(await refusals(email)).toBe(refusedBefore + paths.length + 2);
    }
    for (const email of [EMAILS['cp-chair'], EMAILS.qa]) {
      const agent = await t.signIn(email);
      expect((await agent.get(paths[0]!)).statusCode).toBe(200);
      expect((await agent.get(paths[1]!)).statusCode).toBe(200);
      expect((await agent.get(paths[2]!)).statusCode).toBe(403);
      expect((await agent.post(`/people/${childId}/notes/new`, noteForm([childId]))).statusCode).toBe(403);
    }
    expect(await count(t, 'case_notes')).toBe(before);
  });

  it('changes a note keeping every version, and the chronology entry follows (date, summary, significance)', async () => {
    const db = t.database.db;
    const { family, noteId, childId } = await aNote();
    const form = await worker.get(`/people/${childId}/notes/${noteId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('School rang: the children were on time all week');
    const res = await worker.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { ...dateFields('occurredOn', daysAgo(3)), summary: 'School rang: on time all week, but Bode had a bruise on his arm.', significant: 'yes' }), version: '1' });
    expect(res.statusCode).toBe(303);
    const note = (await rows<{ version: number; summary: string; significant: boolean; chronology_entry_id: string }>(db, sql`SELECT version, summary, significant, chronology_entry_id FROM case_notes WHERE id = ${noteId}`))[0]!;
    expect(note).toMatchObject({ version: 2, significant: true, summary: expect.stringContaining('bruise') });
    const revisions = await rows<{ version: number; data: unknown }>(db, sql`SELECT version, data FROM case_note_revisions WHERE note_id = ${noteId} ORDER BY version`);
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect(JSON.stringify(revisions[0]!.data)).toContain('on time all week and had packed lunches');
    const links = await rows<{ occurred_on: string; significant: boolean }>(db, sql`SELECT occurred_on::text, significant FROM case_note_people WHERE note_id = ${noteId}`);
    expect(links).toEqual(family.ids.map(() => ({ occurred_on: daysAgo(3), significant: true })));
    const entry = (await rows<{ summary: string; significance: string; occurred_on: string; version: number }>(db, sql`SELECT summary, significance, occurred_on::text, version FROM chronology_entries WHERE id = ${note.chronology_entry_id}`))[0]!;
    expect(entry).toEqual({ summary: 'Phone call with Ms Reed (class teacher): School rang: on time all week, but Bode had a bruise on his arm.', significance: 'significant', occurred_on: daysAgo(3), version: 2 });
    const chronologyLinks = await rows<{ occurred_on: string; significant: boolean }>(db, sql`SELECT occurred_on::text, significant FROM chronology_links WHERE entry_id = ${note.chronology_entry_id}`);
    expect(chronologyLinks).toEqual(family.ids.map(() => ({ occurred_on: daysAgo(3), significant: true })));
    expect((await auditRows(t, noteId)).filter((r) => r.action === 'case-note-changed').map((r) => r.child_id).sort()).toEqual([...family.ids].sort());
    const view = await worker.get(`/people/${childId}/notes/${noteId}`);
    expect(bodyText(view.body)).toContain('Case note changed. The earlier version is kept');
    expect(bodyText(view.body)).toContain('Version 1');
  });

  it('shows both versions when someone else changed the note meanwhile, and saves nothing until the person chooses', async () => {
    const { childId, noteId } = await aNote();
    const manager = await t.signIn(EMAILS.manager);
    expect((await manager.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { summary: 'The manager’s correction' }), version: '1' })).statusCode).toBe(303);
    const stale = await worker.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { summary: 'The worker’s own change' }), version: '1' });
    expect(stale.statusCode).toBe(409);
    const text = bodyText(stale.body);
    expect(text).toContain('Someone else changed this note while you were changing it');
    expect(text).toContain('The manager’s correction');
    expect(stale.body).toContain('The worker’s own change');
    expect(stale.body).toContain('name="version" value="2"');
    expect((await rows<{ summary: string }>(t.database.db, sql`SELECT summary FROM case_notes WHERE id = ${noteId}`))[0]!.summary).toBe('The manager’s correction');
    const chosen = await worker.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { summary: 'The worker’s own change' }), version: '2' });
    expect(chosen.statusCode).toBe(303);
    expect((await rows(t.database.db, sql`SELECT 1 FROM case_note_revisions WHERE note_id = ${noteId}`)).length).toBe(3);
  });

  /** How many times this user's viewing of the note was audited. */
  const viewsBy = async (email: string, noteId: string) =>
    toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'case-note-viewed' AND a.subject_id = ${noteId} AND u.email = ${email}`))[0]?.n);

  it('lets only the person who wrote a note, or a manager of the team, change it', async () => {
    const { childId, noteId } = await aNote();
    const colleague = await t.services.users.add({ actor: null, actorLabel: 'test', requestId: null }, { email: 'kit.colleague@example.org', name: 'Kit Colleague', role: 'social-worker', teamId: t.teams.get('Front Door and Assessment')!, password: DEMO_PASSWORD });
    const agent = await t.signIn('kit.colleague@example.org');
    const refusedBefore = await refusals('kit.colleague@example.org');
    expect((await agent.get(`/people/${childId}/notes/${noteId}`)).statusCode).toBe(200);
    expect(bodyText((await agent.get(`/people/${childId}/notes/${noteId}`)).body)).not.toContain('Change this note');
    const views = await viewsBy('kit.colleague@example.org', noteId);
    expect((await agent.get(`/people/${childId}/notes/${noteId}/edit`)).statusCode).toBe(403);
    // Refused before anything is shown: the refusal is audited, not a view of the note.
    expect(await viewsBy('kit.colleague@example.org', noteId)).toBe(views);
    expect((await agent.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { summary: 'Not mine to change' }), version: '1' })).statusCode).toBe(403);
    expect(await refusals('kit.colleague@example.org')).toBe(refusedBefore + 2);
    expect(colleague.id).toBeDefined();
    const version = await rows<{ version: number }>(t.database.db, sql`SELECT version FROM case_notes WHERE id = ${noteId}`);
    expect(version[0]!.version).toBe(1);
  });

  it('lets a manager change a note only for their own team, not one on a child allocated to no team that another team wrote', async () => {
    const db = t.database.db;
    const { family, noteId, childId } = await aNote();
    const brotherId = family.ids[1]!;
    const url = `/people/${childId}/notes/${noteId}/edit`;
    // The case is closed: allocated to no team, so every manager in the council may open the children.
    await rows(db, sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id IN (${childId}, ${brotherId})`);
    const other = await t.signIn(EMAILS.manager2);
    const page = await other.get(`/people/${childId}/notes/${noteId}`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).not.toContain('Change this note');
    const views = await viewsBy(EMAILS.manager2, noteId);
    const refusedBefore = await refusals(EMAILS.manager2);
    const form = await other.get(url);
    expect(form.statusCode).toBe(403);
    expect(bodyText(form.body)).toContain('Only the person who wrote this note, or a manager of their team or of the child’s team, can change it');
    const changed = { ...noteForm([childId], { summary: 'Rewritten by a manager of another team' }), version: '1' };
    const post = await other.post(url, changed);
    expect(post.statusCode).toBe(403);
    expect(bodyText(post.body)).toContain('Only the person who wrote this note, or a manager of their team or of the child’s team, can change it');
    expect(await refusals(EMAILS.manager2)).toBe(refusedBefore + 2);
    expect(await viewsBy(EMAILS.manager2, noteId)).toBe(views);
    const refusal = await rows<{ subject_type: string; subject_id: string; child_id: string; details: unknown }>(
      db,
      sql`SELECT a.subject_type, a.subject_id, a.child_id, a.details FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'access-refused' AND u.email = ${EMAILS.manager2} ORDER BY a.seq DESC LIMIT 1`,
    );
    expect(refusal[0]).toMatchObject({ subject_type: 'case-note', subject_id: noteId, child_id: childId });
    expect(JSON.stringify(refusal[0]!.details)).toContain('"method":"POST"');
    const saved = await rows<{ version: number; entry_version: number }>(db, sql`SELECT n.version, e.version AS entry_version FROM case_notes n JOIN chronology_entries e ON e.id = n.chronology_entry_id WHERE n.id = ${noteId}`);
    expect(saved).toEqual([{ version: 1, entry_version: 1 }]);
    // The manager of the team of the person who wrote it may.
    const own = await t.signIn(EMAILS.manager);
    expect((await own.get(url)).statusCode).toBe(200);
    expect(bodyText((await own.get(`/people/${childId}/notes/${noteId}`)).body)).toContain('Change this note');
    // Once a child on the note is allocated to the other manager's team, they may too.
    await rows(db, sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!} WHERE id = ${brotherId}`);
    expect((await other.get(url)).statusCode).toBe(200);
    expect((await other.post(url, changed)).statusCode).toBe(303);
  });

  it('asks for each child’s assessment to be reviewed when a change makes the note significant, as recording it so would; not when it stays routine or was significant already', async () => {
    const db = t.database.db;
    const { family, noteId, childId } = await aNote();
    const assessments = [await createAssessment(db, family.ids[0]!), await createAssessment(db, family.ids[1]!)];
    const url = `/people/${childId}/notes/${noteId}/edit`;
    const prompts = () =>
      rows<{ assessment_id: string; origin_type: string; origin_id: string; reason: string }>(
        db,
        sql`SELECT assessment_id, origin_type, origin_id, reason FROM assessment_review_prompts WHERE assessment_id IN (${assessments[0]!.id}, ${assessments[1]!.id}) ORDER BY assessment_id`,
      );
    const raisedAudit = async () => toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-raised' AND subject_id IN (${assessments[0]!.id}, ${assessments[1]!.id})`))[0]?.n);
    // Changed but still routine: no prompt.
    expect((await worker.post(url, { ...noteForm([childId], { summary: 'School rang: on time all week; lunches packed.' }), version: '1' })).statusCode).toBe(303);
    expect(await prompts()).toEqual([]);
    // Now significant: a prompt on each child's assessment, from the note's chronology entry.
    expect((await worker.post(url, { ...noteForm([childId], { ...dateFields('occurredOn', '2026-02-10'), summary: 'School rang: Bode had a bruise on his arm.', significant: 'yes' }), version: '2' })).statusCode).toBe(303);
    const entryId = (await rows<{ chronology_entry_id: string }>(db, sql`SELECT chronology_entry_id FROM case_notes WHERE id = ${noteId}`))[0]!.chronology_entry_id;
    const raised = await prompts();
    expect(raised.map((p) => p.assessment_id).sort()).toEqual(assessments.map((a) => a.id).sort());
    for (const p of raised) {
      expect(p).toEqual({ assessment_id: p.assessment_id, origin_type: 'chronology-entry', origin_id: entryId, reason: 'Significant event on 10 February 2026: Phone call with Ms Reed (class teacher): School rang: Bode had a bruise on his arm.' });
    }
    expect(await raisedAudit()).toBe(2);
    // Someone has looked at the prompts: changed again, still significant, it raises none.
    await db.execute(sql`UPDATE assessment_review_prompts SET resolved_at = now(), resolution = 'no-change', note = 'Seen' WHERE origin_id = ${entryId}`);
    expect((await worker.post(url, { ...noteForm([childId], { ...dateFields('occurredOn', '2026-02-10'), summary: 'School rang: Bode had a bruise on his arm; he said he fell.', significant: 'yes' }), version: '3' })).statusCode).toBe(303);
    expect(await prompts()).toHaveLength(2);
    expect(await raisedAudit()).toBe(2);
  });

  it('validates a change like a new note and keeps what was typed', async () => {
    const { childId, noteId } = await aNote();
    const res = await worker.post(`/people/${childId}/notes/${noteId}/edit`, { ...noteForm([childId], { summary: '' }), version: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(bodyText(res.body)).toContain('Write what happened');
    expect(bodyText(res.body)).toContain('Reload the page and try again');
    expect((await rows<{ version: number }>(t.database.db, sql`SELECT version FROM case_notes WHERE id = ${noteId}`))[0]!.version).toBe(1);
  });
});
