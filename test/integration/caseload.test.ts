import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDb, EMAILS, bodyText, type TestApp } from '../helpers/app';
import { createAllocation, createChild, createEpisode } from '../helpers/factories';
import { contactChildren, contacts, referrals } from '../../src/features/referrals/tables';
import { daysBetween } from '../../src/features/caseload/rules';
import { todayInLondon } from '../../src/domain/dates';

describeEachDb('my caseload and team work', (kind) => {
  let t: TestApp;
  let frontDoor: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    frontDoor = t.teams.get('Front Door and Assessment')!;
  });
  afterAll(() => t.close());

  /** Children allocated to a worker, each with an open episode, a contact and a referral. */
  async function allocatedChildren(n: number, workerEmail: string, teamName: string, lastName: string) {
    const db = t.database.db;
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const child = await createChild(db, { lastName });
      const episode = await createEpisode(db, child.id, { startDate: '2026-01-05', type: i % 2 ? 'child-protection' : 'child-in-need' });
      const contact = (await db.insert(contacts).values({ receivedOn: '2026-01-05', sourceCode: '6', concern: 'Police notification', consent: 'given' }).returning())[0]!;
      await db.insert(contactChildren).values({ contactId: contact.id, personId: child.id });
      await db.insert(referrals).values({ personId: child.id, contactId: contact.id, episodeId: episode.id, referralDate: '2026-01-05', sourceCode: '6' });
      await createAllocation(db, child.id, t.teams.get(teamName)!, t.users.get(workerEmail)!, { fromDate: '2026-01-06' });
      ids.push(child.id);
    }
    return ids;
  }

  it('shows a worker the children allocated to them, with stage, days allocated and last contact, and nobody else’s', async () => {
    const worker = await t.signIn(EMAILS.worker);
    await allocatedChildren(2, EMAILS.worker, 'Front Door and Assessment', 'Mine');
    await allocatedChildren(1, EMAILS.worker2, 'Children in Need North', 'Theirs');
    const res = await worker.get('/caseload');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('2 children are allocated to you');
    expect(text).toContain('Mine');
    expect(text).not.toContain('Theirs');
    expect(text).toContain('Child in need');
    expect(text).toContain('Child protection');
    expect(text).toContain('5 January 2026');
    expect(text).toMatch(/\d+ days/);
  });

  it('issues the same number of queries for 1 child and for 20', async () => {
    const one = await t.signIn(EMAILS['early-help']);
    await allocatedChildren(1, EMAILS['early-help'], 'Early Help East', 'Single');
    await one.get('/caseload');
    const forOne = one.lastQueryCount;
    await allocatedChildren(19, EMAILS['early-help'], 'Early Help East', 'Many');
    const res = await one.get('/caseload');
    expect(bodyText(res.body)).toContain('20 children are allocated to you');
    expect(one.lastQueryCount).toBe(forOne);

    const manager = await t.signIn(EMAILS.manager2);
    await manager.get('/team');
    const teamBefore = manager.lastQueryCount;
    await allocatedChildren(1, EMAILS.worker2, 'Children in Need North', 'TeamOne');
    await manager.get('/team');
    expect(manager.lastQueryCount).toBe(teamBefore);
    await allocatedChildren(20, EMAILS.worker2, 'Children in Need North', 'TeamMany');
    const team = await manager.get('/team');
    expect(manager.lastQueryCount).toBe(teamBefore);
    expect(bodyText(team.body)).toContain('Priya Shah: 22 children');
  });

  it('shows a manager the team by worker with counts, children waiting for a worker and for a team, with links to allocate', async () => {
    const db = t.database.db;
    const manager = await t.signIn(EMAILS.manager);
    const waiting = await createChild(db, { firstName: 'Waiting', lastName: 'Inteam' });
    await createEpisode(db, waiting.id, { startDate: '2026-02-01' });
    await createAllocation(db, waiting.id, frontDoor, null, { fromDate: '2026-02-02' });
    const unallocated = await createChild(db, { firstName: 'Nobody', lastName: 'Yet' });
    await createEpisode(db, unallocated.id, { startDate: '2026-01-15' });
    const closed = await createChild(db, { firstName: 'Closed', lastName: 'Case' });
    await createEpisode(db, closed.id, { startDate: '2025-01-15', endDate: '2025-06-01', closureReason: 'RC8' });

    const res = await manager.get('/team');
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Team work: Front Door and Assessment');
    expect(text).toMatch(/Sam Okafor \d+/);
    expect(text).toContain('Morgan Ellis 0');
    expect(text).toContain('Waiting Inteam');
    expect(text).toContain('Nobody Yet');
    expect(text).not.toContain('Closed Case');
    expect(text).not.toContain('Theirs');
    expect(res.body).toContain(`/people/${waiting.id}/allocate`);
    expect(res.body).toContain(`/people/${unallocated.id}/allocate`);
    const days = daysBetween('2026-02-01', todayInLondon());
    expect(text).toContain(`${days} days`);
  });

  it('hides a restricted child from team work unless the manager is named on it', async () => {
    const db = t.database.db;
    const manager = await t.signIn(EMAILS.manager);
    const restricted = await createChild(db, { firstName: 'Hidden', lastName: 'Restricted', restricted: true });
    await createEpisode(db, restricted.id);
    await createAllocation(db, restricted.id, frontDoor, null);
    expect(bodyText((await manager.get('/team')).body)).not.toContain('Hidden Restricted');
    await db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${restricted.id}, ${t.users.get(EMAILS.manager)!})`);
    expect(bodyText((await manager.get('/team')).body)).toContain('Hidden Restricted');
  });

  it('is for the right people only', async () => {
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.get('/team')).statusCode).toBe(403);
    for (const role of ['partner', 'cp-chair', 'qa', 'admin'] as const) {
      const agent = await t.signIn(EMAILS[role]);
      expect((await agent.get('/caseload')).statusCode, role).toBe(403);
      expect((await agent.get('/team')).statusCode, role).toBe(403);
    }
    expect((await t.anonymous().get('/caseload')).statusCode).toBe(303);
  });
});
