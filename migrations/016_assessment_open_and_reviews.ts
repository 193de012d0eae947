/**
 * One open assessment per child, stepping up from early help, and the annual review (A1, A10).
 *
 * - An assessment can now be closed without being authorised: an early help assessment that was
 *   stepped up into a statutory one (its content carried in) is closed, saying into which one.
 * - A child has at most one open assessment (in progress or with the manager): the start page
 *   checks first, and this partial unique index makes two requests at the same moment unable to
 *   start two. Authorised and closed assessments are not open.
 * - Each annual review of an authorised assessment is kept: who reviewed it and when, whether it
 *   still reflects the child's situation or what changed, the revision it confirmed and the next
 *   review date.
 */
export const up = /* sql */ `
ALTER TABLE assessments DROP CONSTRAINT assessments_status_check;
ALTER TABLE assessments ADD CONSTRAINT assessments_status_check CHECK (status IN ('in-progress','awaiting-authorisation','authorised','closed'));
ALTER TABLE assessments ADD COLUMN closed_on date;
ALTER TABLE assessments ADD COLUMN closed_by uuid REFERENCES users(id);
ALTER TABLE assessments ADD COLUMN closed_reason text CHECK (closed_reason IN ('stepped-up'));
ALTER TABLE assessments ADD COLUMN closed_into_id uuid REFERENCES assessments(id);
ALTER TABLE assessments ADD CONSTRAINT assessments_closed_check CHECK ((status = 'closed') = (closed_on IS NOT NULL AND closed_reason IS NOT NULL));
CREATE UNIQUE INDEX assessments_one_open_per_child ON assessments (child_id) WHERE status IN ('in-progress','awaiting-authorisation');

CREATE TABLE assessment_annual_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  reviewed_on date NOT NULL,
  reviewed_by uuid NOT NULL REFERENCES users(id),
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL CHECK (outcome IN ('no-change','changed')),
  changes text,
  revision integer NOT NULL,
  review_was_due_on date,
  next_review_due_on date NOT NULL,
  CHECK (outcome = 'no-change' OR changes IS NOT NULL)
);
CREATE INDEX assessment_annual_reviews_assessment_idx ON assessment_annual_reviews (assessment_id, reviewed_at DESC);
`;
