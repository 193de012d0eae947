/**
 * Chronologies for the demo and the scale dataset (H1): about a hundred entries a child over ten
 * years, many shared by brothers and sisters, some typed late, plus the entries Hearth makes from the
 * seeded contacts, decisions, allocations and episodes. A few large families (about one in a hundred
 * with three or more children) have very long histories, around 2,000 entries for the family, so
 * the benchmark has family chronologies of the size SPEC.md names.
 *
 * Bulk loaded with insertMany: entries, then their links. No revisions or audit rows are written
 * (seeding is not a user action): a seeded entry is its own first version.
 */
import { sql } from 'drizzle-orm';
import { createRandom } from '../../src/domain/random';
import { todayInLondon } from '../../src/domain/dates';
import { rows as query, type Db } from '../../src/platform/db';
import { users, teams } from '../../src/platform/tables';
import { householdMembers, people } from '../../src/features/people/tables';
import { allocations, contactChildren, contacts, episodes } from '../../src/features/referrals/tables';
import { chronologyEntries, chronologyLinks } from '../../src/features/chronology/tables';
import { chronologyEntryShares } from '../../src/features/chronology/shareTables';
import { insertMany } from './bulk';
import { familyChronology, type FamilyInput, type SeedEntry, type SeedLink, type StaffNames } from './chronologyEvents';

/** The rows of one batch of families that chronologies are made from (a FamilyRows fits). */
export type ChronologyBatch = FamilyInput;

/** Share of families with three or more children given a very long history. */
const LONG_SHARE = 0.012;

/** Splits a batch into families: people joined by a household they shared or a contact about them together. */
export function splitFamilies(batch: ChronologyBatch): FamilyInput[] {
  const index = new Map(batch.people.map((p, i) => [p.id, i]));
  const parent = batch.people.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const join = (a: string, b: string) => {
    const [x, y] = [index.get(a), index.get(b)];
    if (x === undefined || y === undefined) return;
    parent[find(x)] = find(y);
  };
  const first = new Map<string, string>();
  for (const m of batch.householdMembers) {
    const other = first.get(m.householdId);
    if (other) join(other, m.personId);
    else first.set(m.householdId, m.personId);
  }
  const firstOnContact = new Map<string, string>();
  for (const cc of batch.contactChildren) {
    const other = firstOnContact.get(cc.contactId);
    if (other) join(other, cc.personId);
    else firstOnContact.set(cc.contactId, cc.personId);
  }
  const families = new Map<number, FamilyInput>();
  const familyOf = (personId: string): FamilyInput | undefined => {
    const i = index.get(personId);
    if (i === undefined) return undefined;
    const root = find(i);
    let family = families.get(root);
    if (!family) {
      family = { people: [], householdMembers: [], contacts: [], contactChildren: [], episodes: [], allocations: [] };
      families.set(root, family);
    }
    return family;
  };
  for (const p of batch.people) familyOf(p.id)!.people.push(p);
  for (const m of batch.householdMembers) familyOf(m.personId)?.householdMembers.push(m);
  const contactFamily = new Map<string, FamilyInput>();
  for (const cc of batch.contactChildren) {
    const family = familyOf(cc.personId);
    if (!family) continue;
    family.contactChildren.push(cc);
    contactFamily.set(cc.contactId, family);
  }
  for (const c of batch.contacts) contactFamily.get(c.id!)?.contacts.push(c);
  for (const e of batch.episodes) familyOf(e.personId)?.episodes.push(e);
  for (const a of batch.allocations) familyOf(a.personId)?.allocations.push(a);
  return [...families.values()].filter((f) => f.people.some((p) => p.kind === 'child'));
}

async function staffNames(db: Db): Promise<StaffNames> {
  const found = await db.select({ id: users.id, name: users.name }).from(users);
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams);
  return { users: new Map(found.map((u) => [u.id, u.name])), teams: new Map(teamRows.map((t) => [t.id, t.name])) };
}

export type ChronologySummary = { families: number; longFamilies: number; entries: number; links: number };

