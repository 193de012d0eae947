/**
 * The family in plain words, from the same data as the genogram: who a person lives with and which
 * relatives live elsewhere. It is the genogram's text alternative, shown beside it and in its <desc>.
 */
import { pronouns, type Sex } from './relationships';

export type DescribedPerson = {
  /** Full name; null when the user may not see this person (they are never named). */
  name: string | null;
  firstName: string | null;
  sex: Sex | null;
  ageYears: number | null;
  isChild: boolean | null;
  unborn: boolean;
  deceased: boolean;
  /** Worded relationship to the person described ("mother"); null when none is recorded. */
  relation: string | null;
};

export const NO_ACCESS = 'a person you do not have access to';

/** "Tyler (4)" for a child, "Kelly Brown" for an adult. */
export function plainName(p: DescribedPerson): string {
  if (p.name === null) return NO_ACCESS;
  if (!p.isChild) return p.name;
  const first = p.firstName ?? p.name;
  if (p.unborn) return `${first} (unborn)`;
  if (p.ageYears === null || p.ageYears < 0) return first;
  return `${first} (${p.ageYears === 0 ? 'under 1' : p.ageYears})`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function relative(possessive: string, p: DescribedPerson): string {
  if (!p.relation) return `${plainName(p)} (no relationship recorded)`;
  if (p.name === null) return `${possessive} ${p.relation} (${NO_ACCESS})`;
  return `${possessive} ${p.relation} ${plainName(p)}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function describeFamily(input: { focus: DescribedPerson; hasHousehold: boolean; livesWith: DescribedPerson[]; elsewhere: DescribedPerson[] }): string {
  const { possessive } = pronouns(input.focus.sex);
  const who = plainName(input.focus);
  const sentences: string[] = [];
  if (input.livesWith.length > 0) sentences.push(`${who} lives with ${listOf(input.livesWith.map((p) => relative(possessive, p)))}.`);
  else if (input.hasHousehold) sentences.push(`${who} is the only person recorded in ${possessive} household.`);
  else sentences.push(`No current household is recorded for ${who}.`);
  const living = input.elsewhere.filter((p) => !p.deceased);
  const died = input.elsewhere.filter((p) => p.deceased);
  if (living.length > 0) sentences.push(`${capitalise(listOf(living.map((p) => relative(possessive, p))))} ${living.length === 1 ? 'lives' : 'live'} elsewhere.`);
  if (died.length > 0) sentences.push(`${capitalise(listOf(died.map((p) => relative(possessive, p))))} ${died.length === 1 ? 'has' : 'have'} died.`);
  return sentences.join(' ');
}
