import type { IdentityContent, PersonView, VoicesContent } from '../../src/domain/assessmentContent';
import { DISABILITY, ETHNICITY } from '../../src/domain/codes';
import type { Random } from '../../src/domain/random';
import { caringAdults, widerFamily, type FamilyMember } from '../../src/features/assessments/sections/page';
import type { Theme } from './assessmentThemes';
import { fill, type Words } from './assessmentTriangle';
import { isoDay, toDay } from './days';
import {
  ABSENT_PARENT_VIEWS,
  CARER_VIEWS,
  CHILD_WORDS,
  CONSIDERED,
  CULTURE,
  DISABILITY_NOTES,
  HISTORY,
  NOT_HEARD_REASONS,
  NOT_SEEN_ALONE,
  OBSERVATIONS,
  OLDER_OBSERVATIONS,
  PROFESSIONALS,
  RELIGION_NOTE,
  RELIGION_NOTES,
  TODDLER_OBSERVATIONS,
  UNBORN_ABSENT_PARENT_VIEWS,
  UNBORN_CARER_VIEWS,
  UNBORN_CONSIDERED,
  UNBORN_CULTURE,
  UNBORN_DISABILITY_NOTE,
  UNBORN_HISTORY,
  UNBORN_OBSERVATIONS,
  UNBORN_RELIGION_NOTE,
  UNBORN_WIDER_NOT_SOUGHT,
  UNBORN_WIDER_VIEWS,
  WIDER_NOT_SOUGHT,
  WIDER_VIEWS,
} from './voiceTexts';

/** Days drawn from `from` to `until`, both included. */
export function daysWithin(r: Random, from: string, until: string): () => string {
  const first = toDay(from);
  const span = toDay(until) - first;
  return () => (span <= 0 ? from : isoDay(first + r.int(0, span)));
}

export type VoicesInput = {
  /** Age in years on day 0; -1 for an unborn baby. */
  age: number;
  words: Words;
  theme: Theme;
  family: FamilyMember[];
  carerId: string | null;
  workerName: string | null;
  from: string;
  until: string;
};

/**
 * The child's own part of the voices section. A baby not born yet cannot be seen or heard: the page
 * of a pre-birth assessment asks for the parents' views, with anything about the baby, and its checks
 * ask none of the child's questions. So there are no words, no date heard, no answer to "seen alone"
 * and no tools: only what the worker wrote about the baby and the pregnancy under "What you saw", and
 * the worker's name the page fills in.
 */
function childVoice(r: Random, v: VoicesInput, on: () => string): VoicesContent['child'] {
  const { age, words } = v;
  if (age < 0) return { words: null, observations: fill(r.pick(UNBORN_OBSERVATIONS), words), heardOn: null, heardBy: v.workerName, seenAlone: null, notSeenAloneReason: null, tools: [], toolsOther: null };
  const band = CHILD_WORDS.find((b) => age >= b.ages[0] && age <= b.ages[1]);
  const own = age >= 8 && v.theme.childSays.length > 0 && r.chance(0.8) ? ` ${r.pick(v.theme.childSays)}` : '';
  const said = band ? `${r.pick(band.words)}${own}` : null;
  const alone = age < 3 ? 'no' : age < 5 ? r.weighted([['yes', 1], ['no', 1]] as const) : r.chance(0.93) ? 'yes' : 'no';
  const tools = age < 2 ? ['observation'] : age < 5 ? r.shuffle(['play', 'observation']).slice(0, r.int(1, 2)) : age < 12 ? r.shuffle(['three-houses', 'words-and-pictures', 'wishes-and-feelings']).slice(0, r.int(1, 2)) : r.shuffle(['wishes-and-feelings', 'scaling']).slice(0, r.int(1, 2));
  return {
    words: said ? fill(said, words) : null,
    observations: age < 5 ? fill(r.pick(age < 2 ? OBSERVATIONS : TODDLER_OBSERVATIONS), words) : r.chance(0.5) ? fill(r.pick(OLDER_OBSERVATIONS), words) : null,
    heardOn: on(),
    heardBy: v.workerName,
    seenAlone: alone,
    notSeenAloneReason: alone === 'no' ? fill(age < 5 ? NOT_SEEN_ALONE.young : NOT_SEEN_ALONE.refused, words) : null,
    tools,
    toolsOther: null,
  };
}

const view = (m: FamilyMember, heard: { view: string; on: string } | { reason: string }): PersonView => ({
  personId: m.id,
  name: m.name,
  relationship: m.relationship,
  livesWithChild: m.livesWithChild,
  heard: 'view' in heard ? 'yes' : 'no',
  view: 'view' in heard ? heard.view : null,
  heardOn: 'view' in heard ? heard.on : null,
  notHeardReason: 'reason' in heard ? heard.reason : null,
});

