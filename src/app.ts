import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config } from './config';
import type { Services } from './services';
import { ROLE_LABELS } from './domain/roles';
import { audit } from './platform/audit';
import { queryCounter, type QueryStore } from './platform/db';
import { can, checkPerson } from './platform/access';
import { loggerOptions } from './platform/logger';
import { navigationFor } from './platform/navigation';
import { draftsShownOn } from './platform/http';
import { createViews } from './platform/views';
import { featureRoutes } from './features';
import './platform/types';

const root = process.cwd();

export type RouteInfo = { method: string; url: string; config: { public?: boolean; action?: string; personParam?: string } };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, as registered: the authorisation test walks this list. */
    routeList: RouteInfo[];
  }
}

/** Builds the app as an ordered list of small steps, security first. Nothing here listens on a port. */
export async function buildApp(config: Config, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: config.env === 'production',
    routerOptions: { ignoreTrailingSlash: true },
  });
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routeList.push({ method: String(method), url: route.url, config: (route.config ?? {}) as RouteInfo['config'] });
  });
  setUpQueryCounting(app, config);
  await setUpSecurityHeaders(app);
  await setUpRequestParsing(app);
  await setUpStaticAssets(app);
  setUpViews(app, config);
  setUpSessions(app, services);
  setUpCsrf(app);
  await setUpRateLimit(app);
  setUpGuard(app, services);
  setUpErrors(app);
  for (const register of featureRoutes) await register(app, services);
  return app;
}

/**
 * Outside production, counts every query a request issues and says how many in an `x-hearth-queries`
 * header (less the session's own upkeep, which comes and goes with the clock): tests assert that a page issues the same number whatever the size of a family or caseload.
 * A request sent with `x-hearth-capture-queries: 1` also keeps the statements (the benchmark replays
 * them as bare SQL). The store is entered in the very first hook, synchronously, so every later hook,
 * the handler and their promises run inside it.
 */
function setUpQueryCounting(app: FastifyInstance, config: Config): void {
  app.decorateRequest('queries', null);
  if (config.env === 'production') return;
  app.addHook('onRequest', (request, _reply, done) => {
    const store: QueryStore = { count: 0, upkeep: 0 };
    if (request.headers['x-hearth-capture-queries'] === '1') store.captured = [];
    request.queries = store;
    queryCounter.enterWith(store);
    done();
  });
  app.addHook('onSend', (request, reply, _payload, done) => {
    // The session's upkeep is left out: it depends on the clock, not on the page.
    if (request.queries) reply.header('x-hearth-queries', String(request.queries.count - request.queries.upkeep));
    done();
  });
}

/** Browser features denied to every page (helmet does not set this header). */
export const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'bluetooth', 'camera', 'display-capture', 'encrypted-media', 'geolocation',
  'gyroscope', 'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi', 'payment',
  'picture-in-picture', 'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).join(', ');

async function setUpSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    // Hearth uses none of these browser features: no page, and nothing framed or injected, may ask for them.
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // Pages about children must never be kept in a shared or browser cache.
    if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

async function setUpRequestParsing(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1_048_576 });
}

async function setUpStaticAssets(app: FastifyInstance): Promise<void> {
  const cached = (reply: FastifyReply) => {
    reply.header('cache-control', 'public, max-age=86400');
  };
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'),
    prefix: '/assets/',
    setHeaders: cached,
  });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/@ministryofjustice/frontend/moj/assets'),
    prefix: '/moj/assets/',
    decorateReply: false,
    setHeaders: cached,
  });
  await app.register(fastifyStatic, {
    root: [path.join(root, 'node_modules/govuk-frontend/dist/govuk'), path.join(root, 'node_modules/@ministryofjustice/frontend/moj')],
    prefix: '/stylesheets/',
    decorateReply: false,
    allowedPath: (pathName) => pathName.endsWith('.min.css'),
    setHeaders: cached,
  });
  await app.register(fastifyStatic, {
    root: [path.join(root, 'node_modules/govuk-frontend/dist/govuk'), path.join(root, 'node_modules/@ministryofjustice/frontend/moj')],
    prefix: '/javascripts/',
    decorateReply: false,
    allowedPath: (pathName) => pathName.endsWith('.min.js'),
    setHeaders: cached,
  });
  await app.register(fastifyStatic, { root: path.join(root, 'public'), prefix: '/public/', decorateReply: false, setHeaders: cached });
}

function setUpViews(app: FastifyInstance, config: Config): void {
  const views = createViews();
  app.decorateReply('page', function (this: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    const request = this.request;
    const actor = request.actor;
    const html = views.render(template, {
      ...data,
      actor,
      roleLabel: actor ? ROLE_LABELS[actor.role] : '',
      navigation: navigationFor(actor, request.url.split('?')[0] ?? '/'),
      /** This page's address, for a form that comes back to it (partials/draft-kept.njk). */
      pagePath: request.url.split('?')[0] ?? '/',
      keptDrafts: draftsShownOn(request),
      csrfToken: this.generateCsrf(),
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script ?? '',
      version: config.version,
      demo: config.env !== 'production',
    });
    return this.code(status).type('text/html; charset=utf-8').send(html);
  });
}

