/** A manager's list of partner grants on one child's record is read by person: index it that way. */
export const up = /* sql */ `
CREATE INDEX access_grants_person_idx ON access_grants (person_id, granted_at DESC);
`;
