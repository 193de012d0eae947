import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from './nhsNumber';

describe('NHS numbers', () => {
  it('accepts real-format numbers whose check digit is right', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('9876543210')).toBe(true);
  });

  it('refuses numbers whose check digit is wrong', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('4010232138')).toBe(false);
  });

  it('refuses a stem whose check digit would be 10', () => {
    expect(nhsCheckDigit('000000001')).toBe(9);
    // 1*10 + 2*9 + ... + 9*2 = 210, remainder 1, so the check digit would be 10: no NHS number starts like this.
    expect(nhsCheckDigit('123456789')).toBeNull();
    for (let d = 0; d <= 9; d += 1) expect(isValidNhsNumber(`123456789${d}`)).toBe(false);
  });

  it('refuses anything that is not ten digits', () => {
    for (const bad of ['', '943476591', '94347659190', '94347659 1a', 'abcdefghij', '943-476-591x']) {
      expect(isValidNhsNumber(bad)).toBe(false);
    }
  });

  it('reads numbers typed with spaces or hyphens, and shows them in 3-3-4 groups', () => {
    expect(normaliseNhsNumber(' 943 476 5919 ')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943 476 591')).toBeNull();
    expect(normaliseNhsNumber('943 476 591x')).toBeNull();
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber(null)).toBe('');
  });

  const stem = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));

  it('always accepts a 9-digit stem followed by its computed check digit', () => {
    fc.assert(
      fc.property(stem, (s) => {
        const check = nhsCheckDigit(s);
        fc.pre(check !== null);
        expect(isValidNhsNumber(`${s}${check}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a valid number with one digit changed', () => {
    fc.assert(
      fc.property(stem, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (s, position, shift) => {
        const check = nhsCheckDigit(s);
        fc.pre(check !== null);
        const digits = `${s}${check}`.split('').map(Number);
        digits[position] = ((digits[position] ?? 0) + shift) % 10;
        expect(isValidNhsNumber(digits.join(''))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
