/**
 * The search fields of a person are kept by the database itself, so every way a person is written
 * (the app, the seeders, a merge) fills them the same: a lower-case, accent-free name line for
 * trigram search, and Double Metaphone codes of the first and last names for names that sound alike.
 */
export const up = /* sql */ `
ALTER TABLE people ADD COLUMN first_sound text NOT NULL DEFAULT '';

CREATE FUNCTION people_search_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_name := lower(unaccent(concat_ws(' ', NEW.first_name, NEW.middle_names, NEW.last_name,
    NEW.known_as, array_to_string(NEW.former_names, ' '))));
  NEW.name_sound := coalesce(dmetaphone(unaccent(NEW.last_name)), '');
  NEW.first_sound := coalesce(dmetaphone(unaccent(NEW.first_name)), '');
  RETURN NEW;
END $$;

CREATE TRIGGER people_search_fields BEFORE INSERT OR UPDATE OF first_name, middle_names, last_name, known_as, former_names
  ON people FOR EACH ROW EXECUTE FUNCTION people_search_fields();

CREATE INDEX people_first_sound_idx ON people (first_sound);
`;
