/**
 * Seeds visits and case notes (V1, V2), with the chronology entries and links they imply,
 * for every child with episodes and none yet (so it can run again, and after `--add`). Reads the
 * children, their episodes and allocations back from the database, draws each family's records with
 * cli/seed/visitPlan.ts (deterministic for a seed), and loads them in bulk, batch by batch, each batch
 * in one transaction. Used by the demo (a third of each worker's open work overdue) and by seedScale.
 */
import { sql } from 'drizzle-orm';
import { createRandom, type Random } from '../../src/domain/random';
import { rows, type Db } from '../../src/platform/db';
import { chronologyEntries, chronologyLinks } from '../../src/features/chronology/tables';
import { visitChildren, visits } from '../../src/features/visits/tables';
import { caseNotePeople, caseNoteRevisions, caseNotes } from '../../src/features/caseNotes/tables';
import { insertMany } from './bulk';
import { toDay } from './days';
import { emptyVisitRows, planFamily, type SeedChild, type VisitRows } from './visitPlan';

export type VisitSeedSummary = { visits: number; caseNotes: number; chronologyEntries: number; seconds: number };

/** Rows kept before a batch is written: big enough to be fast, small enough to keep memory flat. */
const BATCH_ENTRIES = 20_000;

export async function seedVisitsAndNotes(
  db: Db,
  opts: { today: string; seed: string | number; log?: (msg: string) => void; overdue?: 'every-third' | number },
): Promise<VisitSeedSummary> {
  const started = Date.now();
  const today = toDay(opts.today);
  const children = await loadChildren(db);
  const summary: VisitSeedSummary = { visits: 0, caseNotes: 0, chronologyEntries: 0, seconds: 0 };
  // The demo makes the first and then every third piece of open work of each worker overdue; otherwise by chance.
  const openPerWorker = new Map<string, number>();
  const overdue = (r: Random, workerId: string | null): boolean => {
    if (opts.overdue !== 'every-third') return r.chance(opts.overdue ?? 0.2);
    const seen = openPerWorker.get(workerId ?? '') ?? 0;
    openPerWorker.set(workerId ?? '', seen + 1);
    return seen % 3 === 0;
  };

  let out = emptyVisitRows();
  const flush = async (): Promise<void> => {
    const batch = out;
    out = emptyVisitRows();
    await writeBatch(db, batch);
    summary.visits += batch.visits.length;
    summary.caseNotes += batch.caseNotes.length;
    summary.chronologyEntries += batch.entries.length;
    opts.log?.(`${summary.visits.toLocaleString('en-GB')} visits and ${summary.caseNotes.toLocaleString('en-GB')} case notes loaded (${Math.round((Date.now() - started) / 1000)} s)`);
  };

  const root = createRandom(`hearth-visits-${opts.seed}`);
  for (const [family, members] of children) {
    planFamily(root.fork(family), members, today, overdue, out);
    if (out.entries.length >= BATCH_ENTRIES) await flush();
  }
  if (out.entries.length > 0) await flush();
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}

/** Children with episodes and no visits or notes yet, by family (their mother, or themselves), with their episodes and workers. */
async function loadChildren(db: Db): Promise<Map<string, SeedChild[]>> {
  const found = await rows<{ id: string; first_name: string; date_of_birth: string | null; family: string }>(
    db,
    sql`SELECT p.id, coalesce(p.known_as, p.first_name) AS first_name, p.date_of_birth::text AS date_of_birth,
               coalesce((SELECT min(r.related_person_id::text) FROM relationships r WHERE r.person_id = p.id AND r.type = 'mother'), p.id::text) AS family
        FROM people p
        WHERE p.kind = 'child' AND p.merged_into IS NULL
          AND EXISTS (SELECT 1 FROM episodes e WHERE e.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM visit_children vc WHERE vc.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM case_note_people cn WHERE cn.person_id = p.id)
        ORDER BY family, p.id`,
  );
  const byId = new Map<string, SeedChild>();
  const families = new Map<string, SeedChild[]>();
  for (const c of found) {
    const child: SeedChild = { id: c.id, firstName: c.first_name, dob: c.date_of_birth ? toDay(c.date_of_birth) : null, episodes: [], allocations: [] };
    byId.set(c.id, child);
    families.set(c.family, [...(families.get(c.family) ?? []), child]);
  }
  if (byId.size === 0) return families;
  const episodes = await rows<{ person_id: string; type: string; start_date: string; end_date: string | null }>(
    db,
    sql`SELECT e.person_id, e.type, e.start_date::text AS start_date, e.end_date::text AS end_date
        FROM episodes e JOIN people p ON p.id = e.person_id WHERE p.kind = 'child' ORDER BY e.person_id, e.start_date, e.id`,
  );
  for (const e of episodes) byId.get(e.person_id)?.episodes.push({ type: e.type, start: toDay(e.start_date), end: e.end_date ? toDay(e.end_date) : null });
  const allocations = await rows<{ person_id: string; worker_id: string; from_date: string; to_date: string | null }>(
    db,
    sql`SELECT a.person_id, a.worker_id, a.from_date::text AS from_date, a.to_date::text AS to_date
        FROM allocations a WHERE a.worker_id IS NOT NULL ORDER BY a.person_id, a.from_date, a.id`,
  );
  for (const a of allocations) byId.get(a.person_id)?.allocations.push({ workerId: a.worker_id, from: toDay(a.from_date), to: a.to_date ? toDay(a.to_date) : null });
  return families;
}

/** One batch in one transaction, parents before the rows that point at them. */
async function writeBatch(db: Db, batch: VisitRows): Promise<void> {
  await db.transaction(async (tx) => {
    await insertMany(tx, chronologyEntries, batch.entries);
    await insertMany(tx, chronologyLinks, batch.links);
    await insertMany(tx, visits, batch.visits);
    await insertMany(tx, visitChildren, batch.visitChildren);
    await insertMany(tx, caseNotes, batch.caseNotes);
    await insertMany(tx, caseNotePeople, batch.caseNotePeople);
    await insertMany(tx, caseNoteRevisions, batch.caseNoteRevisions);
  });
}
