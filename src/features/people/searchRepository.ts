import { sql, type SQL } from 'drizzle-orm';
import { duplicateCheckScope, peopleScope, type Actor } from '../../platform/access';
import { rows, type Db } from '../../platform/db';
import { nicknameAlternatives } from '../../domain/names';
import type { SearchQuery } from './searchQuery';

export type SearchResult = {
  id: string;
  kind: 'child' | 'adult';
  firstName: string;
  middleNames: string | null;
  lastName: string;
  knownAs: string | null;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  expectedDeliveryDate: string | null;
  nhsNumber: string | null;
  postcode: string | null;
  teamName: string | null;
  restricted: boolean;
  nhsMatch: boolean;
  /** Whether this user may open the record (always true unless the search looked through the whole authority). */
  visible: boolean;
  score: number;
};

export type SearchOptions = {
  limit?: number;
  /** Leave this person out (merging: the record being kept). */
  excludeId?: string;
  /** Only results at least this good (or an NHS number match): the duplicate check's "likely". */
  minScore?: number;
  /** Look through the whole authority (the duplicate check: see duplicateCheckScope), not just what this user may open; each result says whether they may. Those they may come first. */
  wholeAuthority?: boolean;
};

/**
 * How close a name word must be to a word of the stored name line to be a candidate. Low enough for
 * a typo in a short name ("jon" in "john": 0.5, "smiht" in "smith": 0.5), high enough that the GIN
 * index still narrows the table; results are ranked by the same similarity, so noise sinks.
 */
const WORD_THRESHOLD = '0.3';
/** A word of three letters or fewer must match a whole word of the name line almost exactly ("liz" finds Liz, not Lizzie's trigrams in Elizabeth). */
const SHORT_WORD_THRESHOLD = '0.8';
const MAX_ALTERNATIVES = 8;

type Token = { word: string; alternatives: string[]; sounds: string[] };

/**
 * The words of a person's name line, split at anything not a letter or digit ("brown-smith" is two
 * words), exactly as people_name_parts_idx indexes them (migration 026): keep the two the same.
 */
const NAME_WORDS = sql.raw(`regexp_split_to_array(p.search_name, '[^[:alnum:]]+')`);

const personColumns = sql`p.id, p.kind, p.first_name, p.middle_names, p.last_name, p.known_as,
  p.date_of_birth::text AS date_of_birth, p.date_of_birth_estimated, p.expected_delivery_date::text AS expected_delivery_date,
  p.nhs_number, p.restricted, p.current_team_id`;

/** Whom a search looks through: what this user may open, or the whole authority for the duplicate check. */
const searchScope = (actor: Actor, opts: SearchOptions): SQL =>
  opts.wholeAuthority ? duplicateCheckScope('p') : peopleScope(actor, 'p');
/** Whether this user may open each result (only in question when the search looked through the whole authority). */
const visibleTo = (actor: Actor, opts: SearchOptions): SQL =>
  opts.wholeAuthority ? sql`(${peopleScope(actor, 'p')})` : sql`true`;

/**
 * Finds people by one search box: each name word matches a word of the name line by trigram word
 * similarity (typos, reordering, hyphens), by Double Metaphone code (names that sound alike) or by
 * a nickname; a date of birth, an NHS number and a postcode narrow or rank. Always scoped to the
 * people this user may see; merged records are never returned. At most three queries whatever the
 * data size: for names alone, one looks for a page of whole-word matches (wholeWordPage) and is all
 * it takes when there is one; one sets the similarity threshold and codes the words, one finds and ranks.
 */
