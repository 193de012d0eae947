import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../../../platform/access';
import { parseForm, text, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { personTabs, type PersonHeader } from '../header';
import { editPersonSchema, fieldsToForm, FIELD_LABELS, labelInSentence, PERSON_FIELDS, type PersonFields } from '../schema';
import { changedFields } from '../service';
import { ctxOf, doneMessage, summaryOf, keptDraft } from './http';
import { FORM_KEYS, hiddenPairs, PERSON_FORM_KEYS, personFormView } from './formView';
import { detailsView, showValue } from './detailsView';

type Params = { personId: string };
const editKey = (personId: string) => `/people/${personId}/edit`;

/** A person's record: the details page (audited as a view) and changing details with optimistic locking. */
export async function recordRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { people } = services;

  app.get('/people/:personId', { config: { action: 'person:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const actor = request.actor!;
    const found = await people.view(ctxOf(request), personId);
    if (!found) return reply.callNotFound();
    return reply.page('people/views/details.njk', {
      title: found.header.name,
      person: found.header,
      tabs: personTabs(actor, personId, 'details'),
      record: detailsView(found.details),
      flash: doneMessage(request.query),
      can: {
        edit: can(actor, 'person:edit'),
        recordContact: can(actor, 'contact:record') && found.details.fields.kind === 'child',
        merge: can(actor, 'person:merge'),
        restrict: can(actor, 'restricted:manage'),
        grant: can(actor, 'grant:manage') && found.details.fields.kind === 'child',
      },
    });
  });

  const showEdit = (reply: FastifyReply, person: PersonHeader, values: Record<string, unknown>, status = 200, errors?: FieldErrors, extra: Record<string, unknown> = {}) =>
    reply.page(
      'people/views/edit.njk',
      {
        title: `Change details – ${person.name}`,
        person,
        tabs: personTabs(reply.request.actor!, person.id, 'details'),
        values,
        form: personFormView(values, errors),
        ...(errors ? summaryOf(errors) : {}),
        ...extra,
      },
      status,
    );

  app.get('/people/:personId/edit', { config: { action: 'person:edit', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const found = await people.editForm(ctxOf(request), personId);
    if (!found) return reply.callNotFound();
    const { header, current } = found;
    const draft = await keptDraft(services, request, editKey(personId));
    if (draft) return showEdit(reply, header, draft, 200, undefined, { draftRestored: true });
    return showEdit(reply, header, fieldsToForm(current.fields, current.version));
  });

  const showConflict = (reply: FastifyReply, header: PersonHeader, typedBody: Record<string, unknown>, typed: PersonFields, current: { fields: PersonFields; version: number }, choices: Record<string, string> = {}, errors?: FieldErrors) => {
    const conflicts = changedFields(current.fields, typed);
    return reply.page(
      'people/views/conflict.njk',
      {
        title: `Someone else changed this record – ${header.name}`,
        person: header,
        tabs: personTabs(reply.request.actor!, header.id, 'details'),
        rows: conflicts.map((field) => ({
          field,
          label: FIELD_LABELS[field],
          typed: showValue(field, typed),
          saved: showValue(field, current.fields),
          choice: choices[field] ?? '',
        })),
        conflicts: conflicts.join(','),
        hidden: hiddenPairs({ ...typedBody, version: String(current.version) }, [...PERSON_FORM_KEYS, 'version']),
        ...(errors ? summaryOf(errors) : {}),
      },
      errors ? 400 : 409,
    );
  };

  app.post('/people/:personId/edit', { config: { action: 'person:edit', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as Params;
    const ctx = ctxOf(request);
    const header = await people.header(personId);
    if (!header) return reply.callNotFound();
    const raw = (request.body ?? {}) as Record<string, unknown>;
    // What was typed, without the conflict page's own fields.
    const body = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('keep-') && k !== 'resolving' && k !== 'conflicts'));

    // Coming back from the conflict page: every field in conflict needs a choice; "saved" takes the saved value.
    if (text(raw, 'resolving') === 'yes') {
      const current = await people.fields(personId);
      if (!current) return reply.callNotFound();
      const listed = text(raw, 'conflicts').split(',').filter((f): f is keyof PersonFields => (PERSON_FIELDS as string[]).includes(f));
      const choices: Record<string, string> = {};
      const errors: FieldErrors = {};
      for (const field of listed) {
        const choice = text(raw, `keep-${field}`);
        if (choice === 'typed' || choice === 'saved') choices[field] = choice;
        else errors[`keep-${field}`] = `Choose which ${labelInSentence(field)} to keep`;
      }
      if (Object.keys(errors).length > 0) {
        const typed = parseForm(editPersonSchema, body);
        if (!typed.ok) return showEdit(reply, header, body, 400, typed.errors);
        return showConflict(reply, header, body, typed.data.person, current, choices, errors);
      }
      const saved = fieldsToForm(current.fields, current.version);
      for (const field of listed) {
        if (choices[field] !== 'saved') continue;
        for (const key of FORM_KEYS[field]) body[key] = saved[key];
        if (field === 'dateOfBirth') body.dateOfBirthEstimated = saved.dateOfBirthEstimated;
        if (field === 'expectedDeliveryDate' || field === 'kind') body.kind = saved.kind;
      }
    }

    const parsed = parseForm(editPersonSchema, body);
    if (!parsed.ok) return showEdit(reply, header, body, 400, parsed.errors);
    const result = await people.update(ctx, personId, parsed.data.person, parsed.data.version);
    if (!result.ok && !result.current) return reply.callNotFound();
    if (result.ok || (result.current && changedFields(result.current.fields, parsed.data.person).length === 0)) {
      await services.drafts.discard(ctx.actor.id, editKey(personId));
      return reply.redirect(`/people/${personId}?done=saved`, 303);
    }
    // Someone saved since this form was opened: keep what was typed, show both, let the person choose.
    await services.drafts.save(ctx.actor.id, editKey(personId), body);
    return showConflict(reply, header, body, parsed.data.person, result.current!);
  });
}
