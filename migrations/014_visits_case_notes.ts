/**
 * Visits (V1) and case notes (V2). A visit or a note is stored once and linked to every child it
 * concerns (visit_children, case_note_people), with its chronology entry. The ordering columns are
 * copied onto the link rows so that a child's list is one index range scan, and "when was this child
 * last seen" is one probe of a partial index, however long the history: the visits-due lists ask it
 * for every child of a caseload in one query.
 */
export const up = /* sql */ `
CREATE TABLE visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_date date NOT NULL,
  type text NOT NULL CHECK (type IN ('child-in-need','child-protection','looked-after','other')),
  others_seen text,
  observed text,
  analysis text NOT NULL,
  next_steps text,
  chronology_entry_id uuid REFERENCES chronology_entries(id),
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- One row per child the visit concerns: each child gets their own part.
CREATE TABLE visit_children (
  visit_id uuid NOT NULL REFERENCES visits(id),
  person_id uuid NOT NULL REFERENCES people(id),
  visit_date date NOT NULL,
  seen boolean NOT NULL,
  seen_alone boolean,
  not_seen_alone_reason text,
  bedroom_seen text NOT NULL CHECK (bedroom_seen IN ('yes','no','not-applicable')),
  child_words text,
  PRIMARY KEY (visit_id, person_id),
  CHECK (seen OR seen_alone IS NULL),
  CHECK (seen_alone IS NOT FALSE OR not_seen_alone_reason IS NOT NULL),
  CHECK (seen OR not_seen_alone_reason IS NOT NULL)
);
-- A child's visits, newest first (keyset on visit_date, visit_id).
CREATE INDEX visit_children_person_idx ON visit_children (person_id, visit_date, visit_id);
-- The last visit a child was seen in.
CREATE INDEX visit_children_seen_idx ON visit_children (person_id, visit_date) WHERE seen;

CREATE TABLE case_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  occurred_on date NOT NULL,
  type text NOT NULL CHECK (type IN ('phone-call','message','meeting','professional-discussion','home-visit','other')),
  participants text,
  summary text NOT NULL,
  significant boolean NOT NULL DEFAULT false,
  chronology_entry_id uuid REFERENCES chronology_entries(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE case_note_people (
  note_id uuid NOT NULL REFERENCES case_notes(id),
  person_id uuid NOT NULL REFERENCES people(id),
  occurred_on date NOT NULL,
  created_at timestamptz NOT NULL,
  significant boolean NOT NULL DEFAULT false,
  PRIMARY KEY (person_id, note_id)
);
-- A child's case notes, newest first by the date it happened (keyset on occurred_on, created_at, note_id),
-- and the same for significant notes only.
CREATE INDEX case_note_people_order_idx ON case_note_people (person_id, occurred_on, created_at, note_id);
CREATE INDEX case_note_people_significant_idx ON case_note_people (person_id, occurred_on, created_at, note_id) WHERE significant;
CREATE INDEX case_note_people_note_idx ON case_note_people (note_id);

-- Every version of a note: editing keeps its history.
CREATE TABLE case_note_revisions (
  note_id uuid NOT NULL REFERENCES case_notes(id),
  version integer NOT NULL,
  data jsonb NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (note_id, version)
);
`;
