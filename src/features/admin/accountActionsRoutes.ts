import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { parseForm, toErrorList } from '../../platform/validation';
import { isUuid, resetPasswordSchema } from './schema';
import { keptValues } from './usersRoutes';

const admin = { action: 'admin:users' } as const;

/** Administrators: a new password for someone (which also unlocks them), and unlocking an account. */
export async function adminAccountActionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { admin: service } = services;
  const ctxOf = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });
  const accountFor = async (request: FastifyRequest) => {
    const { userId } = request.params as { userId: string };
    return isUuid(userId) ? service.repo.findAccount(userId) : null;
  };

  app.get('/admin/users/:userId/reset-password', { config: admin }, async (request, reply) => {
    const account = await accountFor(request);
    if (!account) return reply.callNotFound();
    return reply.page('admin/views/reset-password.njk', {
      title: 'Set a new password for them',
      backLink: `/admin/users/${account.id}/edit`,
      account,
      values: {},
    });
  });

  app.post('/admin/users/:userId/reset-password', { config: admin }, async (request, reply) => {
    const account = await accountFor(request);
    if (!account) return reply.callNotFound();
    const parsed = parseForm(resetPasswordSchema, request.body);
    if (!parsed.ok) {
      const values = keptValues(request.body, ['removeSecondFactor']);
      return reply.page(
        'admin/views/reset-password.njk',
        {
          title: 'Set a new password for them',
          backLink: `/admin/users/${account.id}/edit`,
          account,
          values,
          errors: parsed.errors,
          errorList: toErrorList(parsed.errors),
        },
        400,
      );
    }
    await service.resetPassword(
      ctxOf(request),
      account.id,
      parsed.data.password,
      parsed.data.removeSecondFactor === 'yes',
    );
    return reply.redirect(`/admin/users/${account.id}/edit?done=password`, 303);
  });

  app.post('/admin/users/:userId/unlock', { config: admin }, async (request, reply) => {
    const account = await accountFor(request);
    if (!account) return reply.callNotFound();
    await service.unlock(ctxOf(request), account.id);
    return reply.redirect(`/admin/users/${account.id}/edit?done=unlocked`, 303);
  });
}
