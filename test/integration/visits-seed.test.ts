import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, freshDatabase, type TestApp } from '../helpers/app';
import { rows, toNumber, type Database, type Db } from '../../src/platform/db';
import { seedDemo } from '../../cli/seed/demo';
import { seedScale } from '../../cli/seed/scale';
import { seedVisitsAndNotes } from '../../cli/seed/visits';
import { todayInLondon } from '../../src/domain/dates';

const n = async (db: Db, query: ReturnType<typeof sql>) => toNumber((await rows<{ n: unknown }>(db, query))[0]?.n);

/** Every seeded visit and note is stored the way the app stores one: entered once, linked to each child, with its chronology entry. */
async function expectConsistent(db: Db): Promise<void> {
  expect(await n(db, sql`SELECT count(*) AS n FROM visits`)).toBeGreaterThan(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM case_notes`)).toBeGreaterThan(0);
  // One chronology entry per visit and per note, pointing back at it, linked to exactly the same children.
  expect(await n(db, sql`SELECT count(*) AS n FROM visits v LEFT JOIN chronology_entries c ON c.id = v.chronology_entry_id WHERE c.id IS NULL OR c.origin_id <> v.id OR c.category <> 'visit' OR c.occurred_on <> v.visit_date`)).toBe(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM case_notes x LEFT JOIN chronology_entries c ON c.id = x.chronology_entry_id WHERE c.id IS NULL OR c.origin_id <> x.id OR c.category <> 'case-note' OR c.occurred_on <> x.occurred_on OR (c.significance = 'significant') <> x.significant`)).toBe(0);
  expect(
    await n(db, sql`SELECT count(*) AS n FROM (
      (SELECT c.id, vc.person_id FROM visits v JOIN chronology_entries c ON c.id = v.chronology_entry_id JOIN visit_children vc ON vc.visit_id = v.id
       UNION ALL SELECT c.id, cp.person_id FROM case_notes x JOIN chronology_entries c ON c.id = x.chronology_entry_id JOIN case_note_people cp ON cp.note_id = x.id)
      EXCEPT ALL SELECT l.entry_id, l.person_id FROM chronology_links l JOIN chronology_entries c ON c.id = l.entry_id WHERE c.category IN ('visit', 'case-note')) missing`),
  ).toBe(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries c ON c.id = l.entry_id WHERE l.occurred_on <> c.occurred_on OR l.significant <> (c.significance = 'significant') OR l.category <> c.category`)).toBe(0);
  // The copies on the link rows agree with the records; nothing happens in the future; someone recorded each.
  expect(await n(db, sql`SELECT count(*) AS n FROM visit_children vc JOIN visits v ON v.id = vc.visit_id WHERE vc.visit_date <> v.visit_date`)).toBe(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM case_note_people p JOIN case_notes x ON x.id = p.note_id WHERE p.occurred_on <> x.occurred_on OR p.created_at <> x.created_at OR p.significant <> x.significant`)).toBe(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM visits WHERE recorded_by IS NULL`)).toBe(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM case_notes x WHERE NOT EXISTS (SELECT 1 FROM case_note_revisions r WHERE r.note_id = x.id AND r.version = 1)`)).toBe(0);
  // Several children on one visit, and children not seen (significant) as well as seen alone.
  expect(await n(db, sql`SELECT count(*) AS n FROM (SELECT visit_id FROM visit_children GROUP BY visit_id HAVING count(*) > 1) x`)).toBeGreaterThan(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM visit_children WHERE NOT seen`)).toBeGreaterThan(0);
  expect(await n(db, sql`SELECT count(*) AS n FROM visit_children WHERE seen_alone`)).toBeGreaterThan(0);
  // Visits only while a child in need episode was open.
  expect(await n(db, sql`SELECT count(*) AS n FROM visit_children vc WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.person_id = vc.person_id AND e.type = 'child-in-need' AND e.start_date <= vc.visit_date AND (e.end_date IS NULL OR e.end_date >= vc.visit_date))`)).toBe(0);
}

describeEachDb('seeded visits and case notes', (kind) => {
  let t: TestApp;
  const opened: { database: Database; drop: () => Promise<void> }[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.services, { onlyIfEmpty: false });
  });
  afterAll(async () => {
    await t.close();
    for (const o of opened) await o.drop();
  });

  it('gives the demo workers’ children visits and case notes, some overdue, stored as the app stores them', async () => {
    await expectConsistent(t.database.db);
    const priya = await t.signIn(EMAILS.worker2);
    const due = await priya.get('/visits');
    expect(due.statusCode).toBe(200);
    const text = bodyText(due.body);
    expect(text).toMatch(/[1-9]\d* visits? (is|are) overdue/);
    expect(text).toContain('Not due yet');
    const manager = await t.signIn(EMAILS.manager2);
    expect(bodyText((await manager.get('/visits/team')).body)).toMatch(/Priya Shah\s*: show only their children [1-9]\d* \d+ \d+/);
    const child = (await rows<{ id: string }>(t.database.db, sql`SELECT p.id FROM people p WHERE p.current_worker_id = ${t.users.get(EMAILS.worker2)!} AND EXISTS (SELECT 1 FROM case_note_people c WHERE c.person_id = p.id) LIMIT 1`))[0]!;
    const notes = await priya.get(`/people/${child.id}/notes`);
    expect(notes.statusCode).toBe(200);
    expect(notes.body).toContain('hearth-note');
  });

  it('adds nothing when run again', async () => {
    const before = await n(t.database.db, sql`SELECT count(*) AS n FROM chronology_entries`);
    const again = await seedVisitsAndNotes(t.database.db, { today: todayInLondon(), seed: 'demo' });
    expect(again.visits + again.caseNotes).toBe(0);
    expect(await n(t.database.db, sql`SELECT count(*) AS n FROM chronology_entries`)).toBe(before);
  });

  it('seeds the synthetic authority at a realistic rate, the same for the same seed', async () => {
    opened.push(await freshDatabase(kind), await freshDatabase(kind));
    const [a, b] = opened.map((o) => o.database) as [Database, Database];
    await seedScale(a, { children: 150, seed: 11, today: '2026-03-02' });
    await seedScale(b, { children: 150, seed: 11, today: '2026-03-02' });
    await expectConsistent(a.db);
    const ids = (db: Db) => rows(db, sql`SELECT id, visit_date::text, recorded_by FROM visits ORDER BY id`);
    expect(await ids(b.db)).toEqual(await ids(a.db));
    // Child protection visits come about every two weeks, child in need about every four.
    const gaps = await rows<{ type: string; days: unknown }>(
      a.db,
      sql`SELECT type, avg(gap) AS days FROM (
            SELECT v.type, v.visit_date - lag(v.visit_date) OVER (PARTITION BY vc.person_id, v.type ORDER BY v.visit_date) AS gap
            FROM visits v JOIN visit_children vc ON vc.visit_id = v.id) g
          WHERE gap IS NOT NULL AND gap < 90 GROUP BY type`,
    );
    const avg = new Map(gaps.map((g) => [g.type, Number(g.days)]));
    expect(avg.get('child-protection')).toBeGreaterThan(9);
    expect(avg.get('child-protection')).toBeLessThan(17);
    expect(avg.get('child-in-need')).toBeGreaterThan(19);
    expect(avg.get('child-in-need')).toBeLessThan(32);
  });
});
