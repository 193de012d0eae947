import { describe, expect, it } from 'vitest';
import { authorisationProblems, contentSectionsFor, sectionProblems, submissionProblems } from './assessmentChecks';
import { readContent, type AssessmentContent } from './assessmentContent';
import { authorisationBlockers, type AssessmentFacts } from './assessmentReadiness';
import { sectionApplies, sectionsFor } from './assessmentSections';
import { DUTY_MISSING, emptyHomelessness, homelessnessProblems, homelessnessSchema, TOLD_ABOUT_S20, type HomelessnessContent } from './homelessness';
import { completeAssessmentContent } from '../../test/helpers/assessmentContent';

const HOMELESS = 'homelessness-16-17';

/** A young person told to leave home, assessed with housing, who wants and gets section 20 accommodation. */
const section = (extra: Partial<HomelessnessContent> = {}): HomelessnessContent => ({
  circumstances: 'Jade (16) was told to leave by her stepfather after an argument. She has slept at two friends’ houses this week',
  housingSituation: 'homeless',
  housingInvolved: 'yes',
  housingOfficer: 'Amir Shah',
  housingTeam: 'Housing Options, Hill Council',
  housingContactedOn: '2025-03-03',
  jointWork: 'We met Jade together at the civic centre and agreed who does what',
  housingNotInvolvedReason: null,
  toldAboutAccommodation: true,
  toldAboutHousingHelp: true,
  toldOn: '2025-03-04',
  howExplained: 'We used the council’s leaflet for young people and went through it with her, with her advocate there',
  advocate: 'used',
  advocateName: 'Kim Lee, Coram Voice',
  advocateNotOfferedReason: null,
  wishes: '“I want somewhere safe to live and I want help when I am 18”',
  wantsAccommodation: 'yes',
  duty: 's20',
  dutyReasons: 'Jade is a child in need who needs accommodation: she cannot go home and there is no family member who can have her',
  completed: true,
  ...extra,
});

/** A complete homelessness assessment: the standard sections, the young person accommodated under section 20. */
const content = (extra: Partial<HomelessnessContent> = {}): AssessmentContent => {
  const c = completeAssessmentContent();
  return { ...c, homelessness: section(extra), decision: { ...c.decision!, accommodation: 's20' } };
};
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('the homelessness section belongs to the homelessness assessment only', () => {
  it('is a section of a 16 or 17-year-old homelessness assessment, before the decision', () => {
    expect(sectionApplies('homelessness', HOMELESS)).toBe(true);
    expect(sectionsFor(HOMELESS).map((s) => s.key).slice(-4)).toEqual(['analysis', 'homelessness', 'decision', 'checklist']);
    expect(contentSectionsFor(HOMELESS)).toContain('homelessness');
  });

  it('is not a section of any other kind of assessment, so they are not asked for it', () => {
    for (const variant of ['standard', 'pre-birth', 'early-help', 'specialist']) {
      expect(sectionApplies('homelessness', variant), variant).toBe(false);
      expect(sectionsFor(variant).map((s) => s.key)).not.toContain('homelessness');
      expect(sectionApplies('decision', variant)).toBe(true);
    }
    expect(authorisationProblems(completeAssessmentContent(), { variant: 'standard' })).toEqual([]);
    expect(sectionApplies('not-a-section', 'standard')).toBe(false);
  });

  it('is read back from the stored content, and left out when it does not fit', () => {
    expect(readContent({ homelessness: section() }).homelessness).toEqual(section());
    expect(readContent({ homelessness: { ...section(), duty: 'somewhere' } }).homelessness).toBeUndefined();
    expect(homelessnessSchema.safeParse(emptyHomelessness()).success).toBe(true);
  });
});

describe('what the homelessness section needs before it is completed', () => {
  it('passes a complete section', () => {
    expect(homelessnessProblems(section(), content().decision, { complete: true })).toEqual([]);
    expect(sectionProblems('homelessness', content(), { variant: HOMELESS })).toEqual([]);
  });

  it('asks for every answer of an empty section, in the order of the page', () => {
    expect(fields(homelessnessProblems(emptyHomelessness(), undefined, { complete: true }))).toEqual([
      'circumstances',
      'housingSituation',
      'housingInvolved',
      'toldAboutAccommodation',
      'toldAboutHousingHelp',
      'toldOn',
      'howExplained',
      'advocate',
      'wishes',
      'wantsAccommodation',
      'duty',
      'dutyReasons',
    ]);
    expect(fields(homelessnessProblems(undefined, undefined, { complete: true }))).toEqual(fields(homelessnessProblems(emptyHomelessness(), undefined, { complete: true })));
    // A save in progress is not asked for what is missing.
    expect(homelessnessProblems(emptyHomelessness(), undefined, { complete: false })).toEqual([]);
  });

  it('needs who in housing, when and what was done together, or why housing was not involved', () => {
    expect(fields(homelessnessProblems(section({ housingOfficer: ' ', housingContactedOn: null, jointWork: null }), undefined, { complete: true }))).toEqual(['housingOfficer', 'housingContactedOn', 'jointWork']);
    const notInvolved = section({ housingInvolved: 'no', housingOfficer: null, housingContactedOn: null, jointWork: null });
    expect(fields(homelessnessProblems(notInvolved, undefined, { complete: true }))).toEqual(['housingNotInvolvedReason']);
    expect(homelessnessProblems({ ...notInvolved, housingNotInvolvedReason: 'Housing would not take part until she is 17' }, undefined, { complete: true })).toEqual([]);
  });

  it('needs the advocate’s name when there was one, and the reason when none was offered', () => {
    expect(fields(homelessnessProblems(section({ advocateName: null }), undefined, { complete: true }))).toEqual(['advocateName']);
    expect(fields(homelessnessProblems(section({ advocate: 'not-offered', advocateName: null }), undefined, { complete: true }))).toEqual(['advocateNotOfferedReason']);
    expect(homelessnessProblems(section({ advocate: 'declined', advocateName: null }), undefined, { complete: true })).toEqual([]);
  });

  it('says in plain words that the young person must be told about section 20, and links to the question', () => {
    const problems = homelessnessProblems(section({ toldAboutAccommodation: false }), undefined, { complete: true });
    expect(problems).toEqual([{ section: 'homelessness', field: 'toldAboutAccommodation', message: TOLD_ABOUT_S20 }]);
  });
});

