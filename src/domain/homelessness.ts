/**
 * The section only a 16 or 17-year-old homelessness assessment has (A1): what children's services
 * must record when a young person aged 16 or 17 asks for help because they are homeless or may
 * become homeless, as the House of Lords said in R (G) v Southwark [2009] UKHL 26 and the statutory
 * guidance "Prevention of homelessness and provision of accommodation for 16 and 17 year old young
 * people who may be homeless and/or require accommodation" (2018) ask:
 *
 * - the young person's circumstances, and whether they are homeless now or at risk of it;
 * - the work done with the housing authority (who, since when, what was done together), or why
 *   housing was not involved;
 * - that the young person was told, in a way they understood (with an advocate where they had
 *   one), what accommodation under section 20 of the Children Act 1989 would mean for them (being
 *   looked after, and the help they would get as a care leaver) and what help the housing
 *   authority could give instead;
 * - what the young person wants, now they know their options;
 * - the decision on the duty owed, with the reasons: accommodation under section 20, support as a
 *   child in need under section 17, a referral to the housing authority (Part 7 of the Housing Act
 *   1996), or none.
 *
 * The stored shape (zod), the choices, and the checks: what the section needs before it can be
 * marked as completed, and so before the assessment is sent or authorised (assessmentChecks.ts).
 * Pure. Only type imports from assessmentContent.ts, which imports this module's schema.
 */
import { z } from 'zod';
import type { Choice, DecisionContent } from './assessmentContent';
import type { Problem } from './assessmentChecks';

/** The lengths the form allows (as assessmentContent.ts's LIMITS, which this module cannot import). */
const LONG = 5000;
const REASON = 1000;
const NAME = 200;

export const HOUSING_SITUATIONS: Choice[] = [
  { value: 'homeless', text: 'Homeless now', hint: 'They have nowhere they can safely stay, or cannot stay where they are any longer' },
  { value: 'at-risk', text: 'At risk of becoming homeless', hint: 'For example, they have been told to leave home soon' },
  { value: 'not-homeless', text: 'Not homeless or at risk' },
];

export const ADVOCATE_CHOICES: Choice[] = [
  { value: 'used', text: 'Yes, an advocate supported them' },
  { value: 'declined', text: 'An advocate was offered, but they did not want one' },
  { value: 'not-offered', text: 'No, an advocate was not offered' },
];

export const WANTS_ACCOMMODATION: Choice[] = [
  { value: 'yes', text: 'Yes, they want to be accommodated under section 20' },
  { value: 'no', text: 'No, they do not want to be accommodated under section 20' },
  { value: 'unsure', text: 'They have not decided yet' },
];

export const DUTIES: Choice[] = [
  { value: 's20', text: 'Accommodation under section 20', hint: 'The young person becomes looked after, with a care plan and reviews, and gets help as a care leaver when they leave care' },
  { value: 'cin-support', text: 'Support as a child in need under section 17', hint: 'For example, help to go back home or to stay with family safely' },
  {
    value: 'housing-referral',
    text: 'Referral to the housing authority for help under Part 7 of the Housing Act 1996',
    hint: 'When the young person is not a child in need, or has said no to section 20 accommodation knowing what it means',
  },
  { value: 'none', text: 'No duty owed', hint: 'The young person is not homeless or at risk, and needs no support from us' },
];

const values = (choices: Choice[]) => choices.map((c) => c.value) as [string, ...string[]];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const maybe = (max: number) => z.string().max(max).nullable();

export const homelessnessSchema = z.object({
  circumstances: maybe(LONG),
  housingSituation: z.enum(values(HOUSING_SITUATIONS)).nullable(),
  housingInvolved: z.enum(['yes', 'no']).nullable(),
  housingOfficer: maybe(NAME),
  housingTeam: maybe(NAME),
  housingContactedOn: isoDate.nullable(),
  jointWork: maybe(LONG),
  housingNotInvolvedReason: maybe(REASON),
  toldAboutAccommodation: z.boolean(),
  toldAboutHousingHelp: z.boolean(),
  toldOn: isoDate.nullable(),
  howExplained: maybe(LONG),
  advocate: z.enum(values(ADVOCATE_CHOICES)).nullable(),
  advocateName: maybe(NAME),
  advocateNotOfferedReason: maybe(REASON),
  wishes: maybe(LONG),
  wantsAccommodation: z.enum(values(WANTS_ACCOMMODATION)).nullable(),
  duty: z.enum(values(DUTIES)).nullable(),
  dutyReasons: maybe(LONG),
  completed: z.boolean(),
});
export type HomelessnessContent = z.infer<typeof homelessnessSchema>;

