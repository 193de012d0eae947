import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { analysisSection } from './analysis';
import { authorisationRoutes } from './authoriseRoutes';
import { checklistSection } from './checklist';
import { decisionSection } from './decision';
import { homelessnessSection } from './homelessness';
import { identitySection } from './identity';
import type { SectionDef } from './page';
import { registerSection } from './routes';
import { triangleSection } from './triangle';
import { voicesSection } from './voices';

/** The content sections of an assessment (A4-A8, and the homelessness assessment's own: A1), the manager's checklist (A9), submission and authorisation. */
export const SECTION_PAGES: SectionDef[] = [
  triangleSection('developmental-needs'),
  triangleSection('parenting-capacity'),
  triangleSection('family-environment'),
  voicesSection,
  identitySection,
  analysisSection,
  homelessnessSection,
  decisionSection,
  checklistSection,
];

export async function assessmentSectionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const def of SECTION_PAGES) registerSection(app, services, def);
  await authorisationRoutes(app, services);
}
