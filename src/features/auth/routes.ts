import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services';
import { safeReturnTo } from '../../app';
import { audit } from '../../platform/audit';
import { verifyPassword } from '../../platform/auth/passwords';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/auth/totp';
import { parseForm, toErrorList } from '../../platform/validation';
import { isRole } from '../../domain/roles';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Enter your email address')
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Enter your email address in the correct format, like name@council.gov.uk'),
  password: z.string().min(1, 'Enter your password').max(1000, 'Enter your password'),
  returnTo: z.string().optional(),
});

const codeSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'),
});

export async function authRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { config, sessions, users } = services;
  const signInLimit = { rateLimit: { max: config.signInLimitPerMinute, timeWindow: '1 minute' } };

  const showSignIn = (reply: FastifyReply, data: Record<string, unknown>, status = 200) =>
    reply.page('auth/views/sign-in.njk', { title: 'Sign in to Hearth', oidcLabel: config.oidc?.label, ...data }, status);

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string };
    return showSignIn(reply, { values: {}, returnTo: safeReturnTo(returnTo) });
  });

  app.post('/sign-in', { config: { public: true, ...signInLimit } }, async (request, reply) => {
    const parsed = parseForm(signInSchema, request.body);
    const returnTo = safeReturnTo((request.body as { returnTo?: unknown } | undefined)?.returnTo);
    if (!parsed.ok) return showSignIn(reply, { errors: parsed.errors, errorList: parsed.errorList, values: request.body, returnTo }, 400);
    const { email, password } = parsed.data;
    const user = await users.repo.findByEmail(email);
    const wrong = () => {
      const errors = { email: 'Enter a correct email address and password' };
      return showSignIn(reply, { errors, errorList: toErrorList(errors), values: { email }, returnTo }, 401);
    };
    const ctx = { actor: null, actorLabel: `sign-in attempt for ${email.slice(0, 320)}`, requestId: request.id };
    if (user && user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await audit(services.db, ctx, { action: 'sign-in-refused-locked', subjectType: 'user', subjectId: user.id });
      const errors = { email: `This account is locked after too many wrong passwords. Try again after ${config.lockout.minutes} minutes, or ask your administrator to reset it` };
      return showSignIn(reply, { errors, errorList: toErrorList(errors), values: { email }, returnTo }, 423);
    }
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.active || !isRole(user.role)) {
      if (user) {
        const { locked } = await users.repo.recordFailure(user.id, config.lockout.attempts, config.lockout.minutes);
        await audit(services.db, ctx, { action: locked ? 'account-locked' : 'sign-in-failed', subjectType: 'user', subjectId: user.id });
      }
      return wrong();
    }
    await sessions.end(reply, request.session);
    if (user.totpSecret) {
      // A key that no longer opens (another SECRET_KEY) still asks for a code, which then cannot match: never a way round the second step.
      await sessions.start(reply, null, { pendingUserId: user.id, returnTo });
      return reply.redirect('/sign-in/code', 303);
    }
    return completeSignIn(request, reply, user.id, returnTo, 'password');
  });

  app.get('/sign-in/code', { config: { public: true } }, async (request, reply) => {
    if (!request.session?.data.pendingUserId) return reply.redirect('/sign-in', 303);
    return reply.page('auth/views/code.njk', { title: 'Enter your security code' });
  });

  app.post('/sign-in/code', { config: { public: true, ...signInLimit } }, async (request, reply) => {
    const pendingUserId = request.session?.data.pendingUserId;
    if (!pendingUserId) return reply.redirect('/sign-in', 303);
    const user = await users.repo.findById(pendingUserId);
    const parsed = parseForm(codeSchema, request.body);
    if (!parsed.ok) return reply.page('auth/views/code.njk', { title: 'Enter your security code', errors: parsed.errors, errorList: parsed.errorList }, 400);
    if (!user || !user.totpSecret || !user.active || (user.lockedUntil && user.lockedUntil.getTime() > Date.now())) {
      await sessions.end(reply, request.session);
      return reply.redirect('/sign-in', 303);
    }
    const secret = users.totpSecretOf(user);
    if (!secret) request.log.warn({ userId: user.id }, 'authenticator key cannot be opened: was SECRET_KEY changed?');
    const step = secret ? await checkTotp(secret, parsed.data.code, user.totpLastStep) : null;
    // A code is good once: taking its step is atomic, so two requests racing with the same code cannot both pass.
    if (step === null || !(await users.repo.useTotpStep(user.id, step))) {
      const { locked } = await users.repo.recordFailure(user.id, config.lockout.attempts, config.lockout.minutes);
      await audit(services.db, { actor: null, actorLabel: user.email, requestId: request.id }, { action: locked ? 'account-locked' : 'second-factor-failed', subjectType: 'user', subjectId: user.id });
      if (locked) {
        await sessions.end(reply, request.session);
        return reply.redirect('/sign-in', 303);
      }
      const errors = { code: 'The code is not right. Enter the newest 6-digit code from your authenticator app' };
      return reply.page('auth/views/code.njk', { title: 'Enter your security code', errors, errorList: toErrorList(errors) }, 401);
    }
    await users.sealTotpSecret(user);
    return completeSignIn(request, reply, user.id, safeReturnTo(request.session?.data.returnTo), 'password and code');
  });

  /** The last step of every way in: a fresh session, the failure count cleared, an audit row. */
  async function completeSignIn(request: FastifyRequest, reply: FastifyReply, userId: string, returnTo: string, method: string) {
    await sessions.end(reply, request.session);
    await sessions.start(reply, userId, {});
    await users.repo.recordSuccess(userId);
    const user = await users.repo.findById(userId);
    const actor = user && isRole(user.role) ? { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId } : null;
    await audit(services.db, { actor, requestId: request.id }, { action: 'signed-in', subjectType: 'user', subjectId: userId, details: { method } });
    return reply.redirect(returnTo, 303);
  }
  app.decorate('completeSignIn', completeSignIn);

  // Signing out is a form (POST with the CSRF token), so another site cannot sign people out. The
  // address itself, bookmarked or typed, asks first.
  app.get('/sign-out', { config: { public: true } }, async (request, reply) => {
    if (!request.actor) return reply.page('auth/views/signed-out.njk', { title: 'You have signed out' });
    return reply.page('auth/views/sign-out.njk', { title: 'Sign out of Hearth' });
  });

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    if (request.actor) await audit(services.db, { actor: request.actor, requestId: request.id }, { action: 'signed-out', subjectType: 'user', subjectId: request.actor.id });
    await sessions.end(reply, request.session);
    return reply.page('auth/views/signed-out.njk', { title: 'You have signed out' });
  });

  app.get('/account/two-factor', async (request, reply) => {
    const actor = request.actor!;
    const user = await users.repo.findById(actor.id);
    const secret = newTotpSecret();
    return reply.page('auth/views/two-factor.njk', { title: 'Set up a second step for signing in', enabled: !!user?.totpSecret, secret, uri: totpUri(secret, actor.email) });
  });

  app.post('/account/two-factor', async (request, reply) => {
    const actor = request.actor!;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const posted = typeof body.secret === 'string' && /^[A-Z2-7]{16,64}$/.test(body.secret) ? body.secret : null;
    const parsed = parseForm(codeSchema, body);
    if (!posted) {
      // The form's key did not come back: start again with a new one (a 400, never a redirect that looks like success).
      const secret = newTotpSecret();
      const errors = { code: 'Something went wrong setting this up. Scan the new QR code, then enter the 6-digit code your authenticator app shows' };
      return reply.page('auth/views/two-factor.njk', { title: 'Set up a second step for signing in', secret, uri: totpUri(secret, actor.email), errors, errorList: toErrorList(errors) }, 400);
    }
    const secret = posted;
    if (!parsed.ok || (await checkTotp(secret, parsed.data.code)) === null) {
      const errors = { code: 'The code is not right. Enter the 6-digit code your authenticator app shows for Hearth' };
      return reply.page('auth/views/two-factor.njk', { title: 'Set up a second step for signing in', secret, uri: totpUri(secret, actor.email), errors, errorList: toErrorList(errors) }, 400);
    }
    await users.setTotpSecret({ actor, requestId: request.id }, actor.id, secret);
    return reply.page('auth/views/two-factor-done.njk', { title: 'Your second step is set up' });
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    completeSignIn(request: FastifyRequest, reply: FastifyReply, userId: string, returnTo: string, method: string): Promise<FastifyReply>;
  }
}
