/**
 * Pure checks on an assessment's content (A4-A9): what a section still needs before it can be
 * marked as completed, and what stops a worker submitting it or a manager authorising it. Each
 * problem names the section and the id of the field on that section's page, so an error summary
 * can link straight to it.
 */
import { ASSESSMENT_SECTIONS, sectionApplies } from './assessmentSections';
import {
  CHECKLIST_ITEMS,
  DIMENSIONS,
  harmSuspected,
  type AnalysisContent,
  type AssessmentContent,
  type DecisionContent,
  type DimensionContent,
  type IdentityContent,
  type PersonView,
  type TriangleContent,
  type TriangleKey,
  type VoicesContent,
} from './assessmentContent';
import { checkFactors } from './factorCodes';
import { homelessnessProblems } from './homelessness';

export type CheckedSection = TriangleKey | 'voices' | 'identity' | 'analysis' | 'homelessness' | 'decision' | 'checklist';
/** Where a problem is put right: a content section, or (assessmentReadiness.ts) the plan, the timescale or a checkpoint. */
export type ProblemPlace = CheckedSection | 'plan' | 'timescale' | 'checkpoints';
/** `page` is the address under the assessment that puts it right, when it is not the section's own page. */
export type Problem = { section: ProblemPlace; field: string; message: string; page?: string };
export type CheckContext = { variant: string };

