/**
 * The assessment checked against the rest of the record (issue 3 review): the triangle opens with a
 * row for every dimension (A4); sending is refused while a parent or significant adult known to the
 * family's records has no view and no reason (A5); the manager's checklist shows what the visits and
 * views say, and refuses a tick the record does not bear out unless the manager says why (A9); and
 * the assessment page shows the child's open safeguarding tasks with a link to raise one (A13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, signInAll, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { DIMENSION_KEYS, completeEverything, completeVoices, familyWithAssessment, openForm, recordVisit, saveSection, tickedChecklist, type Family } from './assessments-sections.fixture';

type Agents = Awaited<ReturnType<typeof signInAll>>;

const summaryLinks = (html: string) => {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.replace(/&#39;/g, '’') }));
};

describeEachDb('the assessment checked against the record', (kind) => {
  let t: TestApp;
  let as: Agents;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await rows<{ status: string }>(t.database.db, sql`SELECT status FROM assessments WHERE id = ${id}`))[0]!.status;

  describe('the triangle (A4)', () => {
    it('opens each domain with an empty strength and worry for every dimension, and saving them empty keeps nothing', async () => {
      const f = await familyWithAssessment(t);
      for (const [section, keys] of Object.entries(DIMENSION_KEYS)) {
        const page = await openForm(as.worker, `${f.base}/sections/${section}`);
        for (const key of keys) {
          expect(page.body, `${section} ${key}`).toContain(`name="dimensions-${key}-strengths-0-text"`);
          expect(page.body, `${section} ${key}`).toContain(`name="dimensions-${key}-worries-0-text"`);
        }
        expect(page.body).not.toMatch(/name="dimensions-[a-zA-Z]+-(strengths|worries)-1-text"/);
      }
      const saved = await saveSection(as.worker, f, 'developmental-needs', { 'dimensions-health-strengths-0-text': 'Growing well; all immunisations done', 'dimensions-health-strengths-0-kind': 'fact', 'dimensions-health-strengths-0-source': 'Health visitor' });
      expect(saved.statusCode).toBe(303);
      const [row] = await rows<{ c: { dimensions: Record<string, { strengths: unknown[]; worries: unknown[] }> } }>(t.database.db, sql`SELECT content->'developmental-needs' AS c FROM assessments WHERE id = ${f.assessment.id}`);
      expect(row!.c.dimensions.health!.strengths).toHaveLength(1);
      expect(row!.c.dimensions.health!.worries).toEqual([]);
      expect(row!.c.dimensions.education).toEqual({ strengths: [], worries: [], notAssessedReason: null });
      // Once a dimension has something, its own rows are shown; the untouched ones still open ready to fill.
      const again = await openForm(as.worker, `${f.base}/sections/developmental-needs`);
      expect(again.body).toContain('Growing well; all immunisations done');
      expect(again.body).not.toContain('name="dimensions-health-worries-0-text"');
      expect(again.body).toContain('name="dimensions-education-strengths-0-text"');
    });
  });

  describe('each parent’s and significant adult’s views before sending (A5)', () => {
    it('refuses to send while the father is not in the voices section, naming him, and sends once his reason is recorded', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f);
      // The father's row is taken out, as if the worker had removed it.
      await t.database.db.execute(
        sql`UPDATE assessments SET content = jsonb_set(content, '{voices,adults}', (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements(content->'voices'->'adults') x WHERE x->>'personId' <> ${f.father.id}))
            WHERE id = ${f.assessment.id}`,
      );
      const page = await openForm(as.worker, `${f.base}/submit`);
      expect(bodyText(page.body)).toContain(`Record the views of ${f.father.firstName} Elsewhere (father), or say why they were not heard`);
      const refused = await as.worker.post(`${f.base}/submit`, { version: page.version });
      expect(refused.statusCode).toBe(400);
      expect(summaryLinks(refused.body)).toEqual([{ href: `${f.base}/sections/voices#adults`, text: `The child’s voice and the views of family and professionals: record the views of ${f.father.firstName} Elsewhere (father), or say why they were not heard` }]);
      expect(await status(f.assessment.id)).toBe('in-progress');
      // The worker adds him back ("Add Dan Elsewhere"), with the reason he was not heard.
      const voices = await openForm(as.worker, `${f.base}/sections/voices`);
      expect(voices.body).toContain(`Add ${f.father.firstName} Elsewhere`);
      const added = await as.worker.post(`${f.base}/sections/voices`, { version: voices.version, base: voices.base, ...completeVoices(voices.body), action: `add:adults:${f.father.id}` });
      expect(added.statusCode).toBe(200);
      const fields: Record<string, string> = { version: voices.version, base: voices.base, action: 'save', ...completeVoices(added.body) };
      const row = new RegExp(`name="(adults-\\d+)-personId" value="${f.father.id}"`).exec(added.body)![1]!;
      for (const key of Object.keys(fields)) if (key.startsWith(`${row}-view`) || key.startsWith(`${row}-heardOn`)) delete fields[key];
      Object.assign(fields, { [`${row}-heard`]: 'no', [`${row}-notHeardReason`]: 'Not safe to contact: there is a non-molestation order' });
      expect((await as.worker.post(`${f.base}/sections/voices`, fields)).statusCode).toBe(303);
      const sent = await as.worker.post(`${f.base}/submit`, { version: (await openForm(as.worker, `${f.base}/submit`)).version });
      expect(sent.statusCode).toBe(303);
      expect(await status(f.assessment.id)).toBe('awaiting-authorisation');
    });
  });

  describe('the manager’s checklist against the record (A9)', () => {
    async function checklist(f: Family) {
      return openForm(as.manager, `${f.base}/sections/checklist`);
    }

    it('shows what the visits and views say beside each item', async () => {
      const f = await familyWithAssessment(t);
      await completeEverything(as.worker, f);
      const text = bodyText((await checklist(f)).body);
      expect(text).toContain(`What the record says Visits since the assessment began on 6 January 2025: ${f.child.firstName} Sections was seen alone once, last on 3 February 2025.`);
      expect(text).toContain('Their own words are recorded in the child’s voice section and at one visit.');
      expect(text).toContain(`${f.sibling.firstName} Sections: seen once since the assessment began on 6 January 2025, last on 3 February 2025.`);
      expect(text).toContain('the child’s bedroom was seen once, last on 3 February 2025');
      expect(text).toMatch(new RegExp(`${f.mother.firstName} Sections \\(mother\\): views recorded on 4 March 2025`));
      expect(text).toContain('The analysis section is complete.');
      expect(text).toContain('The decision: Child in need plan. Whether the evidence supports it is your judgement.');
    });

    it('refuses a tick the record does not bear out, naming what is missing, until the manager says why', async () => {
      const f = await familyWithAssessment(t, { visited: false });
      await completeEverything(as.worker, f);
      // One visit: Lily seen, not alone, her bedroom not seen; Kai not seen.
      await recordVisit(t, '2025-02-10', [{ id: f.child.id, alone: false }, { id: f.sibling.id, seen: false }]);
      const page = await checklist(f);
      expect(bodyText(page.body)).toContain(`No visit recorded since the assessment began on 6 January 2025 says ${f.child.firstName} Sections was seen alone.`);
      expect(page.body).toContain('name="items-homeVisited-override"');
      const refused = await as.manager.post(`${f.base}/authorise`, { version: page.version, base: page.base, ...tickedChecklist });
      expect(refused.statusCode).toBe(400);
      expect(summaryLinks(refused.body)).toEqual([
        { href: '#items-childSeenAlone-override', text: `Checklist: you ticked ‘The child was seen alone and their views recorded’, but no visit recorded during the assessment says ${f.child.firstName} Sections was seen alone. Say why you are satisfied, or change your answer` },
        { href: '#items-allChildrenSeen-override', text: `Checklist: you ticked ‘All children in the household were seen’, but no visit recorded during the assessment says ${f.sibling.firstName} Sections was seen. Say why you are satisfied, or change your answer` },
        { href: '#items-homeVisited-override', text: 'Checklist: you ticked ‘The home was visited and the child’s bedroom seen’, but no visit recorded during the assessment says the child’s bedroom was seen. Say why you are satisfied, or change your answer' },
      ]);
      expect(await status(f.assessment.id)).toBe('in-progress');
      // The reason is shown at its question, and the ticks are kept.
      const kept = await checklist(f);
      expect(kept.body).toMatch(/name="items-childSeenAlone-ticked" type="radio" value="yes" checked/);
      const ok = await as.manager.post(`${f.base}/authorise`, {
        version: kept.version,
        base: kept.base,
        ...tickedChecklist,
        'items-childSeenAlone-ticked': 'no',
        'items-childSeenAlone-reason': 'Lily would not talk without her mother; to be seen alone at school next week',
        'items-allChildrenSeen-override': 'Kai was seen at nursery by the health visitor on 12 February: her letter is on file',
        'items-homeVisited-override': 'The bedroom was seen on the joint visit with the police, recorded as a case note',
      });
      expect(ok.statusCode).toBe(303);
      expect(await status(f.assessment.id)).toBe('authorised');
      const [row] = await rows<{ c: { items: Record<string, { ticked: boolean; reason: string | null }> } }>(t.database.db, sql`SELECT content->'checklist' AS c FROM assessments WHERE id = ${f.assessment.id}`);
      expect(row!.c.items.homeVisited).toEqual({ ticked: true, reason: 'The bedroom was seen on the joint visit with the police, recorded as a case note' });
      expect(row!.c.items.childSeenAlone).toEqual({ ticked: false, reason: 'Lily would not talk without her mother; to be seen alone at school next week' });
      expect(row!.c.items.parentsSeen).toEqual({ ticked: true, reason: null });
    });
  });

  describe('safeguarding actions on the assessment (A13)', () => {
    it('links the safeguarding actions page and lists the child’s open tasks, soonest first', async () => {
      const f = await familyWithAssessment(t);
      const before = await as.worker.get(f.base);
      expect(before.body).toContain(`href="${f.base}/safeguarding"`);
      expect(bodyText(before.body)).toContain(`${f.child.firstName} Sections has no open safeguarding actions or tasks.`);
      const raised = await as.worker.post(`${f.base}/safeguarding`, { actions: ['tell-police', 'nrm-referral'], details: 'Lily said an older boy makes her carry parcels to a flat' });
      expect(raised.statusCode).toBe(303);
      const after = bodyText((await as.worker.get(f.base)).body);
      expect(after).toMatch(/Safeguarding actions and tasks.*Tell the police now.*Make a National Referral Mechanism referral/);
      expect(after).toContain(`All of ${f.child.firstName} Sections’s tasks, including finished ones`);
      // Readers who cannot raise tasks see them, without the link.
      const chair = await as['cp-chair'].get(f.base);
      expect(chair.statusCode).toBe(200);
      expect(chair.body).not.toContain(`href="${f.base}/safeguarding"`);
      expect(bodyText(chair.body)).toContain('Tell the police now');
    });
  });
});
