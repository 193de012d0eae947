import type { FastifyInstance } from 'fastify';
import { labelFor, REFERRAL_SOURCE } from '../../domain/codes';
import { todayInLondon } from '../../domain/dates';
import { assessmentLock, UPDATE_MESSAGES } from '../../domain/assessmentLock';
import { checkpointDecisionOpensOn, checkpointStates, completionDate, dueSoonHorizon, needsLateReasons, timescaleStatus } from '../../domain/timescales';
import { addWorkingDays } from '../../domain/workingDays';
import { can } from '../../platform/access';
import type { Services } from '../../services';
import { loadPersonHeader, personTabs } from '../people/header';
import { annualReviewBadge, annualReviewOpen } from './living/annualReview';
import { decidesFor } from './decider';
import { assessmentPath, ctxOf, isUuid, notFound, takeFlash, type AssessmentParams } from './http';
import { sectionTasks } from './sectionStatus';
import { shownTask } from '../tasks/routes';
import { endingOf, statusLabel } from './statusView';
import { closeOutcomeLabel, decisionLabel, describeTimescale } from './timescaleView';
import { variantLabel } from './variants';

/** A child's assessments, newest first, and one assessment's overview (A1, A2, A10). Both are audited views. */
export async function overviewRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { assessments } = services;
  const view = { config: { action: 'assessment:view' as const, personParam: 'personId' } };

  app.get('/people/:personId/assessments', view, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const actor = request.actor!;
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return notFound(reply);
    const [list, settings] = await Promise.all([assessments.forChild(ctxOf(request), personId), assessments.timescaleSettings()]);
    const today = todayInLondon();
    return reply.page('assessments/views/child-list.njk', {
      title: `Assessments – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'assessments'),
      canStart: can(actor, 'assessment:start') && person.kind === 'child',
      flash: await takeFlash(services, request),
      assessments: list.map((a) => {
        const status = timescaleStatus({ referralDate: a.referralDate, dueOn: a.dueOn, today, completedOn: completionDate(a), dueSoonDays: settings.dueSoonDays, calendar: settings.calendar });
        return { ...a, href: assessmentPath(personId, a.id), variantLabel: variantLabel(a.variant), statusLabel: statusLabel(a), timescale: describeTimescale(status, a.dueOn, endingOf(a)) };
      }),
    });
  });

  app.get('/people/:personId/assessments/:assessmentId', view, async (request, reply) => {
    const { personId, assessmentId } = request.params as AssessmentParams;
    const actor = request.actor!;
    const today = todayInLondon();
    if (!isUuid(assessmentId)) return notFound(reply);
    const person = await loadPersonHeader(services.db, personId);
    if (!person) return notFound(reply);
    const [found, settings] = await Promise.all([assessments.overview(ctxOf(request), personId, assessmentId, today), assessments.timescaleSettings()]);
    if (!found) return notFound(reply);
    const { details: a, checkpoints, lateReasons, dateMoves, prompts, siblings, tasks } = found;
    // The reasons now (when the newest wording kept is them) and the wordings before them, newest first.
    const lateNow = lateReasons[0] && lateReasons[0].reasons === a.lateReason ? lateReasons[0] : null;
    const base = assessmentPath(personId, assessmentId);
    const status = timescaleStatus({ referralDate: a.referralDate, dueOn: a.dueOn, today, completedOn: completionDate(a), dueSoonDays: settings.dueSoonDays, calendar: settings.calendar });
    const horizon = dueSoonHorizon(today, settings.dueSoonDays, settings.calendar);
    const lastDay = checkpoints.length > 0 ? checkpoints[checkpoints.length - 1]!.day : null;
    const states = checkpointStates(checkpoints, today, horizon);
    // The checkpoint decisions are offered only to a manager who decides on this assessment (decider.ts).
    const canDecide = can(actor, 'assessment:decide') && decidesFor(actor, a, a.childTeamId) && a.status !== 'authorised' && a.status !== 'closed';
    // Closed, or authorised with no update under way: nothing on the page offers to change it.
    const lock = assessmentLock({ ...a, openPrompts: prompts.length }, today, settings.reviewNoticeDays);
    const late = needsLateReasons({ status: a.status, dueOn: a.dueOn, today, authorisedOn: a.authorisedOn, lateReason: a.lateReason });
    const canEdit = can(actor, 'assessment:edit') && !lock.locked;
    return reply.page('assessments/views/overview.njk', {
      title: `${variantLabel(a.variant)} – ${person.name}`,
      person,
      tabs: personTabs(actor, personId, 'assessments'),
      flash: await takeFlash(services, request),
      base,
      a,
      variantLabel: variantLabel(a.variant),
      statusLabel: statusLabel(a),
      referralSource: a.referralSource ? labelFor(REFERRAL_SOURCE, a.referralSource) : null,
      timescale: describeTimescale(status, a.dueOn, endingOf(a)),
      open: a.status === 'in-progress' || a.status === 'awaiting-authorisation',
      dayNumber: status.dayNumber,
      lastDay,
      finalEarly: a.variant === 'pre-birth' && lastDay !== null && a.dueOn < addWorkingDays(a.referralDate, lastDay, settings.calendar),
      expectedDeliveryDate: person.expectedDeliveryDate,
      dateMoves,
      needsLateReasons: late,
      lateReasonHistory: { now: lateNow, earlier: lateNow ? lateReasons.slice(1) : lateReasons },
      canEdit,
      // Reasons still missing on an authorised assessment that was late can be recorded.
      canRecordLateReasons: can(actor, 'assessment:edit') && (!lock.locked || (lock.reason === 'authorised' && late)),
      readOnly: lock.locked ? lock.message : null,
      updating: !lock.locked && lock.updating ? UPDATE_MESSAGES[lock.updating] : null,
      closedAtCheckpoint: a.closedReason === 'checkpoint' ? { day: a.closedAtDay, on: a.closedOn, by: a.closedByName, outcome: closeOutcomeLabel(a.closedOutcome), episodesHref: can(actor, 'episode:manage') ? `/people/${personId}/involvement` : null } : null,
      canShare: can(actor, 'assessment:share'),
      decisionWindow: settings.dueSoonDays,
      checkpoints: states.map((c) => ({
        ...c,
        decisionLabel: decisionLabel(c.decision),
        href: `${base}/checkpoints/${c.day}`,
        overdue: c.dueOn < today,
        opensOn: c.state === 'not-yet' ? checkpointDecisionOpensOn(c.dueOn, settings.dueSoonDays, settings.calendar) : null,
        canDecide: canDecide && c.state === 'decision-needed',
      })),
      reviewPrompts: prompts,
      annualReview: annualReviewBadge({ status: a.status, reviewDueOn: a.reviewDueOn }, today, settings.reviewNoticeDays),
      annualReviewHref: can(actor, 'assessment:authorise') && decidesFor(actor, a, a.childTeamId) && annualReviewOpen(a, today, settings.reviewNoticeDays) ? `${base}/annual-review` : null,
      tasks: sectionTasks(a.content, base, a.variant),
      safeguardingTasks: tasks.map((t) => shownTask(t, today)),
      safeguardingHref: can(actor, 'task:manage') ? `${base}/safeguarding` : null,
      childTasksHref: can(actor, 'task:view') ? `/people/${personId}/tasks` : null,
      siblings: siblings.map((s) => ({ ...s, href: s.assessmentId ? assessmentPath(s.childId, s.assessmentId) : null, statusLabel: s.status ? statusLabel({ status: s.status }) : null })),
    });
  });
}
