/**
 * Every save is kept (A10) and a sharing record says what was shared (A11): each saved version of the
 * family's and the child's version is kept as it was and can be read again; a sharing record names
 * the saved version it shared (so its exact text and language); and each wording of the reasons an
 * assessment is late is kept, with who changed it and when.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bodyText,
  createTestApp,
  describeEachDb,
  EMAILS,
  signInAll,
  type Agent,
  type TestApp,
} from '../helpers/app';
import { audit } from '../../src/platform/audit';
import { rows } from '../../src/platform/db';
import { backfill } from '../../migrations/027_family_version_history';
import { backfill as lateReasonsBackfill } from '../../migrations/032_late_reasons_kept';
import { assessmentsOf, makeFamily, workingDay } from './assessments-core.fixture';
import { count, livingFamily } from './assessments-living.fixture';
import { actorFor } from './security.fixture';

type Role = keyof typeof EMAILS;

const shareOn = (day: string, more: Record<string, string>) => ({
  audience: 'family',
  shared: 'yes',
  'sharedOn-day': day,
  'sharedOn-month': '2',
  'sharedOn-year': '2026',
  method: 'in-person',
  sharedWith: 'Sarah (mother)',
  format: 'standard',
  ...more,
});

describeEachDb(
  'every saved family’s and child’s version kept, and which one was shared (A10, A11)',
  (kind) => {
    let t: TestApp;
    let as: Record<Role, Agent>;
    let names: Record<'worker' | 'manager', string>;
    beforeAll(async () => {
      t = await createTestApp(kind);
      as = await signInAll(t);
      const found = await rows<{ email: string; name: string }>(
        t.database.db,
        sql`SELECT email, name FROM users WHERE email IN (${EMAILS.worker}, ${EMAILS.manager})`,
      );
      const nameOf = (email: string) => found.find((u) => u.email === email)!.name;
      names = { worker: nameOf(EMAILS.worker), manager: nameOf(EMAILS.manager) };
    });
    afterAll(() => t.close());

    it('keeps every saved version as it was, lists them on the version page and shows each one, audited', async () => {
      const f = await livingFamily(t);
      const url = `${f.base}/family-version`;
      expect(
        (
          await as.worker.post(url, {
            text: 'First words\n\nWe met you at home.',
            language: 'Urdu',
            version: '0',
          })
        ).statusCode,
      ).toBe(303);
      expect(
        (await as.manager.post(url, { text: 'Second words.', language: 'English', version: '1' })).statusCode,
      ).toBe(303);
      expect(
        (await as.worker.post(url, { text: 'Third words.', language: 'English', version: '2' })).statusCode,
      ).toBe(303);
      // A stale save is refused and keeps nothing.
      expect(
        (await as.worker.post(url, { text: 'Stale words.', language: 'English', version: '2' })).statusCode,
      ).toBe(409);

      const kept = await rows<{ version: number; text: string; language: string; saved_by: string }>(
        t.database.db,
        sql`SELECT version, text, language, saved_by FROM assessment_family_version_texts WHERE assessment_id = ${f.assessment.id} AND audience = 'family' ORDER BY version`,
      );
      expect(kept).toEqual([
        {
          version: 1,
          text: 'First words\n\nWe met you at home.',
          language: 'Urdu',
          saved_by: t.users.get(EMAILS.worker),
        },
        { version: 2, text: 'Second words.', language: 'English', saved_by: t.users.get(EMAILS.manager) },
        { version: 3, text: 'Third words.', language: 'English', saved_by: t.users.get(EMAILS.worker) },
      ]);
      const [latest] = await rows<{ text: string; version: number }>(
        t.database.db,
        sql`SELECT text, version FROM assessment_family_versions WHERE assessment_id = ${f.assessment.id} AND audience = 'family'`,
      );
      expect(latest).toEqual({ text: 'Third words.', version: 3 });

      const page = await as.worker.get(url);
      expect(bodyText(page.body)).toContain('Every saved version');
      for (const n of [1, 2, 3]) expect(page.body).toContain(`href="${url}/versions/${n}"`);
      expect(bodyText(page.body)).toMatch(
        new RegExp(`Version 2 [^]*?${names.manager} English Read it ?: version 2`),
      );

      const first = await as.worker.get(`${url}/versions/1`);
      expect(first.statusCode).toBe(200);
      const text = bodyText(first.body);
      expect(text).toContain('Version 1 of the family’s version');
      expect(text).toContain('This is an earlier version, kept as it was saved. The latest is version 3');
      expect(text).toContain('Written in Urdu');
      expect(text).toContain(`by ${names.worker}`);
      expect(text).toContain('Not recorded as shared');
      expect(first.body).toContain('<h4 class="govuk-heading-s">First words</h4>');
      expect(first.body).toContain('<p class="govuk-body">We met you at home.</p>');
      expect(first.body).toContain('lang="ur"');
      expect(first.body).not.toContain('Third words.');
      expect(bodyText((await as.worker.get(`${url}/versions/3`)).body)).toContain(
        'This is the latest saved version of the family’s version.',
      );
      const audited = await rows<{ details: Record<string, unknown> }>(
        t.database.db,
        sql`SELECT details FROM audit_log WHERE action = 'assessment-family-version-viewed' AND child_id = ${f.ellie.id} AND details ? 'version' ORDER BY seq`,
      );
      expect(audited.map((a) => a.details)).toEqual([
        { audience: 'family', version: 1 },
        { audience: 'family', version: 3 },
      ]);

      // No such version, not a number, the child's version (none saved), another child's address: not found, and not audited.
      const before = await count(
        t,
        sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-family-version-viewed' AND child_id = ${f.ellie.id}`,
      );
      for (const missing of [
        `${url}/versions/4`,
        `${url}/versions/0`,
        `${url}/versions/one`,
        `${url}/versions/99999999`,
        `${f.base}/child-version/versions/1`,
        `/people/${f.tom.id}/assessments/${f.assessment.id}/family-version/versions/1`,
      ]) {
        expect((await as.worker.get(missing)).statusCode, missing).toBe(404);
      }
      expect(
        await count(
          t,
          sql`SELECT count(*) AS n FROM audit_log WHERE action = 'assessment-family-version-viewed' AND child_id = ${f.ellie.id}`,
        ),
      ).toBe(before);
    });

    it('records which saved version was shared, says so where sharing is listed, and shows the text that was shared after later edits', async () => {
      const f = await livingFamily(t);
      const url = `${f.base}/sharing`;
      expect(
        (
          await as.worker.post(`${f.base}/family-version`, {
            text: 'آپ کے بچے کے بارے میں',
            language: 'Urdu',
            version: '0',
          })
        ).statusCode,
      ).toBe(303);
      expect(
        (
          await as.worker.post(`${f.base}/child-version`, {
            text: 'Hello Ellie',
            language: 'English',
            version: '0',
          })
        ).statusCode,
      ).toBe(303);

      // From the version page, the version on it is chosen; the language is left for the version's own.
      const versionPage = await as.worker.get(`${f.base}/family-version`);
      expect(versionPage.body).toContain(`href="${url}?audience=family&amp;version=1"`);
      const form = await as.worker.get(`${url}?audience=family&version=1`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toMatch(/value="family:1" checked/);
      expect(/<input[^>]*name="language"[^>]*>/.exec(form.body)![0]).not.toMatch(/value="[^"]/);
      expect(bodyText(form.body)).toContain('Version 1 of the family’s version, written in Urdu');
      expect(bodyText(form.body)).toContain('Version 1 of the child’s version, written in English');
      expect(bodyText(form.body)).toContain('No written version');
      // A version it does not offer is not chosen.
      expect((await as.worker.get(`${url}?audience=family&version=7`)).body).not.toMatch(
        /value="family:\d+" checked/,
      );

      // Server-validated: a version must be chosen (or none), and only one the form offers.
      const missing = await as.worker.post(url, shareOn('2', {}));
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('govuk-error-summary');
      expect(missing.body).toContain('href="#sharedVersion"');
      expect(bodyText(missing.body)).toContain('Choose which version was shared, or ‘No written version’');
      for (const bad of ['family:7', 'family:0', 'referrer:1', '<script>', 'family:1 ']) {
        const res = await as.worker.post(url, shareOn('2', { sharedVersion: bad }));
        expect(res.statusCode, bad).toBe(400);
        expect(bodyText(res.body)).toContain('Choose a version from the list, or ‘No written version’');
        expect(res.body).not.toContain('<script>');
      }
      expect(
        (
          await as.worker.post(
            url,
            shareOn('2', { sharedVersion: ['family:1', 'child:1'] as unknown as string }),
          )
        ).statusCode,
      ).toBe(400);
      expect(
        await count(
          t,
          sql`SELECT count(*) AS n FROM assessment_sharing WHERE assessment_id = ${f.assessment.id}`,
        ),
      ).toBe(0);

      expect(
        (await as.worker.post(url, shareOn('2', { sharedVersion: 'family:1', language: '' }))).statusCode,
      ).toBe(303);
      expect(
        (
          await as.worker.post(
            url,
            shareOn('3', {
              audience: 'child',
              sharedWith: 'Ellie',
              sharedVersion: 'child:1',
              language: 'Polish',
              format: 'talked-through',
            }),
          )
        ).statusCode,
      ).toBe(303);
      expect(
        (
          await as.worker.post(
            url,
            shareOn('4', {
              audience: 'referrer',
              sharedWith: 'Mrs Khan, Oakfield Primary',
              method: 'email',
              sharedVersion: 'none',
            }),
          )
        ).statusCode,
      ).toBe(303);
      expect(
        (
          await as.worker.post(url, {
            audience: 'family',
            shared: 'no',
            notSharedReason: 'other',
            notSharedDetails: 'Dad was there',
            sharedVersion: 'family:1',
          })
        ).statusCode,
      ).toBe(303);
      const stored = await rows<{
        audience: string;
        language: string | null;
        version_audience: string | null;
        version_number: number | null;
      }>(
        t.database.db,
        sql`SELECT audience, language, version_audience, version_number FROM assessment_sharing WHERE assessment_id = ${f.assessment.id} ORDER BY recorded_at`,
      );
      expect(stored).toEqual([
        { audience: 'family', language: 'Urdu', version_audience: 'family', version_number: 1 },
        { audience: 'child', language: 'Polish', version_audience: 'child', version_number: 1 },
        { audience: 'referrer', language: 'English', version_audience: null, version_number: null },
        { audience: 'family', language: null, version_audience: null, version_number: null },
      ]);
      const audited = await rows<{ details: Record<string, unknown> }>(
        t.database.db,
        sql`SELECT details FROM audit_log WHERE action = 'assessment-sharing-recorded' AND child_id = ${f.ellie.id} ORDER BY seq`,
      );
      expect(audited[0]!.details).toMatchObject({
        audience: 'family',
        shared: true,
        versionAudience: 'family',
        version: 1,
      });
      expect(audited[2]!.details).not.toHaveProperty('version');
      expect(
        await count(
          t,
          sql`SELECT count(*) AS n FROM chronology_entries WHERE summary = 'Assessment shared with the parents or carers (Sarah (mother)), in person, in Urdu, standard print, version 1 of the family’s version'`,
        ),
      ).toBe(1);

      // The family's version changes after it was shared: the record still says, and shows, what they got.
      expect(
        (
          await as.worker.post(`${f.base}/family-version`, {
            text: 'Rewritten after the meeting.',
            language: 'English',
            version: '1',
          })
        ).statusCode,
      ).toBe(303);
      const listed = await as.worker.get(url);
      const text = bodyText(listed.body);
      expect(text).toContain(
        'Sarah (mother), In person, Urdu, Standard print Shared version 1 of the family’s version, in Urdu, on 2 February 2026. Read what was shared',
      );
      expect(text).toContain(
        'Ellie, In person, Polish, Read aloud and talked through Shared version 1 of the child’s version, in Polish (written in English), on 3 February 2026.',
      );
      expect(text).toContain('Mrs Khan, Oakfield Primary, By email, English, Standard print Sam Okafor');
      expect(listed.body).toContain(`href="${f.base}/family-version/versions/1"`);
      expect(listed.body).toContain(`href="${f.base}/child-version/versions/1"`);
      expect(text).toContain('Version 2 of the family’s version, written in English');
      const shared = await as.worker.get(`${f.base}/family-version/versions/1`);
      expect(shared.statusCode).toBe(200);
      expect(shared.body).toContain('آپ کے بچے کے بارے میں');
      expect(shared.body).not.toContain('Rewritten after the meeting.');
      expect(bodyText(shared.body)).toContain(
        '2 February 2026: Sarah (mother), In person, Urdu, Standard print',
      );
      expect(bodyText(shared.body)).toContain(
        'This is an earlier version, kept as it was saved. The latest is version 2',
      );
      // The family's version page says which version each sharing gave.
      expect(bodyText((await as.worker.get(`${f.base}/family-version`)).body)).toContain(
        'Shared version 1 of the family’s version, in Urdu, on 2 February 2026.',
      );
    });

    it('shows what was typed again after an error, the chosen version kept', async () => {
      const f = await livingFamily(t);
      expect(
        (
          await as.worker.post(`${f.base}/family-version`, {
            text: 'Words',
            language: 'English',
            version: '0',
          })
        ).statusCode,
      ).toBe(303);
      const res = await as.worker.post(
        `${f.base}/sharing`,
        shareOn('2', { sharedVersion: 'family:1', method: '' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#method"');
      expect(res.body).toMatch(/value="family:1" checked/);
    });

    it('refuses saved versions to other teams, chairs, quality assurance, partners and administrators', async () => {
      const f = await livingFamily(t);
      expect(
        (
          await as.worker.post(`${f.base}/family-version`, {
            text: 'Only for the family.',
            language: 'English',
            version: '0',
          })
        ).statusCode,
      ).toBe(303);
      for (const role of ['worker2', 'manager2', 'partner', 'admin', 'cp-chair', 'qa'] as const) {
        const res = await as[role].get(`${f.base}/family-version/versions/1`);
        expect(res.statusCode, role).toBe(403);
        expect(res.body).not.toContain('Only for the family.');
      }
      expect((await as.manager.get(`${f.base}/family-version/versions/1`)).statusCode).toBe(200);
    });
  },
);

/** A child referred 47 working days ago, with a standard assessment the worker started: late by the time it is looked at. */
async function lateAssessment(t: TestApp, worker: Agent, surname: string) {
  const f = await makeFamily(t, { births: ['2015-05-05'], referralDate: workingDay(-47), surname });
  const child = f.children[0]!;
  expect((await worker.post(`/people/${child.id}/assessments/new`, { variant: 'standard', referral: f.referrals.get(child.id)! })).statusCode).toBe(303);
  return { child, a: (await assessmentsOf(t, child.id))[0]! };
}