/** The sections a worker completes, in order; all those of the assessment's kind must be complete before submitting or authorising. */
export const CONTENT_SECTIONS: Exclude<CheckedSection, 'checklist'>[] = ['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'homelessness', 'decision'];

/** The content sections of an assessment of this kind (the homelessness section is only in a homelessness assessment). */
export function contentSectionsFor(variant: string): Exclude<CheckedSection, 'checklist'>[] {
  return CONTENT_SECTIONS.filter((key) => sectionApplies(key, variant));
}

const OTHER_PLACES: Record<string, string> = { timescale: 'Timescale', checkpoints: 'Checkpoint decisions' };

export function sectionLabel(key: string): string {
  return ASSESSMENT_SECTIONS.find((s) => s.key === key)?.label ?? OTHER_PLACES[key] ?? key;
}

/** The page under the assessment's address that puts a problem right ("sections/voices", "late-reasons"). */
export function problemPage(problem: Pick<Problem, 'section' | 'page'>): string {
  return problem.page ?? `sections/${problem.section}`;
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const hasStatements = (d: DimensionContent | undefined) => !!d && d.strengths.length + d.worries.length > 0;

function triangleProblems(key: TriangleKey, section: TriangleContent | undefined, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  if (key === 'parenting-capacity' && context.variant === 'specialist') {
    const adults = section?.adults ?? [];
    if (adults.length === 0) problems.push({ section: key, field: 'adults', message: 'Record the parenting capacity of each parent or carer separately' });
    for (const adult of adults) {
      if (!DIMENSIONS[key].some((d) => hasStatements(adult.dimensions[d.key]))) {
        problems.push({ section: key, field: 'adults', message: `Add at least one strength or worry about ${adult.name}’s parenting` });
      }
    }
    return problems;
  }
  for (const dimension of DIMENSIONS[key]) {
    const content = section?.dimensions[dimension.key];
    if (!hasStatements(content) && blank(content?.notAssessedReason)) {
      problems.push({ section: key, field: `dimensions-${dimension.key}`, message: `${dimension.label}: add a strength or a worry, or say why it was not assessed` });
    }
  }
  return problems;
}

function viewProblems(prefix: string, rows: PersonView[]): Omit<Problem, 'section'>[] {
  const problems: Omit<Problem, 'section'>[] = [];
  rows.forEach((row, i) => {
    const at = `${prefix}-${i}`;
    if (row.heard === null) problems.push({ field: `${at}-heard`, message: `Say whether ${row.name}’s views were heard` });
    if (row.heard === 'yes' && blank(row.view)) problems.push({ field: `${at}-view`, message: `Record what ${row.name} said, in their words` });
    if (row.heard === 'yes' && !row.heardOn) problems.push({ field: `${at}-heardOn`, message: `Enter the date ${row.name}’s views were heard` });
    if (row.heard === 'no' && blank(row.notHeardReason)) problems.push({ field: `${at}-notHeardReason`, message: `Say why ${row.name}’s views were not heard` });
  });
  return problems;
}

function voicesProblems(voices: VoicesContent | undefined, context: CheckContext): Problem[] {
  const at = (p: Omit<Problem, 'section'>): Problem => ({ section: 'voices', ...p });
  const problems: Problem[] = [];
  const child = voices?.child;
  if (context.variant !== 'pre-birth') {
    if (blank(child?.words) && blank(child?.observations)) problems.push(at({ field: 'child-words', message: 'Record the child’s own words, or what you saw if the child does not use words' }));
    if (!child?.heardOn) problems.push(at({ field: 'child-heardOn', message: 'Enter the date the child was heard' }));
    if (!child?.seenAlone) problems.push(at({ field: 'child-seenAlone', message: 'Say whether the child was seen alone' }));
    if (child?.seenAlone === 'no' && blank(child.notSeenAloneReason)) problems.push(at({ field: 'child-notSeenAloneReason', message: 'Say why the child was not seen alone' }));
  }
  const adults = voices?.adults ?? [];
  if (adults.length === 0) problems.push(at({ field: 'adults', message: 'Record the views of each parent or carer, including parents who do not live with the child' }));
  problems.push(...viewProblems('adults', adults).map(at));
  const wider = voices?.wider ?? [];
  if (wider.length === 0 && blank(voices?.widerNotSoughtReason)) problems.push(at({ field: 'wider', message: 'Record the views of wider family, or say why they were not sought' }));
  problems.push(...viewProblems('wider', wider).map(at));
  if ((voices?.professionals ?? []).length === 0) problems.push(at({ field: 'professionals', message: 'Record the views of at least one professional who knows the child' }));
  return problems;
}

function identityProblems(identity: IdentityContent | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!identity?.ethnicity) problems.push({ section: 'identity', field: 'ethnicity', message: 'Select the child’s ethnicity, or ‘Information not yet obtained’' });
  if (blank(identity?.history)) problems.push({ section: 'identity', field: 'history', message: 'Describe the child’s history' });
  if (blank(identity?.considered)) problems.push({ section: 'identity', field: 'considered', message: 'Say how the child’s identity and history were considered in the analysis and the plan' });
  return problems;
}

const ANALYSIS_TEXT: [keyof AnalysisContent, string][] = [
  ['riskFactors', 'Describe the risk factors'],
  ['protectiveFactors', 'Describe the protective factors'],
  ['goingWell', 'Say what is going well'],
  ['worried', 'Say what we are worried about'],
  ['needsToHappen', 'Say what needs to happen'],
  ['hypotheses', 'Describe the explanations (hypotheses) you considered'],
  ['capacityToChange', 'Describe the family’s capacity to change'],
];

function analysisProblems(analysis: AnalysisContent | undefined, decision: DecisionContent | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const [field, message] of ANALYSIS_TEXT) if (blank(analysis?.[field] as string | null | undefined)) problems.push({ section: 'analysis', field, message });
  const scaledBy = new Set((analysis?.scaling ?? []).map((s) => s.who));
  const missing = [['worker', 'you'], ['family', 'the family'], ['professional', 'another professional']].filter(([who]) => !scaledBy.has(who!)).map(([, text]) => text);
  if (missing.length > 0) problems.push({ section: 'analysis', field: 'scaling', message: `Add a 0 to 10 score from ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}` });
  if (harmSuspected(decision)) {
    if ((analysis?.dangerStatements ?? []).length === 0) problems.push({ section: 'analysis', field: 'dangerStatements', message: 'Write at least one danger statement: harm is suspected' });
    if ((analysis?.safetyGoals ?? []).length === 0) problems.push({ section: 'analysis', field: 'safetyGoals', message: 'Write at least one safety goal: harm is suspected' });
  }
  return problems;
}