function setUpSessions(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('expiredUserId', null);
  app.addHook('onRequest', async (request) => {
    if (isAssetPath(request.url)) return;
    const loaded = await services.sessions.load(request);
    request.session = loaded.session;
    request.actor = loaded.actor;
    request.expiredUserId = loaded.expiredUserId;
  });
}

function setUpCsrf(app: FastifyInstance): void {
  void app.register(csrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false } });
  app.after(() => {
    app.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
      app.csrfProtection(request, reply, done);
    });
  });
}

async function setUpRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/** The one gate every route passes: signed in, allowed this action, allowed to see this person. */
function setUpGuard(app: FastifyInstance, services: Services): void {
  app.addHook('preHandler', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    if (!request.routeOptions.url || routeConfig.public || isAssetPath(request.url)) return;
    const actor = request.actor;
    if (!actor) return signInFirst(app, services, request, reply);
    const ctx = { actor, requestId: request.id };
    if (routeConfig.action && !can(actor, routeConfig.action)) {
      await audit(services.db, ctx, { action: 'access-refused', subjectType: 'route', subjectId: request.routeOptions.url, details: { method: request.method, need: routeConfig.action } });
      return reply.page('errors/forbidden.njk', { title: 'You do not have access to this page' }, 403);
    }
    if (routeConfig.personParam) {
      const personId = (request.params as Record<string, string>)[routeConfig.personParam] ?? '';
      const access = await checkPerson(services.db, actor, personId);
      if (access.outcome === 'not-found') return reply.callNotFound();
      if (access.outcome === 'denied') {
        await audit(services.db, ctx, { action: 'access-refused', subjectType: 'person', subjectId: personId, childId: personId, details: { method: request.method, route: request.routeOptions.url } });
        return reply.page('errors/forbidden.njk', { title: 'You do not have access to this record' }, 403);
      }
      if (access.outcome === 'merged') {
        if (request.method !== 'GET') return reply.page('errors/merged.njk', { title: 'This record was merged', mergedInto: access.mergedInto }, 409);
        return reply.redirect(request.url.replace(personId, access.mergedInto), 303);
      }
      if (access.restricted && !request.session?.data.restrictedReasons?.[personId]) {
        return reply.redirect(`/people/${personId}/restricted?returnTo=${encodeURIComponent(pathOf(request))}`, 303);
      }
    }
  });
}

/**
 * Someone not signed in (or whose session timed out) is sent to sign in, and back afterwards. What
 * they had typed into a form is kept as a draft first, under the key the form's page reads, and they
 * come back to that page: for a form that posts somewhere else (POST /people from /people/new) the
 * route names its page in `formPage`. An autosave that arrives after the timeout is kept too, and
 * answered 401 so the page can say so rather than claim it saved.
 */
async function signInFirst(app: FastifyInstance, services: Services, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const routeUrl = request.routeOptions.url ?? '';
  const autosave = routeUrl === '/drafts';
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : null;
  let kept = false;
  if (request.method === 'POST' && request.expiredUserId && body) {
    const formKey = autosave ? safeReturnTo((request.query as { form?: unknown }).form) : pathOf(request).split('?')[0]!;
    if (formKey !== '/') kept = await services.drafts.save(request.expiredUserId, formKey, body);
  }
  if (autosave) return reply.code(401).send({ saved: kept, signedOut: true });
  let returnTo = pathOf(request);
  if (request.method !== 'GET') {
    const formPage = request.routeOptions.config.formPage;
    const params = (request.params ?? {}) as Record<string, string>;
    if (formPage) returnTo = safeReturnTo(formPage.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '')));
    else if (!app.hasRoute({ method: 'GET', url: routeUrl })) returnTo = '/';
  }
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
}

function setUpErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    return reply.page('errors/not-found.njk', { title: 'Page not found' }, 404);
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return reply.page('errors/form-expired.njk', { title: 'This form has expired', returnTo: pathOf(request) }, 403);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    if (status === 429) return reply.page('errors/too-many.njk', { title: 'Too many attempts' }, 429);
    if (status === 413) return reply.page('errors/bad-request.njk', { title: 'What you sent was too large' }, 413);
    if (status < 500) return reply.page('errors/bad-request.njk', { title: 'Something in that request was not right' }, status);
    return reply.page('errors/server-error.njk', { title: 'Sorry, there is a problem with the service' }, 500);
  });
}

const ASSET_PREFIXES = ['/assets/', '/moj/assets/', '/public/', '/stylesheets/', '/javascripts/'];
function isAssetPath(url: string): boolean {
  return ASSET_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** The local path (and query) of a request, safe to use as a return address. */
export function pathOf(request: FastifyRequest): string {
  return safeReturnTo(request.url);
}

export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  // A local address is printable ASCII (browsers percent-encode the rest): anything else could split or break the Location header.
  if (/[^\x21-\x7e]/.test(value)) return '/';
  return value.slice(0, 500);
}
