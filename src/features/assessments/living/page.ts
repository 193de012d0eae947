/**
 * What every page of the living assessment needs: the child's header and the assessment, checked to
 * belong to the child in the address (the guard has already checked the child). Two queries.
 */
import type { FastifyRequest } from 'fastify';
import { formatDate } from '../../../domain/dates';
import type { Db } from '../../../platform/db';
import { loadPersonHeader, personTabs, type PersonHeader } from '../../people/header';
import { loadAssessment, type AssessmentRow } from '../load';
import { variantLabel } from '../variants';

export type LivingPage = { person: PersonHeader; assessment: AssessmentRow; tabs: ReturnType<typeof personTabs>; assessmentTitle: string; base: string; overview: string };

export function routeIds(request: FastifyRequest): { personId: string; assessmentId: string } {
  const { personId, assessmentId } = request.params as { personId: string; assessmentId: string };
  return { personId, assessmentId };
}

export async function loadLivingPage(db: Db, request: FastifyRequest): Promise<LivingPage | null> {
  const { personId, assessmentId } = routeIds(request);
  const assessment = await loadAssessment(db, personId, assessmentId);
  if (!assessment) return null;
  const person = await loadPersonHeader(db, personId);
  if (!person) return null;
  const overview = `/people/${personId}/assessments/${assessmentId}`;
  return {
    person,
    assessment,
    tabs: personTabs(request.actor!, personId, 'assessments'),
    assessmentTitle: `${variantLabel(assessment.variant)} started ${formatDate(assessment.startedOn)}`,
    base: overview,
    overview,
  };
}

/** The audit context of a request that has passed the guard. */
export { ctxOf } from '../../../platform/http';
