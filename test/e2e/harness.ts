import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { beforeEach, expect } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run when Chromium is installed; CI sets HEARTH_REQUIRE_BROWSER so a missing browser fails. */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.HEARTH_REQUIRE_BROWSER) {
  throw new Error(`Browser tests are required but Chromium is not at ${CHROMIUM}: apt-get install -y chromium`);
}

export type E2E = { t: TestApp; baseUrl: string; context: BrowserContext; page: Page; close(): Promise<void> };

/** Hearth on a random loopback port (PGlite, demo accounts) and a fresh headless Chromium. */
export async function startE2E(): Promise<E2E> {
  const t = await createTestApp('pglite');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const profile = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--proxy-server=http://127.0.0.1:9',
      '--proxy-bypass-list=127.0.0.1;localhost',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    t,
    baseUrl,
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await t.close();
    },
  };
}

/** Every page a test visits is scanned with axe (WCAG 2.2 A and AA rules): nothing may be found. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // resultTypes only trims the detail kept for rules that pass: every rule still runs on every element.
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).options({ resultTypes: ['violations'] }).analyze();
  const problems = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(problems, `axe on ${label}`).toEqual([]);
}

/** Goes to a path, checks the page answered without an error and is accessible. */
export async function visit(e: E2E, pathName: string): Promise<void> {
  const response = await e.page.goto(e.baseUrl + pathName);
  expect(response?.status(), `GET ${pathName}`).toBeLessThan(400);
  await expectAccessible(e.page, pathName);
}

export async function signIn(e: E2E, email: string): Promise<void> {
  await e.page.goto(`${e.baseUrl}/sign-in`);
  await expectAccessible(e.page, '/sign-in');
  await e.page.getByLabel('Email address').fill(email);
  await e.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await e.page.getByRole('button', { name: 'Sign in' }).click();
  await e.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await expectAccessible(e.page);
  await shot(e, `home of ${email}`);
}

export async function signOut(e: E2E): Promise<void> {
  if (!(await e.page.getByRole('button', { name: 'Sign out' }).count())) await e.page.goto(`${e.baseUrl}/`);
  await Promise.all([e.page.waitForLoadState('load'), e.page.getByRole('button', { name: 'Sign out' }).click()]);
  await e.page.getByRole('heading', { name: 'You have signed out' }).waitFor();
}

/**
 * Does something that loads a new page (following a link, submitting a form), waits for that page to
 * load, and scans it with axe. Use it for every step of a journey so no page goes unchecked.
 */
export async function step(e: E2E, action: () => Promise<unknown>, label?: string): Promise<void> {
  const loaded = e.page.waitForEvent('load');
  loaded.catch(() => undefined); // when the action fails, its error is the one to report
  await action();
  await loaded;
  await expectAccessible(e.page, label ?? new URL(e.page.url()).pathname);
  await shot(e, label ?? new URL(e.page.url()).pathname);
}

/** Clicks a link or button and checks the page it leads to (see step). */
export async function follow(e: E2E, target: Locator, label?: string): Promise<void> {
  await step(e, () => target.click(), label);
}

/**
 * The GOV.UK error summary is shown, has focus, lists `messages` (in order, at least) and each of its links
 * moves focus to the field with the given id, as the GOV.UK Frontend script does.
 */
export async function expectErrorSummary(page: Page, links: { text: string | RegExp; focuses: string }[]): Promise<void> {
  const summary = page.locator('.govuk-error-summary');
  await expect.poll(() => summary.isVisible()).toBe(true);
  expect(await page.title()).toMatch(/^Error: /);
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
  for (const link of links) {
    await summary.getByRole('link', { name: link.text }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: `the summary link "${String(link.text)}" focuses its field` }).toBe(link.focuses);
  }
}

/** Fills a GOV.UK date input found by its legend. */
export async function fillDate(page: Page, legend: string | RegExp, date: { day: string; month: string; year: string }): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(date.day);
  await group.getByLabel('Month').fill(date.month);
  await group.getByLabel('Year').fill(date.year);
}

/** With HEARTH_SHOTS set, saves a full-page PNG of the current page to /tmp/shots (to look at pages as a person would). */
export async function shot(e: E2E, name: string): Promise<void> {
  if (!process.env.HEARTH_SHOTS) return;
  mkdirSync('/tmp/shots', { recursive: true });
  shotCount += 1;
  const base = `/tmp/shots/${String(shotCount).padStart(2, '0')}${name.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`;
  // Slices a viewer can show at full size, top to bottom.
  const height = await e.page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, part = 1; y < height && part <= 6; y += 1000, part += 1) {
    await e.page.screenshot({ path: `${base}-${part}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1000, height - y) } });
  }
}
let shotCount = 0;

/**
 * The tests of a journey build on each other: once one fails, skip the rest of the file rather than
 * wait for each of them to time out. Call inside the describe.
 */
export function stopAfterFirstFailure(): void {
  let failed = false;
  beforeEach(({ skip, onTestFailed }) => {
    if (failed) skip();
    onTestFailed(() => {
      failed = true;
    });
  });
}
