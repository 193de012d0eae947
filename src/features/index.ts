import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';
import { authRoutes } from './auth/routes';
import { homeRoutes } from './home/routes';

/** Every feature's routes, registered after the platform's security steps. */
export const featureRoutes: ((app: FastifyInstance, services: Services) => Promise<void>)[] = [authRoutes, homeRoutes];
