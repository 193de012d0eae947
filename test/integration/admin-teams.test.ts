import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bodyText,
  createTestApp,
  describeEachDb,
  randomSuffix,
  signInAll,
  type TestApp,
} from '../helpers/app';
import { rows } from '../../src/platform/db';

describeEachDb('administrators manage teams', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  it('lists the teams with how many people are in each', async () => {
    const res = await as.admin.get('/admin/teams');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Front Door and Assessment');
    expect(text).toContain('Front door (contacts, referrals and assessment)');
    expect(text).toContain('Early Help East');
  });

  it('adds a team, audited, which can then be chosen for a user', async () => {
    const name = `Children in Care ${randomSuffix()}`;
    const res = await as.admin.post('/admin/teams/new', { name, kind: 'children-in-care' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/teams?done=added');
    const team = await t.services.users.repo.findTeamByName(name);
    expect(team).toMatchObject({ name, kind: 'children-in-care' });
    const audit = await rows<{ action: string }>(
      t.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${team!.id}`,
    );
    expect(audit).toEqual([{ action: 'team-added' }]);
    expect((await as.admin.get('/admin/users/new')).body).toContain(`value="${team!.id}"`);
  });

  it('refuses a duplicate name, a missing name and an unknown kind with GOV.UK errors', async () => {
    const duplicate = await as.admin.post('/admin/teams/new', {
      name: 'front door and assessment',
      kind: 'front-door',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(bodyText(duplicate.body)).toContain('There is already a team with this name');
    expect(duplicate.body).toContain('value="front door and assessment"');
    const empty = await as.admin.post('/admin/teams/new', { name: ['a', 'b'], kind: '<b>x</b>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#name"');
    expect(empty.body).toContain('href="#kind"');
    expect(bodyText(empty.body)).toContain('Select what kind of team it is');
    const long = await as.admin.post('/admin/teams/new', { name: 'x'.repeat(121), kind: 'early-help' });
    expect(bodyText(long.body)).toContain('Team name must be 120 characters or fewer');
  });

  it('refuses the team pages to everyone but administrators', async () => {
    for (const role of ['worker', 'early-help', 'manager', 'partner', 'cp-chair', 'qa'] as const) {
      expect((await as[role].get('/admin/teams')).statusCode).toBe(403);
      expect(
        (await as[role].post('/admin/teams/new', { name: `Sneaky ${randomSuffix()}`, kind: 'early-help' }))
          .statusCode,
      ).toBe(403);
    }
    expect((await t.anonymous().get('/admin/teams/new')).statusCode).toBe(303);
  });
});
