import { CHECKLIST_ITEMS, harmSuspected, type AnalysisContent, type ChecklistContent, type DecisionContent, type VoicesContent } from '../../src/domain/assessmentContent';
import { PRIMARY_NEED } from '../../src/domain/codes';
import { NO_FACTORS, OTHER_FACTOR } from '../../src/domain/factorCodes';
import type { Random } from '../../src/domain/random';
import type { AssessmentVariant } from '../../src/features/assessments/tables';
import {
  CAPACITY,
  CHECKLIST_COMMENTS,
  CHECKLIST_REASONS,
  FAMILY_SCORE_REASONS,
  GOING_WELL,
  GOING_WELL_YOUNG,
  NFA_NEXT,
  OUTCOME_REASONS,
  PROTECTIVE,
  PROTECTIVE_YOUNG,
  SCALING_REASONS,
  UNBORN_CAPACITY,
  UNBORN_CHECKLIST_COMMENTS,
  UNBORN_FAMILY_SCORE_REASONS,
  UNBORN_GOING_WELL,
  UNBORN_NFA_NEXT,
  UNBORN_OUTCOME_REASONS,
  UNBORN_PROTECTIVE,
  UNBORN_SCALING_REASONS,
} from './analysisTexts';
import type { Theme } from './assessmentThemes';
import { fill, type Words } from './assessmentTriangle';

/** What the records say the assessment led to, where they say it: it steers the decision. */
export type Lean = 'nfa' | 'early-help' | 'cin' | 'protection' | 'care';

/** The answers of the decision (A8), chosen before the rest so the analysis can follow from them. */
export type Answers = Pick<DecisionContent, 'childInNeed' | 's47' | 'accommodation' | 'outcome'>;

type Outcome = 'nfa' | 'early-help' | 'cin-plan' | 'specialist-assessment' | 'strategy-discussion' | 'emergency-action';

function outcomeFor(r: Random, lean: Lean | null, variant: AssessmentVariant): Outcome {
  if (lean === 'nfa' || lean === 'early-help') return lean;
  if (lean === 'protection') return r.chance(0.85) ? 'strategy-discussion' : 'emergency-action';
  if (lean === 'cin' || lean === 'care') return 'cin-plan';
  if (variant === 'early-help') return r.weighted([['early-help', 75], ['nfa', 15], ['cin-plan', 10]] as const);
  if (variant === 'specialist') return r.weighted([['cin-plan', 70], ['specialist-assessment', 30]] as const);
  if (variant === 'pre-birth') return r.weighted([['cin-plan', 50], ['strategy-discussion', 35], ['nfa', 15]] as const);
  if (variant === 'homelessness-16-17') return r.weighted([['cin-plan', 70], ['early-help', 20], ['nfa', 10]] as const);
  return r.weighted([['cin-plan', 45], ['early-help', 18], ['nfa', 14], ['strategy-discussion', 13], ['specialist-assessment', 7], ['emergency-action', 3]] as const);
}

/** Consistent answers, as decisionProblems wants them: s47 only with a strategy discussion or emergency action, accommodation only for a child in need. */
export function chooseAnswers(r: Random, lean: Lean | null, variant: AssessmentVariant): Answers {
  const drawn = outcomeFor(r, lean, variant);
  // A baby not born yet cannot be removed or accommodated: the most before the birth is a strategy discussion (and a child protection conference before the birth).
  const beforeBirth = variant === 'pre-birth';
  const outcome = beforeBirth && drawn === 'emergency-action' ? 'strategy-discussion' : drawn;
  const harm = outcome === 'strategy-discussion' || outcome === 'emergency-action';
  const accommodation =
    !beforeBirth && (lean === 'care' || (outcome === 'emergency-action' && r.chance(0.6)) || (variant === 'homelessness-16-17' && outcome === 'cin-plan' && r.chance(0.4))) ? 's20' : 'no';
  const childInNeed = outcome === 'nfa' || outcome === 'early-help' ? 'no' : 'yes';
  return { childInNeed, s47: harm ? 'yes' : 'no', accommodation, outcome };
}

const NEEDS = new Set(PRIMARY_NEED.map((n) => n.code));

export type ScoredBy = { worker: string; family: string; professional: string };

