/**
 * Everything that must be true before an assessment goes to the manager or is authorised, beyond its
 * content sections (assessmentChecks.ts): the assessment plan agreed with the family (A3), with a
 * team manager's approval of any decision not to use an interpreter; reasons recorded once the
 * assessment went past its final date (A2); and, before authorisation, the manager's decision at
 * every checkpoint that has come due (A2); the views of every parent, carer and significant adult
 * known around the child, or why they were not heard (A5); and, before authorisation, the manager's
 * checklist borne out by the record (A9, checklistEvidence.ts), by a manager other than the one who
 * agreed with the decision as the worker (A8, decisionAgreement.ts). Each problem names the page that
 * puts it right, so the error summary links straight there. Pure: the caller passes today and what is stored.
 */
import type { AssessmentContent, VoicesContent } from './assessmentContent';
import { checklistProblems, submissionProblems, type Problem } from './assessmentChecks';
import { checklistEvidenceProblems, type EvidenceFacts, type NamedPerson } from './checklistEvidence';
import { twoPeopleProblems } from './decisionAgreement';
import { formatDate } from './dates';
import { checkpointStates, needsLateReasons } from './timescales';

export type AssessmentFacts = {
  variant: string;
  /** The stored plan section (content.plan), read leniently: anything missing counts as not written. */
  plan: unknown;
  today: string;
  /** The final date (the last checkpoint, or sooner for a pre-birth assessment). */
  dueOn: string;
  lateReason: string | null;
  checkpoints: readonly { day: number; dueOn: string; decision: string | null }[];
  /** The parents, carers and significant adults in the child's household and relationships (A5); read where the page needs them. */
  adults?: readonly NamedPerson[];
  /** What the record says, for the manager's checklist (A9); read before authorisation. */
  evidence?: EvidenceFacts;
  /** The manager who would authorise (A8): not the one who agreed with the decision as the worker. */
  authoriserId?: string;
};

/** The plan's answers, as its form stores them (features/assessments/planValues.ts). */
const INTERPRETER_CHOICES = ['not-needed', 'needed', 'not-using'];
const CONSENT_CHOICES = ['given', 'refused', 'not-sought'];

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** What the plan still needs: what its form asks for before it can be marked completed, and the approval. */
export function planProblems(plan: unknown): Problem[] {
  const p = record(plan);
  const problems: Problem[] = [];
  const at = (field: string, message: string, page?: string) => problems.push({ section: 'plan', field, message, ...(page ? { page } : {}) });
  if (blank(p.aims)) at('aims', 'Enter the aims agreed with the family');
  const seen = Array.isArray(p.seen) ? p.seen : [];
  if (!seen.some((row) => !blank(record(row).who))) at('seen-0-who', 'Add at least one person who will be seen');
  if (typeof p.interpreter !== 'string' || !INTERPRETER_CHOICES.includes(p.interpreter)) at('interpreter', 'Say whether an interpreter is needed');
  else if (p.interpreter === 'needed' && blank(p.interpreterLanguage)) at('interpreterLanguage', 'Enter the language the interpreter is needed for');
  else if (p.interpreter === 'not-using') {
    const approval = record(p.interpreterApproval);
    if (blank(p.interpreterNotUsedReasons)) at('interpreterNotUsedReasons', 'Enter why an interpreter will not be used');
    else if (blank(approval.approvedBy) || blank(approval.reasons)) {
      at('reasons', 'A team manager must approve the decision not to use an interpreter, with their reasons', 'sections/plan/interpreter-approval');
    }
  }
  if (typeof p.consent !== 'string' || !CONSENT_CHOICES.includes(p.consent)) at('consent', 'Say what the family said about consent');
  else if (p.consent !== 'given' && blank(p.consentDetails)) at('consentDetails', p.consent === 'refused' ? 'Enter what the family said and what happens now' : 'Enter why consent was not asked for');
  if (p.completed !== true) at('completed', 'Mark this section as completed');
  return problems;
}

/** Past its final date and still open, the assessment needs the worker's reasons (A2). */
export function latenessProblems(facts: Pick<AssessmentFacts, 'today' | 'dueOn' | 'lateReason'>): Problem[] {
  if (!needsLateReasons({ status: 'in-progress', dueOn: facts.dueOn, today: facts.today, authorisedOn: null, lateReason: facts.lateReason })) return [];
  return [{ section: 'timescale', field: 'reasons', page: 'late-reasons', message: `Record why the assessment went past its final date (${formatDate(facts.dueOn)})` }];
}

/** Every checkpoint due by today needs the manager's recorded decision, unless a decision to close made it unnecessary. */
export function checkpointProblems(facts: Pick<AssessmentFacts, 'today' | 'checkpoints'>): Problem[] {
  return checkpointStates(facts.checkpoints, facts.today, facts.today)
    .filter((c) => c.state === 'decision-needed')
    .map((c) => ({ section: 'checkpoints', field: 'decision', page: `checkpoints/${c.day}`, message: `Record the manager’s decision at the working day ${c.day} checkpoint, due on ${formatDate(c.dueOn)}` }));
}

/**
 * Each parent, carer and significant adult known around the child must be in the voices section,
 * with their views or the reason they were not heard (the rows themselves are checked with the
 * section). Named one by one, so the worker knows who is missing.
 */
export function voiceCoverageProblems(voices: VoicesContent | undefined, adults: readonly NamedPerson[]): Problem[] {
  const listed = new Set([...(voices?.adults ?? []), ...(voices?.wider ?? [])].map((row) => row.personId).filter((id): id is string => !!id));
  return adults
    .filter((a) => !listed.has(a.id))
    .map((a) => ({ section: 'voices', field: 'adults', message: `Record the views of ${a.name}${a.relationship ? ` (${a.relationship})` : ''}, or say why they were not heard` }));
}

/** What stops a worker sending the assessment to their manager: the plan, every content section, each adult's views, the reasons if it is late. */
export function submissionBlockers(content: AssessmentContent, facts: AssessmentFacts): Problem[] {
  return [...planProblems(facts.plan), ...submissionProblems(content, { variant: facts.variant }), ...voiceCoverageProblems(content.voices, facts.adults ?? []), ...latenessProblems(facts)];
}

/**
 * What stops a manager authorising: all of that, the due checkpoint decisions, this manager having
 * agreed with the decision as the worker (two people agree it, A8) and the checklist (borne out by
 * the record), in the order of the pages.
 */
export function authorisationBlockers(content: AssessmentContent, facts: AssessmentFacts): Problem[] {
  const evidence = facts.evidence ? checklistEvidenceProblems(content, facts.evidence) : [];
  return [...submissionBlockers(content, facts), ...checkpointProblems(facts), ...twoPeopleProblems(content.decision, facts.authoriserId), ...checklistProblems(content), ...evidence];
}
