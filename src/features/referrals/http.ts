import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnTo } from '../../app';
import type { Refusal } from './service';

export { ctxOf, reasonsOf, setFlash, takeFlash, keptDraft } from '../../platform/http';

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
