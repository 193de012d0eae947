import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import type { FieldErrors } from '../../platform/validation';
import { CLOSURE_REASON, CONTACT_DECISION, EPISODE_TYPE, REFERRAL_SOURCE, isCode, labelFor } from '../../domain/codes';
import { loadPersonHeader, personTabs } from '../people/header';
import { dateValues, orderedErrors, readDate } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import { ctxOf, reasonsOf, setFlash, keptDraft, takeFlash } from '../../platform/http';

const closeFields = z.object({
  closureReason: z.unknown().refine((v) => isCode(CLOSURE_REASON, v), { message: 'Select the reason the episode ended' }),
  version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1).max(2_147_483_647),
});

/** The involvement tab (contacts, referrals, episodes, workers) and closing an episode (P5). */
export async function involvementRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseload } = services;

  app.get('/people/:personId/involvement', { config: { action: 'involvement:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const actor = request.actor!;
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return reply.callNotFound();
    const data = await caseload.involvement(ctxOf(request), personId, reasonsOf(request)[personId] ?? null);
    const hasOpen = data.episodes.some((e) => !e.endDate);
    return reply.page('caseload/views/involvement.njk', {
      title: `${person.name}: contacts, episodes and workers`,
      person,
      tabs: personTabs(actor, personId, 'involvement'),
      contacts: data.contacts.map((c) => ({ ...c, sourceLabel: labelFor(REFERRAL_SOURCE, c.sourceCode), decisionLabel: labelFor(CONTACT_DECISION, c.decision) })),
      referrals: data.referrals.map((r) => ({ ...r, sourceLabel: labelFor(REFERRAL_SOURCE, r.sourceCode) })),
      episodes: data.episodes.map((e) => ({ ...e, typeLabel: labelFor(EPISODE_TYPE, e.type), closureLabel: labelFor(CLOSURE_REASON, e.closureReason) })),
      allocations: data.allocations,
      workers: data.workers,
      can: {
        viewContacts: can(actor, 'contact:view'),
        manageEpisodes: can(actor, 'episode:manage'),
        allocate: can(actor, 'allocation:manage') && hasOpen,
      },
      flash: await takeFlash(services, request),
    });
  });

  const closePath = (personId: string, episodeId: string) => `/people/${personId}/episodes/${episodeId}/close`;

  async function showClose(request: FastifyRequest, reply: FastifyReply, values: unknown, errors: FieldErrors = {}, status = 200, conflict = false) {
    const { personId, episodeId } = request.params as { personId: string; episodeId: string };
    if (!isUuid(episodeId)) return reply.callNotFound();
    // Already closed: a fresh visit goes back to the involvement tab; a form posted to it (even a wrong one) is told so.
    const found = await caseload.episodeClosePage(ctxOf(request), personId, episodeId, conflict || status !== 200);
    if (!found) return reply.callNotFound();
    const { person, episode } = found;
    if (episode.endDate && !conflict && status === 200) return reply.redirect(`/people/${personId}/involvement`, 303);
    const closedMeanwhile = !!episode.endDate && !conflict;
    const source = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
    return reply.page(
      'caseload/views/close-episode.njk',
      {
        title: `Close the ${labelFor(EPISODE_TYPE, episode.type).toLowerCase()} episode`,
        person,
        tabs: personTabs(request.actor!, personId, 'involvement'),
        episode: { ...episode, typeLabel: labelFor(EPISODE_TYPE, episode.type), closureLabel: labelFor(CLOSURE_REASON, episode.closureReason) },
        action: closePath(personId, episodeId),
        backLink: `/people/${personId}/involvement`,
        reasons: CLOSURE_REASON,
        conflict: conflict || closedMeanwhile,
        values: { endDate: dateValues(source, 'endDate'), closureReason: typeof source.closureReason === 'string' ? source.closureReason : '' },
        errors: closedMeanwhile ? {} : errors,
        errorList: closedMeanwhile ? [] : orderedErrors(errors, ['endDate', 'closureReason', 'version'], ['endDate']),
      },
      closedMeanwhile ? 409 : status,
    );
  }

  app.get('/people/:personId/episodes/:episodeId/close', { config: { action: 'episode:manage', personParam: 'personId' } }, async (request, reply) => {
    return showClose(request, reply, (await keptDraft(services, request, request.url.split('?')[0]!)) ?? {});
  });

  app.post('/people/:personId/episodes/:episodeId/close', { config: { action: 'episode:manage', personParam: 'personId' } }, async (request, reply) => {
    const { personId, episodeId } = request.params as { personId: string; episodeId: string };
    if (!isUuid(episodeId)) return reply.callNotFound();
    const body = request.body;
    const errors: FieldErrors = {};
    const end = readDate(body, 'endDate', { label: 'date the episode ended' });
    if (end.error) errors.endDate = end.error;
    const fields = closeFields.safeParse(body ?? {});
    if (!fields.success) for (const issue of fields.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    if (Object.keys(errors).length > 0 || !fields.success || !end.value) return showClose(request, reply, body, errors, 400);
    const result = await caseload.closeEpisode(ctxOf(request), personId, episodeId, { endDate: end.value, closureReason: fields.data.closureReason as string, version: fields.data.version });
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return showClose(request, reply, body, result.errors, 400);
    if (result.outcome === 'conflict') return showClose(request, reply, body, {}, 409, true);
    await services.drafts.discard(request.actor!.id, closePath(personId, episodeId));
    await setFlash(services, request, result.allocationEnded ? 'Episode closed. It was the last open episode, so the allocation to a team and worker has ended.' : 'Episode closed.');
    return reply.redirect(`/people/${personId}/involvement`, 303);
  });
}
