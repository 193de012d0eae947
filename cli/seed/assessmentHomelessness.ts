/**
 * The homelessness section of a seeded 16 or 17-year-old homelessness assessment (domain/homelessness.ts),
 * in the shape its page saves, following the decision's answers so the two agree: accommodated
 * under section 20 when the decision says so (the young person wanted it), support as a child in
 * need otherwise, and for a young person who is not a child in need a referral to housing or, when
 * they are not homeless after all, no duty.
 */
import type { Random } from '../../src/domain/random';
import { emptyHomelessness, type HomelessnessContent } from '../../src/domain/homelessness';
import { addDays } from '../../src/domain/workingDays';
import type { Answers } from './assessmentDecision';
import type { Words } from './assessmentTriangle';

const WHY_LEFT = [
  '{child} was told to leave home by {parent} after months of arguments. {child} has been sleeping on friends’ sofas for a week.',
  '{child} left home after a fight with {parent}’s partner and is staying with a friend’s family, who say it can only be for a few nights.',
  '{child} and {parent} have fallen out over {child}’s friends and staying out late. {parent} says {child} must leave by the end of the month.',
];

const JOINT_WORK = [
  'We met {child} together at the civic centre, heard the story once, and agreed who would do what.',
  'The housing officer and I visited {child} together at the friend’s house and then talked to {parent} on the phone.',
];

const EXPLAINED = [
  'I went through the council’s leaflet for young people with {child}, in plain words, and checked what {child} understood by asking them to tell me in their own words.',
  'We talked it through twice, a day apart, so {child} had time to think. I wrote down the main points for {child} to keep.',
];

const ADVOCATES = ['Kim Lee, Coram Voice', 'Sam Price, the council’s advocacy service', 'Ola Ade, National Youth Advocacy Service'];

const fill = (text: string, words: Words) => text.replaceAll('{child}', words.child).replaceAll('{parent}', words.parent);

/** The section, complete. `from` is when the assessment started and `until` how far it has got. */
export function seededHomelessness(r: Random, a: { words: Words; answers: Answers; from: string; until: string }): HomelessnessContent {
  const { words, answers } = a;
  const duty: HomelessnessContent['duty'] =
    answers.accommodation === 's20' ? 's20' : answers.childInNeed === 'yes' ? 'cin-support' : r.chance(0.6) ? 'housing-referral' : 'none';
  const housingSituation = duty === 'none' ? 'not-homeless' : duty === 's20' ? 'homeless' : r.pick(['homeless', 'at-risk'] as const);
  // Only a young person who wants it is accommodated; one sent to housing while homeless said no to section 20, knowing what it means.
  const wantsAccommodation = duty === 's20' ? 'yes' : duty === 'housing-referral' && housingSituation === 'homeless' ? 'no' : r.pick(['no', 'unsure'] as const);
  const contacted = addDays(a.from, r.int(0, 2));
  const toldOn = addDays(a.from, r.int(1, 4));
  const advocate = r.weighted([['used', 50], ['declined', 40], ['not-offered', 10]] as const);
  const reasons: Record<string, string> = {
    s20: `${words.child} cannot go home and no one in the family can offer a home. ${words.child} is a child in need who needs accommodation, and wants it.`,
    'cin-support': `${words.child} can go back home safely with help. We will work with ${words.child} and ${words.parent} on the arguments, and check in every week.`,
    'housing-referral': `${words.child} is not a child in need, or has said no to being accommodated knowing what it means. Housing will help ${words.child} find somewhere to live.`,
    none: `${words.child} has gone back home and both say things are calmer. ${words.child} knows to contact us again if that changes.`,
  };
  return {
    circumstances: fill(r.pick(WHY_LEFT), words),
    housingSituation,
    housingInvolved: 'yes',
    housingOfficer: r.pick(['Amir Shah', 'Jess Taylor', 'Deepa Rao']),
    housingTeam: 'Housing Options',
    housingContactedOn: contacted > a.until ? a.from : contacted,
    jointWork: fill(r.pick(JOINT_WORK), words),
    housingNotInvolvedReason: null,
    toldAboutAccommodation: true,
    toldAboutHousingHelp: true,
    toldOn: toldOn > a.until ? a.from : toldOn,
    howExplained: fill(r.pick(EXPLAINED), words),
    advocate,
    advocateName: advocate === 'used' ? r.pick(ADVOCATES) : null,
    advocateNotOfferedReason: advocate === 'not-offered' ? `${words.child} was seen the same day with a trusted youth worker, and an advocate could not come in time.` : null,
    wishes:
      wantsAccommodation === 'yes'
        ? '“I can’t go back there. I want somewhere safe to live and someone to help me when I’m 18.”'
        : wantsAccommodation === 'no'
          ? '“I don’t want to be in care. I just want my own place.”'
          : '“I want to go home if it can be calmer. I don’t know yet.”',
    wantsAccommodation,
    duty,
    dutyReasons: reasons[duty!]!,
    completed: true,
  };
}

/** The section part written: the circumstances and the work with housing, nothing told or decided yet. */
export function partHomelessness(full: HomelessnessContent): HomelessnessContent {
  const blank = emptyHomelessness();
  const kept = { circumstances: full.circumstances, housingSituation: full.housingSituation, housingInvolved: full.housingInvolved, housingOfficer: full.housingOfficer, housingTeam: full.housingTeam, housingContactedOn: full.housingContactedOn, jointWork: full.jointWork, housingNotInvolvedReason: full.housingNotInvolvedReason };
  return { ...blank, ...kept };
}
