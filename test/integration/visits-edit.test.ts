/**
 * Changing a visit after it was saved (V1): every version kept with who, when and what changed, the
 * chronology entry following, the visit clock following the new type, a stale save shown beside
 * what was saved since, only the person who recorded it or a team manager, audited per child.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, DEMO_PASSWORD, describeEachDb, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { createAssessment } from '../helpers/factories';
import { auditRows, dateFields, daysAgo, siblings, visitForm } from './visits.fixture';

describeEachDb('visits: changing a visit after it was saved', (kind) => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    worker = await t.signIn(EMAILS.worker);
  });
  afterAll(() => t.close());

  /** A visit recorded by Sam for two siblings: Amara (whose page it is) and Bode. */
  async function aVisit() {
    const family = await siblings(t, { count: 2 });
    const res = await worker.post(`/people/${family.ids[0]}/visits/new`, visitForm(family.ids));
    expect(res.statusCode).toBe(303);
    const visitId = String(res.headers.location).split('/').pop()!;
    return { family, visitId, childId: family.ids[0]!, brotherId: family.ids[1]!, url: `/people/${family.ids[0]}/visits/${visitId}/edit` };
  }

  /** How many times this user's viewing of the visit was audited. */
  const viewsBy = async (email: string, visitId: string) =>
    toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'visit-viewed' AND a.subject_id = ${visitId} AND u.email = ${email}`))[0]?.n);

  const refusals = async (email: string) =>
    toNumber((await rows<{ n: unknown }>(t.database.db, sql`SELECT count(*) AS n FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'access-refused' AND u.email = ${email}`))[0]?.n);

  it('changes a visit keeping every version, with the chronology entry and the visit clock following', async () => {
    const db = t.database.db;
    const { family, visitId, childId, brotherId, url } = await aVisit();
    const form = await worker.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('The children are safe at home for now');
    expect(form.body).toMatch(new RegExp(`name="seen-${brotherId}" type="radio" value="alone" checked`));
    expect(bodyText(form.body)).toContain('Was Bode seen?');

    const changed = visitForm(family.ids, { ...dateFields('visitDate', daysAgo(2)), type: 'other', analysis: 'On reflection: the children are safe, but mum is tired and needs support.' }, { [brotherId]: { [`seen-${brotherId}`]: 'not-seen', [`reason-${brotherId}`]: 'He was at his dad’s', [`bedroom-${brotherId}`]: 'no', [`words-${brotherId}`]: '' } });
    delete changed.children;
    const res = await worker.post(url, { ...changed, version: '1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${childId}/visits/${visitId}`);

    const visit = (await rows<{ version: number; type: string; visit_date: string; analysis: string; updated_by: string; chronology_entry_id: string }>(db, sql`SELECT version, type, visit_date::text, analysis, updated_by, chronology_entry_id FROM visits WHERE id = ${visitId}`))[0]!;
    expect(visit).toMatchObject({ version: 2, type: 'other', visit_date: daysAgo(2), updated_by: t.users.get(EMAILS.worker), analysis: expect.stringContaining('mum is tired') });
    const parts = await rows<{ person_id: string; seen: boolean; visit_date: string; counts_for_schedule: boolean; not_seen_alone_reason: string | null }>(db, sql`SELECT person_id, seen, visit_date::text, counts_for_schedule, not_seen_alone_reason FROM visit_children WHERE visit_id = ${visitId}`);
    expect(parts.find((p) => p.person_id === brotherId)).toMatchObject({ seen: false, not_seen_alone_reason: 'He was at his dad’s', visit_date: daysAgo(2) });
    // Now of type "other": it no longer restarts either child's visit clock.
    expect(parts.map((p) => p.counts_for_schedule)).toEqual([false, false]);

    const revisions = await rows<{ version: number; data: unknown; changed_by: string }>(db, sql`SELECT version, data, changed_by FROM visit_revisions WHERE visit_id = ${visitId} ORDER BY version`);
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect(JSON.stringify(revisions[0]!.data)).toContain('The children are safe at home for now');
    expect(JSON.stringify(revisions[1]!.data)).toContain('mum is tired');

    const entry = (await rows<{ summary: string; significance: string; occurred_on: string; impact: string; version: number }>(db, sql`SELECT summary, significance, occurred_on::text, impact, version FROM chronology_entries WHERE id = ${visit.chronology_entry_id}`))[0]!;
    expect(entry).toMatchObject({ significance: 'significant', occurred_on: daysAgo(2), version: 2, impact: expect.stringContaining('mum is tired') });
    expect(entry.summary).toContain('Visit. Amara was seen alone. Bode was not seen (He was at his dad’s).');
    const links = await rows<{ occurred_on: string }>(db, sql`SELECT occurred_on::text FROM chronology_links WHERE entry_id = ${visit.chronology_entry_id}`);
    expect(links).toEqual([{ occurred_on: daysAgo(2) }, { occurred_on: daysAgo(2) }]);
    expect((await auditRows(t, visitId)).filter((r) => r.action === 'visit-changed').map((r) => r.child_id).sort()).toEqual([...family.ids].sort());

    const view = bodyText((await worker.get(`/people/${childId}/visits/${visitId}`)).body);
    expect(view).toContain('Visit changed. The earlier version is kept');
    expect(view).toContain('History of this visit');
    expect(view).toContain('Version 1');
    expect(view).toMatch(/Version 2 .* Sam Okafor Date of the visit, Type of visit, What it means for the child, Bode: seen, Bode: why not seen alone, Bode: bedroom, Bode: in their own words/);
    expect(view).toContain('Last changed by Sam Okafor');
  });

  it('shows what someone else changed meanwhile beside what was typed, and saves nothing until the person saves again', async () => {
    const { family, visitId, url } = await aVisit();
    const form = (overrides: Record<string, string>) => {
      const values = visitForm(family.ids, overrides);
      delete values.children;
      return values;
    };
    const manager = await t.signIn(EMAILS.manager);
    expect((await manager.post(url, { ...form({ nextSteps: 'The manager’s plan: a visit with the health visitor on Monday.' }), version: '1' })).statusCode).toBe(303);
    const stale = await worker.post(url, { ...form({ analysis: 'The worker’s own second thoughts.' }), version: '1' });
    expect(stale.statusCode).toBe(409);
    const text = bodyText(stale.body);
    expect(text).toContain('Someone else changed this visit while you were changing it');
    expect(text).toContain('What they changed: What happens next');
    expect(text).toContain('Saved now (version 2)');
    expect(text).toContain('The manager’s plan: a visit with the health visitor on Monday.');
    expect(stale.body).toContain('The worker’s own second thoughts.');
    expect(stale.body).toContain('name="version" value="2"');
    const saved = await rows<{ version: number; analysis: string }>(t.database.db, sql`SELECT version, analysis FROM visits WHERE id = ${visitId}`);
    expect(saved[0]).toMatchObject({ version: 2, analysis: expect.stringContaining('safe at home for now') });
    // Saving again from the newest version replaces it; both earlier versions are kept.
    expect((await worker.post(url, { ...form({ analysis: 'The worker’s own second thoughts.' }), version: '2' })).statusCode).toBe(303);
    expect((await rows(t.database.db, sql`SELECT 1 FROM visit_revisions WHERE visit_id = ${visitId}`)).length).toBe(3);
  });

  it('lets only the person who recorded a visit, or a team manager, change it', async () => {
    const { childId, visitId, url } = await aVisit();
    await t.services.users.add({ actor: null, actorLabel: 'test', requestId: null }, { email: 'lou.colleague@example.org', name: 'Lou Colleague', role: 'social-worker', teamId: t.teams.get('Front Door and Assessment')!, password: DEMO_PASSWORD });
    const colleague = await t.signIn('lou.colleague@example.org');
    const before = await refusals('lou.colleague@example.org');
    const page = await colleague.get(`/people/${childId}/visits/${visitId}`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).not.toContain('Change this visit');
    expect(bodyText((await worker.get(`/people/${childId}/visits/${visitId}`)).body)).toContain('Change this visit');
    const views = await viewsBy('lou.colleague@example.org', visitId);
    expect((await colleague.get(url)).statusCode).toBe(403);
    // Refused before anything is shown: the refusal is audited, not a view of the visit.
    expect(await viewsBy('lou.colleague@example.org', visitId)).toBe(views);
    expect((await colleague.post(url, { analysis: 'Not mine to change', version: '1' })).statusCode).toBe(403);
    expect(await refusals('lou.colleague@example.org')).toBe(before + 2);
    expect((await rows<{ version: number }>(t.database.db, sql`SELECT version FROM visits WHERE id = ${visitId}`))[0]!.version).toBe(1);
    // Through another child's address, the visit is not found.
    const other = await siblings(t, { count: 1 });
    expect((await worker.get(`/people/${other.ids[0]}/visits/${visitId}/edit`)).statusCode).toBe(404);
    expect((await worker.get(`/people/${childId}/visits/not-a-visit/edit`)).statusCode).toBe(404);
  });

  it('lets a manager change a visit only for their own team, not one on a child allocated to no team that another team recorded', async () => {
    const db = t.database.db;
    const { family, childId, brotherId, visitId, url } = await aVisit();
    // The case is closed: allocated to no team, so every manager in the council may open the children.
    await rows(db, sql`UPDATE people SET current_team_id = NULL, current_worker_id = NULL WHERE id IN (${childId}, ${brotherId})`);
    const other = await t.signIn(EMAILS.manager2);
    const page = await other.get(`/people/${childId}/visits/${visitId}`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).not.toContain('Change this visit');
    const views = await viewsBy(EMAILS.manager2, visitId);
    const refusedBefore = await refusals(EMAILS.manager2);
    const form = await other.get(url);
    expect(form.statusCode).toBe(403);
    expect(bodyText(form.body)).toContain('Only the person who recorded this visit or a manager of the child’s team can change it');
    const changed = visitForm(family.ids, { analysis: 'Rewritten by a manager of another team' });
    delete changed.children;
    expect((await other.post(url, { ...changed, version: '1' })).statusCode).toBe(403);
    expect(await refusals(EMAILS.manager2)).toBe(refusedBefore + 2);
    expect(await viewsBy(EMAILS.manager2, visitId)).toBe(views);
    const saved = await rows<{ version: number; entry_version: number }>(db, sql`SELECT v.version, e.version AS entry_version FROM visits v JOIN chronology_entries e ON e.id = v.chronology_entry_id WHERE v.id = ${visitId}`);
    expect(saved).toEqual([{ version: 1, entry_version: 1 }]);
    // The manager of the team of the person who recorded it may.
    const own = await t.signIn(EMAILS.manager);
    expect((await own.get(url)).statusCode).toBe(200);
    expect(bodyText((await own.get(`/people/${childId}/visits/${visitId}`)).body)).toContain('Change this visit');
    // Once a child on the visit is allocated to the other manager's team, they may too.
    await rows(db, sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!} WHERE id = ${brotherId}`);
    expect((await other.get(url)).statusCode).toBe(200);
    expect((await other.post(url, { ...changed, version: '1' })).statusCode).toBe(303);
  });

  it('asks for each child’s assessment to be reviewed when a change makes the visit significant, as recording it so would', async () => {
    const db = t.database.db;
    const { family, childId, brotherId, visitId, url } = await aVisit();
    const assessments = [await createAssessment(db, childId), await createAssessment(db, brotherId)];
    const prompts = () =>
      rows<{ assessment_id: string; origin_type: string; origin_id: string; reason: string }>(
        db,
        sql`SELECT assessment_id, origin_type, origin_id, reason FROM assessment_review_prompts WHERE assessment_id IN (${assessments[0]!.id}, ${assessments[1]!.id}) ORDER BY assessment_id`,
      );
    // Both children were seen: a routine visit, no prompt.
    expect(await prompts()).toEqual([]);
    const notSeen = (overrides: Record<string, string>) => {
      const values = visitForm(family.ids, overrides, { [brotherId]: { [`seen-${brotherId}`]: 'not-seen', [`reason-${brotherId}`]: 'He was at his dad’s', [`bedroom-${brotherId}`]: 'no', [`words-${brotherId}`]: '' } });
      delete values.children;
      return values;
    };
    expect((await worker.post(url, { ...notSeen({}), version: '1' })).statusCode).toBe(303);
    const entryId = (await rows<{ chronology_entry_id: string }>(db, sql`SELECT chronology_entry_id FROM visits WHERE id = ${visitId}`))[0]!.chronology_entry_id;
    const raised = await prompts();
    expect(raised.map((p) => p.assessment_id).sort()).toEqual(assessments.map((a) => a.id).sort());
    for (const p of raised) {
      expect(p).toMatchObject({ origin_type: 'chronology-entry', origin_id: entryId });
      expect(p.reason).toMatch(/^Significant event on .*: Child protection visit\. Amara was seen alone\. Bode was not seen \(He was at his dad’s\)\./);
    }
    const audited = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-raised' AND subject_id IN (${assessments[0]!.id}, ${assessments[1]!.id})`);
    expect(Number(audited[0]!.n)).toBe(2);
    // Changed again, still significant: no second prompt.
    expect((await worker.post(url, { ...notSeen({ analysis: 'Bode needs to be seen this week.' }), version: '2' })).statusCode).toBe(303);
    expect(await prompts()).toHaveLength(2);
  });

  it('links an error about the form itself (a hidden field: the version it started from) to a message on the page', async () => {
    const { family, url } = await aVisit();
    const values = visitForm(family.ids, { analysis: 'Typed on a page that is out of date' });
    delete values.children;
    const res = await worker.post(url, { ...values, version: 'not a version' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#version"');
    // The summary's link has a target: the message, shown at the top of the form (the same place shows
    // "Who you may see on this visit changed while you were typing").
    expect(res.body).toMatch(/<p class="govuk-error-message" id="version"[^>]*>[\s\S]*?Reload the page and try again/);
    expect(res.body).toContain('Typed on a page that is out of date');
  });

  it('validates a change like a new visit, with the error summary, keeps what was typed and stores nothing', async () => {
    const { family, visitId, url, brotherId } = await aVisit();
    const values = visitForm(family.ids, { analysis: '', 'visitDate-day': '31', 'visitDate-month': '2' }, { [brotherId]: { [`seen-${brotherId}`]: 'not-alone', [`reason-${brotherId}`]: '' } });
    const res = await worker.post(url, { ...values, observed: 'Typed and kept', version: 'abc' });
    expect(res.statusCode).toBe(400);
    const text = bodyText(res.body);
    expect(res.body).toContain('govuk-error-summary');
    for (const message of ['Write what the visit means for the child', 'Explain why Bode was not seen alone', 'Reload the page and try again']) expect(text).toContain(message);
    expect(res.body).toContain('Typed and kept');
    expect((await rows(t.database.db, sql`SELECT 1 FROM visit_revisions WHERE visit_id = ${visitId}`)).length).toBe(1);
  });

  it('keeps the part of a child whose record the person changing it cannot open, and never names them', async () => {
    const db = t.database.db;
    const { visitId, url, brotherId, childId } = await aVisit();
    await rows(db, sql`UPDATE people SET current_team_id = ${t.teams.get('Children in Need North')!}, current_worker_id = NULL WHERE id = ${brotherId}`);
    const form = await worker.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(`seen-${brotherId}`);
    expect(bodyText(form.body)).toContain('also about 1 child whose record you cannot open');
    const res = await worker.post(url, { ...visitForm([childId], { analysis: 'Changed by Sam for Amara only.' }), children: undefined, version: '1' });
    expect(res.statusCode).toBe(303);
    const brother = await rows<{ seen_alone: boolean; child_words: string }>(db, sql`SELECT seen_alone, child_words FROM visit_children WHERE visit_id = ${visitId} AND person_id = ${brotherId}`);
    expect(brother[0]).toEqual({ seen_alone: true, child_words: 'I like my new bed.' });
    // A part posted for a child not on the form is not taken.
    const sneaky = await worker.post(url, { ...visitForm([childId, brotherId], { analysis: 'Again' }), version: '2' });
    expect(sneaky.statusCode).toBe(303);
    expect((await rows<{ child_words: string }>(db, sql`SELECT child_words FROM visit_children WHERE visit_id = ${visitId} AND person_id = ${brotherId}`))[0]!.child_words).toBe('I like my new bed.');
  });
});