/** An empty section, as a form with nothing typed saves it. */
export function emptyHomelessness(): HomelessnessContent {
  return {
    circumstances: null,
    housingSituation: null,
    housingInvolved: null,
    housingOfficer: null,
    housingTeam: null,
    housingContactedOn: null,
    jointWork: null,
    housingNotInvolvedReason: null,
    toldAboutAccommodation: false,
    toldAboutHousingHelp: false,
    toldOn: null,
    howExplained: null,
    advocate: null,
    advocateName: null,
    advocateNotOfferedReason: null,
    wishes: null,
    wantsAccommodation: null,
    duty: null,
    dutyReasons: null,
    completed: false,
  };
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/** The message that says a young person must be told about section 20 before the assessment is authorised. */
export const TOLD_ABOUT_S20 = 'Record that the young person was told what accommodation under section 20 would mean for them';
export const DUTY_MISSING = 'Choose the duty owed to the young person';

/**
 * What the section needs. With `complete`, everything it asks for; without (a save in progress),
 * only the answers that contradict each other or the decision section. The decision section is
 * compared only where it has an answer.
 */
export function homelessnessProblems(section: HomelessnessContent | undefined, decision: DecisionContent | undefined, options: { complete: boolean }): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string, message: string) => problems.push({ section: 'homelessness', field, message });
  const h = section;
  if (options.complete) {
    if (blank(h?.circumstances)) at('circumstances', 'Describe the young person’s circumstances: where they are staying, and why they cannot stay at home');
    if (!h?.housingSituation) at('housingSituation', 'Say whether the young person is homeless or at risk of becoming homeless');
    if (!h?.housingInvolved) at('housingInvolved', 'Say whether you did this assessment together with the housing authority');
    if (h?.housingInvolved === 'yes') {
      if (blank(h.housingOfficer)) at('housingOfficer', 'Enter the name of the housing officer you worked with');
      if (!h.housingContactedOn) at('housingContactedOn', 'Enter the date you first worked with the housing authority on this');
      if (blank(h.jointWork)) at('jointWork', 'Describe what you and the housing authority did together');
    }
    if (h?.housingInvolved === 'no' && blank(h.housingNotInvolvedReason)) at('housingNotInvolvedReason', 'Say why the housing authority was not involved');
    if (!h?.toldAboutAccommodation) at('toldAboutAccommodation', TOLD_ABOUT_S20);
    if (!h?.toldAboutHousingHelp) at('toldAboutHousingHelp', 'Record that the young person was told what help the housing authority could give');
    if (!h?.toldOn) at('toldOn', 'Enter the date the young person was told about their options');
    if (blank(h?.howExplained)) at('howExplained', 'Say how you explained their options so the young person understood them');
    if (!h?.advocate) at('advocate', 'Say whether the young person had an advocate');
    if (h?.advocate === 'used' && blank(h.advocateName)) at('advocateName', 'Enter the name of the advocate and who they work for');
    if (h?.advocate === 'not-offered' && blank(h.advocateNotOfferedReason)) at('advocateNotOfferedReason', 'Say why an advocate was not offered');
    if (blank(h?.wishes)) at('wishes', 'Record what the young person wants, in their own words');
    if (!h?.wantsAccommodation) at('wantsAccommodation', 'Say whether the young person wants to be accommodated under section 20');
    if (!h?.duty) at('duty', DUTY_MISSING);
    if (blank(h?.dutyReasons)) at('dutyReasons', 'Give the reasons for the decision on the duty owed');
  }
  if (!h) return problems;
  // Accommodation under section 20 needs the young person's agreement once they are 16 (section 20(11)).
  if (h.duty === 's20' && h.wantsAccommodation === 'no') {
    at('duty', 'The young person does not want to be accommodated under section 20, and it needs their agreement. Change the duty owed, or what they want');
  }
  // Southwark: a homeless young person who needs accommodation is not sent to housing instead.
  if (h.housingSituation === 'homeless' && h.wantsAccommodation === 'yes' && (h.duty === 'housing-referral' || h.duty === 'none')) {
    at('duty', 'The young person is homeless and wants to be accommodated: they must be offered accommodation under section 20, not referred to housing instead. Change the duty owed');
  }
  if (h.duty === 'none' && (h.housingSituation === 'homeless' || h.housingSituation === 'at-risk')) {
    at('duty', 'A young person who is homeless or at risk is owed at least a referral to the housing authority. Change the duty owed');
  }
  const d = decision;
  if (h.duty === 's20' && d?.accommodation && d.accommodation !== 's20') {
    at('duty', 'The decision section does not say the young person is to be accommodated under section 20. Change the duty owed or the decision so they agree');
  }
  if ((h.duty === 'housing-referral' || h.duty === 'none' || h.duty === 'cin-support') && d?.accommodation === 's20') {
    at('duty', 'The decision section says the young person is to be accommodated under section 20. Change the duty owed or the decision so they agree');
  }
  if ((h.duty === 's20' || h.duty === 'cin-support') && d?.childInNeed === 'no') {
    at('duty', 'The decision section says the young person is not a child in need, but this duty is only owed to a child in need. Change the duty owed or the decision so they agree');
  }
  return problems;
}
