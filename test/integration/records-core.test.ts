import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, type TestApp } from '../helpers/app';
import { createChild } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { saveAssessmentSection } from '../../src/features/assessments/store';
import { assessments } from '../../src/features/assessments/tables';

describeEachDb('the record-keeping core: chronology entries and assessment revisions', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const ctx = () => ({ actor: { id: t.users.get(EMAILS.worker)!, name: 'Sam', email: EMAILS.worker, role: 'social-worker' as const, teamId: null }, requestId: 'test' });

  it('stores an event once and links it to every child it concerns', async () => {
    const a = await createChild(t.database.db);
    const b = await createChild(t.database.db);
    const id = await t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, ctx(), { occurredOn: '2025-03-01', category: 'domestic-abuse', summary: 'Police called to the home', significance: 'significant', personIds: [a.id, b.id, a.id] }),
    );
    const links = await rows<{ person_id: string; significant: boolean }>(t.database.db, sql`SELECT person_id, significant FROM chronology_links WHERE entry_id = ${id} ORDER BY person_id`);
    expect(links.map((l) => l.person_id).sort()).toEqual([a.id, b.id].sort());
    expect(links.every((l) => l.significant)).toBe(true);
    const entries = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM chronology_entries WHERE id = ${id}`);
    expect(entries[0]!.n).toBe(1);
    const audited = await rows<{ child_id: string }>(t.database.db, sql`SELECT child_id FROM audit_log WHERE subject_id = ${id}`);
    expect(audited).toHaveLength(2);
  });

  it('keeps every save of an assessment section as a revision, and refuses a stale save', async () => {
    const child = await createChild(t.database.db);
    const inserted = await t.database.db
      .insert(assessments)
      .values({ childId: child.id, variant: 'standard', referralDate: '2025-01-06', startedOn: '2025-01-06', dueOn: '2025-03-10' })
      .returning();
    const id = inserted[0]!.id;
    const first = await saveAssessmentSection(t.database.db, ctx(), { assessmentId: id, section: 'plan', data: { aims: 'Understand what life is like for Jade' }, expectedVersion: 1 });
    expect(first).toMatchObject({ ok: true, version: 2, revision: 1, changed: ['aims'] });
    const second = await saveAssessmentSection(t.database.db, ctx(), { assessmentId: id, section: 'plan', data: { aims: 'Understand what life is like for Jade', consent: 'Given' }, expectedVersion: 2 });
    expect(second).toMatchObject({ ok: true, version: 3, revision: 2, changed: ['consent'] });
    const stale = await saveAssessmentSection(t.database.db, ctx(), { assessmentId: id, section: 'plan', data: { aims: 'Overwrite' }, expectedVersion: 2 });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', savedVersion: 3, saved: { aims: 'Understand what life is like for Jade', consent: 'Given' } });
    const revisions = await rows<{ revision: number }>(t.database.db, sql`SELECT revision FROM assessment_revisions WHERE assessment_id = ${id} ORDER BY revision`);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
  });
});
