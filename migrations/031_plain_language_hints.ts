import { STARTER_HINTS } from '../src/domain/plainLanguageTerms';

/**
 * Two more kinds of word on the council's plain-language list (A12), which the check never points out
 * but uses to leave good writing alone: 'describing' (a word such as "hit" or "shouted" that shows a
 * summary like "three incidents" is explained) and 'state' (a word such as "worried" or "drunk" that,
 * after "is" or "was", says how someone is rather than being passive). They were lists in the code;
 * now the administrator keeps them with the rest. They need no suggestion. A word may be on the list
 * once as a word pointed out and once in each of these kinds ("drunk" both says what happened and how
 * someone is), so the one-row-per-term rule now holds within each of those three groups. The starting
 * words are added where the list has no such word of that kind; later additions to the starting words
 * reach databases made before them through a migration of their own (as 025 did for a term).
 */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const up = /* sql */ `
ALTER TABLE plain_language_terms DROP CONSTRAINT plain_language_terms_kind_check;
ALTER TABLE plain_language_terms ADD CONSTRAINT plain_language_terms_kind_check CHECK (kind IN ('jargon','blaming','vague-severity','describing','state'));
ALTER TABLE plain_language_terms DROP CONSTRAINT plain_language_terms_suggestion_check;
ALTER TABLE plain_language_terms ADD CONSTRAINT plain_language_terms_suggestion_check
  CHECK (length(suggestion) <= 500 AND (length(suggestion) >= 1 OR kind IN ('describing','state')));
DROP INDEX plain_language_terms_term_idx;
CREATE UNIQUE INDEX plain_language_terms_term_idx ON plain_language_terms (lower(term), (CASE WHEN kind IN ('describing','state') THEN kind ELSE 'pointed out' END));

INSERT INTO plain_language_terms (term, kind, suggestion)
SELECT v.term, v.kind, ''
FROM (VALUES ${STARTER_HINTS.map((t) => `(${literal(t.term)}, ${literal(t.kind)})`).join(', ')}) AS v (term, kind)
WHERE NOT EXISTS (SELECT 1 FROM plain_language_terms p WHERE lower(p.term) = lower(v.term) AND p.kind = v.kind);
`;
