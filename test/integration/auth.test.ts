import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, DEMO_PASSWORD, type TestApp } from '../helpers/app';
import { currentTotp, newTotpSecret } from '../../src/platform/auth/totp';
import { rows } from '../../src/platform/db';
import { buildApp } from '../../src/app';
import { createServices } from '../../src/services';

describeEachDb('signing in and out', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { lockout: { attempts: 3, minutes: 15 } });
  });
  afterAll(() => t.close());

  it('answers /health without signing in and without personal data', async () => {
    const res = await t.anonymous().get('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind, version: t.config.version });
  });

  it('sends someone who is not signed in to the sign-in page, and back afterwards', async () => {
    const agent = t.anonymous();
    const res = await agent.get('/account/two-factor');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Faccount%2Ftwo-factor');
    const signedIn = await agent.post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD, returnTo: '/account/two-factor' });
    expect(signedIn.headers.location).toBe('/account/two-factor');
  });

  it('never redirects to another site after signing in', async () => {
    const agent = t.anonymous();
    const res = await agent.post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD, returnTo: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('shows the GOV.UK error summary for missing and wrong details', async () => {
    const agent = t.anonymous();
    const empty = await agent.post('/sign-in', { email: '', password: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('Enter your email address');
    const wrong = await agent.post('/sign-in', { email: EMAILS.qa, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Enter a correct email address and password');
  });

  it('refuses a form without a CSRF token', async () => {
    const res = await t.anonymous().post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form has expired');
  });

  it('sets strict security headers with a nonce', async () => {
    const res = await t.anonymous().get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    // Browser features Hearth never uses are denied to every page and to everything it serves.
    const policy = String(res.headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth'])
      expect(policy).toContain(`${feature}=()`);
    expect(policy).not.toMatch(/=\((?!\))/);
    const asset = await t.anonymous().get('/assets/images/favicon.ico');
    expect(asset.headers['permissions-policy']).toBe(policy);
    const nonce = /nonce-([0-9a-f]+)/.exec(csp)?.[1];
    expect(res.body).toContain(`nonce="${nonce}"`);
  });

  it('locks an account after repeated wrong passwords, and audits it', async () => {
    const agent = t.anonymous();
    for (let i = 0; i < 3; i += 1) await agent.post('/sign-in', { email: EMAILS['cp-chair'], password: 'wrong password' });
    const locked = await agent.post('/sign-in', { email: EMAILS['cp-chair'], password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toContain('This account is locked');
    const audit = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE subject_id = ${t.users.get(EMAILS['cp-chair'])!} AND action <> 'user-added' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['sign-in-failed', 'sign-in-failed', 'account-locked', 'sign-in-refused-locked']);
  });

  it('asks for a second factor when one is set up', async () => {
    const userId = t.users.get(EMAILS.qa)!;
    const secret = newTotpSecret();
    await t.services.users.setTotpSecret({ actor: null, requestId: null }, userId, secret);
    const agent = t.anonymous();
    const first = await agent.post('/sign-in', { email: EMAILS.qa, password: DEMO_PASSWORD });
    expect(first.headers.location).toBe('/sign-in/code');
    expect((await agent.get('/')).statusCode).toBe(303);
    const bad = await agent.post('/sign-in/code', { code: '000000' === (await currentTotp(secret)) ? '111111' : '000000' });
    expect(bad.statusCode).toBe(401);
    const code = await currentTotp(secret);
    const good = await agent.post('/sign-in/code', { code });
    expect(good.headers.location).toBe('/');
    expect((await agent.get('/')).statusCode).toBe(200);
    // The same code cannot be used again, by anyone (seen over a shoulder, or a request replayed).
    const again = t.anonymous();
    expect((await again.post('/sign-in', { email: EMAILS.qa, password: DEMO_PASSWORD })).headers.location).toBe('/sign-in/code');
    expect((await again.post('/sign-in/code', { code })).statusCode).toBe(401);
    await t.database.db.execute(sql`UPDATE users SET failed_attempts = 0 WHERE id = ${userId}`);
    await t.services.users.setTotpSecret({ actor: null, requestId: null }, userId, null);
  });

  it('keeps the authenticator key encrypted in the database, bound to its account, and seals a key stored before encryption', async () => {
    const qa = t.users.get(EMAILS.qa)!;
    const chair = t.users.get(EMAILS['cp-chair'])!;
    const stored = async (id: string) => (await rows<{ totp_secret: string | null }>(t.database.db, sql`SELECT totp_secret FROM users WHERE id = ${id}`))[0]!.totp_secret;
    const secret = newTotpSecret();
    await t.services.users.setTotpSecret({ actor: null, requestId: null }, qa, secret);
    const sealed = await stored(qa);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret);

    // The sealed key copied onto another account does not open there: that account cannot pass its second step with it.
    await t.database.db.execute(sql`UPDATE users SET totp_secret = ${sealed}, failed_attempts = 0, locked_until = NULL WHERE id = ${chair}`);
    const moved = t.anonymous();
    expect((await moved.post('/sign-in', { email: EMAILS['cp-chair'], password: DEMO_PASSWORD })).headers.location).toBe('/sign-in/code');
    expect((await moved.post('/sign-in/code', { code: await currentTotp(secret) })).statusCode).toBe(401);
    await t.database.db.execute(sql`UPDATE users SET totp_secret = NULL, failed_attempts = 0, locked_until = NULL WHERE id = ${chair}`);

    // A key written in plain text before keys were encrypted still works once, and is sealed as it is used.
    await t.database.db.execute(sql`UPDATE users SET totp_secret = ${secret} WHERE id = ${qa}`);
    const agent = t.anonymous();
    await agent.post('/sign-in', { email: EMAILS.qa, password: DEMO_PASSWORD });
    expect((await agent.post('/sign-in/code', { code: await currentTotp(secret) })).headers.location).toBe('/');
    const resealed = await stored(qa);
    expect(resealed).toMatch(/^v1\./);
    expect(t.services.users.totpSecretOf({ id: qa, totpSecret: resealed })).toBe(secret);
    await t.services.users.setTotpSecret({ actor: null, requestId: null }, qa, null);
  });

  it('keeps sessions in the database, so they survive a restart, and ends them on sign-out', async () => {
    const agent = await t.signIn(EMAILS.worker);
    const stored = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${t.users.get(EMAILS.worker)!}`);
    expect(stored[0]!.n).toBeGreaterThan(0);
    expect((await agent.get('/')).statusCode).toBe(200);
    // A second instance of Hearth (a restart, or another server behind the load balancer) knows the session.
    const restarted = await buildApp(t.config, createServices(t.database, t.config));
    try {
      const res = await restarted.inject({ method: 'GET', url: '/caseload', cookies: agent.cookies });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Sam');
    } finally {
      await restarted.close();
    }
    // Signing out is a form: the address alone only asks.
    expect((await agent.get('/sign-out')).body).toContain('Sign out of Hearth');
    expect((await agent.get('/')).statusCode).toBe(200);
    await agent.post('/sign-out', {});
    expect((await agent.get('/')).statusCode).toBe(303);
  });

  it('ends a session after the idle time', async () => {
    const agent = await t.signIn(EMAILS.worker2);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${t.users.get(EMAILS.worker2)!}`);
    const res = await agent.get('/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/sign-in');
  });

  it('refuses a disabled account', async () => {
    const id = t.users.get(EMAILS['early-help'])!;
    await t.services.users.setActive({ actor: null, requestId: null }, id, false);
    const res = await t.anonymous().post('/sign-in', { email: EMAILS['early-help'], password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(401);
    await t.services.users.setActive({ actor: null, requestId: null }, id, true);
  });
});

describeEachDb('the sign-in rate limit', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { signInLimitPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('refuses more sign-in attempts than the limit from one address in a minute, with a page that says so', async () => {
    const agent = t.anonymous();
    for (let i = 0; i < 3; i++) expect((await agent.post('/sign-in', { email: `nobody${i}@example.org`, password: 'wrong-password' })).statusCode).toBe(401);
    const refused = await agent.post('/sign-in', { email: EMAILS.worker, password: DEMO_PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many attempts');
    expect(refused.headers['set-cookie'] ?? '').not.toContain('hearth_session=');
  });
});
