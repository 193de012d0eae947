/**
 * The decision is agreed by the worker and the manager (A8): two people. The worker's agreement is
 * recorded only for the worker: the worker who holds the assessment (assessments.worker_id, the
 * child's allocated worker when it started) or the child's allocated worker now (a child moved to
 * another worker takes the assessment with them). Anyone else who may edit the decision (a team
 * manager) neither gives nor takes it away, but when they change the decision it is cleared: the
 * worker agreed to something else. The manager's agreement is the authorisation, refused to the
 * manager who agreed as the worker. Pure: the caller says who is who and what was saved.
 */
import type { Problem } from './assessmentChecks';

export type Agreement = { userId: string; name: string; on: string };
export type Person = { id: string; name: string };

export function mayAgreeAsWorker(actorId: string, workers: readonly Person[]): boolean {
  return workers.some((w) => w.id === actorId);
}

/** The workers who may agree, by name ("Sam Okafor", "Sam Okafor or Ana Ruiz"); empty when there is none. */
export function workersNamed(workers: readonly Person[]): string {
  return [...new Set(workers.map((w) => w.name))].join(' or ');
}

export type AgreementInput = {
  actor: Person;
  workers: readonly Person[];
  /** 'I agree with this decision' posted ticked. */
  ticked: boolean;
  /** 'Completed' posted ticked. */
  completed: boolean;
  /** The decision's answers are as saved (the agreement and 'completed' apart). */
  unchanged: boolean;
  saved: Agreement | null;
  today: string;
};

export type AgreementOutcome = { ok: true; agreed: Agreement | null } | { ok: false; field: 'workerAgrees' | 'completed'; message: string };

const UNTICK_COMPLETED = 'Untick ‘completed’ to save your changes';

export function workerAgreement(input: AgreementInput): AgreementOutcome {
  // The agreement stands while the decision is unchanged; a changed decision is agreed afresh.
  const kept = input.unchanged ? input.saved : null;
  if (mayAgreeAsWorker(input.actor.id, input.workers)) {
    if (!input.ticked) return { ok: true, agreed: null };
    // An agreement recorded for someone who is not the worker (before this rule) is not kept: the worker agrees now.
    const theirs = kept && mayAgreeAsWorker(kept.userId, input.workers) ? kept : null;
    return { ok: true, agreed: theirs ?? { userId: input.actor.id, name: input.actor.name, on: input.today } };
  }
  const names = workersNamed(input.workers);
  if (input.ticked && !kept) {
    const message = names ? `Only ${names}, the worker for this assessment, can agree with the decision` : 'Only the worker for this assessment can agree with the decision, and it has none. Allocate the child to a worker';
    return { ok: false, field: 'workerAgrees', message };
  }
  if (input.completed && !kept) {
    const who = names || 'The worker for this assessment';
    const message = input.saved
      ? `You changed the decision, so ${who} needs to agree with it again before this section is marked as completed. ${UNTICK_COMPLETED}`
      : `${who} needs to agree with the decision before this section is marked as completed. ${UNTICK_COMPLETED}`;
    return { ok: false, field: 'completed', message };
  }
  return { ok: true, agreed: kept };
}

/** What stops this manager authorising: they agreed with the decision as the worker. */
export function twoPeopleProblems(decision: { workerAgreed: Agreement | null } | undefined, authoriserId: string | undefined): Problem[] {
  if (!authoriserId || !decision?.workerAgreed || decision.workerAgreed.userId !== authoriserId) return [];
  return [
    {
      section: 'decision',
      field: 'workerAgrees',
      message: 'You agreed with this decision as the worker, so another team manager must authorise the assessment: the worker and the manager who agree it must be two people',
    },
  ];
}
