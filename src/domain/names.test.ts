import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fullName, nameTokens, nicknameAlternatives, normaliseName } from './names';

describe('name normalisation for search', () => {
  it('lower-cases, removes accents and splits hyphens and apostrophes as the trigram index does', () => {
    expect(normaliseName('  Zoë  SMITH-Jones ')).toBe('zoe smith jones');
    expect(normaliseName("O'Brien")).toBe('o brien');
    expect(normaliseName('José\tÁlvarez\n')).toBe('jose alvarez');
    expect(normaliseName('<script>alert(1)</script>')).toBe('script alert 1 script');
  });

  it('gives the distinct words of a name, at most six, each at most 50 characters', () => {
    expect(nameTokens('Smith-Jones, Amy')).toEqual(['smith', 'jones', 'amy']);
    expect(nameTokens('amy amy AMY')).toEqual(['amy']);
    expect(nameTokens('a b c d e f g h')).toHaveLength(6);
    expect(nameTokens('x'.repeat(500))[0]).toHaveLength(50);
    expect(nameTokens('  -- \u0000 ')).toEqual([]);
  });

  it('never gives an empty word or a character outside a-z and 0-9', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        for (const token of nameTokens(input)) expect(token).toMatch(/^[a-z0-9]{1,50}$/);
      }),
    );
  });

  it('knows common nicknames both ways', () => {
    expect(nicknameAlternatives('bill')).toContain('william');
    expect(nicknameAlternatives('william')).toContain('bill');
    expect(nicknameAlternatives('liz')).toContain('elizabeth');
    expect(nicknameAlternatives('jim')).toContain('james');
    expect(nicknameAlternatives('Peggy')).toContain('margaret');
    expect(nicknameAlternatives('muhammad')).toContain('mohammed');
  });

  it('keeps separate names apart when a nickname is shared', () => {
    const chris = nicknameAlternatives('chris');
    expect(chris).toEqual(expect.arrayContaining(['christopher', 'christine']));
    expect(nicknameAlternatives('christopher')).not.toContain('christine');
  });

  it('gives nothing for a name it does not know, and never the name itself', () => {
    expect(nicknameAlternatives('zebedee')).toEqual([]);
    expect(nicknameAlternatives('james')).not.toContain('james');
  });

  it('writes a full name from its parts', () => {
    expect(fullName({ firstName: 'Amy', middleNames: null, lastName: 'Smith-Jones' })).toBe('Amy Smith-Jones');
    expect(fullName({ firstName: 'Amy', middleNames: 'Rose Ann', lastName: 'Smith' })).toBe('Amy Rose Ann Smith');
  });
});
