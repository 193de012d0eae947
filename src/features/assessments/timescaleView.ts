import { formatDate } from '../../domain/dates';
import type { TimescaleStatus } from '../../domain/timescales';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A timescale as pages show it: a tag (on track, due soon, late …) and a plain sentence with the date. */
export function describeTimescale(status: TimescaleStatus, dueOn: string): { tag: { text: string; classes: string }; sentence: string; short: string } {
  const due = formatDate(dueOn);
  switch (status.state) {
    case 'on-track':
      return {
        tag: { text: 'On track', classes: 'govuk-tag--green' },
        sentence: `${plural(status.workingDaysLeft ?? 0, 'working day')} left. Due by ${due}.`,
        short: `${plural(status.workingDaysLeft ?? 0, 'working day')} left`,
      };
    case 'due-soon':
      return {
        tag: { text: 'Due soon', classes: 'govuk-tag--yellow' },
        sentence: status.workingDaysLeft === 0 ? `Due today, ${due}.` : `${plural(status.workingDaysLeft ?? 0, 'working day')} left. Due by ${due}.`,
        short: status.workingDaysLeft === 0 ? 'Due today' : `${plural(status.workingDaysLeft ?? 0, 'working day')} left`,
      };
    case 'late':
      return {
        tag: { text: 'Late', classes: 'govuk-tag--red' },
        sentence: status.workingDaysOver ? `${plural(status.workingDaysOver, 'working day')} late. It was due by ${due}.` : `Late: it was due by ${due}.`,
        short: status.workingDaysOver ? `${plural(status.workingDaysOver, 'working day')} late` : 'Late',
      };
    case 'completed-in-time':
      return {
        tag: { text: 'Completed in time', classes: 'govuk-tag--green' },
        sentence: `Authorised in ${plural(status.workingDaysTaken ?? 0, 'working day')}, within the timescale (due by ${due}).`,
        short: `Authorised in ${plural(status.workingDaysTaken ?? 0, 'working day')}`,
      };
    case 'completed-late':
      return {
        tag: { text: 'Completed late', classes: 'govuk-tag--orange' },
        sentence: `Authorised in ${plural(status.workingDaysTaken ?? 0, 'working day')}, ${plural(status.workingDaysOver ?? 0, 'working day')} after it was due (${due}).`,
        short: `Authorised ${plural(status.workingDaysOver ?? 0, 'working day')} late`,
      };
  }
}

export const CHECKPOINT_DECISIONS = [
  { code: 'continue', label: 'Continue the assessment', hint: 'Carry on to the next checkpoint as planned' },
  { code: 'full-assessment', label: 'Go on to a full assessment', hint: 'Up to 45 working days from the referral' },
  { code: 'close', label: 'Close the assessment', hint: 'No further assessment is needed: the worker completes the decision and it comes to you for authorisation' },
  { code: 'escalate', label: 'Escalate', hint: 'A strategy discussion or other urgent action is needed now' },
] as const;

export type CheckpointDecision = (typeof CHECKPOINT_DECISIONS)[number]['code'];

export function decisionLabel(code: string | null): string {
  return CHECKPOINT_DECISIONS.find((d) => d.code === code)?.label ?? '';
}
