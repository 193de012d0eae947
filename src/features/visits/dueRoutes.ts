import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import { isUuid } from '../../platform/http';
import { text } from '../../platform/validation';
import { todayInLondon } from '../../domain/dates';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { describeLeft, STATUS_LABELS, visitDueForChild, type ChildVisitDue, type Frequencies } from '../../domain/visitSchedule';
import type { Calendar } from '../../domain/workingDays';
import type { DueListRow } from './dueList';
import { pageLinks, pageNumber } from './pages';

const TAG_CLASSES: Record<ChildVisitDue['status'], string> = { overdue: 'govuk-tag--red', 'due-soon': 'govuk-tag--yellow', due: 'govuk-tag--grey' };

/** The page's children, in the order the list gives (most overdue first), each with their next visit worked out for the page. */
function withDue(found: DueListRow[], frequencies: Frequencies, calendar: Calendar, today: string) {
  return found
    .map((c) => ({ ...c, due: visitDueForChild({ openEpisodes: c.episodes, lastSeenOn: c.lastSeenOn, frequencies, today, calendar }) }))
    .filter((c): c is DueListRow & { due: ChildVisitDue } => c.due !== null)
    .map((c) => ({
      ...c,
      planLabel: labelFor(EPISODE_TYPE, c.due.planType),
      statusLabel: STATUS_LABELS[c.due.status],
      tagClass: TAG_CLASSES[c.due.status],
      leftText: describeLeft(c.due),
      frequencyText: c.due.frequency.unit === 'weeks' ? `every ${c.due.frequency.every} weeks` : `every ${c.due.frequency.every} working days`,
    }));
}

/** Which of the team's workers the manager's list shows: a worker's id, 'none' (no worker yet), or everyone. */
function workerFilter(query: unknown): string | 'none' | null {
  const value = text(query, 'worker');
  if (value === 'none') return 'none';
  return isUuid(value) ? value.toLowerCase() : null;
}

/** Visits due and overdue (V1): a worker's children and a manager's team, most overdue first, in pages, counted. One query for the list. */
export async function visitDueRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { visits } = services;

  app.get('/visits', { config: { action: 'caseload:view' } }, async (request, reply) => {
    const actor = request.actor!;
    const today = todayInLondon();
    const { frequencies, calendar } = await visits.schedule();
    const found = await visits.lists.forWorker(actor, { frequencies, calendar, today, page: pageNumber(text(request.query, 'page')) });
    return reply.page('visits/views/due.njk', {
      title: 'Visits due',
      children: withDue(found.rows, frequencies, calendar, today),
      counts: found.counts,
      total: found.total,
      page: found.page,
      pages: found.pages,
      pagination: pageLinks(found.page, found.pages, (n) => `/visits?page=${n}`),
      can: { team: can(actor, 'team:view') },
    });
  });

  app.get('/visits/team', { config: { action: 'team:view' } }, async (request, reply) => {
    const actor = request.actor!;
    if (!actor.teamId) return reply.page('visits/views/team-due.njk', { title: 'Team visits due', withoutTeam: true });
    const today = todayInLondon();
    const { frequencies, calendar } = await visits.schedule();
    const worker = workerFilter(request.query);
    const found = await visits.lists.forTeam(actor, actor.teamId, { frequencies, calendar, today, page: pageNumber(text(request.query, 'page')), attentionOnly: true, worker });
    const chosen = worker ? found.byWorker.find((w) => (worker === 'none' ? w.workerId === null : w.workerId === worker)) : null;
    const base = worker ? `/visits/team?worker=${worker}&` : '/visits/team?';
    return reply.page('visits/views/team-due.njk', {
      title: 'Team visits due',
      workers: found.byWorker.map((w) => ({ ...w, workerName: w.workerName ?? 'No worker yet', href: `/visits/team?worker=${w.workerId ?? 'none'}`, chosen: chosen === w })),
      counts: found.counts,
      children: withDue(found.rows, frequencies, calendar, today),
      total: found.total,
      page: found.page,
      pages: found.pages,
      pagination: pageLinks(found.page, found.pages, (n) => `${base}page=${n}`),
      filtered: worker !== null,
      chosenName: chosen ? (chosen.workerName ?? 'No worker yet') : worker ? 'this worker' : null,
    });
  });
}
