/**
 * The SQL conditions every chronology read shares: which entries this user may see, the filters,
 * and the keyset boundary. Each is a condition on a chronology_links row aliased `l`, so a count
 * can run over the links alone; the entry is read only where a condition needs it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { Direction, OrderKey } from '../../domain/chronologyOrder';

/** Who told us: words matched against the agency and the person named as the source ("Hearth" matches entries Hearth made). */
export type SourceFilter = { words: string };

export type ChronologyFilters = {
  /** Only these categories (none: every category). */
  categories: string[];
  significantOnly: boolean;
  /** Only entries that also concern this person (a child's chronology) or this member (a family's). */
  personId: string | null;
  source: SourceFilter | null;
  from: string | null;
  to: string | null;
  order: Direction;
};

export const NO_FILTERS: ChronologyFilters = { categories: [], significantOnly: false, personId: null, source: null, from: null, to: null, order: 'newest' };

/**
 * Which entries a user may see among those linked to people they may see. Partner agency users see
 * only the entries shared with them (chronology_entry_shares) or recorded by them; everyone else
 * who may see a person sees every entry about them.
 */
export function entryVisible(actor: Actor): SQL {
  if (actor.role !== 'partner') return sql`true`;
  return sql`(EXISTS (SELECT 1 FROM chronology_entry_shares s WHERE s.user_id = ${actor.id} AND s.entry_id = l.entry_id)
    OR EXISTS (SELECT 1 FROM chronology_entries mine WHERE mine.id = l.entry_id AND mine.recorded_by = ${actor.id}))`;
}

/**
 * Not removed. Nothing removes entries yet; when something does, the partial index of removed
 * entries (migration 015) keeps this check free for the millions that are not.
 */
export const NOT_REMOVED = sql`NOT EXISTS (SELECT 1 FROM chronology_entries gone WHERE gone.id = l.entry_id AND gone.removed_at IS NOT NULL)`;

/** Escapes LIKE wildcards so a typed % or _ is matched literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters as conditions (without the person filter, which child and family pages apply differently). */
export function filterConditions(filters: ChronologyFilters): SQL {
  const parts: SQL[] = [];
  if (filters.categories.length > 0) parts.push(sql`l.category IN (${sql.join(filters.categories.map((c) => sql`${c}`), sql`, `)})`);
  if (filters.significantOnly) parts.push(sql`l.significant`);
  if (filters.from) parts.push(sql`l.occurred_on >= ${filters.from}::date`);
  if (filters.to) parts.push(sql`l.occurred_on <= ${filters.to}::date`);
  if (filters.source) {
    const like = `%${escapeLike(filters.source.words)}%`;
    const hearth = /^(hearth|recorded in hearth)$/i.test(filters.source.words.trim());
    parts.push(
      sql`EXISTS (SELECT 1 FROM chronology_entries src WHERE src.id = l.entry_id
            AND (src.source_agency ILIKE ${like} OR src.source_name ILIKE ${like}${hearth ? sql` OR src.source_kind = 'hearth'` : sql``}))`,
    );
  }
  return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`true`;
}

/** Which way a page is read: forwards from `after`, or backwards from `before` (a "previous" link). */
export type PageRequest = { after: OrderKey | null; before: OrderKey | null; limit: number };

/** The comparison and sort direction for a page in the chosen order. Only fixed keywords reach sql.raw. */
export function pageShape(order: Direction, page: PageRequest): { sort: SQL; keyset: SQL; backwards: boolean } {
  const backwards = page.before !== null && page.after === null;
  const descending = (order === 'newest') !== backwards;
  const dir = sql.raw(descending ? 'DESC' : 'ASC');
  const cursor = backwards ? page.before : page.after;
  const keyset = cursor
    ? sql`(l.occurred_on, l.recorded_at, l.entry_id) ${sql.raw(descending ? '<' : '>')} (${cursor.occurredOn}::date, ${cursor.recordedAt}::timestamptz, ${cursor.entryId}::uuid)`
    : sql`true`;
  return { sort: sql`${dir}`, keyset, backwards };
}

/** A uuid list for IN (...) and unnest(ARRAY[...]): each one a parameter. */
export function uuidList(ids: readonly string[]): SQL {
  return sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
}

/** The exact order key of a link's recorded time, with microseconds, for cursors. */
export const RECORDED_KEY = sql`to_char(l.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
