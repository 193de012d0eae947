/**
 * Lock order (docs/architecture.md): audit() holds the audit chain's head until the transaction
 * ends, so a transaction takes every other row lock before its first audit row. A checkpoint decision
 * and an authorisation lock the assessment, audit, and then write a chronology entry (and, for an
 * escalation, a task) that refer to the child: their foreign keys take FOR KEY SHARE on the child's
 * row. An allocation locks the child FOR UPDATE and then audits. So the decision must lock the child
 * before it audits, or the two deadlock on PostgreSQL (40P01: a server error for one of them). The
 * same holds for a chronology entry recorded as significant or changed to significant (typed, or
 * from a visit or a case note), whose review prompts refer to the children's assessments (locked FOR
 * UPDATE by a save of the assessment, which then audits): the prompts are raised before the first
 * audit row.
 *
 * On every database: the statements lock what they need before the first audit statement. On
 * PostgreSQL: a decision and an allocation, and a significant chronology entry and a save of the
 * child's assessment, made to meet in the worst order, both finish.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment, createChild, createEpisode } from '../helpers/factories';
import { holdTransaction, waitForLockWaiters } from '../helpers/concurrency';
import { queryCounter, rows, type QueryStore } from '../../src/platform/db';
import { decideCheckpoint } from '../../src/features/assessments/checkpointService';
import { sectionsService } from '../../src/features/assessments/sections/service';
import { saveAssessmentSection } from '../../src/features/assessments/store';
import { assessmentCheckpoints } from '../../src/features/assessments/tables';
import { todayInLondon } from '../../src/domain/dates';
import { addWorkingDays } from '../../src/domain/workingDays';
import { actorFor } from './security.fixture';
import { familyWithAssessment, completeEverything, openForm, tickedChecklist } from './assessments-sections.fixture';
import { noteForm, siblings, visitForm } from './visits.fixture';
import { analysis } from './assessments-living.fixture';

/** The statements `run` sends, in order. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const store: QueryStore = { count: 0, upkeep: 0, captured: [] };
  await queryCounter.run(store, run);
  return store.captured!.map((q) => q.sql.replace(/\s+/g, ' '));
}

const first = (statements: string[], pattern: RegExp) => statements.findIndex((s) => pattern.test(s));
const AUDIT = /audit_chain_head/;
const CHILD_LOCK = /FROM people WHERE id = \$\d+ FOR KEY SHARE/;
const LINK_INSERT = /insert into "chronology_links"/i;
const PROMPT_INSERT = /INSERT INTO assessment_review_prompts/;

describeEachDb('assessment decisions lock the child before the audit chain head', (kind) => {
  let t: TestApp;
  let as: Record<keyof typeof EMAILS, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const today = () => todayInLondon();

  /** An open assessment of a child of Front Door and Assessment (allocated unless told not to), its day 10 checkpoint open for a decision. */
  async function atCheckpoint(opts: { allocated?: boolean } = {}) {
    const db = t.database.db;
    const teamId = t.teams.get('Front Door and Assessment')!;
    const child = await createChild(db, opts.allocated === false ? {} : { currentTeamId: teamId });
    await createEpisode(db, child.id);
    const referralDate = addWorkingDays(today(), -11);
    const a = await createAssessment(db, child.id, { referralDate, startedOn: referralDate, dueOn: addWorkingDays(referralDate, 45), teamId, workerId: t.users.get(EMAILS.worker)! });
    await db.insert(assessmentCheckpoints).values([10, 30, 45].map((day) => ({ assessmentId: a.id, day, dueOn: addWorkingDays(referralDate, day) })));
    return { child, a };
  }

  async function decide(childId: string, assessmentId: string, decision: 'escalate' | 'close' | 'continue') {
    const actor = await actorFor(t, EMAILS.manager);
    const settings = await t.services.assessments.timescaleSettings();
    return decideCheckpoint(t.database.db, { actor, requestId: null }, { childId, assessmentId }, 10, { decision, reasons: 'Decided in the lock order test', outcome: decision === 'close' ? 'nfa' : null }, { today: today(), windowDays: settings.dueSoonDays, calendar: settings.calendar });
  }

  it('a checkpoint decision (escalated: a chronology entry and a task; closed) locks the child before its first audit row', async () => {
    for (const decision of ['escalate', 'close'] as const) {
      const { child, a } = await atCheckpoint();
      const statements = await statementsOf(async () => expect(await decide(child.id, a.id, decision)).toMatchObject({ ok: true }));
      const audit = first(statements, AUDIT);
      expect(audit, decision).toBeGreaterThan(-1);
      expect(first(statements, CHILD_LOCK), decision).toBeGreaterThan(-1);
      expect(first(statements, CHILD_LOCK), decision).toBeLessThan(audit);
      // What needs it: the chronology entry's links to the child are written after the first audit row.
      expect(first(statements, LINK_INSERT), decision).toBeGreaterThan(audit);
      if (decision === 'escalate') expect(first(statements, /insert into "tasks"/i)).toBeGreaterThan(audit);
    }
  });

  it('authorising locks the child before its first audit row', async () => {
    const f = await familyWithAssessment(t);
    await completeEverything(as.worker, f);
    const submit = await openForm(as.worker, `${f.base}/submit`);
    expect((await as.worker.post(`${f.base}/submit`, { version: submit.version })).statusCode).toBe(303);
    const checklist = await openForm(as.manager, `${f.base}/sections/checklist`);
    expect((await as.manager.post(`${f.base}/sections/checklist`, { version: checklist.version, base: checklist.base, action: 'save', ...tickedChecklist })).statusCode).toBe(303);
    const version = (await rows<{ version: number }>(t.database.db, sql`SELECT version FROM assessments WHERE id = ${f.assessment.id}`))[0]!.version;
    const actor = await actorFor(t, EMAILS.manager);
    const statements = await statementsOf(async () => expect(await sectionsService(t.database.db).authorise({ actor, requestId: null }, f.child.id, f.assessment.id, Number(version))).toMatchObject({ outcome: 'done' }));
    const audit = first(statements, AUDIT);
    expect(audit).toBeGreaterThan(-1);
    expect(first(statements, CHILD_LOCK)).toBeGreaterThan(-1);
    expect(first(statements, CHILD_LOCK)).toBeLessThan(audit);
    expect(first(statements, LINK_INSERT)).toBeGreaterThan(audit);
  });

  it('a visit changed to significant raises the children’s review prompts (locking their assessments) before its first audit row', async () => {
    const family = await siblings(t, { count: 2 });
    const [childId, brotherId] = family.ids as [string, string];
    for (const id of family.ids) await createAssessment(t.database.db, id);
    const url = `/people/${childId}/visits/new`;
    const recorded = await as.worker.post(url, visitForm(family.ids));
    expect(recorded.statusCode).toBe(303);
    const visitId = String(recorded.headers.location).split('/').pop()!;
    const actor = await actorFor(t, EMAILS.worker);
    const visit = (await t.services.visits.open({ actor, requestId: null }, childId, visitId, {}, false))!;
    const change = {
      visitDate: visit.visitDate,
      type: visit.type,
      othersSeen: visit.othersSeen,
      observed: visit.observed,
      analysis: visit.analysis,
      nextSteps: visit.nextSteps,
      version: visit.version,
      children: [
        { personId: childId, seen: true, seenAlone: true, notSeenAloneReason: null, bedroomSeen: 'yes' as const, childWords: 'I like my new bed.' },
        { personId: brotherId, seen: false, seenAlone: null, notSeenAloneReason: 'He was at his dad’s', bedroomSeen: 'no' as const, childWords: null },
      ],
    };
    const statements = await statementsOf(async () => expect(await t.services.visits.change({ actor, requestId: null }, childId, visitId, change, {})).toEqual({ outcome: 'saved' }));
    expectPromptsBeforeAudit(statements);
    const prompts = await rows(t.database.db, sql`SELECT 1 FROM assessment_review_prompts p JOIN assessments a ON a.id = p.assessment_id WHERE a.child_id IN (${childId}, ${brotherId})`);
    expect(prompts).toHaveLength(2);
  });

  /** The prompts' insert (which locks the assessments it refers to) comes before the audit chain head is first taken. */
  function expectPromptsBeforeAudit(statements: string[]) {
    const audit = first(statements, AUDIT);
    expect(audit).toBeGreaterThan(-1);
    expect(first(statements, PROMPT_INSERT)).toBeGreaterThan(-1);
    expect(first(statements, PROMPT_INSERT)).toBeLessThan(audit);
  }

  it('a case note changed to significant raises the children’s review prompts before its first audit row', async () => {
    const family = await siblings(t, { count: 2 });
    const [childId] = family.ids as [string, string];
    for (const id of family.ids) await createAssessment(t.database.db, id);
    expect((await as.worker.post(`/people/${childId}/notes/new`, noteForm(family.ids))).statusCode).toBe(303);
    const noteId = (await rows<{ note_id: string }>(t.database.db, sql`SELECT note_id FROM case_note_people WHERE person_id = ${childId}`))[0]!.note_id;
    const actor = await actorFor(t, EMAILS.worker);
    const change = { occurredOn: today(), type: 'phone-call' as const, participants: null, summary: 'School rang: Bode had a bruise on his arm.', significant: true, version: 1 };
    const statements = await statementsOf(async () => expect(await t.services.caseNotes.change({ actor, requestId: null }, childId, noteId, change, {})).toEqual({ outcome: 'saved' }));
    expectPromptsBeforeAudit(statements);
  });

  /** An event typed on the first child's chronology, also about the second (EntryInput). */
  const typedEntry = (brotherId: string, significance: 'significant' | 'routine') => ({
    occurredOn: today(),
    precision: 'day' as const,
    category: 'education' as const,
    summary: 'Excluded from school for two days.',
    sourceKind: 'agency' as const,
    sourceName: null,
    sourceAgency: 'Oakfield Primary School',
    significance,
    impact: significance === 'significant' ? 'Amara is missing school.' : null,
    people: [brotherId],
  });

  it('a significant chronology entry raises the children’s review prompts before its first audit row', async () => {
    const family = await siblings(t, { count: 2 });
    const [childId, brotherId] = family.ids as [string, string];
    for (const id of family.ids) await createAssessment(t.database.db, id);
    const actor = await actorFor(t, EMAILS.worker);
    const statements = await statementsOf(() => t.services.chronology.add({ actor, requestId: null }, childId, typedEntry(brotherId, 'significant')));
    expectPromptsBeforeAudit(statements);
  });

  it('a chronology entry changed to significant raises the children’s review prompts before its first audit row', async () => {
    const family = await siblings(t, { count: 2 });
    const [childId, brotherId] = family.ids as [string, string];
    for (const id of family.ids) await createAssessment(t.database.db, id);
    const actor = await actorFor(t, EMAILS.worker);
    const input = typedEntry(brotherId, 'routine');
    const entryId = await t.services.chronology.add({ actor, requestId: null }, childId, input);
    const changed = typedEntry(brotherId, 'significant');
    const statements = await statementsOf(async () => expect(await t.services.chronology.update({ actor, requestId: null }, childId, entryId, changed, 1, [brotherId])).toEqual({ outcome: 'saved' }));
    expectPromptsBeforeAudit(statements);
  });

  if (kind !== 'postgres') return;

  /** Holds the audit chain's head, starts `a`, waits until it is queued, starts `b`, waits until both are, then lets them go. */
  async function meet<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
    const head = await holdTransaction(t.database.db, async (tx) => {
      await tx.execute(sql`SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
    });
    const first = a();
    await waitForLockWaiters(t.database.db, 1);
    const second = b();
    await waitForLockWaiters(t.database.db, 2);
    await head.commit();
    return Promise.all([first, second]);
  }

  it('a checkpoint escalated while the child is being allocated: both finish, neither is a server error', async () => {
    const { child, a } = await atCheckpoint({ allocated: false });
    const actor = await actorFor(t, EMAILS.manager);
    const [decided, allocated] = await meet(
      () => decide(child.id, a.id, 'escalate'),
      () => t.services.caseload.allocate({ actor, requestId: null }, child.id, { teamId: actor.teamId!, workerId: null, fromDate: today(), reason: null, currentAllocationId: null }),
    );
    expect(decided).toMatchObject({ ok: true });
    expect(allocated).toMatchObject({ outcome: 'ok' });
    const person = await rows<{ current_team_id: string }>(t.database.db, sql`SELECT current_team_id FROM people WHERE id = ${child.id}`);
    expect(person).toEqual([{ current_team_id: actor.teamId }]);
  });

  it('a significant event added to the chronology while the child’s assessment is being saved: both finish, neither is a server error', async () => {
    const family = await siblings(t, { count: 2 });
    const [childId, brotherId] = family.ids as [string, string];
    const assessment = await createAssessment(t.database.db, childId);
    const actor = await actorFor(t, EMAILS.worker);
    const ctx = { actor, requestId: null };
    const [entryId, saved] = await meet(
      () => t.services.chronology.add(ctx, childId, typedEntry(brotherId, 'significant')),
      () => saveAssessmentSection(t.database.db, ctx, { assessmentId: assessment.id, section: 'analysis', data: analysis(), expectedVersion: assessment.version }),
    );
    expect(saved).toMatchObject({ ok: true });
    const prompts = await rows<{ origin_id: string }>(t.database.db, sql`SELECT origin_id FROM assessment_review_prompts WHERE assessment_id = ${assessment.id}`);
    expect(prompts).toEqual([{ origin_id: entryId }]);
  });
});
