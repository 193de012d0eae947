import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access';
import { audit } from '../../../platform/audit';
import { parseForm, text, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { nameTokens } from '../../../domain/names';
import { newPersonSchema, type AddressInput, type PersonFields } from '../schema';
import type { SearchQuery } from '../searchQuery';
import { ctxOf, summaryOf, keptDraft } from './http';
import { ADDRESS_KEYS, hiddenPairs, PERSON_FORM_KEYS, personFormView } from './formView';
import { resultRows } from './searchView';

const FORM_KEY = '/people';

/** The duplicate check asks the same question as the search box, built from the typed fields. */
export function duplicateQuery(person: PersonFields, address: AddressInput | null): SearchQuery {
  return {
    names: nameTokens(`${person.firstName} ${person.lastName}`),
    dateOfBirth: person.dateOfBirth,
    nhsNumber: person.nhsNumber,
    postcode: address ? { key: address.postcodeKey, display: address.postcode } : null,
    notUnderstood: [],
  };
}

/** Adding a person (P1): the form, the likely duplicates (P3), then the record. */
export async function createRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { people } = services;

  const showForm = (reply: FastifyReply, values: Record<string, unknown>, status = 200, errors?: FieldErrors, extra: Record<string, unknown> = {}) =>
    reply.page(
      'people/views/new.njk',
      { title: 'Add a person', values, form: personFormView(values, errors), ...(errors ? summaryOf(errors) : {}), backLink: '/search', ...extra },
      status,
    );

  app.get('/people/new', { config: { action: 'person:create' } }, async (request, reply) => {
    const draft = await keptDraft(services, request, FORM_KEY);
    if (draft) return showForm(reply, draft, 200, undefined, { draftRestored: true });
    const query = request.query as { kind?: unknown };
    const kind = typeof query.kind === 'string' && ['child', 'unborn', 'adult'].includes(query.kind) ? query.kind : '';
    return showForm(reply, { kind });
  });

  app.post('/people', { config: { action: 'person:create', formPage: '/people/new' } }, async (request: FastifyRequest, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (text(body, 'change') === 'yes') return showForm(reply, body);
    const parsed = parseForm(newPersonSchema, body);
    if (!parsed.ok) return showForm(reply, body, 400, parsed.errors);
    const { person, address, confirmedNew } = parsed.data;
    const ctx = ctxOf(request);

    if (!confirmedNew) {
      const { visible: matches, elsewhere } = await people.likelyDuplicates(ctx.actor, duplicateQuery(person, address));
      if (matches.length > 0 || elsewhere.length > 0) {
        await audit(services.db, ctx, { action: 'duplicate-check', subjectType: 'search', details: { matches: matches.length, elsewhere: elsewhere.reduce((n, e) => n + e.count, 0) } });
        return reply.page('people/views/duplicates.njk', {
          title: 'Is this person already on Hearth?',
          typedName: `${person.firstName} ${person.lastName}`,
          results: resultRows(matches, null),
          elsewhere: elsewhere.map((e) => ({ ...e, text: `${e.count === 1 ? 'A record' : `${e.count} records`} held by ${e.teamName ?? 'no team at the moment (ask the front door)'}` })),
          hidden: hiddenPairs(body, [...PERSON_FORM_KEYS, ...ADDRESS_KEYS]),
          canMerge: can(ctx.actor, 'person:merge'),
        });
      }
    }
    const id = await people.create(ctx, person, address);
    await services.drafts.discard(ctx.actor.id, FORM_KEY);
    return reply.redirect(`/people/${id}?done=created`, 303);
  });
}
