/**
 * The manager's checklist against the record (A9). Each item says what the record shows beside it:
 * the visits recorded during the assessment (who was seen, seen alone, the bedroom seen, the child's
 * own words), the views recorded in the voices section, and whether the analysis and the decision are
 * complete. When a ticked item is not borne out by the record, authorisation is refused unless the
 * manager says why they are satisfied all the same (for example, the child was seen alone at school
 * and the visit is recorded as a case note). Pure: the caller reads the visits.
 */
import { sectionProblems, type Problem } from './assessmentChecks';
import { CHECKLIST_ITEMS, choiceLabel, OUTCOMES, type AssessmentContent } from './assessmentContent';
import { formatDate } from './dates';

/** What the visits recorded since the assessment began say about one child. */
export type VisitEvidence = {
  childId: string;
  visits: number;
  seen: number;
  seenAlone: number;
  bedroomSeen: number;
  withWords: number;
  lastSeenOn: string | null;
  lastSeenAloneOn: string | null;
  lastBedroomSeenOn: string | null;
};

export type NamedPerson = { id: string; name: string; relationship: string | null };

export type EvidenceFacts = {
  /** Day 0 of the assessment: visits on or after it count. */
  from: string;
  child: { id: string; name: string; unborn: boolean };
  /** The other children living with the child now (those this user may see). */
  householdChildren: NamedPerson[];
  /** The parents, carers and significant adults around the child (A5). */
  parents: NamedPerson[];
  visits: VisitEvidence[];
};

export type ChecklistKey = 'childSeenAlone' | 'allChildrenSeen' | 'homeVisited' | 'parentsSeen' | 'analysisComplete' | 'evidenceSupports';

/** What the record says about one item, and what in it does not bear a tick out (empty when nothing). */
export type ItemEvidence = { says: string[]; gaps: string[] };

const blank = (v: string | null | undefined) => !v || v.trim() === '';
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
const named = (p: NamedPerson) => (p.relationship ? `${p.name} (${p.relationship})` : p.name);
const none = (childId: string): VisitEvidence => ({ childId, visits: 0, seen: 0, seenAlone: 0, bedroomSeen: 0, withWords: 0, lastSeenOn: null, lastSeenAloneOn: null, lastBedroomSeenOn: null });