describe('the duty owed must follow from the young person’s situation and wishes', () => {
  const dutyMessages = (extra: Partial<HomelessnessContent>, decision = content().decision) => homelessnessProblems(section(extra), decision, { complete: false }).map((p) => `${p.field}: ${p.message}`);

  it('refuses section 20 accommodation the young person does not want (it needs their agreement at 16 or 17)', () => {
    expect(dutyMessages({ wantsAccommodation: 'no' })).toEqual([
      'duty: The young person does not want to be accommodated under section 20, and it needs their agreement. Change the duty owed, or what they want',
    ]);
    expect(dutyMessages({ wantsAccommodation: 'unsure' })).toEqual([]);
  });

  it('refuses to send a homeless young person who wants accommodation to housing instead (Southwark)', () => {
    const decision = { ...content().decision!, accommodation: 'no' };
    expect(dutyMessages({ duty: 'housing-referral' }, decision)).toEqual([
      'duty: The young person is homeless and wants to be accommodated: they must be offered accommodation under section 20, not referred to housing instead. Change the duty owed',
    ]);
    // Told what it means and still saying no, they may be referred to housing.
    expect(dutyMessages({ duty: 'housing-referral', wantsAccommodation: 'no' }, decision)).toEqual([]);
    // At risk but not yet homeless, with help to stay at home.
    expect(dutyMessages({ duty: 'cin-support', housingSituation: 'at-risk' }, decision)).toEqual([]);
  });

  it('owes a young person who is homeless or at risk at least a referral to housing', () => {
    const decision = { ...content().decision!, childInNeed: 'no' as const, accommodation: 'no', outcome: 'nfa' as const };
    expect(fields(homelessnessProblems(section({ duty: 'none', housingSituation: 'at-risk', wantsAccommodation: 'no' }), decision, { complete: false }))).toEqual(['duty']);
    expect(homelessnessProblems(section({ duty: 'none', housingSituation: 'not-homeless', wantsAccommodation: 'no' }), decision, { complete: false })).toEqual([]);
  });

  it('must agree with the decision section on accommodation and on being a child in need', () => {
    const decision = content().decision!;
    expect(fields(homelessnessProblems(section(), { ...decision, accommodation: 'no' }, { complete: false }))).toEqual(['duty']);
    expect(fields(homelessnessProblems(section({ duty: 'cin-support' }), decision, { complete: false }))).toEqual(['duty']);
    expect(fields(homelessnessProblems(section({ duty: 'cin-support' }), { ...decision, accommodation: 'no', childInNeed: 'no' }, { complete: false }))).toEqual(['duty']);
    expect(homelessnessProblems(section({ duty: 'cin-support' }), { ...decision, accommodation: 'no' }, { complete: false })).toEqual([]);
    // A decision not yet answered is not compared.
    expect(homelessnessProblems(section(), { ...decision, accommodation: null, childInNeed: null }, { complete: false })).toEqual([]);
    expect(homelessnessProblems(section(), undefined, { complete: true })).toEqual([]);
  });
});

describe('sending and authorising a homelessness assessment', () => {
  const facts = (extra: Partial<AssessmentFacts> = {}): AssessmentFacts => ({
    variant: HOMELESS,
    plan: { aims: 'Find out where Jade can live safely', seen: [{ who: 'Jade' }], interpreter: 'not-needed', consent: 'given', completed: true },
    today: '2025-02-03',
    dueOn: '2025-03-10',
    lateReason: null,
    checkpoints: [{ day: 10, dueOn: '2025-01-20', decision: 'full-assessment' }],
    ...extra,
  });

  it('is authorised when the section is complete', () => {
    expect(authorisationBlockers(content(), facts())).toEqual([]);
  });

  it('is refused while the duty decision is missing', () => {
    const problems = authorisationBlockers(content({ duty: null, completed: false }), facts());
    expect(problems).toContainEqual({ section: 'homelessness', field: 'duty', message: DUTY_MISSING });
    expect(problems).toContainEqual({ section: 'homelessness', field: 'completed', message: 'Mark this section as completed' });
  });

  it('is refused while there is no record that the young person was told about section 20, even if the section says it is completed', () => {
    const problems = authorisationBlockers(content({ toldAboutAccommodation: false }), facts());
    expect(problems).toEqual([{ section: 'homelessness', field: 'toldAboutAccommodation', message: TOLD_ABOUT_S20 }]);
  });

  it('is refused, and not sent, with no homelessness section at all', () => {
    const withoutIt = { ...content(), homelessness: undefined };
    expect(fields(authorisationBlockers(withoutIt, facts()).filter((p) => p.section === 'homelessness'))).toContain('duty');
    expect(fields(submissionProblems(withoutIt, { variant: HOMELESS }))).toContain('toldAboutAccommodation');
    // The same content is fine for a standard assessment, which has no such section.
    expect(authorisationBlockers(withoutIt, facts({ variant: 'standard' }))).toEqual([]);
  });
});
