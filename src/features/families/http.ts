import type { FastifyRequest } from 'fastify';

/** Who is acting and in which request: what every service call and audit row needs. Guarded routes only. */
export const actorContext = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });
