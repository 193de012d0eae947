import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { todayInLondon } from '../../domain/dates';
import { needsLateReasons, timescaleStatus } from '../../domain/timescales';
import { parseForm, text, toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import type { Services } from '../../services';
import { requiredText } from '../referrals/form';
import { assessmentPath, assessmentView, ctxOf, loadForPage, notFound, setFlash, takeDraft, type PageContext } from './http';
import { overviewRepository } from './overviewRepository';
import { fingerprint } from './service';
import { CHECKPOINT_DECISIONS, decisionLabel, describeTimescale } from './timescaleView';
import { variantLabel } from './variants';

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

const decisionSchema = z.object({
  decision: z.enum(CHECKPOINT_DECISIONS.map((d) => d.code) as [string, ...string[]], { error: 'Choose what happens next' }).transform((d) => d as (typeof CHECKPOINT_DECISIONS)[number]['code']),
  reasons: requiredText(5000, 'Enter the reasons for your decision', 'Your reasons must be 5,000 characters or fewer'),
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

  async function showCheckpoint(request: FastifyRequest, reply: FastifyReply, page: PageContext, values: Record<string, string>, problem?: Problem, status = 200, extra: Record<string, unknown> = {}) {
    const day = dayOf(request);
    const checkpoints = await overviewRepository(services.db).checkpoints(page.assessment.id);
    const checkpoint = checkpoints.find((c) => c.day === day);
    if (!checkpoint) return notFound(reply);
    const settings = await assessments.timescaleSettings();
    const a = page.assessment;
    const timescale = describeTimescale(timescaleStatus({ referralDate: a.referralDate, dueOn: a.dueOn, today: todayInLondon(), completedOn: a.authorisedOn, dueSoonDays: settings.dueSoonDays, calendar: settings.calendar }), a.dueOn);
    return reply.page(
      'assessments/views/checkpoint.njk',
      {
        title: `Working day ${checkpoint.day} checkpoint – ${page.person.name}`,
        person: page.person,
        tabs: page.tabs,
        backLink: assessmentPath(page.person.id, a.id),
        action: `${assessmentPath(page.person.id, a.id)}/checkpoints/${checkpoint.day}`,
        variant: variantLabel(a.variant),
        authorised: a.status === 'authorised' || a.status === 'closed',
        closed: a.status === 'closed',
        timescale,
        checkpoint: { ...checkpoint, decisionLabel: decisionLabel(checkpoint.decision) },
        earlier: checkpoints.filter((c) => c.day < checkpoint.day).map((c) => ({ ...c, decisionLabel: decisionLabel(c.decision) })),
        decisions: CHECKPOINT_DECISIONS.map((d) => ({ value: d.code, text: d.label, hint: { text: d.hint }, checked: values.decision === d.code })),
        values,
        ...(problem ?? {}),
        ...extra,
      },
      status,
    );
  }

  const typedDecision = (body: unknown) => ({ decision: text(body, 'decision').slice(0, 40), reasons: text(body, 'reasons').slice(0, 6000) });

  app.get('/people/:personId/assessments/:assessmentId/checkpoints/:day', decide, async (request, reply) => {
    const day = dayOf(request);
    if (day === null) return notFound(reply);
    const page = await loadForPage(services, request, assessmentView('assessment-checkpoint-viewed', { day }));
    if (!page) return notFound(reply);
    const draft = await takeDraft(services, request, request.url.split('?')[0]!);
    return showCheckpoint(request, reply, page, typedDecision(draft ?? {}));
  });

  app.post('/people/:personId/assessments/:assessmentId/checkpoints/:day', decide, async (request, reply) => {
    const page = await loadForPage(services, request);
    const day = dayOf(request);
    if (!page || day === null) return notFound(reply);
    const typed = typedDecision(request.body);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.ok) return showCheckpoint(request, reply, page, typed, parsed, 400);
    const result = await assessments.decideCheckpoint(ctxOf(request), { id: page.assessment.id, childId: page.person.id, status: page.assessment.status }, day, parsed.data);
    if (!result.ok) {
      if (result.reason === 'not-found') return notFound(reply);
      // Decided by someone else first, or already authorised: show what is recorded beside what was typed.
      return showCheckpoint(request, reply, page, typed, undefined, 409, { conflict: { decisionLabel: decisionLabel(parsed.data.decision), reasons: parsed.data.reasons } });
    }
    await services.drafts.discard(ctxOf(request).actor.id, request.url.split('?')[0]!);
    await setFlash(services, request, `Decision recorded for the working day ${day} checkpoint: ${decisionLabel(parsed.data.decision).toLowerCase()}`);
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

  app.get('/people/:personId/assessments/:assessmentId/late-reasons', edit, async (request, reply) => {
    // Not late: nothing to record, so the page is not shown (and not audited) and the overview says why.
    const page = await loadForPage(services, request, (p) => (isLate(p) ? assessmentView('assessment-late-reasons-viewed')(p) : null));
    if (!page) return notFound(reply);
    if (!isLate(page)) {
      await setFlash(services, request, 'This assessment is not past its final date, so there are no reasons to record');
      return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
    }
    const draft = await takeDraft(services, request, request.url.split('?')[0]!);
    return showLate(reply, page, { reasons: draft ? text(draft, 'reasons').slice(0, 6000) : (page.assessment.lateReason ?? '') }, fingerprint(page.assessment.lateReason));
  });

  app.post('/people/:personId/assessments/:assessmentId/late-reasons', edit, async (request, reply) => {
    const page = await loadForPage(services, request);
    if (!page) return notFound(reply);
    const typed = { reasons: text(request.body, 'reasons').slice(0, 6000) };
    if (!isLate(page)) return showLate(reply, page, typed, fingerprint(page.assessment.lateReason), { errors: { reasons: 'This assessment is not past its final date' }, errorList: toErrorList({ reasons: 'This assessment is not past its final date' }) }, 400);
    const parsed = parseForm(lateSchema, request.body);
    if (!parsed.ok) return showLate(reply, page, typed, text(request.body, 'basedOn').slice(0, 64), parsed, 400);
    const result = await assessments.recordLateReasons(ctxOf(request), { id: page.assessment.id, childId: page.person.id }, parsed.data.reasons, parsed.data.basedOn);
    if (!result.ok) {
      await services.drafts.save(ctxOf(request).actor.id, request.url.split('?')[0]!, typed);
      return showLate(reply, page, typed, fingerprint(result.saved), undefined, 409, { conflict: { saved: result.saved } });
    }
    await services.drafts.discard(ctxOf(request).actor.id, request.url.split('?')[0]!);
    await setFlash(services, request, 'Reasons for lateness recorded');
    return reply.redirect(assessmentPath(page.person.id, page.assessment.id), 303);
  });
}
