import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { loadPersonHeader, personTabs, viewPersonPage, type PageView, type PersonHeader } from '../people/header';
import { ctxOf } from '../../platform/http';
import type { Db } from '../../platform/db';
import { loadAssessment, type AssessmentRow } from './load';
import { childTeamOf, decidesFor } from './decider';

export { ctxOf, isUuid, setFlash, takeFlash, keptDraft } from '../../platform/http';

export type AssessmentParams = { personId: string; assessmentId: string };

/** The address of an assessment's overview. */
export function assessmentPath(personId: string, assessmentId: string): string {
  return `/people/${personId}/assessments/${assessmentId}`;
}

export type PageContext = { person: PersonHeader; tabs: ReturnType<typeof personTabs>; assessment: AssessmentRow };

/**
 * The person header, their record's tabs (on "Assessments") and the assessment in the address; null
 * when either is not there. With `view` (a page is shown), they are read with its audit row in one
 * transaction; `view` may answer null when the page will not be shown after all (the caller redirects).
 */
export async function loadForPage(services: Services, request: FastifyRequest, view?: (page: PageContext) => PageView | null): Promise<PageContext | null> {
  const { personId, assessmentId } = request.params as AssessmentParams;
  const tabs = personTabs(request.actor!, personId, 'assessments');
  if (view) {
    const found = await viewPersonPage(services.db, ctxOf(request), personId, (person, assessment) => view({ person, tabs, assessment }), (tx: Db) => loadAssessment(tx, personId, assessmentId));
    return found ? { person: found.person, tabs, assessment: found.data } : null;
  }
  const [person, assessment] = await Promise.all([loadPersonHeader(services.db, personId), loadAssessment(services.db, personId, assessmentId)]);
  if (!person || !assessment) return null;
  return { person, tabs, assessment };
}

/**
 * A page only the assessment's decider opens (decider.ts): the checkpoint decision, the approval of
 * not using an interpreter. As loadForPage, with whether this user decides on it; the view is audited
 * only when they do, so a refused page leaves only its refusal row (refuseOtherTeam).
 */
export async function loadForDecider(services: Services, request: FastifyRequest, view: (page: PageContext) => PageView): Promise<{ page: PageContext; decides: boolean } | null> {
  const { personId, assessmentId } = request.params as AssessmentParams;
  const tabs = personTabs(request.actor!, personId, 'assessments');
  const found = await viewPersonPage(
    services.db,
    ctxOf(request),
    personId,
    (person, d) => (d.decides ? view({ person, tabs, assessment: d.assessment }) : null),
    async (tx: Db) => {
      const assessment = await loadAssessment(tx, personId, assessmentId);
      return assessment ? { assessment, decides: decidesFor(request.actor!, assessment, await childTeamOf(tx, personId)) } : null;
    },
  );
  return found ? { page: { person: found.person, tabs, assessment: found.data.assessment }, decides: found.data.decides } : null;
}

/** The audit row of a view of a page about one assessment. */
export const assessmentView = (action: string, details?: Record<string, unknown>) => (page: PageContext): PageView => ({ action, subjectType: 'assessment', subjectId: page.assessment.id, details });

/** Answers with the not-found page. */
export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}
