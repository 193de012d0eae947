/**
 * Reading chronologies. A child's chronology is one range scan of chronology_links_order_idx
 * (person_id, occurred_on, recorded_at, entry_id); a family's is one such scan per member, each
 * stopped after a page, merged and de-duplicated by entry: an entry linked to three siblings is
 * read three times and shown once. The page's entries, with the people each concerns, come in the
 * same query. Every read is one query whatever the size of the family or its history.
 */
import { sql, type SQL } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import type { Precision } from '../../domain/chronologyOrder';
import { entryVisible, filterConditions, NOT_REMOVED, pageShape, RECORDED_KEY, uuidList, type ChronologyFilters, type PageRequest } from './conditions';

export type ConcernedPerson = { id: string; name: string; kind: 'child' | 'adult'; visible: boolean };

export type EntryRow = {
  id: string;
  occurredOn: string;
  precision: Precision;
  recordedKey: string;
  recordedAt: Date;
  recordedByName: string | null;
  category: string;
  summary: string;
  significant: boolean;
  sourceKind: 'hearth' | 'person' | 'agency';
  sourceName: string | null;
  sourceAgency: string | null;
  impact: string | null;
  originType: string;
  originId: string | null;
  version: number;
  people: ConcernedPerson[];
};

type RawEntry = {
  id: string;
  occurred_on: string;
  occurred_precision: Precision;
  recorded_key: string;
  recorded_at: Date | string;
  recorded_by_name: string | null;
  category: string;
  summary: string;
  significance: string;
  source_kind: EntryRow['sourceKind'];
  source_name: string | null;
  source_agency: string | null;
  impact: string | null;
  origin_type: string;
  origin_id: string | null;
  version: unknown;
  people: unknown;
};

export const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value === 'string') return JSON.parse(value) as T;
  return (value as T | null) ?? fallback;
};

const toEntry = (r: RawEntry): EntryRow => ({
  id: r.id,
  occurredOn: r.occurred_on,
  precision: r.occurred_precision,
  recordedKey: r.recorded_key,
  recordedAt: r.recorded_at instanceof Date ? r.recorded_at : new Date(r.recorded_at),
  recordedByName: r.recorded_by_name,
  category: r.category,
  summary: r.summary,
  significant: r.significance === 'significant',
  sourceKind: r.source_kind,
  sourceName: r.source_name,
  sourceAgency: r.source_agency,
  impact: r.impact,
  originType: r.origin_type,
  originId: r.origin_id,
  version: toNumber(r.version),
  people: parseJson<ConcernedPerson[]>(r.people, []),
});

/** The entries of a page (ids and order keys in `page`), with everything shown about each. */
function withDetails(actor: Actor, page: SQL, sort: SQL): SQL {
  return sql`WITH page AS (${page})
    SELECT e.id, page.occurred_on::text AS occurred_on, e.occurred_precision, page.recorded_key, e.recorded_at, u.name AS recorded_by_name,
           e.category, e.summary, e.significance, e.source_kind, e.source_name, e.source_agency, e.impact, e.origin_type, e.origin_id, e.version,
           (SELECT json_agg(json_build_object('id', p.id, 'name', concat_ws(' ', coalesce(p.known_as, p.first_name), p.last_name), 'kind', p.kind,
                   'visible', (${peopleScope(actor, 'p')}) IS TRUE) ORDER BY p.kind DESC, p.date_of_birth, p.first_name)
              FROM chronology_links pl JOIN people p ON p.id = pl.person_id WHERE pl.entry_id = e.id) AS people
    FROM page JOIN chronology_entries e ON e.id = page.entry_id LEFT JOIN users u ON u.id = e.recorded_by
    ORDER BY page.occurred_on ${sort}, page.recorded_at ${sort}, page.entry_id ${sort}`;
}

export type FamilyMember = { id: string; name: string; kind: 'child' | 'adult'; dateOfBirth: string | null; visible: boolean; current: boolean; self: boolean };

