import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services';
import { can, checkPerson } from '../../platform/access';
import { parseForm, text, type FieldErrors } from '../../platform/validation';
import { EPISODE_TYPE, isCode, labelFor } from '../../domain/codes';
import { formatDate } from '../../domain/dates';
import { PRE_BIRTH_TYPES, type EpisodeTypeCode } from '../../domain/episodes';
import { personTabs } from '../people/header';
import { dateValues, orderedErrors, readDate, requiredText } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import { ctxOf, setFlash, keptDraft } from '../../platform/http';
import type { OpenEpisodeInput } from './openEpisode';

const FIELD_ORDER = ['type', 'startDate', 'reason', 'team', 'worker'];

/** What each type of episode is, in plain words, beside its choice on the form. */
const TYPE_HINTS: Record<EpisodeTypeCode, string> = {
  'early-help': 'Help from early help services, with the family’s agreement, without statutory social work.',
  'child-in-need': 'Services for a child in need (section 17 of the Children Act 1989).',
  'child-protection': 'A child protection plan, or the enquiry and conference that may lead to one (section 47), including before birth.',
  'looked-after': 'The council cares for the child: by agreement with the parents (section 20), a care order (section 31) or an emergency order.',
  'care-leaver': 'A young person aged 16 to 25 who was looked after: support after care and a pathway plan.',
};

const openFields = z.object({
  type: z
    .unknown()
    .refine((v) => isCode(EPISODE_TYPE, v), { message: 'Select the type of episode' })
    .transform((v) => v as EpisodeTypeCode),
  reason: requiredText(2000, 'Give the reason for starting this work and its legal basis, in plain words', 'The reason must be 2,000 characters or fewer'),
});

