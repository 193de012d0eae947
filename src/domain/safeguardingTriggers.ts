/**
 * Which records raise which safeguarding action (A13), as pure rules. The actions are the three of
 * features/tasks/kinds.ts: tell the police now, contact the education service, make a National
 * Referral Mechanism (NRM) referral. What a record says decides the action; the write path raises
 * the task in the transaction of the record, once per child and kind while one is open, except the
 * decision's police task (below).
 *
 * The rules:
 * - An assessment decision whose DfE factors (domain/factorCodes.ts) mean a crime against the child
 *   that the police must hear about now raises "tell the police now" (POLICE_FACTORS says which and why).
 * - An assessment decision whose factors include 12A "Trafficking" or 24A "Child criminal
 *   exploitation" raises an NRM referral. Criminal exploitation (county lines) is a form of modern
 *   slavery: the Modern Slavery Act 2015 statutory guidance treats exploited children as potential
 *   victims to be referred, and a child does not need to consent. (Both are crimes too, so they also
 *   tell the police.)
 * - Each crime is its own thing to tell the police: a decision that later names a crime code that no
 *   earlier police task of the same assessment covered (say 22A FGM, after 18C was told) raises a new
 *   "tell the police now" task naming just the new crime, whatever police task is open or done,
 *   from this assessment or a chronology incident (actionForFactorsNotCovered). The codes a task
 *   covered are kept with it (the task's factors, set by this rule only, never by what a person
 *   types). Saving the same decision again, or taking a code away, raises nothing.
 * - Not so for the NRM: it is one referral of the child as a potential victim of modern slavery, to
 *   the Single Competent Authority, whatever the forms of exploitation; what is found later (24A
 *   after 12A) goes to them as more information on that referral, not as a second referral. So the
 *   NRM task stays once per assessment (and not while one is open for the child), as does the
 *   education one (one duty: tell the education service the child is missing education).
 * - No DfE factor code means "child missing education" (the census list, shared/reference
 *   uk-data-standards.md, has no education code), so no factor raises the education action. The
 *   assessment's developmental needs ask "Is the child in education?": "no" raises it. A chronology
 *   entry of the category "missing education" (not on a school roll, or not going) raises it too,
 *   unless the education service is who told us; it can also be raised by hand from the assessment's
 *   safeguarding actions page. Whether it applies to a child of this age is educationActionApplies
 *   (features/tasks/kinds.ts: compulsory school age until 18, and
 *   never for an unborn child, whose page does not ask the question), used by whichever path raises it.
 * - A chronology entry typed as a police incident or a domestic abuse incident records a crime
 *   reported or suspected (the form has no separate "crime suspected" question, so the category is
 *   the rule), and raises "tell the police now", unless the police are who told us (an agency whose
 *   name says police): then they already know.
 */

export type RaisedKind = 'tell-police' | 'education-service' | 'nrm-referral';

/** `factors`: the DfE factor codes the action is for, when each new one raises it again (the police task of a decision). */
export type RaisedAction = { kind: RaisedKind; reason: string; factors?: readonly string[] };

/** DfE factor codes that mean trafficking or modern slavery, with why. */
export const NRM_FACTORS: Record<string, string> = {
  '12A': 'The assessment identified trafficking (DfE factor 12A)',
  '24A': 'The assessment identified child criminal exploitation (DfE factor 24A), a form of modern slavery',
};

