import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { safeReturnTo } from '../../app';
import { isDraftKey } from '../../platform/drafts';
import { list, text } from '../../platform/validation';

/**
 * Autosave: long forms marked `data-autosave` post what has been typed here every few seconds, so a
 * timeout, a lost connection or a conflict never loses it. The form's own page shows it again, until
 * the form is saved or the person removes what they typed (POST /drafts/discard, from the note that
 * says it was kept: partials/draft-kept.njk).
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

  app.post('/drafts/discard', async (request, reply) => {
    const actor = request.actor!;
    // A page may have more than one form (a task's "done" and "cancel"): each of its kept drafts goes.
    const keys = list(request.body, 'form').slice(0, 5).map(safeReturnTo).filter((k) => k !== '/' && isDraftKey(k));
    for (const key of keys) await services.drafts.discard(actor.id, key);
    const back = safeReturnTo(text(request.body, 'returnTo'));
    return reply.redirect(back, 303);
  });
}
