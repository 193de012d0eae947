import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatDate } from '../../../domain/dates';
import { parseForm, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { personTabs, type PersonHeader } from '../header';
import type { AddressRow } from '../repository';
import { addressSchema, endAddressSchema } from '../schema';
import { ctxOf, isUuid, summaryOf } from './http';
import { personFormView } from './formView';

type Params = { personId: string; addressId?: string };

/** Addresses with date ranges (P1): adding one (ending the last, if they moved) and recording a move out. */
export async function addressRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { people } = services;
  const config = { action: 'person:edit', personParam: 'personId' } as const;

  const showAdd = (reply: FastifyReply, person: PersonHeader, values: Record<string, unknown>, status = 200, errors?: FieldErrors) =>
    reply.page(
      'people/views/address-new.njk',
      {
        title: `Add an address – ${person.name}`,
        person,
        tabs: personTabs(reply.request.actor!, person.id, 'details'),
        values,
        form: personFormView(values, errors),
        ...(errors ? summaryOf(errors) : {}),
        backLink: `/people/${person.id}`,
      },
      status,
    );

  app.get('/people/:personId/addresses/new', { config }, async (request, reply) => {
    const { personId } = request.params as Params;
    const header = await people.formHeader(ctxOf(request), personId, 'address-form-viewed');
    if (!header) return reply.callNotFound();
    return showAdd(reply, header, { endPrevious: 'yes' });
  });

  app.post('/people/:personId/addresses', { config }, async (request, reply) => {
    const { personId } = request.params as Params;
    const header = await people.header(personId);
    if (!header) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(addressSchema, body);
    if (!parsed.ok) return showAdd(reply, header, body, 400, parsed.errors);
    await people.addAddress(ctxOf(request), personId, parsed.data.address, parsed.data.endPrevious);
    return reply.redirect(`/people/${personId}?done=address-added`, 303);
  });

  const showEnd = (reply: FastifyReply, person: PersonHeader, address: AddressRow, values: Record<string, unknown>, status = 200, errors?: FieldErrors) =>
    reply.page(
      'people/views/address-end.njk',
      {
        title: `Record a move out – ${person.name}`,
        person,
        tabs: personTabs(reply.request.actor!, person.id, 'details'),
        address: { ...address, text: [address.line1, address.line2, address.town, address.postcode].filter(Boolean).join(', '), from: formatDate(address.fromDate) },
        values,
        form: personFormView(values, errors),
        ...(errors ? summaryOf(errors) : {}),
        backLink: `/people/${person.id}`,
      },
      status,
    );

  async function load(personId: string, addressId: unknown) {
    if (!isUuid(addressId)) return null;
    const [header, address] = await Promise.all([people.header(personId), people.address(personId, addressId)]);
    return header && address ? { header, address } : null;
  }

  app.get('/people/:personId/addresses/:addressId/end', { config }, async (request, reply) => {
    const { personId, addressId } = request.params as Params;
    const found = isUuid(addressId) ? await people.addressEndForm(ctxOf(request), personId, addressId) : null;
    if (!found) return reply.callNotFound();
    if (found.address.toDate) return reply.redirect(`/people/${personId}`, 303);
    return showEnd(reply, found.header, found.address, {});
  });

  app.post('/people/:personId/addresses/:addressId/end', { config }, async (request, reply) => {
    const { personId, addressId } = request.params as Params;
    const found = await load(personId, addressId);
    if (!found) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(endAddressSchema, body);
    if (!parsed.ok) return showEnd(reply, found.header, found.address, body, 400, parsed.errors);
    const outcome = await people.endAddress(ctxOf(request), personId, found.address.id, parsed.data.toDate);
    if (outcome === 'before-start') {
      return showEnd(reply, found.header, found.address, body, 400, { addressTo: 'The date they moved out must be on or after the date they moved in' });
    }
    if (outcome === 'not-found') return reply.callNotFound();
    return reply.redirect(`/people/${personId}?done=address-ended`, 303);
  });
}
