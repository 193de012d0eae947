import { describe, expect, it } from 'vitest';
import { fieldLabel, leafText } from './labels';

describe('a revision comparison in the words of the form (A10)', () => {
  it('shows each stored choice by the words the form showed', () => {
    expect(leafText('s20', ['decision', 'accommodation'])).toBe('Yes, with the parents’ agreement (section 20)');
    expect(leafText('strategy-discussion', ['decision', 'outcome'])).toBe('Strategy discussion and section 47 enquiry');
    expect(leafText('3B', ['decision', 'factors', 0])).toBe('3B: Domestic abuse: a parent or carer');
    expect(leafText('18A', ['decision', 'factors', 2])).toBe('18A: physical abuse (a code no longer used)');
    expect(leafText('N1', ['decision', 'primaryNeed'])).toBe('Abuse, neglect and exploitation');
    expect(leafText('yes', ['decision', 's47'])).toBe('Yes');
    expect(leafText('no', ['developmental-needs', 'inEducation'])).toBe('No');
    expect(fieldLabel(['inEducation'])).toBe('In education');
    expect(leafText('three-houses', ['voices', 'child', 'tools', 0])).toBe('Three houses');
    expect(leafText('opinion', ['developmental-needs', 'dimensions', 'health', 'worries', 1, 'kind'])).toBe('Opinion');
    expect(leafText('family', ['analysis', 'scaling', 0, 'who'])).toBe('Family member');
    expect(leafText('COMM', ['identity', 'disabilities', 0])).toBe('Communication');
    expect(leafText('s20', ['homelessness', 'duty'])).toBe('Accommodation under section 20');
    expect(leafText('at-risk', ['homelessness', 'housingSituation'])).toBe('At risk of becoming homeless');
    expect(leafText('declined', ['homelessness', 'advocate'])).toBe('An advocate was offered, but they did not want one');
  });

  it('shows dates as dates, ticks as yes or no, a person link in words, and anything else as it was written', () => {
    expect(leafText('2026-03-04', ['voices', 'child', 'heardOn'])).toBe('4 March 2026');
    expect(leafText(true, ['homelessness', 'toldAboutAccommodation'])).toBe('Yes');
    expect(leafText(7, ['analysis', 'scaling', 0, 'score'])).toBe('7');
    expect(leafText('0b3f6c1e-0000-4000-8000-000000000001', ['voices', 'adults', 0, 'personId'])).toBe('Linked to a person’s record in Hearth');
    // Free text that happens to match a stored value is the worker's words, shown as written.
    expect(leafText('s20', ['decision', 'reasons'])).toBe('s20');
    expect(leafText('no longer a code', ['decision', 'factors', 0])).toBe('no longer a code');
    expect(leafText(null, ['decision', 'outcome'])).toBe('');
  });

  it('says what affects a parent’s parenting in a specialist assessment in words', () => {
    expect(fieldLabel(['adults', 0, 'affectedBy', 1])).toBe('Parents and carers › Item 1 › What affects their parenting › Item 2');
    expect(leafText('mental-ill-health', ['parenting-capacity', 'adults', 0, 'affectedBy', 0])).toBe('Mental ill health');
    expect(leafText('substance-misuse', ['parenting-capacity', 'adults', 1, 'affectedBy', 0])).toBe('Substance misuse (drugs or alcohol)');
    expect(leafText('domestic-abuse', ['parenting-capacity', 'adults', 0, 'affectedBy', 2])).toBe('Domestic abuse');
    expect(leafText('learning-disability', ['parenting-capacity', 'adults', 0, 'affectedBy', 3])).toBe('Learning disability');
  });

  it('names the manager’s checklist items as the checklist does', () => {
    expect(fieldLabel(['items', 'childSeenAlone', 'ticked'])).toBe('Checklist items › The child was seen alone and their views recorded › Ticked');
  });
});
