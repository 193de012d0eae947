/**
 * Lock order (docs/architecture.md): audit() holds the audit chain's head until the transaction
 * ends, so a transaction takes every other row lock before its first audit row, including the
 * FOR KEY SHARE locks that a row's foreign keys take on the rows it refers to. An allocation locks
 * the child FOR UPDATE and then audits; a save of an assessment locks it FOR UPDATE and then audits.
 * A transaction that audited first and then wrote a row referring to that child (a chronology line,
 * a task) or that assessment (a review prompt) waited for it while holding the head: a deadlock on
 * PostgreSQL (40P01, a server error for one of the two people).
 *
 * On every database: the statements of each change take those locks (or write the rows that take
 * them) before the audit chain head is first taken. On PostgreSQL: changes made to meet an
 * allocation or an assessment save in the worst order both finish.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { createAssessment, createChild, createEpisode, createHousehold } from '../helpers/factories';
import { firstStatement, meetAtAuditHead, statementsOf } from '../helpers/concurrency';
import { rows } from '../../src/platform/db';
import { saveAssessmentSection } from '../../src/features/assessments/store';
import { sectionsService } from '../../src/features/assessments/sections/service';
import { finishTask } from '../../src/features/tasks/repository';
import { recordAnnualReview } from '../../src/features/assessments/living/annualReviewStore';
import { recordSharing } from '../../src/features/assessments/living/familyVersions';
import { addDays } from '../../src/domain/workingDays';
import { tasks } from '../../src/features/tasks/tables';
import { todayInLondon } from '../../src/domain/dates';
import { actorFor } from './security.fixture';
import { analysis } from './assessments-living.fixture';
import { makeFamily } from './assessments-core.fixture';

const AUDIT = /audit_chain_head/;
const PROMPT_INSERT = /INSERT INTO assessment_review_prompts/;
const LINK_INSERT = /insert into "chronology_links"/i;
const ASSESSMENT_INSERT = /insert into "assessments"/i;
const TASK_INSERT = /insert into "tasks"/i;
const CHILD_LOCK = /FROM people WHERE id = \$\d+ FOR KEY SHARE/;
const ASSESSMENT_CHILD_LOCK = /JOIN people p ON p.id = a.child_id WHERE a.id = \$\d+ FOR KEY SHARE OF p/;

/** Both are found, and `before` comes before `after`. */
function expectBefore(statements: string[], before: RegExp, after: RegExp, what?: string) {
  const b = firstStatement(statements, before);
  const a = firstStatement(statements, after);
  expect(b, `${what ?? ''} ${before}`).toBeGreaterThan(-1);
  expect(a, `${what ?? ''} ${after}`).toBeGreaterThan(-1);
  expect(b, what).toBeLessThan(a);
}

const contactForm = (children: string[]) => {
  const [year, month, day] = todayInLondon().split('-');
  return {
    child: children,
    'receivedOn-day': String(Number(day)),
    'receivedOn-month': String(Number(month)),
    'receivedOn-year': year!,
    source: '6',
    concern: 'Police were called to the home after neighbours heard shouting and a child crying late at night.',
    consent: 'given',
  };
};

