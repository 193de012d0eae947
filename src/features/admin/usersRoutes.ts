import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { ROLE_LABELS } from '../../domain/roles';
import { parseForm, toErrorList, type FieldErrors } from '../../platform/validation';
import { UserProblem } from '../users/service';
import { PAGE_SIZE, type AccountSummary } from './repository';
import { editUserSchema, isUuid, newUserSchema, roleItems } from './schema';

const admin = { action: 'admin:users' } as const;

/** The messages shown after a change, by a fixed key in the address (no user text travels there). */
const DONE: Record<string, string> = {
  added: 'The user was added. They can sign in now.',
  saved: 'Your changes were saved.',
  password: 'Their new password is set. Their account is unlocked and they were signed out everywhere.',
  unlocked: 'Their account is unlocked. They can try signing in again now.',
};

/** Administrators: the list of users, adding a user and changing one. */
export async function adminUserRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { admin: service, users } = services;
  const ctxOf = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });

  app.get('/admin/users', { config: admin }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    // Control characters never appear in names or emails (and the database refuses NUL): drop them from the search.
    // eslint-disable-next-line no-control-regex
    const search = typeof query.q === 'string' ? query.q.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100) : '';
    const after =
      // eslint-disable-next-line no-control-regex
      typeof query.afterName === 'string' && query.afterName.length <= 200 && !/[\u0000-\u001f\u007f]/.test(query.afterName) && isUuid(query.afterId)
        ? { name: query.afterName, id: query.afterId }
        : null;
    const { accounts, more } = await service.repo.listAccounts({ search, after });
    await service.recordView(ctxOf(request), 'users-listed');
    const last = accounts[accounts.length - 1];
    const nextHref =
      more && last
        ? `/admin/users?${new URLSearchParams({ q: search, afterName: last.name, afterId: last.id }).toString()}`
        : null;
    return reply.page('admin/views/users.njk', {
      title: 'Users',
      accounts,
      search,
      nextHref,
      pageSize: PAGE_SIZE,
      roleLabels: ROLE_LABELS,
    });
  });

  const showNew = async (
    reply: FastifyReply,
    data: { values: unknown; errors?: FieldErrors },
    status = 200,
  ) =>
    reply.page(
      'admin/views/user-new.njk',
      {
        title: 'Add a user',
        backLink: '/admin/users',
        roles: roleItems(),
        teams: await services.teams.openOptions(),
        councilSignIn: !!services.config.oidc,
        values: data.values,
        errors: data.errors,
        errorList: data.errors ? toErrorList(data.errors) : undefined,
      },
      status,
    );

  app.get('/admin/users/new', { config: admin }, async (_request, reply) =>
    showNew(reply, { values: { signIn: services.config.oidc ? undefined : 'password' } }),
  );

  app.post('/admin/users/new', { config: admin }, async (request, reply) => {
    const parsed = parseForm(newUserSchema(!!services.config.oidc), request.body);
    const values = keptValues(request.body, ['email', 'name', 'role', 'team', 'agency', 'signIn']);
    if (!parsed.ok) return showNew(reply, { values, errors: parsed.errors }, 400);
    const input = parsed.data;
    // Closed teams are not in the list: nobody new joins one.
    if (input.team && !(await services.teams.isOpen(input.team)))
      return showNew(reply, { values, errors: { team: 'Select a team from the list' } }, 400);
    try {
      const user = await users.add(ctxOf(request), {
        email: input.email,
        name: input.name,
        role: input.role,
        teamId: input.team || null,
        agency: input.role === 'partner' ? input.agency : null,
        password: input.signIn === 'password' ? input.password : null,
      });
      return reply.redirect(`/admin/users/${user.id}/edit?done=added`, 303);
    } catch (error) {
      if (error instanceof UserProblem)
        return showNew(reply, { values, errors: { [/team/.test(error.message) ? 'team' : 'email']: error.message } }, 400);
      throw error;
    }
  });

  /** Open teams, and the account's own team if it has closed (so the form keeps it as it is). */
  const teamChoices = async (currentTeamId: string | null) => {
    const open = await services.teams.openOptions();
    if (!currentTeamId || open.some((t) => t.id === currentTeamId)) return open;
    const current = await services.teams.repo.find(currentTeamId);
    return current ? [...open, { id: current.id, name: `${current.name} (closed)` }] : open;
  };

  const showEdit = async (
    reply: FastifyReply,
    account: AccountSummary,
    data: { values: Record<string, unknown>; version: number; errors?: FieldErrors; done?: string },
    status = 200,
  ) =>
    reply.page(
      'admin/views/user-edit.njk',
      {
        title: `Change ${account.name}’s account`,
        backLink: '/admin/users',
        account,
        signInText: signInText(account),
        roles: roleItems(),
        teams: await teamChoices(account.teamId),
        values: data.values,
        accountVersion: data.version,
        done: data.done,
        errors: data.errors,
        errorList: data.errors ? toErrorList(data.errors) : undefined,
      },
      status,
    );

  app.get('/admin/users/:userId/edit', { config: admin }, async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const account = isUuid(userId) ? await service.repo.findAccount(userId) : null;
    if (!account) return reply.callNotFound();
    await service.recordView(ctxOf(request), 'user-viewed', account.id);
    const done = DONE[String((request.query as Record<string, unknown>).done)];
    return showEdit(reply, account, { values: accountValues(account), version: account.version, done });
  });

  app.post('/admin/users/:userId/edit', { config: admin }, async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const account = isUuid(userId) ? await service.repo.findAccount(userId) : null;
    if (!account) return reply.callNotFound();
    const parsed = parseForm(editUserSchema, request.body);
    const values = keptValues(request.body, ['name', 'role', 'team', 'agency', 'active']);
    const postedVersion = parsed.ok ? parsed.data.version : account.version;
    if (!parsed.ok)
      return showEdit(reply, account, { values, version: postedVersion, errors: parsed.errors }, 400);
    const input = parsed.data;
    if (input.team && !(await services.teams.repo.find(input.team)))
      return showEdit(
        reply,
        account,
        { values, version: postedVersion, errors: { team: 'Select a team from the list' } },
        400,
      );
    const changes = {
      name: input.name,
      role: input.role,
      teamId: input.team || null,
      agency: input.role === 'partner' ? input.agency : null,
      active: input.active === 'yes',
    };
    const result = await service.editAccount(ctxOf(request), account.id, input.version, changes);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'refused')
      return showEdit(
        reply,
        account,
        { values, version: postedVersion, errors: { [result.field]: result.message } },
        400,
      );
    if (result.outcome === 'conflict') {
      const teams = new Map((await service.repo.teamOptions()).map((t) => [t.id, t.name]));
      const theirs = result.current;
      const rows = [
        ['Full name', theirs.name, changes.name],
        [
          'Role',
          ROLE_LABELS[theirs.role as keyof typeof ROLE_LABELS] ?? theirs.role,
          ROLE_LABELS[changes.role],
        ],
        [
          'Team',
          theirs.teamName ?? 'No team',
          changes.teamId ? (teams.get(changes.teamId) ?? '') : 'No team',
        ],
        ['Agency', theirs.agency ?? 'None', changes.agency ?? 'None'],
        ['Can use Hearth', theirs.active ? 'Yes' : 'No', changes.active ? 'Yes' : 'No'],
      ].map(([label, a, b]) => [{ text: label }, { text: a }, { text: b }]);
      const mine = {
        name: changes.name,
        role: changes.role,
        team: changes.teamId ?? '',
        agency: changes.agency ?? '',
        active: input.active,
      };
      return reply.page(
        'admin/views/user-conflict.njk',
        { title: 'Someone else changed this account', account: theirs, rows, mine },
        409,
      );
    }
    return reply.redirect(`/admin/users/${account.id}/edit?done=saved`, 303);
  });
}

function signInText(account: AccountSummary): string {
  const ways = [];
  if (account.hasPassword) ways.push('a Hearth password');
  if (account.councilLinked) ways.push('their council account');
  if (ways.length === 0) return 'Their council account (they have not signed in yet)';
  return ways.join(' or ').replace(/^./, (c) => c.toUpperCase());
}

function accountValues(account: AccountSummary): Record<string, unknown> {
  return {
    name: account.name,
    role: account.role,
    team: account.teamId ?? '',
    agency: account.agency ?? '',
    active: account.active ? 'yes' : 'no',
  };
}

/** The fields to show again after an error: strings only, cut to a sane length (never the password). */
export function keptValues(body: unknown, fields: string[]): Record<string, string> {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const kept: Record<string, string> = {};
  for (const field of fields) {
    const value = source[field];
    if (typeof value === 'string') kept[field] = value.slice(0, 400);
  }
  return kept;
}
