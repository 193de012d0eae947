/**
 * The single Child and Family Assessment (A1-A11). The assessment's content lives in `content`
 * (JSON, one key per section, each section's shape checked by its zod schema in the app); every save
 * is a numbered revision with a full copy of the content, so any two revisions can be compared.
 */
export const up = /* sql */ `
CREATE TABLE assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES people(id),
  referral_id uuid REFERENCES referrals(id),
  episode_id uuid REFERENCES episodes(id),
  carried_from_id uuid REFERENCES assessments(id),
  variant text NOT NULL CHECK (variant IN ('standard','pre-birth','homelessness-16-17','early-help','specialist')),
  status text NOT NULL DEFAULT 'in-progress' CHECK (status IN ('in-progress','awaiting-authorisation','authorised')),
  referral_date date NOT NULL,
  started_on date NOT NULL,
  due_on date NOT NULL,
  worker_id uuid REFERENCES users(id),
  team_id uuid REFERENCES teams(id),
  content jsonb NOT NULL DEFAULT '{}'::jsonb,
  revision integer NOT NULL DEFAULT 0,
  late_reason text,
  submitted_at timestamptz,
  authorised_on date,
  authorised_by uuid REFERENCES users(id),
  review_due_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'authorised' OR (authorised_on IS NOT NULL AND authorised_by IS NOT NULL))
);
CREATE INDEX assessments_child_idx ON assessments (child_id, started_on DESC);
CREATE INDEX assessments_worker_open_idx ON assessments (worker_id, due_on) WHERE status <> 'authorised';
CREATE INDEX assessments_team_open_idx ON assessments (team_id, due_on) WHERE status <> 'authorised';
CREATE INDEX assessments_review_idx ON assessments (review_due_on) WHERE status = 'authorised';
CREATE INDEX assessments_referral_idx ON assessments (referral_id) WHERE referral_id IS NOT NULL;

CREATE TABLE assessment_revisions (
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  revision integer NOT NULL,
  section text NOT NULL,
  content jsonb NOT NULL,
  changed_fields text[] NOT NULL DEFAULT '{}',
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, revision)
);

CREATE TABLE assessment_checkpoints (
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  day integer NOT NULL,
  due_on date NOT NULL,
  decision text,
  reasons text,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  PRIMARY KEY (assessment_id, day)
);
CREATE INDEX assessment_checkpoints_due_idx ON assessment_checkpoints (due_on) WHERE decision IS NULL;

CREATE TABLE assessment_review_prompts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  reason text NOT NULL,
  origin_type text,
  origin_id uuid,
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id),
  resolution text CHECK (resolution IN ('updated','no-change')),
  note text
);
CREATE INDEX assessment_review_prompts_open_idx ON assessment_review_prompts (assessment_id) WHERE resolved_at IS NULL;

CREATE TABLE assessment_family_versions (
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  audience text NOT NULL CHECK (audience IN ('family','child')),
  text text NOT NULL,
  language text NOT NULL DEFAULT 'English',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (assessment_id, audience)
);

CREATE TABLE assessment_sharing (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessments(id),
  audience text NOT NULL CHECK (audience IN ('family','child','referrer')),
  shared_on date,
  method text,
  shared_with text,
  language text,
  format text,
  not_shared_reason text,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (shared_on IS NOT NULL OR not_shared_reason IS NOT NULL)
);
CREATE INDEX assessment_sharing_assessment_idx ON assessment_sharing (assessment_id);
`;
