/**
 * Review prompts (A10) go on the child's live assessment: the newest one open or authorised, passing
 * over one closed (at a checkpoint, or stepped up), so the prompt shows on a list and can be dealt
 * with; a child with no live assessment gets none. An update of the assessment's content closes its
 * open prompts as updated, recording who and when, as closing one by hand does; a save that changes
 * nothing, the plan and the manager's checklist do not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { rows } from '../../src/platform/db';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { actorFor } from './security.fixture';
import { analysis, count, livingFamily, openPrompts, saveSection } from './assessments-living.fixture';
import { completeAnalysis, openForm } from './assessments-sections.fixture';

type Role = keyof typeof EMAILS;
type Living = Awaited<ReturnType<typeof livingFamily>>;

describeEachDb('review prompts on the live assessment, closed by an update (A10)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  /** A significant event about these people, recorded as the chronology records it (raising the prompts). */
  async function significantEvent(personIds: string[], summary = 'Police called: Dad punched Mum; the children were in the house.') {
    const actor = await actorFor(t, EMAILS.worker);
    await t.database.db.transaction((tx) => recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-10', category: 'police-incident', summary, significance: 'significant', personIds }));
  }

  /** Ellie's assessment authorised a year ago, its annual review not yet near. */
  async function authorise(f: Living) {
    await t.database.db.execute(
      sql`UPDATE assessments SET status = 'authorised', authorised_on = '2025-03-01', authorised_by = ${t.users.get(EMAILS.manager)!}, authorised_at = now(),
            authorised_revision = revision, review_due_on = '2099-03-01' WHERE id = ${f.assessment.id}`,
    );
  }

  /** A newer assessment of the child, closed by the manager at its day 10 checkpoint. */
  const closedAtCheckpoint = (f: Living, childId: string) =>
    createAssessment(t.database.db, childId, {
      workerId: f.workerId,
      teamId: f.teamId,
      referralDate: '2026-01-05',
      startedOn: '2026-01-05',
      dueOn: '2026-03-09',
      status: 'closed',
      closedOn: '2026-01-19',
      closedReason: 'checkpoint',
      closedOutcome: 'nfa',
      closedAtDay: 10,
    });

  const raisedFor = (childId: string) => count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-raised' AND child_id = ${childId}`);

  it('goes on the newest open or authorised assessment, passing over a newer one closed at a checkpoint; it is on the worker’s list and can be closed', async () => {
    const f = await livingFamily(t);
    await authorise(f);
    const closed = await closedAtCheckpoint(f, f.ellie.id);
    // Tom's only assessment was closed at a checkpoint: nothing of his is live.
    await t.database.db.execute(sql`UPDATE assessments SET status = 'closed', closed_on = '2025-01-20', closed_reason = 'checkpoint', closed_outcome = 'nfa', closed_at_day = 10 WHERE id = ${f.tomsAssessment.id}`);
    await significantEvent([f.ellie.id, f.tom.id, f.mum.id]);

    expect(await openPrompts(t, f.assessment.id)).toEqual([expect.objectContaining({ origin_type: 'chronology-entry', reason: 'Significant event on 10 February 2026: Police called: Dad punched Mum; the children were in the house.' })]);
    expect(await openPrompts(t, closed.id)).toEqual([]);
    expect(await openPrompts(t, f.tomsAssessment.id)).toEqual([]);
    expect(await raisedFor(f.ellie.id)).toBe(1);
    expect(await raisedFor(f.tom.id)).toBe(0);

    // The worker's list shows it, and the overview links to closing it.
    const list = bodyText((await as.worker.get('/assessments')).body);
    expect(list).toMatch(new RegExp(`Assessments to review .*Ellie ${f.ellie.lastName} Child and family assessment, authorised 1 March 2025 Needs review 1 new item of information`));
    const [prompt] = await openPrompts(t, f.assessment.id);
    expect((await as.worker.get(f.base)).body).toContain(`${f.base}/prompts/${prompt!.id}/resolve`);
    const closedNow = await as.worker.post(`${f.base}/prompts/${prompt!.id}/resolve`, { resolution: 'no-change', note: 'Known already: the plan covers it' });
    expect(closedNow.statusCode).toBe(303);
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    expect(bodyText((await as.worker.get('/assessments')).body)).not.toContain(`Ellie ${f.ellie.lastName}`);
  });

  it('goes on an open assessment newer than the authorised one, and on none when every assessment is closed', async () => {
    const f = await livingFamily(t);
    await authorise(f);
    const newer = await createAssessment(t.database.db, f.ellie.id, { workerId: f.workerId, teamId: f.teamId, referralDate: '2026-01-05', startedOn: '2026-01-05', dueOn: '2026-03-09' });
    await significantEvent([f.ellie.id]);
    expect(await openPrompts(t, newer.id)).toHaveLength(1);
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);

    const g = await livingFamily(t);
    await t.database.db.execute(sql`UPDATE assessments SET status = 'closed', closed_on = '2025-01-20', closed_reason = 'checkpoint', closed_outcome = 'nfa', closed_at_day = 10 WHERE id = ${g.assessment.id}`);
    await closedAtCheckpoint(g, g.ellie.id);
    await significantEvent([g.ellie.id]);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_review_prompts r JOIN assessments a ON a.id = r.assessment_id WHERE a.child_id = ${g.ellie.id}`)).toBe(0);
    expect(await raisedFor(g.ellie.id)).toBe(0);
  });

  it('is closed as updated when the worker changes the assessment, with who and when; saving nothing new, the plan or the checklist leaves it open', async () => {
    const f = await livingFamily(t);
    await significantEvent([f.ellie.id]);
    const [prompt] = await openPrompts(t, f.assessment.id);
    const workerId = t.users.get(EMAILS.worker)!;

    // The plan and the manager's checklist are not the update the prompt asks for.
    await saveSection(t, f.assessment.id, 'plan', { aims: 'See Ellie at school' });
    await saveSection(t, f.assessment.id, 'checklist', { items: {}, comments: 'Read the new police report' }, EMAILS.manager);
    expect(await openPrompts(t, f.assessment.id)).toHaveLength(1);

    // The worker updates the analysis through its page.
    const url = `${f.base}/sections/analysis`;
    const { completed: _completed, ...fields } = completeAnalysis;
    const form = await openForm(as.worker, url);
    const saved = await as.worker.post(url, { version: form.version, base: form.base, action: 'save', ...fields, worried: 'Police were called on 10 February: Dad punched Mum' });
    expect(saved.statusCode).toBe(303);
    expect(bodyText((await as.worker.get(url)).body)).toContain('Saved. This change is kept as a new revision of the assessment. The prompt to review it is closed as updated');
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    const stored = await rows<{ resolution: string; resolved_by: string; note: string | null; after_raised: boolean; revision_at: boolean }>(
      t.database.db,
      sql`SELECT r.resolution, r.resolved_by, r.note, r.resolved_at > r.raised_at AS after_raised,
                 r.resolved_at = (SELECT max(v.changed_at) FROM assessment_revisions v WHERE v.assessment_id = r.assessment_id) AS revision_at
          FROM assessment_review_prompts r WHERE r.id = ${prompt!.id}`,
    );
    expect(stored).toEqual([{ resolution: 'updated', resolved_by: workerId, note: null, after_raised: true, revision_at: true }]);
    // Audited with the save, as closing it by hand is.
    const audited = await rows<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT action, actor_id, details FROM audit_log WHERE subject_id = ${f.assessment.id} AND action IN ('assessment-section-saved', 'assessment-review-prompt-resolved') ORDER BY seq DESC LIMIT 2`,
    );
    const revision = (await rows<{ revision: number }>(t.database.db, sql`SELECT revision FROM assessments WHERE id = ${f.assessment.id}`))[0]!.revision;
    expect(audited.reverse()).toEqual([
      { action: 'assessment-section-saved', actor_id: workerId, details: expect.objectContaining({ section: 'analysis', revision }) },
      { action: 'assessment-review-prompt-resolved', actor_id: workerId, details: { promptId: prompt!.id, resolution: 'updated', revision } },
    ]);
    // Closing it by hand afterwards says it was dealt with.
    const late = await as.worker.post(`${f.base}/prompts/${prompt!.id}/resolve`, { resolution: 'updated' });
    expect(late.statusCode).toBe(303);
    expect(bodyText((await as.worker.get(f.base)).body)).toContain('Someone else had already dealt with this prompt.');

    // A save that changes nothing leaves the next prompt open; the next change closes it.
    await significantEvent([f.ellie.id], 'Ellie missing overnight, found by police.');
    const again = await openForm(as.worker, url);
    expect((await as.worker.post(url, { version: again.version, base: again.base, action: 'save', ...fields, worried: 'Police were called on 10 February: Dad punched Mum' })).statusCode).toBe(303);
    expect(bodyText((await as.worker.get(url)).body)).toContain('Saved. Nothing had changed');
    expect(await openPrompts(t, f.assessment.id)).toHaveLength(1);
    await saveSection(t, f.assessment.id, 'analysis', analysis({ worried: 'Ellie went missing overnight on 11 February.' }), EMAILS.manager);
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    expect(await count(t, sql`SELECT count(*) AS n FROM assessment_review_prompts WHERE assessment_id = ${f.assessment.id} AND resolution = 'updated' AND resolved_by = ${t.users.get(EMAILS.manager)!}`)).toBe(1);
  });

  it('closes the prompt that opened an authorised assessment for updating, which stays open until the manager reviews the changes', async () => {
    const f = await livingFamily(t);
    await authorise(f);
    await significantEvent([f.ellie.id]);
    expect(bodyText((await as.worker.get(`${f.base}/sections/analysis`)).body)).toContain('It is open for updating because there is new information to review');
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    expect(bodyText((await as.worker.get(`${f.base}/sections/analysis`)).body)).toContain('This assessment has been updated since it was authorised. It stays open for updating until the manager records the review of the changes');
  });
});
