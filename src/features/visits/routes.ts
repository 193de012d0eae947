import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import type { FieldErrors } from '../../platform/validation';
import { formatDate, isValidIsoDate, todayInLondon } from '../../domain/dates';
import { describeLeft, STATUS_LABELS } from '../../domain/visitSchedule';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { ctxOf, isUuid, keptDraft, reasonsOf, setFlash, takeFlash } from '../../platform/http';
import type { RecordedChild } from './children';
import { freshVisitValues, visitFormView } from './formView';
import { parseVisit } from './schema';
import { BEDROOM_TEXT, seenText, visitTypeLabel } from './summary';
import { historyRows } from './history';
import { visitEditRoutes } from './editRoutes';

type Params = { personId: string; visitId?: string };
const formPath = (personId: string) => `/people/${personId}/visits/new`;

/** `?before=2026-03-01_<uuid>`: the last visit of the page before, for keyset paging. */
function parseCursor(value: unknown): { visitDate: string; id: string } | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/i.exec(value);
  return m && isValidIsoDate(m[1]!) && isUuid(m[2]) ? { visitDate: m[1]!, id: m[2]!.toLowerCase() } : null;
}


/** Visits (V1): recording a visit about one or several children of a household, a child's visits, one visit, and changing it (editRoutes.ts). */
export async function visitRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { visits } = services;

  async function showForm(request: FastifyRequest, reply: FastifyReply, person: PersonHeader, children: RecordedChild[], values: Record<string, unknown>, extra: { errors?: FieldErrors; draft?: boolean } = {}, status = 200) {
    const form = visitFormView(children, values, extra.errors);
    return reply.page(
      'visits/views/new.njk',
      {
        title: `Record a visit – ${person.name}`,
        person,
        tabs: personTabs(request.actor!, person.id, 'visits'),
        action: formPath(person.id),
        form,
        errorList: form.errorList,
        draft: extra.draft ?? false,
        backLink: `/people/${person.id}/visits`,
      },
      status,
    );
  }

  app.get('/people/:personId/visits/new', { config: { action: 'visit:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const page = await visits.formPage(ctxOf(request), personId, reasonsOf(request));
    if (!page) return reply.callNotFound();
    const { person, data: facts } = page;
    if (person.kind !== 'child') return reply.page('errors/bad-request.njk', { title: 'Visits are recorded for children' }, 400);
    const draft = await keptDraft(services, request, formPath(personId));
    return showForm(request, reply, person, facts.children, draft ?? freshVisitValues(todayInLondon(), facts.defaultType), { draft: !!draft });
  });

  app.post('/people/:personId/visits/new', { config: { action: 'visit:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const ctx = ctxOf(request);
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    if (person.kind !== 'child') return reply.page('errors/bad-request.njk', { title: 'Visits are recorded for children' }, 400);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const facts = await visits.formFacts(ctx.actor, personId, reasonsOf(request));
    const parsed = parseVisit(body, facts.children, todayInLondon());
    if (!parsed.ok) return showForm(request, reply, person, facts.children, body, { errors: parsed.errors }, 400);
    const saved = await visits.record(ctx, personId, parsed.data, reasonsOf(request));
    if (saved.outcome !== 'saved') {
      const errors = { children: 'The children living with this child changed while you were typing. Check the children and save again' };
      const again = await visits.formFacts(ctx.actor, personId, reasonsOf(request));
      return showForm(request, reply, person, again.children, body, { errors }, 409);
    }
    await services.drafts.discard(ctx.actor.id, formPath(personId));
    await setFlash(services, request, parsed.data.children.length > 1 ? `Visit recorded for ${parsed.data.children.length} children` : 'Visit recorded');
    return reply.redirect(`/people/${personId}/visits/${saved.visitId}`, 303);
  });

  app.post('/people/:personId/visits/new/discard', { config: { action: 'visit:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    await services.drafts.discard(request.actor!.id, formPath(personId));
    return reply.redirect(formPath(personId), 303);
  });

  app.get('/people/:personId/visits', { config: { action: 'visit:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const actor = request.actor!;
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const before = parseCursor((request.query as Record<string, unknown>).before);
    const found = await visits.forChild(ctxOf(request), personId, before, reasonsOf(request)[personId] ?? null);
    const last = found.visits[found.visits.length - 1];
    return reply.page('visits/views/list.njk', {
      title: `Visits – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'visits'),
      visits: found.visits.map((v) => ({
        ...v,
        typeLabel: visitTypeLabel(v.type),
        seenText: seenText(v.seen, v.seenAlone),
        bedroomText: BEDROOM_TEXT[v.bedroomSeen] ?? '',
        othersText: v.others.map((o) => (o.visible && !o.restricted ? o.name : 'a child whose record you cannot open')).join(', '),
      })),
      due: found.due ? { ...found.due, leftText: describeLeft(found.due), statusLabel: STATUS_LABELS[found.due.status], planLabel: labelFor(EPISODE_TYPE, found.due.planType) } : null,
      lastSeenOn: found.lastSeenOn,
      older: found.more && last ? `/people/${personId}/visits?before=${last.visitDate}_${last.id}` : null,
      newest: before ? `/people/${personId}/visits` : null,
      canRecord: can(actor, 'visit:record') && person.kind === 'child',
      canViewNotes: can(actor, 'note:view'),
      flash: await takeFlash(services, request),
    });
  });

  app.get('/people/:personId/visits/:visitId', { config: { action: 'visit:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId, visitId } = request.params as Params;
    if (!isUuid(visitId)) return reply.callNotFound();
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const visit = await visits.open(ctxOf(request), personId, visitId.toLowerCase(), reasonsOf(request));
    if (!visit) return reply.callNotFound();
    const actor = request.actor!;
    // Names only of the children this user may open; the others' changes are "another child's part".
    const nameOf = (id: string) => visit.children.find((c) => c.id === id)?.firstName ?? null;
    return reply.page('visits/views/visit.njk', {
      title: `Visit on ${formatDate(visit.visitDate)} – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'visits'),
      visit: { ...visit, typeLabel: visitTypeLabel(visit.type) },
      children: visit.children.filter((c) => c.visible).map((c) => ({ ...c, seenText: seenText(c.seen, c.seenAlone), bedroomText: BEDROOM_TEXT[c.bedroomSeen] ?? '' })),
      hiddenChildren: visit.children.filter((c) => !c.visible).length,
      canChange: can(actor, 'visit:record') && visits.mayChange(actor, visit),
      history: historyRows(visit.revisions, nameOf),
      backLink: `/people/${personId}/visits`,
      flash: await takeFlash(services, request),
    });
  });

  await visitEditRoutes(app, services);
}
