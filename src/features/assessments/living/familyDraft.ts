/**
 * A starting draft of the family's version of an assessment (A11), and of the child's version by age:
 * what is going well, what we are worried about, what needs to happen, and what we decided and why,
 * in short sentences with "you" and "we". It is built from the parts of the analysis written for the
 * family (the three columns, danger statements, safety goals, scaling: analysis.ts FAMILY_FACING_TEXTS)
 * and plain sentences of our own; never the professional text (the triangle, the risk and protective
 * factors, hypotheses, capacity to change, the decision's reasons). What we decided is said in plain
 * words from the choices made. For a homeless young person of 16 or 17 it says where they will live
 * (the duty owed). The worker edits it before it is shared.
 *
 * Where a family-facing answer is blank, and for why we decided what we did (the reasons are written
 * for professionals), the draft holds a placeholder in square brackets saying what the worker still
 * needs to write: "[Write what we are worried about in words the family will understand]". A version
 * is not saved, so cannot be downloaded or shared, while one remains (placeholderError).
 *
 * The text is plain: a blank line between paragraphs, a short line with no full stop is a heading,
 * and a line starting with "- " is a list item (familyText.ts reads it back for the page and the PDF).
 */
import type { AssessmentContent } from '../../../domain/assessmentContent';

export type Audience = 'family' | 'child';
export type AgeBand = 'young' | 'middle' | 'teen';
export type DraftInput = { childName: string; childAge: number | null; workerName: string | null; content: AssessmentContent };

/** The reading age each version is checked against. */
export const READING_AGE: Record<'family' | AgeBand, number> = { family: 13, young: 8, middle: 10, teen: 12 };

export function ageBand(age: number | null): AgeBand {
  if (age === null || age < 8) return 'young';
  return age < 12 ? 'middle' : 'teen';
}

export const AGE_BAND_LABELS: Record<AgeBand, string> = { young: 'under 8', middle: '8 to 11', teen: '12 and over' };

const FAMILY_OUTCOME: Record<string, (child: string) => string> = {
  nfa: (c) => `We have decided that ${c} does not need help from children’s social care now, so we will not do anything more. If things change, you can contact us again.`,
  'early-help': () => 'We think early help would be good for your family. Early help workers work with families to make things better. It is your choice whether to take this help.',
  'cin-plan': (c) => `We think ${c} needs extra help to be safe and well. We will make a child in need plan with you. It will say what will happen, who will do it and by when. We will meet you to check how it is going.`,
  'specialist-assessment': () => 'We need to understand more before we decide. We have asked a specialist worker to meet you.',
  'strategy-discussion': (c) => `We are worried that ${c} may be being harmed. We will talk with the police and health workers about what to do next, and we will look into this more closely. This is called a child protection enquiry.`,
  'emergency-action': (c) => `We had to act quickly to keep ${c} safe. We will explain what happens next and what your rights are. You can get free advice from a solicitor.`,
};

const CHILD_OUTCOME: Record<string, string> = {
  nfa: 'Your family does not need help from a social worker now.',
  'early-help': 'A worker from the early help team is going to help your family.',
  'cin-plan': 'Your family is going to get some extra help. I will keep coming to see you.',
  'specialist-assessment': 'Another worker is going to meet your family to find out more.',
  'strategy-discussion': 'Some grown-ups whose job is to keep children safe, like the police and doctors, are going to talk about how to keep you safe.',
  'emergency-action': 'We needed to make sure you were safe straight away.',
};

/** The other choices of the decision, in plain words, where the outcome does not already say them. */
function familyChoices(decision: AssessmentContent['decision'], child: string, homeless: boolean): string[] {
  if (!decision) return [];
  const out: string[] = [];
  const outcome = decision.outcome ?? '';
  if (decision.childInNeed === 'yes' && ['early-help', 'specialist-assessment'].includes(outcome)) {
    out.push(`We think ${child} is a child in need. This means ${child} needs extra help to be safe and well, or to grow up healthy.`);
  }
  if (decision.s47 === 'yes' && !['strategy-discussion', 'emergency-action'].includes(outcome)) {
    out.push(`We are worried that ${child} may be being harmed, so we will look into this more closely with the police and health workers. This is called a child protection enquiry.`);
  }
  // For a homeless young person the duty owed says where they will live, under its own heading.
  if (!homeless && decision.accommodation === 's20') {
    out.push(`You agreed that ${child} will be looked after by the council for now, and we will find ${child} a safe place to live. This is called accommodation under section 20. You can change your mind: tell us if you want ${child} to come home.`);
  }
  if (!homeless && decision.accommodation === 's31a') {
    out.push(`${child} will be looked after by the council under a care order. We will write a care plan that says how ${child} will be cared for. You can get free advice from a solicitor.`);
  }
  return out;
}

