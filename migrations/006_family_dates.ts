/**
 * Relationships and household memberships cannot end before they start (P2). The app checks this
 * on every form; the database refuses it too, so no import or seeder can store it.
 */
export const up = /* sql */ `
ALTER TABLE relationships ADD CONSTRAINT relationships_dates_in_order
  CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date);
ALTER TABLE household_members ADD CONSTRAINT household_members_dates_in_order
  CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date);
`;
