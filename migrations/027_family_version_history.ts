/**
 * Every save is kept (A10) and a sharing record says what was shared (A11).
 *
 * - assessment_family_version_texts: each saved version of the family's and the child's version of an
 *   assessment (its number, text, language, who saved it and when). assessment_family_versions stays
 *   the latest; a save adds a row here in the same transaction, as assessment_revisions does for the
 *   assessment. The versions saved before this migration are lost except the latest, copied in here.
 * - assessment_sharing.version_audience and version_number: which saved version (and so which exact
 *   text and language) was shared. Empty when no written version was shared, and on records made
 *   before this migration (which version was shared then was not recorded, so it is not guessed).
 * - assessment_late_reasons: each time the reasons an assessment is late were recorded or changed
 *   (who, when, the wording). assessments.late_reason stays the latest. The latest reasons recorded
 *   before this migration are copied in with who and when from the audit row that recorded them.
 */
const tables = /* sql */ `
CREATE TABLE assessment_family_version_texts (
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  audience text NOT NULL CHECK (audience IN ('family','child')),
  version integer NOT NULL CHECK (version > 0),
  text text NOT NULL,
  language text NOT NULL,
  saved_by uuid REFERENCES users(id),
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, audience, version)
);

ALTER TABLE assessment_sharing ADD COLUMN version_audience text;
ALTER TABLE assessment_sharing ADD COLUMN version_number integer;
ALTER TABLE assessment_sharing ADD CONSTRAINT assessment_sharing_version_check
  CHECK ((version_audience IS NULL) = (version_number IS NULL) AND (version_number IS NULL OR shared_on IS NOT NULL));
ALTER TABLE assessment_sharing ADD CONSTRAINT assessment_sharing_version_fkey
  FOREIGN KEY (assessment_id, version_audience, version_number) REFERENCES assessment_family_version_texts (assessment_id, audience, version);

CREATE TABLE assessment_late_reasons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  reasons text NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_late_reasons_assessment_idx ON assessment_late_reasons (assessment_id, recorded_at DESC);
`;

/** What the tables before this migration hold, copied into the new ones (exported for its test). */
export const backfill = /* sql */ `
INSERT INTO assessment_family_version_texts (assessment_id, audience, version, text, language, saved_by, saved_at)
  SELECT assessment_id, audience, version, text, language, updated_by, updated_at FROM assessment_family_versions;
INSERT INTO assessment_late_reasons (assessment_id, reasons, recorded_by, recorded_at)
  SELECT a.id, a.late_reason, u.id, last.at
  FROM assessments a
  JOIN (SELECT DISTINCT ON (subject_id) subject_id, actor_id, at FROM audit_log
        WHERE action = 'assessment-late-reasons-recorded' AND subject_type = 'assessment'
        ORDER BY subject_id, seq DESC) last ON last.subject_id = a.id::text
  LEFT JOIN users u ON u.id = last.actor_id
  WHERE a.late_reason IS NOT NULL;
`;

export const up = tables + backfill;