/** The same for the child, where they will live somewhere else. */
function childChoices(decision: AssessmentContent['decision'], homeless: boolean): string | null {
  if (homeless || !decision || (decision.accommodation !== 's20' && decision.accommodation !== 's31a')) return null;
  return 'For now, you are going to live somewhere safe, with people who will look after you. I will tell you where, and what happens next.';
}

/** What the worker still has to write, in square brackets, for the reader named ("the family", or the child's name). */
export function placeholder(what: string, reader: string): string {
  return `[Write ${what} in words ${reader} will understand]`;
}

const PLACEHOLDER = /\[Write ([^\]\n]{1,120}?) in words ([^\]\n]{1,80}?) will understand\]/g;

/** The placeholders left in a version's text: what the worker still has to write, in order. */
export function familyPlaceholders(value: string): string[] {
  return [...value.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** The text with each placeholder replaced by what `fill` writes for it (the demo seed's saved versions). */
export function fillPlaceholders(value: string, fill: (what: string, reader: string) => string): string {
  return value.replace(PLACEHOLDER, (_, what: string, reader: string) => fill(what, reader));
}

const listed = (parts: string[]) => (parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/** The error for a version with placeholders left in it ("Write what we are worried about in words the family will understand"), or null. */
export function placeholderError(value: string): string | null {
  const byReader = new Map<string, string[]>();
  for (const m of value.matchAll(PLACEHOLDER)) {
    const list = byReader.get(m[2]!) ?? [];
    if (!list.includes(m[1]!)) list.push(m[1]!);
    byReader.set(m[2]!, list);
  }
  if (byReader.size === 0) return null;
  return [...byReader].map(([reader, whats]) => `Write ${listed(whats)} in words ${reader} will understand`).join('. ');
}

/** Where a homeless young person of 16 or 17 will live: the duty owed (domain/homelessness.ts), for their parents. */
const FAMILY_HOME: Record<string, (child: string) => string> = {
  s20: (c) => `${c} will be looked after by the council, and we will find ${c} a safe place to live. This is called accommodation under section 20. ${c} agreed to it. ${c} will have a social worker and a plan, and help after leaving care.`,
  'cin-support': (c) => `We will help ${c} and your family so that ${c} has a safe place to live, at home or with family.`,
  'housing-referral': (c) => `We have asked the council’s housing team to help ${c} find somewhere to live. They will get in touch with ${c}.`,
  none: (c) => `We do not think ${c} needs our help with where to live now. If that changes, you or ${c} can contact us again.`,
  /** Section 20 owed, but the young person has not said yes to it (yet). */
  's20-not-agreed': (c) => `The council can look after ${c} and find ${c} a safe place to live. This is called accommodation under section 20. It is ${c}’s choice, and ${c} has not said yes yet. If ${c} does, ${c} will have a social worker and a plan, and help after leaving care.`,
};

/** The same, for the young person. */
const CHILD_HOME: Record<string, string> = {
  s20: 'You told us you want a safe place to live, and we agreed. We will find you somewhere to live, and the council will look after you. This is called accommodation under section 20. You will have a social worker, a plan and meetings to check how it is going, and help when you leave care.',
  'cin-support': 'We will help you and your family so that you have a safe place to live. We will tell you what help we will give, and check with you how it is going.',
  'housing-referral': 'We have asked the council’s housing team to help you find somewhere to live. If you change your mind about being looked after by us, tell me.',
  none: 'We do not think you need our help with where you live now. You can contact us again if things change.',
  's20-not-agreed': 'We can find you somewhere to live, and the council will look after you. This is called accommodation under section 20. It is your choice, and you have not said yes yet. Tell me when you have decided, or if you have questions. If you say yes, you will have a social worker, a plan, and help when you leave care.',
};

/** Which words on where the young person will live: the duty owed, and for section 20 whether they agreed to it. */
function homeKey(homelessness: { duty: string | null; wantsAccommodation: string | null } | undefined): string | null {
  if (!homelessness?.duty) return null;
  return homelessness.duty === 's20' && homelessness.wantsAccommodation !== 'yes' ? 's20-not-agreed' : homelessness.duty;
}

const text = (value: string | null | undefined) => (value ?? '').replace(/\r\n?/g, '\n').trim();
const items = (list: { text: string }[] | undefined) => (list ?? []).map((l) => `- ${text(l.text)}`).filter((l) => l.length > 2);

function section(heading: string, ...parts: (string | string[] | null | undefined)[]): string[] {
  const body = parts.flatMap((p) => (Array.isArray(p) ? (p.length ? [p.join('\n')] : []) : p ? [p] : []));
  return body.length ? [heading, ...body] : [];
}

/** The parents' version: a starting draft for the worker to make their own. */
export function familyDraft(input: DraftInput): string {
  const { childName: child } = input;
  const analysis = input.content.analysis;
  const decision = input.content.decision;
  const scaling = (analysis?.scaling ?? []).map((s) => `- ${s.who === 'worker' ? 'We' : s.name} said ${s.score}${s.reason ? `, because ${text(s.reason).replace(/\.$/, '')}` : ''}.`);
  const outcome = decision?.outcome ? FAMILY_OUTCOME[decision.outcome]?.(child) : null;
  const home = homeKey(input.content.homelessness);
  const write = (what: string) => placeholder(what, 'the family');
  const intro = `${input.workerName ? `I am ${input.workerName}, ${child}’s social worker. ` : ''}We have been getting to know your family to understand what ${child} needs. This is what we found. We wrote it for you. If anything is wrong or hard to understand, please tell us.`;
  const blocks = [
    ...section('What this is about', intro),
    ...section('What is going well', text(analysis?.goingWell) || write('what is going well')),
    ...section('What we are worried about', text(analysis?.worried) || write('what we are worried about'), items(analysis?.dangerStatements).length ? ['We are worried that:', ...items(analysis?.dangerStatements)] : null),
    ...section('What needs to happen', text(analysis?.needsToHappen) || write('what needs to happen'), items(analysis?.safetyGoals).length ? ['Things need to change so that:', ...items(analysis?.safetyGoals)] : null),
    ...section(
      'How worried we are',
      scaling.length ? `We asked people to give a score from 0 to 10. A score of 10 means ${child} is safe and well and we do not need to be involved. A score of 0 means things are so bad that we must act now.` : null,
      scaling,
    ),
    ...section(
      'What we decided and why',
      outcome ?? 'We have not decided yet. We will tell you as soon as we have.',
      outcome ? familyChoices(decision, child, !!home).join(' ') : null,
      outcome ? write('why we decided this') : null,
    ),
    ...section(`Where ${child} will live`, home ? FAMILY_HOME[home]?.(child) : null),
    ...section(
      'What happens next',
      'We will go through this with you. You can ask questions, tell us if you disagree, and have your views written down. If you are unhappy with what we decided, you can ask to speak to the team manager or make a complaint.',
    ),
  ];
  return blocks.join('\n\n');
}

/** The child's version, simpler for a younger child. */
export function childDraft(input: DraftInput): string {
  const band = ageBand(input.childAge);
  const analysis = input.content.analysis;
  const decision = input.content.decision;
  const voice = input.content.voices?.child;
  const name = input.childName;
  const me = input.workerName ? `My name is ${input.workerName}. I am a social worker.` : 'I am your social worker.';
  const decided = !!(decision?.outcome && CHILD_OUTCOME[decision.outcome]);
  const outcome = decided ? CHILD_OUTCOME[decision!.outcome!]! : 'We have not decided what will happen yet. I will tell you when we have.';
  const home = homeKey(input.content.homelessness);
  const elsewhere = decided ? childChoices(decision, !!home) : null;
  const write = (what: string) => placeholder(what, name);
  const words = text(voice?.words);
  const blocks = [
    ...section(`Hello ${name}`, `${me} My job is to help children be safe and happy. I have been talking to you and your family.`),
    ...section('What you told me', words ? `You told me: “${words}”` : null, words ? 'Thank you for telling me. What you said matters.' : null),
  ];
  if (band === 'young') {
    blocks.push(...section('What happens now', outcome, elsewhere));
  } else {
    const goals = items(analysis?.safetyGoals);
    blocks.push(...section('What the grown-ups are going to do', outcome, elsewhere, goals.length ? ['The grown-ups are going to work on these things:', ...goals] : null));
    if (band === 'teen') {
      blocks.push(...section('What is going well', text(analysis?.goingWell) || write('what is going well')));
      blocks.push(...section('What we are worried about', text(analysis?.worried) || write('what we are worried about')));
      if (decided) blocks.push(...section('Why we decided this', write('why we decided this')));
    }
  }
  if (home) blocks.push(...section('Where you will live', CHILD_HOME[home]));
  blocks.push(
    ...section(
      'If you want to talk',
      band === 'young'
        ? 'You can talk to me any time. You can also talk to a grown-up you trust.'
        : 'You can talk to me any time, and tell me if you do not agree with something. You can also talk to a grown-up you trust, or call Childline on 0800 1111.',
    ),
  );
  return blocks.join('\n\n');
}
