/**
 * A term added to the starting plain-language word list (src/domain/plainLanguageTerms.ts) after
 * migration 013 first copied that list into plain_language_terms: "commenced", jargon, with "started"
 * or "began". 013 copies the starting list as it is when it runs, so a new database has the term from
 * it; this gives it to a database made before. The list is the council's administrator's, so the term
 * is added only where the list has no term of that spelling (whatever its capitals): a term the
 * council wrote or switched off itself is kept as it is. The term is written out here, not read from
 * the starting list, so that a later change to that list does not change what this migration does.
 */
export const ADDED_TERMS = [{ term: 'commenced', kind: 'jargon', suggestion: 'Say "started" or "began"' }] as const;

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const up = /* sql */ `
INSERT INTO plain_language_terms (term, kind, suggestion)
SELECT v.term, v.kind, v.suggestion
FROM (VALUES ${ADDED_TERMS.map((t) => `(${literal(t.term)}, ${literal(t.kind)}, ${literal(t.suggestion)})`).join(', ')}) AS v (term, kind, suggestion)
WHERE NOT EXISTS (SELECT 1 FROM plain_language_terms p WHERE lower(p.term) = lower(v.term));
`;
