/**
 * Closing an assessment at a checkpoint (A2, A8), and lists of open assessments only.
 *
 * - A team manager's decision to close at a checkpoint closes the assessment: closed_reason
 *   'checkpoint', the working day of the checkpoint (whose row keeps the manager's reasons) and the
 *   outcome for the child (no further action, or universal or early help services).
 * - The worker's and the team's lists read open assessments (in progress or with the manager) only:
 *   the partial indexes now leave out closed assessments as well as authorised ones.
 */
export const up = /* sql */ `
ALTER TABLE assessments DROP CONSTRAINT assessments_closed_reason_check;
ALTER TABLE assessments ADD CONSTRAINT assessments_closed_reason_check CHECK (closed_reason IN ('stepped-up','checkpoint'));
ALTER TABLE assessments ADD COLUMN closed_outcome text CHECK (closed_outcome IN ('nfa','early-help'));
ALTER TABLE assessments ADD COLUMN closed_at_day integer;
ALTER TABLE assessments ADD CONSTRAINT assessments_checkpoint_close_check
  CHECK (closed_reason IS DISTINCT FROM 'checkpoint' OR (closed_outcome IS NOT NULL AND closed_at_day IS NOT NULL));
CREATE INDEX assessments_worker_open_only_idx ON assessments (worker_id, due_on) WHERE status IN ('in-progress','awaiting-authorisation');
CREATE INDEX assessments_team_open_only_idx ON assessments (team_id, due_on) WHERE status IN ('in-progress','awaiting-authorisation');
DROP INDEX assessments_worker_open_idx;
DROP INDEX assessments_team_open_idx;
`;