/**
 * DfE factor codes that mean a crime may have been committed against the child, so the police must be
 * told now (the same day), with why. Working Together to Safeguard Children (2023) says children's
 * social care tells the police straight away when a crime against a child may have been committed.
 *
 * In:
 * - 22A female genital mutilation: a crime, and a known case in a girl under 18 must by law be
 *   reported to the police by the social worker (FGM Act 2003, section 5B, the mandatory reporting duty).
 * - 11A child sexual exploitation: sexual offences against a child.
 * - 24A child criminal exploitation and 12A trafficking: offences under the Modern Slavery Act 2015
 *   (they also raise the NRM referral); the police need to know to stop the adults exploiting the child.
 * - 13A gangs: a child drawn into a gang is usually around violence, weapons or drug dealing, and
 *   is often being exploited; the police hold what is known about the gang and can act to protect the child.
 * - 19B and 19C sexual abuse, by another child or by an adult: sexual offences (for abuse by another
 *   child, statutory guidance starts from telling the police about rape and sexual assault).
 * - 18C physical abuse by an adult: assault or child cruelty.
 * - 23A abuse linked to faith or belief: usually assault, cruelty or neglect carried out because
 *   the child is believed to be possessed or a witch; the national action plan says to involve the police.
 *
 * Not in (a worry, but not in itself a crime the police must hear about now; the worker can still
 * raise it by hand on the safeguarding actions page):
 * - 3A/3B/3C domestic abuse: each incident raises the police task when it is recorded on the
 *   chronology (CRIME_CATEGORIES), and the police are often who told us; the factor sums up the worry.
 * - 18B physical abuse by another child: often fighting between brothers, sisters or classmates,
 *   dealt with by the family and the school; the worker judges whether it is an assault to report.
 * - 16A neglect and 17A emotional abuse: crimes only in the most serious cases; the decision's
 *   section 47 and strategy discussion bring the police in when harm is suspected.
 * - 10A going missing: the person caring for the child reports a missing child to the police at the
 *   time; going missing is not a crime.
 * - The rest (alcohol, drugs, mental health, disability, young carer, asylum, behaviour, self-harm,
 *   private fostering, another factor, no factors) say what a child or family needs, not a crime.
 */
/** How the rule's own details begin (migration 034 read the codes of older tasks from details in these words). */
const IDENTIFIED = 'The assessment identified ';
const NOW_NAMES = 'The assessment’s decision now names ';

const POLICE_CRIMES: Record<string, { crime: string; identified?: string; duty?: string }> = {
  '11A': { crime: 'child sexual exploitation' },
  '12A': { crime: 'trafficking' },
  '13A': { crime: 'involvement with gangs', identified: 'that the child is involved with gangs' },
  '18C': { crime: 'physical abuse by an adult' },
  '19B': { crime: 'sexual abuse by another child' },
  '19C': { crime: 'sexual abuse by an adult' },
  '22A': { crime: 'female genital mutilation', duty: 'a known case in a girl under 18 must be reported to the police (mandatory reporting duty)' },
  '23A': { crime: 'abuse linked to faith or belief' },
  '24A': { crime: 'child criminal exploitation' },
};

/** The crime a code means, as the details say it: "female genital mutilation (DfE factor 22A): a known case …". */
const crimeNamed = (code: string, words: 'crime' | 'identified') => {
  const c = POLICE_CRIMES[code]!;
  return `${words === 'identified' ? (c.identified ?? c.crime) : c.crime} (DfE factor ${code})${c.duty ? `: ${c.duty}` : ''}`;
};

export const POLICE_FACTORS: Record<string, string> = Object.fromEntries(Object.keys(POLICE_CRIMES).map((code) => [code, `${IDENTIFIED}${crimeNamed(code, 'identified')}`]));

/** The codes in the order the census numbers them (11A before 22A), so a reason reads the same each time. */
const byNumber = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);

const known = (codes: readonly string[], reasons: Record<string, string>) => codes.filter((c) => Object.prototype.hasOwnProperty.call(reasons, c)).sort(byNumber);

function joined(kind: RaisedKind, found: string[], reasons: Record<string, string>): RaisedAction[] {
  return found.length > 0 ? [{ kind, reason: `${found.map((c) => reasons[c]!).join('. ')}.`.slice(0, 2000) }] : [];
}

/**
 * The safeguarding actions an assessment decision's factors raise: the police first, then the NRM; one
 * per kind, reasons joined. The police action carries its codes (`factors`), for actionForFactorsNotCovered.
 */
