import { describe, expect, it } from 'vitest';
import {
  choiceLabel,
  harmSuspected,
  PARENTAL_ISSUES,
  isSectionCompleted,
  readContent,
  reviewDueOn,
  statementsOf,
} from './assessmentContent';
import { completeAssessmentContent, filled, PERSON, statement, triangle, view } from '../../test/helpers/assessmentContent';
import { authorisationProblems, checklistProblems, decisionProblems, problemHref, sectionProblems, submissionProblems } from './assessmentChecks';

const complete = completeAssessmentContent;
const standard = { variant: 'standard' };
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('reading stored content', () => {
  it('keeps sections that fit their schema and drops those that do not', () => {
    const content = readContent({ ...complete(), identity: { ethnicity: 'NOT-A-CODE' }, plan: { anything: true } });
    expect(content.identity).toBeUndefined();
    expect(content.decision?.outcome).toBe('cin-plan');
    expect(readContent(null)).toEqual({});
    expect(readContent('a string')).toEqual({});
  });

  it('says whether a section is marked completed', () => {
    expect(isSectionCompleted(complete(), 'voices')).toBe(true);
    expect(isSectionCompleted({ voices: { completed: 'yes' } }, 'voices')).toBe(false);
    expect(isSectionCompleted({}, 'voices')).toBe(false);
  });

  it('lists the statements of a triangle section with their dimension, including each adult in a specialist assessment', () => {
    const section = { ...triangle('parenting-capacity'), adults: [{ personId: PERSON, name: 'Jo Parent', relationship: 'Mother', dimensions: { basicCare: { strengths: [], worries: [statement('No food in the house')], notAssessedReason: null } } }] };
    const found = statementsOf(section, 'parenting-capacity');
    expect(found).toHaveLength(7);
    expect(found.at(-1)).toMatchObject({ adult: 'Jo Parent', kind: 'worry', dimension: { key: 'basicCare' } });
  });

  it('reads what affects each adult’s parenting in a specialist assessment, as nothing when saved before it was asked', () => {
    const adult = { personId: PERSON, name: 'Jo Parent', relationship: 'Mother', dimensions: {} };
    const before = readContent({ 'parenting-capacity': { ...triangle('parenting-capacity'), adults: [adult] } });
    expect(before['parenting-capacity']!.adults![0]!.affectedBy).toEqual([]);
    const now = readContent({ 'parenting-capacity': { ...triangle('parenting-capacity'), adults: [{ ...adult, affectedBy: ['domestic-abuse', 'learning-disability'] }] } });
    expect(now['parenting-capacity']!.adults![0]!.affectedBy).toEqual(['domestic-abuse', 'learning-disability']);
    // A value that is not one of the four is not trusted.
    expect(readContent({ 'parenting-capacity': { ...triangle('parenting-capacity'), adults: [{ ...adult, affectedBy: ['poverty'] }] } })['parenting-capacity']).toBeUndefined();
    expect(PARENTAL_ISSUES.map((c) => c.text)).toEqual(['Mental ill health', 'Substance misuse (drugs or alcohol)', 'Domestic abuse', 'Learning disability']);
    expect(choiceLabel(PARENTAL_ISSUES, 'substance-misuse')).toBe('Substance misuse (drugs or alcohol)');
  });

  it('suspects harm when the decision says section 47, a strategy discussion or emergency action', () => {
    expect(harmSuspected({ s47: 'yes', outcome: null })).toBe(true);
    expect(harmSuspected({ s47: 'no', outcome: 'emergency-action' })).toBe(true);
    expect(harmSuspected({ s47: 'no', outcome: 'cin-plan' })).toBe(false);
    expect(harmSuspected(undefined)).toBe(false);
  });

  it('sets the annual review a year after authorisation', () => {
    expect(reviewDueOn('2025-03-10')).toBe('2026-03-10');
    expect(reviewDueOn('2024-02-29')).toBe('2025-02-28');
    expect(reviewDueOn('2025-12-31')).toBe('2026-12-31');
  });
});

