import { formatDate } from '../../domain/dates';
import type { TimescaleStatus } from '../../domain/timescales';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How an assessment's timescale ended: authorised by the manager, or closed (at a checkpoint, or stepped up). */
export type Ending = 'authorised' | 'closed';

/**
 * A timescale as pages show it: a tag (on track, due soon, late …) and a plain sentence with the
 * date. Once the assessment is authorised or closed, it says how many working days it took, on time
 * or late against its final date, instead of counting down.
 */
export function describeTimescale(status: TimescaleStatus, dueOn: string, ending: Ending = 'authorised'): { tag: { text: string; classes: string }; sentence: string; short: string } {
  const due = formatDate(dueOn);
  const ended = ending === 'closed' ? 'Closed' : 'Authorised';
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
        tag: { text: 'Completed on time', classes: 'govuk-tag--green' },
        sentence: `Completed in ${plural(status.workingDaysTaken ?? 0, 'working day')}: ${ended.toLowerCase()} within the timescale (due by ${due}).`,
        short: `${ended} in ${plural(status.workingDaysTaken ?? 0, 'working day')}`,
      };
    case 'completed-late':
      return {
        tag: { text: 'Completed late', classes: 'govuk-tag--orange' },
        sentence: `Completed in ${plural(status.workingDaysTaken ?? 0, 'working day')}: ${ended.toLowerCase()} ${plural(status.workingDaysOver ?? 0, 'working day')} after it was due (${due}).`,
        short: `${ended} ${plural(status.workingDaysOver ?? 0, 'working day')} late`,
      };
  }
}

export const CHECKPOINT_DECISIONS = [
  { code: 'continue', label: 'Continue the assessment', hint: 'Carry on to the next checkpoint as planned' },
  { code: 'full-assessment', label: 'Go on to a full assessment', hint: 'Up to 45 working days from the referral' },
  { code: 'close', label: 'Close the assessment', hint: 'No further assessment is needed. The assessment closes now and cannot be changed after' },
  { code: 'escalate', label: 'Escalate', hint: 'Harm is suspected: a strategy discussion is needed. It becomes a task for you, due by the next working day' },
] as const;

/** What happens for the child when the manager closes the assessment at a checkpoint (A8's outcomes that end the work). */
export const CLOSE_OUTCOMES = [
  { code: 'nfa', label: 'No further action', hint: 'Children’s social care does not need to do anything more. Close the episode of work with the reason ‘Case closed after assessment, no further action’' },
  { code: 'early-help', label: 'Universal or early help services', hint: 'The family is helped by universal services or early help. Close the episode of work with the reason ‘Case closed after assessment, referred to early help’' },
] as const;

export function closeOutcomeLabel(code: string | null): string {
  return CLOSE_OUTCOMES.find((o) => o.code === code)?.label ?? '';
}

export type CheckpointDecision = (typeof CHECKPOINT_DECISIONS)[number]['code'];

export function decisionLabel(code: string | null): string {
  return CHECKPOINT_DECISIONS.find((d) => d.code === code)?.label ?? '';
}
