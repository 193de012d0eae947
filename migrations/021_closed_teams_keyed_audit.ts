/**
 * Two foundation changes (issue 2):
 *
 * - Teams can be closed. A closed team keeps its name and its history (allocations, people who were
 *   in it) but is no longer offered for allocation or for new users. A version number lets an
 *   administrator's rename or close refuse a stale form instead of overwriting someone else's change.
 *
 * - The audit chain is keyed. From the row after the current head, each row's hash is an
 *   HMAC-SHA256 that Hearth works out with a key derived from SECRET_KEY, which the database never
 *   sees: someone who can write to the database (even with the triggers off) can no longer rewrite
 *   rows and recompute the chain. `keyed_from` records the first keyed row; rows before it keep
 *   their plain SHA-256 hashes (audit_row_hash) and are checked as before. The trigger no longer
 *   computes hashes: it checks that each new row follows the head and moves the head on. The text
 *   a keyed hash covers is built by Hearth (src/platform/audit.ts auditRowMessage), not by a
 *   function in the database, which someone with database access could replace.
 */
export const up = /* sql */ `
ALTER TABLE teams ADD COLUMN closed_at timestamptz;
ALTER TABLE teams ADD COLUMN closed_by uuid REFERENCES users(id);
ALTER TABLE teams ADD COLUMN version integer NOT NULL DEFAULT 1;

ALTER TABLE audit_chain_head ADD COLUMN keyed_from bigint;
UPDATE audit_chain_head SET keyed_from = seq + 1 WHERE id = 1;
ALTER TABLE audit_chain_head ALTER COLUMN keyed_from SET NOT NULL;
-- Which key the log is written with (an HMAC of a fixed text, never the key): set by Hearth on the
-- first start after this migration, so that a Hearth with another SECRET_KEY refuses to write.
ALTER TABLE audit_chain_head ADD COLUMN key_id bytea;

-- Each new row must be the next one after the head, chained to it, with its keyed hash already set.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head record;
BEGIN
  SELECT seq, hash INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF NEW.seq IS DISTINCT FROM head.seq + 1 OR NEW.prev_hash IS DISTINCT FROM head.hash
     OR NEW.hash IS NULL OR octet_length(NEW.hash) <> 32 THEN
    RAISE EXCEPTION 'An audit row must be written by Hearth, next in the chain';
  END IF;
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
`;
