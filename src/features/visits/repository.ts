/** SQL for visits. Every read is one query whatever the number of children or visits. */
import { and, eq, sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { countsForVisitSchedule } from '../../domain/visitSchedule';
import { visitChildren, visitRevisions, visits } from './tables';
import { readSnapshot, type VisitSnapshot } from './history';

export type OpenEpisode = { type: string; startDate: string };

export type VisitListRow = {
  id: string;
  visitDate: string;
  type: string;
  seen: boolean;
  seenAlone: boolean | null;
  bedroomSeen: string;
  recordedByName: string | null;
  others: { id: string; name: string; visible: boolean; restricted: boolean }[];
};

export type VisitChildPart = {
  id: string;
  name: string;
  firstName: string;
  visible: boolean;
  restricted: boolean;
  seen: boolean;
  seenAlone: boolean | null;
  notSeenAloneReason: string | null;
  bedroomSeen: string;
  childWords: string | null;
};

export type VisitRevision = { version: number; changedAt: string; changedByName: string | null; data: VisitSnapshot | null };

export type VisitRecord = typeof visits.$inferSelect & {
  recordedByName: string | null;
  updatedByName: string | null;
  /** The team the person who recorded the visit is in now (the team they were in at the time is not stored). */
  recorderTeamId: string | null;
  /** The teams the children on the visit are allocated to now (none for a child allocated to no team). */
  childTeamIds: string[];
  children: VisitChildPart[];
  revisions: VisitRevision[];
};

export const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value === 'string') return JSON.parse(value) as T;
  return (value as T | null) ?? fallback;
};

