/**
 * Council settings (G1), the chronology (H1) and tasks (A13). One chronology entry is stored once,
 * with the date it happened and the date it was recorded, and linked to every person it concerns;
 * child and family chronologies are queries over the links.
 */
export const up = /* sql */ `
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE chronology_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  occurred_on date NOT NULL,
  occurred_precision text NOT NULL DEFAULT 'day' CHECK (occurred_precision IN ('day','month','year','approximate')),
  category text NOT NULL,
  summary text NOT NULL,
  significance text NOT NULL DEFAULT 'routine' CHECK (significance IN ('significant','routine')),
  source_kind text NOT NULL DEFAULT 'hearth' CHECK (source_kind IN ('hearth','person','agency')),
  source_name text,
  source_agency text,
  impact text,
  origin_type text NOT NULL DEFAULT 'entry',
  origin_id uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  removed_at timestamptz,
  removed_reason text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX chronology_entries_origin_idx ON chronology_entries (origin_type, origin_id) WHERE origin_id IS NOT NULL;

-- One row per person an entry concerns. The ordering columns are copied here so that a child's or a
-- family's chronology is one index range scan, however long the history.
CREATE TABLE chronology_links (
  entry_id uuid NOT NULL REFERENCES chronology_entries(id),
  person_id uuid NOT NULL REFERENCES people(id),
  occurred_on date NOT NULL,
  recorded_at timestamptz NOT NULL,
  significant boolean NOT NULL DEFAULT false,
  category text NOT NULL,
  PRIMARY KEY (person_id, entry_id)
);
CREATE INDEX chronology_links_order_idx ON chronology_links (person_id, occurred_on DESC, recorded_at DESC, entry_id DESC);
CREATE INDEX chronology_links_entry_idx ON chronology_links (entry_id);

CREATE TABLE chronology_revisions (
  entry_id uuid NOT NULL REFERENCES chronology_entries(id),
  version integer NOT NULL,
  data jsonb NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, version)
);

CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people(id),
  kind text NOT NULL,
  title text NOT NULL,
  details text,
  owner_id uuid REFERENCES users(id),
  team_id uuid REFERENCES teams(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
  origin_type text,
  origin_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  completed_at timestamptz,
  completed_by uuid REFERENCES users(id),
  outcome text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX tasks_person_idx ON tasks (person_id, due_on);
CREATE INDEX tasks_owner_open_idx ON tasks (owner_id, due_on) WHERE status = 'open';
CREATE INDEX tasks_team_open_idx ON tasks (team_id, due_on) WHERE status = 'open';
`;
