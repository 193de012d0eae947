/**
 * Finds an assessment's date moves quickly (A2): the assessment overview says why its dates moved
 * after it started (a new expected delivery date, a change of the council's closure days), from the
 * 'assessment-dates-moved' audit rows reschedule.ts writes for each assessment it moves. A small
 * partial index: only those rows, by assessment, newest first.
 */
export const up = /* sql */ `
CREATE INDEX audit_log_dates_moved_idx ON audit_log (subject_id, seq DESC) WHERE action = 'assessment-dates-moved';
`;