/** The voices section as the page saves it: the child, each parent and carer, wider family and professionals, each dated. */
export function seededVoices(r: Random, v: VoicesInput): VoicesContent {
  const { words } = v;
  const on = daysWithin(r, v.from, v.until);
  const first = (m: FamilyMember) => m.name.split(' ')[0] ?? m.name;
  // Before the birth the adults talk about the pregnancy and the baby to come.
  const unborn = v.age < 0;
  const carerViews = unborn ? UNBORN_CARER_VIEWS : CARER_VIEWS;
  const adults = caringAdults(v.family).slice(0, 4).map((m) => {
    if (m.id === v.carerId) return view(m, { view: fill(r.chance(0.6) ? v.theme.carerSays : r.pick(carerViews), words), on: on() });
    if (m.livesWithChild) return view(m, { view: fill(r.pick(carerViews), words), on: on() });
    return r.chance(0.6) ? view(m, { view: fill(r.pick(unborn ? UNBORN_ABSENT_PARENT_VIEWS : ABSENT_PARENT_VIEWS), words), on: on() }) : view(m, { reason: fill(r.pick(NOT_HEARD_REASONS), words, first(m)) });
  });
  if (adults.length === 0) {
    const mother = `${words.carer} (${unborn ? 'the baby' : words.child}’s mother)`;
    adults.push({ personId: null, name: mother, relationship: 'mother', livesWithChild: true, heard: 'yes', view: fill(r.pick(carerViews), words), heardOn: on(), notHeardReason: null });
  }
  const wider = widerFamily(v.family)
    .slice(0, 3)
    .map((m) => (r.chance(0.75) ? view(m, { view: fill(r.pick(unborn ? UNBORN_WIDER_VIEWS : WIDER_VIEWS), words), on: on() }) : view(m, { reason: fill(r.pick(NOT_HEARD_REASONS.slice(0, 2)), words, first(m)) })));
  // For a baby not born yet: the midwife, the GP and the health visitor about the pregnancy (and the police where there is harm).
  const fitting = PROFESSIONALS.filter((p) => v.age >= p.ages[0] && v.age <= p.ages[1] && (v.theme.harm || !p.agency.startsWith('Police')));
  const professionals = r
    .shuffle(fitting)
    .slice(0, r.int(1, 3))
    .map((p) => ({ name: r.pick(p.names), agency: p.agency, role: p.role, view: fill(r.pick(p.views), words), heardOn: on() }));
  return {
    child: childVoice(r, v, on),
    adults,
    wider,
    widerNotSoughtReason: wider.length === 0 ? fill(r.pick(unborn ? UNBORN_WIDER_NOT_SOUGHT : WIDER_NOT_SOUGHT), words) : null,
    professionals,
    completed: true,
  };
}

/** Voices half way through: the child and the first parent heard, nobody else yet. */
export function partVoices(section: VoicesContent): VoicesContent {
  return { ...section, adults: section.adults.slice(0, 1), wider: [], widerNotSoughtReason: null, professionals: section.professionals.slice(0, 1), completed: false };
}

export type IdentityInput = { age: number; words: Words; ethnicity: string | null; religion: string | null; firstLanguage: string | null; disabilities: string[] };

const ETHNICITY_CODES = new Set(ETHNICITY.map((e) => e.code));
const DISABILITY_CODES = new Set(DISABILITY.map((d) => d.code));

/**
 * Identity and history as the page saves it, starting from the child's record as the page does.
 * For a baby not born yet: the family the baby will be born into, and what the family want for the baby.
 */
export function seededIdentity(r: Random, i: IdentityInput): IdentityContent {
  const { words } = i;
  const unborn = i.age < 0;
  const recorded = i.disabilities.filter((d) => DISABILITY_CODES.has(d) && d !== 'NONE');
  const disabilities = recorded.length > 0 ? recorded : i.age >= 0 && r.chance(0.7) ? ['NONE'] : [];
  const language = i.firstLanguage
    ? i.firstLanguage === 'English'
      ? 'English is spoken at home.'
      : unborn
        ? `${i.firstLanguage} is spoken at home, and the family want the baby to grow up speaking ${i.firstLanguage} and English.`
        : `${i.firstLanguage} is spoken at home. ${words.child} ${i.age < 4 ? 'hears English at nursery and with friends' : 'speaks English at school and ' + i.firstLanguage + ' with family'}.`
    : null;
  const disabilityNote = () => (unborn ? UNBORN_DISABILITY_NOTE : r.pick(DISABILITY_NOTES));
  return {
    ethnicity: i.ethnicity && ETHNICITY_CODES.has(i.ethnicity) ? i.ethnicity : 'NOBT',
    culture: fill(r.pick(unborn ? UNBORN_CULTURE : CULTURE), words),
    religion: i.religion ? `${i.religion}. ${fill(RELIGION_NOTES[i.religion] ?? (unborn ? UNBORN_RELIGION_NOTE : RELIGION_NOTE), words)}` : null,
    language,
    disabilities,
    disabilityNotes: recorded.length > 0 ? fill(disabilityNote(), words) : null,
    history: fill(r.pick(unborn ? UNBORN_HISTORY : HISTORY), words),
    considered: fill(r.pick(unborn ? UNBORN_CONSIDERED : CONSIDERED), words),
    completed: true,
  };
}

/** Identity half way through: what the record says, before the history is written and considered. */
export function partIdentity(section: IdentityContent): IdentityContent {
  return { ...section, history: null, considered: null, completed: false };
}