describeEachDb('the reasons an assessment is late: every wording kept (A2, A10)', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('keeps the earlier reasons when they are changed, and shows who changed them and when, with the earlier wording', async () => {
    const { child, a } = await lateAssessment(t, as.worker, 'Latewood');
    const base = `/people/${child.id}/assessments/${a.id}`;
    const basedOn = async (agent: Agent) =>
      /name="basedOn" value="([^"]+)"/.exec((await agent.get(`${base}/late-reasons`)).body)![1]!;

    expect(
      (
        await as.worker.post(`${base}/late-reasons`, {
          reasons: 'The family were abroad for three weeks',
          basedOn: await basedOn(as.worker),
        })
      ).statusCode,
    ).toBe(303);
    const once = bodyText((await as.worker.get(base)).body);
    expect(once).toMatch(
      /Why it is late The family were abroad for three weeks Recorded on \d{1,2} \w+ \d{4}[^A-Z]*by Sam Okafor/,
    );
    expect(once).not.toContain('Earlier reasons');

    // The same wording saved again (spaces around it are trimmed) changes nothing: no history row, no audit row.
    const recorded = () =>
      rows<{ n: unknown }>(
        t.database.db,
        sql`SELECT (SELECT count(*) FROM assessment_late_reasons WHERE assessment_id = ${a.id}) + (SELECT count(*) FROM audit_log WHERE action = 'assessment-late-reasons-recorded' AND subject_id = ${a.id}) AS n`,
      ).then((r) => Number(r[0]!.n));
    const [before] = await rows<{ updated_at: Date | string }>(t.database.db, sql`SELECT updated_at FROM assessments WHERE id = ${a.id}`);
    expect(await recorded()).toBe(2);
    const again = await as.manager.post(`${base}/late-reasons`, {
      reasons: '  The family were abroad for three weeks ',
      basedOn: await basedOn(as.manager),
    });
    expect(again.statusCode).toBe(303);
    expect(bodyText((await as.manager.get(again.headers.location as string)).body)).toContain('The reasons for lateness are unchanged');
    expect(await recorded()).toBe(2);
    const [after] = await rows<{ updated_at: Date | string }>(t.database.db, sql`SELECT updated_at FROM assessments WHERE id = ${a.id}`);
    expect(new Date(after!.updated_at).toISOString()).toBe(new Date(before!.updated_at).toISOString());

    // A stale save changes nothing and keeps nothing.
    const stale = await basedOn(as.manager);
    expect(
      (
        await as.manager.post(`${base}/late-reasons`, {
          reasons: 'Waiting for a hospital report; the family were abroad',
          basedOn: stale,
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await as.worker.post(`${base}/late-reasons`, { reasons: 'Not kept', basedOn: stale })).statusCode,
    ).toBe(409);

    const kept = await rows<{ reasons: string; recorded_by: string }>(
      t.database.db,
      sql`SELECT reasons, recorded_by FROM assessment_late_reasons WHERE assessment_id = ${a.id} ORDER BY recorded_at`,
    );
    expect(kept).toEqual([
      { reasons: 'The family were abroad for three weeks', recorded_by: t.users.get(EMAILS.worker) },
      {
        reasons: 'Waiting for a hospital report; the family were abroad',
        recorded_by: t.users.get(EMAILS.manager),
      },
    ]);
    const [now] = await rows<{ late_reason: string }>(
      t.database.db,
      sql`SELECT late_reason FROM assessments WHERE id = ${a.id}`,
    );
    expect(now!.late_reason).toBe('Waiting for a hospital report; the family were abroad');

    const [manager] = await rows<{ name: string }>(
      t.database.db,
      sql`SELECT name FROM users WHERE email = ${EMAILS.manager}`,
    );
    const overview = await as.worker.get(base);
    const text = bodyText(overview.body);
    expect(text).toMatch(
      new RegExp(
        `Why it is late Waiting for a hospital report; the family were abroad Changed on \\d{1,2} \\w+ \\d{4}[^A-Z]*by ${manager!.name} Earlier reasons \\(1\\) Recorded on \\d{1,2} \\w+ \\d{4}[^A-Z]*by Sam Okafor: The family were abroad for three weeks`,
      ),
    );
    expect(overview.body).toContain('govuk-details');
    expect(text).not.toContain('Not kept');
  });

  it('reads the overview in the same number of queries with many earlier reasons, each shown as text', async () => {
    const { child, a } = await lateAssessment(t, as.worker, 'Countwood');
    const base = `/people/${child.id}/assessments/${a.id}`;
    const save = async (reasons: string) => {
      const basedOn = /name="basedOn" value="([^"]+)"/.exec(
        (await as.worker.get(`${base}/late-reasons`)).body,
      )![1]!;
      expect((await as.worker.post(`${base}/late-reasons`, { reasons, basedOn })).statusCode).toBe(303);
    };
    await save('First <script>alert(1)</script>');
    await as.worker.get(base);
    const one = as.worker.lastQueryCount;
    for (const r of ['Second', 'Third', 'Fourth']) await save(r);
    const page = await as.worker.get(base);
    expect(as.worker.lastQueryCount).toBe(one);
    expect(bodyText(page.body)).toContain('Earlier reasons (3)');
    // What was typed is shown as text, never as markup, in the earlier reasons as in the reasons now.
    expect(page.body).toContain('First &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
  });
});

