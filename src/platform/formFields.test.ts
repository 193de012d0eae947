import { describe, expect, it } from 'vitest';
import { cleanText, optionalText, orderedErrors, readDate, requiredText } from './formFields';

describe('text fields', () => {
  it('removes control characters and trims, keeping new lines', () => {
    expect(cleanText('  a\u0000b\u0007c\r\nd\te  ')).toBe('abc\nd\te');
  });
  it('refuses empty, too long and non-text values with GOV.UK wording', () => {
    const concern = requiredText(10, 'Describe the concern', 'Too long');
    expect(concern.safeParse('   ').success).toBe(false);
    expect(concern.safeParse(['a', 'b']).error?.issues[0]?.message).toBe('Describe the concern');
    expect(concern.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('Too long');
    expect(concern.safeParse(' ok ').data).toBe('ok');
  });
  it('turns an empty optional field into null', () => {
    const name = optionalText(5, 'Too long');
    expect(name.parse('')).toBeNull();
    expect(name.parse(undefined)).toBeNull();
    expect(name.parse(' Ann ')).toBe('Ann');
    expect(name.safeParse('abcdef').success).toBe(false);
    expect(name.safeParse({ a: 1 }).success).toBe(false);
  });
});

describe('GOV.UK date inputs', () => {
  const rules = { label: 'date the contact was received', today: '2026-03-10' };
  const body = (day: string, month: string, year: string) => ({ 'd-day': day, 'd-month': month, 'd-year': year });
  it('reads a real date', () => {
    expect(readDate(body('9', '3', '2026'), 'd', rules)).toEqual({ value: '2026-03-09' });
  });
  it('asks for a missing date, or the missing parts', () => {
    expect(readDate({}, 'd', rules).error).toBe('Enter the date the contact was received');
    expect(readDate(body('9', '', ''), 'd', rules).error).toBe('Date the contact was received must include a month and a year');
  });
  it('refuses impossible and future dates', () => {
    expect(readDate(body('31', '2', '2026'), 'd', rules).error).toBe('Date the contact was received must be a real date');
    expect(readDate(body('11', '3', '2026'), 'd', rules).error).toBe('Date the contact was received must be today or in the past');
    expect(readDate({ 'd-day': ['1', '2'], 'd-month': '1', 'd-year': '2026' }, 'd', rules).error).toBeDefined();
  });
  it('lets an optional date be left empty', () => {
    expect(readDate({}, 'd', { ...rules, required: false })).toEqual({ value: null });
  });
});

describe('error summary order', () => {
  it('follows the page and links dates to the day box', () => {
    expect(orderedErrors({ concern: 'C', receivedOn: 'D' }, ['receivedOn', 'concern'], ['receivedOn'])).toEqual([
      { text: 'D', href: '#receivedOn-day' },
      { text: 'C', href: '#concern' },
    ]);
  });
});
