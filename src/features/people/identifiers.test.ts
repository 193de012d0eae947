import { describe, expect, it } from 'vitest';
import { normalisePostcode, normaliseUpn } from './identifiers';

describe('postcodes', () => {
  it('reads UK postcodes typed in any case, with or without the space', () => {
    expect(normalisePostcode('ls1 4ab')).toEqual({ key: 'LS14AB', display: 'LS1 4AB' });
    expect(normalisePostcode(' sw1a1aa ')).toEqual({ key: 'SW1A1AA', display: 'SW1A 1AA' });
    expect(normalisePostcode('M60 1NW')).toEqual({ key: 'M601NW', display: 'M60 1NW' });
    expect(normalisePostcode('EC1A  1BB')).toEqual({ key: 'EC1A1BB', display: 'EC1A 1BB' });
  });
  it('refuses things that are not postcodes', () => {
    for (const bad of ['', 'LS1', '12345', 'LS1 4A', 'not a postcode', 'LS1 4AB X']) expect(normalisePostcode(bad)).toBeNull();
  });
});

describe('unique pupil numbers', () => {
  it('accepts a letter and 12 digits, or a letter, 11 digits and a letter', () => {
    expect(normaliseUpn('a123456789012')).toBe('A123456789012');
    expect(normaliseUpn('A12345678901B')).toBe('A12345678901B');
    expect(normaliseUpn(' A 1234 5678 9012 ')).toBe('A123456789012');
  });
  it('refuses other shapes', () => {
    for (const bad of ['', '1123456789012', 'A12345678901', 'A1234567890123', 'AB2345678901C', 'A12345678901I', 'A12345678901O', 'A12345678901S']) {
      expect(normaliseUpn(bad)).toBeNull();
    }
  });
});
