/**
 * The annual review (A10): the child's team manager records it on an authorised assessment whose
 * review is due (or that changed since authorisation), confirming it still reflects the child's
 * situation or recording what changed; who and when are kept, the current revision becomes the
 * authorised one, the next review falls a year on, with a chronology entry and an audit row.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { createAssessment } from '../helpers/factories';
import { addDays } from '../../src/domain/workingDays';
import { reviewDueOn } from '../../src/domain/assessmentContent';
import { todayInLondon } from '../../src/domain/dates';
import { rows, toNumber } from '../../src/platform/db';
import { familyWithAssessment } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;
type Row = { review_due_on: string | null; authorised_revision: number | null; revision: number; version: number; status: string; authorised_on: string };

describeEachDb('the annual review of an assessment (A10)', (kind) => {
  let t: TestApp;
  let as: Agents;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const count = async (query: ReturnType<typeof sql>) => toNumber((await rows<{ n: unknown }>(t.database.db, query))[0]?.n);
  const row = async (id: string) =>
    (await rows<Row>(t.database.db, sql`SELECT review_due_on::text AS review_due_on, authorised_revision, revision, version, status, authorised_on::text AS authorised_on FROM assessments WHERE id = ${id}`))[0]!;

  /** A child with an authorised assessment (a year ago unless told), beside the fixture's open one. */
  async function authorised(opts: { reviewDueOn: string; revision?: number; authorisedRevision?: number }) {
    const f = await familyWithAssessment(t);
    const a = await createAssessment(t.database.db, f.child.id, {
      status: 'authorised',
      authorisedOn: '2025-03-03',
      authorisedBy: t.users.get(EMAILS.manager)!,
      revision: opts.revision ?? 3,
      authorisedRevision: opts.authorisedRevision ?? 3,
      reviewDueOn: opts.reviewDueOn,
      content: { plan: { aims: 'Keep Lily safe at night', completed: true } },
    });
    return { f, a, base: `/people/${f.child.id}/assessments/${a.id}`, url: `/people/${f.child.id}/assessments/${a.id}/annual-review` };
  }
  const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

  it('is offered to the team manager once due, and records "still reflects the situation" with who, when, audit and chronology', async () => {
    const today = todayInLondon();
    const { f, a, base, url } = await authorised({ reviewDueOn: addDays(today, 10) });
    const overview = await as.manager.get(base);
    expect(bodyText(overview.body)).toContain('Annual review due on');
    expect(overview.body).toContain(`href="${url}"`);
    expect((await as.worker.get(base)).body).not.toContain(`href="${url}"`);
    const page = await as.manager.get(url);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Does the assessment still reflect');
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-annual-review-viewed' AND subject_id = ${a.id}`)).toBe(1);

    const res = await as.manager.post(url, { version: versionOn(page.body), outcome: 'no-change' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(base);
    const after = await row(a.id);
    expect(after).toMatchObject({ status: 'authorised', authorised_on: '2025-03-03', review_due_on: reviewDueOn(today), authorised_revision: 3, version: a.version + 1 });
    const reviews = await rows<{ reviewed_on: string; reviewed_by: string; outcome: string; changes: string | null; revision: number; review_was_due_on: string; next_review_due_on: string }>(
      t.database.db,
      sql`SELECT reviewed_on::text AS reviewed_on, reviewed_by, outcome, changes, revision, review_was_due_on::text AS review_was_due_on, next_review_due_on::text AS next_review_due_on
          FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`,
    );
    expect(reviews).toEqual([{ reviewed_on: today, reviewed_by: t.users.get(EMAILS.manager), outcome: 'no-change', changes: null, revision: 3, review_was_due_on: addDays(today, 10), next_review_due_on: reviewDueOn(today) }]);
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-annual-review-recorded' AND subject_id = ${a.id} AND child_id = ${f.child.id}`)).toBe(1);
    const entries = await rows<{ summary: string; significance: string }>(
      t.database.db,
      sql`SELECT e.summary, e.significance FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${f.child.id} AND e.origin_id = ${a.id} AND e.origin_type = 'assessment-annual-review'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toContain('confirmed it still reflects the child’s situation');
    expect(entries[0]!.significance).toBe('routine');
    // Done: no longer offered, the page shows the review and refuses another.
    const flash = await as.manager.get(base);
    expect(bodyText(flash.body)).toContain('Annual review recorded');
    expect(flash.body).not.toContain(`href="${url}"`);
    const again = await as.manager.get(url);
    expect(bodyText(again.body)).toContain('Still reflects the child’s situation');
    expect(again.body).not.toContain('name="outcome"');
    const refused = await as.manager.post(url, { version: String(after.version), outcome: 'no-change' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('govuk-error-summary');
    expect(await count(sql`SELECT count(*) AS n FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`)).toBe(1);
  });

  it('can be recorded at any time once the assessment changed since authorisation, with what changed', async () => {
    const today = todayInLondon();
    const { f, a, base, url } = await authorised({ reviewDueOn: addDays(today, 200), revision: 5, authorisedRevision: 3 });
    const overview = await as.manager.get(base);
    expect(overview.body).toContain(`href="${url}"`);
    expect(bodyText(overview.body)).toContain('the assessment has changed since it was authorised');
    const page = await as.manager.get(url);
    expect(page.body).toContain(`${base}/revisions/compare?from=3&amp;to=5`);
    const res = await as.manager.post(url, { version: versionOn(page.body), outcome: 'changed', changes: 'Mother has moved out; Lily now lives with her grandmother' });
    expect(res.statusCode).toBe(303);
    expect(await row(a.id)).toMatchObject({ authorised_revision: 5, review_due_on: reviewDueOn(today) });
    const entry = await rows<{ significance: string; impact: string }>(
      t.database.db,
      sql`SELECT e.significance, e.impact FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id WHERE l.person_id = ${f.child.id} AND e.origin_type = 'assessment-annual-review'`,
    );
    expect(entry).toEqual([{ significance: 'significant', impact: 'Mother has moved out; Lily now lives with her grandmother' }]);
  });

  it('validates the form with the GOV.UK error summary and refuses a stale page, changing nothing', async () => {
    const { a, url } = await authorised({ reviewDueOn: addDays(todayInLondon(), -3) });
    const version = versionOn((await as.manager.get(url)).body);
    const before = await row(a.id);
    const none = await as.manager.post(url, { version });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('href="#outcome"');
    const blank = await as.manager.post(url, { version, outcome: 'changed', changes: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(bodyText(blank.body)).toContain('Describe what has changed and what it means for the child');
    const hostile = await as.manager.post(url, { version: [version, version], outcome: 'perhaps', changes: 'x'.repeat(5001) });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).toContain('href="#changes"');
    const stale = await as.manager.post(url, { version: String(Number(version) - 1), outcome: 'no-change' });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('Someone changed this assessment after you opened this page');
    expect(await row(a.id)).toEqual(before);
    expect(await count(sql`SELECT count(*) AS n FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`)).toBe(0);
  });

  it('is not offered before it is due and unchanged, nor on an assessment not yet authorised', async () => {
    const { a, url } = await authorised({ reviewDueOn: addDays(todayInLondon(), 200) });
    const page = await as.manager.get(url);
    expect(bodyText(page.body)).toContain('It can be recorded from 30 days before then');
    expect((await as.manager.post(url, { version: String(a.version), outcome: 'no-change' })).statusCode).toBe(409);
    const f = await familyWithAssessment(t);
    const open = await as.manager.get(`${f.base}/annual-review`);
    expect(bodyText(open.body)).toContain('This assessment is not authorised yet');
    expect((await as.manager.post(`${f.base}/annual-review`, { version: String(f.assessment.version), outcome: 'no-change' })).statusCode).toBe(409);
  });

  it('is the child’s team manager’s alone', async () => {
    const { a, url } = await authorised({ reviewDueOn: todayInLondon() });
    for (const who of ['worker', 'early-help', 'worker2', 'manager2', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
      expect((await as[who].get(url)).statusCode, who).toBe(403);
      expect((await as[who].post(url, { version: String(a.version), outcome: 'no-change' })).statusCode, who).toBe(403);
    }
    expect(await count(sql`SELECT count(*) AS n FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`)).toBe(0);
  });

  it('refuses a manager of another team on a child allocated to no team, whom every manager may open, until the child moves to their team', async () => {
    const { f, a, url } = await authorised({ reviewDueOn: addDays(todayInLondon(), 10) });
    const db = t.database.db;
    // The child's case has left the team: allocated to no team, so any manager may open the record.
    await db.execute(sql`UPDATE allocations SET to_date = '2025-06-02' WHERE person_id = ${f.child.id} AND to_date IS NULL`);
    await db.execute(sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id = ${f.child.id}`);
    await db.execute(sql`UPDATE assessments SET team_id = ${t.teams.get('Front Door and Assessment')!} WHERE id = ${a.id}`);
    const other = t.users.get(EMAILS.manager2)!;
    const refusals = () => count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'access-refused' AND subject_id = ${a.id} AND actor_id = ${other}`);

    expect((await as.manager2.get(`/people/${f.child.id}/assessments/${a.id}`)).body).not.toContain(`href="${url}"`);
    const page = await as.manager2.get(url);
    expect(page.statusCode).toBe(403);
    expect(bodyText(page.body)).toContain('Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it');
    const posted = await as.manager2.post(url, { version: String(a.version), outcome: 'no-change' });
    expect(posted.statusCode).toBe(403);
    expect(await refusals()).toBe(2);
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-annual-review-viewed' AND subject_id = ${a.id} AND actor_id = ${other}`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`)).toBe(0);

    // The assessment's own team's manager may still record it.
    expect((await as.manager.get(url)).statusCode).toBe(200);
    // A child moved to another team takes the review with them.
    await db.execute(sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!} WHERE id = ${f.child.id}`);
    const moved = await as.manager2.get(url);
    expect(moved.statusCode).toBe(200);
    const saved = await as.manager2.post(url, { version: versionOn(moved.body), outcome: 'no-change' });
    expect(saved.statusCode).toBe(303);
    expect(await count(sql`SELECT count(*) AS n FROM assessment_annual_reviews WHERE assessment_id = ${a.id}`)).toBe(1);
  });
});
