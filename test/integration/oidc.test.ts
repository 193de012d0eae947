import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDb, EMAILS, bodyText, type Agent, type TestApp } from '../helpers/app';
import { rows } from '../../src/platform/db';
import { allowsInsecureIssuer } from '../../src/platform/auth/oidc';

const REDIRECT_URI = 'http://localhost:3000/sign-in/oidc/callback';
const CLIENT = { clientId: 'hearth-test', clientSecret: 'a-long-client-secret-for-tests-only-0123456789' };

/** The people the test identity provider knows, by the login typed into its form. */
const ACCOUNTS: Record<string, { email: string; verified: boolean }> = {
  sam: { email: EMAILS.worker, verified: true },
  stranger: { email: 'not.in.hearth@council.example', verified: true },
  unverified: { email: EMAILS.qa, verified: false },
  disabled: { email: EMAILS['early-help'], verified: true },
};

let server: http.Server;
let issuer: string;

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['cookie-key-for-tests-only'] },
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.verified, name: id }),
      };
    },
  });
  server.on('request', provider.callback());
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A browser at the identity provider: keeps its cookies, follows redirects, fills in its forms. */
async function signInAtProvider(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step += 1) {
    if (url.startsWith(REDIRECT_URI)) return new URL(url);
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`The identity provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'anything');
    }
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    method = 'POST';
    body = form.toString();
  }
  throw new Error('The identity provider never sent the browser back to Hearth');
}

/** Hearth's side: start, go through the provider, come back. Returns the callback's answer. */
async function signInWithCouncilAccount(agent: Agent, login: string, tamper?: (callback: URL) => void) {
  const start = await agent.get('/sign-in/oidc?returnTo=%2Faccount%2Ftwo-factor');
  expect(start.statusCode).toBe(303);
  const authorize = new URL(String(start.headers.location));
  expect(authorize.origin).toBe(issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const callback = await signInAtProvider(authorize.href, login);
  tamper?.(callback);
  return agent.get(`${callback.pathname}${callback.search}`);
}

describe('council sign-in settings', () => {
  it('allows plain HTTP to the provider only in tests or on this machine, never in production', () => {
    expect(allowsInsecureIssuer('test', 'http://idp.internal')).toBe(true);
    expect(allowsInsecureIssuer('development', 'http://127.0.0.1:9000')).toBe(true);
    expect(allowsInsecureIssuer('development', 'http://localhost:9000')).toBe(true);
    expect(allowsInsecureIssuer('development', 'http://idp.council.example')).toBe(false);
    expect(allowsInsecureIssuer('production', 'http://127.0.0.1:9000')).toBe(false);
    expect(allowsInsecureIssuer('production', 'https://login.council.example')).toBe(false);
  });
});

describeEachDb('signing in with a council account (OpenID Connect)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, {
      oidc: { issuer, ...CLIENT, redirectUri: REDIRECT_URI, label: 'Sign in with your council account' },
    });
  });
  afterAll(() => t.close());

  const userCount = async () =>
    (await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM users`))[0]!.n;

  it('shows the council sign-in button on the sign-in page', async () => {
    const res = await t.anonymous().get('/sign-in?returnTo=%2Fsearch');
    expect(res.body).toContain('href="/sign-in/oidc?returnTo=%2Fsearch"');
    expect(res.body).toContain('Sign in with your council account');
  });

  it('signs in a known person by their verified email the first time, then by their subject', async () => {
    const agent = t.anonymous();
    const res = await signInWithCouncilAccount(agent, 'sam');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account/two-factor');
    expect((await agent.get('/')).statusCode).toBe(200);
    const userId = t.users.get(EMAILS.worker)!;
    const stored = await t.services.users.repo.findById(userId);
    expect(stored?.oidcSubject).toBe('sam');
    const audit = await rows<{ action: string; details: { method?: string } }>(
      t.database.db,
      sql`SELECT action, details FROM audit_log WHERE subject_id = ${userId} AND action IN ('council-account-linked', 'signed-in') ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'council-account-linked', details: { method: 'oidc' } },
      { action: 'signed-in', details: { method: 'council account' } },
    ]);
    // Later the email address at the provider changes: the stored subject still finds the account.
    ACCOUNTS.sam = { email: 'sam.okafor.new@council.example', verified: true };
    const again = t.anonymous();
    expect((await signInWithCouncilAccount(again, 'sam')).statusCode).toBe(303);
    expect((await again.get('/')).statusCode).toBe(200);
    ACCOUNTS.sam = { email: EMAILS.worker, verified: true };
  });

  it('sends someone already signed in home from a link to council sign-in, still signed in', async () => {
    const viaCouncil = t.anonymous();
    expect((await signInWithCouncilAccount(viaCouncil, 'sam')).statusCode).toBe(303);
    for (const agent of [viaCouncil, await t.signIn(EMAILS.qa)]) {
      const cookies = { ...agent.cookies };
      const res = await agent.get('/sign-in/oidc?returnTo=%2Fsearch');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
      expect(agent.cookies).toEqual(cookies);
      expect((await agent.get('/')).statusCode).toBe(200);
    }
  });

  it('refuses someone with no Hearth account, and creates none', async () => {
    const before = await userCount();
    const agent = t.anonymous();
    const res = await signInWithCouncilAccount(agent, 'stranger');
    expect(res.statusCode).toBe(403);
    expect(bodyText(res.body)).toContain('You do not have a Hearth account');
    expect(bodyText(res.body)).toContain('ask your Hearth administrator to add you');
    expect(await userCount()).toBe(before);
    expect((await agent.get('/')).statusCode).toBe(303);
    const audit = await rows<{ actor_label: string; details: { reason?: string } }>(
      t.database.db,
      sql`SELECT actor_label, details FROM audit_log WHERE action = 'sign-in-refused' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0]).toEqual({
      actor_label: 'council sign-in for not.in.hearth@council.example',
      details: { method: 'oidc', reason: 'unknown' },
    });
  });

  it('does not match an account by an email address the provider has not verified', async () => {
    const res = await signInWithCouncilAccount(t.anonymous(), 'unverified');
    expect(res.statusCode).toBe(403);
    expect(bodyText(res.body)).toContain('You do not have a Hearth account');
    expect((await t.services.users.repo.findByEmail(EMAILS.qa))?.oidcSubject).toBeNull();
  });

  it('refuses a switched-off account', async () => {
    const id = t.users.get(EMAILS['early-help'])!;
    await t.services.users.setActive({ actor: null, requestId: null }, id, false);
    const agent = t.anonymous();
    const res = await signInWithCouncilAccount(agent, 'disabled');
    expect(res.statusCode).toBe(403);
    expect(bodyText(res.body)).toContain('Your Hearth account is switched off');
    expect((await agent.get('/')).statusCode).toBe(303);
    await t.services.users.setActive({ actor: null, requestId: null }, id, true);
  });

  it('refuses an answer whose state does not match this sign-in', async () => {
    const agent = t.anonymous();
    const res = await signInWithCouncilAccount(agent, 'sam', (callback) =>
      callback.searchParams.set('state', 'forged-state'),
    );
    expect(res.statusCode).toBe(400);
    expect(bodyText(res.body)).toContain('Sign-in could not be checked');
    expect((await agent.get('/')).statusCode).toBe(303);
  });

  it('refuses an answer that arrives in a browser that did not start the sign-in', async () => {
    const starter = t.anonymous();
    const start = await starter.get('/sign-in/oidc');
    const callback = await signInAtProvider(String(start.headers.location), 'sam');
    const other = t.anonymous();
    const res = await other.get(`${callback.pathname}${callback.search}`);
    expect(res.statusCode).toBe(400);
    expect(bodyText(res.body)).toContain('Your sign-in took too long');
    // The browser that started can still finish, once: replaying the same answer is refused.
    expect((await starter.get(`${callback.pathname}${callback.search}`)).statusCode).toBe(303);
    expect((await starter.get(`${callback.pathname}${callback.search}`)).statusCode).toBe(400);
  });

  it('explains when the person cancels at the provider', async () => {
    const agent = t.anonymous();
    const start = await agent.get('/sign-in/oidc');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const res = await agent.get(
      `/sign-in/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    expect(res.statusCode).toBe(403);
    expect(bodyText(res.body)).toContain('You did not finish signing in');
  });
});

describeEachDb('council sign-in when it is not set up', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('shows no council button and has no council sign-in routes', async () => {
    expect((await t.anonymous().get('/sign-in')).body).not.toContain('/sign-in/oidc');
    expect((await t.anonymous().get('/sign-in/oidc')).statusCode).toBe(404);
  });
});
