/**
 * "Record the annual review" (A10): a manager of the assessment's team or of the child's team now
 * (decider.ts, as for authorisation), on an authorised assessment whose review is due (or that changed
 * since it was authorised), confirms it still reflects the child's situation or records what changed.
 * The page shows what has changed since authorisation and the reviews already recorded; it is audited
 * as a view of the child's record. A manager of another team (who may open a child allocated to no
 * team) is refused, with only the refusal's audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate, todayInLondon } from '../../../domain/dates';
import { audit } from '../../../platform/audit';
import { setFlash, keptDraft } from '../../../platform/http';
import { parseForm, text, type FieldErrors } from '../../../platform/validation';
import type { Services } from '../../../services';
import { optionalText, orderedErrors } from '../../../platform/formFields';
import { childTeamOf, decidesFor, refuseOtherTeam } from '../decider';
import { loadAssessment } from '../load';
import { annualReviewBadge, annualReviewOpen } from './annualReview';
import { pastReviews, recordAnnualReview } from './annualReviewStore';
import { ctxOf, loadLivingPage, routeIds } from './page';

const review = { action: 'assessment:authorise', personParam: 'personId' } as const;
const ORDER = ['outcome', 'changes', 'version'];

const reviewSchema = z
  .object({
    outcome: z.enum(['no-change', 'changed'], { error: 'Choose whether the assessment still reflects the child’s situation' }),
    changes: optionalText(5000, 'What has changed must be 5,000 characters or fewer'),
    version: z
      .string({ error: 'Reload the page and try again' })
      .trim()
      .regex(/^\d{1,9}$/, 'Reload the page and try again')
      .transform(Number),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'changed' && !v.changes) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'Describe what has changed and what it means for the child' });
  });

type Values = { outcome: string; changes: string };

/** Why the review cannot be recorded now, in words for the page. */
function notOpenReason(a: { status: string; reviewDueOn: string | null }, noticeDays: number): string {
  if (a.status === 'closed') return 'This assessment was closed when it was stepped up, so it has no annual review.';
  if (a.status !== 'authorised') return 'This assessment is not authorised yet. Its annual review falls due a year after a manager authorises it.';
  return `The annual review is due by ${formatDate(a.reviewDueOn)}. It can be recorded from ${noticeDays} days before then, or at any time once the assessment has been changed since it was authorised.`;
}

export async function annualReviewRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const pathOf = (request: FastifyRequest) => {
    const { personId, assessmentId } = routeIds(request);
    return `/people/${personId}/assessments/${assessmentId}/annual-review`;
  };

  async function show(request: FastifyRequest, reply: FastifyReply, values: Values, extra: { errors?: FieldErrors; status?: number; refusal?: string } = {}) {
    const [found, settings] = await Promise.all([
      services.db.transaction(async (tx) => {
        const page = await loadLivingPage(tx, request);
        if (!page) return null;
        if (!decidesFor(request.actor!, page.assessment, await childTeamOf(tx, page.person.id))) return { page, refused: true as const };
        const reviews = await pastReviews(tx, page.assessment.id);
        await audit(tx, ctxOf(request), { action: 'assessment-annual-review-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id });
        return { page, reviews, refused: false as const };
      }),
      services.assessments.timescaleSettings(),
    ]);
    if (!found) return reply.callNotFound();
    if (found.refused) return refuse(request, reply, found.page.assessment.id);
    const { page, reviews } = found;
    const a = page.assessment;
    const today = todayInLondon();
    const open = annualReviewOpen(a, today, settings.reviewNoticeDays);
    const errors = extra.errors ?? {};
    const errorList = extra.refusal ? [{ text: extra.refusal, href: '#review' }] : orderedErrors(errors, ORDER);
    return reply.page(
      'assessments/living/views/annual-review.njk',
      {
        title: `Record the annual review – ${page.person.name}`,
        ...page,
        backLink: page.overview,
        action: pathOf(request),
        open,
        notOpen: open ? null : notOpenReason(a, settings.reviewNoticeDays),
        badge: annualReviewBadge(a, today, settings.reviewNoticeDays),
        changedSince: a.authorisedRevision !== null && a.revision > a.authorisedRevision,
        compareHref: a.authorisedRevision !== null ? `${page.base}/revisions/compare?from=${a.authorisedRevision}&to=${a.revision}` : null,
        reviews,
        formVersion: a.version,
        values,
        errors,
        errorList,
      },
      extra.status ?? (errorList.length > 0 ? 400 : 200),
    );
  }

  const refuse = (request: FastifyRequest, reply: FastifyReply, assessmentId: string) =>
    refuseOtherTeam(services.db, ctxOf(request), reply, { assessmentId, childId: routeIds(request).personId }, { method: request.method, page: 'annual-review' });

  const typed = (body: unknown): Values => ({ outcome: text(body, 'outcome').slice(0, 20), changes: text(body, 'changes').slice(0, 5100) });

  app.get('/people/:personId/assessments/:assessmentId/annual-review', { config: review }, async (request, reply) => {
    const draft = await keptDraft(services, request, pathOf(request));
    return show(request, reply, typed(draft ?? {}));
  });

  app.post('/people/:personId/assessments/:assessmentId/annual-review', { config: review }, async (request, reply) => {
    const { personId, assessmentId } = routeIds(request);
    const assessment = await loadAssessment(services.db, personId, assessmentId);
    if (!assessment) return reply.callNotFound();
    if (!decidesFor(request.actor!, assessment, await childTeamOf(services.db, personId))) return refuse(request, reply, assessment.id);
    const values = typed(request.body);
    const parsed = parseForm(reviewSchema, request.body);
    if (!parsed.ok) return show(request, reply, values, { errors: parsed.errors });
    const settings = await services.assessments.timescaleSettings();
    const ctx = ctxOf(request);
    const result = await recordAnnualReview(services.db, ctx, { childId: personId, assessmentId }, { outcome: parsed.data.outcome, changes: parsed.data.changes, expectedVersion: parsed.data.version, noticeDays: settings.reviewNoticeDays });
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'conflict') {
      await services.drafts.save(ctx.actor.id, pathOf(request), values);
      return show(request, reply, values, { status: 409, refusal: 'Someone changed this assessment after you opened this page. Check what has changed, then record the review again' });
    }
    if (result.outcome === 'not-open') return show(request, reply, values, { status: 409, refusal: 'There is no annual review to record for this assessment now' });
    await services.drafts.discard(ctx.actor.id, pathOf(request));
    await setFlash(services, request, `Annual review recorded. The next one is due by ${formatDate(result.nextReviewDueOn)}`);
    return reply.redirect(`/people/${personId}/assessments/${assessmentId}`, 303);
  });
}
