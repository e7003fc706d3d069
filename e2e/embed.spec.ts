// The embedded page (`/?embed#s=…`) for blogs and course pages: it shows the shared program
// read-only, runs, steps and verifies it, links back to the full page with the same session, and
// never reads or writes the visitor's autosave; the Share menu hands out its iframe snippet.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { emptySession, encodeSession } from '../src/core/share/index.js';
import { editorText, shareLink, typeSource } from './fixtures/editor.js';
import { openInBpfiddle } from './fixtures/files.js';

const LOOP = readFileSync(new URL('../src/ui/examples/programs/bounded-loop.s', import.meta.url), 'utf8');

function payloadOf(source: string): string {
  const e = encodeSession({ ...emptySession(source), input: { packet: 'eth/ipv4/udp(dport=53)', ctx: [], env: [], maxSteps: null } });
  if (!e.ok) throw new Error(e.error.message);
  return e.payload;
}

const AUTOSAVE_KEY = 'bpfiddle.session';

test('the embed page shows the shared program read-only, verifies, runs and steps it', async ({ page, baseURL }) => {
  const payload = payloadOf(LOOP);
  await page.goto(`/?embed#s=${payload}`);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect.poll(() => editorText(page)).toBe(LOOP);
  // No header chrome: no Share, Examples or program-type selector.
  await expect(page.locator('.app-header')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
  await expect(page.locator('.embed-editor').getByTestId('verdict')).toContainText('Accepted');

  // Read-only: typing does not change the program.
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.type('r9 = 1');
  await expect.poll(() => editorText(page)).toBe(LOOP);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-verdict')).toContainText('r0 =');
  await expect(page.getByTestId('run-verdict')).toContainText('2');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0\b/);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3\b/);
  await expect(page.getByRole('tab', { name: 'Registers' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('reg-step')).toHaveText('step 3');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 2\b/);
  await expect(page.locator('.monaco-editor .bpf-current-line')).toHaveCount(1);

  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('list', { name: 'Verifier log' })).toContainText('processed');

  // The way out: the full page, same session, in a new tab.
  await expect(openInBpfiddle(page)).toHaveAttribute('href', `${baseURL}/#s=${payload}`);
  await expect(openInBpfiddle(page)).toHaveAttribute('target', '_blank');
  await expect(page).toHaveURL(`${baseURL}/?embed#s=${payload}`);
});

test('an embed never reads or overwrites the visitor\'s autosave of the full app', async ({ page, baseURL }) => {
  await page.goto('/');
  await typeSource(page, ['; my own work', '.prog xdp', 'r0 = 1', 'exit']);
  await expect(page.getByTestId('program-summary')).toHaveText(/2 insns/);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), AUTOSAVE_KEY)).not.toBeNull();
  await page.waitForTimeout(700);
  const saved = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE_KEY);
  const mine = await editorText(page);

  await page.goto(`/?embed#s=${payloadOf(LOOP)}`);
  await expect.poll(() => editorText(page)).toBe(LOOP);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-verdict')).toContainText('r0 =');
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.waitForTimeout(700);
  expect(await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE_KEY)).toBe(saved);

  // An embed without a session shows the example, not the visitor's work.
  await page.goto('/?embed');
  await expect(page.getByRole('status').filter({ hasText: 'carries no program' })).toBeVisible();
  await expect.poll(() => editorText(page)).not.toContain('my own work');

  await page.goto(`${baseURL}/`);
  await expect.poll(() => editorText(page)).toBe(mine);
});

test('a damaged embed link says what is wrong', async ({ page }) => {
  const payload = payloadOf(LOOP);
  await page.goto(`/?embed#s=${payload.slice(0, 40)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This share link could not be opened' })).toBeVisible();
});

test('the Share menu offers an iframe snippet that embeds the same session', async ({ page, baseURL, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await typeSource(page, ['; embedded in a course page', '.prog xdp', 'r0 = 2', 'exit']);
  await expect(page.getByTestId('program-summary')).toHaveText(/2 insns/);
  const link = await shareLink(page);
  const payload = link.split('#s=')[1]!;
  const snippet = page.getByRole('textbox', { name: 'Embed' });
  await expect(snippet).toHaveValue(`<iframe src="${baseURL}/?embed#s=${payload}" width="100%" height="480" style="border:1px solid #2d3b4d;border-radius:6px" title="bpfiddle: eBPF playground" loading="lazy"></iframe>`);
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByText('Snippet copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.inputValue());

  // The snippet, pasted into a page, shows the live program.
  const host = await context.newPage();
  await host.setContent(await snippet.inputValue());
  const frame = host.frameLocator('iframe');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await frame.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(frame.getByTestId('run-verdict')).toContainText('r0 =');
});
