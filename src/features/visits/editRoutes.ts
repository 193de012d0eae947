import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import type { FieldErrors } from '../../platform/validation';
import { todayInLondon } from '../../domain/dates';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { ctxOf, isUuid, keptDraft, reasonsOf, setFlash } from '../../platform/http';
import { changeableChildren, visitFormView, visitValues } from './formView';
import type { VisitRecord } from './repository';
import { parseVisitChange } from './schema';
import { BEDROOM_TEXT, seenText, visitTypeLabel } from './summary';

type Params = { personId: string; visitId: string };
const editPath = (personId: string, visitId: string) => `/people/${personId}/visits/${visitId}/edit`;

/**
 * Changing a visit (V1): the person who recorded it, or a manager of the team of a child on it or of
 * the person who recorded it (mayChangeRecordedWork in platform/access.ts). Every
 * version is kept; a change made by someone else since the form was opened is shown beside what was
 * typed, with what they changed, never lost.
 */
export async function visitEditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { visits } = services;

  function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonHeader,
    visit: VisitRecord,
    values: Record<string, unknown>,
    extra: { errors?: FieldErrors; conflict?: { current: VisitRecord; changes: string[] }; draft?: boolean } = {},
    status = 200,
  ) {
    const parts = changeableChildren(visit, person.id);
    const form = visitFormView(parts, values, extra.errors);
    const current = extra.conflict?.current;
    return reply.page(
      'visits/views/edit.njk',
      {
        title: `Change a visit – ${person.name}`,
        person,
        tabs: personTabs(request.actor!, person.id, 'visits'),
        action: editPath(person.id, visit.id),
        form,
        parts: [...(form.self ? [form.self] : []), ...form.others],
        hiddenChildren: visit.children.filter((c) => c.id === '').length,
        errorList: form.errorList,
        conflict: current
          ? {
              ...current,
              typeLabel: visitTypeLabel(current.type),
              changes: extra.conflict!.changes,
              children: current.children.filter((c) => c.id !== '').map((c) => ({ ...c, seenText: seenText(c.seen, c.seenAlone), bedroomText: BEDROOM_TEXT[c.bedroomSeen] ?? '' })),
            }
          : null,
        draft: extra.draft ?? false,
        backLink: `/people/${person.id}/visits/${visit.id}`,
      },
      status,
    );
  }

  /**
   * The visit and its child; null when there is none; 'refused' when this user may not change it
   * (audited as a refusal before anything is shown, and never as a view of the visit).
   */
  async function load(request: FastifyRequest): Promise<{ person: PersonHeader; visit: VisitRecord } | null | 'refused'> {
    const { personId, visitId } = request.params as Params;
    if (!isUuid(visitId)) return null;
    const person = await loadPersonHeader(services.db, personId);
    const visit = person ? await visits.openToChange(ctxOf(request), personId, visitId.toLowerCase(), reasonsOf(request), request.method) : null;
    if (!person || !visit) return null;
    if (visit === 'refused') return 'refused';
    return { person, visit };
  }

  const refused = (reply: FastifyReply) => reply.page('errors/forbidden.njk', { title: 'Only the person who recorded this visit or a manager of the child’s team can change it' }, 403);

  app.get('/people/:personId/visits/:visitId/edit', { config: { action: 'visit:record', personParam: 'personId' } }, async (request, reply) => {
    const loaded = await load(request);
    if (!loaded) return reply.callNotFound();
    if (loaded === 'refused') return refused(reply);
    const draft = await keptDraft(services, request, editPath(loaded.person.id, loaded.visit.id));
    return showEdit(request, reply, loaded.person, loaded.visit, draft ?? visitValues(loaded.visit), { draft: !!draft });
  });

  app.post('/people/:personId/visits/:visitId/edit', { config: { action: 'visit:record', personParam: 'personId' } }, async (request, reply) => {
    const loaded = await load(request);
    if (!loaded) return reply.callNotFound();
    if (loaded === 'refused') return refused(reply);
    const { person, visit } = loaded;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const parsed = parseVisitChange(body, changeableChildren(visit, person.id), todayInLondon());
    if (!parsed.ok) return showEdit(request, reply, person, visit, body, { errors: parsed.errors }, 400);
    const ctx = ctxOf(request);
    const result = await visits.change(ctx, person.id, visit.id, parsed.data, reasonsOf(request));
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'not-yours') return refused(reply);
    if (result.outcome === 'children-changed') {
      const errors = { version: 'Who you may see on this visit changed while you were typing. Check each child’s part and save again' };
      return showEdit(request, reply, person, visit, body, { errors }, 409);
    }
    if (result.outcome === 'conflict') {
      // Keep what was typed; show what is saved now; saving again (from the newest version) replaces it.
      const values = { ...body, version: String(result.current.version) };
      await services.drafts.save(ctx.actor.id, editPath(person.id, visit.id), values);
      return showEdit(request, reply, person, result.current, values, { conflict: result }, 409);
    }
    await services.drafts.discard(ctx.actor.id, editPath(person.id, visit.id));
    await setFlash(services, request, 'Visit changed. The earlier version is kept');
    return reply.redirect(`/people/${person.id}/visits/${visit.id}`, 303);
  });
}
