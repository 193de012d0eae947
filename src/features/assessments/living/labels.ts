/**
 * Words for the fields of an assessment's content, so a comparison of two revisions reads as the
 * form did ("What we are worried about", not "worried"). Keys not listed are turned into words.
 */
import { ACCOMMODATION, CHECKLIST_ITEMS, DIMENSIONS, OUTCOMES, PARENTAL_ISSUES, SCALING_WHO, STATEMENT_KINDS, VOICE_TOOLS, type Choice } from '../../../domain/assessmentContent';
import { ASSESSMENT_SECTIONS } from '../../../domain/assessmentSections';
import { DISABILITY, ETHNICITY, PRIMARY_NEED, type Code } from '../../../domain/codes';
import { formatDate } from '../../../domain/dates';
import { FACTOR_CODES, RETIRED_FACTORS } from '../../../domain/factorCodes';
import { ADVOCATE_CHOICES, DUTIES, HOUSING_SITUATIONS, WANTS_ACCOMMODATION } from '../../../domain/homelessness';
import { humanise, pathLabel, type Leaf, type PathPart } from '../../../domain/revisionDiff';

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.values(DIMENSIONS).flatMap((list) => list.map((d) => [d.key, d.label]))),
  ...Object.fromEntries(CHECKLIST_ITEMS.map((c) => [c.value, c.text])),
  dimensions: 'Areas',
  strengths: 'Strengths',
  worries: 'Worries',
  notAssessedReason: 'Why this was not assessed',
  text: 'Statement',
  kind: 'Fact or opinion',
  source: 'Source',
  personId: 'Person',
  adults: 'Parents and carers',
  affectedBy: 'What affects their parenting',
  wider: 'Wider family',
  professionals: 'Professionals',
  child: 'The child',
  words: 'The child’s own words',
  seenAlone: 'Seen alone',
  notSeenAloneReason: 'Why not seen alone',
  heardOn: 'Date heard',
  heardBy: 'Heard by',
  riskFactors: 'Risks',
  protectiveFactors: 'Protective factors',
  goingWell: 'What is going well',
  worried: 'What we are worried about',
  needsToHappen: 'What needs to happen',
  scaling: 'Scaling (0 to 10)',
  dangerStatements: 'Danger statements',
  safetyGoals: 'Safety goals',
  capacityToChange: 'Capacity to change',
  childInNeed: 'Child in need (section 17)',
  s47: 'Reasonable cause to suspect significant harm (section 47)',
  accommodation: 'Accommodation',
  outcome: 'Outcome',
  reasons: 'Reasons',
  factors: 'Factors identified',
  primaryNeed: 'Primary need',
  inEducation: 'In education',
  completed: 'Marked as finished',
  items: 'Checklist items',
  ticked: 'Ticked',
  reason: 'Reason',
  comments: 'Comments',
  // Homelessness and the duties owed (a 16 or 17-year-old homelessness assessment), as its form asks.
  circumstances: 'The young person’s circumstances',
  housingSituation: 'Homeless or at risk of becoming homeless',
  housingInvolved: 'Assessed together with the housing authority',
  housingOfficer: 'Housing officer',
  housingTeam: 'Housing authority or team',
  housingContactedOn: 'First worked with the housing authority on',
  jointWork: 'What was done together with the housing authority',
  housingNotInvolvedReason: 'Why the housing authority was not involved',
  toldAboutAccommodation: 'Told what accommodation under section 20 would mean for them',
  toldAboutHousingHelp: 'Told what help the housing authority could give',
  toldOn: 'Date told about their options',
  howExplained: 'How it was explained so they understood',
  advocate: 'Had an advocate',
  advocateName: 'The advocate’s name and who they work for',
  advocateNotOfferedReason: 'Why an advocate was not offered',
  wishes: 'What the young person wants, in their own words',
  wantsAccommodation: 'Wants to be accommodated under section 20',
  duty: 'Duty owed',
  dutyReasons: 'Reasons for the decision on the duty owed',
};

export const SECTION_ORDER = ASSESSMENT_SECTIONS.map((s) => s.key);

export function sectionLabel(key: string): string {
  if (key === 'carried-in') return 'Carried in from the early help assessment';
  return ASSESSMENT_SECTIONS.find((s) => s.key === key)?.label ?? humanise(key);
}

export function fieldLabel(path: PathPart[]): string {
  return pathLabel(path, FIELD_LABELS);
}

/** The changed top-level fields of a revision, as words. */
export function changedFieldsLabel(fields: string[]): string {
  return fields.map((f) => FIELD_LABELS[f] ?? humanise(f)).join(', ');
}

const fromChoices = (choices: Choice[]) => new Map(choices.map((c) => [c.value, c.text]));
const fromCodes = (codes: Code[]) => new Map(codes.map((c) => [c.code, c.label]));
const YES_NO = new Map([
  ['yes', 'Yes'],
  ['no', 'No'],
]);

/** The words the form showed for each stored choice, by the field that holds it. */
const CHOICE_WORDS: Record<string, Map<string, string>> = {
  kind: fromChoices(STATEMENT_KINDS),
  tools: fromChoices(VOICE_TOOLS),
  who: fromChoices(SCALING_WHO),
  accommodation: fromChoices(ACCOMMODATION),
  outcome: fromChoices(OUTCOMES),
  seenAlone: YES_NO,
  heard: YES_NO,
  childInNeed: YES_NO,
  s47: YES_NO,
  inEducation: YES_NO,
  affectedBy: fromChoices(PARENTAL_ISSUES),
  ethnicity: fromCodes(ETHNICITY),
  disabilities: fromCodes(DISABILITY),
  primaryNeed: fromCodes(PRIMARY_NEED),
  factors: new Map([...FACTOR_CODES.map((f) => [f.code, `${f.code}: ${f.label}`] as const), ...Object.entries(RETIRED_FACTORS).map(([code, f]) => [code, `${code}: ${f.label} (a code no longer used)`] as const)]),
  housingSituation: fromChoices(HOUSING_SITUATIONS),
  housingInvolved: YES_NO,
  advocate: fromChoices(ADVOCATE_CHOICES),
  wantsAccommodation: fromChoices(WANTS_ACCOMMODATION),
  duty: fromChoices(DUTIES),
};

/**
 * A value of a form field in the words the form showed, for the page that shows someone else's save
 * beside what was typed: each choice of a choice field ("3B, 4B" reads as the factors' names), any
 * other text as it is.
 */
export function choiceText(field: string, text: string): string {
  const words = CHOICE_WORDS[field];
  return words && text ? text.split(', ').map((v) => words.get(v) ?? v).join(', ') : text;
}

/**
 * A changed value as the form showed it: a choice by its words ("Accommodation under section 20",
 * not "s20"), yes or no for a tick. The field is the last name in the path (a list's items are
 * numbered after it). A date reads as a date; a link to a person's record is said in words, not by its id.
 */
export function leafText(value: Leaf, path: PathPart[] = []): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (field === 'personId') return 'Linked to a person’s record in Hearth';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && field && /On$/.test(field)) return formatDate(value); // heardOn, toldOn …
  return (field ? CHOICE_WORDS[field]?.get(String(value)) : undefined) ?? String(value);
}
