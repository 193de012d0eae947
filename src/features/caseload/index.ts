import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { involvementRoutes } from './involvementRoutes';
import { allocationRoutes } from './allocationRoutes';
import { openEpisodeRoutes } from './openEpisodeRoutes';
import { caseloadRoutes } from './routes';

/** Episodes and allocation (P5): involvement, starting and closing episodes, allocating, caseloads and team work. */
export async function episodeAndAllocationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await involvementRoutes(app, services);
  await openEpisodeRoutes(app, services);
  await allocationRoutes(app, services);
  await caseloadRoutes(app, services);
}
