import type { FastifyInstance, FastifyReply } from 'fastify';
import { todayInLondon } from '../../domain/dates';
import { parseForm, text, toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import type { Services } from '../../services';
import { saveApproval } from './approvalService';
import { childTeamOf, decidesFor, refuseOtherTeam } from './decider';
import { assessmentPath, assessmentView, ctxOf, loadForDecider, loadForPage, notFound, setFlash, keptDraft, type PageContext } from './http';
import { approvalSchema } from './planSchema';
import { planFromContent } from './planValues';
import { lockedMessage } from './lock';

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

/**
 * A team manager approves a decision not to use an interpreter (A3), with their reasons: a manager of
 * the assessment's team or of the child's team (decider.ts), as for the checkpoint decisions. The
 * approval (who, when, why) is stored in the plan section, so it is part of the assessment's history.
 */
export async function approvalRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const route = { config: { action: 'assessment:decide' as const, personParam: 'personId' } };
  const idsOf = (page: PageContext) => ({ assessmentId: page.assessment.id, childId: page.person.id });
  const pathOf = (page: PageContext) => `${assessmentPath(page.person.id, page.assessment.id)}/sections/plan/interpreter-approval`;

  async function show(reply: FastifyReply, page: PageContext, values: { reasons: string }, version: number, problem?: Problem, status = 200, extra: Record<string, unknown> = {}) {
    const plan = planFromContent(page.assessment.content.plan);
    // Closed, or authorised with no update under way: there is nothing to approve now, and the page says why.
    const locked = await lockedMessage(services.db, page.assessment, todayInLondon());
    return reply.page(
      'assessments/views/interpreter-approval.njk',
      {
        title: `Approve not using an interpreter – ${page.person.name}`,
        person: page.person,
        tabs: page.tabs,
        backLink: `${assessmentPath(page.person.id, page.assessment.id)}/sections/plan`,
        action: pathOf(page),
        plan,
        needsApproval: !locked && plan.interpreter === 'not-using' && !!plan.interpreterNotUsedReasons,
        locked,
        values,
        formVersion: version,
        ...(problem ?? {}),
        ...extra,
      },
      status,
    );
  }

  app.get('/people/:personId/assessments/:assessmentId/sections/plan/interpreter-approval', route, async (request, reply) => {
    // Read with the audit row of the view, which is written only when the page is shown.
    const found = await loadForDecider(services, request, assessmentView('interpreter-approval-viewed'));
    if (!found) return notFound(reply);
    const { page } = found;
    if (!found.decides) return refuseOtherTeam(services.db, ctxOf(request), reply, idsOf(page), { method: 'GET', page: 'interpreter-approval' });
    const draft = await keptDraft(services, request, pathOf(page));
    return show(reply, page, { reasons: text(draft, 'reasons').slice(0, 5000) }, page.assessment.version);
  });

  app.post('/people/:personId/assessments/:assessmentId/sections/plan/interpreter-approval', route, async (request, reply) => {
    const page = await loadForPage(services, request);
    if (!page) return notFound(reply);
    // A manager of another team (who may open a child allocated to no team) is refused before anything is read out.
    const refuse = () => refuseOtherTeam(services.db, ctxOf(request), reply, idsOf(page), { method: 'POST', page: 'interpreter-approval' });
    if (!decidesFor(request.actor!, page.assessment, await childTeamOf(services.db, page.person.id))) return refuse();
    const typed = { reasons: text(request.body, 'reasons').slice(0, 5000) };
    const plan = planFromContent(page.assessment.content.plan);
    if (plan.interpreter !== 'not-using' || !plan.interpreterNotUsedReasons) return show(reply, page, typed, page.assessment.version, undefined, 409);
    const parsed = parseForm(approvalSchema, request.body);
    if (!parsed.ok) return show(reply, page, typed, page.assessment.version, parsed, 400);
    if (parsed.data.version !== page.assessment.version) {
      // The plan changed after this page was opened: the manager reads the reasons again before approving.
      const errors = { reasons: 'The plan was changed after you opened this page. Read the worker’s reasons again, then approve' };
      return show(reply, page, typed, page.assessment.version, { errors, errorList: toErrorList(errors) }, 409);
    }
    const ctx = ctxOf(request);
    const approval = { approvedBy: ctx.actor.id, approvedByName: ctx.actor.name, approvedOn: todayInLondon(), reasons: parsed.data.reasons };
    const result = await saveApproval(services.db, ctx, idsOf(page), plan, approval, parsed.data.version);
    if (!result.ok) {
      if (result.reason === 'not-found') return notFound(reply);
      if (result.reason === 'not-your-team') return refuse();
      if (result.reason === 'read-only') {
        const errors = { reasons: result.message };
        return show(reply, page, typed, page.assessment.version, { errors, errorList: toErrorList(errors) }, 409);
      }
      const fresh = await loadForPage(services, request);
      if (!fresh) return notFound(reply);
      const errors = { reasons: 'The plan was changed after you opened this page. Read the worker’s reasons again, then approve' };
      return show(reply, fresh, typed, fresh.assessment.version, { errors, errorList: toErrorList(errors) }, 409);
    }
    await services.drafts.discard(ctx.actor.id, pathOf(page));
    await setFlash(services, request, 'You approved the decision not to use an interpreter');
    return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
  });
}
