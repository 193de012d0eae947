import { describe, expect, it } from 'vitest';
import { checklistEvidence, checklistEvidenceProblems, overrideField, type EvidenceFacts, type VisitEvidence } from './checklistEvidence';
import type { AssessmentContent } from './assessmentContent';
import { completeAssessmentContent } from '../../test/helpers/assessmentContent';

const LILY = '11111111-0000-4000-8000-000000000001';
const KAI = '11111111-0000-4000-8000-000000000002';
const JO = '11111111-0000-4000-8000-000000000003';
const DAN = '11111111-0000-4000-8000-000000000004';

const visits = (childId: string, extra: Partial<VisitEvidence> = {}): VisitEvidence => ({
  childId,
  visits: 2,
  seen: 2,
  seenAlone: 1,
  bedroomSeen: 1,
  withWords: 1,
  lastSeenOn: '2025-03-04',
  lastSeenAloneOn: '2025-03-04',
  lastBedroomSeenOn: '2025-02-20',
  ...extra,
});

/** Lily, her brother Kai at home, her mother Jo and her father Dan (who lives elsewhere): both visited, everyone heard. */
const facts = (extra: Partial<EvidenceFacts> = {}): EvidenceFacts => ({
  from: '2025-02-10',
  child: { id: LILY, name: 'Lily Sections', unborn: false },
  householdChildren: [{ id: KAI, name: 'Kai Sections', relationship: 'brother' }],
  parents: [
    { id: JO, name: 'Jo Sections', relationship: 'mother' },
    { id: DAN, name: 'Dan Elsewhere', relationship: 'father' },
  ],
  visits: [visits(LILY), visits(KAI, { seenAlone: 0, bedroomSeen: 0, withWords: 0 })],
  ...extra,
});

/** The complete assessment with Jo and Dan heard. */
function content(): AssessmentContent {
  const c = completeAssessmentContent();
  const heard = (personId: string, name: string) => ({ personId, name, relationship: null, livesWithChild: null, heard: 'yes' as const, view: 'I want things calmer', heardOn: '2025-03-01', notHeardReason: null });
  c.voices!.adults = [heard(JO, 'Jo Sections'), heard(DAN, 'Dan Elsewhere')];
  return c;
}

