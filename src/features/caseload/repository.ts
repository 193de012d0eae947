import { and, eq, isNull, sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../platform/db';
import { allocations, episodes } from '../referrals/tables';
import type { PersonForEpisode } from '../../domain/episodes';

export type InvolvementContact = { id: string; receivedOn: string; sourceCode: string; decision: string | null; childCount: number };
export type InvolvementReferral = { id: string; referralDate: string; sourceCode: string; contactId: string | null; episodeId: string | null };
export type InvolvementEpisode = { id: string; type: string; startDate: string; endDate: string | null; closureReason: string | null; startReason: string | null; version: number };
export type AllocationHistoryRow = {
  id: string;
  teamId: string;
  teamName: string;
  workerId: string | null;
  workerName: string | null;
  fromDate: string;
  toDate: string | null;
  reason: string | null;
  allocatedByName: string | null;
};

/** The longest history a person page lists: ten years of involvement fits well inside it. */
const HISTORY_LIMIT = 200;

/** Episodes and allocations of one person (P5). Every query here is by person id, on its index. */
export function episodesRepository() {
  return {
    async contacts(tx: Db, personId: string): Promise<InvolvementContact[]> {
      const found = await rows<{ id: string; received_on: string; source_code: string; decision: string | null; child_count: unknown }>(
        tx,
        sql`SELECT c.id, c.received_on::text AS received_on, c.source_code, c.decision,
                   (SELECT count(*) FROM contact_children x WHERE x.contact_id = c.id) AS child_count
            FROM contact_children cc JOIN contacts c ON c.id = cc.contact_id
            WHERE cc.person_id = ${personId}
            ORDER BY c.received_on DESC, c.id DESC LIMIT ${HISTORY_LIMIT}`,
      );
      return found.map((r) => ({ id: r.id, receivedOn: r.received_on, sourceCode: r.source_code, decision: r.decision, childCount: toNumber(r.child_count) }));
    },

    /** Oldest first (by date, then the order they were made), as the re-referral rule reads them. */
    async referrals(tx: Db, personId: string): Promise<InvolvementReferral[]> {
      const found = await rows<{ id: string; referral_date: string; source_code: string; contact_id: string | null; episode_id: string | null }>(
        tx,
        sql`SELECT * FROM (
              SELECT r.id, r.referral_date::text AS referral_date, r.source_code, r.contact_id, r.episode_id, r.created_at
              FROM referrals r WHERE r.person_id = ${personId}
              ORDER BY r.referral_date DESC, r.created_at DESC LIMIT ${HISTORY_LIMIT}) newest
            ORDER BY referral_date, created_at`,
      );
      return found.map((r) => ({ id: r.id, referralDate: r.referral_date, sourceCode: r.source_code, contactId: r.contact_id, episodeId: r.episode_id }));
    },

    async episodes(tx: Db, personId: string): Promise<InvolvementEpisode[]> {
      const found = await rows<{ id: string; type: string; start_date: string; end_date: string | null; closure_reason: string | null; start_reason: string | null; version: unknown }>(
        tx,
        sql`SELECT id, type, start_date::text AS start_date, end_date::text AS end_date, closure_reason, start_reason, version
            FROM episodes WHERE person_id = ${personId}
            ORDER BY (end_date IS NULL) DESC, start_date DESC, created_at DESC LIMIT ${HISTORY_LIMIT}`,
      );
      return found.map((r) => ({
        id: r.id,
        type: r.type,
        startDate: r.start_date,
        endDate: r.end_date,
        closureReason: r.closure_reason,
        startReason: r.start_reason,
        version: toNumber(r.version),
      }));
    },

    /** Newest first. */
    async allocations(tx: Db, personId: string): Promise<AllocationHistoryRow[]> {
      const found = await rows<{
        id: string;
        team_id: string;
        team_name: string;
        worker_id: string | null;
        worker_name: string | null;
        from_date: string;
        to_date: string | null;
        reason: string | null;
        allocated_by_name: string | null;
      }>(
        tx,
        sql`SELECT a.id, a.team_id, t.name AS team_name, a.worker_id, w.name AS worker_name, a.from_date::text AS from_date,
                   a.to_date::text AS to_date, a.reason, b.name AS allocated_by_name
            FROM allocations a
            JOIN teams t ON t.id = a.team_id
            LEFT JOIN users w ON w.id = a.worker_id
            LEFT JOIN users b ON b.id = a.allocated_by
            WHERE a.person_id = ${personId}
            ORDER BY (a.to_date IS NULL) DESC, a.from_date DESC, a.created_at DESC LIMIT ${HISTORY_LIMIT}`,
      );
      return found.map((r) => ({
        id: r.id,
        teamId: r.team_id,
        teamName: r.team_name,
        workerId: r.worker_id,
        workerName: r.worker_name,
        fromDate: r.from_date,
        toDate: r.to_date,
        reason: r.reason,
        allocatedByName: r.allocated_by_name,
      }));
    },

    async episode(tx: Db, personId: string, episodeId: string) {
      const found = await tx
        .select()
        .from(episodes)
        .where(and(eq(episodes.id, episodeId), eq(episodes.personId, personId)))
        .limit(1);
      return found[0] ?? null;
    },

    /** Closes an open episode if nobody changed it since `version` was read: false otherwise. */
    async close(tx: Db, episodeId: string, version: number, values: { endDate: string; closureReason: string }): Promise<boolean> {
      const updated = await tx
        .update(episodes)
        .set({ ...values, version: sql`${episodes.version} + 1` })
        .where(and(eq(episodes.id, episodeId), eq(episodes.version, version), isNull(episodes.endDate)))
        .returning({ id: episodes.id });
      return updated.length === 1;
    },

    async openEpisodes(tx: Db, personId: string) {
      return tx
        .select({ id: episodes.id, type: episodes.type, startDate: episodes.startDate })
        .from(episodes)
        .where(and(eq(episodes.personId, personId), isNull(episodes.endDate)))
        .orderBy(sql`${episodes.startDate} DESC`);
    },

    /** Who an episode is started for, locking the person's row so two people cannot open the same episode at once. */
    async personForEpisode(tx: Db, personId: string): Promise<PersonForEpisode | null> {
      const found = await rows<{ kind: 'child' | 'adult'; first_name: string; last_name: string; date_of_birth: string | null; expected_delivery_date: string | null }>(
        tx,
        sql`SELECT kind, first_name, last_name, date_of_birth::text AS date_of_birth, expected_delivery_date::text AS expected_delivery_date
            FROM people WHERE id = ${personId} AND merged_into IS NULL FOR UPDATE`,
      );
      const row = found[0];
      return row ? { name: `${row.first_name} ${row.last_name}`, kind: row.kind, dateOfBirth: row.date_of_birth, expectedDeliveryDate: row.expected_delivery_date } : null;
    },

    async insertEpisode(tx: Db, values: typeof episodes.$inferInsert): Promise<string> {
      const inserted = await tx.insert(episodes).values(values).returning({ id: episodes.id });
      return inserted[0]!.id;
    },

    async openAllocation(tx: Db, personId: string) {
      const found = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.personId, personId), isNull(allocations.toDate)))
        .limit(1);
      return found[0] ?? null;
    },

    /** Ends the open allocation on `toDate` (never before it began). Returns it, or null when there was none. */
    async endOpenAllocation(tx: Db, personId: string, toDate: string) {
      const ended = await tx
        .update(allocations)
        .set({ toDate: sql`greatest(${allocations.fromDate}, ${toDate}::date)` })
        .where(and(eq(allocations.personId, personId), isNull(allocations.toDate)))
        .returning({ id: allocations.id, teamId: allocations.teamId, workerId: allocations.workerId });
      return ended[0] ?? null;
    },

    /** How many children each of these workers holds now (a count, naming no child). */
    async caseloadCounts(tx: Db, workerIds: string[]): Promise<Map<string, number>> {
      if (workerIds.length === 0) return new Map();
      const found = await rows<{ worker_id: string; n: unknown }>(
        tx,
        sql`SELECT current_worker_id AS worker_id, count(*) AS n FROM people
            WHERE current_worker_id IN (${sql.join(workerIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND merged_into IS NULL
            GROUP BY current_worker_id`,
      );
      return new Map(found.map((r) => [r.worker_id, toNumber(r.n)]));
    },

    async insertAllocation(tx: Db, values: typeof allocations.$inferInsert): Promise<string> {
      const inserted = await tx.insert(allocations).values(values).returning({ id: allocations.id });
      return inserted[0]!.id;
    },
  };
}

export type EpisodesRepository = ReturnType<typeof episodesRepository>;
