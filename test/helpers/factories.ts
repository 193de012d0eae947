/**
 * Database factories for tests: rows inserted directly, with sensible fictional defaults.
 * Keep one factory per record type, each taking overrides. search_name is filled by a trigger.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db';
import { inverseOf, type RelationshipType } from '../../src/domain/relationships';
import { householdMembers, households, people, relationships } from '../../src/features/people/tables';
import { allocations, episodes } from '../../src/features/referrals/tables';
import { setCurrentAllocation } from '../../src/features/people/currentAllocation';

let sequence = 0;
const next = (): number => (sequence += 1);

export type PersonOverrides = Partial<typeof people.$inferInsert>;

/** A child (by default eight years old) with a unique fictional name. */
export async function createChild(db: Db, overrides: PersonOverrides = {}): Promise<typeof people.$inferSelect> {
  const n = next();
  const inserted = await db
    .insert(people)
    .values({ kind: 'child', firstName: `Child${n}`, lastName: 'Testfamily', dateOfBirth: '2017-05-14', sex: 'U', ...overrides })
    .returning();
  return inserted[0]!;
}

/** An adult with a unique fictional name. */
export async function createAdult(db: Db, overrides: PersonOverrides = {}): Promise<typeof people.$inferSelect> {
  return createChild(db, { kind: 'adult', firstName: `Adult${next()}`, dateOfBirth: '1988-02-03', ...overrides });
}

/** An episode of involvement (open unless an end date is given). */
export async function createEpisode(
  db: Db,
  personId: string,
  overrides: Partial<typeof episodes.$inferInsert> = {},
): Promise<typeof episodes.$inferSelect> {
  const inserted = await db
    .insert(episodes)
    .values({ personId, type: 'child-in-need', startDate: '2025-01-06', ...overrides })
    .returning();
  return inserted[0]!;
}

/** Allocates a child to a team (and worker) as the app does: an open allocation row and the person's current fields. */
export async function createAllocation(
  db: Db,
  personId: string,
  teamId: string,
  workerId: string | null,
  overrides: Partial<typeof allocations.$inferInsert> = {},
): Promise<typeof allocations.$inferSelect> {
  const inserted = await db
    .insert(allocations)
    .values({ personId, teamId, workerId, fromDate: '2025-01-06', ...overrides })
    .returning();
  if (!overrides.toDate) await setCurrentAllocation(db, personId, { teamId, workerId });
  return inserted[0]!;
}

/** A relationship both ways, as the app stores it: "related is person's type" and its inverse, one pair id. */
export async function createRelationship(
  db: Db,
  personId: string,
  relatedId: string,
  type: RelationshipType,
  dates: { fromDate?: string | null; toDate?: string | null } = {},
): Promise<string> {
  const pairId = randomUUID();
  const { fromDate = null, toDate = null } = dates;
  await db.insert(relationships).values([
    { personId, relatedPersonId: relatedId, type, pairId, fromDate, toDate },
    { personId: relatedId, relatedPersonId: personId, type: inverseOf(type), pairId, fromDate, toDate },
  ]);
  return pairId;
}

/** A household with its members over time (each member: a person id, or a person id with dates). */
export async function createHousehold(
  db: Db,
  name: string,
  members: (string | { personId: string; fromDate?: string | null; toDate?: string | null })[],
): Promise<string> {
  const inserted = await db.insert(households).values({ name }).returning({ id: households.id });
  const householdId = inserted[0]!.id;
  const rows = members.map((m) => (typeof m === 'string' ? { personId: m } : m));
  if (rows.length > 0) {
    await db.insert(householdMembers).values(rows.map((m) => ({ householdId, personId: m.personId, fromDate: m.fromDate ?? null, toDate: m.toDate ?? null })));
  }
  return householdId;
}
