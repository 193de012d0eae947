import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../domain/workingDays';
import { actionFor, dueOn, educationActionApplies, isSafeguardingKind, schoolAgeEnds, schoolAgeStarts } from './kinds';

describe('safeguarding action due dates', () => {
  it('police: today, even on a Sunday', () => {
    expect(dueOn('tell-police', '2026-03-08', workingCalendar())).toBe('2026-03-08');
  });

  it('education service and National Referral Mechanism: two working days, skipping weekends and bank holidays', () => {
    expect(dueOn('education-service', '2026-03-05', workingCalendar())).toBe('2026-03-09'); // Thursday → Monday
    expect(dueOn('nrm-referral', '2025-12-24', workingCalendar())).toBe('2025-12-30'); // Christmas, Boxing Day and the weekend skipped
    expect(dueOn('nrm-referral', '2026-03-05', workingCalendar(['2026-03-06']))).toBe('2026-03-10'); // a council closure day
  });

  it('a strategy discussion after an escalation: by the next working day', () => {
    expect(dueOn('strategy-discussion', '2026-03-06', workingCalendar())).toBe('2026-03-09'); // Friday → Monday
    expect(actionFor('strategy-discussion')?.title).toBe('Hold a strategy discussion');
    expect(isSafeguardingKind('strategy-discussion')).toBe(false); // not offered on the safeguarding page
  });
});

describe('compulsory school age', () => {
  it('starts on the first prescribed day on or after the fifth birthday', () => {
    expect(schoolAgeStarts('2019-05-14')).toBe('2024-08-31');
    expect(schoolAgeStarts('2019-09-01')).toBe('2024-12-31');
    expect(schoolAgeStarts('2019-01-10')).toBe('2024-03-31');
    expect(schoolAgeStarts('2019-12-31')).toBe('2024-12-31');
  });

  it('ends on the last Friday in June of the school year the child turns 16', () => {
    expect(schoolAgeEnds('2010-05-14')).toBe('2026-06-26');
    expect(schoolAgeEnds('2010-10-02')).toBe('2027-06-25');
  });

  it('the education action applies from school age until 18, when the date of birth is not known, and never before birth', () => {
    expect(educationActionApplies('2022-01-01', '2026-03-01')).toBe(false);
    expect(educationActionApplies('2019-05-14', '2026-03-01')).toBe(true);
    expect(educationActionApplies('2009-01-01', '2026-03-01')).toBe(true);
    expect(educationActionApplies('2008-01-01', '2026-03-01')).toBe(false);
    expect(educationActionApplies(null, '2026-03-01')).toBe(true);
    expect(educationActionApplies(null, '2026-03-01', '2026-05-20')).toBe(false);
  });
});
