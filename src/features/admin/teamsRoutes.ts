import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services';
import { parseForm, toErrorList, type FieldErrors } from '../../platform/validation';
import { newTeamSchema, TEAM_KINDS, teamKindItems } from './schema';
import { keptValues } from './usersRoutes';

const admin = { action: 'admin:users' } as const;

/** Administrators: the council's teams, and adding one. */
export async function adminTeamRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { admin: service } = services;

  app.get('/admin/teams', { config: admin }, async (request, reply) => {
    const teams = await service.repo.teamsWithCounts();
    await service.recordView({ actor: request.actor!, requestId: request.id }, 'teams-listed');
    const done =
      (request.query as Record<string, unknown>).done === 'added'
        ? 'The team was added. You can now put people in it.'
        : undefined;
    return reply.page('admin/views/teams.njk', { title: 'Teams', teams, kinds: TEAM_KINDS, done });
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
    const id = await service.addTeam({ actor: request.actor!, requestId: request.id }, parsed.data);
    if (!id)
      return showNew(
        reply,
        values,
        { name: 'There is already a team with this name: enter a different name' },
        400,
      );
    return reply.redirect('/admin/teams?done=added', 303);
  });
}
