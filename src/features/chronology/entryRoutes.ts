/**
 * Entries typed on the chronology (H1): an incident reported by the police, a hospital admission,
 * a school exclusion, a house move, a court hearing… entered once and linked to everyone it
 * concerns. Changing one keeps its history (optimistic locking; a stale save shows both versions).
 * Entries Hearth made from other records are changed where they were recorded.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { todayInLondon } from '../../domain/dates';
import type { FieldErrors } from '../../platform/validation';
import type { PersonHeader } from '../people/header';
import { personTabs } from '../people/header';
import { entryRepository, type EntryRecord } from './entryRepository';
import type { FamilyMember } from './repository';
import { entryFormView, entryValues, fieldRows, hiddenPairs, historyView, namesOf, recordData } from './entryViews';
import { sourceLink } from './fromRecords';
import { ctxOf, entryIdOf, type PersonParams } from './http';
import { LIMITS, parseEntry, parseVersion } from './schema';

export async function entryRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology, people } = services;
  const newPath = (personId: string) => `/people/${personId}/chronology/new`;

  async function showForm(request: FastifyRequest, reply: FastifyReply, person: PersonHeader, values: Record<string, unknown>, opts: { status?: number; errors?: FieldErrors; errorList?: unknown; entryId?: string; draftRestored?: boolean; linkable?: FamilyMember[]; done?: string } = {}) {
    const actor = request.actor!;
    const linkable = opts.linkable ?? (await chronology.linkable(ctxOf(request), person.id));
    // What happened is checked for plain wording on the server too (A12): advice beside the field, never a block.
    const summary = typeof values.summary === 'string' ? values.summary.slice(0, LIMITS.summary) : '';
    const report = summary.trim() ? await services.plainLanguage.check(summary) : null;
    return reply.page(
      'chronology/views/entry-form.njk',
      {
        title: `${opts.entryId ? 'Change an event' : 'Add an event'} – ${person.name}`,
        person,
        tabs: personTabs(actor, person.id, 'chronology'),
        backLink: `/people/${person.id}/chronology`,
        action: opts.entryId ? `/people/${person.id}/chronology/${opts.entryId}/edit` : newPath(person.id),
        editing: !!opts.entryId,
        draftRestored: opts.draftRestored,
        done: opts.done,
        report,
        panelId: 'summary-plain-language',
        ...entryFormView(values, linkable),
        errors: opts.errors,
        errorList: opts.errorList,
      },
      opts.status ?? 200,
    );
  }

  app.get('/people/:personId/chronology/new', { config: { action: 'chronology:add', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const found = await chronology.entryForm(ctxOf(request), personId);
    if (!found) return reply.callNotFound();
    const actor = request.actor!;
    const draft = await services.drafts.get(actor.id, newPath(personId)); // kept until the entry is added
    return showForm(request, reply, found.header, draft ?? { precision: 'day' }, { draftRestored: !!draft, linkable: found.linkable });
  });

  app.post('/people/:personId/chronology/new', { config: { action: 'chronology:add', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const person = await people.header(personId);
    if (!person) return reply.callNotFound();
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const linkable = await chronology.linkable(ctxOf(request), personId);
    const parsed = parseEntry(body, { today: todayInLondon(), allowedPeople: linkable.map((m) => m.id) });
    if (!parsed.ok) return showForm(request, reply, person, body, { status: 400, errors: parsed.errors, errorList: parsed.errorList });
    const entryId = await chronology.add(ctxOf(request), personId, parsed.data);
    await services.drafts.discard(request.actor!.id, newPath(personId));
    return reply.redirect(await afterSave(personId, entryId, parsed.data.summary, 'added'), 303);
  });

  /**
   * Where a save goes: back to the chronology, or, when the wording of what happened could be plainer,
   * to the entry's form with the suggestions beside it (saved already: changing it is up to the worker).
   */
  async function afterSave(personId: string, entryId: string, summary: string, done: 'added' | 'saved'): Promise<string> {
    const report = await services.plainLanguage.check(summary);
    return report.findings.length > 0 ? `/people/${personId}/chronology/${entryId}/edit?done=${done}` : `/people/${personId}/chronology?done=${done}`;
  }

  /** An entry made from another record: say where to change it. */
  const fromSource = (request: FastifyRequest, reply: FastifyReply, person: PersonHeader, entry: EntryRecord, status: number) =>
    reply.page(
      'chronology/views/entry-from-source.njk',
      { title: `Change this entry where it was recorded – ${person.name}`, person, tabs: personTabs(request.actor!, person.id, 'chronology'), backLink: `/people/${person.id}/chronology`, madeFrom: sourceLink(entry.originType, entry.originId, person.id) },
      status,
    );

  app.get('/people/:personId/chronology/:entryId/edit', { config: { action: 'chronology:edit', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const entryId = entryIdOf(request);
    if (!entryId) return reply.callNotFound();
    const found = await chronology.entry(ctxOf(request), personId, entryId, 'chronology-entry-opened');
    if (!found) return reply.callNotFound();
    if (found.entry.originType !== 'entry') return fromSource(request, reply, found.header, found.entry, 200);
    if (found.entry.people.some((p) => !p.visible)) {
      return reply.page('errors/forbidden.njk', { title: 'This entry also concerns someone whose record you cannot open' }, 403);
    }
    // Typing kept as it was typed (autosave) or when the session ran out (the guard keeps it as a draft).
    const draftKey = `/people/${personId}/chronology/${entryId}/edit`;
    const draft = await services.drafts.get(request.actor!.id, draftKey); // kept until the entry is saved
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return showForm(request, reply, found.header, draft ?? entryValues(found.entry), { entryId, draftRestored: !!draft, done: done === 'added' || done === 'saved' ? done : undefined });
  });

  app.post('/people/:personId/chronology/:entryId/edit', { config: { action: 'chronology:edit', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const entryId = entryIdOf(request);
    if (!entryId) return reply.callNotFound();
    const person = await people.header(personId);
    if (!person) return reply.callNotFound();
    // An entry that is not this person's (or not one this user may see) is not found, whatever was posted.
    if (!(await entryRepository(services.db).find(request.actor!, personId, entryId))) return reply.callNotFound();
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const linkable = await chronology.linkable(ctxOf(request), personId);
    const offered = linkable.map((m) => m.id);
    const parsed = parseEntry(body, { today: todayInLondon(), allowedPeople: offered });
    const version = parseVersion(body);
    if (!parsed.ok || version === null) {
      const errors = parsed.ok ? { version: 'Reload the page and make your change again' } : parsed.errors;
      const errorList = parsed.ok ? [{ text: errors.version, href: '#summary' }] : parsed.errorList;
      return showForm(request, reply, person, body, { status: 400, errors, errorList, entryId });
    }
    const result = await chronology.update(ctxOf(request), personId, entryId, parsed.data, version, offered);
    switch (result.outcome) {
      case 'saved':
        await services.drafts.discard(request.actor!.id, `/people/${personId}/chronology/${entryId}/edit`);
        return reply.redirect(await afterSave(personId, entryId, parsed.data.summary, 'saved'), 303);
      case 'not-found':
        return reply.callNotFound();
      case 'from-source':
        return fromSource(request, reply, person, result.entry, 409);
      case 'denied':
        return reply.page('errors/forbidden.njk', { title: 'This entry also concerns someone whose record you cannot open' }, 403);
      case 'conflict': {
        // Someone saved since this form was opened: show what is saved and what was typed, lose nothing.
        const saved = result.entry;
        const names = namesOf([...saved.people, ...linkable]);
        names.set(personId, person.name);
        const typed = { ...parsed.data, occurredPrecision: parsed.data.precision, personIds: [personId, ...parsed.data.people] };
        return reply.page(
          'chronology/views/entry-conflict.njk',
          {
            title: `Someone else changed this entry – ${person.name}`,
            person,
            tabs: personTabs(request.actor!, personId, 'chronology'),
            action: `/people/${personId}/chronology/${entryId}/edit`,
            saved: fieldRows(recordData(saved), names),
            typed: fieldRows(typed, names),
            hidden: hiddenPairs(body, saved.version),
          },
          409,
        );
      }
    }
  });

  app.get('/people/:personId/chronology/:entryId/history', { config: { action: 'chronology:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const entryId = entryIdOf(request);
    if (!entryId) return reply.callNotFound();
    const found = await chronology.entry(ctxOf(request), personId, entryId, 'chronology-history-viewed');
    if (!found) return reply.callNotFound();
    const { entry, header } = found;
    // Entries loaded in bulk (the demo and scale seeds) have no kept revision yet: the entry is its only version.
    const revisions = found.revisions.length > 0 ? found.revisions : [{ version: entry.version, data: recordData(entry), changedAt: entry.recordedAt, changedByName: entry.recordedByName }];
    return reply.page('chronology/views/history.njk', {
      title: `History of an entry – ${header.name}`,
      person: header,
      tabs: personTabs(request.actor!, personId, 'chronology'),
      backLink: `/people/${personId}/chronology`,
      ...historyView(revisions, entry.people),
      madeFrom: sourceLink(entry.originType, entry.originId, personId),
    });
  });
}
