/** Contacts, referrals, episodes and allocations (P4, P5). */
export const up = /* sql */ `
CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_on date NOT NULL,
  source_code text NOT NULL,
  referrer_name text,
  referrer_agency text,
  referrer_phone text,
  concern text NOT NULL,
  decision text CHECK (decision IN ('nfa','information-advice','early-help','referral')),
  decision_reason text,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  consent text NOT NULL CHECK (consent IN ('given','refused','not-sought')),
  consent_not_sought_reason text,
  consent_authorised_by uuid REFERENCES users(id),
  consent_authorised_at timestamptz,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX contacts_received_idx ON contacts (received_on DESC);

CREATE TABLE contact_children (
  contact_id uuid NOT NULL REFERENCES contacts(id),
  person_id uuid NOT NULL REFERENCES people(id),
  PRIMARY KEY (contact_id, person_id)
);
CREATE INDEX contact_children_person_idx ON contact_children (person_id);

CREATE TABLE episodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people(id),
  type text NOT NULL CHECK (type IN ('early-help','child-in-need','child-protection','looked-after','care-leaver')),
  start_date date NOT NULL,
  end_date date,
  closure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX episodes_person_idx ON episodes (person_id, start_date DESC);
CREATE INDEX episodes_open_idx ON episodes (person_id) WHERE end_date IS NULL;

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid REFERENCES contacts(id),
  person_id uuid NOT NULL REFERENCES people(id),
  episode_id uuid REFERENCES episodes(id),
  referral_date date NOT NULL,
  source_code text NOT NULL,
  primary_need_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE INDEX referrals_person_idx ON referrals (person_id, referral_date DESC);
CREATE INDEX referrals_date_idx ON referrals (referral_date);

CREATE TABLE allocations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people(id),
  episode_id uuid REFERENCES episodes(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  worker_id uuid REFERENCES users(id),
  from_date date NOT NULL,
  to_date date,
  reason text,
  allocated_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX allocations_person_idx ON allocations (person_id, from_date DESC);
CREATE INDEX allocations_worker_open_idx ON allocations (worker_id) WHERE to_date IS NULL;
CREATE INDEX allocations_team_open_idx ON allocations (team_id) WHERE to_date IS NULL;
`;
