import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
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
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
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
}

export async function signOut(e: E2E): Promise<void> {
  await e.page.goto(`${e.baseUrl}/sign-out`);
}
