import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { visitRoutes } from './routes';
import { visitDueRoutes } from './dueRoutes';

/** Visits (V1): recording them, a child's visits, and the visits-due lists. */
export async function visitsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await visitRoutes(app, services);
  await visitDueRoutes(app, services);
}
