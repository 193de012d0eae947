import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets Hearth must be able to read back (the key behind a person's authenticator codes) are kept
 * encrypted in the database with AES-256-GCM under the SECRET_KEY setting, so a copy of the database
 * or a backup alone does not give them away. Each value is bound to what it belongs to (a user id):
 * a sealed value copied onto another row does not open.
 *
 * Stored as `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export type SecretBox = {
  seal(plain: string, boundTo: string): string;
  /** The plain value, or null when it was sealed under another key, tampered with, or bound to something else. */
  open(stored: string, boundTo: string): string | null;
  isSealed(stored: string): boolean;
};

const PREFIX = 'v1.';

/** The key for development and tests only: production refuses to start without its own SECRET_KEY. */
export const DEVELOPMENT_SECRET_KEY = createHash('sha256').update('hearth development only: not a secret').digest();

/** Reads SECRET_KEY: 32 random bytes written as base64 (44 characters) or hex (64 characters). */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : null;
  }
  return null;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
    },
    open(stored, boundTo) {
      if (!stored.startsWith(PREFIX)) return null;
      const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split('.');
      if (!iv || !tag || ciphertext === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}
