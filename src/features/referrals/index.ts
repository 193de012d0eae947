import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { contactRoutes } from './routes';
import { decisionRoutes } from './decisionRoutes';

/** The front door (P4): contacts, consent and decisions. */
export async function frontDoorRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await contactRoutes(app, services);
  await decisionRoutes(app, services);
}
