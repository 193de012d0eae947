import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, randomSuffix, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { assessmentCheckpoints, assessmentReviewPrompts, assessments } from '../../src/features/assessments/tables';
import { people } from '../../src/features/people/tables';
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

  it('counts each group over the whole team, and says what a list shows when there are more than it can show', async () => {
    const db = t.database.db;
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    const teamId = (await t.services.teams.add(ctx, { name: `Large Team ${randomSuffix()}`, kind: 'child-in-need' }))!;
    const email = `large.manager.${randomSuffix()}@council.example`;
    await t.services.users.add(ctx, { email, name: 'Max Large', role: 'team-manager', teamId, password: DEMO_PASSWORD });
    const manager = await t.signIn(email);
    // 503 on track, 3 late, 1 due soon and 1 with the manager: more than a list shows in one group only.
    // The last two are due in 5 working days (due soon: the setting) and in 6 (on track), as timescaleStatus has it.
    const children = await db
      .insert(people)
      .values(Array.from({ length: 508 }, (_, i) => ({ kind: 'child' as const, firstName: 'Big', lastName: `Team${String(i).padStart(3, '0')}`, dateOfBirth: '2015-01-01', sex: 'U' as const, currentTeamId: teamId })))
      .returning({ id: people.id });
    await db.insert(assessments).values(
      children.map((c, i) => {
        const referralDate = i < 3 ? workingDay(-50) : i === 506 ? workingDay(5 - 45) : i === 507 ? workingDay(6 - 45) : workingDay(-2 - (i % 5));
        return { childId: c.id, variant: 'standard' as const, referralDate, startedOn: referralDate, dueOn: addWorkingDays(referralDate, 45), teamId, status: i === 505 ? ('awaiting-authorisation' as const) : ('in-progress' as const) };
      }),
    );
    const res = await manager.get('/assessments/team');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('508 assessments open in the team');
    expect(text).toMatch(/Waiting for your authorisation: 1 .*Late: 3 .*Due soon: 1 .*On track: 503 /);
    expect(text.slice(text.indexOf('Due soon Due soon'), text.indexOf('On track There are'))).toMatch(/Big Team506 .*Due soon.*5 working days left/);
    expect(text).not.toContain('Each list shows at most 500');
    // Each heading is followed by what the page of the list shows, then its table's (hidden) caption.
    const onTrack = text.slice(text.indexOf('On track Showing 1 to 50 of 503 children, soonest due first. On track'), text.indexOf('Checkpoint decisions'));
    expect(onTrack).not.toBe('');
    expect(onTrack.match(/Big Team\d{3}/g)).toHaveLength(50);
    expect(res.body).toContain('aria-label="Pages of on track"');
    expect(res.body).toContain('href="/assessments/team?onTrackPage=2#on-track"');
    expect(res.body).toContain('href="/assessments/team?onTrackPage=11#on-track"');
    // The last page of one group, the others on their first; a page past the end is the last.
    for (const url of ['/assessments/team?onTrackPage=11', '/assessments/team?onTrackPage=99&latePage=abc']) {
      const last = bodyText((await manager.get(url)).body);
      const lastOnTrack = last.slice(last.indexOf('On track Showing 501 to 503 of 503 children'), last.indexOf('Checkpoint decisions'));
      expect(lastOnTrack.match(/Big Team\d{3}/g), url).toHaveLength(3);
      expect(last.slice(last.indexOf('Late Late'), last.indexOf('Due soon Due soon')).match(/Big Team\d{3}/g)).toHaveLength(3);
    }
    expect((await manager.get('/assessments/team?onTrackPage=2&latePage=1')).body).toContain('href="/assessments/team?onTrackPage=3#on-track"');
    const lateList = text.slice(text.indexOf('Late Late'), text.indexOf('Due soon Due soon'));
    expect(lateList.match(/Big Team\d{3}/g)?.sort()).toEqual(['Big Team000', 'Big Team001', 'Big Team002']);
    expect(lateList).not.toContain('There are');
    // Every late one is shown, however many are on track: the groups are not cut by one limit.
    expect(text.slice(text.indexOf('Waiting for your authorisation Waiting'), text.indexOf('Late Late'))).toContain('Big Team505');
  });

  it('says how many there are when the worker’s list, the checkpoint decisions or the annual reviews have more than a list shows', async () => {
    const db = t.database.db;
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    const teamId = (await t.services.teams.add(ctx, { name: `Busy Team ${randomSuffix()}`, kind: 'child-in-need' }))!;
    const suffix = randomSuffix();
    await t.services.users.add(ctx, { email: `busy.manager.${suffix}@council.example`, name: 'Bea Busy', role: 'team-manager', teamId, password: DEMO_PASSWORD });
    await t.services.users.add(ctx, { email: `busy.worker.${suffix}@council.example`, name: 'Wes Busy', role: 'social-worker', teamId, password: DEMO_PASSWORD });
    const manager = await t.signIn(`busy.manager.${suffix}@council.example`);
    const worker = await t.signIn(`busy.worker.${suffix}@council.example`);
    const workerId = (await t.services.users.repo.findByEmail(`busy.worker.${suffix}@council.example`))!.id;
    const managerId = (await t.services.users.repo.findByEmail(`busy.manager.${suffix}@council.example`))!.id;
    /** Children of the team, the worker's, each with an open assessment whose day-10 decision is waiting. */
    const addOpen = async (from: number, n: number) => {
      const children = await db
        .insert(people)
        .values(Array.from({ length: n }, (_, i) => ({ kind: 'child' as const, firstName: 'Busy', lastName: `Open${String(from + i).padStart(3, '0')}`, dateOfBirth: '2015-01-01', sex: 'U' as const, currentTeamId: teamId, currentWorkerId: workerId })))
        .returning({ id: people.id });
      const referralDate = workingDay(-12);
      const made = await db
        .insert(assessments)
        .values(children.map((c) => ({ childId: c.id, variant: 'standard' as const, referralDate, startedOn: referralDate, dueOn: addWorkingDays(referralDate, 45), teamId, workerId, status: 'in-progress' as const })))
        .returning({ id: assessments.id });
      await db.insert(assessmentCheckpoints).values(made.map((a) => ({ assessmentId: a.id, day: 10, dueOn: addWorkingDays(referralDate, 10) })));
    };
    const shown = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

    // Exactly as many as a list shows: every one is listed, and nothing says there are more.
    await addOpen(0, 500);
    let mine = await worker.get('/assessments');
    expect(bodyText(mine.body)).toContain('500 open');
    expect(bodyText(mine.body)).not.toContain('This list shows');
    expect(shown(mine.body, /Busy Open\d{3}/g)).toBe(500);
    let team = bodyText((await manager.get('/assessments/team')).body);
    expect(team).not.toContain('checkpoint decisions are waiting');
    // One more: the number is of them all, and the list says what it shows.
    await addOpen(500, 1);
    mine = await worker.get('/assessments');
    expect(bodyText(mine.body)).toContain('501 open');
    expect(bodyText(mine.body)).toContain('You have 501 open assessments. This list shows the 500 due soonest.');
    expect(shown(mine.body, /Busy Open\d{3}/g)).toBe(500);
    const page = await manager.get('/assessments/team');
    team = bodyText(page.body);
    expect(team).toContain('Checkpoint decisions waiting for you 501 checkpoint decisions are waiting. This list shows the 500 due first.');
    expect(shown(page.body, /Decide<span class="govuk-visually-hidden"> at working day 10/g)).toBe(500);
    expect(team).not.toContain('annual reviews are due');

    // 501 annual reviews overdue in the team.
    const reviewed = await db
      .insert(people)
      .values(Array.from({ length: 501 }, (_, i) => ({ kind: 'child' as const, firstName: 'Busy', lastName: `Review${String(i).padStart(3, '0')}`, dateOfBirth: '2014-01-01', sex: 'U' as const, currentTeamId: teamId, currentWorkerId: workerId })))
      .returning({ id: people.id });
    const long = addDays(today(), -400);
    await db.insert(assessments).values(
      reviewed.map((c) => ({ childId: c.id, variant: 'standard' as const, referralDate: long, startedOn: long, dueOn: addDays(long, 60), teamId, workerId, status: 'authorised' as const, authorisedOn: addDays(today(), -366), authorisedBy: managerId, reviewDueOn: addDays(today(), -1) })),
    );
    const withReviews = await manager.get('/assessments/team');
    const reviews = bodyText(withReviews.body);
    expect(reviews).toContain('Annual reviews due 501 annual reviews are due. This list shows the 500 due first.');
    expect(shown(reviews.slice(reviews.indexOf('Annual reviews due')), /Busy Review\d{3}/g)).toBe(500);
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
