/**
 * The Brown family, used by the families tests: Jade (a child allocated to the Front Door team)
 * lives with her mother Kelly and her half-brother Tyler; her father Dean lives elsewhere (Jade lived
 * with him before); her grandmother Sue is Kelly's mother.
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { createAdult, createChild, createHousehold, createRelationship } from '../helpers/factories';
import { rows } from '../../src/platform/db';

export type BrownFamily = Awaited<ReturnType<typeof createBrownFamily>>;

export async function createBrownFamily(t: TestApp, opts: { team?: string } = {}) {
  const db = t.database.db;
  const teamId = t.teams.get(opts.team ?? 'Front Door and Assessment')!;
  const jade = await createChild(db, { firstName: 'Jade', lastName: 'Brown', sex: 'F', dateOfBirth: '2016-03-01', currentTeamId: teamId });
  const tyler = await createChild(db, { firstName: 'Tyler', lastName: 'Brown', sex: 'M', dateOfBirth: '2021-05-01', currentTeamId: teamId });
  const kelly = await createAdult(db, { firstName: 'Kelly', lastName: 'Brown', sex: 'F', dateOfBirth: '1992-07-10' });
  const dean = await createAdult(db, { firstName: 'Dean', lastName: 'Smith', sex: 'M', dateOfBirth: '1989-01-20' });
  const sue = await createAdult(db, { firstName: 'Sue', lastName: 'Brown', sex: 'F', dateOfBirth: '1965-09-09' });
  await createRelationship(db, jade.id, kelly.id, 'mother');
  await createRelationship(db, jade.id, dean.id, 'father');
  await createRelationship(db, tyler.id, kelly.id, 'mother');
  await createRelationship(db, jade.id, tyler.id, 'half-sibling');
  await createRelationship(db, kelly.id, sue.id, 'mother');
  await createRelationship(db, jade.id, sue.id, 'grandparent');
  await createRelationship(db, kelly.id, dean.id, 'partner', { fromDate: '2014-01-01', toDate: '2019-06-30' });
  const home = await createHousehold(db, 'Brown household', [
    { personId: jade.id, fromDate: '2019-07-01' },
    { personId: kelly.id, fromDate: '2019-07-01' },
    { personId: tyler.id, fromDate: '2021-05-01' },
  ]);
  const before = await createHousehold(db, 'Smith household', [
    { personId: jade.id, fromDate: '2016-03-01', toDate: '2019-06-30' },
    { personId: dean.id, fromDate: '2015-01-01' },
    { personId: kelly.id, fromDate: '2015-01-01', toDate: '2019-06-30' },
  ]);
  return { jade, tyler, kelly, dean, sue, home, before };
}

export async function auditActions(t: TestApp, childId: string): Promise<string[]> {
  const found = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE child_id = ${childId} ORDER BY seq`);
  return found.map((r) => r.action);
}

/** Gives a partner agency user access to one person until tomorrow. */
export async function grant(t: TestApp, userEmail: string, personId: string): Promise<void> {
  await t.database.db.execute(
    sql`INSERT INTO access_grants (user_id, person_id, purpose, expires_at) VALUES (${t.users.get(userEmail)!}, ${personId}, 'Assessment', now() + interval '1 day')`,
  );
}
