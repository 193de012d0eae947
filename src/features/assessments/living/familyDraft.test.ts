import { describe, expect, it } from 'vitest';
import type { AssessmentContent } from '../../../domain/assessmentContent';
import type { HomelessnessContent } from '../../../domain/homelessness';
import { childDraft, familyDraft, familyPlaceholders, fillPlaceholders, placeholderError } from './familyDraft';

const homelessness = (extra: Partial<HomelessnessContent>) =>
  ({ housingSituation: 'homeless', duty: 's20', wantsAccommodation: 'yes', ...extra }) as HomelessnessContent;
const draftFor = (extra: Partial<HomelessnessContent>) => {
  const input = { childName: 'Leah', childAge: 16, workerName: 'Sam Okafor', content: { homelessness: homelessness(extra) } as AssessmentContent };
  return { family: familyDraft(input), child: childDraft(input) };
};

describe('where a homeless young person will live, in the family’s and the young person’s versions', () => {
  it('says they agreed to section 20 only when they did', () => {
    const agreed = draftFor({ wantsAccommodation: 'yes' });
    expect(agreed.family).toContain('Leah agreed to it.');
    expect(agreed.child).toContain('You told us you want a safe place to live, and we agreed.');

    for (const wants of ['unsure', null] as const) {
      const undecided = draftFor({ wantsAccommodation: wants });
      expect(undecided.family).toContain('It is Leah’s choice, and Leah has not said yes yet.');
      expect(undecided.family).not.toContain('agreed to it');
      expect(undecided.child).toContain('It is your choice, and you have not said yes yet.');
      expect(undecided.child).not.toContain('we agreed');
    }
  });

  it('follows the duty owed otherwise', () => {
    expect(draftFor({ duty: 'housing-referral', wantsAccommodation: 'no' }).child).toContain('We have asked the council’s housing team to help you find somewhere to live.');
    expect(draftFor({ duty: null }).child).not.toContain('Where you will live');
  });
});

const professional: AssessmentContent = {
  analysis: {
    riskFactors: 'Domestic abuse by father; maternal low mood; escalating pattern.',
    protectiveFactors: 'Maternal grandmother nearby; good school attendance.',
    goingWell: null,
    worried: null,
    needsToHappen: null,
    scaling: [],
    dangerStatements: [],
    safetyGoals: [],
    hypotheses: 'Disguised compliance is one explanation considered.',
    capacityToChange: 'Limited capacity to change within the child’s timescales.',
    completed: true,
  },
  decision: {
    childInNeed: 'yes',
    s47: 'no',
    accommodation: 'no',
    outcome: 'cin-plan',
    reasons: 'Threshold for s17 met; CIN plan to address DA and parental mental health per Working Together.',
    factors: ['3B', '4B'],
    otherFactor: null,
    primaryNeed: 'N1',
    workerAgreed: null,
    completed: true,
  },
};
const input = (content: AssessmentContent, childAge: number | null = 8) => ({ childName: 'Ellie', childAge, workerName: 'Sam Okafor', content });

