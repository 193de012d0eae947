/**
 * When an episode of work may start for a person (P5): the dates and ages each type of episode
 * allows. Pure rules, no I/O: the service asks them inside the transaction that opens the episode.
 */
import { ageOn, formatDate } from './dates';
import { EPISODE_TYPE, labelFor } from './codes';

export type EpisodeTypeCode = 'early-help' | 'child-in-need' | 'child-protection' | 'looked-after' | 'care-leaver';

/** Work that can start before a baby is born: early help, a child in need plan, a pre-birth child protection plan. */
export const PRE_BIRTH_TYPES: readonly EpisodeTypeCode[] = ['early-help', 'child-in-need', 'child-protection'];

/** A pregnancy is known at most 40 weeks before the expected delivery date: an earlier start is a mistyped date. */
const PREGNANCY_DAYS = 280;

export type PersonForEpisode = {
  name: string;
  kind: 'child' | 'adult';
  dateOfBirth: string | null;
  expectedDeliveryDate: string | null;
};

export type EpisodeProblem = { field: 'type' | 'startDate'; message: string };

const daysBefore = (iso: string, days: number): string => new Date(Date.parse(`${iso}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Why this episode cannot start on this date for this person, or null when it can:
 * - an adult is never worked with as a child; only a care leaver's episode is theirs;
 * - an unborn baby (no date of birth, an expected delivery date) only has pre-birth work, started
 *   once the pregnancy could be known;
 * - nothing starts before the child was born;
 * - a child is looked after only before their 18th birthday, and a care leaver from their 16th.
 */
export function episodeStartProblem(type: EpisodeTypeCode, startDate: string, person: PersonForEpisode): EpisodeProblem | null {
  const label = labelFor(EPISODE_TYPE, type).toLowerCase();
  if (person.kind === 'adult' && type !== 'care-leaver') {
    return { field: 'type', message: `${person.name} is recorded as an adult: only a care leaver episode can start for an adult` };
  }
  if (!person.dateOfBirth && person.expectedDeliveryDate) {
    if (!PRE_BIRTH_TYPES.includes(type)) return { field: 'type', message: `A ${label} episode cannot start before the baby is born. Choose early help, child in need or child protection for pre-birth work` };
    const earliest = daysBefore(person.expectedDeliveryDate, PREGNANCY_DAYS);
    if (startDate < earliest) return { field: 'startDate', message: `The start date must be on or after ${formatDate(earliest)}, 40 weeks before the expected delivery date` };
    return null;
  }
  if (!person.dateOfBirth) return null;
  if (startDate < person.dateOfBirth) return { field: 'startDate', message: `The start date must be on or after ${formatDate(person.dateOfBirth)}, the date of birth on ${person.name}’s record` };
  const age = ageOn(person.dateOfBirth, startDate);
  if (type === 'looked-after' && age >= 18) return { field: 'type', message: `${person.name} was ${age} on the start date: a child is looked after only until their 18th birthday. Choose care leaver` };
  if (type === 'care-leaver' && age < 16) return { field: 'type', message: `${person.name} was ${age} on the start date: care leaver support starts at 16` };
  return null;
}
