/**
 * The DfE factor codes a "tell the police now" task was raised for, kept in a column of their own
 * (A13). A decision that later names a crime no earlier task of the same assessment covered raises a
 * new task (features/tasks/raise.ts); before, the codes a task covered were read back from its details
 * text. The column is set only by the rule that raises the task, never by what a person types.
 *
 * The backfill reads the codes of the tasks raised before this migration from their details, in the
 * rule's own words ("The assessment identified … (DfE factor 22A)…" or "The assessment’s decision now
 * names … (DfE factor 22A)…"); details in any other words (a task raised by hand, a chronology
 * incident) cover no code and keep no codes. Run again, it changes nothing.
 */
export const backfill = /* sql */ `
UPDATE tasks SET factors = ARRAY(
    SELECT DISTINCT m[1] FROM regexp_matches(details, '[(]DfE factor ([0-9]{1,2}[A-Z]?)[)]', 'g') AS m ORDER BY 1
  )
  WHERE kind = 'tell-police' AND origin_type = 'assessment' AND factors IS NULL
    AND (details LIKE 'The assessment identified %' OR details LIKE 'The assessment’s decision now names %');
`;

export const up = /* sql */ `
ALTER TABLE tasks ADD COLUMN factors text[];
${backfill}
`;
