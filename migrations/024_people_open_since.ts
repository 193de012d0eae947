/**
 * The team work page lists the children with an open episode and no worker, in the manager's team and
 * in no team at all (P5). Finding them from the episodes meant looking at every open episode, or at
 * every person with no team (most adults, every closed case): tens of thousands of rows in a large
 * authority on every visit to the page.
 *
 * So each person now carries `open_since`, the start of their earliest open episode (null when none is
 * open), kept by the database itself whenever episodes are added, closed, moved (a merge) or removed,
 * as the search fields are. The children waiting are then a short range of one partial index, already
 * in the list's order (longest waiting first, then by name).
 *
 * The triggers run once per statement, so a seed loading thousands of episodes updates each person
 * once. They lock the people concerned in id order before changing them: a transaction that writes an
 * episode has locked the person already (docs/architecture.md, lock order), and two that write
 * episodes for the same children wait for each other instead of deadlocking.
 */
export const up = /* sql */ `
ALTER TABLE people ADD COLUMN open_since date;

UPDATE people p SET open_since = o.since
FROM (SELECT person_id, min(start_date) AS since FROM episodes WHERE end_date IS NULL GROUP BY person_id) o
WHERE o.person_id = p.id;

CREATE FUNCTION people_refresh_open_since(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM people WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE people p SET open_since = s.since
  FROM (SELECT i.id, (SELECT min(e.start_date) FROM episodes e WHERE e.person_id = i.id AND e.end_date IS NULL) AS since
        FROM unnest(ids) AS i(id)) s
  WHERE p.id = s.id AND p.open_since IS DISTINCT FROM s.since;
END $$;

CREATE FUNCTION episodes_refresh_open_since() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_refresh_open_since(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM people_refresh_open_since(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  ELSE
    PERFORM people_refresh_open_since(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.person_id IS DISTINCT FROM o.person_id OR n.start_date IS DISTINCT FROM o.start_date OR n.end_date IS DISTINCT FROM o.end_date
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.person_id IS DISTINCT FROM o.person_id));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER episodes_open_since_insert AFTER INSERT ON episodes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION episodes_refresh_open_since();
CREATE TRIGGER episodes_open_since_update AFTER UPDATE ON episodes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION episodes_refresh_open_since();
CREATE TRIGGER episodes_open_since_delete AFTER DELETE ON episodes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION episodes_refresh_open_since();

CREATE INDEX people_waiting_idx ON people (current_team_id, open_since, last_name, first_name, id)
  WHERE current_worker_id IS NULL AND open_since IS NOT NULL;
`;
