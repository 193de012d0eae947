/**
 * The reasons an assessment is late, kept for every assessment that has them (A2, A10).
 *
 * Migration 027 copied each assessment's current reasons into assessment_late_reasons only where an
 * audit row said who recorded them; reasons with no such row (all those the demo and scale seeders
 * wrote) were left out, so the first change lost the original wording from the history. This copies
 * in, for every assessment with reasons and no history row yet, its current wording: who and when
 * from the latest audit row that recorded them if there is one, otherwise from whoever last changed
 * the assessment and when. Assessments that already have a history row are left as they are.
 */
export const backfill = /* sql */ `
INSERT INTO assessment_late_reasons (assessment_id, reasons, recorded_by, recorded_at)
  SELECT a.id, a.late_reason, CASE WHEN last.subject_id IS NULL THEN wrote.id ELSE recorded.id END, COALESCE(last.at, a.updated_at)
  FROM assessments a
  LEFT JOIN (SELECT DISTINCT ON (subject_id) subject_id, actor_id, at FROM audit_log
             WHERE action = 'assessment-late-reasons-recorded' AND subject_type = 'assessment'
             ORDER BY subject_id, seq DESC) last ON last.subject_id = a.id::text
  LEFT JOIN users recorded ON recorded.id = last.actor_id
  LEFT JOIN users wrote ON wrote.id = a.updated_by
  WHERE a.late_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM assessment_late_reasons h WHERE h.assessment_id = a.id);
`;

export const up = backfill;
