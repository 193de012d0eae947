import { generate, generateSecret, generateURI, verify } from 'otplib';

/** Time-based one-time codes (RFC 6238), as authenticator apps show them. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Hearth', label: email, secret });
}

export async function checkTotp(secret: string, code: string): Promise<boolean> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const result = await verify({ secret, token, epochTolerance: 30 });
  return result.valid;
}

export function currentTotp(secret: string): Promise<string> {
  return generate({ secret });
}
