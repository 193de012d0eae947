import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEVELOPMENT_SECRET_KEY, parseSecretKey, secretBox } from './secretBox';

describe('secrets kept encrypted in the database', () => {
  const box = secretBox(randomBytes(32));

  it('opens what it sealed, for what it was sealed for', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uuid(), (plain, owner) => {
        const sealed = box.seal(plain, owner);
        expect(box.isSealed(sealed)).toBe(true);
        expect(sealed).not.toContain(plain.length > 3 ? plain : '\u0000');
        expect(box.open(sealed, owner)).toBe(plain);
      }),
    );
  });

  it('never gives the same text twice for the same secret', () => {
    expect(box.seal('JBSWY3DPEHPK3PXP', 'u1')).not.toBe(box.seal('JBSWY3DPEHPK3PXP', 'u1'));
  });

  it('refuses a value moved to another user, sealed under another key, changed, or not sealed at all', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-a');
    expect(box.open(sealed, 'user-b')).toBeNull();
    expect(secretBox(randomBytes(32)).open(sealed, 'user-a')).toBeNull();
    const parts = sealed.split('.');
    const last = parts[3]!;
    const flipped = [...parts.slice(0, 3), (last[0] === 'A' ? 'B' : 'A') + last.slice(1)].join('.');
    expect(box.open(flipped, 'user-a')).toBeNull();
    expect(box.open('JBSWY3DPEHPK3PXP', 'user-a')).toBeNull();
    expect(box.open('v1.only-two.parts', 'user-a')).toBeNull();
    expect(box.isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
  });

  it('reads a key written as hex or base64, and refuses anything that is not 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(parseSecretKey('short')).toBeNull();
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeNull();
    expect(DEVELOPMENT_SECRET_KEY.length).toBe(32);
  });
});
