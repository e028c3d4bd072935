/**
 * The local console in headless Chromium against the Taskboard API: sign in as a seeded user,
 * run a query and a mutation, watch a subscription receive an event another client caused, and
 * read the resolver trace beside the response. Saves test-results/console.png.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_BOARD_ID } from '../../seed/taskboard';
import type { LocalApi } from '../helpers/local-api';
import { givenTaskboardApi } from '../helpers/taskboard-api';
import { launchChromium } from './chromium';

const SCREENSHOT = resolve(import.meta.dirname, '../../test-results/console.png');

describe('the local console (GraphiQL) in headless Chromium', () => {
  let api: LocalApi;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [api, browser] = await Promise.all([givenTaskboardApi(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${api.runtime.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lists the seeded users and signs in as alice against local Cognito', async () => {
    await page.getByLabel('Authorization mode').waitFor();
    expect(await page.getByLabel('Authorization mode').inputValue()).toBe('AMAZON_COGNITO_USER_POOLS');
    const users = await page.getByLabel('Seeded user').locator('option').allTextContents();
    expect(users.join('\n')).toContain('alice · alice@example.com');
    await page.getByLabel('Seeded user').selectOption('alice');
    expect(await page.getByLabel('Password').inputValue()).toBe('Passw0rd!alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('signed-in').textContent({ timeout: 15_000 })).toContain('Signed in as alice');
  });

  it('runs a query and shows what each resolver did, DynamoDB calls included', async () => {
    await run(page, 'query MyBoards { myBoards { items { id name myRole } } }');
    await waitForResponse(page, 'Website launch');
    expect(await responseText(page)).toContain('"myRole": "OWNER"');
    const trace = page.getByTestId('trace');
    await trace.waitFor({ timeout: 15_000 });
    const text = (await trace.textContent()) ?? '';
    expect(text).toContain('query MyBoards');
    expect(text).toContain('by alice');
    expect(await trace.getByTestId('dynamodb-count').textContent()).toMatch(/^[1-9]\d* DynamoDB requests?$/);
    expect(text).toMatch(/DynamoDB (Query|GetItem|BatchGetItem)/);
  });

  it('runs a mutation', async () => {
    await run(page, `mutation AddTask { createTask(input: {boardId: "${SEED_BOARD_ID}", title: "Written in the console"}) { id boardId title status } }`);
    await waitForResponse(page, 'Written in the console');
    await page.getByTestId('trace').filter({ hasText: 'mutation AddTask' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('trace').textContent()).toMatch(/DynamoDB (TransactWriteItems|PutItem|UpdateItem)/);
    // The task is really there: another client reads it.
    const read = await api.request(`{ board(id: "${SEED_BOARD_ID}") { tasks(limit: 100) { items { title } } } }`, {}, await api.as('bob'));
    expect(JSON.stringify(read.body.data)).toContain('Written in the console');
  });

  it('runs a live subscription over the real-time endpoint and shows the event another user caused', async () => {
    await run(page, `subscription OnTask { onTaskChanged(boardId: "${SEED_BOARD_ID}") { id boardId title status } }`);
    const state = page.getByTestId('subscription-state');
    await state.filter({ hasText: 'listening' }).waitFor({ timeout: 15_000 });

    const created = await api.request('mutation($in: CreateTaskInput!) { createTask(input: $in) { id boardId title status } }',
      { in: { boardId: SEED_BOARD_ID, title: 'Moved live by bob' } }, await api.as('bob'));
    expect(created.body.errors).toBeUndefined();
    await waitForResponse(page, 'Moved live by bob');
    expect(await page.getByTestId('subscription-report').textContent()).toContain('1 event');

    // For the screenshot: the mutation's trace beside the live event, one DynamoDB call opened.
    const select = page.getByLabel('Request');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.getAttribute('value') ?? '', text: o.textContent ?? '' })));
    await select.selectOption(options.find((o) => o.text.includes('AddTask'))!.value);
    await page.locator('.tb-ddb summary').first().click();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
  });
});

/** Replaces the operation editor's text (inserted as one input, so Monaco adds no closing brackets), prettifies and runs it. */
async function run(page: Page, operation: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  await page.getByRole('button', { name: /^Prettify query/ }).click();
  // Back to the top left: the long line scrolled the editor sideways.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.locator('.graphiql-execute-button').click();
}

async function responseText(page: Page): Promise<string> {
  const text = await page.locator('.graphiql-response .view-lines').first().innerText().catch(() => '');
  return text.replace(/\u00a0/g, ' ');
}

async function waitForResponse(page: Page, expected: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await responseText(page);
    if (last.includes(expected)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the response pane never showed ${JSON.stringify(expected)}; it shows:\n${last}`);
}
