import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { CLOSURE_REASON, CONSENT, CONTACT_DECISION, EPISODE_TYPE, ETHNICITY, PRIMARY_NEED, REFERRAL_SOURCE } from '../../src/domain/codes';
import { isValidNhsNumber } from '../../src/domain/nhsNumber';
import { inverseOf, isRelationshipType } from '../../src/domain/relationships';
import { rows, toNumber, type Db } from '../../src/platform/db';

/** Checks every seeded dataset must pass, whatever its size: the rules the app relies on. */
export async function expectConsistentSeed(db: Db): Promise<void> {
  // Each person's current team and worker mirror their one open allocation.
  const mismatched = await rows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM people p
        LEFT JOIN allocations a ON a.person_id = p.id AND a.to_date IS NULL
        WHERE a.team_id IS DISTINCT FROM p.current_team_id OR a.worker_id IS DISTINCT FROM p.current_worker_id`,
  );
  expect(toNumber(mismatched[0]?.n)).toBe(0);
  const openOnClosedEpisode = await rows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM allocations a JOIN episodes e ON e.id = a.episode_id WHERE a.to_date IS NULL AND e.end_date IS NOT NULL`,
  );
  expect(toNumber(openOnClosedEpisode[0]?.n)).toBe(0);
  const future = await rows<{ n: unknown }>(
    db,
    sql`SELECT (SELECT count(*) FROM allocations WHERE from_date > current_date + 1) + (SELECT count(*) FROM episodes WHERE start_date > current_date + 1) AS n`,
  );
  expect(toNumber(future[0]?.n)).toBe(0);

  // Relationships both ways: two rows per pair, each the other's inverse.
  const rels = await rows<{ person_id: string; related_person_id: string; type: string; pair_id: string }>(db, sql`SELECT person_id, related_person_id, type, pair_id FROM relationships`);
  expect(rels.length).toBeGreaterThan(0);
  const byPair = new Map<string, typeof rels>();
  for (const r of rels) byPair.set(r.pair_id, [...(byPair.get(r.pair_id) ?? []), r]);
  for (const [, pair] of byPair) {
    expect(pair).toHaveLength(2);
    const [a, b] = pair as [(typeof rels)[number], (typeof rels)[number]];
    expect(isRelationshipType(a.type) && isRelationshipType(b.type)).toBe(true);
    expect(a.person_id).toBe(b.related_person_id);
    expect(b.person_id).toBe(a.related_person_id);
    if (!isRelationshipType(a.type) || !isRelationshipType(b.type)) continue;
    // Mother and father pair with child; the inverse of child is the neutral parent.
    expect(b.type === inverseOf(a.type) || a.type === inverseOf(b.type), `${a.type} / ${b.type}`).toBe(true);
  }

  // Codes come from the DfE code sets.
  const codes = (list: { code: string }[]) => new Set(list.map((c) => c.code));
  const used = await rows<{ kind: string; code: string | null }>(
    db,
    sql`SELECT DISTINCT 'episode' AS kind, type AS code FROM episodes
        UNION SELECT DISTINCT 'closure', closure_reason FROM episodes WHERE closure_reason IS NOT NULL
        UNION SELECT DISTINCT 'source', source_code FROM contacts
        UNION SELECT DISTINCT 'source', source_code FROM referrals
        UNION SELECT DISTINCT 'need', primary_need_code FROM referrals
        UNION SELECT DISTINCT 'decision', decision FROM contacts WHERE decision IS NOT NULL
        UNION SELECT DISTINCT 'consent', consent FROM contacts
        UNION SELECT DISTINCT 'ethnicity', ethnicity FROM people`,
  );
  const sets: Record<string, Set<string>> = {
    episode: codes(EPISODE_TYPE),
    closure: codes(CLOSURE_REASON),
    source: codes(REFERRAL_SOURCE),
    need: codes(PRIMARY_NEED),
    decision: codes(CONTACT_DECISION),
    consent: codes(CONSENT),
    ethnicity: codes(ETHNICITY),
  };
  for (const u of used) expect(sets[u.kind]?.has(u.code ?? ''), `${u.kind} ${u.code}`).toBe(true);

  const closedWithoutReason = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM episodes WHERE (end_date IS NULL) <> (closure_reason IS NULL)`);
  expect(toNumber(closedWithoutReason[0]?.n)).toBe(0);
  const referralsWithoutEpisode = await rows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM referrals r LEFT JOIN episodes e ON e.id = r.episode_id
        WHERE e.id IS NULL OR e.person_id <> r.person_id OR e.type <> 'child-in-need' OR e.start_date <> r.referral_date`,
  );
  expect(toNumber(referralsWithoutEpisode[0]?.n)).toBe(0);

  const nhs = await rows<{ nhs_number: string }>(db, sql`SELECT nhs_number FROM people WHERE nhs_number IS NOT NULL`);
  expect(nhs.length).toBeGreaterThan(0);
  for (const n of nhs) expect(isValidNhsNumber(n.nhs_number), n.nhs_number).toBe(true);
  expect(new Set(nhs.map((n) => n.nhs_number)).size).toBe(nhs.length);

  // Search fields are kept by the trigger.
  const unsearchable = await rows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM people WHERE search_name = '' OR name_sound = ''`);
  expect(toNumber(unsearchable[0]?.n)).toBe(0);
}

export async function countOf(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const found = await rows<{ n: unknown }>(db, query);
  return toNumber(found[0]?.n);
}
