import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { safeReturnTo } from '../../app';
import type { Actor } from '../../platform/access';
import type { Refusal } from './service';

/** The audit context of a signed-in request (routes here always run after the guard). */
export function ctxOf(request: FastifyRequest): { actor: Actor; requestId: string } {
  return { actor: request.actor!, requestId: request.id };
}

/** Reasons this session gave for opening restricted records. */
export function reasonsOf(request: FastifyRequest): Record<string, string> {
  return request.session?.data.restrictedReasons ?? {};
}

/** Answers a refused check the way the guard does for a person in the address. */
export function sendRefusal(request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  switch (refusal.outcome) {
    case 'not-found':
      return reply.page('errors/not-found.njk', { title: 'Page not found' }, 404);
    case 'denied':
      return reply.page('errors/forbidden.njk', { title: 'You do not have access to this record' }, 403);
    case 'restricted':
      return reply.redirect(`/people/${refusal.personId}/restricted?returnTo=${encodeURIComponent(safeReturnTo(request.url))}`, 303);
    case 'merged':
      return reply.page('errors/merged.njk', { title: 'This record was merged', mergedInto: refusal.to }, 409);
    case 'adult':
      return reply.page('errors/bad-request.njk', { title: `${refusal.name} is an adult: a contact is about children` }, 400);
  }
}

/** A one-line message for the next page (kept in the session, so it survives the redirect). */
export async function setFlash(services: Services, request: FastifyRequest, text: string): Promise<void> {
  if (!request.session) return;
  request.session.data.flash = text;
  await services.sessions.save(request.session);
}

/** Takes the message left by the last action, once. */
export async function takeFlash(services: Services, request: FastifyRequest): Promise<string | undefined> {
  const flash = request.session?.data.flash;
  if (!flash || !request.session) return undefined;
  delete request.session.data.flash;
  await services.sessions.save(request.session);
  return flash;
}

/** Typed text kept when the session timed out on posting this form (the guard keeps it), shown again once. */
export async function takeDraft(services: Services, request: FastifyRequest, formPath: string): Promise<Record<string, unknown> | null> {
  const actor = request.actor!;
  const draft = await services.drafts.get(actor.id, formPath);
  if (draft) await services.drafts.discard(actor.id, formPath);
  return draft;
}
