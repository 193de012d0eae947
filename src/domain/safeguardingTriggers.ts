/**
 * Which records raise which safeguarding action (A13), as pure rules. The actions are the three of
 * features/tasks/kinds.ts: tell the police now, contact the education service, make a National
 * Referral Mechanism (NRM) referral. What a record says decides the action; the write path raises
 * the task in the transaction of the record, once per child and kind while one is open.
 *
 * The rules:
 * - An assessment decision whose DfE factors (domain/factorCodes.ts) include 12A "Trafficking" or
 *   24A "Child criminal exploitation" raises an NRM referral. Criminal exploitation (county lines)
 *   is a form of modern slavery: the Modern Slavery Act 2015 statutory guidance treats exploited
 *   children as potential victims to be referred, and a child does not need to consent.
 * - No DfE factor code means "child missing education" (the factors stop at 24A; there is no
 *   education code), so no factor raises the education action. A chronology entry of the category
 *   "missing education" (not on a school roll, or not going) raises it, unless the education service
 *   is who told us; it can also be raised by hand from the assessment's safeguarding actions page.
 *   Whether it applies to a child of this age is educationActionApplies (features/tasks/kinds.ts),
 *   used by whichever path raises it.
 * - A chronology entry typed as a police incident or a domestic abuse incident records a crime
 *   reported or suspected (the form has no separate "crime suspected" question, so the category is
 *   the rule), and raises "tell the police now", unless the police are who told us (an agency whose
 *   name says police): then they already know.
 */

export type RaisedKind = 'tell-police' | 'education-service' | 'nrm-referral';

export type RaisedAction = { kind: RaisedKind; reason: string };

/** DfE factor codes that mean trafficking or modern slavery, with why. */
export const NRM_FACTORS: Record<string, string> = {
  '12A': 'The assessment identified trafficking (DfE factor 12A)',
  '24A': 'The assessment identified child criminal exploitation (DfE factor 24A), a form of modern slavery',
};

/** Chronology categories that record a crime reported or suspected. */
export const CRIME_CATEGORIES: Record<string, string> = {
  'police-incident': 'A police incident was recorded on the chronology',
  'domestic-abuse': 'A domestic abuse incident was recorded on the chronology',
};

/** Chronology categories that record a child missing education. */
export const EDUCATION_CATEGORIES: Record<string, string> = {
  'missing-education': 'The chronology records that the child is missing education',
};

/** The safeguarding actions an assessment decision's factors raise (one per kind, reasons joined). */
export function actionsFromFactors(codes: readonly string[]): RaisedAction[] {
  const reasons = [...new Set(codes)].filter((c) => c in NRM_FACTORS).sort().map((c) => NRM_FACTORS[c]!);
  return reasons.length > 0 ? [{ kind: 'nrm-referral', reason: `${reasons.join('. ')}.` }] : [];
}

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
