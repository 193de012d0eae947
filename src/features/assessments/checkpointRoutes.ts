import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate, todayInLondon } from '../../domain/dates';
import { checkpointDecisionAllowed, completionDate, needsLateReasons, timescaleStatus } from '../../domain/timescales';
import { can } from '../../platform/access';
import { parseForm, text, toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import type { Services } from '../../services';
import { requiredText } from '../../platform/formFields';
import { assessmentPath, assessmentView, ctxOf, loadForDecider, loadForPage, notFound, setFlash, keptDraft, type PageContext } from './http';
import { childTeamOf, decidesFor, NOT_YOUR_TEAM, refuseOtherTeam as refuseNotYourTeam } from './decider';
import { overviewRepository } from './overviewRepository';
import { decideCheckpoint, type DecideResult } from './checkpointService';
import { lockOf } from './lock';
import { fingerprint } from './service';
import type { CheckpointCloseOutcome } from './tables';
import { CHECKPOINT_DECISIONS, CLOSE_OUTCOMES, closeOutcomeLabel, decisionLabel, describeTimescale } from './timescaleView';
import { variantLabel } from './variants';

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

const decisionSchema = z
  .object({
    decision: z.enum(CHECKPOINT_DECISIONS.map((d) => d.code) as [string, ...string[]], { error: 'Choose what happens next' }).transform((d) => d as (typeof CHECKPOINT_DECISIONS)[number]['code']),
    closeOutcome: z
      .enum(CLOSE_OUTCOMES.map((o) => o.code) as [string, ...string[]], { error: 'Choose what happens for the child now' })
      .optional()
      .transform((o) => (o ?? null) as CheckpointCloseOutcome | null),
    reasons: requiredText(5000, 'Enter the reasons for your decision', 'Your reasons must be 5,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'close' && !v.closeOutcome) ctx.addIssue({ code: 'custom', path: ['closeOutcome'], message: 'Choose what happens for the child now the assessment closes' });
  });

const lateSchema = z.object({
  reasons: requiredText(5000, 'Enter why the assessment is late', 'The reasons must be 5,000 characters or fewer'),
  basedOn: z.string().max(64).default(''),
});

/** The manager's decision at each checkpoint, and the worker's reasons when the final date has passed (A2). */
export async function checkpointRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { assessments } = services;
  const decide = { config: { action: 'assessment:decide' as const, personParam: 'personId' } };
  const edit = { config: { action: 'assessment:edit' as const, personParam: 'personId' } };
  const dayOf = (request: FastifyRequest) => {
    const { day } = request.params as { day: string };
    return /^\d{1,3}$/.test(day) ? Number(day) : null;
  };

  /** Why the assessment no longer takes checkpoint decisions, in words; null while it is open. */
  const finishedText = (a: { status: string; closedReason: string | null }) =>
    a.status === 'authorised' ? 'the assessment has been authorised' : a.status !== 'closed' ? null : a.closedReason === 'checkpoint' ? 'the assessment was closed at a checkpoint' : 'the assessment was closed when it was stepped up';

  async function showCheckpoint(request: FastifyRequest, reply: FastifyReply, page: PageContext, values: Record<string, string>, problem?: Problem, status = 200, extra: Record<string, unknown> = {}) {
    const day = dayOf(request);
    const checkpoints = await overviewRepository(services.db).checkpoints(page.assessment.id);
    const checkpoint = checkpoints.find((c) => c.day === day);
    if (!checkpoint) return notFound(reply);
    const settings = await assessments.timescaleSettings();
    const a = page.assessment;
    const today = todayInLondon();
    const ending = a.status === 'closed' ? 'closed' : 'authorised';
    const timescale = describeTimescale(timescaleStatus({ referralDate: a.referralDate, dueOn: a.dueOn, today, completedOn: completionDate(a), dueSoonDays: settings.dueSoonDays, calendar: settings.calendar }), a.dueOn, ending);
    const rule = checkpointDecisionAllowed(checkpoints, checkpoint.day, today, settings.dueSoonDays, settings.calendar);
    const base = assessmentPath(page.person.id, a.id);
    return reply.page(
      'assessments/views/checkpoint.njk',
      {
        title: `Working day ${checkpoint.day} checkpoint – ${page.person.name}`,
        person: page.person,
        tabs: page.tabs,
        backLink: base,
        action: `${base}/checkpoints/${checkpoint.day}`,
        variant: variantLabel(a.variant),
        finished: finishedText(a),
        closedOutcome: a.closedReason === 'checkpoint' ? closeOutcomeLabel(a.closedOutcome) : null,
        notYet: !rule.ok && rule.reason === 'not-yet' ? { opensOn: rule.opensOn!, windowDays: settings.dueSoonDays } : null,
        notNeeded: !rule.ok && rule.reason === 'not-needed',
        safeguardingHref: can(request.actor, 'task:manage') ? `${base}/safeguarding` : null,
        timescale,
        checkpoint: { ...checkpoint, decisionLabel: decisionLabel(checkpoint.decision) },
        earlier: checkpoints.filter((c) => c.day < checkpoint.day).map((c) => ({ ...c, decisionLabel: decisionLabel(c.decision) })),
        decisions: CHECKPOINT_DECISIONS.map((d) => ({ value: d.code, text: d.label, hint: { text: d.hint }, checked: values.decision === d.code })),
        closeOutcomes: CLOSE_OUTCOMES.map((o) => ({ value: o.code, text: o.label, hint: { text: o.hint }, checked: values.closeOutcome === o.code })),
        values,
        ...(problem ?? {}),
        ...extra,
      },
      status,
    );
  }

  const typedDecision = (body: unknown) => ({ decision: text(body, 'decision').slice(0, 40), closeOutcome: text(body, 'closeOutcome').slice(0, 40), reasons: text(body, 'reasons').slice(0, 6000) });

  /** What the page says when the decision was not recorded. */
  function refusal(result: Exclude<DecideResult, { ok: true } | { reason: 'not-found' | 'not-your-team' }>, windowDays: number): { problem: Problem } | { why: string } {
    if (result.reason === 'not-yet') {
      const message = `You can record the decision at this checkpoint from ${formatDate(result.opensOn)}, ${windowDays} working days before it is due`;
      return { problem: { errors: { decision: message }, errorList: [{ text: message, href: '#decision' }] } };
    }
    return { why: (result.reason === 'finished' ? finishedText(result) : null) ?? (result.reason === 'decided' ? 'a decision was already recorded for this checkpoint' : 'the assessment no longer needs this checkpoint') };
  }

  /** Refuses a manager of another team (decider.ts), with an audit row of the refusal, as the guard does. */
  const refuseOtherTeam = (request: FastifyRequest, reply: FastifyReply, page: PageContext, day: number | null) =>
    refuseNotYourTeam(services.db, ctxOf(request), reply, { assessmentId: page.assessment.id, childId: page.person.id }, { method: request.method, day });

  app.get('/people/:personId/assessments/:assessmentId/checkpoints/:day', decide, async (request, reply) => {
    const day = dayOf(request);
    if (day === null) return notFound(reply);
    // Read with the audit row of the view, which is written only when the page is shown.
    const found = await loadForDecider(services, request, assessmentView('assessment-checkpoint-viewed', { day }));
    if (!found) return notFound(reply);
    if (!found.decides) return refuseOtherTeam(request, reply, found.page, day);
    const draft = await keptDraft(services, request, request.url.split('?')[0]!);
    return showCheckpoint(request, reply, found.page, typedDecision(draft ?? {}));
  });

  app.post('/people/:personId/assessments/:assessmentId/checkpoints/:day', decide, async (request, reply) => {
    const page = await loadForPage(services, request);
    const day = dayOf(request);
    if (!page || day === null) return notFound(reply);
    if (!decidesFor(request.actor!, page.assessment, await childTeamOf(services.db, page.person.id))) return refuseOtherTeam(request, reply, page, day);
    const typed = typedDecision(request.body);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.ok) return showCheckpoint(request, reply, page, typed, parsed, 400);
    const settings = await assessments.timescaleSettings();
    const ctx = ctxOf(request);
    const input = { decision: parsed.data.decision, reasons: parsed.data.reasons, outcome: parsed.data.closeOutcome };
    const result = await decideCheckpoint(services.db, ctx, { childId: page.person.id, assessmentId: page.assessment.id }, day, input, { today: todayInLondon(), windowDays: settings.dueSoonDays, calendar: settings.calendar });
    if (!result.ok) {
      if (result.reason === 'not-found') return notFound(reply);
      if (result.reason === 'not-your-team') return reply.page('errors/forbidden.njk', { title: NOT_YOUR_TEAM }, 403);
      // Not open yet, decided by someone else first, or the assessment finished: show what is recorded beside what was typed.
      const fresh = (await loadForPage(services, request)) ?? page;
      const shown = refusal(result, settings.dueSoonDays);
      if ('problem' in shown) return showCheckpoint(request, reply, fresh, typed, shown.problem, 409);
      return showCheckpoint(request, reply, fresh, typed, undefined, 409, { conflict: { why: shown.why, decisionLabel: decisionLabel(input.decision), reasons: input.reasons } });
    }
    await services.drafts.discard(ctx.actor.id, request.url.split('?')[0]!);
    const said = result.closed
      ? `The assessment is closed at the working day ${day} checkpoint: ${closeOutcomeLabel(input.outcome).toLowerCase()}`
      : result.task
        ? `Decision recorded for the working day ${day} checkpoint: escalate. Task for you: ${result.task.title}, due ${result.task.dueOn === todayInLondon() ? 'today' : formatDate(result.task.dueOn)}${result.task.created ? '' : ' (already open)'}`
        : `Decision recorded for the working day ${day} checkpoint: ${decisionLabel(input.decision).toLowerCase()}`;
    await setFlash(services, request, said);
    return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
  });

  function showLate(reply: FastifyReply, page: PageContext, values: { reasons: string }, basedOn: string, problem?: Problem, status = 200, extra: Record<string, unknown> = {}) {
    const a = page.assessment;
    return reply.page(
      'assessments/views/late-reasons.njk',
      {
        title: `Why the assessment is late – ${page.person.name}`,
        person: page.person,
        tabs: page.tabs,
        backLink: assessmentPath(page.person.id, a.id),
        action: `${assessmentPath(page.person.id, a.id)}/late-reasons`,
        variant: variantLabel(a.variant),
        dueOn: a.dueOn,
        values,
        basedOn,
        ...(problem ?? {}),
        ...extra,
      },
      status,
    );
  }

  /** Reasons can be recorded once the final date has passed (or changed once recorded). */
  const isLate = (page: PageContext) => {
    const a = page.assessment;
    return !!a.lateReason || needsLateReasons({ status: a.status, dueOn: a.dueOn, today: todayInLondon(), authorisedOn: a.authorisedOn, lateReason: null });
  };

  /**
   * Why the reasons cannot be changed now: the assessment is closed, or authorised with no update
   * under way (lock.ts). Reasons still missing on an authorised assessment that was late can be recorded.
   */
  const lateRefusal = async (page: PageContext): Promise<string | null> => {
    const a = page.assessment;
    const lock = await lockOf(services.db, a, todayInLondon());
    if (!lock.locked) return null;
    return lock.reason === 'authorised' && needsLateReasons({ status: a.status, dueOn: a.dueOn, today: todayInLondon(), authorisedOn: a.authorisedOn, lateReason: a.lateReason }) ? null : lock.message;
  };

  app.get('/people/:personId/assessments/:assessmentId/late-reasons', edit, async (request, reply) => {
    // Not late: nothing to record, so the page is not shown (and not audited) and the overview says why.
    const page = await loadForPage(services, request, (p) => (isLate(p) ? assessmentView('assessment-late-reasons-viewed')(p) : null));
    if (!page) return notFound(reply);
    const refused = isLate(page) ? await lateRefusal(page) : null;
    if (refused) {
      await setFlash(services, request, refused);
      return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
    }
    if (!isLate(page)) {
      await setFlash(services, request, 'This assessment is not past its final date, so there are no reasons to record');
      return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
    }
    const draft = await keptDraft(services, request, request.url.split('?')[0]!);
    return showLate(reply, page, { reasons: draft ? text(draft, 'reasons').slice(0, 6000) : (page.assessment.lateReason ?? '') }, fingerprint(page.assessment.lateReason));
  });

  app.post('/people/:personId/assessments/:assessmentId/late-reasons', edit, async (request, reply) => {
    const page = await loadForPage(services, request);
    if (!page) return notFound(reply);
    const typed = { reasons: text(request.body, 'reasons').slice(0, 6000) };
    if (!isLate(page)) return showLate(reply, page, typed, fingerprint(page.assessment.lateReason), { errors: { reasons: 'This assessment is not past its final date' }, errorList: toErrorList({ reasons: 'This assessment is not past its final date' }) }, 400);
    const refused = await lateRefusal(page);
    if (refused) return showLate(reply, page, typed, fingerprint(page.assessment.lateReason), { errors: { reasons: refused }, errorList: toErrorList({ reasons: refused }) }, 409);
    const parsed = parseForm(lateSchema, request.body);
    if (!parsed.ok) return showLate(reply, page, typed, text(request.body, 'basedOn').slice(0, 64), parsed, 400);
    const result = await assessments.recordLateReasons(ctxOf(request), { id: page.assessment.id, childId: page.person.id }, parsed.data.reasons, parsed.data.basedOn);
    if (!result.ok) {
      await services.drafts.save(ctxOf(request).actor.id, request.url.split('?')[0]!, typed);
      return showLate(reply, page, typed, fingerprint(result.saved), undefined, 409, { conflict: { saved: result.saved } });
    }
    await services.drafts.discard(ctxOf(request).actor.id, request.url.split('?')[0]!);
    await setFlash(services, request, result.changed ? 'Reasons for lateness recorded' : 'The reasons for lateness are unchanged');
    return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
  });
}
