import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { checkPerson } from '../../platform/access';
import { text, type FieldErrors } from '../../platform/validation';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { loadPersonHeader, personTabs } from '../people/header';
import { cleanText, dateValues, orderedErrors, readDate } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import { ctxOf, setFlash, keptDraft } from '../../platform/http';
import type { AllocateInput } from './service';

const FIELD_ORDER = ['team', 'worker', 'fromDate', 'reason'];

/** Reads the allocation form: every problem at once, in GOV.UK words. */
function parseAllocation(body: unknown): { ok: true; data: AllocateInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const team = text(body, 'team');
  const worker = text(body, 'worker');
  const current = text(body, 'currentAllocation');
  const reason = cleanText(text(body, 'reason')) as string;
  if (!isUuid(team)) errors.team = 'Select a team';
  if (worker !== 'none' && !isUuid(worker)) errors.worker = 'Select a worker, or choose to allocate to the team only for now';
  const from = readDate(body, 'fromDate', { label: 'date the allocation starts' });
  if (from.error) errors.fromDate = from.error;
  const posted = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // A field sent twice arrives as a list: never drop it silently.
  if (reason.length > 500) errors.reason = 'The reason must be 500 characters or fewer';
  else if (posted.reason !== undefined && typeof posted.reason !== 'string') errors.reason = 'Enter the reason as text';
  if ((current !== '' && !isUuid(current)) || (posted.currentAllocation !== undefined && typeof posted.currentAllocation !== 'string')) errors.form = 'Reload the page and try again';
  if (Object.keys(errors).length > 0 || !from.value) return { ok: false, errors };
  return { ok: true, data: { teamId: team, workerId: worker === 'none' ? null : worker, fromDate: from.value, reason: reason || null, currentAllocationId: current || null } };
}

/** Allocation (P5): a team manager gives a child a team and a worker; the history is kept. */
export async function allocationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseload } = services;
  const path = (personId: string) => `/people/${personId}/allocate`;

  async function showForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200, changed = false) {
    const { personId } = request.params as { personId: string };
    const actor = request.actor!;
    const query = request.query as Record<string, unknown>;
    const asked = [values.team, query.team].find(isUuid);
    const page = await caseload.allocationPage(ctxOf(request), personId, asked ?? null, actor.teamId);
    if (!page) return reply.callNotFound();
    const { person, form } = page;
    const { chosen, workers } = form;
    const current = form.history.find((a) => a.id === form.current?.id) ?? null;
    return reply.page(
      'caseload/views/allocate.njk',
      {
        title: `Allocate ${person.name}`,
        person,
        tabs: personTabs(actor, personId, 'involvement'),
        backLink: `/people/${personId}/involvement`,
        action: path(personId),
        openEpisodes: form.openEpisodes.map((e) => ({ ...e, typeLabel: labelFor(EPISODE_TYPE, e.type) })),
        current,
        history: form.history,
        workersIn12Months: form.workersIn12Months,
        teams: form.teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === chosen?.id })),
        chosen,
        workers: workers.map((w) => ({ value: w.id, text: w.name, hint: { text: `Holds ${w.children} ${w.children === 1 ? 'child' : 'children'} now` }, checked: values.worker === w.id })),
        teamOnlyChecked: values.worker === 'none',
        values: { fromDate: dateValues(values, 'fromDate'), reason: typeof values.reason === 'string' ? values.reason : '' },
        changed,
        errors,
        errorList: orderedErrors(errors, FIELD_ORDER, ['fromDate']),
      },
      status,
    );
  }

  app.get('/people/:personId/allocate', { config: { action: 'allocation:manage', personParam: 'personId' } }, async (request, reply) => {
    return showForm(request, reply, (await keptDraft(services, request, request.url.split('?')[0]!)) ?? {});
  });

  app.post('/people/:personId/allocate', { config: { action: 'allocation:manage', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const parsed = parseAllocation(body);
    if (!parsed.ok) return showForm(request, reply, body, parsed.errors, 400);
    const result = await caseload.allocate(ctxOf(request), personId, parsed.data);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return showForm(request, reply, body, result.errors, 400);
    if (result.outcome === 'changed') return showForm(request, reply, body, {}, 409, true);
    if (result.outcome === 'no-episode') {
      return showForm(request, reply, body, { team: 'This child has no open episode. A manager’s decision on a contact opens one; then allocate' }, 400);
    }
    const actor = request.actor!;
    await services.drafts.discard(actor.id, path(personId));
    const person = await loadPersonHeader(services.db, personId);
    const who = result.workerName ? `${result.workerName} in ${result.teamName}` : `${result.teamName}, waiting for a worker`;
    await setFlash(services, request, `${person?.name ?? 'The child'} is now allocated to ${who}.`);
    // A child moved to another team may be out of this manager's sight now: go where they can still look.
    const still = await checkPerson(services.db, actor, personId);
    return reply.redirect(still.outcome === 'allowed' ? `/people/${personId}/involvement` : '/team', 303);
  });
}