export async function searchPeople(
  db: Db,
  actor: Actor,
  query: SearchQuery,
  opts: SearchOptions = {},
): Promise<SearchResult[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 50);
  return db.transaction(async (tx) => {
    // Not for the duplicate check (wholeAuthority): it puts the records this user may open first, so a
    // near match they can open comes before a whole-word match held by another team.
    if (query.names.length > 0 && !query.nhsNumber && !query.dateOfBirth && !query.postcode && !opts.wholeAuthority) {
      const page = await wholeWordPage(tx, actor, query.names, opts, limit);
      if (page) return page;
    }
    const tokens = await codeWords(tx, query.names);
    const where: SQL[] = [];
    const scores: SQL[] = [];
    const name = tokens.length > 0 ? nameMatch(tokens) : null;
    const postcodeAt = query.postcode
      ? sql`EXISTS (SELECT 1 FROM addresses a WHERE a.person_id = p.id AND a.postcode_key = ${query.postcode.key})`
      : null;
    const dobIs = query.dateOfBirth ? sql`p.date_of_birth = ${query.dateOfBirth}` : null;

    if (query.nhsNumber) where.push(sql`p.nhs_number = ${query.nhsNumber}`);
    if (name) {
      // All the words match; or the same date of birth and one word spelt alike (a surname changed, say).
      where.push(
        dobIs && tokens.length > 1 ? sql`((${name.all}) OR (${dobIs} AND (${name.anySpelt})))` : name.all,
      );
      scores.push(name.score);
    } else {
      const filters = [dobIs, postcodeAt].filter((f): f is SQL => f !== null);
      if (filters.length > 0) where.push(sql.join(filters, sql` AND `));
    }
    if (where.length === 0) return [];
    if (dobIs && name) scores.push(sql`CASE WHEN ${dobIs} THEN 0.6 ELSE 0 END`);
    if (postcodeAt && name) scores.push(sql`CASE WHEN ${postcodeAt} THEN 0.5 ELSE 0 END`);
    const nhsMatch = query.nhsNumber ? sql`coalesce(p.nhs_number = ${query.nhsNumber}, false)` : sql`false`;
    const score = scores.length > 0 ? sql.join(scores, sql` + `) : sql`0`;
    const exclude = opts.excludeId ? sql`AND p.id <> ${opts.excludeId}` : sql``;
    const minScore =
      opts.minScore !== undefined ? sql`WHERE s.nhs_match OR s.score >= ${opts.minScore}` : sql``;

    const candidates = sql`SELECT ${personColumns}, ${nhsMatch} AS nhs_match, (${score})::float8 AS score, ${visibleTo(actor, opts)} AS visible
            FROM people p ${name ? name.perRow : sql``}
            WHERE ${searchScope(actor, opts)} AND (${sql.join(where, sql` OR `)}) ${exclude}`;
    return rankedPage(tx, candidates, minScore, limit);
  });
}

/**
 * A common name ("smith", "mohammed") is a candidate for thousands of people, and scoring every one
 * of them is most of what a search costs. When only names were typed, the people who have every word
 * typed as a whole word of their name score the most any match can (1), so if there are a page of
 * them they are the page: one index lookup (people_name_parts_idx) finds them, ordered by name as
 * equal scores are, and the fuzzy search runs only when there are fewer.
 */
async function wholeWordPage(
  tx: Db,
  actor: Actor,
  words: string[],
  opts: SearchOptions,
  limit: number,
): Promise<SearchResult[] | null> {
  const exclude = opts.excludeId ? sql`AND p.id <> ${opts.excludeId}` : sql``;
  // Only for the search box (never the duplicate check): every result is one this user may open.
  const candidates = sql`SELECT ${personColumns}, false AS nhs_match, 1::float8 AS score, true AS visible
            FROM people p
            WHERE ${peopleScope(actor, 'p')}
              AND ${NAME_WORDS} @> ARRAY[${sql.join(
                words.map((w) => sql`${w}`),
                sql`, `,
              )}]::text[] ${exclude}`;
  const found = await rankedPage(tx, candidates, sql``, limit);
  return found.length === limit ? found : null;
}

/** The best page of the candidates, each with their team and current postcode. One query. */
async function rankedPage(tx: Db, candidates: SQL, filter: SQL, limit: number): Promise<SearchResult[]> {
  const found = await rows<{
    id: string;
    kind: 'child' | 'adult';
    first_name: string;
    middle_names: string | null;
    last_name: string;
    known_as: string | null;
    date_of_birth: string | null;
    date_of_birth_estimated: boolean;
    expected_delivery_date: string | null;
    nhs_number: string | null;
    restricted: boolean;
    team_name: string | null;
    postcode: string | null;
    nhs_match: boolean;
    visible: boolean;
    score: string | number;
  }>(
    tx,
    sql`SELECT r.*, t.name AS team_name,
          (SELECT a.postcode FROM addresses a WHERE a.person_id = r.id
            ORDER BY (a.to_date IS NULL) DESC, a.from_date DESC NULLS LAST, a.created_at DESC LIMIT 1) AS postcode
        FROM (SELECT s.* FROM (${candidates}) s
        ${filter}
        ORDER BY s.visible DESC, s.nhs_match DESC, s.score DESC, s.last_name, s.first_name, s.id
        LIMIT ${limit}) r
        LEFT JOIN teams t ON t.id = r.current_team_id
        ORDER BY r.visible DESC, r.nhs_match DESC, r.score DESC, r.last_name, r.first_name, r.id`,
  );
  return found.map((r) => ({
    id: r.id,
    kind: r.kind,
    firstName: r.first_name,
    middleNames: r.middle_names,
    lastName: r.last_name,
    knownAs: r.known_as,
    dateOfBirth: r.date_of_birth,
    dateOfBirthEstimated: r.date_of_birth_estimated,
    expectedDeliveryDate: r.expected_delivery_date,
    nhsNumber: r.nhs_number,
    postcode: r.postcode,
    teamName: r.team_name,
    restricted: r.restricted,
    nhsMatch: r.nhs_match,
    visible: r.visible,
    score: Number(r.score),
  }));
}

/**
 * Sets this transaction's similarity thresholds and gets the Double Metaphone code of every word
 * typed. It also steers the planner off a sequential scan: it costs the trigram operators as cheap,
 * but computing them on every row of a large authority takes seconds where the GIN index takes ms.
 */
