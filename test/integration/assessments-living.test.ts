import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type Agent, type TestApp } from '../helpers/app';
import { createAdult } from '../helpers/factories';
import { recordChronologyEntry } from '../../src/features/chronology/record';
import { actorFor } from './security.fixture';
import { analysis, count, livingFamily, openPrompts, saveSection } from './assessments-living.fixture';

type Role = keyof typeof EMAILS;

describeEachDb('the living assessment: revisions and comparing them (A10)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('lists every revision with who, when, the section and the fields changed, audited, in a fixed number of queries', async () => {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    await saveSection(t, f.assessment.id, 'analysis', analysis({ worried: 'We are worried because Dad hit Mum twice in March.' }), EMAILS.manager);
    const res = await as.worker.get(`${f.base}/revisions`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Changes to the assessment');
    const manager = (await t.services.users.repo.findByEmail(EMAILS.manager))!.name;
    const worker = (await t.services.users.repo.findByEmail(EMAILS.worker))!.name;
    expect(text).toMatch(new RegExp(`2 \\d+ \\w+ \\d{4} at [\\d:]+ [ap]m ${manager} Analysis What we are worried about What changed in version 2`));
    expect(text).toMatch(new RegExp(`1 \\d+ \\w+ \\d{4} at [\\d:]+ [ap]m ${worker} Analysis Marked as finished, Danger statements, .* What changed in version 1`));
    expect(res.body).toContain(`${f.base}/revisions/compare?from=1&amp;to=2`);
    const queries = as.worker.lastQueryCount;
    for (let i = 0; i < 5; i += 1) await saveSection(t, f.assessment.id, 'analysis', analysis({ goingWell: `Going well, take ${i}` }));
    await as.worker.get(`${f.base}/revisions`);
    expect(as.worker.lastQueryCount).toBe(queries);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-revisions-viewed' AND child_id = ${f.ellie.id}`)).toBe(2);
  });

  it('compares two revisions side by side, field by field, with added, removed and changed statements', async () => {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    await saveSection(
      t,
      f.assessment.id,
      'analysis',
      analysis({
        worried: 'We are worried because Dad hit Mum twice in March, once while holding Tom.',
        dangerStatements: [{ text: 'Tom could be dropped or hurt if Dad hits Mum while she holds him' }, { text: 'Ellie could be hurt or very frightened if Dad hits Mum again when she is at home' }],
        safetyGoals: [],
      }),
    );
    const res = await as.manager.get(`${f.base}/revisions/compare?from=1&to=2`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Analysis (3 changes)');
    expect(text).toContain('What we are worried about Changed We are worried because Dad hit Mum in the kitchen in March while Ellie was upstairs. Ellie heard it and was frightened. We are worried because Dad hit Mum twice in March, once while holding Tom.');
    expect(text).toContain('Danger statements › Item 1 › Statement Added Tom could be dropped');
    expect(text).toContain('Safety goals › Item 1 › Statement Removed Ellie lives in a home where the grown-ups do not hurt each other');
    expect(text).not.toContain('Danger statements › Item 2');
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-revisions-compared' AND child_id = ${f.ellie.id}`)).toBe(1);
    // Without numbers it compares the latest two.
    expect(bodyText((await as.worker.get(`${f.base}/revisions/compare`)).body)).toContain('Analysis (3 changes)');
  });

  it('compares the first save with the assessment as started: empty, or what was carried in from early help (version 0)', async () => {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    const fromEmpty = bodyText((await as.worker.get(`${f.base}/revisions/compare?from=0&to=1`)).body);
    expect(fromEmpty).toContain('What is going well Added Ellie goes to school every day');
    const carried = { analysis: analysis({ goingWell: 'Early help: Ellie enjoys football club.' }) };
    const g = await livingFamily(t);
    await t.database.db.execute(sql`UPDATE assessments SET content = ${JSON.stringify(carried)}::jsonb WHERE id = ${g.assessment.id}`);
    await t.database.db.execute(sql`INSERT INTO assessment_revisions (assessment_id, revision, section, content, changed_fields) VALUES (${g.assessment.id}, 0, 'carried-in', ${JSON.stringify(carried)}::jsonb, '{analysis}')`);
    await saveSection(t, g.assessment.id, 'analysis', analysis());
    const res = await as.worker.get(`${g.base}/revisions/compare?from=0&to=1`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Analysis (1 change)');
    expect(text).toContain('What is going well Changed Early help: Ellie enjoys football club. Ellie goes to school every day');
    expect(bodyText((await as.worker.get(`${g.base}/revisions`)).body)).toContain('Carried in from the early help assessment');
  });

  it('validates the versions asked for with the GOV.UK error summary, whatever is typed', async () => {
    const f = await livingFamily(t);
    expect(bodyText((await as.worker.get(`${f.base}/revisions/compare`)).body)).toContain('nothing to compare yet');
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    await saveSection(t, f.assessment.id, 'analysis', analysis({ goingWell: 'Better' }));
    for (const query of ['from=1&to=1', 'from=-1&to=2', 'from=abc&to=2', 'from=1&to=99', 'from=%3Cscript%3E&to=2', 'from=1&from=2&to=2', `from=${'9'.repeat(400)}&to=1`]) {
      const res = await as.worker.get(`${f.base}/revisions/compare?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toMatch(/href="#(from|to)"/);
      expect(res.body).not.toContain('<script>');
    }
    expect(bodyText((await as.worker.get(`${f.base}/revisions/compare?from=1&to=1`)).body)).toContain('Choose two different versions to compare');
  });

  it('refuses people outside the child’s team, partners and administrators, and an assessment reached through another child', async () => {
    const f = await livingFamily(t);
    await saveSection(t, f.assessment.id, 'analysis', analysis());
    for (const role of ['worker2', 'manager2', 'partner', 'admin'] as const) {
      expect((await as[role].get(`${f.base}/revisions`)).statusCode, role).toBe(403);
      expect((await as[role].get(`${f.base}/revisions/compare?from=1&to=1`)).statusCode, role).toBe(403);
    }
    for (const role of ['cp-chair', 'qa', 'manager'] as const) expect((await as[role].get(`${f.base}/revisions`)).statusCode, role).toBe(200);
    expect((await as.worker.get(`/people/${f.tom.id}/assessments/${f.assessment.id}/revisions`)).statusCode).toBe(404);
    expect((await as.worker.get(`/people/${f.ellie.id}/assessments/not-an-id/revisions`)).statusCode).toBe(404);
  });
});

describeEachDb('the living assessment: review prompts (A10)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('a new referral prompts a review of the child’s assessment, once', async () => {
    const f = await livingFamily(t);
    const contact = await as.worker.post('/contacts', {
      child: [f.ellie.id],
      'receivedOn-day': '3',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
      source: '6',
      concern: 'Police were called after neighbours heard shouting.',
      consent: 'given',
    });
    expect(contact.statusCode).toBe(303);
    const contactId = String(contact.headers.location).split('/').pop()!;
    expect((await as.manager.post(`/contacts/${contactId}/decision`, { decision: 'referral', decisionReason: 'Repeated police call-outs.' })).statusCode).toBe(303);
    const prompts = await openPrompts(t, f.assessment.id);
    expect(prompts).toEqual([expect.objectContaining({ reason: 'New referral received on 3 February 2026', origin_type: 'contact' })]);
    expect(await openPrompts(t, f.tomsAssessment.id)).toEqual([]);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-raised' AND child_id = ${f.ellie.id}`)).toBe(1);
  });

  it('a significant event in the chronology prompts a review; a routine one or one the assessment wrote does not', async () => {
    const f = await livingFamily(t);
    const actor = await actorFor(t, EMAILS.worker);
    const entry = (significance: 'significant' | 'routine', originType = 'entry') =>
      t.database.db.transaction((tx) =>
        recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-10', category: 'police-incident', summary: 'Police called: Dad punched Mum; Ellie and Tom in the house.', significance, originType, personIds: [f.ellie.id, f.tom.id, f.mum.id] }),
      );
    await entry('routine');
    await entry('significant', 'assessment');
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    await entry('significant');
    for (const id of [f.assessment.id, f.tomsAssessment.id]) {
      expect(await openPrompts(t, id)).toEqual([expect.objectContaining({ origin_type: 'chronology-entry', reason: 'Significant event on 10 February 2026: Police called: Dad punched Mum; Ellie and Tom in the house.' })]);
    }
  });

  it('a change of household prompts a review for the children living there', async () => {
    const f = await livingFamily(t);
    const partner = await createAdult(t.database.db, { firstName: 'Dean', lastName: 'Walsh' });
    const res = await as.worker.post(`/households/${f.householdId}/members/new`, { personId: partner.id, from: f.ellie.id, 'fromDate-day': '1', 'fromDate-month': '2', 'fromDate-year': '2026' });
    expect(res.statusCode).toBe(303);
    for (const id of [f.assessment.id, f.tomsAssessment.id]) {
      expect(await openPrompts(t, id)).toEqual([expect.objectContaining({ origin_type: 'household-member', reason: expect.stringMatching(/^Dean Walsh joined Brennan\w+ household$/) })]);
    }
  });

  it('is resolved as updated only after a newer revision, or as no change with a reason; the overview banner partial lists it', async () => {
    const f = await livingFamily(t);
    const actor = await actorFor(t, EMAILS.worker);
    await t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-11', category: 'missing', summary: 'Ellie missing overnight, found by police.', significance: 'significant', personIds: [f.ellie.id] }),
    );
    const [prompt] = await openPrompts(t, f.assessment.id);
    const url = `${f.base}/prompts/${prompt!.id}/resolve`;
    const page = await as.worker.get(url);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('Ellie missing overnight, found by police.');

    const early = await as.worker.post(url, { resolution: 'updated' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#resolution"');
    expect(bodyText(early.body)).toContain('The assessment has not been changed since this was raised');

    const noReason = await as.worker.post(url, { resolution: 'no-change', note: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#note"');
    const hostile = await as.worker.post(url, { resolution: ['updated', 'no-change'], note: 'x'.repeat(5000) });
    expect(hostile.statusCode).toBe(400);

    await saveSection(t, f.assessment.id, 'analysis', analysis({ worried: 'Ellie went missing overnight on 11 February.' }));
    const done = await as.worker.post(url, { resolution: 'updated' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(f.base);
    expect(await openPrompts(t, f.assessment.id)).toEqual([]);
    const again = await as.worker.post(url, { resolution: 'no-change', note: 'Twice' });
    expect(again.statusCode).toBe(303);
    expect(await count(t, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-review-prompt-resolved' AND child_id = ${f.ellie.id}`)).toBe(1);

    // No change needed, with a reason, on Tom's.
    await t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-12', category: 'health', summary: 'Tom had his 3-year health check.', significance: 'significant', personIds: [f.tom.id] }),
    );
    const [tomPrompt] = await openPrompts(t, f.tomsAssessment.id);
    const tomUrl = `/people/${f.tom.id}/assessments/${f.tomsAssessment.id}/prompts/${tomPrompt!.id}/resolve`;
    expect((await as.worker.post(tomUrl, { resolution: 'no-change', note: 'A routine check; nothing new about his needs.' })).statusCode).toBe(303);
    const stored = await count(t, sql`SELECT count(*) AS n FROM assessment_review_prompts WHERE id = ${tomPrompt!.id} AND resolution = 'no-change' AND note = 'A routine check; nothing new about his needs.'`);
    expect(stored).toBe(1);
  });

  it('refuses closing a prompt to other teams, chairs, partners and administrators; a prompt of another assessment is not found', async () => {
    const f = await livingFamily(t);
    const actor = await actorFor(t, EMAILS.worker);
    await t.database.db.transaction((tx) =>
      recordChronologyEntry(tx, { actor, requestId: null }, { occurredOn: '2026-02-11', category: 'police-incident', summary: 'Arrest at the home.', significance: 'significant', personIds: [f.ellie.id, f.tom.id] }),
    );
    const [prompt] = await openPrompts(t, f.assessment.id);
    const url = `${f.base}/prompts/${prompt!.id}/resolve`;
    for (const role of ['worker2', 'manager2', 'partner', 'admin', 'cp-chair', 'qa'] as const) {
      expect((await as[role].post(url, { resolution: 'no-change', note: 'No' })).statusCode, role).toBe(403);
    }
    expect((await as.worker.get(`/people/${f.tom.id}/assessments/${f.tomsAssessment.id}/prompts/${prompt!.id}/resolve`)).statusCode).toBe(404);
    expect((await as.worker.post(`${f.base}/prompts/nope/resolve`, { resolution: 'no-change', note: 'x' })).statusCode).toBe(404);
    expect(await openPrompts(t, f.assessment.id)).toHaveLength(1);
  });
});
