import { sql } from 'drizzle-orm';
import { todayInLondon } from '../../src/domain/dates';
import { createRandom } from '../../src/domain/random';
import { rows, toNumber, type Database } from '../../src/platform/db';
import { addresses, householdMembers, households, people, relationships } from '../../src/features/people/tables';
import { allocations, contactChildren, contacts, episodes, referrals } from '../../src/features/referrals/tables';
import { insertMany } from './bulk';
import { toDay } from './days';
import { generateFamily } from './families';
import { nhsNumbers } from './identifiers';
import { appendRows, emptyRows, TABLE_ORDER, type FamilyRows } from './model';
import { ensureScaleStaff } from './staff';
import { seedChronologyBatch } from './chronology';
import { seedVisitsAndNotes } from './visits';
import { seedScaleAssessments } from './assessments';
import { seedScaleLiving } from './living';

export type ScaleOptions = {
  children: number;
  seed: number;
  log?: (msg: string) => void;
  /** Add to a database that already has people (otherwise seeding refuses). */
  add?: boolean;
  /** The day the history runs up to (default today in London): fix it to get the same dates on another day. */
  today?: string;
};

export type ScaleSummary = { children: number; adults: number; families: number; referrals: number; episodes: number; allocations: number; seconds: number };

export class SeedRefused extends Error {}

const TABLES = { people, addresses, relationships, households, householdMembers, contacts, contactChildren, episodes, referrals, allocations } as const;

/** Children loaded per transaction: big enough to be fast, small enough to keep memory flat. */
const BATCH_CHILDREN = 2500;

/**
 * A synthetic authority of `children` children with ten years of history, for the benchmark.
 * Deterministic: the same seed (and day) gives the same people, dates and ids. Loads in batches,
 * each in one transaction of multi-row inserts, then runs ANALYZE. Refuses a database that already
 * has people in it unless `add` is set (added families then draw on a different stream).
 */
export async function seedScale(database: Database, opts: ScaleOptions): Promise<ScaleSummary> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const db = database.db;
  if (!Number.isInteger(opts.children) || opts.children < 1) throw new SeedRefused('The number of children must be a whole number of at least 1');
  const existing = toNumber((await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM people`))[0]?.n);
  if (existing > 0 && !opts.add) {
    throw new SeedRefused(`This database already has ${existing} people in it. Seed an empty database, or add to this one on purpose with --add.`);
  }
  const today = opts.today ?? todayInLondon();
  const root = createRandom(`hearth-scale-${opts.seed}`, existing);
  const staffing = await ensureScaleStaff(db, root.fork('staff'), opts.children);
  const ctx = { today: toDay(today), staffing, nhs: nhsNumbers(existing) };
  log(`${staffing.frontDoor.length + staffing.longTerm.length + staffing.earlyHelp.length + staffing.inCare.length} teams ready; loading ${opts.children.toLocaleString('en-GB')} children up to ${today}`);

  const summary: ScaleSummary = { children: 0, adults: 0, families: 0, referrals: 0, episodes: 0, allocations: 0, seconds: 0 };
  let batch = emptyRows();
  let batchChildren = 0;
  const flush = async (): Promise<void> => {
    const toLoad = batch;
    batch = emptyRows();
    batchChildren = 0;
    await db.transaction(async (tx) => {
      for (const table of TABLE_ORDER) await insertMany(tx, TABLES[table], toLoad[table] as unknown as Record<string, unknown>[]);
      await seedChronologyBatch(tx, toLoad, { today, seed: opts.seed });
    });
    count(summary, toLoad);
    log(`${summary.children.toLocaleString('en-GB')} of ${opts.children.toLocaleString('en-GB')} children loaded (${Math.round((Date.now() - started) / 1000)} s)`);
  };

  let made = 0;
  for (let i = 0; made < opts.children; i++) {
    const remaining = opts.children - made;
    const family = generateFamily(root.fork('family', i), ctx, remaining <= 5 ? { children: remaining, unborn: false } : {});
    made += family.children.length;
    batchChildren += family.children.length;
    summary.families += 1;
    appendRows(batch, family.rows);
    if (batchChildren >= BATCH_CHILDREN) await flush();
  }
  if (batchChildren > 0) await flush();
  await seedVisitsAndNotes(db, { today, seed: opts.seed, log });
  await seedScaleAssessments(db, { today, seed: opts.seed, log });
  await seedScaleLiving(db, { today, seed: opts.seed, log });
  log('Updating the planner statistics (ANALYZE)');
  await db.execute(sql`ANALYZE`);
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`Done: ${summary.children} children, ${summary.adults} adults, ${summary.referrals} referrals in ${summary.seconds} s`);
  return summary;
}

function count(summary: ScaleSummary, loaded: FamilyRows): void {
  for (const person of loaded.people) {
    if (person.kind === 'child') summary.children += 1;
    else summary.adults += 1;
  }
  summary.referrals += loaded.referrals.length;
  summary.episodes += loaded.episodes.length;
  summary.allocations += loaded.allocations.length;
}
