/**
 * Indexes for finding people and their history: "who has seen this record" pages through a
 * person's audit rows newest first by sequence number, and a record lists the records merged into it.
 */
export const up = /* sql */ `
CREATE INDEX audit_log_child_seq_idx ON audit_log (child_id, seq DESC) WHERE child_id IS NOT NULL;
CREATE INDEX people_merged_into_idx ON people (merged_into) WHERE merged_into IS NOT NULL;
`;
