/**
 * The front door and allocation (P4, P5): the reasons a manager gives when authorising that consent
 * was not sought, indexes for the contacts list (keyset) and the team work lists, and rules the
 * database keeps: one open allocation per child, a closed episode has a DfE closure reason, a decision
 * has its reasons, and nothing ends before it starts.
 */
export const up = /* sql */ `
ALTER TABLE contacts ADD COLUMN consent_authorisation_reason text;
ALTER TABLE contacts ADD CONSTRAINT contacts_decision_has_reason CHECK (decision IS NULL OR decision_reason IS NOT NULL);
ALTER TABLE contacts ADD CONSTRAINT contacts_not_sought_has_reason CHECK (consent <> 'not-sought' OR consent_not_sought_reason IS NOT NULL);

CREATE INDEX contacts_keyset_idx ON contacts (received_on DESC, id DESC);
CREATE INDEX contacts_waiting_idx ON contacts (received_on DESC, id DESC) WHERE decision IS NULL;

ALTER TABLE episodes ADD CONSTRAINT episodes_closed_has_reason CHECK (end_date IS NULL OR closure_reason IS NOT NULL);
CREATE INDEX episodes_open_start_idx ON episodes (start_date) WHERE end_date IS NULL;

ALTER TABLE allocations ADD CONSTRAINT allocations_dates_in_order CHECK (to_date IS NULL OR to_date >= from_date);
CREATE UNIQUE INDEX allocations_one_open_idx ON allocations (person_id) WHERE to_date IS NULL;
CREATE INDEX referrals_contact_idx ON referrals (contact_id) WHERE contact_id IS NOT NULL;
`;
