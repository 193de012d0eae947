import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { todayInLondon } from '../../domain/dates';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { assessmentDay } from '../../domain/timescales';
import type { Calendar } from '../../domain/workingDays';
import { takeFlash } from '../../platform/http';
import { CASELOAD_LIMIT, TEAM_PAGE_SIZE, WAITING_PAGE_SIZE, type ListedChild } from './lists';
import { daysBetween } from './rules';
import { askedPage, pageWithin, teamHref, teamPagination, workerPages, type TeamListPages } from './teamPages';

/**
 * The stage in words: for a child with an open assessment, which working day of it this is
 * ("Assessment, day 12 of 45"); otherwise the open episode.
 */
function stageLabel(child: ListedChild, today: string, calendar: Calendar): string {
  if (child.assessment) {
    const { day, of, late } = assessmentDay({ ...child.assessment, today, calendar });
    return `Assessment, day ${day} of ${of}${late ? ' (late)' : ''}`;
  }
  return labelFor(EPISODE_TYPE, child.stage) || 'No open episode';
}

/** A listed child as the pages show them: the stage in words, and how long in days. */
function describe(child: ListedChild, today: string, calendar: Calendar) {
  const last = [child.lastContact, child.lastReferral].filter((d): d is string => !!d).sort().pop() ?? null;
  return {
    ...child,
    stageLabel: stageLabel(child, today, calendar),
    daysAllocated: child.allocatedFrom ? daysBetween(child.allocatedFrom, today) : null,
    daysWaiting: child.waitingSince ? daysBetween(child.waitingSince, today) : null,
    lastContactOrReferral: last,
  };
}

/** "My caseload" for a worker and "Team work" for a manager (P5). A fixed number of queries each. */
export async function caseloadRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseload } = services;

  app.get('/caseload', { config: { action: 'caseload:view' } }, async (request, reply) => {
    const actor = request.actor!;
    const today = todayInLondon();
    const calendar = await services.settings.calendar();
    const children = (await caseload.lists.caseload(actor)).map((c) => describe(c, today, calendar));
    return reply.page('caseload/views/caseload.njk', {
      title: 'My caseload',
      children,
      truncated: children.length >= CASELOAD_LIMIT,
      flash: await takeFlash(services, request),
    });
  });

  app.get('/team', { config: { action: 'team:view' } }, async (request, reply) => {
    const actor = request.actor!;
    const flash = await takeFlash(services, request);
    if (!actor.teamId) return reply.page('caseload/views/team.njk', { title: 'Team work', withoutTeam: true, flash });
    const today = todayInLondon();
    const calendar = await services.settings.calendar();
    const team = await services.users.repo.findTeam(actor.teamId);
    const query = request.query as Record<string, unknown>;
    const counts = await caseload.lists.workerCounts(actor, actor.teamId);
    const totalAllocated = counts.reduce((sum, w) => sum + w.children, 0);
    // Each of the three lists has its own page; the database keeps a waiting list's page within it.
    const waiting = await caseload.lists.waiting(actor, actor.teamId, askedPage(query.waitingPage));
    const noTeam = await caseload.lists.waiting(actor, null, askedPage(query.noTeamPage));
    const pages: TeamListPages = {
      page: pageWithin(query.page, totalAllocated, TEAM_PAGE_SIZE),
      waitingPage: pageWithin(query.waitingPage, waiting.total, WAITING_PAGE_SIZE),
      noTeamPage: pageWithin(query.noTeamPage, noTeam.total, WAITING_PAGE_SIZE),
    };
    const paging = teamPagination(query.page, totalAllocated, TEAM_PAGE_SIZE, (n) => teamHref('page', n, pages, 'allocated'));
    const waitingPaging = teamPagination(query.waitingPage, waiting.total, WAITING_PAGE_SIZE, (n) => teamHref('waitingPage', n, pages, 'waiting'));
    const noTeamPaging = teamPagination(query.noTeamPage, noTeam.total, WAITING_PAGE_SIZE, (n) => teamHref('noTeamPage', n, pages, 'no-team'));
    const allocated = (await caseload.lists.teamChildren(actor, actor.teamId, paging.offset)).map((c) => describe(c, today, calendar));
    const childrenOf = new Map<string, ReturnType<typeof describe>[]>();
    for (const child of allocated) {
      const list = childrenOf.get(child.workerId ?? '');
      if (list) list.push(child);
      else childrenOf.set(child.workerId ?? '', [child]);
    }
    const firstPageOf = workerPages(counts, TEAM_PAGE_SIZE);
    const byWorker = counts.map((w) => ({
      ...w,
      count: w.children,
      children: childrenOf.get(w.workerId) ?? [],
      // Where this worker's children start: a link to that page of the list (this page, or another).
      href: firstPageOf.get(w.workerId) === paging.page ? `#worker-${w.workerId}` : teamHref('page', firstPageOf.get(w.workerId) ?? 1, pages, `worker-${w.workerId}`),
      continued: (firstPageOf.get(w.workerId) ?? paging.page) < paging.page,
    }));
    return reply.page('caseload/views/team.njk', {
      title: `Team work: ${team?.name ?? 'your team'}`,
      teamName: team?.name ?? '',
      workers: byWorker,
      totalAllocated,
      paging,
      waiting: { total: waiting.total, children: waiting.children.map((c) => describe(c, today, calendar)), paging: waitingPaging },
      noTeam: { total: noTeam.total, children: noTeam.children.map((c) => describe(c, today, calendar)), paging: noTeamPaging },
      flash,
    });
  });
}
