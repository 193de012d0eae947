import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access';
import type { Services } from '../../services';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { loadAssessment, type AssessmentRow } from './load';

export { setFlash, takeFlash, takeDraft } from '../referrals/http';
export { isUuid } from '../referrals/form';

export type AssessmentParams = { personId: string; assessmentId: string };

/** The audit context of a signed-in request (these routes always run after the guard). */
export function ctxOf(request: FastifyRequest): { actor: Actor; requestId: string } {
  return { actor: request.actor!, requestId: request.id };
}

/** The address of an assessment's overview. */
export function assessmentPath(personId: string, assessmentId: string): string {
  return `/people/${personId}/assessments/${assessmentId}`;
}

export type PageContext = { person: PersonHeader; tabs: ReturnType<typeof personTabs>; assessment: AssessmentRow };

/** The person header, their record's tabs (on "Assessments") and the assessment in the address; null when either is not there. */
export async function loadForPage(services: Services, request: FastifyRequest): Promise<PageContext | null> {
  const { personId, assessmentId } = request.params as AssessmentParams;
  const [person, assessment] = await Promise.all([loadPersonHeader(services.db, personId), loadAssessment(services.db, personId, assessmentId)]);
  if (!person || !assessment) return null;
  return { person, tabs: personTabs(request.actor!, personId, 'assessments'), assessment };
}

/** Answers with the not-found page. */
export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}