/**
 * Makes and loads the chronologies of one batch of seeded families, in the caller's transaction.
 * Deterministic: each family's entries come from a generator named by the seed and its first child.
 */
export async function seedChronologyBatch(
  tx: Db,
  batch: ChronologyBatch,
  /** longFamilies: false for none (the demo), 'always' for every family of three or more children (tests). */
  opts: { today?: string; seed?: string | number; longFamilies?: boolean | 'always' } = {},
): Promise<ChronologySummary> {
  const today = opts.today ?? todayInLondon();
  const now = new Date();
  const names = await staffNames(tx);
  const entries: SeedEntry[] = [];
  const links: SeedLink[] = [];
  const summary: ChronologySummary = { families: 0, longFamilies: 0, entries: 0, links: 0 };
  for (const family of splitFamilies(batch)) {
    const children = family.people.filter((p) => p.kind === 'child').map((p) => p.id).sort();
    const r = createRandom('hearth-chronology', opts.seed ?? 1, children[0]!);
    const long = opts.longFamilies !== false && children.length >= 3 && (opts.longFamilies === 'always' || r.chance(LONG_SHARE));
    const made = familyChronology(r.fork('entries'), family, names, { today, now, size: long ? 'long' : 'ordinary' });
    entries.push(...made.entries);
    for (const link of made.links) links.push(link);
    summary.families += 1;
    if (long) summary.longFamilies += 1;
  }
  await insertMany(tx, chronologyEntries, entries as unknown as Record<string, unknown>[]);
  // Each person's links together, in index order: the inserts touch each index page once rather than at random.
  links.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : 0));
  await insertMany(tx, chronologyLinks, links as unknown as Record<string, unknown>[], { chunk: 10_000 });
  summary.entries = entries.length;
  summary.links = links.length;
  return summary;
}

/**
 * The demo's chronologies, made from the demo families already loaded (cli/seed/demoFamilies.ts),
 * once: nothing is added when the demo already has a chronology. The police incidents, domestic
 * abuse and missing episodes of children shared with a partner agency user are shared with them.
 */
export async function seedDemoChronology(db: Db, opts: { today?: string } = {}): Promise<ChronologySummary | null> {
  // Other seeds (visits, case notes) add their own entries: look only for the ones made here.
  if ((await query(db, sql`SELECT 1 FROM chronology_entries WHERE origin_type IN ('entry', 'contact') LIMIT 1`)).length > 0) return null;
  const batch: ChronologyBatch = {
    people: await db.select({ id: people.id, kind: people.kind, firstName: people.firstName, knownAs: people.knownAs, lastName: people.lastName, dateOfBirth: people.dateOfBirth, sex: people.sex }).from(people),
    householdMembers: await db.select({ householdId: householdMembers.householdId, personId: householdMembers.personId, fromDate: householdMembers.fromDate, toDate: householdMembers.toDate }).from(householdMembers),
    contacts: await db.select().from(contacts),
    contactChildren: await db.select().from(contactChildren),
    episodes: await db.select().from(episodes),
    allocations: await db.select().from(allocations),
  };
  if (batch.people.length === 0) return null;
  return db.transaction(async (tx) => {
    const summary = await seedChronologyBatch(tx, batch, { today: opts.today, seed: 'demo', longFamilies: false });
    const grants = await query<{ user_id: string; person_id: string; granted_by: string | null }>(tx, sql`SELECT user_id, person_id, granted_by FROM access_grants WHERE revoked_at IS NULL`);
    for (const g of grants) {
      const shared = await query<{ entry_id: string }>(
        tx,
        sql`SELECT l.entry_id FROM chronology_links l WHERE l.person_id = ${g.person_id} AND l.category IN ('police-incident', 'domestic-abuse', 'missing')`,
      );
      await insertMany(tx, chronologyEntryShares, shared.map((s) => ({ userId: g.user_id, entryId: s.entry_id, sharedBy: g.granted_by })), { onConflictDoNothing: true });
    }
    return summary;
  });
}
