/**
 * The example web client (examples/web: Vite + aws-amplify v6) in two headless Chromium pages
 * against the local runtime over TLS (Amplify v6 subscribes over wss:// only): alice and bob
 * sign in and open the seeded board; bob moves a task in his page; alice's page shows it in
 * its new column without a reload, through onTaskChanged on /graphql/realtime.
 * Saves test-results/web-client.png (alice's page).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEED_BOARD_ID, users } from '../../seed/taskboard';
import { givenLocalApi, type LocalApi } from '../helpers/local-api';
import { SEED_NOW } from '../helpers/taskboard-api';
import { launchChromium } from './chromium';

const WEB_ROOT = resolve(import.meta.dirname, '../../examples/web');
const SCREENSHOT = resolve(import.meta.dirname, '../../test-results/web-client.png');
const BOARD_NAME = 'Website launch';
/** Seeded IN_PROGRESS task on SEED_BOARD_ID (seed/taskboard.ts), which bob (EDITOR) moves to review. */
const MOVED_TASK = 'Migrate DNS';

describe('the example web client: a move by bob appears live on alice\'s page', () => {
  let api: LocalApi;
  let browser: Browser;
  let site: PreviewServer;
  let tempDir: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'web-client-'));
    const started = performance.now();
    [api, browser] = await Promise.all([
      givenLocalApi({
        assemblyDir: inject('taskboardAssembly'), seed: resolve(import.meta.dirname, '../../seed/taskboard.ts'), seedNow: SEED_NOW,
        logLevel: 'ERROR', tls: { dir: join(tempDir, 'tls') },
      }),
      launchChromium(),
    ]);
    // The runtime's URL is known only now; the client reads the rest from its GET /local/info.
    await build({
      root: WEB_ROOT, configFile: false, logLevel: 'warn',
      define: { 'import.meta.env.VITE_LOCAL_API_URL': JSON.stringify(api.runtime.url) },
      // Amplify and React make one ~480 kB chunk: expected for this example, not worth a warning.
      build: { outDir: join(tempDir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1024 },
    });
    site = await preview({
      root: WEB_ROOT, configFile: false, logLevel: 'warn',
      build: { outDir: join(tempDir, 'dist') },
      preview: { host: '127.0.0.1', port: 0, strictPort: true },
    });
    console.log(`runtime (TLS) + Chromium + Vite build + preview: ${Math.round(performance.now() - started)} ms`);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it('serves over https, and the client\'s config comes from the runtime', () => {
    expect(api.runtime.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(site.resolvedUrls?.local[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('signs alice and bob in against local Cognito and lists their boards', async () => {
    [alice, bob] = await Promise.all([openAs('alice'), openAs('bob')]);
    for (const page of [alice, bob]) {
      const boards = page.getByRole('region', { name: 'My boards' });
      await boards.getByRole('link', { name: BOARD_NAME }).waitFor({ timeout: 20_000 });
      expect(await boards.textContent()).toContain(BOARD_NAME);
    }
    expect(await alice.getByTestId('signed-in-as').textContent()).toBe('Signed in as alice@example.com');
    expect(await alice.getByRole('region', { name: 'My boards' }).textContent()).toMatch(/Website launch.*OWNER/);
    expect(await bob.getByRole('region', { name: 'My boards' }).textContent()).toMatch(/Website launch.*EDITOR/);
  });

  it('opens the board in both pages, tasks in status columns, subscribed live', async () => {
    const before = api.runtime.realtime.subscriptionCount;
    await Promise.all([alice, bob].map(async (page) => {
      await page.getByRole('link', { name: BOARD_NAME }).click();
      await column(page, 'In progress').getByRole('article', { name: MOVED_TASK }).waitFor({ timeout: 20_000 });
      await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
    }));
    expect(new URL(alice.url()).hash).toBe(`#/boards/${SEED_BOARD_ID}`);
    // Amplify reports Connected once the socket is acknowledged; the server has both subscriptions started.
    await waitFor(() => api.runtime.realtime.subscriptionCount >= before + 2, 'both onTaskChanged subscriptions', 15_000);
    expect(await column(alice, 'In review').getByRole('article', { name: MOVED_TASK }).count()).toBe(0);
  });

  it('shows bob\'s move in alice\'s page without a reload', async () => {
    // A mark on the page's global object: a reload would wipe it.
    await alice.evaluate(() => Object.assign(globalThis, { loadedOnce: true }));
    await bob.getByLabel(`Move ${MOVED_TASK}`).selectOption('IN_REVIEW');

    await column(bob, 'In review').getByRole('article', { name: MOVED_TASK }).waitFor({ timeout: 15_000 });
    await column(alice, 'In review').getByRole('article', { name: MOVED_TASK }).waitFor({ timeout: 15_000 });
    expect(await column(alice, 'In progress').getByRole('article', { name: MOVED_TASK }).count()).toBe(0);
    expect(await alice.evaluate(() => (globalThis as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await alice.getByRole('alert').count()).toBe(0);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await alice.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  /** A page of its own (its own storage, so its own Amplify session), signed in as a seeded user. */
  async function openAs(username: string): Promise<Page> {
    const user = users.find((u) => u.username === username)!;
    // The runtime's self-signed certificate: this browser has not been told to trust it.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    await page.goto(site.resolvedUrls!.local[0]);
    await page.getByLabel('Username').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    return page;
  }
});

function column(page: Page, label: string) {
  return page.getByRole('region', { name: label, exact: true });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
