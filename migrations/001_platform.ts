/** Users, teams, sessions and the tamper-evident audit log. */
export const up = /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  kind text NOT NULL DEFAULT 'social-work',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('social-worker','early-help','team-manager','partner','cp-chair','qa','admin')),
  team_id uuid REFERENCES teams(id),
  agency text,
  active boolean NOT NULL DEFAULT true,
  password_hash text,
  totp_secret text,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  oidc_subject text UNIQUE,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_team_idx ON users (team_id);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE drafts (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  form_key text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, form_key)
);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  child_id uuid,
  reason text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL
);
CREATE INDEX audit_log_child_idx ON audit_log (child_id, at DESC) WHERE child_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);

CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, sha256(convert_to('hearth-audit-genesis', 'UTF8')));

-- The hash of one audit row: every field that matters, in a fixed order, chained to the row before.
CREATE FUNCTION audit_row_hash(prev bytea, seq bigint, at timestamptz, actor_id uuid, actor_label text,
  action text, subject_type text, subject_id text, child_id uuid, reason text, request_id text, details jsonb)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(prev || convert_to(concat_ws(chr(31), seq::text,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(actor_id::text, ''), actor_label,
    action, subject_type, coalesce(subject_id, ''), coalesce(child_id::text, ''), coalesce(reason, ''),
    coalesce(request_id, ''), details::text), 'UTF8'))
$$;

-- Each new row takes the next number and chains to the head, under a row lock so rows never fork.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head record;
BEGIN
  SELECT seq, hash INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.at := coalesce(NEW.at, now());
  NEW.prev_hash := head.hash;
  NEW.hash := audit_row_hash(head.hash, NEW.seq, NEW.at, NEW.actor_id, NEW.actor_label, NEW.action,
    NEW.subject_type, NEW.subject_id, NEW.child_id, NEW.reason, NEW.request_id, NEW.details);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log cannot be changed or deleted';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`;
