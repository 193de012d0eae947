import type { FastifyInstance } from 'fastify';
import { todayInLondon } from '../../domain/dates';
import { dueSoonHorizon, needsLateReasons, timescaleStatus } from '../../domain/timescales';
import { addDays, addWorkingDays } from '../../domain/workingDays';
import { can } from '../../platform/access';
import type { Services } from '../../services';
import { annualReviewBadge } from './living/annualReview';
import { assessmentPath, takeFlash } from './http';
import { OPEN_GROUPS, TEAM_GROUP_PAGE_SIZE, type ListedOpen, type ListedReview, type OpenGroup } from './lists';
import { askedPage, teamPagination } from '../caseload/teamPages';
import type { TimescaleSettings } from './service';
import { describeTimescale } from './timescaleView';
import { variantLabel } from './variants';

/** The address parameter of each group's page on the team's list. */
const PAGE_PARAM: Record<OpenGroup, string> = { awaiting: 'awaitingPage', late: 'latePage', 'due-soon': 'dueSoonPage', 'on-track': 'onTrackPage' };

function describeOpen(a: ListedOpen, today: string, settings: TimescaleSettings) {
  const status = timescaleStatus({ referralDate: a.referralDate, dueOn: a.dueOn, today, completedOn: null, dueSoonDays: settings.dueSoonDays, calendar: settings.calendar });
  return {
    ...a,
    href: assessmentPath(a.childId, a.id),
    variantLabel: variantLabel(a.variant),
    state: status.state,
    timescale: describeTimescale(status, a.dueOn),
    needsLateReasons: needsLateReasons({ status: a.status, dueOn: a.dueOn, today, authorisedOn: null, lateReason: a.hasLateReason ? 'yes' : null }),
    awaitingAuthorisation: a.status === 'awaiting-authorisation',
  };
}

function describeReview(r: ListedReview, today: string, noticeDays: number) {
  return { ...r, href: assessmentPath(r.childId, r.id), variantLabel: variantLabel(r.variant), annualReview: annualReviewBadge({ status: 'authorised', reviewDueOn: r.reviewDueOn }, today, noticeDays) };
}

/** "My assessments" for a worker and every open assessment of a manager's team (A2, A10). A fixed number of queries each. */
export async function listRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { assessments } = services;

  app.get('/assessments', { config: { action: 'caseload:view' } }, async (request, reply) => {
    const actor = request.actor!;
    const today = todayInLondon();
    const settings = await assessments.timescaleSettings();
    const horizon = dueSoonHorizon(today, settings.dueSoonDays, settings.calendar);
    const mine = await assessments.lists.mine(actor, horizon);
    const open = mine.list.map((a) => describeOpen(a, today, settings));
    const toReview = (await assessments.lists.mineToReview(actor, addDays(today, settings.reviewNoticeDays))).map((r) => describeReview(r, today, settings.reviewNoticeDays));
    return reply.page('assessments/views/mine.njk', {
      title: 'My assessments',
      flash: await takeFlash(services, request),
      open,
      late: open.filter((a) => a.state === 'late').length,
      dueSoon: open.filter((a) => a.state === 'due-soon').length,
      toReview,
      // Every open one is counted; the list shows the soonest due, at most LIST_LIMIT (lists.ts).
      openTotal: mine.total,
      canSeeTeam: can(actor, 'team:view'),
    });
  });

  app.get('/assessments/team', { config: { action: 'team:view' } }, async (request, reply) => {
    const actor = request.actor!;
    if (!actor.teamId) return reply.page('assessments/views/team.njk', { title: 'Open assessments in the team', withoutTeam: true });
    const today = todayInLondon();
    const settings = await assessments.timescaleSettings();
    const horizon = dueSoonHorizon(today, settings.dueSoonDays, settings.calendar);
    const team = await services.users.repo.findTeam(actor.teamId);
    // Due soon is at most dueSoonDays working days left (timescaleStatus): due before the next working day after the horizon.
    const dueSoonEnd = addWorkingDays(today, settings.dueSoonDays + 1, settings.calendar);
    // Each group has its own page in the address (awaitingPage, latePage, ...), the others kept as they are.
    const query = request.query as Record<string, unknown>;
    const asked = Object.fromEntries(OPEN_GROUPS.map((g) => [g, askedPage(query[PAGE_PARAM[g]])])) as Record<OpenGroup, number>;
    const open = await assessments.lists.teamOpen(actor, actor.teamId, { today, horizon, dueSoonEnd }, asked);
    const checkpoints = await assessments.lists.teamCheckpoints(actor, actor.teamId, horizon);
    const reviews = await assessments.lists.teamReviews(actor, actor.teamId, addDays(today, settings.reviewNoticeDays));
    // Each open assessment once, in its group (counted over the whole team): with the manager first, then the worker's by how urgent they are.
    const group = (id: OpenGroup, title: string, empty: string) => {
      const { list, total } = open.groups[id];
      const href = (n: number) => {
        const params = [`${PAGE_PARAM[id]}=${n}`, ...OPEN_GROUPS.filter((g) => g !== id && asked[g] > 1).map((g) => `${PAGE_PARAM[g]}=${asked[g]}`)];
        return `/assessments/team?${params.join('&')}#${id}`;
      };
      return { id, title, empty, total, list: list.map((a) => describeOpen(a, today, settings)), paging: teamPagination(String(asked[id]), total, TEAM_GROUP_PAGE_SIZE, href) };
    };
    const groups = [
      group('awaiting', 'Waiting for your authorisation', 'No assessment is waiting for you to authorise it.'),
      group('late', 'Late', 'No assessment is late.'),
      group('due-soon', 'Due soon', `None is due in the next ${settings.dueSoonDays} working days.`),
      group('on-track', 'On track', 'No assessment is on track with time to spare.'),
    ];
    return reply.page('assessments/views/team.njk', {
      title: `Open assessments: ${team?.name ?? 'your team'}`,
      teamName: team?.name ?? '',
      groups,
      openCount: open.count,
      checkpoints: checkpoints.list.map((c) => ({ ...c, href: `${assessmentPath(c.childId, c.id)}/checkpoints/${c.day}`, overdue: c.dueOn < today })),
      checkpointsTotal: checkpoints.total,
      reviews: reviews.list.map((r) => describeReview(r, today, settings.reviewNoticeDays)),
      reviewsTotal: reviews.total,
      reviewNoticeDays: settings.reviewNoticeDays,
    });
  });
}
