/**
 * What the visits recorded for some children between two dates say, child by child: how many visits,
 * how often each child was seen, seen alone, had their bedroom seen, and had their own words written
 * down, with the last date of each. The manager's checklist before authorising an assessment (A9)
 * reads it. One query on visit_children_person_idx, whatever the number of visits.
 */
import { sql } from 'drizzle-orm';
import type { VisitEvidence } from '../../domain/checklistEvidence';
import { rows, toNumber, type Db } from '../../platform/db';

export async function visitEvidence(db: Db, childIds: string[], from: string, to: string): Promise<VisitEvidence[]> {
  const ids = [...new Set(childIds)];
  if (ids.length === 0) return [];
  const found = await rows<Record<string, unknown>>(
    db,
    sql`SELECT vc.person_id, count(*) AS visits,
               count(*) FILTER (WHERE vc.seen) AS seen,
               count(*) FILTER (WHERE vc.seen_alone) AS seen_alone,
               count(*) FILTER (WHERE vc.bedroom_seen = 'yes') AS bedroom_seen,
               count(*) FILTER (WHERE coalesce(btrim(vc.child_words), '') <> '') AS with_words,
               (max(vc.visit_date) FILTER (WHERE vc.seen))::text AS last_seen_on,
               (max(vc.visit_date) FILTER (WHERE vc.seen_alone))::text AS last_seen_alone_on,
               (max(vc.visit_date) FILTER (WHERE vc.bedroom_seen = 'yes'))::text AS last_bedroom_seen_on
        FROM visit_children vc
        WHERE vc.person_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) AND vc.visit_date >= ${from} AND vc.visit_date <= ${to}
        GROUP BY vc.person_id`,
  );
  return found.map((r) => ({
    childId: r.person_id as string,
    visits: toNumber(r.visits),
    seen: toNumber(r.seen),
    seenAlone: toNumber(r.seen_alone),
    bedroomSeen: toNumber(r.bedroom_seen),
    withWords: toNumber(r.with_words),
    lastSeenOn: (r.last_seen_on as string | null) ?? null,
    lastSeenAloneOn: (r.last_seen_alone_on as string | null) ?? null,
    lastBedroomSeenOn: (r.last_bedroom_seen_on as string | null) ?? null,
  }));
}
