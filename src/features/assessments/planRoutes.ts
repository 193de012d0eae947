import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInLondon } from '../../domain/dates';
import { can, type Actor } from '../../platform/access';
import { text, toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import type { Services } from '../../services';
import { assessmentPath, assessmentView, ctxOf, loadForPage, notFound, setFlash, keptDraft, takeFlash, type PageContext } from './http';
import { childTeamOf, decidesFor } from './decider';
import { previousAddresses } from './planRepository';
import { parsePlan } from './planSchema';
import { changeRows, flatten, planFromContent, repeatedFields, valuesFromBody, valuesFromPlan, type PlanSection, type PlanValues } from './planValues';
import { conflictingFields, conflictRows, planChoices, suggestedAgencies, unsavedPlanRows, withEmptyRows } from './planView';
import { lockedMessage, lockOf } from './lock';
import { saveAssessmentSection } from './store';
import { variantLabel } from './variants';

const formKey = (personId: string, assessmentId: string) => `${assessmentPath(personId, assessmentId)}/sections/plan`;
const versionOf = (body: unknown) => {
  const n = Number(text(body, 'version'));
  return Number.isInteger(n) && n > 0 && n < 1_000_000_000 ? n : 0;
};

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

/** The assessment plan (A3): saved through saveAssessmentSection, with a conflict page when someone saved first. */
export async function planRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const route = { config: { action: 'assessment:edit' as const, personParam: 'personId' } };

  const approves = async (actor: Actor, page: PageContext) => can(actor, 'assessment:decide') && decidesFor(actor, page.assessment, await childTeamOf(services.db, page.person.id));

  async function showPlan(reply: FastifyReply, page: PageContext, values: PlanValues, version: number, extra: Record<string, unknown> = {}, problem?: Problem, status = 200) {
    const { person, assessment } = page;
    const saved = planFromContent(assessment.content.plan);
    const addresses = await previousAddresses(services.db, person.id);
    const lock = await lockOf(services.db, assessment, todayInLondon());
    return reply.page(
      'assessments/views/plan.njk',
      {
        title: `Assessment plan – ${person.name}`,
        person,
        tabs: page.tabs,
        backLink: assessmentPath(person.id, assessment.id),
        action: formKey(person.id, assessment.id),
        variant: variantLabel(assessment.variant),
        values: withEmptyRows(values),
        formVersion: version,
        choices: planChoices(values, problem?.errors),
        approval: saved.interpreter === 'not-using' ? saved.interpreterApproval : null,
        approvalPath: `${formKey(person.id, assessment.id)}/interpreter-approval`,
        awaitingApproval: saved.interpreter === 'not-using' && !saved.interpreterApproval,
        // The link to approve not using an interpreter, for the manager who decides on this assessment (decider.ts).
        canApprove: await approves(reply.request.actor!, page),
        addresses,
        // Closed, or authorised with no update under way: the plan is shown as saved, with no form.
        readOnly: lock.locked,
        lockMessage: lock.locked ? lock.message : null,
        ...(problem ?? {}),
        ...extra,
      },
      status,
    );
  }

  /** What was typed and not saved on a plan that can no longer be changed, beside what is saved (nothing when it is the same). */
  const unsavedOf = (page: PageContext, typed: PlanValues | null) => (typed ? unsavedPlanRows(valuesFromPlan(planFromContent(page.assessment.content.plan)), typed) : []);

  /**
   * A change to a plan that cannot be changed now: nothing is saved to the assessment, the page says
   * why and shows what is saved, and what was typed is kept (as the draft) and shown beside it to copy.
   */
  async function refuseReadOnly(request: FastifyRequest, reply: FastifyReply, page: PageContext, message: string, typed: PlanValues) {
    const unsaved = unsavedOf(page, typed);
    if (unsaved.length > 0) await services.drafts.save(ctxOf(request).actor.id, formKey(page.person.id, page.assessment.id), Object.fromEntries([...flatten(typed), ['version', String(versionOf(request.body))]]));
    return showPlan(reply, page, valuesFromPlan(planFromContent(page.assessment.content.plan)), page.assessment.version, { unsaved }, { errors: {}, errorList: [{ text: message, href: '#read-only' }] }, 409);
  }

  function showConflict(reply: FastifyReply, page: PageContext, typedValues: PlanValues, typed: PlanSection, saved: PlanSection, savedVersion: number, fields: string[], choices: Record<string, string> = {}, problem?: Problem) {
    const { person, assessment } = page;
    return reply.page(
      'assessments/views/plan-conflict.njk',
      {
        title: `Someone else saved this plan while you were typing – ${person.name}`,
        person,
        tabs: page.tabs,
        action: formKey(person.id, assessment.id),
        overview: assessmentPath(person.id, assessment.id),
        rows: conflictRows(saved, typed, fields, choices),
        conflicts: fields.join(','),
        hidden: flatten(typedValues),
        formVersion: savedVersion,
        ...(problem ?? {}),
      },
      problem ? 400 : 409,
    );
  }

  app.get('/people/:personId/assessments/:assessmentId/sections/plan', route, async (request, reply) => {
    const page = await loadForPage(services, request, assessmentView('assessment-plan-viewed'));
    if (!page) return notFound(reply);
    const key = formKey(page.person.id, page.assessment.id);
    const flash = await takeFlash(services, request);
    const locked = await lockedMessage(services.db, page.assessment, todayInLondon());
    if (locked) {
      // Read-only: a draft typed before it became so is kept, and shown beside what is saved, until the person removes it.
      const draft = await services.drafts.get(request.actor!.id, key);
      const unsaved = unsavedOf(page, draft ? valuesFromBody(draft) : null);
      if (draft && unsaved.length === 0) await services.drafts.discard(request.actor!.id, key);
      return showPlan(reply, page, valuesFromPlan(planFromContent(page.assessment.content.plan)), page.assessment.version, { unsaved, flash });
    }
    const draft = await keptDraft(services, request, key);
    if (draft) return showPlan(reply, page, valuesFromBody(draft), versionOf(draft) || page.assessment.version, { draftRestored: true, flash });
    const values = valuesFromPlan(planFromContent(page.assessment.content.plan));
    if (!page.assessment.content.plan) {
      const addresses = await previousAddresses(services.db, page.person.id);
      values.agencies = suggestedAgencies(addresses, page.person.name.split(' ')[0] ?? page.person.name);
    }
    return showPlan(reply, page, values, page.assessment.version, { flash });
  });

  app.post('/people/:personId/assessments/:assessmentId/sections/plan', route, async (request: FastifyRequest, reply) => {
    const page = await loadForPage(services, request);
    if (!page) return notFound(reply);
    const { person, assessment } = page;
    const key = formKey(person.id, assessment.id);
    const body = request.body ?? {};
    let values = valuesFromBody(body);
    const version = versionOf(body);
    const saved = planFromContent(assessment.content.plan);
    // "Remove what I typed" on a read-only plan: only the draft goes, the assessment is not touched.
    if (text(body, 'action') === 'discard') {
      await services.drafts.discard(ctxOf(request).actor.id, key);
      await setFlash(services, request, 'What you typed was removed. This is the plan as it is saved');
      return reply.redirect(key, 303);
    }
    const locked = await lockedMessage(services.db, assessment, todayInLondon());
    if (locked) return refuseReadOnly(request, reply, page, locked, values);

    // "Add another" and "Remove" buttons: nothing is saved to the assessment; what was typed is kept as a draft.
    const add = text(body, 'add');
    const remove = text(body, 'remove');
    if (add || remove) {
      values = changeRows(values, add, remove);
      await services.drafts.save(ctxOf(request).actor.id, key, Object.fromEntries([...flatten(values), ['version', String(version)]]));
      return showPlan(reply, page, values, version || assessment.version);
    }

    // Back from the conflict page: each field in conflict needs a choice; "saved" takes what is saved now.
    if (text(body, 'resolving') === 'yes') {
      const listed = text(body, 'conflicts').split(',').filter((f) => f in values);
      const choices: Record<string, string> = {};
      const errors: FieldErrors = {};
      for (const field of listed) {
        const chosen = text(body, `keep-${field}`);
        if (chosen === 'typed' || chosen === 'saved') choices[field] = chosen;
        else errors[`keep-${field}`] = 'Choose which version to keep';
      }
      if (Object.keys(errors).length > 0) {
        const typed = parsePlan(values, saved);
        if (!typed.ok) return showPlan(reply, page, values, version, {}, typed, 400);
        return showConflict(reply, page, values, typed.data, saved, assessment.version, listed, choices, { errors, errorList: Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })) });
      }
      const savedValues = valuesFromPlan(saved);
      const merged = { ...values } as Record<string, unknown>;
      for (const field of listed) if (choices[field] === 'saved') merged[field] = (savedValues as unknown as Record<string, unknown>)[field];
      values = merged as PlanValues;
    }

    const parsed = parsePlan(values, saved);
    // A field posted more than once is read as empty: refuse it rather than lose what was typed.
    const repeated = repeatedFields(body).filter((field) => parsed.ok || !parsed.errors[field]);
    if (!parsed.ok || repeated.length > 0) {
      const twice: FieldErrors = Object.fromEntries(repeated.map((field) => [field, 'This answer was sent more than once. Check it and save again']));
      const problem = parsed.ok ? { errors: twice, errorList: toErrorList(twice) } : { errors: { ...parsed.errors, ...twice }, errorList: [...parsed.errorList, ...toErrorList(twice)] };
      return showPlan(reply, page, values, version, {}, problem, 400);
    }
    const ctx = ctxOf(request);
    const result = await saveAssessmentSection(services.db, ctx, { assessmentId: assessment.id, section: 'plan', data: parsed.data, expectedVersion: version });
    if (result.ok) {
      await services.drafts.discard(ctx.actor.id, key);
      await setFlash(services, request, parsed.data.completed ? 'Assessment plan saved and marked as completed' : 'Assessment plan saved');
      return reply.redirect(assessmentPath(person.id, assessment.id), 303);
    }
    if (result.reason === 'not-found') return notFound(reply);
    if (result.reason === 'read-only') return refuseReadOnly(request, reply, page, result.message, values);
    // Someone saved first: keep what was typed, show both, let the worker choose.
    await services.drafts.save(ctx.actor.id, key, Object.fromEntries([...flatten(values), ['version', String(result.savedVersion)]]));
    const now = planFromContent(result.saved);
    const fields = conflictingFields(now, parsed.data);
    if (fields.length === 0) {
      // What is saved now already says what was typed.
      await services.drafts.discard(ctx.actor.id, key);
      await setFlash(services, request, 'Assessment plan saved');
      return reply.redirect(assessmentPath(person.id, assessment.id), 303);
    }
    return showConflict(reply, page, values, parsed.data, now, result.savedVersion, fields);
  });
}