/** Decision problems, including the consistency of its answers and the factor code rules. */
export function decisionProblems(decision: DecisionContent | undefined, options: { complete: boolean }): Problem[] {
  const at = (field: string, message: string): Problem => ({ section: 'decision', field, message });
  const problems: Problem[] = [];
  const d = decision;
  if (options.complete) {
    if (!d?.childInNeed) problems.push(at('childInNeed', 'Say whether the child is a child in need (section 17)'));
    if (!d?.s47) problems.push(at('s47', 'Say whether there is reasonable cause to suspect significant harm (section 47)'));
    if (!d?.accommodation) problems.push(at('accommodation', 'Say whether the child needs to be accommodated'));
    if (!d?.outcome) problems.push(at('outcome', 'Select the outcome of the assessment'));
    if (blank(d?.reasons)) problems.push(at('reasons', 'Give the reasons for the decision'));
    if (((d?.outcome && d.outcome !== 'nfa') || d?.childInNeed === 'yes') && !d?.primaryNeed) problems.push(at('primaryNeed', 'Select the child’s main need'));
    if (!d?.workerAgreed) problems.push(at('workerAgrees', 'Confirm that you agree with this decision'));
  }
  if (d?.s47 === 'yes' && d.outcome && d.outcome !== 'strategy-discussion' && d.outcome !== 'emergency-action') {
    problems.push(at('outcome', 'When there is reasonable cause to suspect significant harm, the outcome must be a strategy discussion or emergency action'));
  }
  if (d?.childInNeed === 'no' && d.outcome === 'cin-plan') problems.push(at('outcome', 'A child in need plan is only for a child in need. Change the outcome or the answer about section 17'));
  if (d?.childInNeed === 'no' && d.accommodation && d.accommodation !== 'no') problems.push(at('accommodation', 'A child who needs to be accommodated is a child in need. Change one of the answers'));
  for (const p of checkFactors(d?.factors ?? [], { outcome: d?.outcome ?? null, complete: options.complete, otherFactor: d?.otherFactor ?? null })) {
    problems.push(at(p.rule === 'other-described' ? 'otherFactor' : 'factors', p.message));
  }
  return problems;
}

/** What a section still needs before it can be marked as completed (cross-section rules use the rest of the content). */
export function sectionProblems(key: Exclude<CheckedSection, 'checklist'>, content: AssessmentContent, context: CheckContext): Problem[] {
  switch (key) {
    case 'developmental-needs':
    case 'parenting-capacity':
    case 'family-environment':
      return triangleProblems(key, content[key], context);
    case 'voices':
      return voicesProblems(content.voices, context);
    case 'identity':
      return identityProblems(content.identity);
    case 'analysis':
      return analysisProblems(content.analysis, content.decision);
    case 'homelessness':
      return homelessnessProblems(content.homelessness, content.decision, { complete: true });
    case 'decision':
      return decisionProblems(content.decision, { complete: true });
  }
}

/** What the manager's checklist still needs: each item ticked, or unticked with the manager's reason. */
export function checklistProblems(content: AssessmentContent): Problem[] {
  const items = content.checklist?.items ?? {};
  const problems: Problem[] = [];
  for (const item of CHECKLIST_ITEMS) {
    const answer = items[item.value];
    if (!answer) problems.push({ section: 'checklist', field: `items-${item.value}-ticked`, message: `Checklist: answer ‘${item.text}’` });
    else if (!answer.ticked && blank(answer.reason)) problems.push({ section: 'checklist', field: `items-${item.value}-reason`, message: `Checklist: give your reason for not ticking ‘${item.text}’` });
  }
  return problems;
}

function contentProblems(content: AssessmentContent, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const key of contentSectionsFor(context.variant)) {
    const found = sectionProblems(key, content, context);
    problems.push(...found);
    if (!content[key]?.completed) problems.push({ section: key, field: 'completed', message: 'Mark this section as completed' });
  }
  return problems;
}

/**
 * The content part of what stops a worker sending the assessment to their manager: every content
 * section complete. The routes use submissionBlockers (assessmentReadiness.ts), which adds the plan
 * and the timescale.
 */
export function submissionProblems(content: AssessmentContent, context: CheckContext): Problem[] {
  return contentProblems(content, context);
}

/**
 * The content part of what stops a manager authorising: every content section complete and the
 * checklist answered. The routes use authorisationBlockers (assessmentReadiness.ts), which adds the
 * plan (A3), the reasons for lateness and the due checkpoint decisions (A2).
 */
export function authorisationProblems(content: AssessmentContent, context: CheckContext): Problem[] {
  return [...contentProblems(content, context), ...checklistProblems(content)];
}

/**
 * The fields of the assessment's content that are GOV.UK date inputs (day, month and year boxes):
 * when a view was heard (voices, in rows: `child-heardOn`, `adults-2-heardOn`), and the homelessness
 * section's first joint work with housing and when the young person was told their options.
 */
export const DATE_FIELDS = ['heardOn', 'housingContactedOn', 'toldOn'] as const;

/** The id an error summary links to: a date links to its day box (the date group itself cannot take focus). */
export function problemHref(problem: Pick<Problem, 'field'>): string {
  const last = problem.field.split('-').at(-1) ?? '';
  return (DATE_FIELDS as readonly string[]).includes(last) ? `${problem.field}-day` : problem.field;
}
