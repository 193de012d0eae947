import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { todayInLondon } from '../../domain/dates';
import { parseForm, toErrorList, type FieldErrors } from '../../platform/validation';
import { loadPersonHeader, personTabs } from '../people/header';
import { grantSchema, oneYearOn } from './grants';
import { keptValues } from './usersRoutes';
import { ctxOf } from '../../platform/http';

const manage = { action: 'grant:manage', personParam: 'personId' } as const;

const DONE: Record<string, string> = {
  added: 'Access was given. They can see this record now, until the end of the last day you chose.',
  revoked: 'Their access has ended. They can no longer see this record.',
  gone: 'That access had already ended.',
};

/** Team managers: which partner agency professionals can see this child's record, giving and ending access. */
export async function grantRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { grants } = services;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { values: Record<string, string>; errors?: FieldErrors; done?: string },
    status = 200,
  ) => {
    const { personId } = request.params as { personId: string };
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const list = await grants.repo.forPerson(personId);
    const partners = await grants.repo.partners();
    await grants.recordView(ctxOf(request), personId);
    const errorList = data.errors
      ? toErrorList(data.errors).map((e) => (e.href === '#expiry' ? { ...e, href: '#expiry-day' } : e))
      : undefined;
    const today = todayInLondon();
    return reply.page(
      'admin/views/grants.njk',
      {
        title: `Partner agency access – ${person.name}`,
        backLink: `/people/${personId}`,
        person,
        tabs: personTabs(request.actor!, personId, 'details').map((t) => ({ ...t, active: false })),
        current: list.filter((g) => g.current),
        past: list.filter((g) => !g.current),
        partners,
        latest: oneYearOn(today),
        example: dayMonthYear(addDays(today, 28)),
        values: data.values,
        errors: data.errors,
        errorList,
        done: data.done,
      },
      status,
    );
  };

  app.get('/people/:personId/grants', { config: manage }, async (request, reply) => {
    const done = DONE[String((request.query as Record<string, unknown>).done)];
    return show(request, reply, { values: {}, done });
  });

  app.post('/people/:personId/grants', { config: manage }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const values = keptValues(request.body, [
      'partner',
      'purpose',
      'expiry-day',
      'expiry-month',
      'expiry-year',
    ]);
    const parsed = parseForm(grantSchema(), request.body);
    if (!parsed.ok) return show(request, reply, { values, errors: parsed.errors }, 400);
    const result = await grants.add(ctxOf(request), personId, parsed.data);
    if (result.outcome === 'refused')
      return show(request, reply, { values, errors: { [result.field]: result.message } }, 400);
    return reply.redirect(`/people/${personId}/grants?done=added`, 303);
  });

  app.post('/people/:personId/grants/:grantId/revoke', { config: manage }, async (request, reply) => {
    const { personId, grantId } = request.params as { personId: string; grantId: string };
    const revoked = await grants.revoke(ctxOf(request), personId, grantId);
    return reply.redirect(`/people/${personId}/grants?done=${revoked ? 'revoked' : 'gone'}`, 303);
  });
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 2026-03-27 as "27 3 2026", the way GOV.UK date inputs show examples. */
function dayMonthYear(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${m} ${y}`;
}
