/** What a visit says in the chronology: plain words, one entry for all the children it concerns. */
import { VISIT_TYPES } from '../../domain/visitSchedule';
import type { RecordedChild } from './children';
import type { VisitInput } from './schema';

const OBSERVED_IN_SUMMARY = 1000;

export const seenText = (seen: boolean, seenAlone: boolean | null) => (!seen ? 'Not seen' : seenAlone ? 'Seen alone' : 'Seen, not alone');
export const BEDROOM_TEXT: Record<string, string> = { yes: 'Bedroom seen', no: 'Bedroom not seen', 'not-applicable': 'Bedroom: not applicable' };

export function visitTypeLabel(type: string): string {
  return VISIT_TYPES.find((t) => t.code === type)?.label ?? 'Other';
}

/** "Child protection visit." then each child seen (alone or not, and why) or not seen, then what was observed. */
export function visitChronologySummary(input: VisitInput, children: RecordedChild[]): string {
  const nameOf = new Map(children.map((c) => [c.id, c.firstName]));
  const type = input.type === 'other' ? 'Visit.' : `${visitTypeLabel(input.type)} visit.`;
  const parts = input.children.map((c) => {
    const name = nameOf.get(c.personId) ?? 'A child';
    if (!c.seen) return `${name} was not seen (${c.notSeenAloneReason ?? 'no reason given'}).`;
    if (c.seenAlone) return `${name} was seen alone.`;
    return `${name} was seen, not alone (${c.notSeenAloneReason ?? 'no reason given'}).`;
  });
  const observed = input.observed
    ? ` Observed: ${input.observed.length > OBSERVED_IN_SUMMARY ? `${input.observed.slice(0, OBSERVED_IN_SUMMARY).trimEnd()}…` : input.observed}`
    : '';
  return `${type} ${parts.join(' ')}${observed}`;
}

/** A visit is significant in the chronology when a child it concerns was not seen. */
export function visitIsSignificant(input: VisitInput): boolean {
  return input.children.some((c) => !c.seen);
}
