/**
 * Team names are unique whatever their capitals ("North" and "north" are one name), in the
 * database and not only in the check before a write: two administrators adding (or renaming to) the
 * same name at the same moment both pass the check, and the index now refuses the second, which
 * Hearth answers as "there is already a team with this name".
 *
 * Teams that already differ only in capitals (possible before, from two adds at the same moment)
 * keep their ids and history; every one but the oldest gets a number after its name ("north (2)"),
 * and its version moves on, so a form read before the change is refused as stale. An administrator
 * can then rename or close it.
 *
 * The case-sensitive UNIQUE (name) of migration 001 goes: the new index covers it. Without it, a
 * rename no longer changes a column a foreign key could use, so it locks the team's row "for no key
 * update" and never waits on (or blocks) rows being written that refer to the team.
 */
export const up = /* sql */ `
UPDATE teams t SET name = t.name || ' (' || d.n || ')', version = t.version + 1
FROM (SELECT id, row_number() OVER (PARTITION BY lower(name) ORDER BY created_at, id) AS n FROM teams) d
WHERE d.id = t.id AND d.n > 1;

CREATE UNIQUE INDEX teams_name_lower_idx ON teams (lower(name));
ALTER TABLE teams DROP CONSTRAINT IF EXISTS teams_name_key;
`;
