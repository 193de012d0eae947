import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { createRoutes } from './create';
import { recordRoutes } from './record';
import { addressRoutes } from './addresses';
import { searchRoutes } from './search';
import { mergeRoutes } from './merge';
import { restrictedRoutes } from './restricted';
import { auditRoutes } from './audit';

/** People (P1), finding them (P3), restricted records and "who has seen this record" (S1, S2). */
export async function peopleRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await createRoutes(app, services);
  await recordRoutes(app, services);
  await addressRoutes(app, services);
  await searchRoutes(app, services);
  await mergeRoutes(app, services);
  await restrictedRoutes(app, services);
  await auditRoutes(app, services);
}
