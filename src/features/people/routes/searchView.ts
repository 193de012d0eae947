import { ageFrom, formatDate } from '../../../domain/dates';
import { fullName } from '../../../domain/names';
import { formatNhsNumber } from '../../../domain/nhsNumber';
import { hasControlCharacters } from '../schema';
import type { SearchResult } from '../searchRepository';

export type ResultRow = {
  id: string;
  name: string;
  knownAs: string | null;
  born: string;
  postcode: string;
  kind: string;
  team: string;
  nhsNumber: string;
  nhsMatch: boolean;
  restricted: boolean;
  href: string;
  chooseHref: string | null;
};

/** A local path to send the chosen person to ("pick" mode), or null. Only paths on this site. */
export function pickTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControlCharacters(value) || /[\r\n\t]/.test(value)) return null;
  return value;
}

/** Search results as the tables show them. */
export function resultRows(results: SearchResult[], pick: string | null): ResultRow[] {
  return results.map((r) => {
    const born = r.dateOfBirth
      ? `${formatDate(r.dateOfBirth)}${r.dateOfBirthEstimated ? ' (estimated)' : ''}, ${ageFrom(r.dateOfBirth)}`
      : r.expectedDeliveryDate
        ? `Unborn, expected ${formatDate(r.expectedDeliveryDate)}`
        : 'Not known';
    return {
      id: r.id,
      name: fullName(r),
      knownAs: r.knownAs,
      born,
      postcode: r.postcode ?? '',
      kind: r.kind === 'child' ? 'Child' : 'Adult',
      team: r.teamName ?? 'Not allocated',
      nhsNumber: formatNhsNumber(r.nhsNumber),
      nhsMatch: r.nhsMatch,
      restricted: r.restricted,
      href: `/people/${r.id}`,
      chooseHref: pick ? `${pick}${pick.includes('?') ? '&' : '?'}child=${r.id}` : null,
    };
  });
}
