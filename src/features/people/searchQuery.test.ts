import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSearch } from './searchQuery';

describe('reading what was typed in the search box', () => {
  it('reads names', () => {
    expect(parseSearch('Jon Smyth')).toMatchObject({ names: ['jon', 'smyth'], dateOfBirth: null, nhsNumber: null, postcode: null });
    expect(parseSearch('Smith-Jones').names).toEqual(['smith', 'jones']);
  });

  it('reads dates of birth in the ways people type them', () => {
    expect(parseSearch('04/03/2015').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('4/3/2015').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('04-03-2015').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('04.03.2015').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('2015-03-04').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('4 March 2015').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('4 mar 2015 amy').dateOfBirth).toBe('2015-03-04');
    expect(parseSearch('4 mar 2015 amy').names).toEqual(['amy']);
  });

  it('does not take an impossible date as a date', () => {
    const parsed = parseSearch('31/02/2015');
    expect(parsed.dateOfBirth).toBeNull();
    expect(parsed.notUnderstood).toEqual(['31/02/2015']);
  });

  it('reads NHS numbers with or without spaces', () => {
    expect(parseSearch('943 476 5919').nhsNumber).toBe('9434765919');
    expect(parseSearch('9434765919').nhsNumber).toBe('9434765919');
    expect(parseSearch('943-476-5919 smith')).toMatchObject({ nhsNumber: '9434765919', names: ['smith'] });
  });

  it('reads postcodes with or without the space', () => {
    expect(parseSearch('ls1 4ab').postcode).toEqual({ key: 'LS14AB', display: 'LS1 4AB' });
    expect(parseSearch('SW1A1AA').postcode).toEqual({ key: 'SW1A1AA', display: 'SW1A 1AA' });
    expect(parseSearch('amy smith M60 1NW')).toMatchObject({ names: ['amy', 'smith'], postcode: { key: 'M601NW' } });
  });

  it('reads everything together', () => {
    expect(parseSearch('Amy Smith 2015-03-04 943 476 5919 LS1 4AB')).toEqual({
      names: ['amy', 'smith'],
      dateOfBirth: '2015-03-04',
      nhsNumber: '9434765919',
      postcode: { key: 'LS14AB', display: 'LS1 4AB' },
      notUnderstood: [],
    });
  });

  it('says what it could not read', () => {
    expect(parseSearch('amy 12345').notUnderstood).toEqual(['12345']);
    expect(parseSearch('').names).toEqual([]);
  });

  it('never fails, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        const parsed = parseSearch(input);
        expect(parsed.names.length).toBeLessThanOrEqual(6);
      }),
    );
  });
});