export function chronologyRepository(db: Db) {
  return {
    /** One page of a child's chronology: `limit` + 1 rows are read so the caller knows whether there is more. */
    async childPage(actor: Actor, personId: string, filters: ChronologyFilters, page: PageRequest): Promise<{ rows: EntryRow[]; backwards: boolean }> {
      const shape = pageShape(filters.order, page);
      const also = filters.personId ? sql`AND EXISTS (SELECT 1 FROM chronology_links o WHERE o.entry_id = l.entry_id AND o.person_id = ${filters.personId})` : sql``;
      const ids = sql`SELECT l.entry_id, l.occurred_on, l.recorded_at, ${RECORDED_KEY} AS recorded_key
        FROM chronology_links l
        WHERE l.person_id = ${personId} AND ${NOT_REMOVED} AND ${entryVisible(actor)} AND ${filterConditions(filters)} ${also} AND ${shape.keyset}
        ORDER BY l.occurred_on ${shape.sort}, l.recorded_at ${shape.sort}, l.entry_id ${shape.sort}
        LIMIT ${page.limit + 1}`;
      const found = await rows<RawEntry>(db, withDetails(actor, ids, shape.sort));
      return { rows: found.map(toEntry), backwards: shape.backwards };
    },

    /**
     * One page of a family's chronology over these members: each member's links read in order and
     * stopped after `limit` + 1 (an entry in the first page of the family is in the first page of
     * at least one member it concerns), then merged and de-duplicated by entry.
     */
    async familyPage(actor: Actor, memberIds: string[], filters: ChronologyFilters, page: PageRequest): Promise<{ rows: EntryRow[]; backwards: boolean }> {
      const shape = pageShape(filters.order, page);
      const members = filters.personId ? memberIds.filter((id) => id === filters.personId) : memberIds;
      if (members.length === 0) return { rows: [], backwards: shape.backwards };
      const ids = sql`SELECT DISTINCT x.entry_id, x.occurred_on, x.recorded_at, x.recorded_key
        FROM unnest(ARRAY[${uuidList(members)}]::uuid[]) AS m(id)
        CROSS JOIN LATERAL (
          SELECT l.entry_id, l.occurred_on, l.recorded_at, ${RECORDED_KEY} AS recorded_key
          FROM chronology_links l
          WHERE l.person_id = m.id AND ${NOT_REMOVED} AND ${entryVisible(actor)} AND ${filterConditions(filters)} AND ${shape.keyset}
          ORDER BY l.occurred_on ${shape.sort}, l.recorded_at ${shape.sort}, l.entry_id ${shape.sort}
          LIMIT ${page.limit + 1}) x
        ORDER BY x.occurred_on ${shape.sort}, x.recorded_at ${shape.sort}, x.entry_id ${shape.sort}
        LIMIT ${page.limit + 1}`;
      const found = await rows<RawEntry>(db, withDetails(actor, ids, shape.sort));
      return { rows: found.map(toEntry), backwards: shape.backwards };
    },

    /**
     * How many entries match the filters and how many there are, over the given people: one pass
     * over their links (an entry linked to three siblings counts once), reading no entry unless a
     * filter needs it.
     */
    async stats(actor: Actor, personIds: string[], filters: ChronologyFilters, family: boolean): Promise<{ matching: number; total: number }> {
      if (personIds.length === 0) return { matching: 0, total: 0 };
      const person = filters.personId
        ? family
          ? sql`l.person_id = ${filters.personId}`
          : sql`EXISTS (SELECT 1 FROM chronology_links o WHERE o.entry_id = l.entry_id AND o.person_id = ${filters.personId})`
        : sql`true`;
      const found = await rows<{ matching: unknown; total: unknown }>(
        db,
        sql`SELECT count(DISTINCT l.entry_id) FILTER (WHERE ${filterConditions(filters)} AND ${person}) AS matching, count(DISTINCT l.entry_id) AS total
            FROM chronology_links l
            WHERE l.person_id IN (${uuidList(personIds)}) AND ${NOT_REMOVED} AND ${entryVisible(actor)}`,
      );
      return { matching: toNumber(found[0]?.matching), total: toNumber(found[0]?.total) };
    },

    /**
     * The person and everyone who has lived in a household with them (household_members over time),
     * each with whether this user may see them and whether they live there now.
     */
    async members(actor: Actor, personId: string, today: string): Promise<FamilyMember[]> {
      const found = await rows<{ id: string; name: string; kind: 'child' | 'adult'; date_of_birth: string | null; visible: boolean | null; current: boolean }>(
        db,
        sql`WITH mine AS (SELECT household_id FROM household_members WHERE person_id = ${personId}),
                 fam AS (SELECT m.person_id AS id, bool_or(m.to_date IS NULL OR m.to_date > ${today}::date) AS current
                         FROM household_members m WHERE m.household_id IN (SELECT household_id FROM mine) GROUP BY m.person_id
                         UNION ALL SELECT ${personId}::uuid, true WHERE NOT EXISTS (SELECT 1 FROM mine))
            SELECT p.id, concat_ws(' ', coalesce(p.known_as, p.first_name), p.last_name) AS name, p.kind, p.date_of_birth::text AS date_of_birth,
                   (${peopleScope(actor, 'p')}) IS TRUE AS visible, fam.current
            FROM fam JOIN people p ON p.id = fam.id
            ORDER BY p.kind DESC, p.date_of_birth NULLS LAST, p.first_name
            LIMIT 200`,
      );
      return found.map((r) => ({ id: r.id, name: r.name, kind: r.kind, dateOfBirth: r.date_of_birth, visible: r.visible === true, current: r.current, self: r.id === personId }));
    },

    /**
     * Every entry of these people (for the analytical view): the date and how exact it is, category
     * and significance, for a case note its kind (whether it records contact with the family), and for
     * the significant ones (the timeline) what happened. The note's kind is a read of the case notes'
     * table by the id the entry carries, as the episodes below are a read of the front door's.
     */
    async patternEntries(actor: Actor, personIds: string[]) {
      if (personIds.length === 0) return [];
      const found = await rows<{ entry_id: string; occurred_on: string; occurred_precision: Precision; category: string; significant: boolean; summary: string | null; note_type: string | null }>(
        db,
        sql`WITH x AS (
              SELECT DISTINCT l.entry_id, l.occurred_on, l.category, l.significant FROM chronology_links l
              WHERE l.person_id IN (${uuidList(personIds)}) AND ${NOT_REMOVED} AND ${entryVisible(actor)})
            SELECT x.entry_id, x.occurred_on::text AS occurred_on, e.occurred_precision, x.category, x.significant,
                   CASE WHEN x.significant THEN left(e.summary, 300) END AS summary, n.type AS note_type
            FROM x JOIN chronology_entries e ON e.id = x.entry_id
            LEFT JOIN case_notes n ON x.category = 'case-note' AND e.origin_type = 'case-note' AND n.id = e.origin_id
            LIMIT 20000`,
      );
      return found.map((r) => ({ id: r.entry_id, occurredOn: r.occurred_on, precision: r.occurred_precision, category: r.category, significant: r.significant, summary: r.summary, noteType: r.note_type }));
    },

    /**
     * The episodes of these people: when they were open to a service (for gaps in professional
     * contact) and when each plan started. A read of the front door's episodes, one query.
     */
    async episodes(personIds: string[]): Promise<{ id: string; personId: string; type: string; startDate: string; endDate: string | null }[]> {
      if (personIds.length === 0) return [];
      const found = await rows<{ id: string; person_id: string; type: string; start_date: string; end_date: string | null }>(
        db,
        sql`SELECT id, person_id, type, start_date::text AS start_date, end_date::text AS end_date FROM episodes
            WHERE person_id IN (${uuidList(personIds)}) ORDER BY start_date, id LIMIT 2000`,
      );
      return found.map((r) => ({ id: r.id, personId: r.person_id, type: r.type, startDate: r.start_date, endDate: r.end_date }));
    },
  };
}

export type ChronologyRepository = ReturnType<typeof chronologyRepository>;
