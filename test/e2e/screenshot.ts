// Developer aid: `npx tsx test/e2e/screenshot.ts /path [email]` saves a PNG of a page to /tmp/shots.
import { startE2E, signIn } from './harness';

const [, , pathName = '/sign-in', email] = process.argv;
const e = await startE2E();
try {
  if (email) await signIn(e, email);
  await e.page.setViewportSize({ width: 1200, height: 900 });
  await e.page.goto(e.baseUrl + pathName);
  const file = `/tmp/shots/${pathName.replace(/[^a-z0-9]+/gi, '_') || 'root'}.png`;
  await e.page.screenshot({ path: file, fullPage: true });
  console.log(file);
} finally {
  await e.close();
}
