/**
 * The manager's checklist (A9), sending for authorisation and authorising (A8): refused with a list
 * of every missing thing (each linking to its section), then allowed when complete; the status,
 * completion date, annual review, audit rows and the significant chronology entry; then read-only,
 * except while an update is under way (new information to review), shown as updated since authorisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { todayInLondon } from '../../src/domain/dates';
import { reviewDueOn } from '../../src/domain/assessmentContent';
import { sectionsService } from '../../src/features/assessments/sections/service';
import { completeAnalysis, completeEverything, familyWithAssessment, openForm, revisionCount, saveSection, tickedChecklist, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;
type Row = { status: string; authorised_on: string | null; authorised_by: string | null; review_due_on: string | null; authorised_revision: number | null; revision: number; version: number };

async function assessmentRow(t: TestApp, id: string): Promise<Row> {
  const found = await rows<Row>(
    t.database.db,
    sql`SELECT status, authorised_on::text AS authorised_on, authorised_by, review_due_on::text AS review_due_on, authorised_revision, revision, version FROM assessments WHERE id = ${id}`,
  );
  return found[0]!;
}
const summaryLinks = (html: string) => {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.replace(/&#39;/g, '’') }));
};

describeEachDb('assessment authorisation', (kind) => {
  let t: TestApp;
  let as: Agents;
  let f: Family;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
    f = await familyWithAssessment(t);
  });
  afterAll(() => t.close());

  describe('refusals', () => {
    it('lets only the child’s team manager authorise', async () => {
      for (const who of ['worker', 'early-help', 'worker2', 'manager2', 'partner', 'cp-chair', 'qa', 'admin'] as const) {
        expect((await as[who].post(`${f.base}/authorise`, { version: '1' })).statusCode, who).toBe(403);
      }
      expect((await as.manager2.get(`${f.base}/sections/checklist`)).statusCode).toBe(403);
      expect((await as.worker2.post(`${f.base}/submit`, { version: '1' })).statusCode).toBe(403);
      expect((await as.partner.get(`${f.base}/submit`)).statusCode).toBe(403);
      expect((await assessmentRow(t, f.assessment.id)).status).toBe('in-progress');
    });

    it('refuses to authorise an empty assessment, listing every missing thing with a link to its section', async () => {
      const res = await as.manager.post(`${f.base}/authorise`, { version: String(f.assessment.version) });
      expect(res.statusCode).toBe(400);
      const links = summaryLinks(res.body);
      for (const section of ['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'decision']) {
        expect(links.some((l) => l.href.startsWith(`${f.base}/sections/${section}#`)), section).toBe(true);
      }
      expect(links).toContainEqual({ href: `${f.base}/sections/voices#child-words`, text: 'The child’s voice and the views of family and professionals: record the child’s own words, or what you saw if the child does not use words' });
      expect(links).toContainEqual({ href: `${f.base}/sections/decision#completed`, text: 'Decision and outcome: mark this section as completed' });
      // The plan comes first (A3), and the reasons for lateness follow the sections (A2): see assessments-readiness.test.ts.
      expect(links[0]).toEqual({ href: `${f.base}/sections/plan#aims`, text: 'Assessment plan: enter the aims agreed with the family' });
      expect(links).toContainEqual({ href: `${f.base}/late-reasons#reasons`, text: 'Timescale: record why the assessment went past its final date (10 March 2025)' });
      expect(links).toContainEqual({ href: '#items-childSeenAlone-ticked', text: 'Checklist: answer ‘The child was seen alone and their views recorded’' });
      const row = await assessmentRow(t, f.assessment.id);
      expect(row.status).toBe('in-progress');
      expect(row.authorised_on).toBeNull();
    });

    it('does not let a worker send an incomplete assessment, and says what is missing', async () => {
      const page = await as.worker.get(`${f.base}/submit`);
      expect(page.statusCode).toBe(200);
      expect(bodyText(page.body)).toContain('Before your manager can authorise it, these need doing');
      const form = await openForm(as.worker, `${f.base}/submit`);
      const res = await as.worker.post(`${f.base}/submit`, { version: form.version });
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body).length).toBeGreaterThan(7);
      expect((await assessmentRow(t, f.assessment.id)).status).toBe('in-progress');
    });
  });

  describe('a complete assessment', () => {
    it('is sent for authorisation by the worker, with an audit row', async () => {
      await completeEverything(as.worker, f);
      const form = await openForm(as.worker, `${f.base}/submit`);
      expect(bodyText(form.body)).toContain('Every section is complete');
      const res = await as.worker.post(`${f.base}/submit`, { version: form.version });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(f.base);
      expect((await assessmentRow(t, f.assessment.id)).status).toBe('awaiting-authorisation');
      const audit = await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-submitted' AND subject_id = ${f.assessment.id}`);
      expect(Number(audit[0]!.n)).toBe(1);
      expect((await as.worker.post(`${f.base}/submit`, { version: String((await assessmentRow(t, f.assessment.id)).version) })).statusCode).toBe(409);
    });

    it('is refused while a checklist item is unticked without the manager’s reason, and the checklist is kept', async () => {
      const page = await openForm(as.manager, `${f.base}/sections/checklist`);
      expect(bodyText(page.body)).toContain('Every section is complete and the worker has sent the assessment to you');
      const res = await as.manager.post(`${f.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist, 'items-homeVisited-ticked': 'no' });
      expect(res.statusCode).toBe(400);
      expect(summaryLinks(res.body)).toEqual([{ href: '#items-homeVisited-reason', text: 'Checklist: give your reason for not ticking ‘The home was visited and the child’s bedroom seen’' }]);
      expect((await assessmentRow(t, f.assessment.id)).status).toBe('awaiting-authorisation');
      const again = await as.manager.get(`${f.base}/sections/checklist`);
      expect(again.body).toMatch(/name="items-childSeenAlone-ticked" type="radio" value="yes" checked/);
    });

    it('is refused when the page was opened before someone else saved', async () => {
      const res = await as.manager.post(`${f.base}/authorise`, { version: '1' });
      expect(res.statusCode).toBe(409);
      expect(bodyText(res.body)).toContain('Someone saved this assessment while you were looking at this page');
    });

    it('is authorised by the manager: status, completion date, annual review, audit and a significant chronology entry', async () => {
      const page = await openForm(as.manager, `${f.base}/sections/checklist`);
      const before = await assessmentRow(t, f.assessment.id);
      const res = await as.manager.post(`${f.base}/authorise`, {
        version: page.version,
        base: page.base,
        ...tickedChecklist,
        'items-homeVisited-ticked': 'no',
        'items-homeVisited-reason': 'Seen at grandmother’s: the family was between homes',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(f.base);
      const today = todayInLondon();
      const row = await assessmentRow(t, f.assessment.id);
      expect(row).toMatchObject({ status: 'authorised', authorised_on: today, authorised_by: t.users.get(EMAILS.manager), review_due_on: reviewDueOn(today) });
      // The checklist was saved as a revision first; that revision is the one authorised.
      expect(row.revision).toBe(before.revision + 1);
      expect(row.authorised_revision).toBe(row.revision);
      const audit = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE subject_id = ${f.assessment.id} AND action IN ('assessment-section-saved', 'assessment-authorised') ORDER BY seq DESC LIMIT 2`);
      expect(audit.map((a) => a.action)).toEqual(['assessment-authorised', 'assessment-section-saved']);
      const entries = await rows<{ summary: string; significance: string; category: string; occurred_on: string; origin_id: string }>(
        t.database.db,
        sql`SELECT e.summary, e.significance, e.category, e.occurred_on::text AS occurred_on, e.origin_id FROM chronology_entries e JOIN chronology_links l ON l.entry_id = e.id
            WHERE l.person_id = ${f.child.id} AND e.origin_type = 'assessment' AND e.summary LIKE 'Assessment authorised%'`,
      );
      expect(entries).toEqual([{ summary: 'Assessment authorised: Child in need plan', significance: 'significant', category: 'assessment', occurred_on: today, origin_id: f.assessment.id }]);
      const checklist = await rows<{ c: { items: Record<string, { ticked: boolean; reason: string | null }> } }>(t.database.db, sql`SELECT content->'checklist' AS c FROM assessments WHERE id = ${f.assessment.id}`);
      expect(checklist[0]!.c.items.homeVisited).toEqual({ ticked: false, reason: 'Seen at grandmother’s: the family was between homes' });
    });

    it('is read-only once authorised: every change refused with the reason, the pages offer none, the timescale says how long it took', async () => {
      const revisions = await revisionCount(t, f.assessment.id);
      const page = await as.worker.get(`${f.base}/sections/analysis`);
      expect(page.statusCode).toBe(200);
      expect(bodyText(page.body)).toContain('This assessment is authorised, so it cannot be changed now');
      expect(page.body).toContain('<fieldset class="govuk-fieldset hearth-read-only" disabled>');
      expect(page.body).not.toContain('Save and go back to the assessment');
      const saved = await saveSection(as.worker, f, 'analysis', { ...completeAnalysis, goingWell: 'School attendance is good; Lily has joined a club' });
      expect(saved.statusCode).toBe(409);
      expect(summaryLinks(saved.body)).toEqual([{ href: '#read-only', text: 'This assessment is authorised, so it cannot be changed now. It can be updated when there is new information to review, or when its annual review is due.' }]);
      const plan = await openForm(as.worker, `${f.base}/sections/plan`);
      expect(plan.body).not.toContain('Save the plan');
      expect((await as.worker.post(`${f.base}/sections/plan`, { version: plan.version, aims: 'Changed aims' })).statusCode).toBe(409);
      expect((await as.manager.post(`${f.base}/sections/checklist`, { version: page.body.match(/name="version" value="(\d+)"/)![1]!, action: 'save', 'items-childSeenAlone-ticked': 'no', 'items-childSeenAlone-reason': 'x' })).statusCode).toBe(409);
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions);
      const overview = bodyText((await as.worker.get(f.base)).body);
      expect(overview).toContain('This assessment is authorised, so it cannot be changed now');
      expect(overview).toMatch(/Completed (on time|late).*Completed in \d+ working days: authorised/);
      expect(overview).not.toContain('Today is working day');
    });

    it('opens for updating when there is new information to review: a save is a new revision and it shows as updated since', async () => {
      await t.database.db.execute(sql`INSERT INTO assessment_review_prompts (assessment_id, reason) VALUES (${f.assessment.id}, 'A new referral was received')`);
      const revisions = await revisionCount(t, f.assessment.id);
      const before = await as.worker.get(`${f.base}/sections/analysis`);
      expect(bodyText(before.body)).toContain('It is open for updating because there is new information to review');
      expect((await saveSection(as.worker, f, 'analysis', { ...completeAnalysis, goingWell: 'School attendance is good; Lily has joined a club' })).statusCode).toBe(303);
      expect(await revisionCount(t, f.assessment.id)).toBe(revisions + 1);
      const row = await assessmentRow(t, f.assessment.id);
      expect(row.status).toBe('authorised');
      expect(row.revision).toBeGreaterThan(row.authorised_revision!);
      // The prompt is dealt with: still open for updating until the manager records the review of the changes.
      await t.database.db.execute(sql`UPDATE assessment_review_prompts SET resolved_at = now(), resolution = 'updated' WHERE assessment_id = ${f.assessment.id}`);
      const after = await as.worker.get(`${f.base}/sections/analysis`);
      expect(bodyText(after.body)).toContain('This assessment has been updated since it was authorised. It stays open for updating until the manager records the review of the changes');
      // The annual review confirms the changes: read-only again.
      await t.database.db.execute(sql`UPDATE assessments SET authorised_revision = revision WHERE id = ${f.assessment.id}`);
      expect(bodyText((await as.worker.get(`${f.base}/sections/analysis`)).body)).toContain('This assessment is authorised, so it cannot be changed now');
    });

    it('is not authorised twice', async () => {
      const page = await openForm(as.manager, `${f.base}/sections/checklist`);
      expect(page.body).not.toContain('Authorise this assessment');
      const res = await as.manager.post(`${f.base}/authorise`, { version: page.version });
      expect(res.statusCode).toBe(409);
      expect(bodyText(res.body)).toContain('This assessment was already authorised on');
      // A checklist sent with it (the page was open while someone else authorised) is kept and shown, not saved.
      const typed = await as.manager.post(`${f.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist, comments: 'Typed while a colleague authorised it' });
      expect(typed.statusCode).toBe(409);
      expect(bodyText(typed.body)).toContain('This assessment was already authorised on');
      expect(bodyText(typed.body)).toMatch(/What you typed, not saved.*Typed while a colleague authorised it/);
      expect((await t.services.drafts.get(t.users.get(EMAILS.manager)!, `${f.base}/sections/checklist`))?.comments).toBe('Typed while a colleague authorised it');
      const entries = await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_id = ${f.assessment.id} AND summary LIKE 'Assessment authorised%'`);
      expect(Number(entries[0]!.n)).toBe(1);
    });
  });

  it('refuses authorisation while danger statements are missing after a section 47 decision', async () => {
    const g = await familyWithAssessment(t);
    await completeEverything(as.worker, g);
    expect((await saveSection(as.worker, g, 'decision', { childInNeed: 'yes', s47: 'yes', accommodation: 'no', outcome: 'strategy-discussion', reasons: 'Bruising seen by school', factors: ['18C'], primaryNeed: 'N1', workerAgrees: 'yes', completed: 'yes' })).statusCode).toBe(303);
    const page = await openForm(as.manager, `${g.base}/sections/checklist`);
    expect(bodyText(page.body)).toContain('Write at least one danger statement: harm is suspected');
    const res = await as.manager.post(`${g.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist });
    expect(res.statusCode).toBe(400);
    // The analysis is not complete, so the tick ‘The analysis is complete’ is not borne out by the record either.
    expect(summaryLinks(res.body).map((l) => l.href)).toEqual([`${g.base}/sections/analysis#dangerStatements`, `${g.base}/sections/analysis#safetyGoals`, '#items-analysisComplete-override']);
    expect((await assessmentRow(t, g.assessment.id)).status).toBe('in-progress');
    // The checklist was still kept.
    const kept = await as.manager.get(`${g.base}/sections/checklist`);
    expect(kept.body).toMatch(/name="items-evidenceSupports-ticked" type="radio" value="yes" checked/);
  });

  it('lets the manager save the checklist on its own, with hostile input refused', async () => {
    const g = await familyWithAssessment(t);
    const page = await openForm(as.manager, `${g.base}/sections/checklist`);
    const bad = await as.manager.post(`${g.base}/sections/checklist`, { version: page.version, base: page.base, action: 'save', 'items-childSeenAlone-ticked': 'perhaps', 'items-homeVisited-reason': 'x'.repeat(1001), comments: ['a', 'b'] });
    expect(bad.statusCode).toBe(400);
    expect(summaryLinks(bad.body).map((l) => l.href)).toEqual(['#items-childSeenAlone-ticked', '#items-homeVisited-reason', '#comments']);
    expect(await revisionCount(t, g.assessment.id)).toBe(0);
    const ok = await as.manager.post(`${g.base}/sections/checklist`, { version: page.version, base: page.base, action: 'save', 'items-childSeenAlone-ticked': 'no', 'items-childSeenAlone-reason': 'Lily is 2 and was seen with her mother' });
    expect(ok.statusCode).toBe(303);
    expect(await revisionCount(t, g.assessment.id)).toBe(1);
  });

  it('refuses a manager of another team, who may open a child allocated to no team, the checklist and authorisation, and saves nothing', async () => {
    const g = await familyWithAssessment(t);
    await completeEverything(as.worker, g);
    const submit = await openForm(as.worker, `${g.base}/submit`);
    expect((await as.worker.post(`${g.base}/submit`, { version: submit.version })).statusCode).toBe(303);
    // The case was closed: the children are allocated to no team, so every manager may open them.
    await t.database.db.execute(sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id IN (${g.child.id}, ${g.sibling.id})`);
    const revisions = await revisionCount(t, g.assessment.id);
    const manager2 = t.users.get(EMAILS.manager2)!;
    const audited = async (action: string) =>
      Number((await rows<{ n: string | number }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log WHERE action = ${action} AND subject_id = ${g.assessment.id} AND actor_id = ${manager2}`))[0]!.n);
    const NOT_YOURS = 'Only a manager of the team this assessment belongs to, or of the child’s team, can decide on it';
    // The checklist page: refused, with the refusal's audit row and no view row, and nothing of the record on it.
    const checklist = await as.manager2.get(`${g.base}/sections/checklist`);
    expect(checklist.statusCode).toBe(403);
    expect(bodyText(checklist.body)).toContain(NOT_YOURS);
    expect(checklist.body).not.toContain('name="items-childSeenAlone-ticked"');
    expect(await audited('assessment-section-viewed')).toBe(0);
    // Ticking and saving the checklist without authorising: refused, no draft kept.
    const own = await openForm(as.manager, `${g.base}/sections/checklist`);
    const saved = await as.manager2.post(`${g.base}/sections/checklist`, { version: own.version, base: own.base, action: 'save', ...tickedChecklist });
    expect(saved.statusCode).toBe(403);
    expect(bodyText(saved.body)).toContain(NOT_YOURS);
    expect(await t.services.drafts.get(manager2, `${g.base}/sections/checklist`)).toBeNull();
    const res = await as.manager2.post(`${g.base}/authorise`, { version: own.version, base: own.base, ...tickedChecklist });
    expect(res.statusCode).toBe(403);
    expect(bodyText(res.body)).toContain(NOT_YOURS);
    expect((await assessmentRow(t, g.assessment.id)).status).toBe('awaiting-authorisation');
    // The checklist sent with it was not saved either.
    expect(await revisionCount(t, g.assessment.id)).toBe(revisions);
    expect(await audited('access-refused')).toBe(3);
    const details = await rows<{ details: Record<string, unknown> }>(t.database.db, sql`SELECT details FROM audit_log WHERE action = 'access-refused' AND subject_id = ${g.assessment.id} ORDER BY seq`);
    expect(details.map((d) => d.details)).toEqual([
      { method: 'GET', section: 'checklist', need: 'manager of the assessment’s or the child’s team' },
      { method: 'POST', section: 'checklist', need: 'manager of the assessment’s or the child’s team' },
      { method: 'POST', page: 'authorise', need: 'manager of the assessment’s or the child’s team' },
    ]);
    // The service refuses both whatever route they are called from, and writes nothing.
    const actor = { id: manager2, name: 'Alex Byrne', email: EMAILS.manager2, role: 'team-manager' as const, teamId: t.teams.get('Children in Need North')! };
    const service = sectionsService(t.database.db);
    const data = { items: { childSeenAlone: { ticked: true, reason: null } }, comments: null };
    expect(await service.save({ actor, requestId: null }, { assessmentId: g.assessment.id, childId: g.child.id, section: 'checklist', data, expectedVersion: Number(own.version), base: own.base })).toEqual({ ok: false, reason: 'not-your-team' });
    expect(await service.authorise({ actor, requestId: null }, g.child.id, g.assessment.id, Number(own.version))).toEqual({ outcome: 'not-your-team' });
    expect(await revisionCount(t, g.assessment.id)).toBe(revisions);
    // The assessment's own team's manager saves the checklist, then authorises it.
    expect((await as.manager.post(`${g.base}/sections/checklist`, { version: own.version, base: own.base, action: 'save', ...tickedChecklist })).statusCode).toBe(303);
    const ticked = await openForm(as.manager, `${g.base}/sections/checklist`);
    expect(ticked.body).toMatch(/name="items-childSeenAlone-ticked"[^>]*value="yes"[^>]*checked|value="yes"[^>]*checked[^>]*name="items-childSeenAlone-ticked"/);
    expect((await as.manager.post(`${g.base}/authorise`, { version: ticked.version, base: ticked.base, ...tickedChecklist })).statusCode).toBe(303);
    expect((await assessmentRow(t, g.assessment.id)).status).toBe('authorised');
  });

  it('lets the manager of the child’s new team tick the checklist and authorise an assessment begun in another team', async () => {
    const g = await familyWithAssessment(t);
    await completeEverything(as.worker, g);
    const submit = await openForm(as.worker, `${g.base}/submit`);
    expect((await as.worker.post(`${g.base}/submit`, { version: submit.version })).statusCode).toBe(303);
    // The children moved to Children in Need North: they take the decisions with them.
    await t.database.db.execute(sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id IN (${g.child.id}, ${g.sibling.id})`);
    const page = await openForm(as.manager2, `${g.base}/sections/checklist`);
    expect((await as.manager2.post(`${g.base}/sections/checklist`, { version: page.version, base: page.base, action: 'save', ...tickedChecklist })).statusCode).toBe(303);
    const ticked = await openForm(as.manager2, `${g.base}/sections/checklist`);
    expect((await as.manager2.post(`${g.base}/authorise`, { version: ticked.version, base: ticked.base, ...tickedChecklist })).statusCode).toBe(303);
    expect((await assessmentRow(t, g.assessment.id)).status).toBe('authorised');
  });
});
