import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { adminAccountActionRoutes } from './accountActionsRoutes';
import { grantRoutes } from './grantsRoutes';
import { adminSettingsRoutes } from './settingsRoutes';
import { adminTeamRoutes } from './teamsRoutes';
import { adminUserRoutes } from './usersRoutes';

/** Administrators' pages for users, teams and the council's settings, and managers' partner agency grants. */
export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await adminUserRoutes(app, services);
  await adminAccountActionRoutes(app, services);
  await adminTeamRoutes(app, services);
  await grantRoutes(app, services);
  await adminSettingsRoutes(app, services);
}
