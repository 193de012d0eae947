import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bodyText,
  createTestApp,
  describeEachDb,
  DEMO_PASSWORD,
  EMAILS,
  randomSuffix,
  signInAll,
  type Agent,
  type TestApp,
} from '../helpers/app';
import { rows } from '../../src/platform/db';

const NEW_PASSWORD = 'correct horse battery staple';

describeEachDb('administrators manage users', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind, { lockout: { attempts: 3, minutes: 15 } });
    as = await signInAll(t);
    admin = as.admin;
  });
  afterAll(() => t.close());

  const auditFor = (subjectId: string) =>
    rows<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT action, actor_id, details FROM audit_log WHERE subject_id = ${subjectId} ORDER BY seq`,
    );
  const editForm = async (userId: string) => {
    const page = await admin.get(`/admin/users/${userId}/edit`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    return { page, version };
  };

  it('lists every user with their role, team, and sign-in state', async () => {
    const res = await admin.get('/admin/users');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Sam Okafor');
    expect(text).toContain('Front Door and Assessment');
    expect(text).toContain('Partner agency professional');
    expect(text).toContain('Police');
    const search = await admin.get('/admin/users?q=okafor');
    expect(bodyText(search.body)).toContain('Sam Okafor');
    expect(bodyText(search.body)).not.toContain('Priya Shah');
  });

  it('refuses every administrator page to every other role, and logs the refusal', async () => {
    const someone = t.users.get(EMAILS.worker)!;
    const gets = [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${someone}/edit`,
      `/admin/users/${someone}/reset-password`,
      '/admin/teams',
      '/admin/teams/new',
    ];
    const posts = [
      '/admin/users/new',
      `/admin/users/${someone}/edit`,
      `/admin/users/${someone}/reset-password`,
      `/admin/users/${someone}/unlock`,
      '/admin/teams/new',
    ];
    for (const role of ['worker', 'early-help', 'manager', 'partner', 'cp-chair', 'qa'] as const) {
      for (const url of gets) expect((await as[role].get(url)).statusCode, `${role} GET ${url}`).toBe(403);
      for (const url of posts)
        expect(
          (await as[role].post(url, { name: 'x', password: NEW_PASSWORD })).statusCode,
          `${role} POST ${url}`,
        ).toBe(403);
    }
    const refused = await rows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access-refused' AND subject_type = 'route' AND subject_id LIKE '/admin/%'`,
    );
    expect(refused[0]!.n).toBeGreaterThanOrEqual(6 * (gets.length + posts.length));
    const anonymous = await t.anonymous().get('/admin/users');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fusers');
  });

  it('adds a user with a first password, who can then sign in', async () => {
    const email = `new.worker.${randomSuffix()}@council.example`;
    const res = await admin.post('/admin/users/new', {
      email,
      name: 'Nia Worker',
      role: 'social-worker',
      team: t.teams.get('Children in Need North'),
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    const created = await t.services.users.repo.findByEmail(email);
    expect(created).toMatchObject({
      name: 'Nia Worker',
      role: 'social-worker',
      teamId: t.teams.get('Children in Need North'),
      isDemo: false,
      active: true,
    });
    expect(res.headers.location).toBe(`/admin/users/${created!.id}/edit?done=added`);
    expect(bodyText((await admin.get(String(res.headers.location))).body)).toContain('The user was added');
    expect((await auditFor(created!.id))[0]).toMatchObject({
      action: 'user-added',
      actor_id: t.users.get(EMAILS.admin),
    });
    expect((await t.anonymous().post('/sign-in', { email, password: NEW_PASSWORD })).statusCode).toBe(303);
  });

  it('adds a partner agency professional with their agency and no team', async () => {
    const email = `partner.${randomSuffix()}@health.example`;
    const missing = await admin.post('/admin/users/new', {
      email,
      name: 'Hana Visitor',
      role: 'partner',
      team: t.teams.get('Early Help East'),
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#agency"');
    expect(missing.body).toContain('href="#team"');
    const ok = await admin.post('/admin/users/new', {
      email,
      name: 'Hana Visitor',
      role: 'partner',
      team: '',
      agency: 'Health visiting',
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(303);
    expect(await t.services.users.repo.findByEmail(email)).toMatchObject({
      role: 'partner',
      agency: 'Health visiting',
      teamId: null,
    });
  });

  it('shows GOV.UK errors for missing, wrong and hostile input, keeps what was typed, and stores nothing', async () => {
    const before = (await t.services.users.repo.list()).length;
    const empty = await admin.post('/admin/users/new', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    for (const [field, message] of [
      ['email', 'Enter their email address'],
      ['name', 'Enter their full name'],
      ['role', 'Select a role'],
      ['signIn', 'Select how they will sign in'],
    ]) {
      expect(empty.body).toContain(`href="#${field}"`);
      expect(empty.body).toContain(message);
      expect(empty.body).toMatch(new RegExp(`id="${field}"`));
    }
    const hostile = await admin.post('/admin/users/new', {
      email: ['a@b.example', 'c@d.example'],
      name: '<script>alert(1)</script>\u0007',
      role: 'superuser',
      team: 'x'.repeat(5000),
      agency: 'y'.repeat(10_000),
      signIn: 'password',
      password: 'short',
    });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    expect(hostile.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.body).toContain('Enter a password of at least 12 characters');
    const duplicate = await admin.post('/admin/users/new', {
      email: EMAILS.worker.toUpperCase(),
      name: 'Copy',
      role: 'qa',
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('An account with this email address already exists');
    expect(duplicate.body).toContain('value="Copy"');
    const noTeam = await admin.post('/admin/users/new', {
      email: `nt.${randomSuffix()}@council.example`,
      name: 'No Team',
      role: 'team-manager',
      team: '',
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(bodyText(noTeam.body)).toContain('Select a team: a team manager must belong to one');
    const unknownTeam = await admin.post('/admin/users/new', {
      email: `ut.${randomSuffix()}@council.example`,
      name: 'Lost',
      role: 'qa',
      team: '00000000-0000-4000-8000-000000000000',
      signIn: 'password',
      password: NEW_PASSWORD,
    });
    expect(bodyText(unknownTeam.body)).toContain('Select a team from the list');
    const council = await admin.post('/admin/users/new', {
      email: `c.${randomSuffix()}@council.example`,
      name: 'Council Only',
      role: 'qa',
      signIn: 'council',
    });
    expect(bodyText(council.body)).toContain('Council sign-in is not set up for Hearth yet');
    expect((await t.services.users.repo.list()).length).toBe(before);
  });

  it('changes a role and team, audits what changed, and refuses a stale save with both versions shown', async () => {
    const userId = t.users.get(EMAILS.worker2)!;
    const { version } = await editForm(userId);
    const mine = {
      name: 'Priya Shah',
      role: 'team-manager',
      team: t.teams.get('Children in Need North'),
      agency: '',
      active: 'yes',
      version,
    };
    const saved = await admin.post(`/admin/users/${userId}/edit`, mine);
    expect(saved.statusCode).toBe(303);
    expect(await t.services.users.repo.findById(userId)).toMatchObject({ role: 'team-manager' });
    const changed = (await auditFor(userId)).filter((a) => a.action === 'user-changed');
    expect(changed.at(-1)?.details).toEqual({
      changed: { role: { from: 'social-worker', to: 'team-manager' } },
    });
    const stale = await admin.post(`/admin/users/${userId}/edit`, { ...mine, role: 'qa', team: '' });
    expect(stale.statusCode).toBe(409);
    const text = bodyText(stale.body);
    expect(text).toContain('Someone else changed this account while you were editing it');
    expect(text).toContain('Team manager');
    expect(text).toContain('Quality assurance or senior leader');
    expect(await t.services.users.repo.findById(userId)).toMatchObject({ role: 'team-manager' });
    const currentVersion = /name="version" value="(\d+)"/.exec(stale.body)?.[1];
    const chosen = await admin.post(`/admin/users/${userId}/edit`, {
      ...mine,
      role: 'social-worker',
      version: currentVersion,
    });
    expect(chosen.statusCode).toBe(303);
    expect(await t.services.users.repo.findById(userId)).toMatchObject({ role: 'social-worker' });
  });

  it('answers 404 for accounts that do not exist, and never a 500 for hostile changes', async () => {
    for (const url of [
      '/admin/users/not-an-id/edit',
      '/admin/users/00000000-0000-4000-8000-000000000000/edit',
      '/admin/users/00000000-0000-4000-8000-000000000000/reset-password',
    ]) {
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
    expect(
      (await admin.post('/admin/users/00000000-0000-4000-8000-000000000000/unlock', {})).statusCode,
    ).toBe(404);
    const userId = t.users.get(EMAILS.worker)!;
    const hostile = await admin.post(`/admin/users/${userId}/edit`, {
      name: ['a', 'b'],
      role: 'x'.repeat(3000),
      team: '../../etc',
      active: 'maybe',
      version: '1e99',
    });
    expect(hostile.statusCode).toBe(400);
    for (const field of ['name', 'role', 'active']) expect(hostile.body).toContain(`href="#${field}"`);
    const reset = await admin.post(`/admin/users/${userId}/reset-password`, {
      password: ['one long password', 'two long passwords'],
      removeSecondFactor: '<b>',
    });
    expect(reset.statusCode).toBe(400);
    expect(await t.services.users.repo.findById(userId)).toMatchObject({
      role: 'social-worker',
      name: 'Sam Okafor',
    });
  });

  it('switches off an account, which signs them out at once', async () => {
    const userId = t.users.get(EMAILS['cp-chair'])!;
    const chair = await t.signIn(EMAILS['cp-chair']);
    const { version } = await editForm(userId);
    const res = await admin.post(`/admin/users/${userId}/edit`, {
      name: 'Chris Adeyemi',
      role: 'cp-chair',
      team: '',
      active: 'no',
      version,
    });
    expect(res.statusCode).toBe(303);
    expect((await chair.get('/')).statusCode).toBe(303);
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS['cp-chair'], password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(401);
    expect(bodyText((await admin.get('/admin/users?q=adeyemi')).body)).toContain('Switched off');
    const again = await editForm(userId);
    await admin.post(`/admin/users/${userId}/edit`, {
      name: 'Chris Adeyemi',
      role: 'cp-chair',
      team: '',
      active: 'yes',
      version: again.version,
    });
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS['cp-chair'], password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(303);
  });

  it('does not let an administrator lock themselves out', async () => {
    const me = t.users.get(EMAILS.admin)!;
    const { version } = await editForm(me);
    const demote = await admin.post(`/admin/users/${me}/edit`, {
      name: 'Robin Clarke',
      role: 'qa',
      team: '',
      active: 'yes',
      version,
    });
    expect(demote.statusCode).toBe(400);
    expect(bodyText(demote.body)).toContain('You cannot take away your own administrator role');
    const off = await admin.post(`/admin/users/${me}/edit`, {
      name: 'Robin Clarke',
      role: 'admin',
      team: '',
      active: 'no',
      version,
    });
    expect(bodyText(off.body)).toContain('You cannot switch off your own account');
    expect(await t.services.users.repo.findById(me)).toMatchObject({ role: 'admin', active: true });
  });

  it('unlocks a locked account, and shows who is locked', async () => {
    const userId = t.users.get(EMAILS.qa)!;
    for (let i = 0; i < 3; i += 1)
      await t.anonymous().post('/sign-in', { email: EMAILS.qa, password: 'wrong password here' });
    expect(bodyText((await admin.get('/admin/users?q=nakamura')).body)).toContain('Locked until');
    const res = await admin.post(`/admin/users/${userId}/unlock`, {});
    expect(res.headers.location).toBe(`/admin/users/${userId}/edit?done=unlocked`);
    expect((await auditFor(userId)).at(-1)?.action).toBe('account-unlocked');
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS.qa, password: DEMO_PASSWORD })).statusCode,
    ).toBe(303);
  });

  it('sets a new password, optionally removing the second step, and signs them out everywhere', async () => {
    const userId = t.users.get(EMAILS['early-help'])!;
    const earlier = await t.signIn(EMAILS['early-help']);
    await t.services.users.setTotpSecret(
      { actor: null, requestId: null },
      userId,
      'JBSWY3DPEHPK3PXPJBSWY3DP',
    );
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS['early-help'], password: DEMO_PASSWORD })).headers
        .location,
    ).toBe('/sign-in/code');
    const short = await admin.post(`/admin/users/${userId}/reset-password`, { password: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#password"');
    const res = await admin.post(`/admin/users/${userId}/reset-password`, {
      password: NEW_PASSWORD,
      removeSecondFactor: 'yes',
    });
    expect(res.statusCode).toBe(303);
    const stored = await t.services.users.repo.findById(userId);
    expect(stored?.totpSecret).toBeNull();
    expect((await auditFor(userId)).at(-1)).toMatchObject({
      action: 'password-reset',
      details: { secondFactorRemoved: true },
    });
    expect((await earlier.get('/')).statusCode).toBe(303);
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS['early-help'], password: NEW_PASSWORD })).headers
        .location,
    ).toBe('/');
    expect(
      (await t.anonymous().post('/sign-in', { email: EMAILS['early-help'], password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(401);
  });

  it('pages through a long list with the same number of queries per page', async () => {
    const values = Array.from({ length: 120 }, (_, i) => ({
      email: `bulk${i}.${randomSuffix()}@council.example`,
      name: `Zed Bulk ${String(i).padStart(3, '0')}`,
      role: 'qa',
    }));
    await t.services.users.repo.insert(values[0]!);
    for (const v of values.slice(1)) await t.services.users.repo.insert(v);
    const first = await admin.get('/admin/users?q=Zed%20Bulk');
    const firstCount = admin.lastQueryCount;
    expect(first.body.match(/Zed Bulk \d{3}/g)).toHaveLength(100);
    const next = /href="(\/admin\/users\?[^"]+)">Next 100 users/
      .exec(first.body)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await admin.get(next!);
    expect(second.body.match(/Zed Bulk \d{3}/g)).toEqual([
      'Zed Bulk 100',
      ...Array.from({ length: 19 }, (_, i) => `Zed Bulk ${101 + i}`),
    ]);
    expect(second.body).not.toContain('Next 100 users');
    const small = await admin.get('/admin/users?q=okafor');
    expect(small.statusCode).toBe(200);
    expect(admin.lastQueryCount).toBe(firstCount);
  });
});
