/**
 * One chronology entry: reading it for a form, its revisions, and the partner agency users it is
 * shared with. An entry is only ever found through a person it concerns.
 */
import { sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import type { Precision } from '../../domain/chronologyOrder';
import { entryVisible } from './conditions';
import { parseJson, type ConcernedPerson } from './repository';

export type EntryRecord = {
  id: string;
  occurredOn: string;
  precision: Precision;
  category: string;
  summary: string;
  significance: 'significant' | 'routine';
  sourceKind: 'hearth' | 'person' | 'agency';
  sourceName: string | null;
  sourceAgency: string | null;
  impact: string | null;
  originType: string;
  originId: string | null;
  recordedAt: Date;
  recordedByName: string | null;
  version: number;
  people: ConcernedPerson[];
};

export type Revision = { version: number; data: Record<string, unknown>; changedAt: Date; changedByName: string | null };

export type PartnerShare = { userId: string; name: string; agency: string | null; shared: boolean };

export function entryRepository(db: Db) {
  return {
    /** The entry, if it concerns this person, is not removed and this user may see it. */
    async find(actor: Actor, personId: string, entryId: string): Promise<EntryRecord | null> {
      const found = await rows<{
        id: string;
        occurred_on: string;
        occurred_precision: Precision;
        category: string;
        summary: string;
        significance: 'significant' | 'routine';
        source_kind: EntryRecord['sourceKind'];
        source_name: string | null;
        source_agency: string | null;
        impact: string | null;
        origin_type: string;
        origin_id: string | null;
        recorded_at: Date | string;
        recorded_by_name: string | null;
        version: unknown;
        people: unknown;
      }>(
        db,
        sql`SELECT e.id, e.occurred_on::text AS occurred_on, e.occurred_precision, e.category, e.summary, e.significance, e.source_kind,
                   e.source_name, e.source_agency, e.impact, e.origin_type, e.origin_id, e.recorded_at, u.name AS recorded_by_name, e.version,
                   (SELECT json_agg(json_build_object('id', p.id, 'name', concat_ws(' ', coalesce(p.known_as, p.first_name), p.last_name), 'kind', p.kind,
                           'visible', (${peopleScope(actor, 'p')}) IS TRUE) ORDER BY p.kind DESC, p.date_of_birth, p.first_name)
                      FROM chronology_links pl JOIN people p ON p.id = pl.person_id WHERE pl.entry_id = e.id) AS people
            FROM chronology_links l JOIN chronology_entries e ON e.id = l.entry_id LEFT JOIN users u ON u.id = e.recorded_by
            WHERE l.person_id = ${personId} AND l.entry_id = ${entryId} AND e.removed_at IS NULL AND ${entryVisible(actor)}`,
      );
      const r = found[0];
      if (!r) return null;
      return {
        id: r.id,
        occurredOn: r.occurred_on,
        precision: r.occurred_precision,
        category: r.category,
        summary: r.summary,
        significance: r.significance,
        sourceKind: r.source_kind,
        sourceName: r.source_name,
        sourceAgency: r.source_agency,
        impact: r.impact,
        originType: r.origin_type,
        originId: r.origin_id,
        recordedAt: r.recorded_at instanceof Date ? r.recorded_at : new Date(r.recorded_at),
        recordedByName: r.recorded_by_name,
        version: toNumber(r.version),
        people: parseJson<ConcernedPerson[]>(r.people, []),
      };
    },

    /** Every kept version of an entry, newest first. */
    async revisions(entryId: string): Promise<Revision[]> {
      const found = await rows<{ version: unknown; data: unknown; changed_at: Date | string; changed_by_name: string | null }>(
        db,
        sql`SELECT r.version, r.data, r.changed_at, u.name AS changed_by_name
            FROM chronology_revisions r LEFT JOIN users u ON u.id = r.changed_by
            WHERE r.entry_id = ${entryId} ORDER BY r.version DESC LIMIT 500`,
      );
      return found.map((r) => ({
        version: toNumber(r.version),
        data: parseJson<Record<string, unknown>>(r.data, {}),
        changedAt: r.changed_at instanceof Date ? r.changed_at : new Date(r.changed_at),
        changedByName: r.changed_by_name,
      }));
    },

    /** Partner agency users with a live grant on this person, and whether the entry is shared with each. */
    async partners(personId: string, entryId: string): Promise<PartnerShare[]> {
      const found = await rows<{ user_id: string; name: string; agency: string | null; shared: boolean }>(
        db,
        sql`SELECT u.id AS user_id, u.name, u.agency,
                   EXISTS (SELECT 1 FROM chronology_entry_shares s WHERE s.user_id = u.id AND s.entry_id = ${entryId}) AS shared
            FROM users u
            WHERE u.role = 'partner' AND u.active AND EXISTS (
              SELECT 1 FROM access_grants g WHERE g.user_id = u.id AND g.person_id = ${personId} AND g.revoked_at IS NULL AND g.expires_at > now())
            ORDER BY u.name LIMIT 200`,
      );
      return found.map((r) => ({ userId: r.user_id, name: r.name, agency: r.agency, shared: r.shared }));
    },

    /** Shares the entry with exactly `userIds` among `eligible` (the partners listed on the page): returns who was added and removed. */
    async setShares(entryId: string, eligible: string[], userIds: string[], sharedBy: string): Promise<{ added: string[]; removed: string[] }> {
      if (eligible.length === 0) return { added: [], removed: [] };
      const list = sql.join(eligible.map((id) => sql`${id}::uuid`), sql`, `);
      const before = await rows<{ user_id: string }>(db, sql`SELECT user_id FROM chronology_entry_shares WHERE entry_id = ${entryId} AND user_id IN (${list})`);
      const had = new Set(before.map((r) => r.user_id));
      const removed = [...had].filter((id) => !userIds.includes(id));
      const added = userIds.filter((id) => !had.has(id));
      if (removed.length > 0) {
        await db.execute(sql`DELETE FROM chronology_entry_shares WHERE entry_id = ${entryId} AND user_id IN (${sql.join(removed.map((id) => sql`${id}::uuid`), sql`, `)})`);
      }
      if (added.length > 0) {
        await db.execute(
          sql`INSERT INTO chronology_entry_shares (user_id, entry_id, shared_by)
              VALUES ${sql.join(added.map((id) => sql`(${id}::uuid, ${entryId}::uuid, ${sharedBy}::uuid)`), sql`, `)} ON CONFLICT DO NOTHING`,
        );
      }
      return { added, removed };
    },
  };
}

export type EntryRepository = ReturnType<typeof entryRepository>;
