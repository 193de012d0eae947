import { nhsCheckDigit } from '../../src/domain/nhsNumber';
import type { Random } from '../../src/domain/random';

/**
 * NHS numbers for synthetic people: all start 999, the range the NHS keeps for testing, so none can
 * be a real person's. Each call gives the next unused one, with a valid modulus-11 check digit,
 * spread over the range (a fixed permutation of a counter), so they never repeat within a run.
 */
export function nhsNumbers(startAt = 0): () => string | null {
  let counter = startAt;
  return () => {
    while (counter < 1_000_000) {
      const n = (counter * 654_323 + 271_829) % 1_000_000;
      counter += 1;
      const stem = `999${String(n).padStart(6, '0')}`;
      const check = nhsCheckDigit(stem);
      if (check !== null) return `${stem}${check}`;
    }
    return null;
  };
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * A Unique Pupil Number in the DfE format: a check letter, then the council number (999, not a real
 * council), a four-digit school number, the two-digit year of issue and a three-digit serial. The
 * check letter weights characters 2 to 13 by 2 to 13, modulo 23.
 */
export function makeUpn(r: Random, issuedYear: number): string {
  const body = `999${r.int(1000, 7999)}${String(issuedYear % 100).padStart(2, '0')}${String(r.int(0, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (i + 2);
  return `${UPN_LETTERS[sum % 23]}${body}`;
}
