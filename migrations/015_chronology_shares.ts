/**
 * Chronology entries shared with partner agency users (H1, S1). A partner sees a child only while
 * a grant on that child lasts (access_grants), and within it only the chronology entries shared
 * with them here (or that they recorded themselves). Everyone else who may see a child sees every
 * entry linked to the child. One row per entry and partner user; the primary key answers "is this
 * entry shared with this user?" and the second index lists who an entry is shared with.
 * Also an index of removed entries, so that reading links can skip them without reading entries.
 */
export const up = /* sql */ `
CREATE TABLE chronology_entry_shares (
  user_id uuid NOT NULL REFERENCES users(id),
  entry_id uuid NOT NULL REFERENCES chronology_entries(id),
  shared_by uuid REFERENCES users(id),
  shared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, entry_id)
);
CREATE INDEX chronology_entry_shares_entry_idx ON chronology_entry_shares (entry_id);

-- Chronology reads count and page over the links alone; "not removed" is checked against this
-- index of removed entries, which stays tiny however many millions of entries there are.
CREATE INDEX chronology_entries_removed_idx ON chronology_entries (id) WHERE removed_at IS NOT NULL;
`;
