import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInLondon } from '../../domain/dates';
import type { ErrorItem, FieldErrors } from '../../platform/validation';
import type { Services } from '../../services';
import { personTabs, viewPersonHeader } from '../people/header';
import { assessmentPath, ctxOf, notFound, setFlash, keptDraft } from './http';
import { parseStart, startFormView, startValues, steppingUpFrom, type StartOptions, type StartValues } from './startForm';
import { blocksNewAssessment } from './startRepository';

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

/** Starting an assessment for a child, and for each brother or sister living with them (A1). */
export async function startRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const route = { config: { action: 'assessment:start' as const, personParam: 'personId' } };
  const { assessments } = services;

  async function show(request: FastifyRequest, reply: FastifyReply, options: StartOptions, values: StartValues, problem?: Problem) {
    const { personId } = request.params as { personId: string };
    const person = await viewPersonHeader(services.db, ctxOf(request), personId, { action: 'assessment-start-viewed' });
    if (!person) return notFound(reply);
    const today = todayInLondon();
    const stepUp = steppingUpFrom(options);
    return reply.page(
      'assessments/views/start.njk',
      {
        title: `Start an assessment – ${person.name}`,
        person,
        tabs: personTabs(request.actor!, personId, 'assessments'),
        backLink: `/people/${personId}/assessments`,
        child: options.child,
        openAssessment: blocksNewAssessment(options.child) && options.child.openAssessmentId ? assessmentPath(personId, options.child.openAssessmentId) : null,
        steppingUp: stepUp ? { startedOn: stepUp.startedOn } : null,
        hasReferrals: options.referrals.length > 0,
        hasEarlyHelp: options.earlyHelp.length > 0,
        hasHousehold: options.household.length > 0,
        form: startFormView(options, values, today),
        ...(problem ?? {}),
      },
      problem ? 400 : 200,
    );
  }

  app.get('/people/:personId/assessments/new', route, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const options = await assessments.start.options(request.actor!, personId, todayInLondon());
    if (!options) return notFound(reply);
    const draft = await keptDraft(services, request, `/people/${personId}/assessments/new`);
    return show(request, reply, options, startValues(draft ?? {}));
  });

  app.post('/people/:personId/assessments/new', route, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const today = todayInLondon();
    const options = await assessments.start.options(request.actor!, personId, today);
    if (!options) return notFound(reply);
    if (options.child.kind !== 'child' || blocksNewAssessment(options.child)) return show(request, reply, options, startValues(request.body));
    const parsed = parseStart(request.body, options, today);
    if (!parsed.ok) return show(request, reply, options, startValues(request.body), parsed);
    const settings = await assessments.timescaleSettings();
    const result = await assessments.start.start(ctxOf(request), options, parsed.data, { checkpoints: settings.checkpoints, calendar: settings.calendar, today });
    if (!result.ok) {
      // Someone started one for a child meanwhile (found by the check, or by the database's unique
      // index when both started at the same moment): show the page again, which now says so.
      const fresh = await assessments.start.options(request.actor!, personId, today);
      if (!fresh) return notFound(reply);
      return show(request, reply, fresh, startValues(request.body));
    }
    await services.drafts.discard(request.actor!.id, `/people/${personId}/assessments/new`);
    const others = result.started.length - 1;
    await setFlash(services, request, others > 0 ? `Assessment started, and ${others} more for the other ${others === 1 ? 'child' : 'children'} in the household` : 'Assessment started');
    return reply.redirect(assessmentPath(personId, result.started[0]!.assessmentId), 303);
  });
}