/** The analysis as the page saves it, following the theme and the answers (danger statements and safety goals where harm is suspected). */
export function seededAnalysis(r: Random, a: { theme: Theme; words: Words; age: number; answers: Answers; scoredBy: ScoredBy }): AnalysisContent {
  const { theme, words, answers } = a;
  const young = a.age < 5;
  // A baby not born yet: about the pregnancy and getting ready for the birth.
  const unborn = a.age < 0;
  const scalingReasons = unborn ? UNBORN_SCALING_REASONS : SCALING_REASONS;
  // After no further action the worries are what the referral raised, looked into and put to rest.
  const nfa = answers.outcome === 'nfa';
  const base = answers.s47 === 'yes' ? r.int(1, 3) : answers.outcome === 'nfa' ? r.int(7, 9) : answers.outcome === 'early-help' ? r.int(5, 7) : r.int(3, 6);
  const band = (score: number) => (score <= 3 ? 'low' : score <= 6 ? 'middle' : 'high');
  const family = Math.min(10, base + r.int(0, 3));
  const professional = Math.max(0, Math.min(10, base + r.int(-1, 1)));
  const risky = harmSuspected(answers) || (theme.harm && answers.outcome !== 'nfa' && r.chance(0.6));
  return {
    riskFactors: fill(nfa ? `The referral raised this: ${theme.risk}` : theme.risk, words),
    protectiveFactors: fill(r.pick(unborn ? UNBORN_PROTECTIVE : young ? PROTECTIVE_YOUNG : PROTECTIVE), words),
    goingWell: fill(r.pick(unborn ? UNBORN_GOING_WELL : young ? GOING_WELL_YOUNG : GOING_WELL), words),
    worried: fill(nfa ? `When the referral came in we were worried about this. ${theme.worried} What we found was reassuring.` : theme.worried, words),
    needsToHappen: fill(nfa ? r.pick(unborn ? UNBORN_NFA_NEXT : NFA_NEXT) : theme.needsToHappen, words),
    scaling: [
      { who: 'worker', name: a.scoredBy.worker, score: base, reason: fill(r.pick(scalingReasons[band(base)]), words) },
      { who: 'family', name: a.scoredBy.family, score: family, reason: r.pick(unborn ? UNBORN_FAMILY_SCORE_REASONS : FAMILY_SCORE_REASONS) },
      { who: 'professional', name: a.scoredBy.professional, score: professional, reason: r.chance(0.6) ? fill(r.pick(scalingReasons[band(professional)]), words) : null },
    ],
    dangerStatements: risky ? [{ text: fill(theme.danger, words) }] : [],
    safetyGoals: risky ? [{ text: fill(theme.safety, words) }] : [],
    hypotheses: fill(theme.hypotheses, words),
    capacityToChange: fill(r.pick(unborn ? UNBORN_CAPACITY : CAPACITY), words),
    completed: true,
  };
}

/** The analysis half way through: the worries written, the rest to come. */
export function partAnalysis(section: AnalysisContent): AnalysisContent {
  return { ...section, needsToHappen: null, hypotheses: null, capacityToChange: null, scaling: section.scaling.slice(0, 1), completed: false };
}

/**
 * The decision as the page saves it: factor codes from the theme (or 'no factors' after no further
 * action), the main need, the worker's agreement. For an `unborn` baby the reasons are a plan made
 * before the birth.
 */
export function seededDecision(
  r: Random,
  d: { theme: Theme; words: Words; answers: Answers; referralNeed: string | null; agreed: DecisionContent['workerAgreed']; unborn?: boolean },
): DecisionContent {
  const { theme, answers } = d;
  const outcome = answers.outcome ?? 'nfa';
  const reasons = (d.unborn ? UNBORN_OUTCOME_REASONS[outcome] : undefined) ?? OUTCOME_REASONS[outcome] ?? [];
  const factors = outcome === 'nfa' && r.chance(0.5) ? [NO_FACTORS] : [...r.pick(theme.factors)];
  const needed = answers.childInNeed === 'yes' || outcome !== 'nfa';
  const referralNeed = d.referralNeed && NEEDS.has(d.referralNeed) && d.referralNeed !== 'N9' && d.referralNeed !== 'N0' ? d.referralNeed : null;
  return {
    ...answers,
    reasons: outcome === 'nfa' ? fill(r.pick(reasons), d.words) : `${fill(theme.reason, d.words)} ${fill(r.pick(reasons), d.words)}`,
    factors,
    otherFactor: factors.includes(OTHER_FACTOR) ? (theme.otherFactor ?? 'Another worry about the family') : null,
    primaryNeed: needed ? (referralNeed ?? theme.need) : null,
    workerAgreed: d.agreed,
    completed: true,
  };
}

/** The decision half way through: the first two questions answered, nothing agreed. */
export function partDecision(section: DecisionContent): DecisionContent {
  return { ...section, accommodation: null, outcome: null, reasons: null, factors: [], otherFactor: null, primaryNeed: null, workerAgreed: null, completed: false };
}

/** The manager's checklist: every item answered, a reason wherever an item could not be ticked. */
export function seededChecklist(r: Random, c: { words: Words; age: number; voices: VoicesContent }): ChecklistContent {
  const { words } = c;
  const unheard = c.voices.adults.find((a) => a.heard !== 'yes');
  const seenAlone = c.voices.child.seenAlone === 'yes';
  const reasons: Record<string, string | null> = {
    childSeenAlone: seenAlone ? null : c.age < 0 ? CHECKLIST_REASONS.unborn! : c.age < 3 ? CHECKLIST_REASONS.childSeenAlone! : CHECKLIST_REASONS.childRefused!,
    allChildrenSeen: r.chance(0.08) ? CHECKLIST_REASONS.allChildrenSeen! : null,
    homeVisited: null,
    parentsSeen: unheard ? CHECKLIST_REASONS.parentsSeen! : null,
    analysisComplete: null,
    evidenceSupports: null,
  };
  const items: ChecklistContent['items'] = {};
  for (const item of CHECKLIST_ITEMS) {
    const reason = reasons[item.value] ?? null;
    items[item.value as keyof ChecklistContent['items']] = reason ? { ticked: false, reason: fill(reason, words, unheard?.name ?? '') } : { ticked: true, reason: null };
  }
  const comment = r.pick(c.age < 0 ? UNBORN_CHECKLIST_COMMENTS : CHECKLIST_COMMENTS);
  return { items, comments: comment ? fill(comment, words) : null };
}
