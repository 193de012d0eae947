/**
 * Visits can be changed after they are saved, keeping every version (V1), and only a statutory visit
 * in which the child was seen restarts the child's visit clock.
 *
 * - visits gain who changed them last and when; visit_revisions keeps every version (who, when and
 *   the whole visit with each child's part), the first being the visit as it was first saved;
 * - visit_children.counts_for_schedule says whether this visit restarts this child's clock: the
 *   rule lives in src/domain/visitSchedule.ts (countsForVisitSchedule) and is stored with each part,
 *   so "when was this child last visited" stays one probe of a partial index.
 */
export const up = /* sql */ `
ALTER TABLE visits ADD COLUMN updated_at timestamptz;
ALTER TABLE visits ADD COLUMN updated_by uuid REFERENCES users(id);
UPDATE visits SET updated_at = created_at, updated_by = recorded_by;
ALTER TABLE visits ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE visits ALTER COLUMN updated_at SET DEFAULT now();

ALTER TABLE visit_children ADD COLUMN counts_for_schedule boolean;
UPDATE visit_children vc SET counts_for_schedule = (vc.seen AND v.type <> 'other') FROM visits v WHERE v.id = vc.visit_id;
ALTER TABLE visit_children ALTER COLUMN counts_for_schedule SET NOT NULL;
DROP INDEX visit_children_seen_idx;
-- The last visit that restarted a child's visit clock.
CREATE INDEX visit_children_schedule_idx ON visit_children (person_id, visit_date) WHERE counts_for_schedule;

-- Every version of a visit: changing it keeps its history.
CREATE TABLE visit_revisions (
  visit_id uuid NOT NULL REFERENCES visits(id),
  version integer NOT NULL,
  data jsonb NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (visit_id, version)
);
INSERT INTO visit_revisions (visit_id, version, data, changed_by, changed_at)
SELECT v.id, v.version,
       jsonb_build_object('visitDate', v.visit_date::text, 'type', v.type, 'othersSeen', v.others_seen, 'observed', v.observed,
                          'analysis', v.analysis, 'nextSteps', v.next_steps,
                          'children', (SELECT coalesce(jsonb_agg(jsonb_build_object('personId', c.person_id, 'seen', c.seen, 'seenAlone', c.seen_alone,
                                                                   'notSeenAloneReason', c.not_seen_alone_reason, 'bedroomSeen', c.bedroom_seen,
                                                                   'childWords', c.child_words) ORDER BY c.person_id), '[]'::jsonb)
                                       FROM visit_children c WHERE c.visit_id = v.id)),
       v.recorded_by, v.created_at
FROM visits v;
`;