describe('completeness of each section', () => {
  it('passes a complete assessment', () => {
    expect(authorisationProblems(complete(), standard)).toEqual([]);
  });

  it('needs a strength or worry in every dimension of the triangle, or a reason it was not assessed', () => {
    const content = complete();
    content['developmental-needs']!.dimensions.education = { strengths: [], worries: [], notAssessedReason: null };
    expect(sectionProblems('developmental-needs', content, standard)).toEqual([
      { section: 'developmental-needs', field: 'dimensions-education', message: 'Education: add a strength or a worry, or say why it was not assessed' },
    ]);
    content['developmental-needs']!.dimensions.education = { strengths: [], worries: [], notAssessedReason: 'A baby: not yet relevant' };
    expect(sectionProblems('developmental-needs', content, standard)).toEqual([]);
  });

  it('records parenting capacity for each parent or carer in a specialist assessment', () => {
    const content = complete();
    expect(fields(sectionProblems('parenting-capacity', content, { variant: 'specialist' }))).toEqual(['adults']);
    content['parenting-capacity']!.adults = [{ personId: PERSON, name: 'Jo Parent', relationship: null, dimensions: {} }];
    expect(sectionProblems('parenting-capacity', content, { variant: 'specialist' })[0]!.message).toContain('Jo Parent');
    content['parenting-capacity']!.adults[0]!.dimensions.stability = filled();
    expect(sectionProblems('parenting-capacity', content, { variant: 'specialist' })).toEqual([]);
  });

  it('does not ask what affects a parent’s parenting before the section is complete: not every parent has one of the four', () => {
    const content = complete();
    content['parenting-capacity']!.adults = [{ personId: PERSON, name: 'Jo Parent', relationship: null, affectedBy: [], dimensions: { stability: filled() } }];
    expect(sectionProblems('parenting-capacity', content, { variant: 'specialist' })).toEqual([]);
    expect(authorisationProblems(content, { variant: 'specialist' })).toEqual([]);
  });

  it('needs the child’s words (or what was seen), when and whether they were seen alone, except before birth', () => {
    const content = complete();
    content.voices!.child = { words: null, observations: null, heardOn: null, heardBy: null, seenAlone: null, notSeenAloneReason: null, tools: [], toolsOther: null };
    expect(fields(sectionProblems('voices', content, standard))).toEqual(['child-words', 'child-heardOn', 'child-seenAlone']);
    expect(sectionProblems('voices', content, { variant: 'pre-birth' })).toEqual([]);
    content.voices!.child = { ...content.voices!.child, observations: 'Smiled and reached for mum', heardOn: '2025-03-01', seenAlone: 'no' };
    expect(fields(sectionProblems('voices', content, standard))).toEqual(['child-notSeenAloneReason']);
  });

  it('needs every parent’s view or the reason it was not heard, wider family or a reason, and a professional', () => {
    const content = complete();
    content.voices!.adults = [{ ...view('Absent Father'), heard: 'no', view: null, heardOn: null }, { ...view('New Partner'), heard: null }, { ...view('Jo Parent'), view: ' ', heardOn: null }];
    content.voices!.wider = [];
    content.voices!.professionals = [];
    expect(fields(sectionProblems('voices', content, standard))).toEqual([
      'adults-0-notHeardReason',
      'adults-1-heard',
      'adults-2-view',
      'adults-2-heardOn',
      'wider',
      'professionals',
    ]);
    content.voices!.adults = [];
    expect(fields(sectionProblems('voices', content, standard))).toContain('adults');
    content.voices!.widerNotSoughtReason = 'No wider family in this country';
    expect(fields(sectionProblems('voices', content, standard))).not.toContain('wider');
  });

  it('needs ethnicity, history and how they were considered in the analysis and the plan', () => {
    const content = complete();
    content.identity = { ...content.identity!, ethnicity: null, history: '', considered: null };
    expect(fields(sectionProblems('identity', content, standard))).toEqual(['ethnicity', 'history', 'considered']);
  });

  it('needs every part of the analysis and scores from worker, family and a professional', () => {
    const content = complete();
    content.analysis = { ...content.analysis!, capacityToChange: null, scaling: [content.analysis!.scaling[0]!] };
    const problems = sectionProblems('analysis', content, standard);
    expect(fields(problems)).toEqual(['capacityToChange', 'scaling']);
    expect(problems[1]!.message).toBe('Add a 0 to 10 score from the family and another professional');
  });

  it('needs danger statements and safety goals when the decision says section 47', () => {
    const content = complete();
    content.decision = { ...content.decision!, s47: 'yes', outcome: 'strategy-discussion' };
    expect(fields(sectionProblems('analysis', content, standard))).toEqual(['dangerStatements', 'safetyGoals']);
    content.analysis = { ...content.analysis!, dangerStatements: [{ text: 'Mum may be hit again and Lily may see it' }], safetyGoals: [{ text: 'Lily is safe at night' }] };
    expect(sectionProblems('analysis', content, standard)).toEqual([]);
  });
});

