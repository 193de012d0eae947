/**
 * The words of each person's name line now split at anything that is not a letter or a digit, not
 * only at spaces: "brown-smith" is the words "brown" and "smith", and "o'brien" is "o" and "brien".
 * Search matches a nickname, and finds a page of whole-name matches, by these words (migration 022
 * indexed the words split at spaces), so Anna Brown-Smith is found as a Smith like any other, as the
 * trigram search always found her. The old index goes: nothing uses it now.
 */
export const up = /* sql */ `
CREATE INDEX people_name_parts_idx ON people USING gin (regexp_split_to_array(search_name, '[^[:alnum:]]+'));
DROP INDEX IF EXISTS people_name_words_idx;
`;
