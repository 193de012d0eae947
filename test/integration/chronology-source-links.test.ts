import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { sourceLink } from '../../src/features/chronology/fromRecords';

// Every kind of record that feeds the chronology (H1): the entry's "change it in …" link must lead to a real page.
const ORIGINS = ['contact', 'contact-decision', 'episode', 'allocation', 'referral', 'visit', 'case-note', 'assessment', 'assessment-checkpoint', 'assessment-sharing', 'assessment-annual-review', 'task', 'household', 'household-member', 'seed'];

describe('links from a chronology entry to the record it came from', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('always name a page that exists', () => {
    const pages = t.app.routeList.filter((r) => r.method === 'GET').map((r) => new RegExp(`^${r.url.replace(/:\w+/g, '[^/]+')}$`));
    const id = '11111111-2222-4333-8444-555555555555';
    for (const origin of ORIGINS) {
      const link = sourceLink(origin, id, '99999999-2222-4333-8444-555555555555');
      expect(link, origin).not.toBeNull();
      expect(pages.some((page) => page.test(link!.href)), `${origin}: ${link!.href}`).toBe(true);
    }
    expect(sourceLink('entry', null, id)).toBeNull();
  });
});
