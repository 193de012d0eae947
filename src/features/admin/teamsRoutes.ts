import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { parseForm, toErrorList, type FieldErrors } from '../../platform/validation';
import { closeTeamSchema, isUuid, newTeamSchema, renameTeamSchema, reopenTeamSchema, TEAM_KINDS, teamKindItems } from './schema';
import { closeProblem } from './teams';
import type { TeamDetails } from './teamsRepository';
import { keptValues } from './usersRoutes';

const admin = { action: 'admin:users' } as const;

/** The messages shown after a change, by a fixed key in the address (no user text travels there). */
const DONE: Record<string, string> = {
  added: 'The team was added. You can now put people in it.',
  renamed: 'The team’s new name is saved. Its history shows under the new name.',
  closed: 'The team is closed. It is no longer offered when adding users or allocating children; its history is kept.',
  reopened: 'The team is open again. It is offered again when adding users and allocating children.',
};

/** Administrators: the council's teams, adding one, renaming one, closing one and reopening one. */
export async function adminTeamRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { admin: service, teams } = services;
  const ctxOf = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });
  /** The team named in the address, or null (a malformed id is "not found" too). */
  const teamOf = async (request: FastifyRequest): Promise<TeamDetails | null> => {
    const { teamId } = request.params as { teamId: string };
    return isUuid(teamId) ? teams.repo.find(teamId) : null;
  };

  app.get('/admin/teams', { config: admin }, async (request, reply) => {
    const all = await teams.repo.list();
    await service.recordView(ctxOf(request), 'teams-listed');
    return reply.page('admin/views/teams.njk', {
      title: 'Teams',
      open: all.filter((t) => !t.closedAt),
      closed: all.filter((t) => t.closedAt),
      kinds: TEAM_KINDS,
      done: DONE[String((request.query as Record<string, unknown>).done)],
    });
  });

  const showNew = (reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors, status = 200) =>
    reply.page(
      'admin/views/team-new.njk',
      {
        title: 'Add a team',
        backLink: '/admin/teams',
        values,
        kinds: teamKindItems(values.kind),
        errors,
        errorList: errors ? toErrorList(errors) : undefined,
      },
      status,
    );

  app.get('/admin/teams/new', { config: admin }, async (_request, reply) => showNew(reply, {}));

  app.post('/admin/teams/new', { config: admin }, async (request, reply) => {
    const values = keptValues(request.body, ['name', 'kind']);
    const parsed = parseForm(newTeamSchema, request.body);
    if (!parsed.ok) return showNew(reply, values, parsed.errors, 400);
    const id = await teams.add(ctxOf(request), parsed.data);
    if (!id) return showNew(reply, values, { name: 'There is already a team with this name: enter a different name' }, 400);
    return reply.redirect('/admin/teams?done=added', 303);
  });

  const showRename = (
    reply: FastifyReply,
    team: TeamDetails,
    data: { values: Record<string, unknown>; version: number; errors?: FieldErrors },
    status = 200,
  ) =>
    reply.page(
      'admin/views/team-rename.njk',
      {
        title: `Change the name of ${team.name}`,
        backLink: '/admin/teams',
        team,
        values: data.values,
        teamVersion: data.version,
        errors: data.errors,
        errorList: data.errors ? toErrorList(data.errors) : undefined,
      },
      status,
    );

  app.get('/admin/teams/:teamId/rename', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    return showRename(reply, team, { values: { name: team.name }, version: team.version });
  });

  app.post('/admin/teams/:teamId/rename', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    const values = keptValues(request.body, ['name']);
    const parsed = parseForm(renameTeamSchema, request.body);
    if (!parsed.ok) return showRename(reply, team, { values, version: team.version, errors: parsed.errors }, 400);
    const result = await teams.rename(ctxOf(request), team.id, parsed.data.version, parsed.data.name);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'duplicate')
      return showRename(reply, team, { values, version: parsed.data.version, errors: { name: 'There is already a team with this name: enter a different name' } }, 400);
    if (result.outcome === 'conflict')
      return showRename(
        reply,
        result.current,
        { values: { name: result.current.name }, version: result.current.version, errors: { name: `Someone else changed this team while you were looking at it. It is now called ${result.current.name}: check the name and save again` } },
        409,
      );
    return reply.redirect('/admin/teams?done=renamed', 303);
  });

  const showClose = (reply: FastifyReply, team: TeamDetails, errors?: FieldErrors, status = 200) =>
    reply.page(
      'admin/views/team-close.njk',
      {
        title: `Close ${team.name}`,
        backLink: '/admin/teams',
        team,
        kindLabel: TEAM_KINDS[team.kind as keyof typeof TEAM_KINDS] ?? team.kind,
        problem: team.closedAt ? null : closeProblem(team),
        errors,
        errorList: errors ? toErrorList(errors) : undefined,
      },
      status,
    );

  app.get('/admin/teams/:teamId/close', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    return showClose(reply, team);
  });

  app.post('/admin/teams/:teamId/close', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    const parsed = parseForm(closeTeamSchema, request.body);
    if (!parsed.ok) return showClose(reply, team, { close: parsed.errors.version ?? 'Try again' }, 400);
    const result = await teams.close(ctxOf(request), team.id, parsed.data.version);
    if (result.outcome === 'not-found') return reply.callNotFound();
    // Closed already (by someone else, or by this form posted twice): nothing more to do.
    if (result.outcome === 'already-closed') return reply.redirect('/admin/teams?done=closed', 303);
    if (result.outcome === 'in-use') return showClose(reply, result.team, { close: result.message }, 400);
    if (result.outcome === 'conflict')
      return showClose(reply, result.current, { close: 'Someone else changed this team while you were looking at it. Check it and close it again' }, 409);
    return reply.redirect('/admin/teams?done=closed', 303);
  });

  const showReopen = (reply: FastifyReply, team: TeamDetails, errors?: FieldErrors, status = 200) =>
    reply.page(
      'admin/views/team-reopen.njk',
      {
        title: `Reopen ${team.name}`,
        backLink: '/admin/teams#closed',
        team,
        kindLabel: TEAM_KINDS[team.kind as keyof typeof TEAM_KINDS] ?? team.kind,
        errors,
        errorList: errors ? toErrorList(errors) : undefined,
      },
      status,
    );

  app.get('/admin/teams/:teamId/reopen', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    return showReopen(reply, team);
  });

  app.post('/admin/teams/:teamId/reopen', { config: admin }, async (request, reply) => {
    const team = await teamOf(request);
    if (!team) return reply.callNotFound();
    const parsed = parseForm(reopenTeamSchema, request.body);
    if (!parsed.ok) return showReopen(reply, team, { reopen: parsed.errors.version ?? 'Try again' }, 400);
    const result = await teams.reopen(ctxOf(request), team.id, parsed.data.version);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'conflict')
      return showReopen(reply, result.current, { reopen: 'Someone else changed this team while you were looking at it. Check it and reopen it again' }, 409);
    // Reopened now, or open already (by someone else, or this form posted twice): the team is open either way.
    return reply.redirect('/admin/teams?done=reopened', 303);
  });
}
