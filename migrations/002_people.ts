/** People, addresses, relationships, households, access grants and restricted records (P1, P2, S1). */
export const up = /* sql */ `
CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('child','adult')),
  first_name text NOT NULL,
  middle_names text,
  last_name text NOT NULL,
  known_as text,
  former_names text[] NOT NULL DEFAULT '{}',
  search_name text NOT NULL,
  name_sound text NOT NULL DEFAULT '',
  date_of_birth date,
  date_of_birth_estimated boolean NOT NULL DEFAULT false,
  expected_delivery_date date,
  date_of_death date,
  sex text CHECK (sex IN ('M','F','U')),
  gender_identity text,
  ethnicity text,
  religion text,
  first_language text,
  interpreter_needed boolean NOT NULL DEFAULT false,
  disabilities text[] NOT NULL DEFAULT '{}',
  immigration_status text,
  nhs_number text,
  upn text,
  restricted boolean NOT NULL DEFAULT false,
  current_team_id uuid REFERENCES teams(id),
  current_worker_id uuid REFERENCES users(id),
  merged_into uuid REFERENCES people(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (kind = 'child' OR expected_delivery_date IS NULL)
);
CREATE INDEX people_search_name_trgm ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX people_name_sound_idx ON people (name_sound);
CREATE INDEX people_dob_idx ON people (date_of_birth);
CREATE INDEX people_nhs_idx ON people (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX people_team_idx ON people (current_team_id) WHERE current_team_id IS NOT NULL;
CREATE INDEX people_worker_idx ON people (current_worker_id) WHERE current_worker_id IS NOT NULL;

CREATE TABLE addresses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people(id),
  line1 text NOT NULL,
  line2 text,
  town text,
  postcode text NOT NULL,
  postcode_key text NOT NULL,
  from_date date,
  to_date date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_person_idx ON addresses (person_id);
CREATE INDEX addresses_postcode_idx ON addresses (postcode_key);

CREATE TABLE relationships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people(id),
  related_person_id uuid NOT NULL REFERENCES people(id),
  type text NOT NULL,
  pair_id uuid NOT NULL,
  from_date date,
  to_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id <> related_person_id)
);
CREATE INDEX relationships_person_idx ON relationships (person_id);
CREATE INDEX relationships_related_idx ON relationships (related_person_id);
CREATE INDEX relationships_pair_idx ON relationships (pair_id);

CREATE TABLE households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);

CREATE TABLE household_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES households(id),
  person_id uuid NOT NULL REFERENCES people(id),
  from_date date,
  to_date date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_members_household_idx ON household_members (household_id);
CREATE INDEX household_members_person_idx ON household_members (person_id);

CREATE TABLE access_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  person_id uuid NOT NULL REFERENCES people(id),
  purpose text NOT NULL,
  granted_by uuid REFERENCES users(id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX access_grants_user_idx ON access_grants (user_id, person_id);

CREATE TABLE restricted_access (
  person_id uuid NOT NULL REFERENCES people(id),
  user_id uuid NOT NULL REFERENCES users(id),
  granted_by uuid REFERENCES users(id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, user_id)
);
`;
