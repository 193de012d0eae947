import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services';
import { safeReturnTo } from '../../app';
import { audit } from '../../platform/audit';
import { OidcProblem } from '../../platform/auth/oidc';
import { matchOidcUser } from '../users/oidcMatch';

type Refusal = { status: number; heading: string; explanation: string; tryAgain: boolean };

const REFUSALS = {
  unknown: {
    status: 403,
    heading: 'You do not have a Hearth account',
    explanation:
      'Your council account worked, but no one has set up Hearth for you yet. Hearth does not create accounts by itself: ask your Hearth administrator to add you, using the same email address as your council account.',
    tryAgain: false,
  },
  disabled: {
    status: 403,
    heading: 'Your Hearth account is switched off',
    explanation:
      'Your council account worked, but your Hearth account has been switched off. If you still need Hearth, ask your Hearth administrator.',
    tryAgain: false,
  },
  'linked-elsewhere': {
    status: 403,
    heading: 'This Hearth account belongs to a different council account',
    explanation:
      'The Hearth account with your email address is already linked to another council account. Ask your Hearth administrator to check your account.',
    tryAgain: false,
  },
  expired: {
    status: 400,
    heading: 'Your sign-in took too long',
    explanation:
      'Signing in with your council account must be finished in the same browser within a few minutes. Start again.',
    tryAgain: true,
  },
  cancelled: {
    status: 403,
    heading: 'You did not finish signing in',
    explanation:
      'You cancelled signing in, or your council account could not be used for Hearth. Start again, or sign in with a Hearth account.',
    tryAgain: true,
  },
  'provider-error': {
    status: 502,
    heading: 'Your council account could not be checked',
    explanation:
      'The council sign-in service did not let you in. Try again. If it keeps happening, tell your IT service desk.',
    tryAgain: true,
  },
  'invalid-response': {
    status: 400,
    heading: 'Sign-in could not be checked',
    explanation:
      'What came back from the council sign-in service did not match this sign-in, so we stopped to keep your account safe. Start again.',
    tryAgain: true,
  },
  unavailable: {
    status: 503,
    heading: 'Council sign-in is not working at the moment',
    explanation:
      'Hearth could not reach the council sign-in service. Try again in a few minutes, or sign in with a Hearth account if you have one.',
    tryAgain: true,
  },
} as const satisfies Record<string, Refusal>;

/** Sign-in through the council's own identity provider (OpenID Connect), when it is set up. */
export async function oidcRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { config, sessions, oidc } = services;
  if (!oidc) return;
  const limit = { rateLimit: { max: config.signInLimitPerMinute, timeWindow: '1 minute' } };

  const refuse = (reply: FastifyReply, key: keyof typeof REFUSALS) => {
    const r: Refusal = REFUSALS[key];
    return reply.page(
      'auth/views/oidc-problem.njk',
      { title: r.heading, heading: r.heading, explanation: r.explanation, tryAgain: r.tryAgain },
      r.status,
    );
  };

  app.get('/sign-in/oidc', { config: { public: true, ...limit } }, async (request, reply) => {
    // Someone signed in already goes home, still signed in: a link on another site (a GET, which a
    // SameSite=Lax cookie comes with) must not be able to sign them out.
    if (request.actor) return reply.redirect('/', 303);
    const { returnTo } = request.query as { returnTo?: unknown };
    let started: Awaited<ReturnType<typeof oidc.start>>;
    try {
      started = await oidc.start();
    } catch (error) {
      request.log.warn({ err: error }, 'council sign-in could not start');
      return refuse(reply, 'unavailable');
    }
    await sessions.end(reply, request.session);
    await sessions.start(reply, null, { oidc: { ...started.pending, returnTo: safeReturnTo(returnTo) } });
    return reply.redirect(started.url, 303);
  });

  app.get('/sign-in/oidc/callback', { config: { public: true, ...limit } }, async (request, reply) => {
    const pending = request.session?.data.oidc;
    if (!pending || request.session?.userId) return refuse(reply, 'expired');
    // The state, code and nonce are single use: forget them whatever happens next.
    await sessions.end(reply, request.session);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let identity;
    try {
      identity = await oidc.finish(query, pending);
    } catch (error) {
      const reason = error instanceof OidcProblem ? error.reason : 'invalid-response';
      request.log.warn({ err: error }, 'council sign-in refused');
      await audit(
        services.db,
        { actor: null, actorLabel: 'council sign-in', requestId: request.id },
        { action: 'sign-in-failed', subjectType: 'user', details: { method: 'oidc', reason } },
      );
      return refuse(reply, reason);
    }
    const label = `council sign-in for ${(identity.email ?? identity.subject).slice(0, 320)}`;
    const ctx = { actor: null, actorLabel: label, requestId: request.id };
    const match = await matchOidcUser(services.db, ctx, identity);
    if (match.outcome !== 'matched') {
      await audit(services.db, ctx, {
        action: 'sign-in-refused',
        subjectType: 'user',
        subjectId: 'user' in match ? match.user.id : null,
        details: { method: 'oidc', reason: match.outcome },
      });
      return refuse(reply, match.outcome);
    }
    return app.completeSignIn(
      request,
      reply,
      match.user.id,
      safeReturnTo(pending.returnTo),
      'council account',
    );
  });
}
