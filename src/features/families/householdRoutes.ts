/**
 * Households over time: create one from a person, add a member, record that a member left.
 * The household pages have no person in their address: the households service guards them by
 * their members (see households.ts), on top of the route's action.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import { personTabs } from '../people/header';
import type { Household, Refusal } from './households';
import { actorContext } from './http';
import { searchWords } from './relationshipRoutes';
import { endMemberSchema, householdSchema, isUuid, keptValues, memberSchema, parseFamilyForm, searchSchema } from './schema';

const dateHref = (list: ErrorItem[], field: string) => list.map((e) => (e.href === `#${field}` ? { ...e, href: `#${field}-day` } : e));

/** Whose family page to go back to: the person the user came from, if they are in the household and visible. */
function returnPerson(household: Household, from: unknown, fallback: string | null): string | null {
  const visible = (id: unknown) => household.members.some((m) => m.id === id && m.visible);
  if (isUuid(from) && visible(from)) return from;
  if (fallback && visible(fallback)) return fallback;
  return household.members.find((m) => m.current && m.visible)?.id ?? null;
}

export async function householdRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { households } = services.families;

  async function showNewHousehold(request: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldErrors; values?: Record<string, string> } = {}) {
    const { personId } = request.params as { personId: string };
    const page = await services.families.formPage(actorContext(request), personId, 'household-form-viewed');
    if (!page) return reply.callNotFound();
    const errors = opts.errors ?? {};
    const lastName = page.person.name.split(' ').pop() ?? '';
    return reply.page(
      'families/views/household-new.njk',
      {
        title: `Add a household – ${page.person.name}`,
        person: page.person,
        tabs: personTabs(request.actor!, personId, 'family'),
        values: opts.values ?? { name: `${lastName} household` },
        errors,
        errorList: dateHref(toErrorList(errors), 'fromDate'),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  const personChange = { action: 'family:edit', personParam: 'personId' } as const;
  app.get('/people/:personId/households/new', { config: personChange }, async (request, reply) => showNewHousehold(request, reply));

  app.post('/people/:personId/households/new', { config: personChange }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const parsed = parseFamilyForm(householdSchema, request.body, ['fromDate']);
    if (!parsed.ok) return showNewHousehold(request, reply, { errors: parsed.errors, values: keptValues(request.body) });
    await households.create(actorContext(request), personId, parsed.data);
    return reply.redirect(`/people/${personId}/family?done=household-created`, 303);
  });

  /** Sends the right answer when the household is not there or not the user's to change. */
  function refused(reply: FastifyReply, page: Refusal) {
    if (page.outcome === 'not-found') return reply.callNotFound();
    return reply.page('errors/forbidden.njk', { title: 'You cannot change this household: it includes a person whose record you do not have access to' }, 403);
  }

  async function showNewMember(request: FastifyRequest, reply: FastifyReply, opts: { q?: unknown; personId?: unknown; from?: unknown; errors?: FieldErrors; values?: Record<string, string> }) {
    const { householdId } = request.params as { householdId: string };
    if (!isUuid(householdId)) return reply.callNotFound();
    let errors: FieldErrors = { ...(opts.errors ?? {}) };
    let words: string[] | undefined;
    if (opts.q !== undefined) {
      const search = parseFamilyForm(searchSchema, { q: opts.q });
      if (search.ok) words = searchWords(search.data.q);
      else errors = { ...search.errors, ...errors };
    }
    const chosenId = isUuid(opts.personId) ? opts.personId : null;
    const page = await households.forChange(actorContext(request), householdId, 'household-form-viewed', { words, chosenId });
    if (page.outcome !== 'allowed') return refused(reply, page);
    if (opts.personId !== undefined && !page.chosen && !errors.personId) errors.personId = 'Choose a person from the search results';
    const from = returnPerson(page.household, opts.from, null);
    return reply.page(
      'families/views/member-new.njk',
      {
        title: `Add a person to ${page.household.name}`,
        household: page.household,
        from,
        q: typeof opts.q === 'string' ? opts.q.slice(0, 100) : '',
        results: page.results,
        chosen: page.chosen,
        values: opts.values ?? {},
        errors,
        errorList: dateHref(toErrorList(errors), 'fromDate'),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  const householdChange = { action: 'family:edit' } as const;
  app.get('/households/:householdId/members/new', { config: householdChange }, async (request, reply) => {
    const query = request.query as { q?: unknown; personId?: unknown; from?: unknown };
    return showNewMember(request, reply, query);
  });

  app.post('/households/:householdId/members/new', { config: householdChange }, async (request, reply) => {
    const { householdId } = request.params as { householdId: string };
    if (!isUuid(householdId)) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseFamilyForm(memberSchema, body, ['fromDate']);
    if (!parsed.ok) return showNewMember(request, reply, { personId: body.personId, from: body.from, errors: parsed.errors, values: keptValues(body) });
    const result = await households.addMember(actorContext(request), householdId, parsed.data);
    if ('outcome' in result) return refused(reply, result);
    if (!result.ok) return showNewMember(request, reply, { personId: body.personId, from: body.from, errors: result.errors, values: keptValues(body) });
    // The family page checks access again, so the address the user came from is safe to go back to.
    const back = isUuid(body.from) ? body.from : parsed.data.personId;
    return reply.redirect(`/people/${back}/family?done=member-added`, 303);
  });

  async function showEndMember(request: FastifyRequest, reply: FastifyReply, opts: { from?: unknown; errors?: FieldErrors; values?: Record<string, string> }) {
    const { householdId, memberId } = request.params as { householdId: string; memberId: string };
    if (!isUuid(householdId) || !isUuid(memberId)) return reply.callNotFound();
    const page = await households.forChange(actorContext(request), householdId, 'household-form-viewed');
    if (page.outcome !== 'allowed') return refused(reply, page);
    const member = page.household.members.find((m) => m.memberId === memberId);
    if (!member) return reply.callNotFound();
    const from = returnPerson(page.household, opts.from, member.id);
    const errors = opts.errors ?? {};
    return reply.page(
      'families/views/member-end.njk',
      {
        title: `Record that someone left ${page.household.name}`,
        household: page.household,
        member,
        from,
        action: `/households/${householdId}/members/${memberId}/end`,
        values: opts.values ?? {},
        errors,
        errorList: dateHref(toErrorList(errors), 'toDate'),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/households/:householdId/members/:memberId/end', { config: householdChange }, async (request, reply) => {
    return showEndMember(request, reply, { from: (request.query as { from?: unknown }).from });
  });

  app.post('/households/:householdId/members/:memberId/end', { config: householdChange }, async (request, reply) => {
    const { householdId, memberId } = request.params as { householdId: string; memberId: string };
    if (!isUuid(householdId) || !isUuid(memberId)) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseFamilyForm(endMemberSchema, body, ['toDate']);
    if (!parsed.ok) return showEndMember(request, reply, { from: body.from, errors: parsed.errors, values: keptValues(body) });
    const result = await households.endMember(actorContext(request), householdId, memberId, parsed.data.toDate!);
    if ('outcome' in result) return refused(reply, result);
    if (!result.ok) return showEndMember(request, reply, { from: body.from, errors: result.errors, values: keptValues(body) });
    const back = isUuid(body.from) ? body.from : result.value.personId;
    return reply.redirect(`/people/${back}/family?done=member-ended`, 303);
  });
}
