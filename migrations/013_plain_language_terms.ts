import { STARTER_TERMS } from '../src/domain/plainLanguageTerms';

/**
 * The plain-language word list (A12) as data an administrator edits: jargon, blaming words and vague
 * summaries, each with a plain suggestion. Seeded with our starting list (src/domain/plainLanguageTerms.ts)
 * when the table is made; after that the council's list lives here and is changed at /admin/plain-language.
 */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const up = /* sql */ `
CREATE TABLE plain_language_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  term text NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('jargon','blaming','vague-severity')),
  suggestion text NOT NULL CHECK (length(suggestion) BETWEEN 1 AND 500),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX plain_language_terms_term_idx ON plain_language_terms (lower(term));

INSERT INTO plain_language_terms (term, kind, suggestion) VALUES
${STARTER_TERMS.map((t) => `(${literal(t.term)}, ${literal(t.kind)}, ${literal(t.suggestion)})`).join(',\n')};
`;
