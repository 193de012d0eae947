import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { assessmentCheckpoints, assessmentReviewPrompts } from '../../src/features/assessments/tables';
import { makeFamily, today, workingDay } from './assessments-core.fixture';

type Role = keyof typeof EMAILS;

describeEachDb('"My assessments" and the team\'s open assessments (A2, A10)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  /** An open assessment for a new child of the worker's team, `daysAgo` working days after its referral. */
  async function open(surname: string, daysAgo: number, opts: { team?: string; workerEmail?: string; prompt?: boolean; status?: 'in-progress' | 'awaiting-authorisation' | 'closed' } = {}) {
    const referralDate = workingDay(-daysAgo);
    const f = await makeFamily(t, { births: ['2015-01-01'], referralDate, surname, ...opts });
    const child = f.children[0]!;
    const closed = opts.status === 'closed' ? { closedOn: today(), closedReason: 'checkpoint' as const, closedOutcome: 'nfa' as const, closedAtDay: 10 } : {};
    const a = await createAssessment(t.database.db, child.id, { referralDate, startedOn: referralDate, dueOn: addWorkingDays(referralDate, 45), workerId: f.workerId, teamId: f.teamId, status: opts.status ?? 'in-progress', ...closed });
    await t.database.db.insert(assessmentCheckpoints).values([10, 30, 45].map((day) => ({ assessmentId: a.id, day, dueOn: addWorkingDays(referralDate, day) })));
    if (opts.prompt) await t.database.db.insert(assessmentReviewPrompts).values({ assessmentId: a.id, reason: 'A new referral was received' });
    return { child, a };
  }

  /** A child of the team whose newest assessment was authorised about a year ago. */
  async function authorised(surname: string, reviewInDays: number) {
    const f = await makeFamily(t, { births: ['2014-01-01'], surname });
    const child = f.children[0]!;
    const a = await createAssessment(t.database.db, child.id, {
      status: 'authorised',
      referralDate: addDays(today(), -400),
      startedOn: addDays(today(), -400),
      dueOn: addDays(today(), -340),
      authorisedOn: addDays(today(), reviewInDays - 365),
      authorisedBy: t.users.get(EMAILS.manager)!,
      reviewDueOn: addDays(today(), reviewInDays),
      workerId: f.workerId,
      teamId: f.teamId,
    });
    return { child, a };
  }

  it('lists the worker’s open assessments, most urgent first, with days left or late and what needs attention', async () => {
    await open('Ontrack', 3);
    await open('Latefamily', 50, { prompt: true });
    await open('Duesoon', 42);
    await open('Otherteam', 50, { team: 'Children in Need North', workerEmail: EMAILS.worker2 });
    await authorised('Reviewdue', 10);
    const res = await as.worker.get('/assessments');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    const late = text.indexOf('Jade Latefamily');
    const soon = text.indexOf('Jade Duesoon');
    const track = text.indexOf('Jade Ontrack');
    expect(late).toBeGreaterThan(-1);
    expect(late).toBeLessThan(soon);
    expect(soon).toBeLessThan(track);
    expect(text).not.toContain('Otherteam');
    expect(text).toMatch(/Jade Latefamily.*?Late.*?working days? late.*?Needs review.*?Reasons for lateness needed/);
    expect(text).toMatch(/Jade Duesoon.*?Due soon.*?3 working days left/);
    expect(text).toMatch(/Jade Ontrack.*?On track.*?42 working days left/);
    expect(text).toMatch(/Assessments to review.*Jade Reviewdue.*Annual review due/);
    // Priya sees her own, not Sam's.
    const priya = bodyText((await as.worker2.get('/assessments')).body);
    expect(priya).toContain('Jade Otherteam');
    expect(priya).not.toContain('Latefamily');
  });

  it('shows the manager every open assessment of the team once: waiting for authorisation, late, due soon and on track', async () => {
    await open('Mlate', 48);
    await open('Msoon', 41);
    await open('Mtrack', 2);
    await open('Mwaiting', 46, { status: 'awaiting-authorisation' });
    await open('Mclosed', 12, { status: 'closed' });
    await authorised('Mreview', -3);
    await authorised('Mlater', 90);
    const res = await as.manager.get('/assessments/team');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    const section = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from) + from.length));
    expect(text).toMatch(/Waiting for your authorisation: 1.*Late: \d+.*Due soon: \d+.*On track: \d+/);
    // Each heading is followed by its table's (hidden) caption.
    const waiting = section('Waiting for your authorisation Waiting for your authorisation', 'Late Late');
    expect(waiting).toContain('Jade Mwaiting');
    expect(waiting).toMatch(/Jade Mwaiting.*Late.*working day late.*Check and authorise/);
    expect(res.body).toContain('sections/checklist">Check and authorise');
    expect(section('Late Late', 'Due soon Due soon')).toContain('Jade Mlate');
    expect(section('Late Late', 'Due soon Due soon')).not.toContain('Jade Mwaiting');
    expect(section('Due soon Due soon', 'On track On track')).toContain('Jade Msoon');
    expect(section('On track On track', 'Checkpoint decisions')).toMatch(/Jade Mtrack.*On track.*43 working days left/);
    expect(text).not.toContain('Jade Mclosed');
    expect(section('Checkpoint decisions', 'Annual reviews')).toMatch(/Jade Mlate.*Working day 10/);
    expect(section('Checkpoint decisions', 'Annual reviews')).not.toContain('Jade Mtrack');
    expect(section('Annual reviews', 'Signed in')).toContain('Jade Mreview');
    expect(section('Annual reviews', 'Signed in')).toContain('Overdue');
    expect(text).not.toContain('Jade Mlater');
    // The other team's manager sees none of it.
    const other = bodyText((await as.manager2.get('/assessments/team')).body);
    expect(other).not.toContain('Mlate');
    expect(other).not.toContain('Mtrack');
  });

  it('refuses the lists to those who do not hold assessments', async () => {
    for (const role of ['partner', 'cp-chair', 'qa', 'admin'] as const) expect((await as[role].get('/assessments')).statusCode, role).toBe(403);
    for (const role of ['worker', 'worker2', 'early-help', 'partner', 'qa', 'admin'] as const) expect((await as[role].get('/assessments/team')).statusCode, role).toBe(403);
  });

  it('does not list a child the worker can no longer see', async () => {
    const { child } = await open('Moved', 50);
    expect(bodyText((await as.worker.get('/assessments')).body)).toContain('Jade Moved');
    // Moved to another team: Sam no longer sees the child, so the assessment leaves his list.
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${child.id}`);
    expect(bodyText((await as.worker.get('/assessments')).body)).not.toContain('Jade Moved');
  });

  it('answers each list in a fixed number of queries, however many assessments', async () => {
    await as.worker.get('/assessments');
    const before = as.worker.lastQueryCount;
    await as.manager.get('/assessments/team');
    const managerBefore = as.manager.lastQueryCount;
    for (let i = 0; i < 4; i++) await open(`More${i}`, 44 + i, { prompt: i % 2 === 0 });
    await authorised('Morereview', 5);
    await as.worker.get('/assessments');
    expect(as.worker.lastQueryCount).toBe(before);
    await as.manager.get('/assessments/team');
    expect(as.manager.lastQueryCount).toBe(managerBefore);
  });

  it('links the lists from the home page and the navigation for the roles that use them', async () => {
    const worker = await as.worker.get('/');
    expect(worker.body).toContain('href="/assessments"');
    expect(worker.body).not.toContain('href="/assessments/team"');
    const manager = await as.manager.get('/');
    expect(manager.body).toContain('href="/assessments/team"');
    expect((await as.qa.get('/')).body).not.toContain('href="/assessments"');
  });
});