export function actionsFromFactors(codes: readonly string[]): RaisedAction[] {
  const unique = [...new Set(codes)];
  const crimes = known(unique, POLICE_FACTORS);
  return [...joined('tell-police', crimes, POLICE_FACTORS).map((a) => ({ ...a, factors: crimes })), ...joined('nrm-referral', known(unique, NRM_FACTORS), NRM_FACTORS)];
}

/**
 * What a decision's action raises now, given the codes each task of its kind this assessment raised
 * before (open, done or cancelled) was for: null for a task raised by hand, which covers no code. An
 * action without codes, or with no earlier task, is raised as it is (the write path's once-per-kind
 * rules apply to an action without codes). Otherwise
 * only the codes no earlier task covered raise a new task, naming just them ("The assessment’s
 * decision now names female genital mutilation (DfE factor 22A): …"); none new, nothing (null).
 */
export function actionForFactorsNotCovered(action: RaisedAction, earlier: readonly (readonly string[] | null)[]): RaisedAction | null {
  if (!action.factors || earlier.length === 0) return action;
  const covered = new Set(earlier.flatMap((codes) => codes ?? []));
  const fresh = action.factors.filter((c) => !covered.has(c) && Object.prototype.hasOwnProperty.call(POLICE_CRIMES, c));
  if (fresh.length === 0) return null;
  const sentences = fresh.map((c, i) => `${i === 0 ? NOW_NAMES : 'It also names '}${crimeNamed(c, 'crime')}.`);
  return { kind: action.kind, reason: sentences.join(' ').slice(0, 2000), factors: fresh };
}

/** The answer to "Is the child in education?" in the developmental needs (A4): "no" raises the education action. */
export function actionsFromEducation(inEducation: unknown): RaisedAction[] {
  return inEducation === 'no' ? [{ kind: 'education-service', reason: 'The assessment records that the child is not in education (developmental needs, education).' }] : [];
}

/** The safeguarding actions saving an assessment section raises (A13): the decision's factors, and the developmental needs' answer on education. */
export function actionsFromAssessmentSection(section: string, data: unknown): RaisedAction[] {
  const saved = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (section === 'decision') return actionsFromFactors(Array.isArray(saved.factors) ? saved.factors.filter((f): f is string => typeof f === 'string') : []);
  if (section === 'developmental-needs') return actionsFromEducation(saved.inEducation);
  return [];
}

/** Chronology categories that record a crime reported or suspected. */
export const CRIME_CATEGORIES: Record<string, string> = {
  'police-incident': 'A police incident was recorded on the chronology',
  'domestic-abuse': 'A domestic abuse incident was recorded on the chronology',
};

/** Chronology categories that record a child missing education. */
export const EDUCATION_CATEGORIES: Record<string, string> = {
  'missing-education': 'The chronology records that the child is missing education',
};

const POLICE = /\bpolice\b|\bconstabulary\b/i;

export type ChronologyFacts = { category: string; sourceKind: string; sourceAgency: string | null; summary: string };

const EDUCATION_SERVICE = /\beducation (service|welfare)|\bmissing education\b|\battendance (service|team)\b/i;

/** The safeguarding actions a chronology entry typed by a person raises. */
export function actionsFromChronologyEntry(entry: ChronologyFacts): RaisedAction[] {
  const toldBy = (who: RegExp) => entry.sourceKind === 'agency' && who.test(entry.sourceAgency ?? '');
  const crime = CRIME_CATEGORIES[entry.category];
  if (crime) return toldBy(POLICE) ? [] : [{ kind: 'tell-police', reason: `${crime}: ${entry.summary}`.slice(0, 2000) }];
  const education = EDUCATION_CATEGORIES[entry.category];
  if (education) return toldBy(EDUCATION_SERVICE) ? [] : [{ kind: 'education-service', reason: `${education}: ${entry.summary}`.slice(0, 2000) }];
  return [];
}
