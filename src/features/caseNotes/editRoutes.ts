import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import type { FieldErrors } from '../../platform/validation';
import { todayInLondon } from '../../domain/dates';
import { loadPersonHeader, personTabs, type PersonHeader } from '../people/header';
import { ctxOf, isUuid, keptDraft, reasonsOf, setFlash } from '../../platform/http';
import { noteFormView, noteValues } from './formView';
import type { NoteRecord } from './repository';
import { noteTypeLabel, parseNoteChange } from './schema';

type Params = { personId: string; noteId: string };
const editPath = (personId: string, noteId: string) => `/people/${personId}/notes/${noteId}/edit`;

/**
 * Changing a case note (V2): the person who wrote it, or a manager of the team of a child on it or of
 * the person who wrote it (mayChangeRecordedWork in platform/access.ts, the rule visits follow). Every
 * version is kept; a change made by someone else since the form was opened is shown beside what was
 * typed, never lost.
 */
export async function noteEditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseNotes } = services;

  function showEdit(request: FastifyRequest, reply: FastifyReply, person: PersonHeader, note: NoteRecord, values: Record<string, unknown>, extra: { errors?: FieldErrors; conflict?: NoteRecord; draft?: boolean } = {}, status = 200) {
    const form = noteFormView([], values, extra.errors);
    return reply.page(
      'caseNotes/views/edit.njk',
      {
        title: `Change a case note – ${person.name}`,
        person,
        tabs: personTabs(request.actor!, person.id, 'visits'),
        action: editPath(person.id, note.id),
        note: { ...note, typeLabel: noteTypeLabel(note.type) },
        form,
        errorList: form.errorList,
        conflict: extra.conflict ? { ...extra.conflict, typeLabel: noteTypeLabel(extra.conflict.type) } : null,
        draft: extra.draft ?? false,
        backLink: `/people/${person.id}/notes/${note.id}`,
      },
      status,
    );
  }

  /**
   * The note and its child; null when there is none; 'refused' when this user may not change it
   * (audited as a refusal before anything is shown, and never as a view of the note).
   */
  async function load(request: FastifyRequest): Promise<{ person: PersonHeader; note: NoteRecord } | null | 'refused'> {
    const { personId, noteId } = request.params as Params;
    if (!isUuid(noteId)) return null;
    const person = await loadPersonHeader(services.db, personId);
    const note = person ? await caseNotes.openToChange(ctxOf(request), personId, noteId.toLowerCase(), reasonsOf(request), request.method) : null;
    if (!person || !note) return null;
    if (note === 'refused') return 'refused';
    return { person, note };
  }

  const refused = (reply: FastifyReply) => reply.page('errors/forbidden.njk', { title: 'Only the person who wrote this note, or a manager of their team or of the child’s team, can change it' }, 403);

  app.get('/people/:personId/notes/:noteId/edit', { config: { action: 'note:record', personParam: 'personId' } }, async (request, reply) => {
    const loaded = await load(request);
    if (!loaded) return reply.callNotFound();
    if (loaded === 'refused') return refused(reply);
    const draft = await keptDraft(services, request, editPath(loaded.person.id, loaded.note.id));
    return showEdit(request, reply, loaded.person, loaded.note, draft ?? noteValues(loaded.note), { draft: !!draft });
  });

  app.post('/people/:personId/notes/:noteId/edit', { config: { action: 'note:record', personParam: 'personId' } }, async (request, reply) => {
    const loaded = await load(request);
    if (!loaded) return reply.callNotFound();
    if (loaded === 'refused') return refused(reply);
    const { person, note } = loaded;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const parsed = parseNoteChange(body, todayInLondon());
    if (!parsed.ok) return showEdit(request, reply, person, note, body, { errors: parsed.errors }, 400);
    const ctx = ctxOf(request);
    const result = await caseNotes.change(ctx, person.id, note.id, parsed.data, reasonsOf(request));
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'not-yours') return refused(reply);
    if (result.outcome === 'conflict') {
      // Keep what was typed; show what is saved now; saving again (from the newest version) replaces it.
      await services.drafts.save(ctx.actor.id, editPath(person.id, note.id), { ...body, version: String(result.current.version) });
      return showEdit(request, reply, person, result.current, { ...body, version: String(result.current.version) }, { conflict: result.current }, 409);
    }
    await services.drafts.discard(ctx.actor.id, editPath(person.id, note.id));
    await setFlash(services, request, 'Case note changed. The earlier version is kept');
    const report = await services.plainLanguage.check(parsed.data.summary);
    return reply.redirect(`/people/${person.id}/notes/${note.id}${report.findings.length > 0 ? '?wording=check' : ''}`, 303);
  });
}
