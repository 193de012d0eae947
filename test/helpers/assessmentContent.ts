/** A complete Child and Family Assessment for domain tests: every section filled, every check passes. Tests take one thing away. */
import { DIMENSIONS, type AssessmentContent, type DimensionContent, type TriangleKey } from '../../src/domain/assessmentContent';

export const PERSON = '11111111-2222-4333-8444-555555555555';
export const statement = (text: string) => ({ text, kind: 'fact' as const, source: 'Health visitor', personId: null });
export const filled = (): DimensionContent => ({ strengths: [statement('Attends every appointment')], worries: [], notAssessedReason: null });
export const triangle = (key: TriangleKey) => ({ dimensions: Object.fromEntries(DIMENSIONS[key].map((d) => [d.key, filled()])), completed: true });
export const view = (name: string) => ({ personId: null, name, relationship: 'Mother', livesWithChild: true, heard: 'yes' as const, view: 'I want help with the rent', heardOn: '2025-03-04', notHeardReason: null });

export function completeAssessmentContent(): AssessmentContent {
  return {
    'developmental-needs': triangle('developmental-needs'),
    'parenting-capacity': { ...triangle('parenting-capacity'), adults: [] },
    'family-environment': triangle('family-environment'),
    voices: {
      child: { words: 'I like it when mum walks me to school', observations: null, heardOn: '2025-03-04', heardBy: 'Sam Worker', seenAlone: 'yes', notSeenAloneReason: null, tools: ['three-houses'], toolsOther: null },
      adults: [view('Jo Parent')],
      wider: [view('Pat Grandparent')],
      widerNotSoughtReason: null,
      professionals: [{ name: 'Ann Teacher', agency: 'Hill School', role: 'Class teacher', view: 'Attendance has improved', heardOn: '2025-03-05' }],
      completed: true,
    },
    identity: { ethnicity: 'WBRI', culture: null, religion: null, language: 'English', disabilities: [], disabilityNotes: null, history: 'Moved twice in 2023', considered: 'The plan keeps her at the same school', completed: true },
    analysis: {
      riskFactors: 'Arguments at home',
      protectiveFactors: 'Grandmother nearby',
      goingWell: 'School attendance',
      worried: 'Shouting at night',
      needsToHappen: 'Support for mum',
      scaling: [
        { who: 'worker', name: 'Sam Worker', score: 6, reason: null },
        { who: 'family', name: 'Jo Parent', score: 8, reason: null },
        { who: 'professional', name: 'Ann Teacher', score: 6, reason: null },
      ],
      dangerStatements: [],
      safetyGoals: [],
      hypotheses: 'Stress from debt',
      capacityToChange: 'Mum has asked for help before and used it',
      completed: true,
    },
    decision: { childInNeed: 'yes', s47: 'no', accommodation: 'no', outcome: 'cin-plan', reasons: 'Needs support', factors: ['3B'], otherFactor: null, primaryNeed: 'N4', workerAgreed: { userId: PERSON, name: 'Sam Worker', on: '2025-03-10' }, completed: true },
    checklist: {
      items: Object.fromEntries(['childSeenAlone', 'allChildrenSeen', 'homeVisited', 'parentsSeen', 'analysisComplete', 'evidenceSupports'].map((k) => [k, { ticked: true, reason: null }])),
      comments: null,
    },
  };
}
