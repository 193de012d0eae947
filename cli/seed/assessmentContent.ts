import { contentSectionsFor } from '../../src/domain/assessmentChecks';
import { harmSuspected, type AssessmentContent } from '../../src/domain/assessmentContent';
import { ageOn } from '../../src/domain/dates';
import type { Random } from '../../src/domain/random';
import { addDays, daysBetween } from '../../src/domain/workingDays';
import { parentsAndCarers, type FamilyMember } from '../../src/features/assessments/sections/page';
import type { AssessmentVariant } from '../../src/features/assessments/tables';
import { chooseAnswers, partAnalysis, partDecision, seededAnalysis, seededChecklist, seededDecision, type Answers, type Lean } from './assessmentDecision';
import { mainCarer } from './assessmentFamily';
import { partHomelessness, seededHomelessness } from './assessmentHomelessness';
import { THEMES, type Theme } from './assessmentThemes';
import { partTriangle, seededTriangle, type Words } from './assessmentTriangle';
import { partIdentity, partVoices, seededIdentity, seededVoices } from './assessmentVoices';

export type { Lean } from './assessmentDecision';

/**
 * The content of a seeded assessment beyond its plan (A4-A9), in exactly the shapes the section
 * pages save (the types come from domain/assessmentContent.ts). An authorised assessment has every
 * section complete and the manager's checklist answered, so the content part of the authorise
 * route's checks (authorisationBlockers) finds nothing; the plan, late reasons and checkpoint
 * decisions are assessmentRows.ts's. One sent for authorisation has every content section complete;
 * one in progress has the sections a worker would have reached by now, the next one part written.
 * Deterministic for the same Random.
 */
export type ContentAbout = {
  childId: string;
  firstName: string;
  dateOfBirth: string | null;
  /** The adults around the child on day 0 (assessmentFamily.ts). */
  family: FamilyMember[];
  ethnicity: string | null;
  religion: string | null;
  firstLanguage: string | null;
  disabilities: string[];
  /** The referral's main need code, used for the decision when it is one. */
  referralNeed: string | null;
  lean: Lean | null;
  /** Who did the assessment: hears the child and agrees the decision. */
  worker: { id: string; name: string } | null;
};

export type ContentStage = 'in-progress' | 'submitted' | 'authorised';

export type ContentWhen = { variant: AssessmentVariant; stage: ContentStage; planCompleted: boolean; dayZero: string; startedOn: string; until: string };

/** -1 for a baby not yet born on day 0 (a pre-birth assessment), otherwise the age in years. */
function ageAt(about: ContentAbout, when: ContentWhen): number {
  if (!about.dateOfBirth || about.dateOfBirth > when.dayZero) return when.variant === 'pre-birth' ? -1 : 0;
  return ageOn(about.dateOfBirth, when.dayZero);
}

/** A theme for the child's age: one where harm is possible when it is suspected, one without when the outcome is light. */
function themeFor(r: Random, age: number, answers: Answers, variant: AssessmentVariant): Theme {
  const suspected = harmSuspected(answers);
  const fits = THEMES.filter((t) => age >= t.ages[0] && age <= t.ages[1] && (suspected || !t.suspectedOnly));
  const light = variant === 'early-help' || answers.outcome === 'nfa' || answers.outcome === 'early-help';
  const wanted = suspected ? fits.filter((t) => t.harm) : light ? fits.filter((t) => !t.harm) : fits;
  return r.pick(wanted.length > 0 ? wanted : fits.length > 0 ? fits : THEMES);
}

function wordsFor(about: ContentAbout, carer: FamilyMember | null): Words {
  const carerName = carer ? (carer.name.split(' ')[0] ?? carer.name) : 'Mum';
  const parent = !carer || carer.relationship === 'mother' ? 'Mum' : carer.relationship === 'father' ? 'Dad' : carerName;
  return { child: about.firstName, carer: carerName, parent };
}

