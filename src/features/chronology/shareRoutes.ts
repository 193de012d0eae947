/**
 * Sharing an entry with partner agency users (S1, S3). A partner granted a child sees only the
 * entries shared with them: a worker chooses, entry by entry, among the partners granted this
 * child now. Each change is a disclosure, audited for every person the entry concerns.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { list } from '../../platform/validation';
import { personTabs } from '../people/header';
import { isUuid } from '../../platform/http';
import { fieldRows, namesOf, recordData } from './entryViews';
import { ctxOf, entryIdOf, type PersonParams } from './http';

export async function shareRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;

  async function show(request: FastifyRequest, reply: FastifyReply, personId: string, entryId: string, chosen: string[] | null, status = 200, error?: string) {
    const found = await chronology.sharing(ctxOf(request), personId, entryId);
    if (!found) return reply.callNotFound();
    const { entry, header, partners } = found;
    const errors = error ? { partners: error } : undefined;
    return reply.page(
      'chronology/views/sharing.njk',
      {
        title: `Share an entry with a partner agency – ${header.name}`,
        person: header,
        tabs: personTabs(request.actor!, personId, 'chronology'),
        backLink: `/people/${personId}/chronology`,
        action: `/people/${personId}/chronology/${entryId}/sharing`,
        entry: fieldRows(recordData(entry), namesOf(entry.people)),
        partners: partners.map((p) => ({
          value: p.userId,
          text: p.name,
          hint: { text: p.agency ?? 'Partner agency' },
          checked: chosen ? chosen.includes(p.userId) : p.shared,
        })),
        errors,
        errorList: error ? [{ text: error, href: '#partners' }] : undefined,
      },
      status,
    );
  }

  app.get('/people/:personId/chronology/:entryId/sharing', { config: { action: 'chronology:share', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const entryId = entryIdOf(request);
    if (!entryId) return reply.callNotFound();
    return show(request, reply, personId, entryId, null);
  });

  app.post('/people/:personId/chronology/:entryId/sharing', { config: { action: 'chronology:share', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const entryId = entryIdOf(request);
    if (!entryId) return reply.callNotFound();
    const sent = list(request.body, 'partners');
    const chosen = [...new Set(sent.filter(isUuid).map((id) => id.toLowerCase()))];
    if (sent.length > 200 || chosen.length !== new Set(sent).size) return show(request, reply, personId, entryId, chosen, 400, 'Choose partners from the list');
    const result = await chronology.share(ctxOf(request), personId, entryId, chosen);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return show(request, reply, personId, entryId, chosen, 400, 'Choose partners from the list: access for one of them may have ended');
    return reply.redirect(`/people/${personId}/chronology?done=shared`, 303);
  });
}
