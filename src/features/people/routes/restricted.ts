import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkPerson } from '../../../platform/access';
import { audit } from '../../../platform/audit';
import { parseForm, text, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { safeReturnTo } from '../../../app';
import { personTabs, type PersonHeader } from '../header';
import type { NamedPerson } from '../restrictionService';
import { hasControlCharacters } from '../schema';
import { ctxOf, summaryOf } from './http';

type Params = { personId: string };
const MAX_REASONS_KEPT = 100;

const reasonSchema = z.object({
  reason: z
    .string({ error: 'Enter why you need to open this record' })
    .trim()
    .min(1, 'Enter why you need to open this record')
    .max(500, 'The reason must be 500 characters or fewer')
    .refine((v) => !hasControlCharacters(v), 'The reason must not contain special characters'),
});

const restrictionSchema = z.object({
  restricted: z.enum(['yes', 'no'], { error: 'Select whether this record is restricted' }),
  emails: z
    .string({ error: 'Enter email addresses as text' })
    .max(5000, 'Enter no more than 50 email addresses')
    .refine((v) => !hasControlCharacters(v), 'Enter email addresses in the correct format, like name@council.gov.uk')
    .optional()
    .default('')
    .transform((v) => v.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean))
    .refine((list) => list.length <= 50, 'Enter no more than 50 email addresses')
    .refine((list) => list.every((e) => e.length <= 320 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)), 'Enter email addresses in the correct format, like name@council.gov.uk'),
});

/**
 * Restricted records (S1, S2). The guard sends anyone opening one here first: they say why, the
 * reason is audited and kept for this session. A team manager decides who is named on a record.
 */
export async function restrictedRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const showReason = (reply: FastifyReply, personId: string, returnTo: string, values: Record<string, unknown>, status = 200, errors?: FieldErrors) =>
    reply.page('people/views/restricted.njk', { title: 'This record is restricted', personId, returnTo, values, ...(errors ? summaryOf(errors) : {}) }, status);

  /** This route cannot name the person to the guard (the guard sends people here), so it checks them itself. */
  async function check(request: FastifyRequest, reply: FastifyReply, personId: string, returnTo: string) {
    const access = await checkPerson(services.db, request.actor!, personId);
    if (access.outcome === 'not-found') return reply.callNotFound();
    if (access.outcome === 'denied') {
      await audit(services.db, ctxOf(request), { action: 'access-refused', subjectType: 'person', subjectId: personId, childId: personId, details: { route: 'restricted' } });
      return reply.page('errors/forbidden.njk', { title: 'You do not have access to this record' }, 403);
    }
    if (access.outcome === 'merged') return reply.redirect(`/people/${access.mergedInto}`, 303);
    if (!access.restricted || request.session?.data.restrictedReasons?.[personId]) return reply.redirect(returnTo, 303);
    return null;
  }

  const returnToOf = (value: unknown, personId: string) => {
    const target = safeReturnTo(value);
    return target === '/' ? `/people/${personId}` : target;
  };

  app.get('/people/:personId/restricted', { config: { action: 'person:view' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const returnTo = returnToOf((request.query as { returnTo?: unknown }).returnTo, personId);
    const refused = await check(request, reply, personId, returnTo);
    if (refused) return refused;
    return showReason(reply, personId, returnTo, {});
  });

  app.post('/people/:personId/restricted', { config: { action: 'person:view' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const returnTo = returnToOf(text(body, 'returnTo'), personId);
    const refused = await check(request, reply, personId, returnTo);
    if (refused) return refused;
    const parsed = parseForm(reasonSchema, body);
    if (!parsed.ok) return showReason(reply, personId, returnTo, body, 400, parsed.errors);
    await services.people.restriction.opened(ctxOf(request), personId, parsed.data.reason);
    const session = request.session!;
    const kept = Object.entries(session.data.restrictedReasons ?? {}).slice(-(MAX_REASONS_KEPT - 1));
    session.data.restrictedReasons = Object.fromEntries([...kept, [personId, parsed.data.reason]]);
    await services.sessions.save(session);
    return reply.redirect(returnTo, 303);
  });

  const showRestriction = async (reply: FastifyReply, person: PersonHeader, values: Record<string, unknown>, status = 200, errors?: FieldErrors, read?: NamedPerson[]) => {
    const named = read ?? (await services.people.restriction.named(person.id));
    return reply.page(
      'people/views/restriction.njk',
      {
        title: `Who may see this record – ${person.name}`,
        person,
        tabs: personTabs(reply.request.actor!, person.id, 'details'),
        named,
        values: { restricted: person.restricted ? 'yes' : 'no', emails: named.map((n) => n.email).join('\n'), ...values },
        ...(errors ? summaryOf(errors) : {}),
        backLink: `/people/${person.id}`,
      },
      status,
    );
  };

  const manage = { action: 'restricted:manage', personParam: 'personId' } as const;

  app.get('/people/:personId/restriction', { config: manage }, async (request, reply) => {
    const { personId } = request.params as Params;
    const found = await services.people.restriction.form(ctxOf(request), personId);
    if (!found) return reply.callNotFound();
    return showRestriction(reply, found.header, {}, 200, undefined, found.named);
  });

  app.post('/people/:personId/restriction', { config: manage }, async (request, reply) => {
    const { personId } = request.params as Params;
    const header = await services.people.header(personId);
    if (!header) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(restrictionSchema, body);
    if (!parsed.ok) return showRestriction(reply, header, body, 400, parsed.errors);
    const outcome = await services.people.restriction.set(ctxOf(request), personId, parsed.data.restricted === 'yes', parsed.data.emails);
    if (!outcome.ok) {
      const problems = [
        outcome.unknownEmails.length ? `There is no active Hearth account for ${outcome.unknownEmails.join(', ')}` : '',
        outcome.cannotSee.length ? `${outcome.cannotSee.join(', ')} cannot be named: administrators and partner agencies never see restricted records` : '',
      ].filter(Boolean);
      return showRestriction(reply, header, body, 400, { emails: problems.join('. ') });
    }
    return reply.redirect(`/people/${personId}?done=restriction`, 303);
  });
}
