/** An assessment's status in words, as the child's list and the overview show it. */
import type { Ending } from './timescaleView';

const LABELS: Record<string, string> = { 'in-progress': 'In progress', 'awaiting-authorisation': 'Waiting for a manager to authorise', authorised: 'Authorised' };

export function statusLabel(a: { status: string; closedReason?: string | null; closedAtDay?: number | null }): string {
  if (a.status !== 'closed') return LABELS[a.status] ?? a.status;
  if (a.closedReason === 'checkpoint') return a.closedAtDay ? `Closed at the working day ${a.closedAtDay} checkpoint` : 'Closed at a checkpoint';
  return a.closedReason === 'stepped-up' ? 'Closed: stepped up' : 'Closed';
}

/** How the timescale ended, for describeTimescale. */
export function endingOf(a: { status: string }): Ending {
  return a.status === 'closed' ? 'closed' : 'authorised';
}
