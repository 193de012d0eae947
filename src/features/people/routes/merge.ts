import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPerson } from '../../../platform/access';
import { audit } from '../../../platform/audit';
import { text, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { safeReturnTo } from '../../../app';
import { personTabs } from '../header';
import type { MergeChoices } from '../mergeService';
import { FIELD_LABELS, labelInSentence, PERSON_FIELDS, type PersonFields } from '../schema';
import { isEmptySearch, parseSearch } from '../searchQuery';
import { ctxOf, isUuid, summaryOf } from './http';
import { showValue } from './detailsView';
import { resultRows } from './searchView';

type Params = { personId: string; duplicateId?: string };
const config = { action: 'person:merge', personParam: 'personId' } as const;

/** Merging two records of the same person (P3): find the other one, compare, choose, merge. A manager's job. */
export async function mergeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { people } = services;

  app.get('/people/:personId/merge', { config }, async (request, reply) => {
    const { personId } = request.params as Params;
    const header = await people.formHeader(ctxOf(request), personId, 'merge-search-viewed');
    if (!header) return reply.callNotFound();
    const q = typeof (request.query as { q?: unknown }).q === 'string' ? ((request.query as { q: string }).q).slice(0, 200) : '';
    const parsed = parseSearch(q);
    const results = isEmptySearch(parsed) ? null : await people.search(request.actor!, parsed, { excludeId: personId, limit: 20 });
    if (results) await audit(services.db, ctxOf(request), { action: 'searched', subjectType: 'search', details: { q, results: results.length, page: 'merge' } });
    return reply.page('people/views/merge.njk', {
      title: `Merge another record into this one – ${header.name}`,
      person: header,
      tabs: personTabs(request.actor!, personId, 'details'),
      q,
      results: results ? resultRows(results, null).map((r) => ({ ...r, chooseHref: `/people/${personId}/merge/${r.id}` })) : null,
      backLink: `/people/${personId}`,
    });
  });

  /** The other record must be one this manager may open too (and, if restricted, has given a reason for). */
  async function checkDuplicate(request: FastifyRequest, reply: FastifyReply, personId: string, duplicateId: unknown): Promise<string | null> {
    if (!isUuid(duplicateId) || duplicateId === personId) {
      reply.callNotFound();
      return null;
    }
    const access = await checkPerson(services.db, request.actor!, duplicateId);
    if (access.outcome === 'allowed' && access.restricted && !request.session?.data.restrictedReasons?.[duplicateId]) {
      reply.redirect(`/people/${duplicateId}/restricted?returnTo=${encodeURIComponent(safeReturnTo(`/people/${personId}/merge/${duplicateId}`))}`, 303);
      return null;
    }
    if (access.outcome === 'allowed') return duplicateId;
    if (access.outcome === 'denied') {
      await audit(services.db, ctxOf(request), { action: 'access-refused', subjectType: 'person', subjectId: duplicateId, childId: duplicateId, details: { route: 'merge' } });
      reply.page('errors/forbidden.njk', { title: 'You do not have access to this record' }, 403);
      return null;
    }
    if (access.outcome === 'merged') {
      reply.page('errors/merged.njk', { title: 'This record was merged', mergedInto: access.mergedInto }, 409);
      return null;
    }
    reply.callNotFound();
    return null;
  }

  async function showCompare(request: FastifyRequest, reply: FastifyReply, personId: string, duplicateId: string, choices: MergeChoices, errors?: FieldErrors, status = 200) {
    const [header, other] = await Promise.all([people.header(personId), people.header(duplicateId)]);
    const pair = await people.merge.compare(ctxOf(request), personId, duplicateId);
    if (!header || !other || !pair) return reply.callNotFound();
    const rows = PERSON_FIELDS.filter((f) => f !== 'dateOfBirthEstimated').map((field: keyof PersonFields) => ({
      field,
      label: FIELD_LABELS[field],
      question: `Which ${labelInSentence(field)} should the record keep?`,
      kept: showValue(field, pair.kept.fields) || 'Not recorded',
      duplicate: showValue(field, pair.duplicate.fields) || 'Not recorded',
      conflict: pair.conflicts.includes(field),
      choice: choices[field] ?? 'kept',
    }));
    return reply.page(
      'people/views/merge-compare.njk',
      {
        title: `Check before merging – ${header.name}`,
        person: header,
        other,
        tabs: personTabs(request.actor!, personId, 'details'),
        rows,
        anyConflict: pair.conflicts.length > 0,
        differentKinds: pair.kept.fields.kind !== pair.duplicate.fields.kind,
        versions: { kept: pair.kept.version, duplicate: pair.duplicate.version },
        ...(errors ? summaryOf(errors) : {}),
        backLink: `/people/${personId}/merge`,
      },
      status,
    );
  }

  app.get('/people/:personId/merge/:duplicateId', { config }, async (request, reply) => {
    const { personId, duplicateId } = request.params as Params;
    const checked = await checkDuplicate(request, reply, personId, duplicateId);
    if (!checked) return reply;
    return showCompare(request, reply, personId, checked, {});
  });

  app.post('/people/:personId/merge/:duplicateId', { config }, async (request, reply) => {
    const { personId, duplicateId } = request.params as Params;
    const checked = await checkDuplicate(request, reply, personId, duplicateId);
    if (!checked) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const choices: MergeChoices = {};
    const errors: FieldErrors = {};
    for (const field of PERSON_FIELDS) {
      if (body[`keep-${field}`] === undefined) continue;
      const choice = text(body, `keep-${field}`);
      if (choice === 'kept' || choice === 'duplicate') choices[field] = choice;
      // A merge cannot be undone: an answer that is neither choice is refused, never read as "keep this record's".
      else errors[`keep-${field}`] = `Choose which ${labelInSentence(field)} to keep`;
    }
    const version = (name: string) => (/^\d{1,9}$/.test(text(body, name)) ? Number(text(body, name)) : null);
    const keptVersion = version('keptVersion');
    const duplicateVersion = version('duplicateVersion');
    if (keptVersion === null || duplicateVersion === null) errors.form = 'This page is out of date. Check both records again';
    if (Object.keys(errors).length > 0 || keptVersion === null || duplicateVersion === null) {
      return showCompare(request, reply, personId, checked, choices, errors, 400);
    }
    const outcome = await people.merge.merge(ctxOf(request), personId, checked, { kept: keptVersion, duplicate: duplicateVersion }, choices);
    if (outcome.ok) return reply.redirect(`/people/${personId}?done=merged`, 303);
    const message =
      outcome.problem === 'different-kinds'
        ? 'You can only merge two records that are both children or both adults. Change one of them first'
        : outcome.problem === 'changed'
          ? 'One of the records changed while you were checking. Check both records again'
          : outcome.problem === 'clash'
            ? 'The records could not be merged because both hold something only one record may have. Nothing was changed. Ask your administrator for help'
            : 'Choose a different record to merge';
    return showCompare(request, reply, personId, checked, choices, { form: message }, 409);
  });
}
