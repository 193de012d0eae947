import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import type { FieldErrors } from '../../platform/validation';
import { todayInLondon } from '../../domain/dates';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { ctxOf, isUuid, keptDraft, reasonsOf, setFlash, takeFlash } from '../../platform/http';
import type { RecordedChild } from '../visits/children';
import { freshNoteValues, noteCursor, noteFormView, parseNoteCursor } from './formView';
import { noteTypeLabel, parseNote } from './schema';
import { noteEditRoutes } from './editRoutes';

type Params = { personId: string; noteId?: string };
const formPath = (personId: string) => `/people/${personId}/notes/new`;

/** Case notes (V2): one quick screen for one or several children of a household, the child's notes, and one note. */
export async function caseNoteRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseNotes } = services;

  function showForm(request: FastifyRequest, reply: FastifyReply, person: PersonHeader, children: RecordedChild[], values: Record<string, unknown>, extra: { errors?: FieldErrors; draft?: boolean } = {}, status = 200) {
    const form = noteFormView(children, values, extra.errors);
    return reply.page(
      'caseNotes/views/new.njk',
      {
        title: `Add a case note – ${person.name}`,
        person,
        tabs: personTabs(request.actor!, person.id, 'visits'),
        action: formPath(person.id),
        form,
        errorList: form.errorList,
        draft: extra.draft ?? false,
        backLink: `/people/${person.id}/notes`,
      },
      status,
    );
  }

  const childOnly = (reply: FastifyReply) => reply.page('errors/bad-request.njk', { title: 'Case notes are recorded for children' }, 400);

  app.get('/people/:personId/notes/new', { config: { action: 'note:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const page = await caseNotes.formPage(ctxOf(request), personId, reasonsOf(request));
    if (!page) return reply.callNotFound();
    const { person, data: children } = page;
    if (person.kind !== 'child') return childOnly(reply);
    const draft = await keptDraft(services, request, formPath(personId));
    return showForm(request, reply, person, children, draft ?? freshNoteValues(todayInLondon()), { draft: !!draft });
  });

  app.post('/people/:personId/notes/new', { config: { action: 'note:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const ctx = ctxOf(request);
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    if (person.kind !== 'child') return childOnly(reply);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const children = await caseNotes.children(ctx.actor, personId, reasonsOf(request));
    const parsed = parseNote(body, children, todayInLondon());
    if (!parsed.ok) return showForm(request, reply, person, children, body, { errors: parsed.errors }, 400);
    const saved = await caseNotes.record(ctx, personId, parsed.data, reasonsOf(request));
    if (saved.outcome !== 'saved') {
      const errors = { children: 'The children living with this child changed while you were typing. Check the children and save again' };
      return showForm(request, reply, person, await caseNotes.children(ctx.actor, personId, reasonsOf(request)), body, { errors }, 409);
    }
    await services.drafts.discard(ctx.actor.id, formPath(personId));
    await setFlash(services, request, parsed.data.children.length > 1 ? `Case note added for ${parsed.data.children.length} children` : 'Case note added');
    // What happened is checked for plain wording on the server too (A12): with suggestions, the note is shown with them beside it.
    const report = await services.plainLanguage.check(parsed.data.summary);
    return reply.redirect(report.findings.length > 0 ? `/people/${personId}/notes/${saved.noteId}?wording=check` : `/people/${personId}/notes`, 303);
  });

  app.post('/people/:personId/notes/new/discard', { config: { action: 'note:record', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    await services.drafts.discard(request.actor!.id, formPath(personId));
    return reply.redirect(formPath(personId), 303);
  });

  app.get('/people/:personId/notes', { config: { action: 'note:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const actor = request.actor!;
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const query = request.query as Record<string, unknown>;
    const significantOnly = query.significant === 'yes';
    const before = parseNoteCursor(query.before);
    const found = await caseNotes.forChild(ctxOf(request), personId, { before, significantOnly }, reasonsOf(request)[personId] ?? null);
    const last = found.notes[found.notes.length - 1];
    const filter = significantOnly ? 'significant=yes&' : '';
    return reply.page('caseNotes/views/list.njk', {
      title: `Case notes – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'visits'),
      notes: found.notes.map((n) => ({
        ...n,
        typeLabel: noteTypeLabel(n.type),
        othersText: n.others.map((o) => (o.visible && !o.restricted ? o.name : 'a child whose record you cannot open')).join(', '),
      })),
      significantOnly,
      older: found.more && last ? `/people/${personId}/notes?${filter}before=${encodeURIComponent(noteCursor(last))}` : null,
      newest: before ? `/people/${personId}/notes${significantOnly ? '?significant=yes' : ''}` : null,
      canRecord: can(actor, 'note:record') && person.kind === 'child',
      flash: await takeFlash(services, request),
    });
  });

  app.get('/people/:personId/notes/:noteId', { config: { action: 'note:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId, noteId = '' } = request.params as Params;
    if (!isUuid(noteId)) return reply.callNotFound();
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const note = await caseNotes.open(ctxOf(request), personId, noteId.toLowerCase(), reasonsOf(request));
    if (!note) return reply.callNotFound();
    const actor = request.actor!;
    const canChange = can(actor, 'note:record') && caseNotes.mayChange(actor, note);
    // Just saved with wording that could be plainer: the suggestions, as advice, for the person who may change it.
    const wording = (request.query as { wording?: unknown } | undefined)?.wording === 'check' && canChange;
    const report = wording ? await services.plainLanguage.check(note.summary) : null;
    return reply.page('caseNotes/views/note.njk', {
      title: `${noteTypeLabel(note.type)} – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'visits'),
      note: { ...note, typeLabel: noteTypeLabel(note.type) },
      children: note.children.filter((c) => c.visible),
      hiddenChildren: note.children.filter((c) => !c.visible).length,
      canChange,
      report,
      panelId: 'summary-plain-language',
      backLink: `/people/${personId}/notes`,
      flash: await takeFlash(services, request),
    });
  });

  await noteEditRoutes(app, services);
}