/** Sections complete, then one part written, as far as a worker would have got by `until`. */
function reached(r: Random, when: ContentWhen, sections: number): { complete: number; part: boolean } {
  const share = Math.min(1, Math.max(0, daysBetween(when.startedOn, when.until) / 63));
  const complete = Math.max(0, Math.min(sections - 1, Math.round(share * (sections - 1)) + r.int(-1, 1)));
  // Workers often start the triangle before the plan is agreed, but rarely get far.
  return { complete: when.planCompleted ? complete : Math.min(complete, 2), part: r.chance(0.8) };
}

export function seededContent(r: Random, about: ContentAbout, when: ContentWhen): AssessmentContent {
  const age = ageAt(about, when);
  const answers = chooseAnswers(r, about.lean, when.variant);
  const theme = themeFor(r, age, answers, when.variant);
  const carer = mainCarer(about.family);
  const words = wordsFor(about, carer);
  const workerName = about.worker?.name ?? null;
  const separately = when.variant === 'specialist' ? parentsAndCarers(about.family).slice(0, 2) : [];
  const triangle = { age, theme, words, childId: about.childId, carerId: carer?.id ?? null, separately };
  const voices = seededVoices(r, { age, words, theme, family: about.family, carerId: carer?.id ?? null, workerName, from: when.startedOn, until: when.until });
  const professional = voices.professionals[0];
  const family = voices.adults.find((a) => a.heard === 'yes')?.name ?? words.carer;
  const full = {
    'developmental-needs': seededTriangle(r, 'developmental-needs', triangle),
    'parenting-capacity': seededTriangle(r, 'parenting-capacity', triangle),
    'family-environment': seededTriangle(r, 'family-environment', triangle),
    voices,
    identity: seededIdentity(r, { age, words, ethnicity: about.ethnicity, religion: about.religion, firstLanguage: about.firstLanguage, disabilities: about.disabilities }),
    analysis: seededAnalysis(r, { theme, words, age, answers, scoredBy: { worker: workerName ?? 'Social worker', family, professional: professional ? `${professional.name}, ${professional.agency}` : 'Class teacher' } }),
    decision: seededDecision(r, { theme, words, answers, referralNeed: about.referralNeed, agreed: null, unborn: age < 0 }),
    // Its own fork, so the other assessments are seeded as before it was added.
    homelessness: seededHomelessness(r.fork('homelessness'), { words, answers, from: when.startedOn, until: when.until }),
  } satisfies Required<Omit<AssessmentContent, 'checklist'>>;
  const sections = contentSectionsFor(when.variant);
  const { homelessness, ...always } = full;
  const whole: AssessmentContent = sections.includes('homelessness') ? { ...always, homelessness } : always;

  if (when.stage !== 'in-progress') {
    const agreedOn = addDays(when.until, -r.int(0, 3));
    const on = agreedOn < when.startedOn ? when.startedOn : agreedOn;
    full.decision.workerAgreed = about.worker ? { userId: about.worker.id, name: about.worker.name, on } : null;
    return when.stage === 'authorised' ? { ...whole, checklist: seededChecklist(r, { words, age, voices }) } : whole;
  }

  const { complete, part } = reached(r, when, sections.length);
  const content: AssessmentContent = {};
  const put = <K extends keyof typeof full>(key: K, value: (typeof full)[K]) => Object.assign(content, { [key]: value });
  sections.slice(0, complete).forEach((key) => put(key, full[key]));
  const next = sections[complete];
  if (part && next) {
    if (next === 'voices') put(next, partVoices(full.voices));
    else if (next === 'identity') put(next, partIdentity(full.identity));
    else if (next === 'analysis') put(next, partAnalysis(full.analysis));
    else if (next === 'homelessness') put(next, partHomelessness(full.homelessness));
    else if (next === 'decision') put(next, partDecision(full.decision));
    else put(next, partTriangle(r, full[next]));
  }
  return content;
}
