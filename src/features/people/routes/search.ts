import type { FastifyInstance } from 'fastify';
import { can } from '../../../platform/access';
import { audit } from '../../../platform/audit';
import type { Services } from '../../../services';
import { hasControlCharacters } from '../schema';
import { isEmptySearch, parseSearch } from '../searchQuery';
import { ctxOf, summaryOf } from './http';
import { pickTarget, resultRows } from './searchView';

const MAX_QUERY = 200;

/** One search box for everyone this user may see (P3). In "pick" mode each result links back to a form. */
export async function searchRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/search', { config: { action: 'person:search' } }, async (request, reply) => {
    const query = request.query as { q?: unknown; pick?: unknown };
    const ctx = ctxOf(request);
    const q = typeof query.q === 'string' ? query.q : '';
    const pick = pickTarget(query.pick);
    const page = {
      title: pick ? 'Choose a person' : 'Find a person',
      q: q.slice(0, MAX_QUERY),
      pick,
      canCreate: can(ctx.actor, 'person:create'),
      // Choosing someone for a form: the way back is to that form, unchanged.
      backLink: pick ?? undefined,
    };
    if (!q.trim()) return reply.page('people/views/search.njk', page);
    if (q.length > MAX_QUERY || hasControlCharacters(q)) {
      return reply.page('people/views/search.njk', { ...page, ...summaryOf({ q: `Enter ${MAX_QUERY} characters or fewer, using letters, numbers and spaces` }) }, 400);
    }
    const parsed = parseSearch(q);
    if (isEmptySearch(parsed)) {
      return reply.page('people/views/search.njk', { ...page, ...summaryOf({ q: 'Enter a name, a date of birth, an NHS number or a postcode' }) }, 400);
    }
    const results = await services.people.search(ctx.actor, parsed);
    await audit(services.db, ctx, { action: 'searched', subjectType: 'search', details: { q: q.slice(0, MAX_QUERY), results: results.length } });
    return reply.page('people/views/search.njk', {
      ...page,
      searched: true,
      understood: parsed,
      results: resultRows(results, pick),
      full: results.length >= 50,
    });
  });
}
