import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { approvalRoutes } from './approvalRoutes';
import { checkpointRoutes } from './checkpointRoutes';
import { listRoutes } from './listRoutes';
import { overviewRoutes } from './overviewRoutes';
import { planRoutes } from './planRoutes';
import { startRoutes } from './startRoutes';

/** The assessment's core (A1-A3): starting one, its overview and timescales, checkpoints, the plan, and the lists. */
export async function assessmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await startRoutes(app, services);
  await overviewRoutes(app, services);
  await planRoutes(app, services);
  await approvalRoutes(app, services);
  await checkpointRoutes(app, services);
  await listRoutes(app, services);
}