const record = (body: unknown) => (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

/** Reads the form: every problem at once, in GOV.UK words. The allocation is read only from those who may allocate. */
function parseOpening(body: unknown, mayAllocate: boolean): { ok: true; data: OpenEpisodeInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const start = readDate(body, 'startDate', { label: 'date the episode started' });
  if (start.error) errors.startDate = start.error;
  const fields = parseForm(openFields, body);
  if (!fields.ok) Object.assign(errors, fields.errors);
  let allocation: OpenEpisodeInput['allocation'] = null;
  if (mayAllocate) {
    const posted = record(body);
    const team = text(body, 'team');
    const worker = text(body, 'worker');
    const current = text(body, 'currentAllocation');
    // A field sent twice arrives as a list: never read it as "leave the allocation as it is".
    if (posted.team !== undefined && typeof posted.team !== 'string') errors.team = 'Select a team, or leave the allocation as it is';
    else if (team === '') {
      if (worker !== '' && worker !== 'none') errors.worker = 'Select the worker’s team as well, or choose no worker yet';
    } else if (!isUuid(team)) errors.team = 'Select a team, or leave the allocation as it is';
    if (posted.worker !== undefined && typeof posted.worker !== 'string') errors.worker = 'Select a worker, or choose to allocate to the team only for now';
    else if (team !== '' && worker !== 'none' && !isUuid(worker)) errors.worker = 'Select a worker, or choose to allocate to the team only for now';
    if ((current !== '' && !isUuid(current)) || (posted.currentAllocation !== undefined && typeof posted.currentAllocation !== 'string')) errors.team ??= 'Reload the page and try again';
    if (isUuid(team)) allocation = { teamId: team, workerId: isUuid(worker) ? worker : null, currentAllocationId: current || null };
  }
  if (Object.keys(errors).length > 0 || !fields.ok || !start.value) return { ok: false, errors };
  return { ok: true, data: { type: fields.data.type, startDate: start.value, reason: fields.data.reason, allocation } };
}

/** Starting an episode of work for a child by hand (P5): any type, not only the front door's child in need and early help. */
export async function openEpisodeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseload } = services;
  const path = (personId: string) => `/people/${personId}/episodes/new`;

  async function show(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
    const { personId } = request.params as { personId: string };
    const actor = request.actor!;
    const asked = [values.team, record(request.query).team].find(isUuid);
    const page = await caseload.episodeStartPage(ctxOf(request), personId, can(actor, 'allocation:manage') ? { askedTeamId: asked ?? null, ownTeamId: actor.teamId } : null);
    if (!page) return reply.callNotFound();
    const { person, open, form } = page;
    const unborn = !person.dateOfBirth && !!person.expectedDeliveryDate;
    const current = form?.history.find((a) => a.id === form.current?.id) ?? null;
    const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
    return reply.page(
      'caseload/views/start-episode.njk',
      {
        title: 'Start an episode of work',
        person,
        tabs: personTabs(actor, personId, 'involvement'),
        backLink: `/people/${personId}/involvement`,
        action: path(personId),
        types: EPISODE_TYPE.map((t) => {
          const already = open.find((e) => e.type === t.code);
          const hint = `${TYPE_HINTS[t.code as EpisodeTypeCode]}${already ? ` Open now, since ${formatDate(already.startDate)}.` : ''}`;
          return { value: t.code, text: t.label, hint: { text: hint }, checked: str('type') === t.code };
        }),
        typeHint: unborn ? `${person.name} is not born yet: only ${PRE_BIRTH_TYPES.map((t) => labelFor(EPISODE_TYPE, t).toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' or $1')} work can start before birth.` : null,
        startHint: `For example, 27 3 2026. Today or in the past${person.dateOfBirth ? `, and not before ${formatDate(person.dateOfBirth)}, the date of birth` : ''}`,
        allocation: form
          ? {
              current,
              currentId: form.current?.id ?? '',
              teams: [{ value: '', text: current ? 'Leave the allocation as it is' : 'Do not allocate now' }, ...form.teams.map((t) => ({ value: t.id, text: t.name, selected: str('team') === t.id }))],
              chosen: form.chosen,
              workers: [
                { value: 'none', text: 'No worker yet: the team only' },
                ...form.workers.map((w) => ({ value: w.id, text: `${w.name} (holds ${w.children} ${w.children === 1 ? 'child' : 'children'} now)`, selected: str('worker') === w.id })),
              ],
            }
          : null,
        values: { startDate: dateValues(values, 'startDate'), reason: str('reason') },
        errors,
        errorList: orderedErrors(errors, FIELD_ORDER, ['startDate']),
      },
      status,
    );
  }

  app.get('/people/:personId/episodes/new', { config: { action: 'episode:manage', personParam: 'personId' } }, async (request, reply) => {
    return show(request, reply, (await keptDraft(services, request, request.url.split('?')[0]!)) ?? {});
  });

  app.post('/people/:personId/episodes/new', { config: { action: 'episode:manage', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const actor = request.actor!;
    const body = record(request.body);
    const parsed = parseOpening(body, can(actor, 'allocation:manage'));
    if (!parsed.ok) return show(request, reply, body, parsed.errors, 400);
    const result = await caseload.openEpisode(ctxOf(request), personId, parsed.data);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return show(request, reply, body, result.errors, 400);
    if (result.outcome === 'changed') {
      return show(request, reply, body, { team: 'Someone else changed this child’s allocation while you were filling this in. Check where the child is allocated now, then choose again' }, 409);
    }
    await services.drafts.discard(actor.id, path(personId));
    const started = `${labelFor(EPISODE_TYPE, parsed.data.type)} episode started on ${formatDate(parsed.data.startDate)}.`;
    const who = result.allocated ? (result.allocated.workerName ? `${result.allocated.workerName} in ${result.allocated.teamName}` : `${result.allocated.teamName}, waiting for a worker`) : null;
    await setFlash(services, request, who ? `${started} Allocated to ${who}.` : started);
    // A child allocated to another team may be out of this manager's sight now: go where they can still look.
    const still = await checkPerson(services.db, actor, personId);
    return reply.redirect(still.outcome === 'allowed' ? `/people/${personId}/involvement` : '/team', 303);
  });
}
