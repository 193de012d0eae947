/**
 * Database factories for tests: rows inserted directly, with sensible fictional defaults.
 * Keep one factory per record type, each taking overrides. search_name is filled by a trigger.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db';
import { inverseOf, type RelationshipType } from '../../src/domain/relationships';
import { householdMembers, households, people, relationships } from '../../src/features/people/tables';
import { allocations, episodes, referrals } from '../../src/features/referrals/tables';
import { assessments } from '../../src/features/assessments/tables';
import { setCurrentAllocation } from '../../src/features/people/currentAllocation';
import { chronologyEntries, chronologyLinks } from '../../src/features/chronology/tables';

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

/** A referral about a child (by default received on Monday 6 January 2025, from a school). */
export async function createReferral(
  db: Db,
  personId: string,
  overrides: Partial<typeof referrals.$inferInsert> = {},
): Promise<typeof referrals.$inferSelect> {
  const inserted = await db
    .insert(referrals)
    .values({ personId, referralDate: '2025-01-06', sourceCode: '2A', primaryNeedCode: 'N1', ...overrides })
    .returning();
  return inserted[0]!;
}

/**
 * An assessment of a child as stored (no checkpoints, no chronology): by default a standard
 * assessment from a referral on 6 January 2025, due on day 45 (10 March 2025), in progress.
 */
export async function createAssessment(
  db: Db,
  childId: string,
  overrides: Partial<typeof assessments.$inferInsert> = {},
): Promise<typeof assessments.$inferSelect> {
  const inserted = await db
    .insert(assessments)
    .values({ childId, variant: 'standard', referralDate: '2025-01-06', startedOn: '2025-01-06', dueOn: '2025-03-10', ...overrides })
    .returning();
  return inserted[0]!;
}

/**
 * A chronology entry stored once and linked to each person, as recordChronologyEntry stores it but
 * with no revision or audit rows, and with any recorded time (to test ordering and "typed late").
 * By default a routine police incident on 1 March 2025, typed on the chronology.
 */
export async function createChronologyEntry(
  db: Db,
  personIds: string[],
  overrides: Partial<typeof chronologyEntries.$inferInsert> = {},
): Promise<typeof chronologyEntries.$inferSelect> {
  const inserted = await db
    .insert(chronologyEntries)
    .values({ occurredOn: '2025-03-01', category: 'police-incident', summary: 'Police called to the home after a neighbour heard shouting', sourceKind: 'agency', sourceAgency: 'Police', originType: 'entry', ...overrides })
    .returning();
  const entry = inserted[0]!;
  await db.insert(chronologyLinks).values(
    personIds.map((personId) => ({ entryId: entry.id, personId, occurredOn: entry.occurredOn, recordedAt: entry.recordedAt, significant: entry.significance === 'significant', category: entry.category })),
  );
  return entry;
}