async function codeWords(tx: Db, words: string[]): Promise<Token[]> {
  if (words.length === 0) return [];
  const tokens = words.map((word) => ({
    word,
    alternatives: nicknameAlternatives(word, MAX_ALTERNATIVES),
    sounds: [] as string[],
  }));
  const all = [...new Set(tokens.map((t) => t.word))];
  const coded = await rows<{ word: string; code: string | null }>(
    tx,
    sql`SELECT v.word, dmetaphone(v.word) AS code, set_config('pg_trgm.word_similarity_threshold', ${WORD_THRESHOLD}, true) AS threshold,
               set_config('pg_trgm.strict_word_similarity_threshold', ${SHORT_WORD_THRESHOLD}, true) AS short_word_threshold,
               set_config('enable_seqscan', 'off', true) AS index_only
        FROM (VALUES ${sql.join(
          all.map((w) => sql`(${w})`),
          sql`, `,
        )}) AS v(word)`,
  );
  const codes = new Map(coded.map((c) => [c.word, c.code ?? '']));
  for (const t of tokens) {
    // Only the word as typed is matched by sound: its nicknames are matched exactly, and their sound
    // codes ("AL" from "will" for "bill") brought thousands of unrelated names (Ali, Alan).
    // A sound code of one letter, or of a word of one or two letters ("jo", "al"), means nothing.
    const code = t.word.length >= 3 ? (codes.get(t.word) ?? '') : '';
    t.sounds = code.length >= 2 ? [code] : [];
  }
  return tokens;
}

/**
 * For each word: a condition the indexes answer (GIN trigram on search_name for the word, the GIN
 * index of the name's words for its nicknames, b-tree equality on the sound codes) and a score from 0 to 1. The name matches when all
 * words do; its score is the mean of the words' scores.
 *
 * A common surname brings thousands of candidates, and the trigram similarity is most of what each
 * costs, so it is worked out once per word and candidate (`perRow`, a lateral subquery the planner
 * keeps apart with OFFSET 0 instead of copying the call into every place that uses it), and not at
 * all when the word is one of the name's words exactly (a similarity of 1).
 */
function nameMatch(tokens: Token[]): { all: SQL; anySpelt: SQL; score: SQL; perRow: SQL } {
  const conditions: SQL[] = [];
  const spelt: SQL[] = [];
  const scores: SQL[] = [];
  const direct: SQL[] = [];
  tokens.forEach((t, i) => {
    // Three letters or fewer share too many trigrams with other names ("liz", "lily"): match them as whole words.
    const typed = t.word.length <= 3 ? sql`p.search_name %>> ${t.word}` : sql`p.search_name %> ${t.word}`;
    // A nickname must be one of the name's words exactly (the word index people_name_parts_idx answers it).
    const nicknames =
      t.alternatives.length > 0
        ? [
            sql`${NAME_WORDS} && ARRAY[${sql.join(
              t.alternatives.map((a) => sql`${a}`),
              sql`, `,
            )}]::text[]`,
          ]
        : [];
    const soundList =
      t.sounds.length > 0
        ? sql.join(
            t.sounds.map((c) => sql`${c}`),
            sql`, `,
          )
        : null;
    const sounds = soundList
      ? sql`(p.first_sound IN (${soundList}) OR p.name_sound IN (${soundList}))`
      : null;
    conditions.push(sql`(${sql.join([typed, ...nicknames, ...(sounds ? [sounds] : [])], sql` OR `)})`);
    spelt.push(sql`(${sql.join([typed, ...nicknames], sql` OR `)})`);

    const column = sql.raw(`d${i}`);
    direct.push(
      sql`CASE WHEN ${t.word}::text = ANY (nw.words) THEN 1 ELSE word_similarity(${t.word}, p.search_name) END AS ${column}`,
    );
    const similarity = sql`ws.${column}`;
    const parts = [similarity];
    if (t.alternatives.length > 0) {
      parts.push(
        sql`CASE WHEN ws.words && ARRAY[${sql.join(
          t.alternatives.map((a) => sql`${a}`),
          sql`, `,
        )}]::text[] THEN 0.85 ELSE 0 END`,
      );
    }
    if (sounds) parts.push(sql`CASE WHEN ${sounds} THEN 0.7 ELSE 0 END`);
    // The best way this word matches, and a little for how close it is as typed (John before Jack for "jon").
    scores.push(sql`(greatest(${sql.join(parts, sql`, `)}) + 0.1 * ${similarity})`);
  });
  return {
    all: sql.join(conditions, sql` AND `),
    anySpelt: sql.join(spelt, sql` OR `),
    score: sql`((${sql.join(scores, sql` + `)}) / ${tokens.length * 1.1})`,
    perRow: sql`CROSS JOIN LATERAL (SELECT nw.words, ${sql.join(direct, sql`, `)}
        FROM (SELECT ${NAME_WORDS} AS words) nw OFFSET 0) ws`,
  };
}
