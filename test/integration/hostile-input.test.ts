/**
 * Hostile input to every form (issue 2, "Tests and CI"): fast-check posts random and hostile payloads
 * (missing fields, empty strings, 25,000-character strings, control characters and NUL bytes, script
 * tags, SQL-looking text, impossible dates, numbers, repeated fields, unknown extra fields, unicode)
 * to every POST route, with the form's own field names read from its page. The rules: never a 5xx;
 * a 400 always shows the GOV.UK error summary; what was typed is never echoed as markup; a refused
 * payload stores nothing (row counts of every table but audit_log, sessions and drafts); and a 303
 * (accepted) only for a payload that was not certainly invalid.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, describeEachDb, signInAll, EMAILS, type Agent, type TestApp } from '../helpers/app';
import { rows, toNumber } from '../../src/platform/db';
import { newTotpSecret } from '../../src/platform/auth/totp';
import { createSecurityFixture, fillRoute, routeIds, type SecurityFixture } from './security.fixture';
import { dateArbitrary, describePayload, extrasArbitrary, fieldArbitrary, judge, readForm, toForm, type FormRules, type FormShape, type Payload } from './hostile.forms';
import { FORMS, HOSTILE_USER, TOTP_USER, type FormSpec, type Poster } from './hostile.specs';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 15);
const NOT_COUNTED = new Set(['audit_log', 'sessions', 'drafts']);
const RAW_MARKUP = ['<script>alert(1)', '<img src=x onerror', '"><script'];
const SHOWS_SUMMARY = new Set([400, 401, 422, 423]);

describeEachDb('hostile input to every form', (kind) => {
  let t: TestApp;
  let agents: Record<string, Agent>;
  let tables: string[];
  let fx: SecurityFixture;

  beforeAll(async () => {
    t = await createTestApp(kind, { lockout: { attempts: 1_000_000, minutes: 1 } });
    fx = await createSecurityFixture(t);
    const ctx = { actor: null, actorLabel: 'test', requestId: null };
    const team = t.teams.get('Front Door and Assessment')!;
    await t.services.users.add(ctx, { ...HOSTILE_USER, name: 'Hostile Sign-in', role: 'social-worker', teamId: team });
    const totpUser = await t.services.users.add(ctx, { ...TOTP_USER, name: 'Hostile Two-factor', role: 'social-worker', teamId: team });
    await t.services.users.setTotpSecret(ctx, totpUser.id, newTotpSecret());
    agents = { ...(await signInAll(t)), anonymous: t.anonymous() };
    const pending = t.anonymous();
    const started = await pending.post('/sign-in', { email: TOTP_USER.email, password: TOTP_USER.password });
    if (started.headers.location !== '/sign-in/code') throw new Error('The two-factor user was not asked for a code');
    agents['pending-code'] = pending;
    const found = await rows<{ table_name: string }>(t.database.db, sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
    tables = found.map((r) => r.table_name).filter((name) => !NOT_COUNTED.has(name));
  });
  afterAll(() => t.close());

  /** Row counts of every table that must not change when a form is refused, in one query. */
  async function rowCounts(): Promise<Record<string, number>> {
    const union = sql.join(
      tables.map((name) => sql`SELECT ${name} AS name, count(*) AS n FROM ${sql.identifier(name)}`),
      sql` UNION ALL `,
    );
    const found = await rows<{ name: string; n: unknown }>(t.database.db, union);
    return Object.fromEntries(found.map((r) => [r.name, toNumber(r.n)]));
  }

  const agentFor = async (spec: FormSpec): Promise<Agent> => (spec.fresh && spec.as !== 'anonymous' && spec.as !== 'pending-code' ? t.signIn(EMAILS[spec.as as keyof typeof EMAILS]) : agents[spec.as as Poster]!);

  /** A redirect by the guard (to sign in, or to give a reason for a restricted record) is not an acceptance. */
  const guardRedirect = (res: LightMyRequestResponse) => /^\/sign-in\?returnTo=|^\/people\/[^/]+\/restricted\?returnTo=/.test(String(res.headers.location ?? ''));

  it('has a form description for every POST route (so a new form cannot skip this test)', () => {
    const posts = t.app.routeList.filter((r) => r.method === 'POST').map((r) => `POST ${r.url}`);
    // Autosave takes any fields by design, and removing a draft only names drafts (both tested below); signing out takes none (and would end the poster's session).
    expect(posts.filter((key) => !(key in FORMS) && key !== 'POST /drafts' && key !== 'POST /drafts/discard' && key !== 'POST /sign-out')).toEqual([]);
    expect(Object.keys(FORMS).filter((key) => !posts.includes(key))).toEqual([]);
  });

  it.each(Object.keys(FORMS))('%s', async (key) => {
    const spec = FORMS[key]!;
    const target = await spec.setup(t);
    const rules: FormRules = {
      required: [...(spec.required ?? []), ...(target.rules?.required ?? [])],
      valid: { ...spec.valid, ...target.rules?.valid },
      when: { ...spec.when, ...target.rules?.when },
    };
    let shape: FormShape = { fields: [], dates: [] };
    if (target.page) {
      const page = await (await agentFor(spec)).get(target.page);
      const read = readForm(page.body, target.form ?? target.url);
      if (!read) throw new Error(`${key}: no form posting to ${target.form ?? target.url} on ${target.page} (status ${page.statusCode})`);
      shape = read;
    }
    const validOf = (name: string): string => {
      const field = shape.fields.find((f) => f.name === name);
      const date = shape.dates.find((d) => d.name === name);
      if (field?.kind === 'hidden') return field.pageValue;
      if (date) return rules.valid?.[name] ?? (date.pageValue.every(Boolean) ? date.pageValue.join(' ') : '1 3 2025');
      return rules.valid?.[name] ?? (field?.pageValue || 'Example text');
    };
    const payloads = fc.record({
      fields: fc.record(Object.fromEntries(shape.fields.map((f) => [f.name, fieldArbitrary(f, validOf(f.name))]))),
      dates: fc.record(Object.fromEntries(shape.dates.map((d) => [d.name, dateArbitrary(validOf(d.name).split(' ') as [string, string, string])]))),
      extras: extrasArbitrary,
    }) as fc.Arbitrary<Payload>;

    let accepted = 0;
    const details = await fc.check(
      fc.asyncProperty(payloads, async (payload) => {
        const agent = await agentFor(spec);
        const before = await rowCounts();
        const res = await agent.post(target.url, toForm(payload));
        const broke = (rule: string) => {
          throw new Error(`${key} (${target.url}) ${rule}: answered ${res.statusCode} ${String(res.headers.location ?? '')}\npayload: ${describePayload(payload)}`);
        };
        if (res.statusCode >= 500) broke('must never answer with a server error');
        const raw = RAW_MARKUP.find((m) => res.body.includes(m));
        if (raw) broke(`echoed ${raw} without escaping it`);
        if (SHOWS_SUMMARY.has(res.statusCode) && !res.body.includes('govuk-error-summary')) broke('refused the form without a GOV.UK error summary');
        const acceptedIt = res.statusCode === 303 && !guardRedirect(res);
        if (!acceptedIt) {
          const after = await rowCounts();
          const changed = Object.keys(after).filter((name) => after[name] !== before[name] && !spec.keepsOnRefusal?.includes(name));
          if (changed.length > 0) broke(`refused the form but changed ${changed.map((n) => `${n} (${before[n]} → ${after[n]})`).join(', ')}`);
        } else {
          accepted += 1;
          const { verdict, why } = judge(payload, shape, rules, validOf);
          if (verdict === 'invalid') broke(`accepted a payload that is not valid (${why.join(', ')})`);
        }
      }),
      { numRuns: spec.runs ?? RUNS, endOnFailure: true, ...(process.env.HOSTILE_SEED ? { seed: Number(process.env.HOSTILE_SEED) } : {}) },
    );
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      expect.fail(`${error}\n(fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}"; rerun with HOSTILE_SEED=${details.seed})`);
    }
    if (process.env.HOSTILE_DEBUG) console.log(`${key}: ${accepted} of ${details.numRuns} accepted; fields ${shape.fields.map((f) => `${f.name}:${f.kind}`).join(' ')} dates ${shape.dates.map((d) => d.name).join(' ')}`);
  });

  const assessmentOf = (child: SecurityFixture['spare']) => `/people/${child.child.id}/assessments/${child.assessmentId}`;
  // Payloads that once broke a rule, tried every time (the properties above find them only by chance).
  type Form = Record<string, string | string[]>;
  const KNOWN_HOSTILE: [route: string, who: Poster, url: () => string, form: Form | (() => Form)][] = [
    ['POST /sign-in', 'anonymous', () => '/sign-in', { email: 'jo\u0000@example.org', password: 'a long sign-in passphrase' }],
    ['POST /account/two-factor', 'worker', () => '/account/two-factor', { code: '123456' }],
    ['POST /admin/users/new', 'admin', () => '/admin/users/new', { email: 'jo\u0000@example.org', name: 'Jo Example', role: 'qa', signIn: 'password', password: 'a long enough passphrase' }],
    ['POST /people/:personId/restriction', 'manager', () => `/people/${fx.spare.child.id}/restriction`, { restricted: 'yes', emails: `${EMAILS.worker}\u0000` }],
    ['POST /people/:personId/addresses', 'manager', () => `/people/${fx.spare.child.id}/addresses`, { addressLine1: '1 Road', addressPostcode: 'LS1 4AB', endPrevious: "' OR '1'='1" }],
    ['POST /people/:personId/assessments/:assessmentId/sections/voices', 'worker', () => `${assessmentOf(fx.spare)}/sections/voices`, { version: '2', 'adults-0-name': '<script>alert(1)</script>', 'adults-0-relationship': 'uncle', completed: 'ye\u202Es' }],
    ['POST /people/:personId/assessments/:assessmentId/sections/plan', 'worker', () => `${assessmentOf(fx.spare)}/sections/plan`, { version: '2', aims: ['Keep her safe', 'at home'], completed: 'no' }],
    ['POST /people/:personId/assessments/:assessmentId/sharing', 'worker', () => `${assessmentOf(fx.spare)}/sharing`, { audience: 'family', shared: 'no', notSharedReason: 'other', notSharedDetails: ['Mother is', 'in hospital'] }],
    ['POST /people/:personId/visits/new', 'worker', () => `/people/${fx.spare.child.id}/visits/new`, () => ({ 'visitDate-day': '1', 'visitDate-month': '3', 'visitDate-year': '2025', type: 'child-in-need', [`seen-${fx.spare.child.id}`]: 'alone', [`bedroom-${fx.spare.child.id}`]: 'yes', [`words-${fx.spare.child.id}`]: ['I am', 'fine'], analysis: 'Safe at home' })],
    ['POST /admin/plain-language', 'admin', () => '/admin/plain-language', { term: 'tampered box', kind: 'jargon', suggestion: 'Say it plainly', active: 'yes\u0000' }],
  ];
  it.each(KNOWN_HOSTILE)('refuses a known hostile payload to %s with a 400 and an error summary (case %#)', async (_route, who, url, form) => {
    const before = await rowCounts();
    const res = await agents[who]!.post(url(), typeof form === 'function' ? form() : form);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(RAW_MARKUP.filter((markup) => res.body.includes(markup))).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('never puts what was posted into the Location header unchecked', async () => {
    const res = await t.anonymous().post('/sign-in', { ...HOSTILE_USER, returnTo: '/\r\nSet-Cookie: x=1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).not.toContain('x=1');
  });

  it('never fails on hostile query strings, on every page', async () => {
    const ids = routeIds(fx, fx.target);
    const names = ['q', 'before', 'afterName', 'afterId', 'returnTo', 'pick', 'team', 'child', 'kind', 'personId', 'relatedId', 'from', 'done', 'resume', 'waiting', 'form'];
    const value = fc.oneof(fc.string({ maxLength: 30, unit: 'binary' }), fc.constantFrom('\u0000', '\r\n', '<script>alert(1)</script>', 'x'.repeat(3000), "' OR '1'='1", '2026-02-31_00000000-0000-0000-0000-000000000000', '//evil.example', '..%2F..%2F'));
    const query = fc.dictionary(fc.constantFrom(...names), fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })), { minKeys: 1, maxKeys: 4 });
    const pages = t.app.routeList.filter((r) => r.method === 'GET' && !r.url.includes('*') && r.url !== '/sign-out');
    const problems: string[] = [];
    for (const route of pages) {
      const agent = route.config.public ? agents.anonymous! : route.url.startsWith('/admin') ? agents.admin! : agents.manager!;
      const url = fillRoute(route.url, ids, randomUUID);
      await fc.assert(
        fc.asyncProperty(query, async (params) => {
          const search = new URLSearchParams();
          for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
          const res = await agent.get(`${url}?${search.toString()}`);
          if (res.statusCode >= 500 || res.body.includes('<script>alert(1)')) problems.push(`${res.statusCode} GET ${url}?${search.toString().slice(0, 200)}`);
        }),
        { numRuns: 6 },
      );
    }
    expect(problems).toEqual([]);
  });

  it('POST /drafts: keeps what autosave sends, whatever it is, and never fails', async () => {
    const agent = agents.worker!;
    const formKeys = fc.constantFrom('/people', '/contacts', '//evil.example', 'javascript:alert(1)', '/people/\u0000', `/${'x'.repeat(2000)}`, '');
    const body = fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), fc.constant('x'.repeat(10_000)), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })), { maxKeys: 8 });
    await fc.assert(
      fc.asyncProperty(formKeys, body, async (form, fields) => {
        const res = await agent.post(`/drafts?form=${encodeURIComponent(form)}`, fields);
        expect(res.statusCode, `${form} ${JSON.stringify(fields).slice(0, 300)}`).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('POST /drafts/discard: whatever it is sent, removes only the poster’s drafts it names and goes back only to a page of Hearth', async () => {
    const agent = agents.worker!;
    const keys = fc.constantFrom('/people', '//evil.example', 'javascript:alert(1)', '/people/\u0000', `/${'x'.repeat(2000)}`, '');
    const value = fc.oneof(keys, fc.array(keys, { maxLength: 8 }), fc.string({ maxLength: 50, unit: 'binary' }));
    await fc.assert(
      fc.asyncProperty(value, value, async (form, returnTo) => {
        const res = await agent.post('/drafts/discard', { form: form as string | string[], returnTo: Array.isArray(returnTo) ? returnTo : String(returnTo) });
        expect(res.statusCode, `${JSON.stringify(form).slice(0, 200)} ${JSON.stringify(returnTo).slice(0, 200)}`).toBe(303);
        expect(String(res.headers.location)).toMatch(/^\/(?!\/)/);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
