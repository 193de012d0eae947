/** Add a relationship (both ways) and end one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { audit } from '../../platform/audit';
import { describeRelationship, isRelationshipType, relationshipChoices } from '../../domain/relationships';
import { toErrorList, type FieldErrors } from '../../platform/validation';
import { personTabs } from '../people/header';
import { actorContext } from './http';
import { endRelationshipSchema, isUuid, keptValues, parseFamilyForm, relationshipSchema, searchSchema } from './schema';

const change = { action: 'family:edit', personParam: 'personId' } as const;

/** Search words from the search box: at most five, each at most 40 characters. */
export function searchWords(q: string): string[] {
  return q.split(/\s+/).filter(Boolean).slice(0, 5).map((w) => w.slice(0, 40));
}

export async function relationshipRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { families } = services;

  /** The add-a-relationship page: a search for the other person, then the relationship itself. */
  async function showNew(request: FastifyRequest, reply: FastifyReply, opts: { q?: unknown; relatedId?: unknown; errors?: FieldErrors; values?: Record<string, string> }) {
    const { personId } = request.params as { personId: string };
    let errors: FieldErrors = { ...(opts.errors ?? {}) };
    let words: string[] | undefined;
    if (opts.q !== undefined) {
      const search = parseFamilyForm(searchSchema, { q: opts.q });
      if (search.ok) words = searchWords(search.data.q);
      else errors = { ...search.errors, ...errors };
    }
    const chosenId = isUuid(opts.relatedId) ? opts.relatedId : null;
    const page = await families.formPage(actorContext(request), personId, 'relationship-form-viewed', { words, chosenId });
    if (!page) return reply.callNotFound();
    if (opts.relatedId !== undefined && !page.chosen && !errors.relatedId) errors.relatedId = 'Choose a person from the search results';
    const status = Object.keys(errors).length ? 400 : 200;
    const errorList = toErrorList(errors).map((e) => (e.href === '#fromDate' ? { ...e, href: '#fromDate-day' } : e));
    return reply.page(
      'families/views/relationship-new.njk',
      {
        title: `Add a relationship – ${page.person.name}`,
        person: page.person,
        tabs: personTabs(request.actor!, personId, 'family'),
        q: typeof opts.q === 'string' ? opts.q.slice(0, 100) : '',
        results: page.results,
        chosen: page.chosen,
        types: [{ value: '', text: 'Choose a relationship' }, ...relationshipChoices()],
        values: opts.values ?? {},
        errors,
        errorList,
      },
      status,
    );
  }

  app.get('/people/:personId/relationships/new', { config: change }, async (request, reply) => {
    const query = request.query as { q?: unknown; relatedId?: unknown };
    const q = typeof query.q === 'string' || Array.isArray(query.q) ? query.q : undefined;
    return showNew(request, reply, { q, relatedId: query.relatedId });
  });

  app.post('/people/:personId/relationships/new', { config: change }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseFamilyForm(relationshipSchema, body, ['fromDate']);
    if (!parsed.ok) return showNew(request, reply, { relatedId: body.relatedId, errors: parsed.errors, values: keptValues(body) });
    const result = await families.addRelationship(actorContext(request), personId, parsed.data);
    if (!result.ok) return showNew(request, reply, { relatedId: body.relatedId, errors: result.errors, values: keptValues(body) });
    return reply.redirect(`/people/${personId}/family?done=relationship-added`, 303);
  });

  /** The end-a-relationship page, or a refusal when the other person is someone this user may not see. */
  async function showEnd(request: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldErrors; values?: Record<string, string> } = {}) {
    const { personId, pairId } = request.params as { personId: string; pairId: string };
    const ctx = actorContext(request);
    const found = isUuid(pairId) ? await families.relationshipFor(ctx, personId, pairId) : null;
    if (!found) return reply.callNotFound();
    if (!found.mayChange) {
      await audit(services.db, ctx, { action: 'access-refused', subjectType: 'relationship', subjectId: pairId, childId: personId, details: { method: request.method } });
      return reply.page('errors/forbidden.njk', { title: 'You do not have access to this record' }, 403);
    }
    if (found.row.to_date !== null && !opts.errors) return reply.redirect(`/people/${personId}/family`, 303);
    const page = await families.formPage(ctx, personId, 'relationship-form-viewed');
    if (!page) return reply.callNotFound();
    const relation = isRelationshipType(found.row.type) ? describeRelationship(found.row.type, null) : found.row.type;
    const errors = opts.errors ?? {};
    return reply.page(
      'families/views/relationship-end.njk',
      {
        title: `End a relationship – ${page.person.name}`,
        person: page.person,
        tabs: personTabs(request.actor!, personId, 'family'),
        other: found.other,
        relation,
        fromDate: found.row.from_date,
        action: `/people/${personId}/relationships/${pairId}/end`,
        values: opts.values ?? {},
        errors,
        errorList: toErrorList(errors).map((e) => (e.href === '#toDate' ? { ...e, href: '#toDate-day' } : e)),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/people/:personId/relationships/:pairId/end', { config: change }, async (request, reply) => showEnd(request, reply));

  app.post('/people/:personId/relationships/:pairId/end', { config: change }, async (request, reply) => {
    const { personId, pairId } = request.params as { personId: string; pairId: string };
    const ctx = actorContext(request);
    const found = isUuid(pairId) ? await families.relationshipFor(ctx, personId, pairId) : null;
    if (!found || !found.mayChange) return showEnd(request, reply);
    const parsed = parseFamilyForm(endRelationshipSchema, request.body, ['toDate']);
    if (!parsed.ok) return showEnd(request, reply, { errors: parsed.errors, values: keptValues(request.body) });
    const result = await families.endRelationship(ctx, personId, pairId, parsed.data.toDate!);
    if (!result.ok) return showEnd(request, reply, { errors: result.errors, values: keptValues(request.body) });
    return reply.redirect(`/people/${personId}/family?done=relationship-ended`, 303);
  });
}
