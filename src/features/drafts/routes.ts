import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { safeReturnTo } from '../../app';
import { isDraftKey } from '../../platform/drafts';

/**
 * Autosave: long forms marked `data-autosave` post what has been typed here every few seconds, so a
 * timeout, a lost connection or a conflict never loses it. The form's own page shows it again.
 */
export async function draftRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.post('/drafts', async (request, reply) => {
    const actor = request.actor!;
    const { form } = request.query as { form?: string };
    const formKey = safeReturnTo(form);
    if (formKey === '/' || !isDraftKey(formKey) || !request.body || typeof request.body !== 'object') return reply.code(400).send({ saved: false });
    const saved = await services.drafts.save(actor.id, formKey, request.body as Record<string, unknown>);
    return reply.code(saved ? 200 : 413).send({ saved, at: new Date().toISOString() });
  });
}
