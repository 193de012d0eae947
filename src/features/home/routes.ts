import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Services } from '../../services';
import { can } from '../../platform/access';

export async function homeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    try {
      await services.db.execute(sql`SELECT 1`);
      return reply.send({ status: 'ok', database: services.database.kind, version: services.config.version });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: services.database.kind, version: services.config.version });
    }
  });

  app.get('/', async (request, reply) => {
    const actor = request.actor!;
    // Partner agency professionals cannot search: their home page lists the records shared with them.
    const shared = actor.role === 'partner' ? await services.grants.repo.sharedWith(actor) : null;
    return reply.page('home/views/home.njk', {
      title: 'Home',
      shared,
      can: {
        search: can(actor, 'person:search'),
        createPerson: can(actor, 'person:create'),
        recordContact: can(actor, 'contact:record'),
        caseload: can(actor, 'caseload:view'),
        team: can(actor, 'team:view'),
        admin: can(actor, 'admin:users'),
      },
    });
  });
}
