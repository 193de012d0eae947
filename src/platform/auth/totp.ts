import { generate, generateSecret, generateURI, verify } from 'otplib';

/** Time-based one-time codes (RFC 6238), as authenticator apps show them. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Hearth', label: email, secret });
}

/**
 * Checks a code (one 30-second step either side, for clocks a little out). Returns the time step the
 * code belongs to, or null when it is wrong or not newer than `afterStep` (a code already used).
 */
export async function checkTotp(secret: string, code: string, afterStep: number | null = null): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epochTolerance: 30, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) });
  return result.valid && 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
}

export function currentTotp(secret: string): Promise<string> {
  return generate({ secret });
}