describe('the manager’s checklist against the record (A9)', () => {
  it('shows what the record says beside each item, and finds nothing amiss when the record bears every tick out', () => {
    const e = checklistEvidence(content(), facts());
    expect(e.childSeenAlone.says).toEqual([
      'Visits since the assessment began on 10 February 2025: Lily Sections was seen alone once, last on 4 March 2025.',
      'The child’s voice section says they were seen alone.',
      'Their own words are recorded in the child’s voice section and at one visit.',
    ]);
    expect(e.allChildrenSeen.says).toEqual(['Lily Sections: seen 2 times since the assessment began on 10 February 2025, last on 4 March 2025.', 'Kai Sections: seen 2 times since the assessment began on 10 February 2025, last on 4 March 2025.']);
    expect(e.homeVisited.says[0]).toContain('bedroom was seen once, last on 20 February 2025');
    expect(e.parentsSeen.says).toEqual(['Jo Sections (mother): views recorded on 1 March 2025.', 'Dan Elsewhere (father): views recorded on 1 March 2025.']);
    expect(e.analysisComplete.says).toEqual(['The analysis section is complete.']);
    expect(e.evidenceSupports.says).toEqual(['The decision: Child in need plan. Whether the evidence supports it is your judgement.']);
    expect(Object.values(e).flatMap((i) => i.gaps)).toEqual([]);
    expect(checklistEvidenceProblems(content(), facts())).toEqual([]);
  });

  it('“seen alone”: needs a visit recording it, the voice section agreeing, and the child’s own words', () => {
    const noVisit = facts({ visits: [visits(LILY, { seenAlone: 0, lastSeenAloneOn: null, withWords: 0 }), visits(KAI)] });
    expect(checklistEvidence(content(), noVisit).childSeenAlone.gaps).toEqual(['no visit recorded during the assessment says Lily Sections was seen alone']);
    const c = content();
    c.voices!.child = { ...c.voices!.child, seenAlone: 'no', notSeenAloneReason: 'Mum would not leave the room', words: null, observations: null };
    const e = checklistEvidence(c, noVisit).childSeenAlone;
    expect(e.says).toContain('The child’s voice section says they were not seen alone: Mum would not leave the room.');
    expect(e.says).toContain('Their own words are not recorded.');
    expect(e.gaps).toEqual(['no visit recorded during the assessment says Lily Sections was seen alone', 'the child’s voice section says they were not seen alone', 'the child’s own words are not recorded']);
    // Words written down at a visit count.
    c.voices!.child.seenAlone = 'yes';
    expect(checklistEvidence(c, facts()).childSeenAlone.gaps).toEqual([]);
  });

  it('“all children seen”: names each child of the household no visit saw; an unborn child is not expected to be seen', () => {
    const e = checklistEvidence(content(), facts({ visits: [visits(LILY)] }));
    expect(e.allChildrenSeen.says).toContain('Kai Sections: not seen at any visit recorded since the assessment began on 10 February 2025.');
    expect(e.allChildrenSeen.gaps).toEqual(['no visit recorded during the assessment says Kai Sections was seen']);
    const unborn = checklistEvidence(content(), facts({ child: { id: LILY, name: 'Baby Sections', unborn: true }, visits: [visits(KAI)] }));
    expect(unborn.allChildrenSeen.gaps).toEqual([]);
    expect(checklistEvidence(content(), facts({ visits: [] })).allChildrenSeen.gaps).toEqual(['no visit recorded during the assessment says Lily Sections, Kai Sections were seen']);
  });

  it('“home visited”: needs a visit that saw the child’s bedroom', () => {
    const e = checklistEvidence(content(), facts({ visits: [visits(LILY, { bedroomSeen: 0, lastBedroomSeenOn: null }), visits(KAI)] }));
    expect(e.homeVisited.says).toEqual(['No visit recorded since the assessment began on 10 February 2025 says the child’s bedroom was seen (2 visits recorded).']);
    expect(e.homeVisited.gaps).toHaveLength(1);
  });

  it('“parents seen”: names each parent or significant adult whose views are not recorded', () => {
    const c = content();
    c.voices!.adults = [{ ...c.voices!.adults[0]!, heard: 'no', view: null, heardOn: null, notHeardReason: 'Could not be found' }];
    const e = checklistEvidence(c, facts());
    expect(e.parentsSeen.says).toEqual(['Jo Sections (mother): views not heard: Could not be found.', 'Dan Elsewhere (father): no views recorded.']);
    expect(e.parentsSeen.gaps).toEqual(['the views of Jo Sections, Dan Elsewhere are not recorded']);
  });

  it('“analysis complete” and “evidence supports the decision”: the sections must be complete', () => {
    const c = content();
    c.analysis = { ...c.analysis!, completed: false };
    c.decision = { ...c.decision!, completed: false };
    const e = checklistEvidence(c, facts());
    expect(e.analysisComplete.gaps).toEqual(['the analysis section is not complete']);
    expect(e.evidenceSupports.gaps).toEqual(['the decision section is not complete']);
  });

  it('refuses a tick the record does not bear out unless the manager says why, and never an unticked item', () => {
    const bare = facts({ visits: [] });
    const problems = checklistEvidenceProblems(content(), bare);
    expect(problems.map((p) => p.field)).toEqual([overrideField('childSeenAlone'), overrideField('allChildrenSeen'), overrideField('homeVisited')]);
    expect(problems[2]!.message).toBe('Checklist: you ticked ‘The home was visited and the child’s bedroom seen’, but no visit recorded during the assessment says the child’s bedroom was seen. Say why you are satisfied, or change your answer');
    const c = content();
    c.checklist!.items.homeVisited = { ticked: true, reason: 'Seen on a joint visit with the health visitor, recorded as a case note' };
    c.checklist!.items.childSeenAlone = { ticked: false, reason: 'Lily would not talk without her mother' };
    expect(checklistEvidenceProblems(c, bare).map((p) => p.field)).toEqual([overrideField('allChildrenSeen')]);
  });
});