export function checklistEvidence(content: AssessmentContent, facts: EvidenceFacts): Record<ChecklistKey, ItemEvidence> {
  const visitsOf = (id: string) => facts.visits.find((v) => v.childId === id) ?? none(id);
  const since = `since the assessment began on ${formatDate(facts.from)}`;
  const child = facts.child;
  const own = visitsOf(child.id);
  const voice = content.voices?.child;

  const seenAlone: ItemEvidence = { says: [], gaps: [] };
  if (own.seenAlone > 0) seenAlone.says.push(`Visits ${since}: ${child.name} was seen alone ${times(own.seenAlone)}, last on ${formatDate(own.lastSeenAloneOn)}.`);
  else {
    seenAlone.says.push(`No visit recorded ${since} says ${child.name} was seen alone.`);
    seenAlone.gaps.push(`no visit recorded during the assessment says ${child.name} was seen alone`);
  }
  if (voice?.seenAlone === 'yes') seenAlone.says.push('The child’s voice section says they were seen alone.');
  else if (voice?.seenAlone === 'no') {
    seenAlone.says.push(`The child’s voice section says they were not seen alone: ${voice.notSeenAloneReason ?? 'no reason given'}.`);
    seenAlone.gaps.push('the child’s voice section says they were not seen alone');
  } else seenAlone.says.push('The child’s voice section does not say whether they were seen alone.');
  const wordsInVoices = !blank(voice?.words) || !blank(voice?.observations);
  if (wordsInVoices || own.withWords > 0) {
    seenAlone.says.push(`Their own words are recorded${wordsInVoices ? ' in the child’s voice section' : ''}${own.withWords > 0 ? `${wordsInVoices ? ' and' : ''} at ${own.withWords === 1 ? 'one visit' : `${own.withWords} visits`}` : ''}.`);
  } else {
    seenAlone.says.push('Their own words are not recorded.');
    seenAlone.gaps.push('the child’s own words are not recorded');
  }

  const allChildren: ItemEvidence = { says: [], gaps: [] };
  const children = [...(child.unborn ? [] : [{ id: child.id, name: child.name, relationship: null }]), ...facts.householdChildren];
  const unseen: string[] = [];
  for (const c of children) {
    const v = visitsOf(c.id);
    if (v.seen > 0) allChildren.says.push(`${c.name}: seen ${times(v.seen)} ${since}, last on ${formatDate(v.lastSeenOn)}.`);
    else {
      allChildren.says.push(`${c.name}: not seen at any visit recorded ${since}.`);
      unseen.push(c.name);
    }
  }
  if (children.length === 0) allChildren.says.push('No child living in the household is recorded.');
  if (unseen.length > 0) allChildren.gaps.push(`no visit recorded during the assessment says ${unseen.join(', ')} ${unseen.length === 1 ? 'was' : 'were'} seen`);

  const home: ItemEvidence = { says: [], gaps: [] };
  if (own.bedroomSeen > 0) home.says.push(`Visits ${since}: the child’s bedroom was seen ${times(own.bedroomSeen)}, last on ${formatDate(own.lastBedroomSeenOn)}.`);
  else {
    home.says.push(`No visit recorded ${since} says the child’s bedroom was seen${own.visits > 0 ? ` (${own.visits === 1 ? 'one visit' : `${own.visits} visits`} recorded)` : ''}.`);
    home.gaps.push('no visit recorded during the assessment says the child’s bedroom was seen');
  }

  const parents: ItemEvidence = { says: [], gaps: [] };
  const views = [...(content.voices?.adults ?? []), ...(content.voices?.wider ?? [])];
  const notHeard: string[] = [];
  for (const p of facts.parents) {
    const row = views.find((v) => v.personId === p.id);
    if (row?.heard === 'yes' && !blank(row.view)) parents.says.push(`${named(p)}: views recorded${row.heardOn ? ` on ${formatDate(row.heardOn)}` : ''}.`);
    else {
      parents.says.push(row?.heard === 'no' ? `${named(p)}: views not heard: ${row.notHeardReason ?? 'no reason given'}.` : `${named(p)}: no views recorded.`);
      notHeard.push(p.name);
    }
  }
  if (facts.parents.length === 0) parents.says.push('No parent or carer is recorded in the child’s family.');
  if (notHeard.length > 0) parents.gaps.push(`the views of ${notHeard.join(', ')} are not recorded`);

  const analysis: ItemEvidence = { says: [], gaps: [] };
  const analysisMissing = sectionProblems('analysis', content, { variant: 'standard' });
  if (content.analysis?.completed && analysisMissing.length === 0) analysis.says.push('The analysis section is complete.');
  else {
    analysis.says.push(content.analysis?.completed ? 'The analysis section is marked as completed, but parts are missing.' : 'The analysis section is not marked as completed.');
    analysis.gaps.push('the analysis section is not complete');
  }

  const evidence: ItemEvidence = { says: [], gaps: [] };
  const outcome = choiceLabel(OUTCOMES, content.decision?.outcome);
  if (content.decision?.completed && outcome) evidence.says.push(`The decision: ${outcome}. Whether the evidence supports it is your judgement.`);
  else {
    evidence.says.push('The decision section is not complete.');
    evidence.gaps.push('the decision section is not complete');
  }

  return { childSeenAlone: seenAlone, allChildrenSeen: allChildren, homeVisited: home, parentsSeen: parents, analysisComplete: analysis, evidenceSupports: evidence };
}

/** The field on the checklist page where the manager says why they ticked an item the record does not bear out. */
export const overrideField = (key: string) => `items-${key}-override`;

/** A ticked item the record does not bear out, without the manager's reason: authorisation is refused. */
export function checklistEvidenceProblems(content: AssessmentContent, facts: EvidenceFacts): Problem[] {
  const evidence = checklistEvidence(content, facts);
  const problems: Problem[] = [];
  for (const item of CHECKLIST_ITEMS) {
    const answer = content.checklist?.items[item.value as ChecklistKey];
    const gaps = evidence[item.value as ChecklistKey].gaps;
    if (!answer?.ticked || gaps.length === 0 || !blank(answer.reason)) continue;
    problems.push({ section: 'checklist', field: overrideField(item.value), message: `Checklist: you ticked ‘${item.text}’, but ${gaps.join(', and ')}. Say why you are satisfied, or change your answer` });
  }
  return problems;
}