describe('the family’s version never copies the professional text (A11)', () => {
  it('leaves out the risk and protective factors, hypotheses, capacity to change and the decision’s reasons, even when the family’s answers are blank', () => {
    for (const draft of [familyDraft(input(professional)), childDraft(input(professional, 14)), childDraft(input(professional, 9)), childDraft(input(professional, 5))]) {
      expect(draft).not.toContain('Domestic abuse by father');
      expect(draft).not.toContain('Maternal grandmother nearby');
      expect(draft).not.toContain('Disguised compliance');
      expect(draft).not.toContain('Limited capacity');
      expect(draft).not.toContain('Threshold');
      expect(draft).not.toContain('Why we decided this:');
    }
  });

  it('says plainly what the worker still needs to write where the family’s answers are blank', () => {
    const draft = familyDraft(input(professional));
    expect(draft).toContain('What is going well\n\n[Write what is going well in words the family will understand]');
    expect(draft).toContain('What we are worried about\n\n[Write what we are worried about in words the family will understand]');
    expect(draft).toContain('What needs to happen\n\n[Write what needs to happen in words the family will understand]');
    expect(familyPlaceholders(draft)).toEqual(['what is going well', 'what we are worried about', 'what needs to happen', 'why we decided this']);
    expect(placeholderError(draft)).toBe('Write what is going well, what we are worried about, what needs to happen and why we decided this in words the family will understand');
  });

  it('uses the family’s answers where they are written, with no placeholder for them', () => {
    const written = { ...professional, analysis: { ...professional.analysis!, goingWell: 'Ellie goes to school every day.', worried: 'Dad hit Mum in March while Ellie was upstairs.', needsToHappen: 'Dad lives somewhere else for now.' } };
    const draft = familyDraft(input(written));
    expect(draft).toContain('What is going well\n\nEllie goes to school every day.');
    expect(draft).toContain('What we are worried about\n\nDad hit Mum in March while Ellie was upstairs.');
    expect(familyPlaceholders(draft)).toEqual(['why we decided this']);
    expect(placeholderError(draft)).toBe('Write why we decided this in words the family will understand');
  });

  it('says what we decided in plain words from the choices made, not the reasons', () => {
    const said = (decision: Partial<NonNullable<AssessmentContent['decision']>>) => familyDraft(input({ ...professional, decision: { ...professional.decision!, ...decision } }));
    expect(said({})).toContain('We will make a child in need plan with you.');
    expect(said({ outcome: 'nfa', childInNeed: 'no' })).toContain('We have decided that Ellie does not need help from children’s social care now');
    expect(said({ outcome: 'early-help', childInNeed: 'yes' })).toContain('We think Ellie is a child in need.');
    expect(said({ outcome: 'cin-plan', s47: 'yes' })).toContain('This is called a child protection enquiry.');
    expect(said({ outcome: 'cin-plan', accommodation: 's20' })).toContain('This is called accommodation under section 20.');
    expect(said({ outcome: 'cin-plan', accommodation: 's31a' })).toContain('under a care order');
    // Not decided yet: nothing to explain, so no placeholder for why.
    const undecided = said({ outcome: null, childInNeed: null });
    expect(undecided).toContain('We have not decided yet. We will tell you as soon as we have.');
    expect(familyPlaceholders(undecided)).not.toContain('why we decided this');
  });

  it('the child’s version for a teenager asks for the same in words the child will understand; a younger child’s has no placeholders', () => {
    const teen = childDraft(input(professional, 14));
    expect(familyPlaceholders(teen)).toEqual(['what is going well', 'what we are worried about', 'why we decided this']);
    expect(placeholderError(teen)).toBe('Write what is going well, what we are worried about and why we decided this in words Ellie will understand');
    expect(teen).toContain('Your family is going to get some extra help.');
    expect(familyPlaceholders(childDraft(input(professional, 5)))).toEqual([]);
    expect(familyPlaceholders(childDraft(input(professional, 9)))).toEqual([]);
  });

  it('finds no placeholder in text the worker wrote, square brackets and all', () => {
    expect(placeholderError('We met you [and Nan] on Monday. Write to us if anything is wrong.')).toBeNull();
    expect(familyPlaceholders('')).toEqual([]);
    // Edited around but left in: still found.
    expect(placeholderError('Hello.\n\nSomething [Write what needs to happen in words the family will understand] here')).toBe('Write what needs to happen in words the family will understand');
  });

  it('fills each placeholder with what is written for it, leaving nothing to write', () => {
    const filled = fillPlaceholders(familyDraft(input(professional)), (what, reader) => `(${what} for ${reader})`);
    expect(familyPlaceholders(filled)).toEqual([]);
    expect(filled).toContain('What we are worried about\n\n(what we are worried about for the family)');
  });
});
