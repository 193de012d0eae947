import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bodyText, createTestApp, describeEachDb, EMAILS, signInAll, type TestApp } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode } from '../helpers/factories';
import { rows, toNumber } from '../../src/platform/db';

describeEachDb('merging two records of the same person', (kind) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof signInAll>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    as = await signInAll(t);
  });
  afterAll(() => t.close());

  const count = async (query: ReturnType<typeof sql>) => toNumber((await rows<{ n: unknown }>(t.database.db, query))[0]?.n);

  /** Two records of one child, each with history in every table that names a person. */
  async function twoRecords() {
    const db = t.database.db;
    const frontDoor = t.teams.get('Front Door and Assessment')!;
    const kept = await createChild(db, { firstName: 'Leah', lastName: 'Marchetti', dateOfBirth: '2014-06-01', nhsNumber: '9434765919', religion: 'Catholic' });
    const dup = await createChild(db, { firstName: 'Lea', lastName: 'Marchetti', dateOfBirth: '2014-06-01', nhsNumber: '4010232137', ethnicity: 'WOTH', religion: 'Christian', formerNames: ['Leah Rossi'] });
    const mum = await createAdult(db, { firstName: 'Gina', lastName: 'Marchetti' });
    await db.execute(sql`INSERT INTO addresses (person_id, line1, postcode, postcode_key) VALUES (${dup.id}, '8 Dock Road', 'LS9 8AA', 'LS98AA')`);
    await db.execute(sql`INSERT INTO relationships (person_id, related_person_id, type, pair_id) VALUES (${dup.id}, ${mum.id}, 'mother', gen_random_uuid()), (${mum.id}, ${dup.id}, 'child', gen_random_uuid()), (${kept.id}, ${dup.id}, 'sibling', gen_random_uuid())`);
    const [household] = await rows<{ id: string }>(db, sql`INSERT INTO households (name) VALUES ('Marchetti household') RETURNING id`);
    await db.execute(sql`INSERT INTO household_members (household_id, person_id) VALUES (${household!.id}, ${dup.id})`);
    const [contact] = await rows<{ id: string }>(db, sql`INSERT INTO contacts (received_on, source_code, concern, consent) VALUES ('2025-02-03', '2A', 'School worried', 'given') RETURNING id`);
    await db.execute(sql`INSERT INTO contact_children (contact_id, person_id) VALUES (${contact!.id}, ${dup.id}), (${contact!.id}, ${kept.id})`);
    const [contact2] = await rows<{ id: string }>(db, sql`INSERT INTO contacts (received_on, source_code, concern, consent) VALUES ('2025-03-03', '6', 'Police call', 'given') RETURNING id`);
    await db.execute(sql`INSERT INTO contact_children (contact_id, person_id) VALUES (${contact2!.id}, ${dup.id})`);
    const episode = await createEpisode(db, dup.id);
    await db.execute(sql`INSERT INTO referrals (person_id, episode_id, referral_date, source_code) VALUES (${dup.id}, ${episode.id}, '2025-02-03', '2A')`);
    await createAllocation(db, dup.id, frontDoor, t.users.get(EMAILS.worker)!);
    await db.execute(sql`INSERT INTO access_grants (user_id, person_id, purpose, expires_at) VALUES (${t.users.get(EMAILS.partner)!}, ${dup.id}, 'Joint visit', now() + interval '30 days')`);
    // Someone looked at the duplicate before the merge: that history must stay.
    await as.worker.get(`/people/${dup.id}`);
    return { kept, dup, mum, contact: contact!.id };
  }

  it('lets only team managers merge', async () => {
    const { kept, dup } = await twoRecords();
    for (const agent of [as.worker, as.qa, as['cp-chair']]) {
      expect((await agent.get(`/people/${kept.id}/merge`)).statusCode).toBe(403);
      expect((await agent.post(`/people/${kept.id}/merge/${dup.id}`, { keptVersion: '1', duplicateVersion: '1' })).statusCode).toBe(403);
    }
  });

  it('finds the other record, compares both side by side, and merges: history moves, both are audited, the old address redirects', async () => {
    const { kept, dup, mum, contact } = await twoRecords();
    const found = await as.manager.get(`/people/${kept.id}/merge?q=${encodeURIComponent('Lea Marchetti')}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`href="/people/${kept.id}/merge/${dup.id}"`);
    expect(found.body).not.toContain(`href="/people/${kept.id}/merge/${kept.id}"`);

    const compare = await as.manager.get(`/people/${kept.id}/merge/${dup.id}`);
    expect(compare.statusCode).toBe(200);
    const text = bodyText(compare.body);
    expect(text).toContain('Which NHS number should the record keep?');
    expect(text).toContain('943 476 5919');
    expect(text).toContain('401 023 2137');
    expect(compare.body).toContain('name="keep-religion"');
    expect(compare.body).not.toContain('name="keep-ethnicity"');

    const merged = await as.manager.post(`/people/${kept.id}/merge/${dup.id}`, {
      keptVersion: '1', duplicateVersion: String((await rows<{ version: number }>(t.database.db, sql`SELECT version FROM people WHERE id = ${dup.id}`))[0]!.version),
      'keep-nhsNumber': 'duplicate', 'keep-religion': 'kept', 'keep-firstName': 'kept',
    });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe(`/people/${kept.id}?done=merged`);

    const [after] = await rows<Record<string, unknown>>(
      t.database.db,
      sql`SELECT first_name, nhs_number, religion, ethnicity, former_names, current_team_id FROM people WHERE id = ${kept.id}`,
    );
    expect(after).toEqual({
      first_name: 'Leah', nhs_number: '4010232137', religion: 'Catholic', ethnicity: 'WOTH', former_names: ['Leah Rossi'],
      current_team_id: t.teams.get('Front Door and Assessment'),
    });
    expect((await rows<{ merged_into: string }>(t.database.db, sql`SELECT merged_into FROM people WHERE id = ${dup.id}`))[0]?.merged_into).toBe(kept.id);
    for (const table of ['addresses', 'household_members', 'referrals', 'episodes', 'allocations', 'access_grants', 'contact_children']) {
      expect(await count(sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE person_id = ${dup.id}`), table).toBe(0);
      expect(await count(sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE person_id = ${kept.id}`), table).toBeGreaterThan(0);
    }
    expect(await count(sql`SELECT count(*) AS n FROM contact_children WHERE contact_id = ${contact}`)).toBe(1);
    expect(await count(sql`SELECT count(*) AS n FROM relationships WHERE person_id = ${dup.id} OR related_person_id = ${dup.id}`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM relationships WHERE person_id = ${kept.id} AND related_person_id = ${mum.id}`)).toBe(1);

    const audit = await rows<{ action: string; child_id: string }>(
      t.database.db,
      sql`SELECT action, child_id FROM audit_log WHERE action IN ('person-merged', 'person-merged-into') ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'person-merged', child_id: kept.id },
      { action: 'person-merged-into', child_id: dup.id },
    ]);
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE child_id = ${dup.id} AND action = 'viewed'`)).toBeGreaterThan(0);

    const old = await as.worker.get(`/people/${dup.id}`);
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe(`/people/${kept.id}`);
    const page = bodyText((await as.manager.get(`/people/${kept.id}?done=merged`)).body);
    expect(page).toContain('Records merged');
    expect(page).toContain('8 Dock Road');
    expect(page).toContain('Lea Marchetti, merged');
    const history = bodyText((await as.manager.get(`/people/${kept.id}/audit`)).body);
    expect(history).toContain('on a record since merged into this one');
    expect(history).toContain('Merged another record of the same person into this one');

    const search = await as.manager.get(`/search?q=${encodeURIComponent('Marchetti')}`);
    expect(search.body).not.toContain(`/people/${dup.id}"`);
  });

  it('refuses a stale comparison and a second merge, changing nothing', async () => {
    const { kept, dup } = await twoRecords();
    const stale = await as.manager.post(`/people/${kept.id}/merge/${dup.id}`, { keptVersion: '7', duplicateVersion: '1' });
    expect(stale.statusCode).toBe(409);
    expect(bodyText(stale.body)).toContain('One of the records changed while you were checking');
    expect((await rows<{ merged_into: string | null }>(t.database.db, sql`SELECT merged_into FROM people WHERE id = ${dup.id}`))[0]?.merged_into).toBeNull();
    const tampered = await as.manager.post(`/people/${kept.id}/merge/${dup.id}`, { keptVersion: ['1', '2'], duplicateVersion: 'x' });
    expect(tampered.statusCode).toBe(400);
    expect((await as.manager.get(`/people/${kept.id}/merge/${kept.id}`)).statusCode).toBe(404);
    expect((await as.manager.get(`/people/${kept.id}/merge/not-an-id`)).statusCode).toBe(404);
  });

  it('will not merge a record the manager may not see', async () => {
    const kept = await createChild(t.database.db, { firstName: 'Seen', lastName: 'Here' });
    const hidden = await createChild(t.database.db, { firstName: 'Seen', lastName: 'Here', currentTeamId: t.teams.get('Children in Need North')! });
    expect((await as.manager.get(`/people/${kept.id}/merge/${hidden.id}`)).statusCode).toBe(403);
    expect((await as.manager.post(`/people/${kept.id}/merge/${hidden.id}`, { keptVersion: '1', duplicateVersion: '1' })).statusCode).toBe(403);
    expect((await rows<{ merged_into: string | null }>(t.database.db, sql`SELECT merged_into FROM people WHERE id = ${hidden.id}`))[0]?.merged_into).toBeNull();
  });
});
