/**
 * Safeguarding actions raised by what a record says (A13): each becomes a task with an owner and a
 * due date. Pure rules: what each action is called, when it is due, and whether the education
 * action applies to a child of this age.
 */
import { addDays, addWorkingDays, dayOfWeek, type Calendar } from '../../domain/workingDays';
import { ageOn } from '../../domain/dates';

export type SafeguardingKind = 'tell-police' | 'education-service' | 'nrm-referral';

export type SafeguardingAction = {
  kind: SafeguardingKind;
  /** What the worker ticks: what the record says. */
  trigger: string;
  hint: string;
  /** The task it becomes. */
  title: string;
  /** Working days after today; 0 means today. */
  dueWorkingDays: number;
};

export const SAFEGUARDING_ACTIONS: SafeguardingAction[] = [
  {
    kind: 'tell-police',
    trigger: 'A crime may have been committed against the child',
    hint: 'For example, an assault, sexual abuse or exploitation, or a threat to kill. Tell the police now, the same day',
    title: 'Tell the police now',
    dueWorkingDays: 0,
  },
  {
    kind: 'education-service',
    trigger: 'The child is of school age and is not in education',
    hint: 'Not on a school roll, missing from education, or not getting a suitable education at home. Includes young people of 16 and 17 not in education or training',
    title: 'Contact the education service',
    dueWorkingDays: 2,
  },
  {
    kind: 'nrm-referral',
    trigger: 'The child may have been trafficked or be a victim of modern slavery',
    hint: 'Including criminal exploitation such as county lines. A child does not need to consent to a National Referral Mechanism referral',
    title: 'Make a National Referral Mechanism referral',
    dueWorkingDays: 2,
  },
];

/** A task raised by a decision rather than ticked on the safeguarding page. */
export type TaskKind = SafeguardingKind | 'strategy-discussion';
export type TaskAction = Omit<SafeguardingAction, 'kind'> & { kind: TaskKind };

/**
 * A team manager's decision to escalate at an assessment checkpoint (A2): the worries now amount to
 * reasonable cause to suspect significant harm, so a strategy discussion with the police and health
 * is held (Working Together; the council's procedure: "Undertaking a Strategy Discussion/Meeting, a
 * Section 47 child protection enquiry"). The manager who escalated convenes it, by the next working day.
 */
export const STRATEGY_DISCUSSION: TaskAction = {
  kind: 'strategy-discussion',
  trigger: 'A team manager escalated the assessment at a checkpoint',
  hint: 'Harm is suspected: hold a strategy discussion with the police and health',
  title: 'Hold a strategy discussion',
  dueWorkingDays: 1,
};

export function actionFor(kind: string): TaskAction | undefined {
  return SAFEGUARDING_ACTIONS.find((a) => a.kind === kind) ?? (kind === STRATEGY_DISCUSSION.kind ? STRATEGY_DISCUSSION : undefined);
}

export function isSafeguardingKind(value: unknown): value is SafeguardingKind {
  return typeof value === 'string' && SAFEGUARDING_ACTIONS.some((a) => a.kind === value);
}

/** The due date: "now" is today, whatever day it is; otherwise working days from today (day 0). */
export function dueOn(kind: TaskKind, today: string, calendar?: Calendar): string {
  const action = actionFor(kind)!;
  return action.dueWorkingDays === 0 ? today : addWorkingDays(today, action.dueWorkingDays, calendar);
}

/**
 * The day a child reaches compulsory school age: the first of 31 August, 31 December or 31 March on or
 * after their fifth birthday (Education Act 1996, s8).
 */
export function schoolAgeStarts(dateOfBirth: string): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const fifth = new Date(Date.UTC(y + 5, m - 1, d)).toISOString().slice(0, 10);
  const year = Number(fifth.slice(0, 4));
  const days = [`${year}-03-31`, `${year}-08-31`, `${year}-12-31`, `${year + 1}-03-31`];
  return days.find((day) => day >= fifth)!;
}

/** The last Friday in June of the school year in which the child turns 16 (when compulsory school age ends). */
export function schoolAgeEnds(dateOfBirth: string): string {
  const [y, m] = dateOfBirth.split('-').map(Number) as [number, number];
  // The school year runs 1 September to 31 August: a birthday from September falls in the year ending next June.
  const year = y + 16 + (m >= 9 ? 1 : 0);
  let day = `${year}-06-30`;
  while (dayOfWeek(day) !== 5) day = addDays(day, -1);
  return day;
}

/**
 * Does "contact the education service" apply to this child today? From compulsory school age until
 * 18 (young people of 16 and 17 must be in education or training). Never for an unborn child (an
 * expected delivery date and no date of birth). A child whose date of birth is not known (a young
 * person whose age is not yet known, say) may well be of school age: yes.
 */
export function educationActionApplies(dateOfBirth: string | null, today: string, expectedDeliveryDate: string | null = null): boolean {
  if (!dateOfBirth) return !expectedDeliveryDate;
  return today >= schoolAgeStarts(dateOfBirth) && ageOn(dateOfBirth, today) < 18;
}