describe('the decision', () => {
  const decision = () => complete().decision!;

  it('needs every answer once complete, but not for a draft', () => {
    const empty = { childInNeed: null, s47: null, accommodation: null, outcome: null, reasons: null, factors: [], otherFactor: null, primaryNeed: null, workerAgreed: null, completed: false };
    expect(decisionProblems(empty, { complete: false })).toEqual([]);
    expect(fields(decisionProblems(empty, { complete: true }))).toEqual(['childInNeed', 's47', 'accommodation', 'outcome', 'reasons', 'workerAgrees', 'factors']);
  });

  it('keeps the answers consistent with each other', () => {
    expect(fields(decisionProblems({ ...decision(), s47: 'yes', outcome: 'cin-plan' }, { complete: false }))).toEqual(['outcome']);
    expect(decisionProblems({ ...decision(), s47: 'yes', outcome: 'strategy-discussion' }, { complete: true })).toEqual([]);
    expect(fields(decisionProblems({ ...decision(), childInNeed: 'no', outcome: 'cin-plan' }, { complete: false }))).toEqual(['outcome']);
    expect(fields(decisionProblems({ ...decision(), childInNeed: 'no', accommodation: 's20', outcome: 'nfa', factors: ['21'] }, { complete: false }))).toEqual(['accommodation']);
    expect(fields(decisionProblems({ ...decision(), primaryNeed: null }, { complete: true }))).toEqual(['primaryNeed']);
  });

  it('applies the factor code rules', () => {
    expect(decisionProblems({ ...decision(), factors: ['21', '3B'] }, { complete: false })[0]!.message).toContain('cannot be chosen with other factors');
    expect(decisionProblems({ ...decision(), factors: ['18A'] }, { complete: false })[0]!.message).toContain('18B');
    expect(fields(decisionProblems({ ...decision(), factors: ['20'] }, { complete: true }))).toEqual(['otherFactor']);
    expect(decisionProblems({ ...decision(), childInNeed: 'no', outcome: 'nfa', factors: ['21'], primaryNeed: null }, { complete: true })).toEqual([]);
  });
});

describe('what blocks submission and authorisation', () => {
  it('blocks while a section is not marked completed, linking to the section', () => {
    const content = complete();
    content.voices!.completed = false;
    expect(submissionProblems(content, standard)).toEqual([{ section: 'voices', field: 'completed', message: 'Mark this section as completed' }]);
  });

  it('blocks on what an earlier completed section now lacks (danger statements after a section 47 decision)', () => {
    const content = complete();
    content.decision = { ...content.decision!, s47: 'yes', outcome: 'strategy-discussion' };
    expect(authorisationProblems(content, standard).map((p) => `${p.section}#${p.field}`)).toEqual(['analysis#dangerStatements', 'analysis#safetyGoals']);
  });

  it('needs each checklist item ticked, or unticked with the manager’s reason; submission does not', () => {
    const content = complete();
    content.checklist = { items: { childSeenAlone: { ticked: false, reason: null }, homeVisited: { ticked: false, reason: 'Seen at grandmother’s: the family was moving' } }, comments: null };
    expect(fields(checklistProblems(content))).toEqual(['items-childSeenAlone-reason', 'items-allChildrenSeen-ticked', 'items-parentsSeen-ticked', 'items-analysisComplete-ticked', 'items-evidenceSupports-ticked']);
    expect(authorisationProblems(content, standard)).toHaveLength(5);
    expect(submissionProblems(content, standard)).toEqual([]);
    delete content.checklist;
    expect(authorisationProblems(content, standard)).toHaveLength(6);
  });

  it('lists every missing thing of an empty assessment', () => {
    const problems = authorisationProblems({}, standard);
    for (const section of ['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'decision', 'checklist']) {
      expect(problems.some((p) => p.section === section)).toBe(true);
    }
  });

  it('links a date problem to its day box', () => {
    expect(problemHref({ field: 'child-heardOn' })).toBe('child-heardOn-day');
    expect(problemHref({ field: 'adults-2-heardOn' })).toBe('adults-2-heardOn-day');
    expect(problemHref({ field: 'reasons' })).toBe('reasons');
    // The homelessness section's two dates.
    expect(problemHref({ field: 'toldOn' })).toBe('toldOn-day');
    expect(problemHref({ field: 'housingContactedOn' })).toBe('housingContactedOn-day');
    // A field that only ends in the same letters is not a date.
    expect(problemHref({ field: 'toldAboutAccommodation' })).toBe('toldAboutAccommodation');
    expect(problemHref({ field: 'housingOfficer' })).toBe('housingOfficer');
  });
});
