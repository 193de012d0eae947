/**
 * The chronology (H1-H3): a child's and a family's, filtered and paged, with the routes for typing,
 * changing and sharing entries, the analytical view and exports registered from here.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { ctxOf, doneMessage, pageOf, type PersonParams } from './http';
import { listView } from './listView';
import { parseFilters } from './schema';
import { entryRoutes } from './entryRoutes';
import { shareRoutes } from './shareRoutes';
import { patternRoutes } from './patternRoutes';
import { exportRoutes } from './exportRoutes';

export async function chronologyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;

  for (const family of [false, true]) {
    const path = family ? '/people/:personId/family-chronology' : '/people/:personId/chronology';
    app.get(path, { config: { action: 'chronology:view', personParam: 'personId' } }, async (request, reply) => {
      const { personId } = request.params as PersonParams;
      const form = parseFilters(request.query);
      const list = await chronology.list(ctxOf(request), personId, form.filters, pageOf(request.query), family);
      if (!list) return reply.callNotFound();
      const errors = form.errorList.length > 0 ? { errors: form.errors, errorList: form.errorList } : {};
      return reply.page('chronology/views/chronology.njk', { ...listView(request.actor!, personId, list, form, family, chronology.exportLimit), ...errors, flash: doneMessage(request.query) }, form.errorList.length > 0 ? 400 : 200);
    });
  }

  await entryRoutes(app, services);
  await shareRoutes(app, services);
  await patternRoutes(app, services);
  await exportRoutes(app, services);
}
