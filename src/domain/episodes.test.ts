import { describe, expect, it } from 'vitest';
import { episodeStartProblem, type PersonForEpisode } from './episodes';

const child = (over: Partial<PersonForEpisode> = {}): PersonForEpisode => ({ name: 'Amara Example', kind: 'child', dateOfBirth: '2015-06-01', expectedDeliveryDate: null, ...over });

describe('when an episode of work may start', () => {
  it('allows every type for a child of the right age, from the day they were born', () => {
    for (const type of ['early-help', 'child-in-need', 'child-protection', 'looked-after'] as const) expect(episodeStartProblem(type, '2015-06-01', child())).toBeNull();
    expect(episodeStartProblem('child-in-need', '2015-05-31', child())?.field).toBe('startDate');
  });

  it('keeps looked after before the 18th birthday and care leaver from the 16th', () => {
    expect(episodeStartProblem('looked-after', '2033-05-31', child())).toBeNull();
    expect(episodeStartProblem('looked-after', '2033-06-01', child())?.field).toBe('type');
    expect(episodeStartProblem('care-leaver', '2031-05-31', child())?.field).toBe('type');
    expect(episodeStartProblem('care-leaver', '2031-06-01', child())).toBeNull();
  });

  it('lets only pre-birth work start for an unborn baby, once the pregnancy could be known', () => {
    const unborn = child({ dateOfBirth: null, expectedDeliveryDate: '2027-02-01' });
    expect(episodeStartProblem('child-protection', '2026-04-27', unborn)).toBeNull();
    expect(episodeStartProblem('child-protection', '2026-04-26', unborn)?.field).toBe('startDate');
    expect(episodeStartProblem('looked-after', '2026-10-01', unborn)?.field).toBe('type');
    expect(episodeStartProblem('care-leaver', '2026-10-01', unborn)?.field).toBe('type');
  });

  it('starts only a care leaver episode for an adult', () => {
    const adult = child({ kind: 'adult', dateOfBirth: '2004-01-01' });
    expect(episodeStartProblem('care-leaver', '2024-01-01', adult)).toBeNull();
    expect(episodeStartProblem('child-in-need', '2024-01-01', adult)?.message).toContain('recorded as an adult');
  });
});
