import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, signIn, signOut, startE2E, type E2E } from './harness';
import { EMAILS } from '../helpers/app';

describe.runIf(browserAvailable)('signing in, in a real browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('shows the error summary, then signs a worker in and out', async () => {
    await e.page.goto(`${e.baseUrl}/sign-in`);
    await e.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => e.page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(e.page, 'sign-in with errors');
    await signIn(e, EMAILS.worker);
    await expect.poll(() => e.page.locator('h1').innerText()).toContain('Hello, Sam');
    await signOut(e);
    await expectAccessible(e.page, 'signed out');
    const res = await e.page.goto(`${e.baseUrl}/`);
    expect(res?.url()).toContain('/sign-in');
  });

  it('loads the GOV.UK styles and scripts under the content security policy', async () => {
    const errors: string[] = [];
    e.page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await e.page.goto(`${e.baseUrl}/sign-in`);
    const hasJs = await e.page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'));
    expect(hasJs).toBe(true);
    const font = await e.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(font).toMatch(/GDS Transport|arial/i);
    expect(errors).toEqual([]);
  });
});
