/**
 * "My tasks" (open tasks the worker owns, overdue first), the tasks on a child's record, and finishing
 * a task: done with its outcome, or cancelled with the reason.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services';
import { formatDate, todayInLondon } from '../../domain/dates';
import { can } from '../../platform/access';
import { audit } from '../../platform/audit';
import { parseForm, text, type FieldErrors } from '../../platform/validation';
import { loadPersonHeader, personTabs } from '../people/header';
import { orderedErrors, requiredText } from '../../platform/formFields';
import { ctxOf, isUuid, setFlash, keptDraft, takeFlash } from '../../platform/http';
import { childTasks, findTask, finishTask, myTasks, type TaskRow } from './repository';
import { safeguardingRoutes } from './safeguardingRoutes';

/** How a task reads in a list: its state and when it is due, in words. */
export function shownTask(task: TaskRow, today: string) {
  const overdue = task.status === 'open' && task.dueOn < today;
  const dueToday = task.status === 'open' && task.dueOn === today;
  const state =
    task.status === 'done'
      ? { text: 'Done', classes: 'govuk-tag--green' }
      : task.status === 'cancelled'
        ? { text: 'Cancelled', classes: 'govuk-tag--grey' }
        : overdue
          ? { text: 'Overdue', classes: 'govuk-tag--red' }
          : dueToday
            ? { text: 'Due today', classes: 'govuk-tag--orange' }
            : { text: 'Open', classes: 'govuk-tag--blue' };
  return { ...task, overdue, state, due: dueToday ? 'Today' : formatDate(task.dueOn), href: `/people/${task.personId}/tasks/${task.id}` };
}

const versionField = z.coerce.number({ error: 'Reload the page and try again' }).int().min(1).max(1_000_000);
const completeSchema = z.object({ outcome: requiredText(2000, 'Enter what was done', 'What was done must be 2,000 characters or fewer'), version: versionField });
const cancelSchema = z.object({ reason: requiredText(1000, 'Enter why the task is no longer needed', 'The reason must be 1,000 characters or fewer'), version: versionField });

export async function taskRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/tasks', { config: { action: 'task:manage' } }, async (request, reply) => {
    const actor = request.actor!;
    const today = todayInLondon();
    const { tasks, more } = await myTasks(services.db, actor);
    const shown = tasks.map((t) => shownTask(t, today));
    await audit(services.db, ctxOf(request), { action: 'tasks-listed', subjectType: 'user', subjectId: actor.id, details: { people: [...new Set(tasks.map((t) => t.personId))].length } });
    return reply.page('tasks/views/my-tasks.njk', { title: 'My tasks', tasks: shown, overdue: shown.filter((t) => t.overdue).length, more, flash: await takeFlash(services, request) });
  });

  const personView = { action: 'task:view', personParam: 'personId' } as const;
  const personManage = { action: 'task:manage', personParam: 'personId' } as const;

  app.get('/people/:personId/tasks', { config: personView }, async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const data = await services.db.transaction(async (tx) => {
      const person = await loadPersonHeader(tx, personId);
      if (!person) return null;
      const tasks = await childTasks(tx, personId);
      await audit(tx, ctxOf(request), { action: 'tasks-viewed', subjectType: 'person', subjectId: personId, childId: personId });
      return { person, tasks };
    });
    if (!data) return reply.callNotFound();
    const today = todayInLondon();
    const tasks = data.tasks.map((t) => shownTask(t, today));
    return reply.page('tasks/views/child-tasks.njk', {
      title: `Tasks – ${data.person.name}`,
      person: data.person,
      tabs: personTabs(request.actor!, personId, 'tasks'),
      open: tasks.filter((t) => t.status === 'open'),
      finished: tasks.filter((t) => t.status !== 'open'),
      flash: await takeFlash(services, request),
    });
  });

  async function showTask(request: FastifyRequest, reply: FastifyReply, opts: { values?: Record<string, string>; errors?: FieldErrors; conflict?: boolean; draftRestored?: boolean } = {}) {
    const { personId, taskId } = request.params as { personId: string; taskId: string };
    if (!isUuid(taskId)) return reply.callNotFound();
    const data = await services.db.transaction(async (tx) => {
      const person = await loadPersonHeader(tx, personId);
      const task = person ? await findTask(tx, personId, taskId) : null;
      if (!person || !task) return null;
      await audit(tx, ctxOf(request), { action: 'task-viewed', subjectType: 'task', subjectId: taskId, childId: personId });
      return { person, task };
    });
    if (!data) return reply.callNotFound();
    const errors = opts.errors ?? {};
    return reply.page(
      'tasks/views/task.njk',
      {
        title: `${data.task.title} – ${data.person.name}`,
        person: data.person,
        tabs: personTabs(request.actor!, personId, 'tasks'),
        backLink: `/people/${personId}/tasks`,
        task: shownTask(data.task, todayInLondon()),
        canManage: can(request.actor, 'task:manage'),
        conflict: opts.conflict,
        draftRestored: opts.draftRestored,
        values: opts.values ?? {},
        errors,
        errorList: orderedErrors(errors, ['outcome', 'reason', 'version']),
      },
      opts.conflict ? 409 : Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/people/:personId/tasks/:taskId', { config: personView }, async (request, reply) => {
    // What was typed into "What was done?" or "Why is it no longer needed?" and not sent yet (autosaved, or
    // sent after the session timed out: the guard keeps it under the form's address and comes back here).
    if (!can(request.actor, 'task:manage')) return showTask(request, reply);
    const page = request.url.split('?')[0]!;
    const done = await keptDraft(services, request, `${page}/complete`);
    const cancelled = await keptDraft(services, request, `${page}/cancel`);
    if (!done && !cancelled) return showTask(request, reply);
    return showTask(request, reply, { values: { outcome: text(done, 'outcome').slice(0, 2100), reason: text(cancelled, 'reason').slice(0, 2100) }, draftRestored: true });
  });

  for (const [verb, status, schema] of [
    ['complete', 'done', completeSchema],
    ['cancel', 'cancelled', cancelSchema],
  ] as const) {
    app.post(`/people/:personId/tasks/:taskId/${verb}`, { config: { ...personManage, formPage: '/people/:personId/tasks/:taskId' } }, async (request, reply) => {
      const { personId, taskId } = request.params as { personId: string; taskId: string };
      if (!isUuid(taskId)) return reply.callNotFound();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = verb === 'complete' ? 'outcome' : 'reason';
      const values = { [field]: typeof body[field] === 'string' ? (body[field] as string).slice(0, 2100) : '' };
      const parsed = parseForm(schema, body);
      if (!parsed.ok) return showTask(request, reply, { values, errors: parsed.errors });
      const note = 'outcome' in parsed.data ? parsed.data.outcome : parsed.data.reason;
      const result = await finishTask(services.db, ctxOf(request), { personId, taskId, version: parsed.data.version }, { status, note, today: todayInLondon() });
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') return showTask(request, reply, { values, conflict: true });
      await services.drafts.discard(request.actor!.id, `/people/${personId}/tasks/${taskId}/${verb}`);
      await setFlash(services, request, result.outcome === 'already-finished' ? 'Someone else had already finished this task.' : status === 'done' ? 'Task marked as done.' : 'Task cancelled.');
      return reply.redirect(`/people/${personId}/tasks`, 303);
    });
  }

  await safeguardingRoutes(app, services);
}
