import { describe, expect, it } from 'vitest';
import type { AssessmentContent } from '../../../domain/assessmentContent';
import type { HomelessnessContent } from '../../../domain/homelessness';
import { childDraft, familyDraft } from './familyDraft';

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
