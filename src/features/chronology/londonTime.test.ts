import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDateTime, todayInLondon } from '../../domain/dates';
import { londonDateTime, londonDay } from './londonTime';

describe('London times, formatted once', () => {
  it('agree with the shared date functions, across summer time changes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
        expect(londonDay(at)).toBe(todayInLondon(at));
        expect(londonDateTime(at)).toBe(formatDateTime(at));
      }),
    );
    expect(londonDay(new Date('2025-03-30T23:30:00Z'))).toBe('2025-03-31');
  });
});
