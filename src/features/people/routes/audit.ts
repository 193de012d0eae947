import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { personTabs } from '../header';
import { ctxOf } from './http';

type Params = { personId: string };

/** "Who has seen this record" (S2): the audit rows about this person, newest first, a page at a time. */
export async function auditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/people/:personId/audit', { config: { action: 'audit:view-record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const { before } = request.query as { before?: unknown };
    const beforeSeq = typeof before === 'string' && /^\d{1,15}$/.test(before) ? Number(before) : null;
    const header = await services.people.header(personId);
    if (!header) return reply.callNotFound();
    const page = await services.people.auditTrail(ctxOf(request), personId, beforeSeq);
    return reply.page('people/views/audit.njk', {
      title: `Who has seen this record – ${header.name}`,
      person: header,
      tabs: personTabs(request.actor!, personId, 'audit'),
      entries: page.entries,
      olderHref: page.olderBefore ? `/people/${personId}/audit?before=${page.olderBefore}` : null,
      newestHref: beforeSeq ? `/people/${personId}/audit` : null,
    });
  });
}