describeEachDb('records lock what they refer to before the audit chain head', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  /** A contact recorded through the app about new children, each with an assessment in progress (so a referral raises a review prompt on it). */
  async function contactAbout(n: number) {
    const children = [];
    for (let i = 0; i < n; i += 1) children.push(await createChild(t.database.db, { lastName: 'Locked' }));
    const assessments = [];
    for (const c of children) assessments.push(await createAssessment(t.database.db, c.id));
    const res = await worker.post('/contacts', contactForm(children.map((c) => c.id)));
    expect(res.statusCode).toBe(303);
    return { contactId: String(res.headers.location).split('/').pop()!, children, assessments };
  }

  async function decide(contactId: string) {
    const actor = await actorFor(t, EMAILS.manager);
    return t.services.frontDoor.decide({ actor, requestId: null }, contactId, { decision: 'referral', decisionReason: 'Needs an assessment: decided in the lock order test' }, {});
  }

  it('the contact decision (a referral) raises its review prompts before its first audit row', async () => {
    const { contactId, assessments } = await contactAbout(2);
    const statements = await statementsOf(async () => expect(await decide(contactId)).toMatchObject({ outcome: 'ok' }));
    expectBefore(statements, PROMPT_INSERT, AUDIT);
    const prompts = await rows<{ assessment_id: string }>(t.database.db, sql`SELECT assessment_id FROM assessment_review_prompts WHERE origin_id = ${contactId}`);
    expect(prompts.map((p) => p.assessment_id).sort()).toEqual(assessments.map((a) => a.id).sort());
  });

  it('a household created, joined and left raises its review prompts before its first audit row', async () => {
    const db = t.database.db;
    const actor = await actorFor(t, EMAILS.worker);
    const ctx = { actor, requestId: null };
    const [first, joining, staying] = [await createChild(db), await createChild(db), await createChild(db)];
    for (const c of [first, joining, staying]) await createAssessment(db, c.id);
    const { households } = t.services.families;
    let householdId = '';
    const created = await statementsOf(async () => (householdId = await households.create(ctx, first.id, { name: 'Lock Order household', fromDate: null })));
    expectBefore(created, PROMPT_INSERT, AUDIT, 'create');
    const existing = await createHousehold(db, 'Lock Order household two', [staying.id]);
    let memberId = '';
    const joined = await statementsOf(async () => {
      const result = await households.addMember(ctx, existing, { personId: joining.id, fromDate: null });
      expect(result).toMatchObject({ ok: true });
      memberId = (result as { value: { memberId: string } }).value.memberId;
    });
    expectBefore(joined, PROMPT_INSERT, AUDIT, 'add a member');
    const left = await statementsOf(async () => expect(await households.endMember(ctx, existing, memberId, todayInLondon())).toMatchObject({ ok: true }));
    expectBefore(left, PROMPT_INSERT, AUDIT, 'end a membership');
    const prompts = await rows<{ origin_type: string; child_id: string }>(
      db,
      sql`SELECT p.origin_type, a.child_id FROM assessment_review_prompts p JOIN assessments a ON a.id = p.assessment_id WHERE p.origin_id IN (${householdId}::uuid, ${memberId}::uuid) ORDER BY p.raised_at, a.child_id`,
    );
    expect(prompts.filter((p) => p.origin_type === 'household').map((p) => p.child_id)).toEqual([first.id]);
    // Joining: the child staying and the child joining; leaving (the same membership) raises none while those are open.
    expect(prompts.filter((p) => p.origin_type === 'household-member').map((p) => p.child_id).sort()).toEqual([joining.id, staying.id].sort());
  });

  /** An open task on a child with an open episode, allocated to no one yet. */
  async function openTask() {
    const db = t.database.db;
    const child = await createChild(db);
    await createEpisode(db, child.id);
    const inserted = await db.insert(tasks).values({ personId: child.id, kind: 'tell-police', title: 'Tell the police now', ownerId: t.users.get(EMAILS.worker)!, dueOn: todayInLondon() }).returning({ id: tasks.id });
    return { child, taskId: inserted[0]!.id };
  }

  const finish = async (personId: string, taskId: string) =>
    finishTask(t.database.db, { actor: await actorFor(t, EMAILS.worker), requestId: null }, { personId, taskId, version: 1 }, { status: 'done', note: 'Rang 101, reference 4471', today: todayInLondon() });

  it('finishing a task writes its chronology line (which locks the child) before its first audit row', async () => {
    const { child, taskId } = await openTask();
    const statements = await statementsOf(async () => expect(await finish(child.id, taskId)).toEqual({ outcome: 'finished' }));
    expectBefore(statements, LINK_INSERT, AUDIT);
    const audited = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE child_id = ${child.id} ORDER BY seq`);
    expect(audited.map((a) => a.action).sort()).toEqual(['chronology-entry-added', 'task-completed']);
  });

  /** Starts an assessment of the family's first child and of each brother or sister named, through the service, as the worker. */
  async function startWith(f: Awaited<ReturnType<typeof makeFamily>>, siblingIds: string[]) {
    const actor = await actorFor(t, EMAILS.worker);
    const today = todayInLondon();
    const childId = f.children[0]!.id;
    const options = (await t.services.assessments.start.options(actor, childId, today))!;
    const settings = await t.services.assessments.timescaleSettings();
    const choice = { variant: 'standard' as const, referral: options.referrals.find((r) => r.id === f.referrals.get(childId))!, earlyHelp: null, siblings: options.household.filter((c) => siblingIds.includes(c.id)) };
    expect(choice.siblings).toHaveLength(siblingIds.length);
    return t.services.assessments.start.start({ actor, requestId: null }, options, choice, { checkpoints: settings.checkpoints, calendar: settings.calendar, today });
  }

  it('starting assessments of a child and a brother locks both children (their assessments’ inserts) before the first audit row', async () => {
    const f = await makeFamily(t, { surname: `Start${Math.floor(Math.random() * 1e6)}` });
    const statements = await statementsOf(async () => expect(await startWith(f, [f.children[1]!.id])).toMatchObject({ ok: true }));
    const audit = firstStatement(statements, AUDIT);
    expect(audit).toBeGreaterThan(-1);
    expect(statements.slice(0, audit).filter((s) => ASSESSMENT_INSERT.test(s))).toHaveLength(2);
    const audited = await rows<{ action: string; child_id: string }>(t.database.db, sql`SELECT action, child_id FROM audit_log WHERE child_id IN (${f.children[0]!.id}, ${f.children[1]!.id}) AND action IN ('assessment-started', 'chronology-entry-added') ORDER BY seq`);
    expect(audited).toEqual([
      { action: 'assessment-started', child_id: f.children[0]!.id },
      { action: 'chronology-entry-added', child_id: f.children[0]!.id },
      { action: 'assessment-started', child_id: f.children[1]!.id },
      { action: 'chronology-entry-added', child_id: f.children[1]!.id },
    ]);
  });

  /** A child with an open episode and an authorised assessment whose annual review is due in ten days. */
  async function authorisedAssessment() {
    const db = t.database.db;
    const child = await createChild(db);
    await createEpisode(db, child.id);
    const assessment = await createAssessment(db, child.id, { status: 'authorised', authorisedOn: '2025-03-03', authorisedBy: t.users.get(EMAILS.manager)!, revision: 3, authorisedRevision: 3, reviewDueOn: addDays(todayInLondon(), 10) });
    return { child, assessment };
  }

  const review = async (childId: string, assessment: { id: string; version: number }) =>
    recordAnnualReview(t.database.db, { actor: await actorFor(t, EMAILS.manager), requestId: null }, { childId, assessmentId: assessment.id }, { outcome: 'no-change', changes: null, expectedVersion: assessment.version, noticeDays: 30 });

  const share = async (childId: string, assessmentId: string) =>
    recordSharing(t.database.db, { actor: await actorFor(t, EMAILS.worker), requestId: null }, { assessmentId, childId }, { audience: 'family', sharedOn: todayInLondon(), method: 'in-person', sharedWith: 'Mum', language: 'English', format: 'standard', notSharedReason: null, versionAudience: null, versionNumber: null, summary: 'The family’s version of the assessment was shared with Mum' });

  it('an annual review and a sharing of an assessment write their chronology line (which locks the child) before their first audit row', async () => {
    const { child, assessment } = await authorisedAssessment();
    const reviewed = await statementsOf(async () => expect(await review(child.id, assessment)).toMatchObject({ outcome: 'recorded' }));
    expectBefore(reviewed, LINK_INSERT, AUDIT, 'annual review');
    const shared = await statementsOf(() => share(child.id, assessment.id));
    expectBefore(shared, LINK_INSERT, AUDIT, 'sharing');
    const audited = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE child_id = ${child.id} ORDER BY seq`);
    expect(audited.map((a) => a.action).sort()).toEqual(['assessment-annual-review-recorded', 'assessment-sharing-recorded', 'chronology-entry-added', 'chronology-entry-added']);
  });

  /** An event typed on the child's chronology (EntryInput): routine education news, or a police incident reported by a neighbour (which raises "tell the police now"). */
  const typed = (category: 'education' | 'police-incident') => ({
    occurredOn: todayInLondon(),
    precision: 'day' as const,
    category,
    summary: category === 'education' ? 'Moved to a new class.' : 'Neighbour heard shouting and a crash.',
    sourceKind: 'person' as const,
    sourceName: 'A neighbour',
    sourceAgency: null,
    significance: 'routine' as const,
    impact: null,
    people: [],
  });

  /** A child with an open episode and a routine entry typed on their chronology; `change` makes it a police incident. */
  async function typedEntry() {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const ctx = { actor: await actorFor(t, EMAILS.worker), requestId: null };
    const entryId = await t.services.chronology.add(ctx, child.id, typed('education'));
    return { child, change: () => t.services.chronology.update(ctx, child.id, entryId, typed('police-incident'), 1, []) };
  }

  it('an entry changed into a police incident locks the child before its first audit row (its task is written after)', async () => {
    const { child, change } = await typedEntry();
    const statements = await statementsOf(async () => expect(await change()).toEqual({ outcome: 'saved' }));
    expectBefore(statements, CHILD_LOCK, AUDIT);
    expect(firstStatement(statements, TASK_INSERT)).toBeGreaterThan(firstStatement(statements, AUDIT));
    const raised = await rows<{ kind: string }>(t.database.db, sql`SELECT kind FROM tasks WHERE person_id = ${child.id}`);
    expect(raised).toEqual([{ kind: 'tell-police' }]);
  });

  /** A child with an open episode and an assessment in progress; `decide` saves its decision naming trafficking (DfE factor 12A), which raises an NRM referral task and one to tell the police. */
  async function decisionToSave() {
    const child = await createChild(t.database.db);
    await createEpisode(t.database.db, child.id);
    const assessment = await createAssessment(t.database.db, child.id, { workerId: t.users.get(EMAILS.worker)! });
    const ctx = { actor: await actorFor(t, EMAILS.worker), requestId: null };
    const data = { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'cin-plan', factors: ['12A'] };
    return { child, decide: () => sectionsService(t.database.db).save(ctx, { assessmentId: assessment.id, childId: child.id, section: 'decision', data, expectedVersion: assessment.version, base: '' }) };
  }

  it('an assessment decision naming trafficking locks the child before its first audit row (its task is written after)', async () => {
    const { child, decide } = await decisionToSave();
    const statements = await statementsOf(async () => expect(await decide()).toMatchObject({ ok: true }));
    expectBefore(statements, ASSESSMENT_CHILD_LOCK, AUDIT);
    expect(firstStatement(statements, TASK_INSERT)).toBeGreaterThan(firstStatement(statements, AUDIT));
    const raised = await rows<{ kind: string }>(t.database.db, sql`SELECT kind FROM tasks WHERE person_id = ${child.id} ORDER BY kind`);
    // Trafficking is a crime as well as a referral to the National Referral Mechanism: both tasks (A13).
    expect(raised).toEqual([{ kind: 'nrm-referral' }, { kind: 'tell-police' }]);
  });

  /** A child with an open child protection episode (closing it is a significant event) and an assessment in progress. */
  async function protectionEpisode() {
    const child = await createChild(t.database.db, { lastName: 'Closing' });
    const episode = await createEpisode(t.database.db, child.id, { type: 'child-protection', startDate: '2025-01-06' });
    const assessment = await createAssessment(t.database.db, child.id);
    return { child, episode, assessment };
  }
  async function closeIt(childId: string, episode: { id: string; version: number }) {
    const manager = await actorFor(t, EMAILS.manager);
    return t.services.caseload.closeEpisode({ actor: manager, requestId: null }, childId, episode.id, { endDate: todayInLondon(), closureReason: 'RC8', version: episode.version });
  }

  it('closing a child protection episode raises its review prompts before its first audit row', async () => {
    const { child, episode, assessment } = await protectionEpisode();
    const statements = await statementsOf(async () => expect(await closeIt(child.id, episode)).toMatchObject({ outcome: 'ok' }));
    expectBefore(statements, PROMPT_INSERT, AUDIT);
    const prompts = await rows<{ assessment_id: string }>(t.database.db, sql`SELECT assessment_id FROM assessment_review_prompts WHERE assessment_id = ${assessment.id}`);
    expect(prompts).toHaveLength(1);
  });

  if (kind !== 'postgres') return;

  it('an assessment decision naming trafficking saved while the child is being allocated: both finish, each task raised once', async () => {
    const { child, decide } = await decisionToSave();
    const manager = await actorFor(t, EMAILS.manager);
    const [saved, allocated] = await meetAtAuditHead(
      t.database.db,
      decide,
      () => t.services.caseload.allocate({ actor: manager, requestId: null }, child.id, { teamId: manager.teamId!, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: null }),
    );
    expect(saved).toMatchObject({ ok: true });
    expect(allocated).toMatchObject({ outcome: 'ok' });
    expect(await rows(t.database.db, sql`SELECT 1 FROM tasks WHERE person_id = ${child.id}`)).toHaveLength(2);
  });

  it('an entry changed into a police incident while the child is being allocated: both finish, the task raised once', async () => {
    const { child, change } = await typedEntry();
    const manager = await actorFor(t, EMAILS.manager);
    const [changed, allocated] = await meetAtAuditHead(
      t.database.db,
      change,
      () => t.services.caseload.allocate({ actor: manager, requestId: null }, child.id, { teamId: manager.teamId!, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: null }),
    );
    expect(changed).toEqual({ outcome: 'saved' });
    expect(allocated).toMatchObject({ outcome: 'ok' });
    expect(await rows(t.database.db, sql`SELECT 1 FROM tasks WHERE person_id = ${child.id}`)).toHaveLength(1);
  });

  /** Allocates the child (with an open episode, allocated to no one) to the manager's team. */
  const allocate = async (childId: string) => {
    const manager = await actorFor(t, EMAILS.manager);
    return t.services.caseload.allocate({ actor: manager, requestId: null }, childId, { teamId: manager.teamId!, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: null });
  };

  it('an annual review recorded, or a sharing, while the child is being allocated: both finish, neither is a server error', async () => {
    const first = await authorisedAssessment();
    const [reviewed, allocated] = await meetAtAuditHead(t.database.db, () => review(first.child.id, first.assessment), () => allocate(first.child.id));
    expect(reviewed).toMatchObject({ outcome: 'recorded' });
    expect(allocated).toMatchObject({ outcome: 'ok' });
    const second = await authorisedAssessment();
    const [, allocatedToo] = await meetAtAuditHead(t.database.db, () => share(second.child.id, second.assessment.id), () => allocate(second.child.id));
    expect(allocatedToo).toMatchObject({ outcome: 'ok' });
  });

  it('assessments of a child and a brother started while the brother is being allocated: both finish, neither is a server error', async () => {
    const f = await makeFamily(t, { surname: `Met${Math.floor(Math.random() * 1e6)}` });
    const brother = f.children[1]!.id;
    const current = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM allocations WHERE person_id = ${brother} AND to_date IS NULL`);
    const manager = await actorFor(t, EMAILS.manager);
    const [started, allocated] = await meetAtAuditHead(
      t.database.db,
      () => startWith(f, [brother]),
      () => t.services.caseload.allocate({ actor: manager, requestId: null }, brother, { teamId: manager.teamId!, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: current[0]!.id }),
    );
    expect(started).toMatchObject({ ok: true });
    expect(allocated).toMatchObject({ outcome: 'ok' });
  });

  it('a task finished while the child is being allocated: both finish, neither is a server error', async () => {
    const { child, taskId } = await openTask();
    const manager = await actorFor(t, EMAILS.manager);
    const [finished, allocated] = await meetAtAuditHead(
      t.database.db,
      () => finish(child.id, taskId),
      () => t.services.caseload.allocate({ actor: manager, requestId: null }, child.id, { teamId: manager.teamId!, workerId: null, fromDate: todayInLondon(), reason: null, currentAllocationId: null }),
    );
    expect(finished).toEqual({ outcome: 'finished' });
    expect(allocated).toMatchObject({ outcome: 'ok' });
  });

  it('a contact decided while a child’s assessment is being saved: both finish, the prompt raised once', async () => {
    const { contactId, assessments } = await contactAbout(1);
    const assessment = assessments[0]!;
    const actor = await actorFor(t, EMAILS.worker);
    const [decided, saved] = await meetAtAuditHead(
      t.database.db,
      () => decide(contactId),
      () => saveAssessmentSection(t.database.db, { actor, requestId: null }, { assessmentId: assessment.id, section: 'analysis', data: analysis(), expectedVersion: assessment.version }),
    );
    expect(decided).toMatchObject({ outcome: 'ok' });
    expect(saved).toMatchObject({ ok: true });
    const prompts = await rows(t.database.db, sql`SELECT 1 FROM assessment_review_prompts WHERE assessment_id = ${assessment.id} AND origin_id = ${contactId}`);
    expect(prompts).toHaveLength(1);
  });

  it('a household created while the child’s assessment is being saved: both finish, the prompt raised once', async () => {
    const child = await createChild(t.database.db);
    const assessment = await createAssessment(t.database.db, child.id);
    const actor = await actorFor(t, EMAILS.worker);
    const ctx = { actor, requestId: null };
    const [householdId, saved] = await meetAtAuditHead(
      t.database.db,
      () => t.services.families.households.create(ctx, child.id, { name: 'Met household', fromDate: null }),
      () => saveAssessmentSection(t.database.db, ctx, { assessmentId: assessment.id, section: 'analysis', data: analysis(), expectedVersion: assessment.version }),
    );
    expect(saved).toMatchObject({ ok: true });
    const prompts = await rows(t.database.db, sql`SELECT 1 FROM assessment_review_prompts WHERE assessment_id = ${assessment.id} AND origin_id = ${householdId}`);
    expect(prompts).toHaveLength(1);
  });

  it('a child protection episode closed while the child’s assessment is being saved: both finish, the prompt raised once', async () => {
    const { child, episode, assessment } = await protectionEpisode();
    const actor = await actorFor(t, EMAILS.worker);
    const [closed, saved] = await meetAtAuditHead(
      t.database.db,
      () => closeIt(child.id, episode),
      () => saveAssessmentSection(t.database.db, { actor, requestId: null }, { assessmentId: assessment.id, section: 'analysis', data: analysis(), expectedVersion: assessment.version }),
    );
    expect(closed).toMatchObject({ outcome: 'ok' });
    expect(saved).toMatchObject({ ok: true });
    expect(await rows(t.database.db, sql`SELECT 1 FROM assessment_review_prompts WHERE assessment_id = ${assessment.id}`)).toHaveLength(1);
  });
});

