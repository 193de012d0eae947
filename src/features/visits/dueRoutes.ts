import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { can } from '../../platform/access';
import { todayInLondon } from '../../domain/dates';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { byMostOverdue, describeLeft, STATUS_LABELS, visitDueForChild, type ChildVisitDue, type Frequencies } from '../../domain/visitSchedule';
import type { Calendar } from '../../domain/workingDays';
import { TEAM_DUE_LIMIT, WORKER_DUE_LIMIT, type DueListRow } from './dueList';

const TAG_CLASSES: Record<ChildVisitDue['status'], string> = { overdue: 'govuk-tag--red', 'due-soon': 'govuk-tag--yellow', due: 'govuk-tag--grey' };

/** Each child with their next visit worked out, most overdue first; children with no visit due are left out. */
function withDue(found: DueListRow[], frequencies: Frequencies, calendar: Calendar, today: string) {
  return found
    .map((c) => ({ ...c, due: visitDueForChild({ openEpisodes: c.episodes, lastSeenOn: c.lastSeenOn, frequencies, today, calendar }) }))
    .filter((c): c is DueListRow & { due: ChildVisitDue } => c.due !== null)
    .sort(byMostOverdue)
    .map((c) => ({
      ...c,
      planLabel: labelFor(EPISODE_TYPE, c.due.planType),
      statusLabel: STATUS_LABELS[c.due.status],
      tagClass: TAG_CLASSES[c.due.status],
      leftText: describeLeft(c.due),
      frequencyText: c.due.frequency.unit === 'weeks' ? `every ${c.due.frequency.every} weeks` : `every ${c.due.frequency.every} working days`,
    }));
}

function counts(children: { due: ChildVisitDue }[]) {
  return {
    overdue: children.filter((c) => c.due.status === 'overdue').length,
    dueSoon: children.filter((c) => c.due.status === 'due-soon').length,
    notYet: children.filter((c) => c.due.status === 'due').length,
  };
}

const planTypesOf = (frequencies: Frequencies) => Object.keys(frequencies).filter((k) => frequencies[k]);

/** Visits due and overdue (V1): for a worker's children, and for a manager's team by worker. Two queries each. */
export async function visitDueRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { visits } = services;

  app.get('/visits', { config: { action: 'caseload:view' } }, async (request, reply) => {
    const actor = request.actor!;
    const today = todayInLondon();
    const { frequencies, calendar } = await visits.schedule();
    const found = await visits.lists.forWorker(actor, planTypesOf(frequencies));
    const children = withDue(found, frequencies, calendar, today);
    return reply.page('visits/views/due.njk', { title: 'Visits due', children, counts: counts(children), truncated: found.length >= WORKER_DUE_LIMIT, can: { team: can(actor, 'team:view') } });
  });

  app.get('/visits/team', { config: { action: 'team:view' } }, async (request, reply) => {
    const actor = request.actor!;
    if (!actor.teamId) return reply.page('visits/views/team-due.njk', { title: 'Team visits due', withoutTeam: true });
    const today = todayInLondon();
    const { frequencies, calendar } = await visits.schedule();
    const found = await visits.lists.forTeam(actor, actor.teamId, planTypesOf(frequencies));
    const children = withDue(found, frequencies, calendar, today);
    const byWorker = new Map<string, { workerName: string; children: typeof children }>();
    for (const child of children) {
      const key = child.workerId ?? '';
      const group = byWorker.get(key) ?? { workerName: child.workerName ?? 'No worker yet', children: [] };
      group.children.push(child);
      byWorker.set(key, group);
    }
    const workers = [...byWorker.entries()]
      .sort(([a, x], [b, y]) => (a === '' ? 1 : b === '' ? -1 : x.workerName.localeCompare(y.workerName, 'en-GB')))
      // A manager sees what needs attention: overdue and due soon. The rest are counted.
      .map(([workerId, group]) => ({ workerId, workerName: group.workerName, attention: group.children.filter((c) => c.due.status !== 'due'), counts: counts(group.children) }));
    return reply.page('visits/views/team-due.njk', { title: 'Team visits due', workers, counts: counts(children), truncated: found.length >= TEAM_DUE_LIMIT });
  });
}
