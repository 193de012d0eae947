import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, freshDatabase } from '../helpers/app';
import { createChild, createEpisode } from '../helpers/factories';
import { rows, type Database } from '../../src/platform/db';

/** people.open_since (migration 024): the start of the person's earliest open episode, kept by the database. */
describeEachDb('the date a person’s open involvement started, kept by the database', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
  });
  afterAll(() => drop());

  const openSince = async (id: string) => (await rows<{ open_since: string | null }>(database.db, sql`SELECT open_since::text FROM people WHERE id = ${id}`))[0]?.open_since ?? null;

  it('follows episodes as they are opened, closed, moved and removed', async () => {
    const db = database.db;
    const child = await createChild(db);
    expect(await openSince(child.id)).toBeNull();

    const later = await createEpisode(db, child.id, { type: 'child-in-need', startDate: '2025-03-03' });
    expect(await openSince(child.id)).toBe('2025-03-03');
    const earlier = await createEpisode(db, child.id, { type: 'early-help', startDate: '2024-11-04' });
    expect(await openSince(child.id)).toBe('2024-11-04');
    // A closed episode does not count, however early it started.
    await createEpisode(db, child.id, { type: 'child-in-need', startDate: '2020-01-06', endDate: '2021-01-04', closureReason: 'RC8' });
    expect(await openSince(child.id)).toBe('2024-11-04');

    await db.execute(sql`UPDATE episodes SET end_date = '2025-04-01', closure_reason = 'RC8' WHERE id = ${earlier.id}`);
    expect(await openSince(child.id)).toBe('2025-03-03');

    // Moved to another record (a merge): both people change.
    const kept = await createChild(db);
    await db.execute(sql`UPDATE episodes SET person_id = ${kept.id} WHERE id = ${later.id}`);
    expect(await openSince(child.id)).toBeNull();
    expect(await openSince(kept.id)).toBe('2025-03-03');

    await db.execute(sql`DELETE FROM episodes WHERE id = ${later.id}`);
    expect(await openSince(kept.id)).toBeNull();
  });

  it('sets every person concerned when many episodes of several people are written or closed in one statement', async () => {
    const db = database.db;
    const a = await createChild(db);
    const b = await createChild(db);
    await db.execute(sql`INSERT INTO episodes (person_id, type, start_date) VALUES
      (${a.id}, 'child-in-need', '2025-02-03'), (${a.id}, 'early-help', '2025-01-06'), (${b.id}, 'child-in-need', '2025-05-05')`);
    expect(await openSince(a.id)).toBe('2025-01-06');
    expect(await openSince(b.id)).toBe('2025-05-05');
    await db.execute(sql`UPDATE episodes SET end_date = '2025-06-02', closure_reason = 'RC8' WHERE person_id IN (${a.id}, ${b.id})`);
    expect(await openSince(a.id)).toBeNull();
    expect(await openSince(b.id)).toBeNull();
  });
});
