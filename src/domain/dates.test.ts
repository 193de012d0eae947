import { describe, expect, it } from 'vitest';
import { ageFrom, dateFromParts, formatDate, isValidIsoDate } from './dates';

describe('calendar dates', () => {
  it('accepts only real dates', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('24-01-01')).toBe(false);
  });
  it('builds a date from GOV.UK date input parts', () => {
    expect(dateFromParts('3', '7', '2019')).toBe('2019-07-03');
    expect(dateFromParts('31', '6', '2019')).toBeNull();
    expect(dateFromParts('', '6', '2019')).toBeNull();
    expect(dateFromParts(['1'], '6', '2019')).toBeNull();
  });
  it('formats dates the GOV.UK way', () => {
    expect(formatDate('2024-01-05')).toBe('5 January 2024');
  });
  it('gives ages in years, or months for babies', () => {
    expect(ageFrom('2010-06-15', '2024-06-14')).toBe('13 years');
    expect(ageFrom('2010-06-15', '2024-06-15')).toBe('14 years');
    expect(ageFrom('2024-01-10', '2024-06-15')).toBe('5 months');
    expect(ageFrom('2025-01-10', '2024-06-15')).toBe('not yet born');
  });
});
