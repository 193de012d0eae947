import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDb, EMAILS, bodyText, type TestApp } from '../helpers/app';
import { createAdult, createChild, createHousehold, createRelationship } from '../helpers/factories';
import { ageOn, todayInLondon } from '../../src/domain/dates';
import { auditActions, createBrownFamily, grant, type BrownFamily } from './families.fixture';

describeEachDb('the family view and genogram', (kind) => {
  let t: TestApp;
  let f: BrownFamily;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createBrownFamily(t);
  });
  afterAll(() => t.close());

  const age = (dob: string) => ageOn(dob, todayInLondon());

  it('shows the households over time, every member with their relationship, and links to each child’s own record', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.get(`/people/${f.jade.id}/family`);
    expect(res.statusCode).toBe(200);
    const text = bodyText(res.body);
    expect(text).toContain('Brown household Current');
    expect(text).toContain('Smith household Past');
    expect(text).toContain('Jade Brown has lived here since 1 July 2019.');
    expect(text).toContain('Jade Brown lived here from 1 March 2016 until 30 June 2019.');
    expect(text).toMatch(/Kelly Brown\s+Mother/);
    expect(text).toMatch(/Tyler Brown\s+Half-brother/);
    expect(res.body).toContain(`href="/people/${f.tyler.id}"`);
    expect(res.body).toContain(`href="/people/${f.kelly.id}"`);
    // Outside the household: the absent father and the grandmother.
    const outside = res.body.slice(res.body.indexOf('id="outside-heading"'), res.body.indexOf('id="inside-heading"'));
    expect(bodyText(outside)).toMatch(/Dean Smith\s+Father/);
    expect(bodyText(outside)).toMatch(/Sue Brown\s+Grandmother/);
    expect(bodyText(outside)).not.toContain('Kelly Brown');
  });

  it('draws the genogram inline with a text description from the same data, and no inline styles', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.get(`/people/${f.jade.id}/family`);
    const description = `Jade (${age('2016-03-01')}) lives with her mother Kelly Brown and her half-brother Tyler (${age('2021-05-01')}). Her father Dean Smith and her grandmother Sue Brown live elsewhere.`;
    expect(res.body).toContain(`<p class="govuk-body" id="family-description">${description}</p>`);
    const svg = res.body.slice(res.body.indexOf('<svg'), res.body.indexOf('</svg>') + 6);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="genogram-title">Family tree of Jade Brown</title>');
    expect(svg).toContain(`<desc id="genogram-desc">${description}</desc>`);
    expect(svg).toContain('stroke-dasharray="10 6"'); // the household boundary
    expect(svg).toMatch(/<circle [^>]*\/>/); // Jade, Kelly, Sue
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="44"/); // Dean, Tyler
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(await auditActions(t, f.jade.id)).toContain('family-viewed');
  });

  it('serves the genogram as an SVG image, audited', async () => {
    const worker = await t.signIn(EMAILS.worker);
    const res = await worker.get(`/people/${f.jade.id}/genogram.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(res.body).toContain('<title id="genogram-title">');
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(await auditActions(t, f.jade.id)).toContain('genogram-viewed');
  });

  it('issues the same number of queries for a family of 2 and a family of 12', async () => {
    const db = t.database.db;
    const small = await createChild(db, { firstName: 'Small' });
    const smallMum = await createAdult(db, { sex: 'F' });
    await createRelationship(db, small.id, smallMum.id, 'mother');
    await createHousehold(db, 'Small household', [small.id, smallMum.id]);

    const big = await createChild(db, { firstName: 'Big' });
    const mum = await createAdult(db, { sex: 'F' });
    const dad = await createAdult(db, { sex: 'M' });
    const gran = await createAdult(db, { sex: 'F', dateOfBirth: '1960-01-01' });
    await createRelationship(db, big.id, mum.id, 'mother');
    await createRelationship(db, big.id, dad.id, 'father');
    await createRelationship(db, big.id, gran.id, 'grandparent');
    await createRelationship(db, mum.id, dad.id, 'partner');
    const siblings = [];
    for (let i = 0; i < 8; i += 1) {
      const sibling = await createChild(db, { dateOfBirth: `20${10 + i}-01-01`, sex: i % 2 ? 'M' : 'F' });
      await createRelationship(db, big.id, sibling.id, i < 4 ? 'sibling' : 'half-sibling');
      await createRelationship(db, sibling.id, mum.id, 'mother');
      siblings.push(sibling.id);
    }
    await createHousehold(db, 'Big household', [big.id, mum.id, dad.id, ...siblings]);
    await createHousehold(db, 'Old household', [{ personId: big.id, toDate: '2020-01-01' }, { personId: gran.id }]);

    const worker = await t.signIn(EMAILS.worker);
    await worker.get(`/people/${small.id}/family`);
    const smallRes = await worker.get(`/people/${small.id}/family`);
    const smallCount = worker.lastQueryCount;
    const bigRes = await worker.get(`/people/${big.id}/family`);
    expect(smallRes.statusCode).toBe(200);
    expect(bigRes.statusCode).toBe(200);
    expect((bigRes.body.match(/<g>/g) ?? []).length).toBe(12);
    expect(worker.lastQueryCount).toBe(smallCount);
  });

  it('shows a member the user may not see without their name, in the page and the genogram', async () => {
    // Kelly is allocated to no team, so a worker in another team may open her family; Jade and Tyler are not theirs.
    const other = await t.signIn(EMAILS.worker2);
    const res = await other.get(`/people/${f.kelly.id}/family`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A person you do not have access to');
    expect(res.body).not.toContain('Jade');
    expect(res.body).not.toContain('Tyler');
    expect(res.body).not.toContain(`/people/${f.jade.id}"`);
    expect(res.body).toContain('No access');
    expect(res.body).toContain('Dean Smith');
  });

  it('refuses a worker in another team, a partner without a grant and an administrator, and audits it', async () => {
    for (const email of [EMAILS.worker2, EMAILS.partner]) {
      const agent = await t.signIn(email);
      expect((await agent.get(`/people/${f.jade.id}/family`)).statusCode).toBe(403);
      expect((await agent.get(`/people/${f.jade.id}/genogram.svg`)).statusCode).toBe(403);
    }
    const admin = await t.signIn(EMAILS.admin);
    expect((await admin.get(`/people/${f.jade.id}/family`)).statusCode).toBe(403);
    expect((await auditActions(t, f.jade.id)).filter((a) => a === 'access-refused').length).toBeGreaterThanOrEqual(4);
  });

  it('lets a partner with a grant and a chair see the family, without ways to change it', async () => {
    await grant(t, EMAILS.partner, f.jade.id);
    for (const email of [EMAILS.partner, EMAILS['cp-chair']]) {
      const agent = await t.signIn(email);
      const res = await agent.get(`/people/${f.jade.id}/family`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('Add a relationship');
      expect(res.body).not.toContain('/end');
    }
    const partner = await t.signIn(EMAILS.partner);
    const res = await partner.get(`/people/${f.jade.id}/family`);
    expect(res.body).not.toContain('Kelly Brown'); // not granted: shown without a name
    expect(res.body).toContain('A person you do not have access to');
  });

  it('answers 404 for a person who does not exist', async () => {
    const worker = await t.signIn(EMAILS.worker);
    expect((await worker.get('/people/00000000-0000-4000-8000-000000000000/family')).statusCode).toBe(404);
    expect((await worker.get('/people/not-a-uuid/genogram.svg')).statusCode).toBe(404);
  });
});
