/**
 * Safeguarding actions from an assessment (A13): the worker ticks what the assessment has found
 * (a suspected crime, a school-age child out of education, trafficking or modern slavery) and each
 * becomes a task for the child's worker with its due date, audited and in the child's chronology.
 * Saving the assessment raises some by itself (domain/safeguardingTriggers.ts: the decision's
 * factors, and "Is the child in education?"); this page is for what the record does not say.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services';
import { formatDate, todayInLondon } from '../../domain/dates';
import { list, parseForm, text, type FieldErrors } from '../../platform/validation';
import { loadLivingPage } from '../assessments/living/page';
import { orderedErrors, requiredText } from '../../platform/formFields';
import { audit } from '../../platform/audit';
import { ctxOf, setFlash, keptDraft } from '../../platform/http';
import { createSafeguardingTask, type CreatedTask } from './create';
import { educationActionApplies, isSafeguardingKind, SAFEGUARDING_ACTIONS, type SafeguardingKind } from './kinds';

const manage = { action: 'task:manage', personParam: 'personId' } as const;

const schema = z.object({
  actions: z
    .array(z.string().max(40))
    .max(SAFEGUARDING_ACTIONS.length, 'Choose what applies')
    .refine((a) => a.length > 0, 'Choose at least one thing the assessment has found')
    .refine((a) => a.every(isSafeguardingKind), 'Choose what applies from the list'),
  details: requiredText(2000, 'Say what you found out that needs this action', 'What you found out must be 2,000 characters or fewer'),
});

/** What the form shows again of what was sent or kept: short, so nothing odd is echoed. */
const keptValues = (body: unknown) => ({ actions: list(body, 'actions').slice(0, 10).map((a) => a.slice(0, 40)), details: text(body, 'details').slice(0, 2100) });

export async function safeguardingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const path = '/people/:personId/assessments/:assessmentId/safeguarding';

  async function show(request: FastifyRequest, reply: FastifyReply, values: { actions: string[]; details: string }, errors: FieldErrors = {}, draftRestored = false) {
    const page = await services.db.transaction(async (tx) => {
      const found = await loadLivingPage(tx, request);
      if (found) await audit(tx, ctxOf(request), { action: 'safeguarding-actions-viewed', subjectType: 'assessment', subjectId: found.assessment.id, childId: found.person.id });
      return found;
    });
    if (!page) return reply.callNotFound();
    return reply.page(
      'tasks/views/safeguarding.njk',
      {
        title: `Safeguarding actions – ${page.person.name}`,
        ...page,
        backLink: page.overview,
        items: SAFEGUARDING_ACTIONS.map((a) => ({ value: a.kind, text: a.trigger, hint: { text: `${a.hint}. Task: ${a.title}, due ${a.dueWorkingDays === 0 ? 'today' : `in ${a.dueWorkingDays} working days`}` }, checked: values.actions.includes(a.kind) })),
        values,
        draftRestored,
        errors,
        errorList: orderedErrors(errors, ['actions', 'details']),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get(path, { config: manage }, async (request, reply) => {
    // What the worker ticked and typed and did not send yet (autosaved, or sent after their session timed out).
    const kept = await keptDraft(services, request, request.url.split('?')[0]!);
    return kept ? show(request, reply, keptValues(kept), {}, true) : show(request, reply, { actions: [], details: '' });
  });

  app.post(path, { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = keptValues(body);
    const parsed = parseForm(schema, { actions: list(body, 'actions'), details: body.details });
    if (!parsed.ok) return show(request, reply, values, parsed.errors);
    const kinds = [...new Set(parsed.data.actions)] as SafeguardingKind[];
    const today = todayInLondon();
    const calendar = await services.settings.calendar();
    const actor = request.actor!;
    const result = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      if (kinds.includes('education-service') && !educationActionApplies(page.person.dateOfBirth, today, page.person.expectedDeliveryDate ?? null)) {
        const why = page.person.dateOfBirth ? 'is not of school age' : 'is not born yet';
        return { page, error: `${page.person.name} ${why}, so the education service action does not apply. Untick it, or check their date of birth` };
      }
      const created: CreatedTask[] = [];
      for (const kind of kinds) {
        created.push(
          await createSafeguardingTask(tx, ctxOf(request), {
            personId: page.person.id,
            kind,
            ownerId: page.assessment.workerId ?? actor.id,
            teamId: page.assessment.teamId ?? actor.teamId,
            details: parsed.data.details,
            originType: 'assessment',
            originId: page.assessment.id,
            today,
            calendar,
          }),
        );
      }
      return { page, created };
    });
    if (!result) return reply.callNotFound();
    if ('error' in result) return show(request, reply, values, { actions: result.error! });
    await services.drafts.discard(actor.id, `${result.page.base}/safeguarding`);
    const said = result.created.map((t) => `${t.title} (due ${t.dueOn === today ? 'today' : formatDate(t.dueOn)})${t.created ? '' : ', already open'}`);
    await setFlash(services, request, `Safeguarding ${said.length === 1 ? 'action' : 'actions'}: ${said.join('; ')}.`);
    return reply.redirect(`/people/${result.page.person.id}/tasks`, 303);
  });
}
