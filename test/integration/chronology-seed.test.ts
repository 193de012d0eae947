import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, freshDatabase } from '../helpers/app';
import { loadConfig } from '../../src/config';
import { createServices, type Services } from '../../src/services';
import { rows, toNumber, type Database, type Db } from '../../src/platform/db';
import { seedDemo } from '../../cli/seed/demo';
import { seedScale } from '../../cli/seed/scale';
import { seedChronologyBatch } from '../../cli/seed/chronology';
import { familyChronology, type FamilyInput } from '../../cli/seed/chronologyEvents';
import { createRandom } from '../../src/domain/random';

const one = async (db: Db, query: ReturnType<typeof sql>): Promise<number> => toNumber((await rows<{ n: unknown }>(db, query))[0]?.n);

/** What every seeded chronology must hold to: the links' copied columns agree with their entry, nothing in the future. */
async function expectConsistentChronology(db: Db): Promise<void> {
  expect(
    await one(
      db,
      sql`SELECT count(*) AS n FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id
          WHERE l.occurred_on <> e.occurred_on OR l.recorded_at <> e.recorded_at OR l.category <> e.category OR l.significant <> (e.significance = 'significant')`,
    ),
  ).toBe(0);
  expect(await one(db, sql`SELECT count(*) AS n FROM chronology_entries e WHERE NOT EXISTS (SELECT 1 FROM chronology_links l WHERE l.entry_id = e.id)`)).toBe(0);
  // (Only the entries this seed makes: visits, case notes and tasks have seeds of their own.)
  expect(await one(db, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_type IN ('entry', 'contact', 'contact-decision', 'allocation', 'episode') AND (occurred_on > current_date + 1 OR recorded_at > now() + interval '1 minute')`)).toBe(0);
  expect(await one(db, sql`SELECT count(*) AS n FROM chronology_entries WHERE occurred_precision = 'month' AND extract(day FROM occurred_on) <> 1`)).toBe(0);
}

describeEachDb('seeded chronologies', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let services: Services;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
    services = createServices(database, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, {}));
    await seedDemo(services, { onlyIfEmpty: true });
  });
  afterAll(() => drop());

  it('gives the demo children about a hundred entries each over ten years, many shared by brothers and sisters, some typed late', async () => {
    const db = database.db;
    await expectConsistentChronology(db);
    const perChild = await rows<{ n: unknown }>(
      db,
      sql`SELECT count(l.entry_id) AS n FROM people p LEFT JOIN chronology_links l ON l.person_id = p.id AND l.entry_id IN (SELECT id FROM chronology_entries WHERE origin_type NOT IN ('visit', 'case-note'))
          WHERE p.kind = 'child' AND p.date_of_birth < current_date - 3650 GROUP BY p.id`,
    );
    const average = perChild.reduce((sum, r) => sum + toNumber(r.n), 0) / perChild.length;
    expect(average).toBeGreaterThan(60);
    expect(average).toBeLessThan(220);
    expect(await one(db, sql`SELECT count(*) AS n FROM (SELECT entry_id FROM chronology_links l JOIN people p ON p.id = l.person_id AND p.kind = 'child' GROUP BY entry_id HAVING count(*) > 1) x`)).toBeGreaterThan(500);
    const late = await one(db, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_type = 'entry' AND (recorded_at AT TIME ZONE 'Europe/London')::date - occurred_on >= 7 AND occurred_precision = 'day'`);
    const typed = await one(db, sql`SELECT count(*) AS n FROM chronology_entries WHERE origin_type = 'entry'`);
    expect(late / typed).toBeGreaterThan(0.05);
    expect(late / typed).toBeLessThan(0.3);
    const categories = await rows<{ category: string }>(db, sql`SELECT DISTINCT category FROM chronology_entries WHERE origin_type = 'entry'`);
    expect(categories.map((c) => c.category).sort()).toEqual(expect.arrayContaining(['domestic-abuse', 'education', 'health', 'house-move', 'police-incident']));
    // Every contact, decision and allocation has its entry, linked to its children.
    expect(await one(db, sql`SELECT count(*) AS n FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM chronology_entries e WHERE e.origin_type = 'contact' AND e.origin_id = c.id)`)).toBe(0);
    expect(await one(db, sql`SELECT count(*) AS n FROM contacts c WHERE decision IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chronology_entries e WHERE e.origin_type = 'contact-decision' AND e.origin_id = c.id)`)).toBe(0);
    expect(
      await one(db, sql`SELECT count(*) AS n FROM contact_children cc JOIN chronology_entries e ON e.origin_type = 'contact' AND e.origin_id = cc.contact_id WHERE NOT EXISTS (SELECT 1 FROM chronology_links l WHERE l.entry_id = e.id AND l.person_id = cc.person_id)`),
    ).toBe(0);
    expect(await one(db, sql`SELECT count(*) AS n FROM allocations a WHERE NOT EXISTS (SELECT 1 FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id WHERE e.origin_type = 'allocation' AND l.person_id = a.person_id AND e.occurred_on = a.from_date)`)).toBe(0);
  });

  it('shares the police incidents of children granted to the demo partner with her, and seeds only once', async () => {
    const db = database.db;
    const shared = await one(db, sql`SELECT count(*) AS n FROM chronology_entry_shares s JOIN chronology_entries e ON e.id = s.entry_id WHERE e.category IN ('police-incident', 'domestic-abuse', 'missing')`);
    expect(shared).toBeGreaterThan(0);
    expect(await one(db, sql`SELECT count(*) AS n FROM chronology_entry_shares s JOIN chronology_entries e ON e.id = s.entry_id WHERE e.category NOT IN ('police-incident', 'domestic-abuse', 'missing')`)).toBe(0);
    const before = await one(db, sql`SELECT count(*) AS n FROM chronology_entries`);
    await seedDemo(services, { onlyIfEmpty: false });
    expect(await one(db, sql`SELECT count(*) AS n FROM chronology_entries`)).toBe(before);
  });
});

