/**
 * Authorisation of an assessment (A8, A9): when it happened and which revision the manager
 * authorised, so any later save shows as "updated since authorisation" (the living assessment, A10).
 * authorised_on (a date, migration 010) stays the completion date used for timeliness.
 */
export const up = /* sql */ `
ALTER TABLE assessments ADD COLUMN authorised_at timestamptz;
ALTER TABLE assessments ADD COLUMN authorised_revision integer;
`;
