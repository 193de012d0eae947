/**
 * The living assessment (A10) and sharing it with the family (A11): revisions and comparing them,
 * review prompts, the annual review, the family's and the child's versions (every saved one kept and readable), their PDFs and the record of sharing.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { annualReviewRoutes } from './annualReviewRoutes';
import { familyRoutes } from './familyRoutes';
import { promptRoutes } from './promptRoutes';
import { revisionRoutes } from './revisionRoutes';
import { sharingRoutes } from './sharingRoutes';
import { versionRoutes } from './versionRoutes';

export { raiseReviewPrompts } from './reviewPrompts';
export { annualReviewBadge, annualReviewOpen } from './annualReview';

export async function livingAssessmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await revisionRoutes(app, services);
  await promptRoutes(app, services);
  await annualReviewRoutes(app, services);
  await familyRoutes(app, services);
  await versionRoutes(app, services);
  await sharingRoutes(app, services);
}