describeEachDb('the scale chronology', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
  });
  afterAll(() => drop());

  it('loads with the families, the same every time for the same seed, with a few very long family histories when asked', async () => {
    await seedScale(database, { children: 300, seed: 7, today: '2026-03-02' });
    const db = database.db;
    await expectConsistentChronology(db);
    const children = await one(db, sql`SELECT count(*) AS n FROM people WHERE kind = 'child'`);
    const links = await one(db, sql`SELECT count(*) AS n FROM chronology_links l JOIN people p ON p.id = l.person_id AND p.kind = 'child' JOIN chronology_entries e ON e.id = l.entry_id AND e.origin_type NOT IN ('visit', 'case-note')`);
    expect(links / children).toBeGreaterThan(50);
    expect(links / children).toBeLessThan(250);

    // A long history: a family of three children loaded again by itself, asked to be long, comes to about 2,000 entries.
    const family = await rows<{ household_id: string }>(
      db,
      sql`SELECT m.household_id FROM household_members m JOIN people p ON p.id = m.person_id AND p.kind = 'child' GROUP BY m.household_id HAVING count(*) >= 3 LIMIT 1`,
    );
    expect(family).toHaveLength(1);
    const summary = await db.transaction(async (tx) => {
      const people = await rows<{ id: string; kind: 'child' | 'adult'; first_name: string; known_as: string | null; last_name: string; date_of_birth: string | null; sex: 'M' | 'F' | 'U' | null }>(
        tx,
        sql`SELECT p.id, p.kind, p.first_name, p.known_as, p.last_name, p.date_of_birth::text AS date_of_birth, p.sex FROM people p JOIN household_members m ON m.person_id = p.id WHERE m.household_id = ${family[0]!.household_id}`,
      );
      const members = await rows<{ person_id: string; from_date: string | null; to_date: string | null }>(tx, sql`SELECT person_id, from_date::text AS from_date, to_date::text AS to_date FROM household_members WHERE household_id = ${family[0]!.household_id}`);
      const input: FamilyInput = {
        people: people.map((p) => ({ id: p.id, kind: p.kind, firstName: p.first_name, knownAs: p.known_as, lastName: p.last_name, dateOfBirth: p.date_of_birth, sex: p.sex })),
        householdMembers: members.map((m) => ({ householdId: family[0]!.household_id, personId: m.person_id, fromDate: m.from_date, toDate: m.to_date })),
        contacts: [],
        contactChildren: [],
        episodes: [],
        allocations: [],
      };
      // The same generator state gives the same entries, ids and all.
      const names = { users: new Map<string, string>(), teams: new Map<string, string>() };
      const now = new Date();
      const twice = [1, 2].map(() => familyChronology(createRandom('same'), input, names, { today: '2026-03-02', now, size: 'ordinary' }));
      expect(twice[0]!.entries.length).toBeGreaterThan(20);
      expect(twice[1]).toEqual(twice[0]);
      return seedChronologyBatch(tx, input, { today: '2026-03-02', seed: 'long', longFamilies: 'always' });
    });
    expect(summary.longFamilies).toBe(1);
    expect(summary.entries).toBeGreaterThan(1700);
    expect(summary.entries).toBeLessThan(2300);
  });
});
