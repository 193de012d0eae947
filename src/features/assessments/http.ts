import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { loadAssessment, type AssessmentRow } from './load';

export { ctxOf, isUuid, setFlash, takeFlash, takeDraft } from '../../platform/http';

export type AssessmentParams = { personId: string; assessmentId: string };

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
