import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { todayInLondon } from '../../domain/dates';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { takeFlash } from '../../platform/http';
import { CASELOAD_LIMIT, TEAM_LIMIT, type ListedChild } from './lists';
import { daysBetween } from './rules';

/** A listed child as the pages show them: the stage in words, and how long in days. */
function describe(child: ListedChild, today: string) {
  const last = [child.lastContact, child.lastReferral].filter((d): d is string => !!d).sort().pop() ?? null;
  return {
    ...child,
    stageLabel: labelFor(EPISODE_TYPE, child.stage) || 'No open episode',
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
    const children = (await caseload.lists.caseload(actor)).map((c) => describe(c, today));
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
    const team = await services.users.repo.findTeam(actor.teamId);
    const counts = await caseload.lists.workerCounts(actor, actor.teamId);
    const allocated = (await caseload.lists.teamChildren(actor, actor.teamId)).map((c) => describe(c, today));
    const waiting = await caseload.lists.waiting(actor, actor.teamId);
    const noTeam = await caseload.lists.waiting(actor, null);
    const childrenOf = new Map<string, ReturnType<typeof describe>[]>();
    for (const child of allocated) {
      const list = childrenOf.get(child.workerId ?? '');
      if (list) list.push(child);
      else childrenOf.set(child.workerId ?? '', [child]);
    }
    const byWorker = counts.map((w) => ({ ...w, count: w.children, children: childrenOf.get(w.workerId) ?? [] }));
    return reply.page('caseload/views/team.njk', {
      title: `Team work: ${team?.name ?? 'your team'}`,
      teamName: team?.name ?? '',
      workers: byWorker,
      totalAllocated: counts.reduce((sum, w) => sum + w.children, 0),
      truncated: allocated.length >= TEAM_LIMIT,
      waiting: { total: waiting.total, children: waiting.children.map((c) => describe(c, today)) },
      noTeam: { total: noTeam.total, children: noTeam.children.map((c) => describe(c, today)) },
      flash,
    });
  });
}