export function visitsRepository(db: Db) {
  return {
    /** The child's open episodes and the last day they were seen on a statutory visit (the visit that restarted their clock): one query. */
    async scheduleFacts(personId: string): Promise<{ episodes: OpenEpisode[]; lastSeenOn: string | null }> {
      const found = await rows<{ episodes: unknown; last_seen: string | null }>(
        db,
        sql`SELECT (SELECT json_agg(json_build_object('type', e.type, 'startDate', e.start_date::text) ORDER BY e.start_date, e.id)
                      FROM episodes e WHERE e.person_id = ${personId} AND e.end_date IS NULL) AS episodes,
                   (SELECT vc.visit_date::text FROM visit_children vc WHERE vc.person_id = ${personId} AND vc.counts_for_schedule
                      ORDER BY vc.visit_date DESC LIMIT 1) AS last_seen`,
      );
      return { episodes: parseJson<OpenEpisode[]>(found[0]?.episodes, []), lastSeenOn: found[0]?.last_seen ?? null };
    },

    async insert(values: typeof visits.$inferInsert & { id: string }, children: (typeof visitChildren.$inferInsert)[]): Promise<void> {
      await db.insert(visits).values(values);
      await db.insert(visitChildren).values(children);
    },

    /** The child's visits, newest first, keyset paged on (visit date, visit id). */
    async forChild(actor: Actor, personId: string, before: { visitDate: string; id: string } | null, limit: number): Promise<VisitListRow[]> {
      const after = before ? sql`AND (vc.visit_date, vc.visit_id) < (${before.visitDate}::date, ${before.id}::uuid)` : sql``;
      const found = await rows<{ id: string; visit_date: string; type: string; seen: boolean; seen_alone: boolean | null; bedroom_seen: string; recorded_by_name: string | null; others: unknown }>(
        db,
        sql`SELECT v.id, vc.visit_date::text AS visit_date, v.type, vc.seen, vc.seen_alone, vc.bedroom_seen, u.name AS recorded_by_name,
                   (SELECT json_agg(json_build_object('id', o.id, 'name', concat_ws(' ', o.first_name, o.last_name), 'visible', (${peopleScope(actor, 'o')}) IS TRUE, 'restricted', o.restricted)
                                    ORDER BY o.date_of_birth, o.first_name)
                      FROM visit_children ovc JOIN people o ON o.id = ovc.person_id
                      WHERE ovc.visit_id = v.id AND ovc.person_id <> ${personId}) AS others
            FROM visit_children vc
            JOIN visits v ON v.id = vc.visit_id
            LEFT JOIN users u ON u.id = v.recorded_by
            WHERE vc.person_id = ${personId} ${after}
            ORDER BY vc.visit_date DESC, vc.visit_id DESC
            LIMIT ${limit}`,
      );
      return found.map((r) => ({
        id: r.id,
        visitDate: r.visit_date,
        type: r.type,
        seen: r.seen,
        seenAlone: r.seen_alone,
        bedroomSeen: r.bedroom_seen,
        recordedByName: r.recorded_by_name,
        others: parseJson(r.others, []),
      }));
    },

    /**
     * One visit, only if it concerns this child, with every child's part, whether this user may see
     * that child, every version kept (oldest first), and the teams that decide who else may change it
     * (the recorder's team now, the children's teams now). `forUpdate` locks the visit until the
     * transaction ends (a change).
     */
    async find(actor: Actor, visitId: string, personId: string, forUpdate = false): Promise<VisitRecord | null> {
      const lock = forUpdate ? sql`FOR UPDATE OF v` : sql``;
      const found = await rows<Record<string, unknown> & { children: unknown }>(
        db,
        sql`SELECT v.id, v.visit_date::text AS visit_date, v.type, v.others_seen, v.observed, v.analysis, v.next_steps,
                   v.chronology_entry_id, v.recorded_by, v.created_at, v.updated_at, v.updated_by, v.version, u.name AS recorded_by_name, uu.name AS updated_by_name,
                   u.team_id AS recorder_team_id,
                   (SELECT json_agg(DISTINCT tp.current_team_id) FROM visit_children tc JOIN people tp ON tp.id = tc.person_id
                      WHERE tc.visit_id = v.id AND tp.current_team_id IS NOT NULL) AS child_team_ids,
                   (SELECT json_agg(json_build_object('version', r.version, 'changedAt', r.changed_at, 'changedByName', ru.name, 'data', r.data) ORDER BY r.version)
                      FROM visit_revisions r LEFT JOIN users ru ON ru.id = r.changed_by WHERE r.visit_id = v.id) AS revisions,
                   (SELECT json_agg(json_build_object('id', p.id, 'name', concat_ws(' ', p.first_name, p.last_name), 'firstName', coalesce(p.known_as, p.first_name),
                                      'visible', (${peopleScope(actor, 'p')}) IS TRUE, 'restricted', p.restricted, 'seen', c.seen, 'seenAlone', c.seen_alone,
                                      'notSeenAloneReason', c.not_seen_alone_reason, 'bedroomSeen', c.bedroom_seen, 'childWords', c.child_words)
                                    ORDER BY p.id <> ${personId}::uuid, p.date_of_birth, p.first_name)
                      FROM visit_children c JOIN people p ON p.id = c.person_id WHERE c.visit_id = v.id) AS children
            FROM visits v LEFT JOIN users u ON u.id = v.recorded_by LEFT JOIN users uu ON uu.id = v.updated_by
            WHERE v.id = ${visitId} AND EXISTS (SELECT 1 FROM visit_children vc WHERE vc.visit_id = v.id AND vc.person_id = ${personId})
            ${lock}`,
      );
      const r = found[0];
      if (!r) return null;
      return {
        id: String(r.id),
        visitDate: String(r.visit_date),
        type: r.type as VisitRecord['type'],
        othersSeen: (r.others_seen as string | null) ?? null,
        observed: (r.observed as string | null) ?? null,
        analysis: String(r.analysis),
        nextSteps: (r.next_steps as string | null) ?? null,
        chronologyEntryId: (r.chronology_entry_id as string | null) ?? null,
        recordedBy: (r.recorded_by as string | null) ?? null,
        createdAt: new Date(r.created_at as string | Date),
        updatedAt: new Date(r.updated_at as string | Date),
        updatedBy: (r.updated_by as string | null) ?? null,
        version: toNumber(r.version),
        recordedByName: (r.recorded_by_name as string | null) ?? null,
        updatedByName: (r.updated_by_name as string | null) ?? null,
        recorderTeamId: (r.recorder_team_id as string | null) ?? null,
        childTeamIds: parseJson<string[]>(r.child_team_ids, []),
        children: parseJson<VisitChildPart[]>(r.children, []),
        revisions: parseJson<(Omit<VisitRevision, 'data'> & { data: unknown })[]>(r.revisions, []).map((rev) => ({ ...rev, data: readSnapshot(rev.data) })),
      };
    },

    /** Keeps a version of a visit in its history; `ifMissing` keeps an earlier one only when it is not kept yet (a visit seeded without its first version). */
    async keepVersion(visitId: string, version: number, data: VisitSnapshot, changedBy: string | null, opts: { changedAt?: Date; ifMissing?: boolean } = {}): Promise<void> {
      const insert = db.insert(visitRevisions).values({ visitId, version, data, changedBy, ...(opts.changedAt ? { changedAt: opts.changedAt } : {}) });
      if (opts.ifMissing) await insert.onConflictDoNothing();
      else await insert;
    },

    /** Saves a change to the visit and to every child's part (the copies on the parts follow the visit's date and type). */
    async update(visitId: string, next: VisitSnapshot, version: number, userId: string): Promise<void> {
      await db
        .update(visits)
        .set({ visitDate: next.visitDate, type: next.type, othersSeen: next.othersSeen, observed: next.observed, analysis: next.analysis, nextSteps: next.nextSteps, version, updatedAt: new Date(), updatedBy: userId })
        .where(eq(visits.id, visitId));
      for (const c of next.children) {
        await db
          .update(visitChildren)
          .set({
            visitDate: next.visitDate,
            seen: c.seen,
            seenAlone: c.seenAlone,
            notSeenAloneReason: c.notSeenAloneReason,
            bedroomSeen: c.bedroomSeen,
            childWords: c.childWords,
            countsForSchedule: countsForVisitSchedule({ type: next.type, seen: c.seen }),
          })
          .where(and(eq(visitChildren.visitId, visitId), eq(visitChildren.personId, c.personId)));
      }
    },
  };
}
