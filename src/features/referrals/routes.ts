import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import type { FieldErrors } from '../../platform/validation';
import { CONSENT, CONTACT_DECISION, REFERRAL_SOURCE, labelFor } from '../../domain/codes';
import { isValidIsoDate } from '../../domain/dates';
import { dateValues, orderedErrors } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import { ctxOf, reasonsOf, sendRefusal, setFlash, takeFlash } from './http';
import type { ContactChild } from './repository';
import { CONTACT_FIELD_ORDER, MAX_CHILDREN_PER_CONTACT, childIds, parseContact } from './schema';
import { contactPage } from './views';

const PAGE_SIZE = 25;
const DRAFT_KEY = '/contacts';

/** `?before=2026-03-01_<uuid>`: the last contact of the page before, for keyset paging. */
function parseCursor(value: unknown): { receivedOn: string; id: string } | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/i.exec(value);
  return m && isValidIsoDate(m[1]!) && isUuid(m[2]) ? { receivedOn: m[1]!, id: m[2]! } : null;
}

const childQuery = (ids: string[]) => ids.map((id) => `child=${id}`).join('&');

/** Contacts (P4): the list, recording a contact about one or several children, and reading one. */
export async function contactRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { frontDoor } = services;

  app.get('/contacts', { config: { action: 'contact:record' } }, async (request, reply) => {
    const actor = request.actor!;
    const query = request.query as Record<string, unknown>;
    const waiting = can(actor, 'contact:decide') && query.waiting === 'yes';
    const before = parseCursor(query.before);
    const found = await frontDoor.repo.list(actor, { waiting, before, limit: PAGE_SIZE + 1 });
    const page = found.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    const filter = waiting ? 'waiting=yes&' : '';
    return reply.page('referrals/views/contacts.njk', {
      title: waiting ? 'Contacts waiting for a decision' : 'Contacts',
      contacts: page.map((c) => ({ ...c, sourceLabel: labelFor(REFERRAL_SOURCE, c.sourceCode), decisionLabel: labelFor(CONTACT_DECISION, c.decision) })),
      waiting,
      canDecide: can(actor, 'contact:decide'),
      older: found.length > PAGE_SIZE && last ? `/contacts?${filter}before=${last.receivedOn}_${last.id}` : null,
      newest: before ? `/contacts${waiting ? '?waiting=yes' : ''}` : null,
      hasDraft: !!(await services.drafts.get(actor.id, DRAFT_KEY)),
      flash: await takeFlash(services, request),
    });
  });

  app.get('/contacts/new', { config: { action: 'contact:record' } }, async (request, reply) => {
    const actor = request.actor!;
    const query = request.query as Record<string, unknown>;
    const draft = await services.drafts.get(actor.id, DRAFT_KEY);
    const resume = query.resume === '1' && draft !== null;
    const source = resume ? draft : query;
    const ids = childIds(source).ids.slice(0, MAX_CHILDREN_PER_CONTACT);
    if (ids.length === 0) return showForm(request, reply, { children: [], values: resume ? draft : {}, hasDraft: !!draft && !resume });
    const checked = await frontDoor.pickChildren(ctxOf(request), ids, reasonsOf(request), 'GET /contacts/new', 'contact-form-viewed');
    if (checked.outcome === 'merged' && !resume) {
      const replaced = ids.map((id) => (id === checked.from ? checked.to : id));
      return reply.redirect(`/contacts/new?${childQuery([...new Set(replaced)])}`, 303);
    }
    if (checked.outcome === 'adult') {
      const errors = { children: `${checked.name} is an adult. A contact is about children: remove ${checked.name} and choose a child` };
      return showForm(request, reply, { children: checked.children, values: resume ? draft : {}, errors }, 400);
    }
    if (checked.outcome !== 'ok') return sendRefusal(request, reply, checked);
    return showForm(request, reply, { children: checked.children, values: resume ? draft : {}, hasDraft: !!draft && !resume });
  });

  app.post('/contacts', { config: { action: 'contact:record', formPage: '/contacts/new' } }, async (request, reply) => {
    const body = request.body;
    const { ids } = childIds(body);
    let children: ContactChild[] = [];
    const errors: FieldErrors = {};
    if (ids.length > 0 && ids.length <= MAX_CHILDREN_PER_CONTACT) {
      const checked = await frontDoor.pickChildren(ctxOf(request), ids, reasonsOf(request), 'POST /contacts');
      if (checked.outcome === 'ok') children = checked.children;
      else if (checked.outcome === 'adult') {
        children = checked.children;
        errors.children = `${checked.name} is an adult. A contact is about children: remove ${checked.name} and choose a child`;
      } else if (checked.outcome === 'merged') {
        errors.children = `${checked.name}’s record was merged into another. Remove ${checked.name} and choose the child again`;
      } else return sendRefusal(request, reply, checked);
    }
    const parsed = parseContact(body);
    if (!parsed.ok || errors.children) {
      const all = { ...(parsed.ok ? {} : parsed.errors), ...errors };
      return showForm(request, reply, { children, values: body, errors: all }, 400);
    }
    const saved = await frontDoor.record(ctxOf(request), parsed.data, reasonsOf(request));
    if (saved.outcome !== 'ok') return sendRefusal(request, reply, saved);
    await services.drafts.discard(request.actor!.id, DRAFT_KEY);
    await setFlash(services, request, `Contact recorded about ${children.map((c) => c.name).join(', ')}`);
    return reply.redirect(`/contacts/${saved.id}`, 303);
  });

  app.get('/contacts/:contactId', { config: { action: 'contact:view' } }, async (request, reply) => {
    const { contactId } = request.params as { contactId: string };
    if (!isUuid(contactId)) return reply.callNotFound();
    const opened = await frontDoor.open(ctxOf(request), contactId, reasonsOf(request));
    if (opened.outcome !== 'ok') return sendRefusal(request, reply, opened);
    const actor = request.actor!;
    return reply.page('referrals/views/contact.njk', {
      ...contactPage(opened.contact, opened.children),
      title: 'Contact',
      canDecide: can(actor, 'contact:decide'),
      canAuthorise: can(actor, 'consent:authorise'),
      flash: await takeFlash(services, request),
    });
  });

  type FormData = { children: ContactChild[]; values: unknown; errors?: FieldErrors; hasDraft?: boolean };

  function showForm(request: FastifyRequest, reply: FastifyReply, data: FormData, status = 200) {
    const ids = data.children.map((c) => c.id);
    const values = (data.values && typeof data.values === 'object' ? data.values : {}) as Record<string, unknown>;
    const text = (field: string) => (typeof values[field] === 'string' ? (values[field] as string) : '');
    const errors = data.errors ?? {};
    return reply.page(
      'referrals/views/contact-new.njk',
      {
        title: data.children.length ? 'Record a contact' : 'Who is the contact about?',
        children: data.children.map((c) => ({ ...c, removeHref: `/contacts/new?${childQuery(ids.filter((id) => id !== c.id))}` })),
        pickHref: `/search?pick=${encodeURIComponent(`/contacts/new${ids.length ? `?${childQuery(ids)}` : ''}`)}`,
        values: {
          receivedOn: dateValues(values, 'receivedOn'),
          source: text('source'),
          referrerName: text('referrerName'),
          referrerAgency: text('referrerAgency'),
          referrerPhone: text('referrerPhone'),
          concern: text('concern'),
          consent: text('consent'),
          consentNotSoughtReason: text('consentNotSoughtReason'),
        },
        sources: [{ value: '', text: 'Choose where the contact came from' }, ...REFERRAL_SOURCE.map((c) => ({ value: c.code, text: c.label }))],
        consentOptions: CONSENT,
        hasDraft: data.hasDraft ?? false,
        errors,
        errorList: orderedErrors(errors, CONTACT_FIELD_ORDER, ['receivedOn']),
      },
      status,
    );
  }
}
