/**
 * Closing a "review this assessment" prompt (A10): the worker either updated the assessment (only
 * possible once it has changed since the prompt) or records why no change is needed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../services';
import { audit } from '../../../platform/audit';
import { parseForm, text, type FieldErrors } from '../../../platform/validation';
import { optionalText, orderedErrors } from '../../../platform/formFields';
import { isUuid, setFlash, keptDraft } from '../../../platform/http';
import { ctxOf, loadLivingPage, routeIds } from './page';
import { findPrompt, resolvePrompt } from './reviewPrompts';

const edit = { action: 'assessment:edit', personParam: 'personId' } as const;

const resolveSchema = z
  .object({
    resolution: z.enum(['updated', 'no-change'], { error: 'Choose whether you updated the assessment or no change is needed' }),
    note: optionalText(2000, 'The reason must be 2,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    if (v.resolution === 'no-change' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why the assessment does not need to change' });
  });

const ORIGINS: Record<string, string> = {
  contact: 'A new referral',
  'chronology-entry': 'A significant event in the chronology',
  'household-member': 'A change of household',
};

/** What the form shows again of what was sent or kept: short, so nothing odd is echoed. */
const keptValues = (body: unknown) => ({ resolution: text(body, 'resolution').slice(0, 20), note: text(body, 'note').slice(0, 2100) });

export async function promptRoutes(app: FastifyInstance, services: Services): Promise<void> {
  async function show(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors = {}, draftRestored = false) {
    const { promptId } = request.params as { promptId: string };
    if (!isUuid(promptId)) return reply.callNotFound();
    const found = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      const prompt = await findPrompt(tx, page.assessment.id, promptId);
      if (!prompt) return null;
      await audit(tx, ctxOf(request), { action: 'assessment-review-prompt-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id, details: { promptId } });
      return { page, prompt };
    });
    if (!found) return reply.callNotFound();
    const { page, prompt } = found;
    const failed = Object.keys(errors).length > 0;
    return reply.page(
      'assessments/living/views/prompt.njk',
      {
        title: `Review the assessment – ${page.person.name}`,
        ...page,
        backLink: page.overview,
        prompt: { ...prompt, originLabel: ORIGINS[prompt.originType ?? ''] ?? 'New information' },
        action: `${page.base}/prompts/${prompt.id}/resolve`,
        values,
        draftRestored,
        errors,
        errorList: orderedErrors(errors, ['resolution', 'note']),
      },
      failed ? 400 : 200,
    );
  }

  app.get('/people/:personId/assessments/:assessmentId/prompts/:promptId/resolve', { config: edit }, async (request, reply) => {
    // What the worker typed and did not send yet (autosaved, or sent after their session timed out).
    const kept = await keptDraft(services, request, request.url.split('?')[0]!);
    return kept ? show(request, reply, keptValues(kept), {}, true) : show(request, reply, {});
  });

  app.post('/people/:personId/assessments/:assessmentId/prompts/:promptId/resolve', { config: edit }, async (request, reply) => {
    const { personId, assessmentId } = routeIds(request);
    const { promptId } = request.params as { promptId: string };
    if (!isUuid(promptId) || !isUuid(assessmentId)) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = keptValues(body);
    const parsed = parseForm(resolveSchema, body);
    if (!parsed.ok) return show(request, reply, values, parsed.errors);
    const result = await resolvePrompt(services.db, ctxOf(request), { childId: personId, assessmentId, promptId }, parsed.data);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return show(request, reply, values, result.errors);
    await services.drafts.discard(request.actor!.id, `/people/${personId}/assessments/${assessmentId}/prompts/${promptId}/resolve`);
    await setFlash(services, request, result.outcome === 'already-resolved' ? 'Someone else had already dealt with this prompt.' : 'The review prompt is closed.');
    return reply.redirect(`/people/${personId}/assessments/${assessmentId}`, 303);
  });
}