describeEachDb('migration 032 keeps the late reasons 027 left out', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('copies in the reasons with no history row, who and when from the audit row or else from the last change; leaves the others as they are', async () => {
    const db = t.database.db;
    const worker = t.users.get(EMAILS.worker)!;
    const manager = t.users.get(EMAILS.manager)!;
    const f = await livingFamily(t);
    // Three assessments with reasons, as 027 and the seeders left them.
    const seeded = f.assessment.id; // no audit row: as every seeded one
    const audited = f.tomsAssessment.id; // an audit row that 027 did not copy (recorded after it ran)
    const kept = (await lateAssessment(t, as.worker, 'Keptwood')).a.id; // a history row already
    await db.execute(sql`UPDATE assessments SET late_reason = 'Seeded reasons', updated_by = ${worker}, updated_at = '2025-04-02T09:30:00Z' WHERE id = ${seeded}`);
    await db.execute(sql`UPDATE assessments SET late_reason = 'Audited reasons', updated_by = ${worker}, updated_at = '2025-04-03T09:30:00Z' WHERE id = ${audited}`);
    await db.execute(sql`UPDATE assessments SET late_reason = 'Kept reasons' WHERE id = ${kept}`);
    await db.execute(sql`INSERT INTO assessment_late_reasons (assessment_id, reasons, recorded_by, recorded_at) VALUES (${kept}, 'Kept reasons', ${manager}, '2025-01-01T12:00:00Z')`);
    await audit(db, { actor: await actorFor(t, EMAILS.manager), requestId: null }, {
      action: 'assessment-late-reasons-recorded',
      subjectType: 'assessment',
      subjectId: audited,
      childId: f.tom.id,
      details: { replaced: false },
    });
    const [recorded] = await rows<{ at: Date | string }>(db, sql`SELECT at FROM audit_log WHERE action = 'assessment-late-reasons-recorded' AND subject_id = ${audited}`);
    const history = async () =>
      (
        await rows<{ assessment_id: string; reasons: string; recorded_by: string | null; recorded_at: Date | string }>(
          db,
          sql`SELECT assessment_id, reasons, recorded_by, recorded_at FROM assessment_late_reasons WHERE assessment_id IN (${seeded}, ${audited}, ${kept}) ORDER BY reasons`,
        )
      ).map((r) => ({ ...r, recorded_at: new Date(r.recorded_at).toISOString() }));

    await t.database.runScript(lateReasonsBackfill);
    const expected = [
      { assessment_id: audited, reasons: 'Audited reasons', recorded_by: manager, recorded_at: new Date(recorded!.at).toISOString() },
      { assessment_id: kept, reasons: 'Kept reasons', recorded_by: manager, recorded_at: '2025-01-01T12:00:00.000Z' },
      { assessment_id: seeded, reasons: 'Seeded reasons', recorded_by: worker, recorded_at: '2025-04-02T09:30:00.000Z' },
    ];
    expect(await history()).toEqual(expected);
    // Run again, it adds nothing; an assessment without reasons gets no row.
    await t.database.runScript(lateReasonsBackfill);
    expect(await history()).toEqual(expected);
    expect(Number((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM assessment_late_reasons h JOIN assessments a ON a.id = h.assessment_id WHERE a.late_reason IS NULL`))[0]!.n)).toBe(0);
  });
});

describeEachDb('migration 027 keeps what was saved before it', (kind) => {
  let t: TestApp;
  let as: Record<Role, Agent>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('copies the latest family’s version in as its own numbered version, and the latest late reasons with who recorded them and when', async () => {
    const db = t.database.db;
    const f = await livingFamily(t);
    const worker = t.users.get(EMAILS.worker)!;
    // As the app before migration 027 left them: the latest version only, and the reasons with their audit row.
    await db.execute(sql`INSERT INTO assessment_family_versions (assessment_id, audience, text, language, updated_at, updated_by, version)
                         VALUES (${f.assessment.id}, 'family', 'Written before the migration.', 'Polish', '2025-03-01T10:00:00Z', ${worker}, 4)`);
    await db.execute(
      sql`UPDATE assessments SET late_reason = 'Reasons from before' WHERE id = ${f.tomsAssessment.id}`,
    );
    const ctx = { actor: await actorFor(t, EMAILS.manager), requestId: null };
    await audit(db, ctx, {
      action: 'assessment-late-reasons-recorded',
      subjectType: 'assessment',
      subjectId: f.tomsAssessment.id,
      childId: f.tom.id,
      details: { replaced: false },
    });
    const [recorded] = await rows<{ at: Date | string }>(
      db,
      sql`SELECT at FROM audit_log WHERE action = 'assessment-late-reasons-recorded' AND subject_id = ${f.tomsAssessment.id}`,
    );

    await t.database.runScript(backfill);

    const texts = await rows<{
      version: number;
      text: string;
      language: string;
      saved_by: string;
      saved_at: Date | string;
    }>(
      db,
      sql`SELECT version, text, language, saved_by, saved_at FROM assessment_family_version_texts WHERE assessment_id = ${f.assessment.id}`,
    );
    expect(texts.map((r) => ({ ...r, saved_at: new Date(r.saved_at).toISOString() }))).toEqual([
      {
        version: 4,
        text: 'Written before the migration.',
        language: 'Polish',
        saved_by: worker,
        saved_at: '2025-03-01T10:00:00.000Z',
      },
    ]);
    const page = await as.worker.get(`${f.base}/family-version/versions/4`);
    expect(page.statusCode).toBe(200);
    expect(bodyText(page.body)).toContain('This is the latest saved version of the family’s version.');
    const reasons = await rows<{ reasons: string; recorded_by: string; recorded_at: Date | string }>(
      db,
      sql`SELECT reasons, recorded_by, recorded_at FROM assessment_late_reasons WHERE assessment_id = ${f.tomsAssessment.id}`,
    );
    expect(reasons.map((r) => ({ ...r, recorded_at: new Date(r.recorded_at).toISOString() }))).toEqual([
      {
        reasons: 'Reasons from before',
        recorded_by: t.users.get(EMAILS.manager),
        recorded_at: new Date(recorded!.at).toISOString(),
      },
    ]);
  });
});
